"""Numbers about a scenario for writers: play-time estimates and word, choice and flag counts.

`estimate_seconds` is the one definition of "how long does this path take in class"; its
constants are documented in docs/authoring.md ("How long is my scenario?").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from game.engine.model import PLAYER, SYSTEM, LocalText, Scenario
from game.engine.runtime import ChoicesEvent, EndingEvent, Event, MessageEvent, ReplyEvent

# A Grade 7 class reads silently at roughly 150-200 words a minute, but a group reading a
# projector together waits for its slowest reader and talks a little: 120 is a fair group pace.
READING_WPM = 120
DEFAULT_TYPING = 1.0  # seconds of "typing…" for a message that sets none (not for system lines)
CHOICE_SECONDS = 15.0  # a group agreeing on a reply, on top of reading the options
FLAG_SECONDS = 5.0  # deciding whether to flag a red flag or a suspicious-looking message
DISCUSS_SECONDS = 60.0  # a "Talk it over" pause (classroom sessions)
DEBRIEF_SECONDS = 60.0  # looking over the score and the flags, on top of reading the debrief


def words(text: str) -> int:
    return len(text.split())


def reading_seconds(*texts: LocalText | None, lang: str = "en") -> float:
    return sum(words(t.get(lang)) for t in texts if t is not None) * 60.0 / READING_WPM


def estimate_seconds(sc: Scenario, events: tuple[Event, ...] | list[Event], lang: str = "en") -> float:
    """Estimated seconds a small group takes to play these events and read the debrief.

    Per message: its typing time and pause (as written, at normal speed; DEFAULT_TYPING when
    none is set) plus reading time at READING_WPM. Per message with a red flag or a note: a
    flag decision (FLAG_SECONDS) plus reading its why/note (Coach mode shows it). Per choice
    point: CHOICE_SECONDS, reading every option, then the chosen reply's feedback; a discussion
    pause adds DISCUSS_SECONDS. At the end: the ending, the debrief texts and DEBRIEF_SECONDS.
    """
    total = 0.0
    for ev in events:
        if isinstance(ev, MessageEvent):
            msg = ev.message
            typing = msg.typing if msg.typing is not None else (
                0.0 if msg.sender in (SYSTEM, PLAYER) else DEFAULT_TYPING)
            total += typing + (msg.pause or 0.0) + reading_seconds(msg.text, lang=lang)
            if msg.attachment is not None:
                total += reading_seconds(msg.attachment.alt, lang=lang)
            if msg.flag is not None or msg.note is not None:
                total += FLAG_SECONDS + reading_seconds(msg.flag.why if msg.flag else msg.note, lang=lang)
        elif isinstance(ev, ChoicesEvent):
            total += CHOICE_SECONDS + reading_seconds(*(c.text for _, c in ev.options), lang=lang)
            if ev.discuss is not None:
                total += DISCUSS_SECONDS + reading_seconds(ev.discuss.prompt, lang=lang)
        elif isinstance(ev, ReplyEvent):
            total += reading_seconds(ev.choice.feedback, lang=lang)
        elif isinstance(ev, EndingEvent):
            d = sc.debrief
            total += DEBRIEF_SECONDS + reading_seconds(ev.ending.title, ev.ending.text, d.summary,
                                                        *d.questions, *d.real_life, lang=lang)
    return total


def minutes_text(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    return f"{m} min {s:02d} s"


@dataclass(frozen=True)
class Statistics:
    words_en: int
    words_fr: int
    beats: int
    messages: int
    choice_points: int
    choices: int
    flags: dict[str, int]  # category -> messages flagged with it
    notes: int
    endings: dict[str, int]  # outcome -> endings

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def statistics(sc: Scenario) -> Statistics:
    """Counts over the whole file (every beat, reachable or not)."""
    texts = [t for _, t in sc.texts()]
    beats = sc.beats.values()
    msgs = [m for b in beats for m in b.messages]
    return Statistics(
        words_en=sum(words(t.en) for t in texts),
        words_fr=sum(words(t.fr) for t in texts if t.fr),
        beats=len(sc.beats),
        messages=len(msgs),
        choice_points=sum(b.choices is not None for b in beats),
        choices=sum(len(b.choices or ()) for b in beats),
        flags=dict(sorted(Counter(m.flag.category for m in msgs if m.flag).items())),
        notes=sum(m.note is not None for m in msgs),
        endings=dict(sorted(Counter(b.ending.outcome for b in beats if b.ending).items())),
    )
