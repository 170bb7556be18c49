"""The scenario picker: a card per story (a picture of its app and people, widgets/story_card.py; title,
topic, minutes, grades, summary, content note, and a mark once it was played to the end on this
computer, in words and as a check on the picture). A scenario file that failed
validation gets a card too, which opens its errors instead. Stories the teacher switched off in
the class settings (a topic, a grade) are not listed: a class must not meet them here either;
a writer's draft and a story file opened by name still are."""

from __future__ import annotations

import os

from ...classroom import played as played_stories
from ...classroom.settings import load_settings
from ...engine.options import Difficulty, Feedback, label
from ...i18n import _, ngettext
from ..widgets.base import Button, Card, Grid, Row, TextBlock
from ..widgets.story_card import StoryCard, StoryPicture
from .labels import grades_text, topic_names
from .page import PageScene


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
        mode = label(Difficulty, s.difficulty) + " · " + label(Feedback, s.feedback)
        cards = []
        switched = load_settings()  # the teacher's class settings (no PIN needed to read them)
        played = played_stories.played()
        hidden = 0
        for checked in lib.files:
            sc = checked.scenario
            if checked.ok and sc is not None and not (sc.draft or checked.origin == "file" or switched.allows(sc)):
                hidden += 1
                continue
            if checked.ok and sc is not None:
                meta = " · ".join([", ".join(names.get(t, t) for t in sc.topics),
                                   _("{n} min").format(n=sc.minutes_for(lang)), grades_text(sc.grades)])
                mark = origin_mark(checked.origin, sc.draft)
                words = [
                    *([TextBlock(mark, "small", "warn" if sc.draft else "good", True)] if mark else []),
                    *([TextBlock("✓ " + _("Played on this computer"), "small", "good", True)]
                      if sc.id in played else []),
                    TextBlock(meta, "small", "muted", True),
                    TextBlock(sc.summary.get(lang), "body", "text"),
                    TextBlock("⚠ " + _("Content note: {note}").format(note=sc.content_note.get(lang)),
                              "small", "muted"),
                ]
                cards.append(StoryCard(TextBlock(sc.title.get(lang), "large", "text", True),
                                       StoryPicture(sc, lang, sc.id in played), words,
                                       action=lambda i=sc.id: app.start_scenario(i), name=f"card-{sc.id}"))
            else:
                n = sum(d.severity == "error" for d in checked.diagnostics)
                cards.append(Card([
                    TextBlock(os.path.basename(checked.path), "large", "muted", True),
                    TextBlock(ngettext("Can't be started: {n} problem in this file.",
                                       "Can't be started: {n} problems in this file.", n).format(n=n), "body", "bad", True),
                    TextBlock(_("Open to see what to fix."), "small", "muted"),
                ], bg="neutral_bg", accent="bad", action=lambda c=checked: self.show_errors(c),
                    name=f"broken-{os.path.basename(checked.path)}"))
        head = [TextBlock(_("Mode: {mode}").format(mode=mode), "body", "text", True),
                Row([Button(_("Change mode and settings"), app.open_settings, "secondary", width="auto",
                            name="to-settings")])]
        if hidden:
            head.append(TextBlock(_("Some stories are switched off in the teacher's class settings."), "small",
                                  "muted"))
        if not cards:
            return head + [TextBlock(_("No stories found."), "large", "text", True)]
        return head + [Grid(cards, min_w=420)]

    def show_errors(self, checked) -> None:
        self.app.open("errors", checked)
