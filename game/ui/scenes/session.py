"""The session screen of a class session: what the class plays, the groups and where each one is
(open to students: names and progress only, no results), and the teacher's buttons behind the
PIN: the teacher menu, "send everyone to the after-check" and ending the session.

Progress lives in the results store (game/classroom), never in screens: a group's card asks
group_flow.advance what comes next, so after a crash, a closed lid or Esc the same call puts the
group back where it was.
"""

from __future__ import annotations

from functools import partial

from ...classroom.session import ClassSession, GroupRun, Step
from ...classroom.store import StoreError
from ...i18n import _
from ..widgets.base import Block, Button, Card, Grid, Row, Spacer, TextBlock
from ..widgets.panels import panel
from .base import Dialog
from .group_flow import advance
from .labels import mode_line
from .page import FieldPage
from .teacher_access import confirm_with_pin, require_pin


def progress_text(run: GroupRun, step: Step, lang: str) -> str:
    n = len(run.session.scenarios)
    if step.kind == "pre_check":
        return _("Knowledge check (before)")
    if step.kind == "post_check":
        return _("Knowledge check (after)")
    if step.kind in ("pre_spot", "post_spot", "later_spot"):
        return {"pre_spot": _("Spot check (before)"), "post_spot": _("Spot check (after)")}.get(
            step.kind) or _("Spot check (later)")
    if step.kind == "later_check":
        return _("Knowledge check (later)")
    if step.kind == "scenario":
        assert step.scenario is not None  # a scenario step always has its scenario
        text = _("Story {n} of {total}: {title}").format(n=step.round + 1, total=n,
                                                         title=step.scenario.title.get(lang))
        return text + ("  ·  " + _("interrupted, can be resumed") if step.resume else "")
    return _("Finished")


