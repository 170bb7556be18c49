"""What a playthrough tells the front end and its listeners: the events `next()` and `choose()`
return, the actions the hook reports, and Coach mode's verdict on a flag.

Apart from the stepping rules (runtime.py, which re-exports every name here) so the runtime stays
one concern: these are plain frozen records that recorders, checkers and screens read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeAlias

from .model import MAIN_THREAD, Choice, Discussion, Ending, LocalText, Message


@dataclass(frozen=True)
class MessageEvent:
    index: int  # transcript index: what `flag()` takes
    beat: str
    message: Message
    separator: LocalText | None = None  # the beat's label, on its first message
    thread: str = MAIN_THREAD  # the conversation it appears in


@dataclass(frozen=True)
class ReplyEvent:
    """The player's chosen reply: their own bubble, or for an action (`action: true`) a line
    saying what they did (took a screenshot, showed a parent), never a message sent."""

    index: int
    beat: str
    choice: Choice
    reason: str | None = None  # a report: the reason the player picked in the app (None: the story's stands)

    @property
    def action(self) -> bool:
        """The reply is something the player does, not a message sent in the chat."""
        return self.choice.act is not None


@dataclass(frozen=True)
class ChoicesEvent:
    beat: str
    options: tuple[tuple[int, Choice], ...]  # (choice index for `choose()`, choice)
    discuss: Discussion | None = None


@dataclass(frozen=True)
class EndingEvent:
    beat: str
    ending: Ending  # as the player sees it: the variant the story variables chose, if any
    variant: int | None = None  # which of the beat's ending variants (None: the ending as written)


Event: TypeAlias = MessageEvent | ReplyEvent | ChoicesEvent | EndingEvent

ActionKind: TypeAlias = Literal["enter", "message", "choices", "ending", "choice", "flag", "unflag", "rewind",
                                "act", "open"]


@dataclass(frozen=True)
class Action:
    """One change to a playthrough's state, as the action hook reports it (see the module
    docstring for what each kind means)."""

    kind: ActionKind
    beat: str  # the beat entered, shown from, offered or ended in; a flagged line's beat
    event: Event | None = None  # what `next()` or `choose()` returned, for those actions
    index: int | None = None  # the transcript line flagged or unflagged
    category: str | None = None  # the tactic named with a flag (None: none named)
    act: str | None = None  # what an `act` did: screenshot, block, ... or "act"
    thread: str | None = None  # the thread an `open` put on the phone


Handler: TypeAlias = Callable[[Action], None]


@dataclass(frozen=True)
class FlagVerdict:
    """What Coach mode tells the player about one flag."""

    correct: bool  # the message really is a red flag
    named: bool | None  # the category was right (None when no category was given)
    category: str | None  # the real category (None for a false alarm)
    why: LocalText | None  # the flag's why, the message's note, or why it is a judgement call
    borderline: bool = False  # a judgement call: neither right nor a false alarm
