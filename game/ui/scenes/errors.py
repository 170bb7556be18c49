"""A scenario that failed validation: its problems, for the teacher or writer. It cannot be
started from here (author errors never crash the game)."""

from __future__ import annotations

import os

from ...i18n import _
from ..widgets.base import Card, TextBlock
from .base import PageScene


class ErrorsScene(PageScene):
    name = "errors"

    def __init__(self, app, checked, missing_id: str | None = None):
        self.checked, self.missing_id = checked, missing_id
        self.title = _("Scenario problems")
        super().__init__(app)

    def build(self):
        if self.checked is None:
            return [TextBlock(_("There is no scenario called '{id}'.").format(id=self.missing_id),
                              "large", "text", True),
                    TextBlock(_("Check the name, or choose a story from the list."), "body", "muted")]
        c = self.checked
        errors = [d for d in c.diagnostics if d.severity == "error"]
        blocks = [
            TextBlock(os.path.basename(c.path), "large", "text", True),
            TextBlock(_("This story has {n} problem(s) and can't be started. A teacher or writer can "
                        "fix them in the file (python -m game validate shows the same list).")
                      .format(n=len(errors)), "body", "muted"),
        ]
        for d in c.diagnostics:
            where = _("line {line}").format(line=d.line) if d.line else ""
            head = f"{d.code}  {where}".strip()
            items = [TextBlock(head, "small", "bad" if d.severity == "error" else "warn", True),
                     TextBlock(d.message, "body", "text")]
            if d.hint:
                items.append(TextBlock(_("Hint: {hint}").format(hint=d.hint), "small", "muted"))
            blocks.append(Card(items, accent="bad" if d.severity == "error" else "warn_bg"))
        return blocks
