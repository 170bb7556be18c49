"""A scenario that failed validation: its problems, for the teacher or writer. It cannot be
started from here (author errors never crash the game)."""

from __future__ import annotations

import os

from ...i18n import _, ngettext
from ..widgets.base import Card, TextBlock
from .page import PageScene


class ErrorsScene(PageScene):
    name = "errors"

    WATCH_EVERY = 0.5  # seconds between looks at the file in writer mode

    def __init__(self, app, checked, missing_id: str | None = None):
        self.checked, self.missing_id = checked, missing_id
        self.title = _("Scenario problems")
        super().__init__(app)
        self._since_look = 0.0
        self._seen = self._signature()

    # -- writer mode: fix the file, and the story opens as soon as it is saved ---------------

    def _signature(self):
        if self.checked is None or not self.app.watch:
            return None
        try:
            st = os.stat(self.checked.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def wake_after(self) -> float | None:
        return self.WATCH_EVERY if self._seen is not None else None

    def update(self, dt: float) -> bool:
        if self._seen is None:
            return False
        self._since_look += dt
        if self._since_look < self.WATCH_EVERY:
            return False
        self._since_look = 0.0
        sig = self._signature()
        if sig is None or sig == self._seen:
            return False
        self._seen = sig
        self.app.reload_library()
        from ...library import find

        checked = find(self.app.library, self.checked.path)
        if checked is not None and checked.ok and checked.scenario is not None:
            self.app.pop()  # this screen, then the story opens in its place
            self.app.start_scenario(self.checked.path)
        elif checked is not None:
            self.checked = checked
            self.rebuild()
        return True

    def build(self):
        if self.checked is None:
            return [TextBlock(_("There is no scenario called '{id}'.").format(id=self.missing_id),
                              "large", "text", True),
                    TextBlock(_("Check the name, or choose a story from the list."), "body", "muted")]
        c = self.checked
        errors = [d for d in c.diagnostics if d.severity == "error"]
        blocks = [
            TextBlock(os.path.basename(c.path), "large", "text", True),
            TextBlock(ngettext("This story has {n} problem and can't be started. A teacher or writer can "
                               "fix it in the file (python -m game validate shows the same list).",
                               "This story has {n} problems and can't be started. A teacher or writer can "
                               "fix them in the file (python -m game validate shows the same list).", len(errors))
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
