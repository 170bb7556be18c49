"""How a chat's playthrough starts: in writer mode with a watcher on the scenario file; a new
story recorded as it goes (so it can be resumed after a crash); otherwise a plain one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ....engine.model import Scenario
from ....engine.runtime import PlayState, Playthrough

if TYPE_CHECKING:
    from ....authoring.hotreload import Watcher
    from ....settings import Settings
    from ...app import App


def _modes(s: Settings) -> dict[str, Any]:
    """The player's Spot it / Name it and Coach / Challenge, as the settings hold them."""
    return {"difficulty": s.difficulty, "feedback": s.feedback}


def new_playthrough(app: App, scenario: Scenario,
                    state: PlayState | None) -> tuple[Playthrough, Watcher | None]:
    """The playthrough to show, and writer mode's file watcher (None when not watching).
    Results that can't be stored don't stop the game: the chat's banner says so."""
    s = app.settings
    if app.watch:
        pt = Playthrough(scenario, state, **_modes(s))
        path = next((c.path for c in app.library.files
                     if c.scenario is not None and c.scenario.id == scenario.id), None)
        if path is None:
            return pt, None
        from ....authoring.hotreload import Watcher

        lib = app.library
        return pt, Watcher(path, pt, taxonomy=lib.taxonomy, resources=lib.resources)
    if state is None:
        from ....classroom.store import StoreError

        try:
            return app.classroom.solo.start(scenario, s.difficulty, s.feedback), None
        except StoreError as exc:
            app.classroom.record_failed(exc)  # the banner says this play isn't kept
    return Playthrough(scenario, state, **_modes(s)), None
