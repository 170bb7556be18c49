"""The story's debrief inside a class session: the same content as the debrief screen, with
Continue (the group's next step) instead of Play again, and Back to the session screen.

It is the screen registered as "debrief" with those two changes, made from the registry, so
neither screen module imports the other."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ...i18n import _
from ..widgets.base import Button, Row
from .group_flow import advance
from .registry import screen

if TYPE_CHECKING:
    from ...classroom.session import GroupRun
    from ..app import App
    from .base import Scene


@cache
def _session_debrief_class() -> type:
    debrief = screen("debrief")  # a class, not a function that makes one

    class SessionDebriefScene(debrief):  # type: ignore[misc,valid-type]
        in_session = True

        def __init__(self, app: App, pt, run: GroupRun):
            self.group_run = run  # before the page is built: its buttons need it
            super().__init__(app, pt)

        def buttons(self, suffix: str) -> Row:
            return Row([Button(_("Continue"), lambda: advance(self.app, self.group_run), "primary",
                               width="auto", name=f"continue{suffix}")])

        def back(self) -> None:
            self.app.pop_to("session")

    return SessionDebriefScene


def session_debrief(app: App, pt, run: GroupRun) -> Scene:
    """The debrief of playthrough `pt`, played by the group `run`."""
    return _session_debrief_class()(app, pt, run)
