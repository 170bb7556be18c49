"""The scenario picker: a card per story (title, topic, minutes, grades, summary, content note).
A scenario file that failed validation gets a card too, which opens its errors instead."""

from __future__ import annotations

import os

from ...i18n import _
from ..widgets.base import Button, Card, Grid, Row, TextBlock
from .base import PageScene


def topic_names() -> dict[str, str]:
    return {"grooming": _("Grooming"), "sextortion": _("Sextortion"), "bystander": _("Helping a friend"),
            "judgement": _("Judgement"), "peer-pressure": _("Peer pressure")}


def grades_text(grades) -> str:
    g = sorted(set(grades))
    if len(g) == 1:
        return _("Grade {g}").format(g=g[0])
    return _("Grades {a}–{b}").format(a=g[0], b=g[-1])


def origin_mark(origin: str, draft: bool) -> str:
    """Whose story this is, for its card: the shipped ones carry no mark."""
    if draft:
        return _("Your draft: not offered to classes")
    if origin == "mine":
        return _("Your story (My stories)")
    if origin == "file":
        return _("Opened from a file")
    return ""


class PickerScene(PageScene):
    name = "picker"

    def __init__(self, app):
        self.title = _("Choose a story")
        super().__init__(app)

    def on_top(self) -> None:
        self.rebuild()

    def build(self):
        app, s = self.app, self.app.settings
        self.title = _("Choose a story")  # again at every rebuild: the language may have changed
        lang = s.lang
        lib = app.library
        names = topic_names()
        mode = (_("Spot it") if s.difficulty == "spot" else _("Name it")) + " · " + \
            (_("Coach") if s.feedback == "coach" else _("Challenge"))
        cards = []
        for checked in lib.files:
            sc = checked.scenario
            if checked.ok and sc is not None:
                meta = " · ".join([", ".join(names.get(t, t) for t in sc.topics),
                                   _("{n} min").format(n=sc.minutes), grades_text(sc.grades)])
                mark = origin_mark(checked.origin, sc.draft)
                cards.append(Card([
                    TextBlock(sc.title.get(lang), "large", "text", True),
                    *([TextBlock(mark, "small", "warn" if sc.draft else "good", True)] if mark else []),
                    TextBlock(meta, "small", "muted", True),
                    TextBlock(sc.summary.get(lang), "body", "text"),
                    TextBlock("⚠ " + _("Content note: {note}").format(note=sc.content_note.get(lang)),
                              "small", "muted"),
                ], action=lambda i=sc.id: app.start_scenario(i), name=f"card-{sc.id}"))
            else:
                n = sum(d.severity == "error" for d in checked.diagnostics)
                cards.append(Card([
                    TextBlock(os.path.basename(checked.path), "large", "muted", True),
                    TextBlock(_("Can't be started: {n} problem(s) in this file.").format(n=n), "body", "bad", True),
                    TextBlock(_("Open to see what to fix."), "small", "muted"),
                ], bg="neutral_bg", accent="bad", action=lambda c=checked: self.show_errors(c),
                    name=f"broken-{os.path.basename(checked.path)}"))
        head = [TextBlock(_("Mode: {mode}").format(mode=mode), "body", "text", True),
                Row([Button(_("Change mode and settings"), app.open_settings, "secondary", width="auto",
                            name="to-settings")])]
        if not cards:
            return head + [TextBlock(_("No stories found."), "large", "text", True)]
        return head + [Grid(cards, min_w=420)]

    def show_errors(self, checked) -> None:
        from .errors import ErrorsScene

        self.app.push(ErrorsScene(self.app, checked))
