"""Every screen by name, so a screen opens another with `app.open("name", ...)` and never imports
it: screens stay independent of their neighbours, and a screen's module (with what it imports:
the engine, the results store) loads only when it is first opened, which keeps start-up fast.

A name is the screen's `Scene.name` too (what `app.pop_to(name)` looks for). An entry is
"module:attribute": a Scene class, or a function that makes one, called as `(app, *args, **kw)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Scene

SCREENS: dict[str, str] = {
    # playing
    "title": "game.ui.scenes.title:TitleScene",
    "picker": "game.ui.scenes.picker:PickerScene",
    "chat": "game.ui.scenes.chat:ChatScene",
    "debrief": "game.ui.scenes.debrief:DebriefScene",
    "errors": "game.ui.scenes.errors:ErrorsScene",
    "help": "game.ui.scenes.help:HelpScene",
    "settings": "game.ui.scenes.settings:SettingsScene",
    "report": "game.ui.scenes.report:ReportScene",
    "evidence": "game.ui.scenes.evidence:EvidenceScene",
    # a class session
    "session": "game.ui.scenes.session:SessionScene",
    "group-name": "game.ui.scenes.group_name:GroupNameScene",
    "roles": "game.ui.scenes.roles:RolesScene",
    "check": "game.ui.scenes.check:CheckScene",
    "spot-check": "game.ui.scenes.spotcheck:SpotCheckScene",
    "pause": "game.ui.scenes.pause:PauseScene",
    "session-debrief": "game.ui.scenes.session_debrief:session_debrief",
    "group-done": "game.ui.scenes.group_done:GroupDoneScene",
    # the teacher
    "pin": "game.ui.scenes.pin:PinScene",
    "teacher": "game.ui.scenes.teacher:TeacherMenuScene",
    "teacher-settings": "game.ui.scenes.teacher_settings:TeacherSettingsScene",
    "lesson": "game.ui.scenes.lesson:LessonScene",
    "class-debrief": "game.ui.scenes.classdebrief:ClassDebriefScene",
    "files": "game.ui.scenes.files:FileChooser",
}

_loaded: dict[str, Callable[..., Scene]] = {}


def screen(name: str) -> Callable[..., Scene]:
    """What makes the screen called `name` (imported on first use)."""
    found = _loaded.get(name)
    if found is None:
        try:
            module, attr = SCREENS[name].split(":")
        except KeyError:
            raise KeyError(f"no screen is called {name!r}: see game/ui/scenes/registry.py") from None
        # __import__, as an import statement does: `python -X importtime` lists the screen then,
        # which the launch test and bench/frames.py read (importlib.import_module goes unlisted)
        found = _loaded[name] = getattr(__import__(module, fromlist=[attr]), attr)
    return found
