"""The fictional app's own safety tools (format 2): its report flow and the screenshots a player
keeps as evidence.

A real app asks *why* you are reporting before it takes a report, so the game does too: the
player picks one of `REPORT_REASONS` in the app's report sheet, and `Playthrough.choose(i,
reason=...)` keeps that pick (engine/state.py). The story's own `reason:` on the reply is the one
that fits best; `reason_fits` says whether the pick matches it, for the debrief's advice only.

`evidence_in` gives every screenshot the player took as a plain record (which conversation, when,
and the lines it caught), so the evidence gallery only draws it. Which conversation an action is
about is decided here, once (`target_thread`), for the report sheet and the gallery alike.
Pure Python: no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from game.dates import format_time
from game.translatable import N_, Msg

from .localtext import LocalText, label_text
from .model import PLAYER, SYSTEM, Attachment, ReportReason, Scenario
from .state import Entry, PlayState

REASONS: tuple[str, ...] = get_args(ReportReason)  # the ids a story's `reason:` and a pick may use
EVIDENCE_LINES = 6  # a screenshot keeps the last few lines of its conversation, as a phone screen would


@dataclass(frozen=True)
class Reason:
    """One reason the app's report sheet offers: its words, and what it is for."""

    id: str
    label: Msg
    meant_for: Msg  # a short line under the label: when to pick it


# The app's reasons, in the order its report sheet lists them (keys 1 to 5).
REPORT_REASONS: tuple[Reason, ...] = (
    Reason("harassment", N_("Harassment or bullying"),
           N_("Someone keeps insulting, bothering or picking on you.")),
    Reason("nudity", N_("Nudity or sexual content"),
           N_("Someone asks for or sends nude pictures or sexual messages.")),
    Reason("threats", N_("Threats"),
           N_("Someone says they will hurt you or share something unless you do what they want.")),
    Reason("spam", N_("Spam or scam"),
           N_("Ads, fake links or tricks to get your money or your password.")),
    Reason("pretending", N_("Pretending to be someone else"),
           N_("A fake or hacked account using someone else's name or photo.")),
)
assert tuple(r.id for r in REPORT_REASONS) == REASONS, "every report reason needs its words here"


def reason(reason_id: str) -> Reason:
    """A reason by id (KeyError for an unknown one: a story's reasons are checked on load)."""
    for r in REPORT_REASONS:
        if r.id == reason_id:
            return r
    raise KeyError(reason_id)


def reason_fits(story_reason: str | None, picked: str | None) -> bool:
    """Whether the reason the player picked is the one the story says fits best (its `reason:`).

    No pick (a caller that chose without the app's flow) or no reason in the story: it fits.
    This is advice for the debrief only, never a mark: any report still counts, because every
    report reaches the app's safety team whatever box was ticked, the reasons overlap (a threat
    from a hacked account is also someone pretending), and a student who reported must never
    learn that reporting "the wrong way" was not worth it."""
    return story_reason is None or picked is None or picked == story_reason


# -- which conversation an action is about ----------------------------------------------------------


def _sender_thread(scenario: Scenario, e: Entry) -> tuple[str, str]:
    msg = scenario.beats[e.beat].messages[e.index]
    return msg.sender, scenario.thread_of(msg)


def target_thread(scenario: Scenario, transcript: list[Entry], upto: int) -> str:
    """The conversation an action at transcript index `upto` is about: where an offender (a
    character marked `offender: true`) last wrote before it; else where anyone but the player
    and the app last wrote; else the story's first thread. A report or a screenshot is of the
    account doing harm, even when the last message came from a friend or a parent."""
    fallback = None
    for e in reversed(transcript[:upto]):
        if e.kind != "message":
            continue
        sender, thread = _sender_thread(scenario, e)
        ch = scenario.characters.get(sender)
        if ch is not None and ch.offender:
            return thread
        if fallback is None and sender not in (PLAYER, SYSTEM):
            fallback = thread
    return fallback or scenario.first_thread


def reported_account(scenario: Scenario, state: PlayState) -> tuple[str, str | None]:
    """Whom a report made now is about: (thread, the character id of the account, or None when
    only the conversation is known). The account is the last offender who wrote there, else the
    conversation's only member."""
    thread = target_thread(scenario, state.transcript, len(state.transcript))
    for e in reversed(state.transcript):
        if e.kind == "message":
            sender, where = _sender_thread(scenario, e)
            ch = scenario.characters.get(sender)
            if where == thread and ch is not None and ch.offender:
                return thread, sender
    th = scenario.threads.get(thread)
    people = th.people if th is not None else ()
    return thread, people[0] if len(people) == 1 else None


