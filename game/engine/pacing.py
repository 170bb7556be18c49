"""How long the conversation takes to show: the one timing model for messages and the ending.

The chat plays it (scaled by the player's speed setting) and `check`'s play-time estimate adds it
up at normal speed, so what a writer is told a path takes is what the class sees. A message waits
its pause, then shows "typing…" for its typing time, then appears; the ending waits a moment
after the last message so nobody mashing keys is carried past it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import PLAYER, SYSTEM, Message

DEFAULT_PAUSE = 0.4  # seconds before a message that sets no `pause:`
# "typing…" for a message that sets no `typing:`: by its length, within these bounds
TYPING_PER_CHAR = 0.035
TYPING_MIN = 0.6
TYPING_MAX = 2.5
# The ending card waits this long after the last message (which may be the last red flag).
ENDING_DELAY = 1.5


@dataclass(frozen=True)
class Delay:
    """One message's wait, in seconds: "typing…" shows for the last `typing` of the `total`."""

    typing: float
    total: float


def pause_seconds(message: Message) -> float:
    """The quiet before a message: its own `pause:`, else DEFAULT_PAUSE."""
    return DEFAULT_PAUSE if message.pause is None else message.pause


def typing_seconds(message: Message, lang: str) -> float:
    """How long "typing…" shows: never for the player or a system line; a message's own `typing:`;
    else longer for a longer text, between TYPING_MIN and TYPING_MAX."""
    if message.sender in (PLAYER, SYSTEM):
        return 0.0
    if message.typing is not None:
        return message.typing
    return max(TYPING_MIN, min(TYPING_MAX, len(message.text.get(lang)) * TYPING_PER_CHAR))


def message_delay(message: Message, lang: str, factor: float = 1.0) -> Delay:
    """A message's wait, scaled by the speed setting's `factor` (1 is normal, 0 instant)."""
    pause, typing = pause_seconds(message), typing_seconds(message, lang)
    return Delay(typing * factor, (pause + typing) * factor)


def ending_delay(factor: float = 1.0) -> float:
    """The ending card's wait after the last message, scaled like a message's."""
    return ENDING_DELAY * factor
