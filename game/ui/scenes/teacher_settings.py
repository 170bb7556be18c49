"""Class settings (behind the PIN): which stories are offered (by topic and grade), Spot it or
Name it, Coach or Challenge, discussion pauses and their timer, the knowledge check, language,
help region, whole-class mode and the class's name. Saved at once; a session takes a snapshot
when it starts. Also the writer's option: reload a scenario when its file is saved."""

from __future__ import annotations

from ... import settings as settings_mod
from ...classroom.settings import DIFFICULTIES, DISCUSSIONS, FEEDBACKS
from ...engine.model import LANGS
from ...engine.taxonomy import REGIONS
from ...i18n import _, ngettext
from ..widgets.base import Block, Card, OptionRow, Spacer, TextBlock
from ..widgets.panels import panel
from ..widgets.textfield import TextField
from .classfolder import settings_blocks as class_folder_blocks
from .labels import grades_text, topic_names, value_names
from .page import FieldPage

TIMERS = (0, 60, 120, 180, 300)


class TeacherSettingsScene(FieldPage):
    name = "teacher-settings"

    def __init__(self, app):
        self.teacher = app.classroom.teacher
        self.cs = self.teacher.settings
        self.problem = ""
        self.label_field = TextField(_("Class name (optional)"), self.cs.class_label, 20, on_enter=self.save_label,
                                     on_focus=self.focus_field, name="class-label",
                                     placeholder=_("for example: 7B"))
        self.title = _("Class settings")
        super().__init__(app)

    # -- what can be offered ------------------------------------------------------------------

    def all_topics(self) -> list[str]:
        return sorted({t for s in self.app.library.playable().values() for t in s.topics})

    def all_grades(self) -> list[int]:
        return sorted({g for s in self.app.library.playable().values() for g in s.grades})

    def build(self):
        cs = self.cs
        names = value_names()
        topics = topic_names()
        yes_no = {True: _("Offered"), False: _("Not offered")}
        offered = cs.offered(self.app.library.playable())
        lang = self.app.settings.lang
        blocks: list[Block] = [TextBlock(_("Changes are saved at once. A session keeps the settings it "
                                           "started with."), "small", "muted")]
        if self.problem:
            blocks.append(panel([TextBlock(self.problem, "body", "bad", True)], "bad", "problem"))
        blocks.append(TextBlock(_("Stories"), "heading", "text", True))
        blocks.append(TextBlock(_("A story is offered when all of its topics are. Stories that are not offered "
                                  "are not under Play on this computer either."), "small", "muted"))
        listing = ", ".join(s.title.get(lang) for s in offered) or _("none")
        blocks.append(Card([TextBlock(ngettext("{n} story offered, played in this order:",
                                               "{n} stories offered, played in this order:",
                                               len(offered)).format(n=len(offered)),
                                      "body", "text", True),
                            TextBlock(listing, "body", "muted")], accent="online", name="offered"))
        for t in self.all_topics():
            n = sum(t in s.topics for s in self.app.library.playable().values())
            blocks.append(OptionRow(topics.get(t, t), lambda t=t: yes_no[self.topic_on(t)],
                                    lambda step, t=t: self.toggle("topics", t),
                                    ngettext("{n} story", "{n} stories", n).format(n=n), name=f"topic-{t}"))
        for g in self.all_grades():
            blocks.append(OptionRow(grades_text([g]), lambda g=g: yes_no[self.grade_on(g)],
                                    lambda step, g=g: self.toggle("grades", g), name=f"grade-{g}"))
        blocks.append(TextBlock(_("How the class plays"), "heading", "text", True))
        discussion = {"off": _("Off"), "marked": _("Marked decisions"), "all": _("Every decision")}
        timer = {0: _("No timer")} | {s: _("{n} min").format(n=s // 60) for s in TIMERS if s}
        on_off = {True: _("On"), False: _("Off")}
        rows = [
            ("difficulty", _("Difficulty"), DIFFICULTIES, names["difficulty"],
             _("Spot it: flag warning signs. Name it: also pick the tactic.")),
            ("feedback", _("Feedback"), FEEDBACKS, names["feedback"],
             _("Coach: hear at once if you're right. Challenge: find out at the end.")),
            ("discussion", _("Discussion pauses"), DISCUSSIONS, discussion,
             _("A Talk it over screen before decisions the writers marked, or before every decision.")),
            ("timer_seconds", _("Discussion timer"), TIMERS, timer, _("Groups can turn the timer off.")),
            ("knowledge_check", _("Knowledge check"), (True, False), on_off,
             _("The same short quiz before the first story and after the last.")),
            ("whole_class", _("Whole class at one screen"), (False, True), on_off,
             _("For a projector: large text, the teacher drives, no roles card.")),
            ("language", _("Language"), LANGS, names["lang"], ""),
            ("region", _("Help resources"), REGIONS, names["region"], _("Which helplines Get help shows.")),
        ]
        for key, label, values, shown, hint in rows:
            blocks.append(OptionRow(label, lambda k=key, sh=shown: sh.get(getattr(self.cs, k), str(getattr(self.cs, k))),
                                    lambda step, k=key, v=values: self.cycle(k, v, step), hint, name=key))
        blocks += [Spacer(0.5), self.label_field,
                   TextBlock(_("A class, never a person: it appears on the class report."), "small", "muted"),
                   *class_folder_blocks(self),
                   TextBlock(_("For scenario writers"), "heading", "text", True),
                   OptionRow(_("Writer mode: reload scenarios when saved"), lambda: on_off[self.app.watch],
                             self.toggle_writer, _("Saving a story's YAML file reloads it in the game and "
                                                   "keeps your place; errors are shown on screen."),
                             name="writer")]
        return blocks

    def topic_on(self, t: str) -> bool:
        return not self.cs.topics or t in self.cs.topics

    def grade_on(self, g: int) -> bool:
        return not self.cs.grades or g in self.cs.grades

    # -- changes ------------------------------------------------------------------------------

    def toggle(self, field: str, value) -> None:
        every = self.all_topics() if field == "topics" else self.all_grades()
        on = set(getattr(self.cs, field) or every) ^ {value}
        if not on:
            self.problem = _("At least one topic must stay offered.") if field == "topics" else \
                _("At least one grade must stay offered.")
            self.rebuild()
            return
        setattr(self.cs, field, [] if on >= set(every) else sorted(on))
        self.save()

    def cycle(self, key: str, values: tuple, step: int) -> None:
        cur = getattr(self.cs, key)
        i = values.index(cur) if cur in values else 0
        setattr(self.cs, key, values[(i + step) % len(values)])
        self.save()

    def save_label(self) -> None:
        self.cs.class_label = " ".join(self.label_field.text.split())
        self.save()

    def text_changed(self, field: TextField) -> None:
        if field is not self.label_field:
            return  # the class folder's path: used on Enter or its button
        self.cs.class_label = " ".join(field.text.split())
        self._save()

    def save(self) -> None:
        self.problem = ""
        self._save()
        self.rebuild()

    def _save(self) -> None:
        try:
            self.teacher.save_settings(self.cs)
        except OSError as exc:
            self.problem = _("These settings can't be saved ({error}): they apply until Red Flags "
                             "closes.").format(error=exc.strerror or exc)

    def toggle_writer(self, step: int) -> None:
        self.app.watch = not self.app.watch
        saved = settings_mod.load()  # the player's own settings, not a session's class defaults
        saved.writer = self.app.watch
        settings_mod.save(saved)
        self.rebuild()
