"""The teacher menu (behind the PIN: teacher_access.py asks for it, pin.py is its screen):
start or continue a class session, class settings, class results, lock.

Leaving the menu locks teacher mode again, so students at the keyboard can't reach settings or
results. Starting a class session first asks which stories this lesson plays (the lesson
screen); while a session runs, continuing it is the default and starting another says what
happens to it.
"""

from __future__ import annotations

from functools import partial

from ...classroom.titles import session_titles
from ...i18n import _, ngettext
from ..widgets.base import Block, Button, Card, Grid, Row, TextBlock
from .base import Dialog
from .labels import mode_line
from .page import PageScene


class TeacherMenuScene(PageScene):
    """What a teacher can do: start or continue a session, class settings, class results."""

    name = "teacher"

    def __init__(self, app):
        self.title = _("Teacher mode")
        app.classroom.teacher.first_language(app.settings.lang)  # (first use: the game's language)
        super().__init__(app)
        self.focus(self.targets[0])

    def on_top(self) -> None:
        if not self.app.classroom.teacher.gate.unlocked:  # locked by a session starting
            self.app.pop()
            return
        self.title = _("Teacher mode")
        self.rebuild()

    def build(self):
        room = self.app.classroom
        teacher = room.teacher
        cs = teacher.settings
        offered = cs.offered(self.app.library.playable())
        lang = self.app.settings.lang
        blocks: list[Block] = []
        active = room.active_id()
        # while a session runs, continuing it is the default: starting another one ends it
        start = Button(_("Start a new class session") if active else _("Start a class session"),
                       self.start_session, "secondary" if active else "primary", width="auto",
                       enabled=bool(offered), name="start")
        rows = [Button(_("Continue the current session"), self.continue_session, "primary", width="auto",
                       name="continue"), start] if active else [start]
        blocks.append(Card([  # the buttons first: with big text the list of stories is long
            TextBlock(_("Class session"), "large", "text", True),
            *([TextBlock(_("A session is running on this computer. Starting a new one ends it."), "small",
                         "warn", True)] if active else []),
            Row(rows),
            TextBlock(ngettext("{n} story offered: {titles}", "{n} stories offered: {titles}", len(offered)).format(
                n=len(offered), titles=", ".join(s.title.get(lang) for s in offered)) if offered else
                _("No story matches the class settings: offer more topics or grades."), "small",
                "text" if offered else "bad"),
            TextBlock(mode_line(cs) + "  ·  " + (_("whole class at one screen") if cs.whole_class else
                                                 _("groups of 2 or 3 with roles")), "small", "muted")],
            accent="online"))
        sessions = teacher.sessions()
        blocks.append(Grid([
            Card([TextBlock(_("Class settings"), "large", "text", True),
                  TextBlock(_("Stories by topic and grade, modes, discussion pauses, language, help region, "
                              "whole-class mode."), "small", "muted")], action=self.open_settings, name="settings"),
            Card([TextBlock(_("Class results"), "large", "text", True),
                  TextBlock(_("The class debrief; export, import, the printable report, delete all results."),
                            "small", "muted")], action=self.open_results, name="results"),
            Card([TextBlock(_("Later check"), "large", "text", True),
                  TextBlock(_("Weeks after a session: its groups judge new chats and answer the questions "
                              "again, to see what stayed."), "small", "muted")], action=self.later_check,
                 name="later-check"),
            Card([TextBlock(_("Lock teacher mode"), "large", "text", True),
                  TextBlock(_("Back to the title screen. The PIN is needed again."), "small", "muted")],
                 action=self.lock, name="lock")], min_w=260))
        blocks.append(TextBlock(ngettext("{n} session saved on this computer.", "{n} sessions saved on this computer.",
                                         len(sessions)).format(n=len(sessions)) + " " +
                                _("Results never leave this computer by themselves."), "small", "muted"))
        return blocks

    def start_session(self) -> None:
        """Choose the lesson's stories, then start; while a session runs, first say what
        happens to it (keeping it is the default)."""
        if self.app.classroom.active_id():
            self.app.push(Dialog(self.app, _("A session is running"),
                                 _("Starting a new session ends the one that is running: its groups can no "
                                   "longer continue it. Everything it recorded stays saved for the class "
                                   "debrief."),
                                 [(_("Keep the running session"), lambda: None),
                                  (_("End it and start a new one"), self.choose_lesson)]))
            return
        self.choose_lesson()

    def choose_lesson(self) -> None:
        self.app.open("lesson", self.begin)

    def begin(self, lesson: list[str]) -> None:
        room = self.app.classroom
        try:
            session = room.teacher.start_session(lesson)
        except ValueError:
            self.app.push(Dialog(self.app, _("No story to play"),
                                 _("No story matches the class settings: offer more topics or grades."),
                                 [(_("OK"), lambda: None)]))
            return
        room.set_active(session.id)
        self._open(session)

    def continue_session(self) -> None:
        room = self.app.classroom
        sid = room.active_id()
        if sid:
            self._open(room.open_session(sid))

    def _open(self, session) -> None:
        room = self.app.classroom
        if not session.settings.whole_class:
            room.teacher.gate.lock()  # groups play: the teacher's things need the PIN again
        self.app.pop_to("title")
        self.app.open("session", session)

    def later_check(self) -> None:
        """Pick the earlier session whose groups take the later check (the newest nine)."""
        from ...classroom.skillcheck import later_candidates

        room = self.app.classroom
        found = later_candidates(room.store)[:9]
        if not found:
            self.app.push(Dialog(self.app, _("No session to check again"),
                                 _("A later check follows a class session with the knowledge check on. "
                                   "Run a session first."), [(_("OK"), lambda: None)]))
            return
        titles = session_titles(found)
        self.app.push(Dialog(self.app, _("Later check: which session?"),
                             _("Each group of that session chooses its name and takes the check again."),
                             [(titles[s.id], partial(self.begin_later, s.id)) for s in found], numbered=True))

    def begin_later(self, session_id: str) -> None:
        room = self.app.classroom
        session = room.open_session(session_id)
        session.call_later_check()  # not saved (a read-only folder): it holds until the game closes
        room.set_active(session.id)
        self._open(session)

    def open_settings(self) -> None:
        self.app.open("teacher-settings")

    def open_results(self) -> None:
        self.app.open("class-debrief")

    def lock(self) -> None:
        self.app.classroom.teacher.gate.lock()
        self.app.pop()

    def back(self) -> None:
        self.lock()