def thread_name(scenario: Scenario, thread: str, lang: str) -> str:
    """The name the phone shows for a conversation: its title, else its people's names (a story
    without threads: its first character)."""
    th = scenario.threads.get(thread)
    if th is None:
        return next(iter(scenario.characters.values())).name.get(lang)
    if th.title is not None:
        return th.title.get(lang)
    return ", ".join(scenario.characters[p].name.get(lang) for p in th.people if p in scenario.characters)


def report_app(scenario: Scenario, state: PlayState) -> str:
    """The app a report made now goes to: the one the reported conversation is on."""
    return scenario.app_of(reported_account(scenario, state)[0])


def account_name(scenario: Scenario, state: PlayState, lang: str) -> str:
    """The account's name as the report sheet says it: "Report <account>?"."""
    thread, who = reported_account(scenario, state)
    ch = scenario.characters.get(who) if who is not None else None
    return ch.name.get(lang) if ch is not None else thread_name(scenario, thread, lang)


# -- evidence ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line a screenshot caught, as the chat showed it."""

    index: int  # transcript index
    sender: str  # a character id, PLAYER or SYSTEM
    name: LocalText | None  # the sender's name (None: the player or the app)
    text: LocalText
    time: str | LocalText | None  # the message's time label, as written
    attachment: Attachment | None = None

    @property
    def outgoing(self) -> bool:
        return self.sender == PLAYER

    def clock(self, lang: str) -> str:
        """The time as the chat shows it in `lang` ("" for none)."""
        label = label_text(self.time, lang)
        return format_time(label, lang) if label else ""


@dataclass(frozen=True)
class Screenshot:
    """A screenshot the player took: which conversation, when, and what it caught."""

    number: int  # 1, 2, ... in the order taken
    index: int  # transcript index of the screenshot reply
    thread: str
    lines: tuple[Line, ...]  # the last EVIDENCE_LINES lines of `thread` up to the screenshot
    time: str | LocalText | None = None  # the phone's clock then: the latest clock time seen, any thread

    def clock(self, lang: str) -> str:
        """When it was taken, as the phone's clock said ("" when the story gave no time yet)."""
        label = label_text(self.time, lang)
        return format_time(label, lang) if label else ""


def _clock_then(scenario: Scenario, transcript: list[Entry], upto: int) -> str | LocalText | None:
    """The latest message time before `upto` that is a clock (has a digit), not a word such as
    "yesterday": what the phone's status bar showed."""
    for e in reversed(transcript[:upto]):
        if e.kind == "message":
            label = scenario.beats[e.beat].messages[e.index].time
            if label is not None and any(c.isdigit() for c in label_text(label, "en")):
                return label
    return None


def _lines_of(scenario: Scenario, transcript: list[Entry], upto: int, thread: str) -> tuple[Line, ...]:
    """The lines of `thread` before transcript index `upto`: messages, and the player's sent
    replies (a reply goes where the last message from someone other than the app came from)."""
    beats, out, last = scenario.beats, [], scenario.first_thread
    for i, e in enumerate(transcript[:upto]):
        if e.kind == "message":
            msg = beats[e.beat].messages[e.index]
            where = scenario.thread_of(msg)
            if msg.sender != SYSTEM:
                last = where
            if where == thread:
                ch = scenario.characters.get(msg.sender)
                out.append(Line(i, msg.sender, ch.name if ch is not None else None, msg.text, msg.time,
                                msg.attachment))
            continue
        choice = (beats[e.beat].choices or ())[e.index]
        if choice.act is None and last == thread:  # an action line is not part of the conversation
            out.append(Line(i, PLAYER, None, choice.text, None))
    return tuple(out[-EVIDENCE_LINES:])


def evidence_in(scenario: Scenario, state: PlayState) -> list[Screenshot]:
    """Every screenshot the player took, in order, with what it caught."""
    out: list[Screenshot] = []
    for i, e in enumerate(state.transcript):
        if e.kind != "reply" or (scenario.beats[e.beat].choices or ())[e.index].act != "screenshot":
            continue
        thread = target_thread(scenario, state.transcript, i)
        out.append(Screenshot(len(out) + 1, i, thread, _lines_of(scenario, state.transcript, i, thread),
                              _clock_then(scenario, state.transcript, i)))
    return out
