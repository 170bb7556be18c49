"""The chat's clock: messages arrive one by one as engine.pacing says (a pause, then "typing…"),
scaled by the speed setting; instant shows everything at once.

Built for a class at one keyboard: the ending waits a moment after the last message, and its
button ignores presses in its first moment (SETTLE), so nobody mashing keys is carried past it.
"""

from __future__ import annotations

from typing import Protocol

from ....engine.pacing import ENDING_DELAY, ending_delay, message_delay
from ....engine.runtime import ChoicesEvent, EndingEvent, Event, MessageEvent

__all__ = ["ENDING_DELAY", "SETTLE", "Pacer", "Stage"]

SETTLE = 1.0  # seconds before "See how you did" answers a key or a click


class Stage(Protocol):
    """What the pacer drives: the engine's next event, and the screen that shows it."""

    lang: str

    def halted(self) -> bool:
        """Waiting for the player: replies or the ending card are up."""

    def next_event(self) -> Event: ...

    def speed_factor(self) -> float: ...

    def reveal(self, ev: MessageEvent) -> None: ...

    def show_choices(self, ev: ChoicesEvent) -> None: ...

    def show_ending(self, ev: EndingEvent) -> None: ...


class Pacer:
    """The message on its way (`pending`), how long it still waits, and the ending's moment."""

    def __init__(self) -> None:
        self.clock = 0.0
        self.pending: MessageEvent | None = None
        self.wait_left = 0.0
        self.typing_for = 0.0  # "typing…" shows for the last this-many seconds of the wait
        self.ending_due: EndingEvent | None = None  # the ending, waiting its moment
        self.ending_wait = 0.0
        self.ending_at = 0.0  # the clock when the ending card appeared

    def reset(self) -> None:
        """A new version of the story (writer mode): nothing on its way."""
        self.pending = self.ending_due = None

    def start(self, ev: MessageEvent, factor: float, lang: str) -> None:
        delay = message_delay(ev.message, lang, factor)
        self.pending = ev
        self.typing_for = delay.typing
        self.wait_left = delay.total

    def typing_visible(self) -> bool:
        return self.pending is not None and self.typing_for > 0 and self.wait_left <= self.typing_for

    def skip(self) -> None:
        """Space: the message on its way shows now."""
        if self.pending is not None:
            self.wait_left = 0.0

    def ending_shown(self) -> None:
        self.ending_due = None
        self.ending_at = self.clock

    def settled(self, ending_up: bool) -> bool:
        """Whether the ending card has been up long enough for its button to take a press."""
        return ending_up and self.clock - self.ending_at >= SETTLE

    def run(self, dt: float, stage: Stage) -> bool:
        """Let `dt` seconds pass: pull events from the engine and show those whose time came.
        Returns whether anything new is on screen."""
        changed = False
        for _guard in range(100000):
            if self.pending is None:
                if stage.halted() or self.ending_due is not None:
                    break
                ev = stage.next_event()
                if isinstance(ev, MessageEvent):
                    self.start(ev, stage.speed_factor(), stage.lang)
                elif isinstance(ev, ChoicesEvent):
                    stage.show_choices(ev)
                    changed = True
                    break
                elif isinstance(ev, EndingEvent):
                    self._ending_arrives(ev, stage)
                    changed = True
                    break
            self.wait_left -= dt
            dt = 0.0
            if self.wait_left > 0:
                break
            dt = -self.wait_left
            shown, self.pending = self.pending, None
            assert shown is not None
            stage.reveal(shown)
            changed = True
        if self.ending_due is not None and self.pending is None:
            self.ending_wait -= dt
            if self.ending_wait <= 0:
                stage.show_ending(self.ending_due)
                changed = True
        return changed

    def _ending_arrives(self, ev: EndingEvent, stage: Stage) -> None:
        """The ending waits a moment after the last message, so its card and button never arrive
        together with a message someone is about to flag (or under a key being mashed)."""
        self.ending_due = ev
        self.ending_wait = ending_delay(stage.speed_factor())
        if self.ending_wait <= 0:
            stage.show_ending(ev)
