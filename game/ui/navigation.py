"""The scene stack: screens opened by name (scenes/registry.py), so no screen imports another,
and what closes with them. The top scene gets the input; the ones under it wait, and hear
`on_top()` when they are on top again. A scene that held a story hands its memory back as it
closes (memory.release_memory)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .memory import release_memory
from .scenes.registry import screen

if TYPE_CHECKING:
    from ..engine.validate import Library
    from .app import App
    from .scenes.base import Scene


class Navigation:
    """The App's scene stack part: push, pop, replace, go back to a screen, open one by name."""

    scenes: list[Scene]

    if TYPE_CHECKING:
        @property
        def library(self) -> Library: ...

    @property
    def top(self) -> Scene:
        return self.scenes[-1]

    def open(self, name: str, *args, replace: bool = False, **kw) -> Scene:
        """Make the screen called `name` with `args` and `kw` and put it on top (in place of the
        top one with `replace`): `app.open("chat", scenario, pt=pt, run=run)`."""
        scene = screen(name)(self, *args, **kw)
        if replace:
            self.replace(scene)
        else:
            self.push(scene)
        return scene

    def push(self, scene: Scene) -> None:
        self.scenes.append(scene)

    def pop(self) -> None:
        if len(self.scenes) > 1:
            self._closed([self.scenes.pop()])
            self.top.on_top()

    def replace(self, scene: Scene) -> None:
        self._closed([self.scenes[-1]])
        self.scenes[-1] = scene

    def pop_to(self, name: str) -> bool:
        """Pop scenes until one called `name` is on top (False if there is none)."""
        if not any(s.name == name for s in self.scenes):
            return False
        closed = []
        while self.top.name != name:
            closed.append(self.scenes.pop())
        self._closed(closed)
        self.top.on_top()
        return True

    def _closed(self, scenes: list[Scene]) -> None:
        if any(s.holds_story for s in scenes):
            release_memory()

    # -- screens every screen can reach ---------------------------------------------------------

    def open_help(self) -> None:
        if self.top.name != "help":
            self.open("help")

    def open_settings(self) -> None:
        self.open("settings")

    def open_picker(self) -> None:
        if not self.pop_to("picker"):
            self.open("picker")

    def open_teacher(self) -> None:
        """Teacher mode: the PIN (set on first use), then the teacher menu."""
        from .scenes.teacher_access import open_teacher

        open_teacher(cast("App", self))

    def start_scenario(self, ref: str, state=None) -> bool:
        """Open the chat for a playable story (by id or file path); a broken one opens its errors
        instead, and an unknown one says so."""
        from ..library import find

        checked = find(self.library, ref)
        if checked is not None and checked.ok and checked.scenario is not None:
            self.open("chat", checked.scenario, state)
            return True
        self.open("errors", checked, ref)
        return False
