"""The flow of a group through a class session: what comes next is asked of the results store
(`run.next_step()`), never remembered by a screen, so after a crash, a closed lid or Esc the same
call puts the group back where it was. Each step opens its screen by name, on top of the
session screen: the knowledge check, the spot check, the roles card, the story, or "all done"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...i18n import _
from .base import Dialog

if TYPE_CHECKING:
    from ...classroom.session import GroupRun, Step
    from ..app import App


def advance(app: App, run: GroupRun) -> None:
    """Show what this group does next (asked of the store), on top of the session screen."""
    if not app.pop_to("session"):
        app.open("session", run.session)
    step = run.next_step()
    if step.kind in ("pre_check", "post_check", "later_check"):
        app.open("check", run, step)
    elif step.kind in ("pre_spot", "post_spot", "later_spot"):
        app.open("spot-check", run, step)
    elif step.kind == "scenario":
        if step.roles:
            app.open("roles", run, step)
        else:
            play_step(app, run, step)
    elif run.session.later:  # a later check has no stories to celebrate: say it is saved
        app.push(Dialog(app, _("Thank you, {name}!").format(name=run.info.name),
                        _("Your group's later check is saved. Your teacher will talk it over with the class."),
                        [(_("OK"), lambda: None)]))
    else:
        app.open("group-done", run)


def play_step(app: App, run: GroupRun, step: Step) -> None:
    """The group's story, recorded (resumed where it stopped, when it can be)."""
    pt = run.play(step)
    app.open("chat", step.scenario, pt=pt, run=run)
    if step.restarted:
        app.push(Dialog(app, _("This story starts again"),
                        _("The story was changed after your group started it, so it can't continue "
                          "where you stopped. It starts again from the beginning; what your group did "
                          "before is kept in the results."), [(_("OK"), lambda: None)]))