class SessionScene(FieldPage):
    """The session screen: what the class plays, the groups and where each one is."""

    name = "session"

    def __init__(self, app, session: ClassSession):
        self.session = session
        self.notice = ""  # the after-check could not be saved
        app.classroom.apply_session_settings(session.settings)
        self.title = self._title()
        super().__init__(app)

    def _title(self) -> str:
        label = self.session.settings.class_label
        return (_("Later check") if self.session.later else _("Class session")) + (f" · {label}" if label else "")

    def on_top(self) -> None:
        try:  # "Delete all results" in the teacher menu opened from here: this session is gone
            gone = self.app.classroom.store.session(self.session.id) is None
        except StoreError:
            gone = False
        if gone:
            self.leave()
            return
        self.title = self._title()
        self.rebuild()

    def layout(self) -> None:
        self.title = self._title()
        super().layout()

    def build(self):
        app, session, cs = self.app, self.session, self.session.settings
        lang = app.settings.lang
        whole = cs.whole_class
        groups = session.groups()
        titles = ", ".join(s.title.get(lang) for s in session.scenarios)
        plan = [TextBlock((_("Today's stories: {titles}") if session.chosen else
                           _("Stories, in order: {titles}")).format(titles=titles), "body", "text", True),
                TextBlock(mode_line(cs), "small", "muted")]
        if session.missing:
            plan.append(TextBlock(_("Not installed here, skipped: {ids}").format(ids=", ".join(session.missing)),
                                  "small", "warn"))
        blocks: list[Block] = [] if session.later else [Card(plan, accent="online", name="plan")]
        if session.later:
            blocks.append(panel([TextBlock(_("Later check: each group judges a few new chats and answers the "
                                             "questions again, to see what stayed with the class."), "body",
                                           "text", True)], "neutral", "later-check"))
        elif session.after_check:
            stop = (_("The teacher called the after-check: each group judges a few new chats, then answers the "
                      "questions.")
                    if cs.knowledge_check and session.check is not None else
                    _("The teacher ended the stories for today."))
            blocks.append(panel([TextBlock(stop, "body", "text", True),
                                 TextBlock(_("A story a group had not finished stays unfinished in the results."),
                                           "small", "text")], "warn", "after-check"))
        if self.notice:
            blocks.append(panel([TextBlock(self.notice, "body", "text")], "warn", "notice"))
        if whole:
            blocks.append(TextBlock(_("Whole class at one screen: the teacher drives, everyone discusses."),
                                    "body", "muted"))
        if (not groups or not whole) and not session.after_check and not session.later:
            label = _("Start") if whole else _("Add a group")
            blocks.append(Row([Button(label, self.add_group, "primary", width="auto", name="add-group")]))
        if groups:
            blocks.append(TextBlock(_("Groups"), "heading", "text", True))
            blocks.append(TextBlock(_("Choose your group to go on."), "small", "muted"))
        cards = [self.group_card(i, run, lang) for i, run in enumerate(groups)]
        if cards:
            blocks.append(Grid(cards, min_w=300))
        teacher = [Button(_("Teacher menu"), self.teacher_menu, "secondary", width="auto", name="teacher")]
        if not session.after_check and not session.later:
            teacher.append(Button(_("Send everyone to the after-check") if self.checks_on else
                                  _("End the stories for everyone"), self.call_after_check, "secondary",
                                  width="auto", name="after-check-now"))
        teacher.append(Button(_("End the session"), self.end_session, "secondary", width="auto", name="end"))
        blocks += [Spacer(1), TextBlock(_("For the teacher"), "body", "text", True), Row(teacher),
                   TextBlock(_("Everything is saved as it happens. If the computer stops, open Red Flags "
                               "again and choose Continue class session."), "small", "muted")]
        return blocks

    @property
    def checks_on(self) -> bool:
        return self.session.settings.knowledge_check and self.session.check is not None

    def group_card(self, i: int, run: GroupRun, lang: str) -> Card:
        """A group's name, where it is, and the stories it has played (here, or in an earlier
        lesson of the same class under the same team name)."""
        step = run.next_step()
        done = step.kind == "done"
        items: list[Block] = [TextBlock(run.info.name, "large", "text", True),
                              TextBlock(("✓ " if done else "▶ ") + progress_text(run, step, lang), "small",
                                        "good" if done else "muted", True)]
        marks = story_marks_text(run.story_marks(self.session.earlier_plays(run.info.name)), lang)
        if marks:
            items.append(TextBlock(marks, "small", "text"))
        return Card(items, accent="good" if done else "online",
                    action=None if done else partial(advance, self.app, run), name=f"group-{i}")

    def add_group(self) -> None:
        self.app.open("group-name", self.session)

    def teacher_menu(self) -> None:
        def go():
            self.app.pop_to("session")
            self.app.open("teacher")

        require_pin(self.app, go)

    def end_session(self) -> None:
        confirm_with_pin(self.app, _("End this session?"),
                         _("The results stay saved for the class debrief. Groups can no longer "
                           "continue from the title screen."),
                         [(_("Keep the session"), lambda: None), (_("End the session"), self._end)])

    def call_after_check(self) -> None:
        if self.checks_on:
            title, go = _("Send every group to the after-check?"), _("Send to the after-check")
            body = _("Each group's next step becomes the check after the stories: a few new chats, then the "
                     "questions. A group in the middle of a story stops there: what it did so far stays "
                     "saved, as unfinished. This can't be undone.")
        else:
            title, go = _("End the stories for every group?"), _("End the stories")
            body = _("No group starts or continues a story after this. What each group did so far stays "
                     "saved; a story in progress stays unfinished. This can't be undone.")
        confirm_with_pin(self.app, title, body, [(_("Keep playing"), lambda: None), (go, self._after_check)])

    def _after_check(self) -> None:
        if not self.session.call_after_check():
            self.notice = _("This can't be saved in the data folder: it holds until Red Flags closes.")
        self.rebuild()

    def _end(self) -> None:
        self.app.classroom.set_active(None)
        self.leave()

    def leave(self) -> None:
        self.app.classroom.restore_settings()
        self.app.pop_to("title")

    def back(self) -> None:
        self.app.push(Dialog(self.app, _("Leave the session screen?"),
                             _("Everything is saved. To come back, choose Continue class session on the "
                               "title screen."),
                             [(_("Stay"), lambda: None), (_("Leave"), self.leave)]))


def story_marks_text(marks, lang: str) -> str:
    """The stories a group has played, for its card: finished ones ticked; a story it started
    and did not finish, and one played in an earlier lesson, said in words."""
    parts = []
    for scenario, mark in marks:
        title = scenario.title.get(lang)
        if mark == "finished":
            parts.append("✓ " + title)
        elif mark == "unfinished":
            parts.append(_("{title}: not finished").format(title=title))
        elif mark == "earlier":
            parts.append(_("{title}: played in an earlier lesson").format(title=title))
    return "  ·  ".join(parts)
