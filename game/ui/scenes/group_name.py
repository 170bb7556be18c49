"""A new group in a class session: its team name (warned against full names and contact
details, never refused for them) and how many people sit at the computer (roles rotate)."""

from __future__ import annotations

from ...classroom.session import (
    MAX_MEMBERS,
    MAX_NAME,
    MIN_MEMBERS,
    NAME_WARNINGS,
    ClassSession,
    check_group_name,
    name_warning,
)
from ...i18n import _, ngettext
from ..widgets.base import Block, Button, OptionRow, Row, TextBlock
from ..widgets.panels import panel
from ..widgets.textfield import TextField
from .group_flow import advance
from .page import FieldPage


class GroupNameScene(FieldPage):
    """A new group: its name (warned against full names and contact details) and its size."""

    name = "group-name"

    def __init__(self, app, session: ClassSession):
        self.session = session
        self.whole = session.settings.whole_class
        self.title = _("New group")
        self.members = 3
        self.warned_for: str | None = None
        self.problem = ""
        default = (session.settings.class_label or _("Whole class")) if self.whole else ""
        self.field = TextField(_("Group name"), default, MAX_NAME, on_enter=self.submit,
                               on_focus=self.focus_field, name="name",
                               placeholder=_("for example: Blue Foxes"))
        super().__init__(app)
        self.focus(self.field)

    def build(self):
        lang = self.app.settings.lang
        blocks: list[Block] = [
            TextBlock(_("Choose a team name. Don't use your real names."), "large", "text", True),
            self.field,
        ]
        warning = name_warning(self.field.text) if self.field.text.strip() else None
        if self.problem:
            blocks.append(panel([TextBlock(self.problem, "body", "bad", True)], "bad", "problem"))
        elif warning and self.warned_for == self.field.text:
            blocks.append(panel([TextBlock(NAME_WARNINGS[warning].get(lang), "body", "text", True),
                                 TextBlock(_("Change the name, or press Enter again to keep it."), "small",
                                           "muted")], "warn", "warning"))
        if not self.whole:
            blocks.append(OptionRow(_("People in the group"), lambda: str(self.members), self.change_members,
                                    _("Roles rotate between the seats after each story."), name="members"))
        confirm = self.warned_for == self.field.text and warning
        blocks.append(Row([Button(_("Use this name anyway") if confirm else _("Continue"), self.submit,
                                  "primary", width="auto", key_hint="Enter", name="ok")]))
        return blocks

    def change_members(self, step: int) -> None:
        self.members = MIN_MEMBERS + (self.members - MIN_MEMBERS + step) % (MAX_MEMBERS - MIN_MEMBERS + 1)
        self.rebuild()

    def text_changed(self, field: TextField) -> None:
        self.problem = ""
        self.rebuild()
        self.focus(self.field)

    def submit(self) -> None:
        text = self.field.text
        try:
            name = check_group_name(text)
        except ValueError:
            self.problem = _("Type a name first.") if not text.strip() else \
                ngettext("A group name has at most {n} character.", "A group name has at most {n} characters.",
                         MAX_NAME).format(n=MAX_NAME)
            self.rebuild()
            return
        if name_warning(name) and self.warned_for != text:
            self.warned_for = text
            self.rebuild()
            self.focus(self.field)
            return
        run = self.session.add_group(name, self.members)
        advance(self.app, run)
