"""How long a path through a story takes a group in class: the one play-time model.

The chat's own waits come from engine.pacing (what the class sees); on top of them a group reads
at a class pace, decides about flags, agrees on replies and reads the debrief. `check` reports it
to writers (docs/authoring.md, "How long is my scenario?") and the lesson planner adds it up for a
teacher, so both say the same number. Pure Python, like the rest of the engine.
"""

from __future__ import annotations

from .model import LocalText, Scenario
from .pacing import ENDING_DELAY, message_delay
from .runtime import ChoicesEvent, EndingEvent, Event, MessageEvent, ReplyEvent

# A Grade 7 class reads silently at roughly 150-200 words a minute, but a group reading a
# projector together waits for its slowest reader and talks a little: 120 is a fair group pace.
READING_WPM = 120
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

    Per message: its pause and typing time as the chat plays them at normal speed (engine.pacing,
    the game's own model, so the estimate and the game agree) plus reading time at READING_WPM.
    Per message with a red flag or a note: a flag decision (FLAG_SECONDS) plus reading its
    why/note (Coach mode shows it). Per choice point: CHOICE_SECONDS, reading every option, then
    the chosen reply's feedback; a discussion pause adds DISCUSS_SECONDS. At the end: the
    ending's wait (ENDING_DELAY), reading the ending and the debrief texts, and DEBRIEF_SECONDS.
    """
    total = 0.0
    for ev in events:
        if isinstance(ev, MessageEvent):
            msg = ev.message
            total += message_delay(msg, lang).total + reading_seconds(msg.text, lang=lang)
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
            total += ENDING_DELAY + DEBRIEF_SECONDS + reading_seconds(
                ev.ending.title, ev.ending.text, d.summary, *d.questions, *d.real_life, lang=lang)
    return total
