"""Asking for the teacher PIN before teacher things, from any screen.

Leaving the teacher menu locks teacher mode again, so students at the keyboard can't reach
settings or results; so does a teacher action asked for from a screen students use
(`confirm_with_pin`), whichever way it ends. An action that can't be undone asks for the PIN
again even while teacher mode is open (`ask_pin_again`). The PIN screen itself is pin.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .base import Dialog

if TYPE_CHECKING:
    from ..app import App


def open_teacher(app: App) -> None:
    """The PIN (or choosing one, the first time), then the teacher menu."""

    def menu() -> None:
        app.open("teacher")

    require_pin(app, menu)


def require_pin(app: App, then: Callable[[], None]) -> None:
    """Run `then` now if teacher mode is open, else after the right PIN."""
    if app.classroom.teacher.gate.unlocked:
        then()
    else:
        app.open("pin", then)


def confirm_with_pin(app: App, title: str, body: str, buttons: list[tuple[str, Callable[[], None]]]) -> None:
    """A teacher's action on a screen students use: the PIN, then a question (its first button,
    the default, must be the one that changes nothing). Teacher mode locks again as soon as the
    question is answered or cancelled, unless it was open before."""
    gate = app.classroom.teacher.gate
    was_open = gate.unlocked

    def then(action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if not was_open:
                gate.lock()
            action()
        return run

    def ask() -> None:
        app.push(Dialog(app, title, body, [(label, then(action)) for label, action in buttons],
                        cancel=then(lambda: None)))

    require_pin(app, ask)


def ask_pin_again(app: App, then: Callable[[], None], why: str) -> None:
    """The PIN again, even in teacher mode, before something that can't be undone (`why` says
    what). Back cancels and leaves teacher mode as it was."""
    app.open("pin", then, again=why)
