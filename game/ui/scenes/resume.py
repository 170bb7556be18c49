"""The title screen's way back to where things stopped: "Resume your story" after an interrupted
normal game, "Continue class session" while a session runs on this computer (after a restart
or a crash). Both buttons read the stores only; the scenarios load when one is chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...classroom import vault
from ...classroom.store import StoreError
from ...engine.runtime import PlayError
from ...i18n import _
from ..widgets.base import Button
from .base import Dialog
from .teacher_access import require_pin

if TYPE_CHECKING:
    from ..app import App


def title_buttons(app: App) -> list[Button]:
    """'Resume your story' after an interrupted normal game; 'Continue class session' while a
    session runs on this computer. Both read the stores only (no scenario loading)."""
    def continue_session() -> None:
        open_active_session(app)

    out = []
    room = app.classroom
    solo = room.solo
    if solo is not None and solo.interrupted() is not None:
        out.append(Button(_("Resume your story"), lambda: resume_solo(app), "primary", width="auto",
                          name="resume"))
    try:
        active = room.active_id()
    except StoreError:
        active = None
    if active:
        out.append(Button(_("Continue class session"), continue_session, "primary", width="auto",
                          name="continue-session"))
    return out


def open_active_session(app: App) -> bool:
    """'Continue class session' on the title screen (after a restart or a crash)."""
    sid = app.classroom.active_id()
    if sid is None:
        return False
    gate = app.classroom.teacher.gate
    if gate.key is None and vault.exists():
        # the groups' names are sealed: the teacher's PIN opens them for this class (and locks
        # teacher mode again straight after, so students at the keyboard get nothing more)
        def continue_session() -> None:
            gate.lock()
            app.open("session", app.classroom.open_session(sid))

        require_pin(app, continue_session)
        return True
    app.open("session", app.classroom.open_session(sid))
    return True


def resume_solo(app: App) -> None:
    """The interrupted story, where it stopped; if it is gone or was changed since, say so."""
    solo = app.classroom.solo
    found = solo.resumable(app.library.playable()) if solo is not None else None
    if found is None:
        app.push(Dialog(app, _("This story can't be resumed"),
                        _("It is no longer installed, or it has problems. Choose a story from the list."),
                        [(_("OK"), lambda: None)]))
        return
    info, scenario = found

    def start_again() -> None:
        app.start_scenario(scenario.id)

    try:
        pt = solo.resume(info, scenario)
    except PlayError:
        app.push(Dialog(app, _("This story can't be resumed"),
                        _("The story was changed since you played it, so it can't continue where you "
                          "stopped. Start it again from the beginning?"),
                        [(_("Start again"), start_again),
                         (_("Not now"), lambda: None)]))
        return
    app.open("chat", scenario, pt=pt)
