"""Choosing the lesson (teacher mode): which 1-3 stories the class plays today, in the order
they are picked, each with its play time, and how long the whole lesson takes with the
knowledge check before and after and the class discussion. A story this class (by its name in
the class settings) finished in an earlier session is marked, so the next lesson can pick others.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ...classroom.lesson import LESSON_MINUTES, MAX_STORIES, estimate, played_by_class
from ...i18n import _, ngettext
from ..widgets.base import Block, Button, Card, Grid, Row, TextBlock
from ..widgets.panels import panel
from .labels import grades_text, topic_names
from .page import PageScene


class LessonScene(PageScene):
    name = "lesson"

    def __init__(self, app, begin: Callable[[list[str]], None]):
        room = app.classroom
        self.cs = room.teacher.settings  # PermissionError while teacher mode is locked: fails closed
        self.begin = begin
        self.offered = self.cs.offered(app.library.playable())
        self.chosen: list[str] = []  # in play order
        self.problem = ""
        self.checks_on = self.cs.knowledge_check and room.check is not None
        self.check = room.check
        self.earlier = played_by_class(room.store, self.cs.class_label)
        self.title = _("Choose today's stories")
        super().__init__(app)
        cards = [t for t in self.targets if getattr(t, "name", "").startswith("story-")]
        if cards:  # Start is not ready until a story is picked; the page stays at its top
            self.ui.focused = cards[0]

    def build(self):
        lang = self.app.settings.lang
        self.title = _("Choose today's stories")
        blocks: list[Block] = [
            TextBlock(_("Pick 1 to {n} stories for this lesson.").format(n=MAX_STORIES), "large", "text", True),
            TextBlock(_("Groups play them in the order you pick them. From the session screen you can send "
                        "every group to the after-check at any time."), "small", "muted"),
            self.summary(lang),
        ]
        if self.problem:
            blocks.append(panel([TextBlock(self.problem, "body", "bad", True)], "bad", "problem"))
        if not self.offered:
            blocks.append(TextBlock(_("No story matches the class settings: offer more topics or grades."),
                                    "body", "bad", True))
        blocks.append(Grid([self.story_card(s, lang) for s in self.offered], min_w=300))
        if self.chosen:  # again under the list, where the last story was picked
            blocks.append(Row([Button(_("Start the session"), self.start, "primary", width="auto",
                                      name="begin-end")]))
        return blocks

    def summary(self, lang: str) -> Card:
        """The lesson so far: its stories, the time each part takes, the total, and Start."""
        by_id = {s.id: s for s in self.offered}
        chosen = [by_id[i] for i in self.chosen]
        est = estimate(chosen, self.check, self.checks_on, lang)
        items: list[Block] = []
        if chosen:
            for n, sc in enumerate(chosen, 1):
                items.append(TextBlock(f"{n}. {sc.title.get(lang)} · " + _("{n} min").format(n=sc.minutes_for(lang)),
                                       "body", "text", True))
            parts = [_("Stories: {n} min").format(n=est.story_minutes)]
            if est.check:
                parts.append(_("knowledge check before and after: {n} min").format(n=2 * est.check))
            if est.spot:
                parts.append(_("spot check before and after: {n} min").format(n=2 * est.spot))
            parts.append(_("class discussion: {n} min").format(n=est.discussion))
            items.append(TextBlock(" · ".join(parts), "small", "muted"))
            fits = (_("About {n} min in all: fits a {lesson}-minute lesson.") if est.fits else
                    _("About {n} min in all: longer than a {lesson}-minute lesson.")).format(
                n=est.total, lesson=LESSON_MINUTES)
            items.append(TextBlock(fits, "body", "good" if est.fits else "warn", True))
        else:
            items.append(TextBlock(_("No story chosen yet."), "body", "text", True))
        items.append(Row([Button(_("Start the session"), self.start, "primary", width="auto",
                                 enabled=bool(chosen), name="begin")]))
        return Card(items, accent="online", name="plan")

    def story_card(self, sc, lang: str) -> Card:
        names = topic_names()
        picked = sc.id in self.chosen
        meta = " · ".join([", ".join(names.get(t, t) for t in sc.topics), _("{n} min").format(n=sc.minutes_for(lang)),
                           grades_text(sc.grades)])
        items: list[Block] = []
        if picked:
            items.append(TextBlock("✓ " + _("Story {n} of the lesson").format(n=self.chosen.index(sc.id) + 1),
                                   "small", "good", True))
        items += [TextBlock(sc.title.get(lang), "large", "text", True), TextBlock(meta, "small", "muted", True)]
        if sc.id in self.earlier:
            items.append(TextBlock(_("Played by {label} in an earlier lesson").format(label=self.cs.class_label),
                                   "small", "text", True))
        return Card(items, bg="good_bg" if picked else "card", accent="good" if picked else "online",
                    action=partial(self.toggle, sc.id), name=f"story-{sc.id}")

    def toggle(self, story_id: str) -> None:
        self.problem = ""
        if story_id in self.chosen:
            self.chosen.remove(story_id)
        elif len(self.chosen) >= MAX_STORIES:
            self.problem = ngettext("A lesson has at most {n} story: take it out first.",
                                    "A lesson has at most {n} stories: take one out first.", MAX_STORIES).format(n=MAX_STORIES)
        else:
            self.chosen.append(story_id)
        self.rebuild()

    def start(self) -> None:
        if self.chosen:
            self.begin(list(self.chosen))
