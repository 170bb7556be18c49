"""Teacher mode: the PIN screen (set on first use, then asked each time) and the teacher menu.

The PIN is typed on the keyboard or on the on-screen keypad and shown as dots. Five wrong
tries lock the keypad for 30 seconds (the backend's TeacherGate). Leaving the teacher menu
locks teacher mode again, so students at the keyboard can't reach settings or results.
A forgotten PIN is reset on that computer with `python -m game results reset-pin`.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ...classroom.pin import MAX_LEN, MIN_LEN
from ...i18n import _
from ..widgets.base import Block, Button, Card, Grid, Row, Spacer, TextBlock
from .base import Dialog, PageScene
from .session import Column, FieldPage, SessionScene, TextField, mode_line, panel

KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok")


def open_teacher(app) -> None:
    """The PIN (or choosing one, the first time), then the teacher menu."""
    require_pin(app, lambda: app.push(TeacherMenuScene(app)))


def require_pin(app, then: Callable[[], None]) -> None:
    """Run `then` now if teacher mode is open, else after the right PIN."""
    if app.classroom.teacher.gate.unlocked:
        then()
    else:
        app.push(PinScene(app, then))


class Keypad(Block):
    """A 3x4 grid of big buttons: digits, delete, OK."""

    def __init__(self, press: Callable[[str], None]):
        super().__init__()
        labels = {"del": "⌫", "ok": _("OK")}
        self.buttons = [Button(labels.get(k, k), (lambda k=k: press(k)), "primary" if k == "ok" else "secondary",
                               name=f"key-{k}") for k in KEYPAD]

    def _cell(self, w: int) -> tuple[int, int, int]:
        from ..theme import theme

        t = theme()
        gap = t.px("gap")
        bw = min((w - 2 * gap) // 3, round(110 * t.scale))
        bh = max(t.px("button_h"), round(bw * 0.5))
        return bw, bh, gap

    def measure(self, w: int) -> int:
        _bw, bh, gap = self._cell(w)
        return 4 * bh + 3 * gap

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        bw, bh, gap = self._cell(w)
        x0 = x + (w - 3 * bw - 2 * gap) // 2
        for i, b in enumerate(self.buttons):
            r, c = divmod(i, 3)
            b.draw(surf, x0 + c * (bw + gap), y + r * (bh + gap), bw, ui)
            b.rect.h = bh

    def focus_targets(self) -> list[Block]:
        return list(self.buttons)

    def click(self, pos) -> bool:
        return any(b.click(pos) for b in self.buttons)

    def set_enabled(self, on: bool) -> None:
        for b in self.buttons:
            b.enabled = on


class PinScene(FieldPage):
    """Unlock teacher mode, or choose the PIN on first use (typed twice)."""

    name = "pin"

    def __init__(self, app, then: Callable[[], None]):
        self.then = then
        self.gate = app.classroom.teacher.gate
        self.mode = "setup" if self.gate.needs_setup else "unlock"
        self.first = ""  # setup: the PIN typed the first time
        self.message: tuple[str, str] | None = None  # (tone, text)
        self.field = TextField("", "", MAX_LEN, masked=True, allowed=str.isdigit, on_enter=self.submit,
                               on_focus=self.focus_field, name="pin")
        self.keypad = Keypad(self.press)
        self.title = _("Teacher mode")
        super().__init__(app)
        self.focus(self.field)

    def wake_after(self) -> float | None:
        return 0.5 if self.gate.wait_seconds() > 0 or self._locked_shown else None

    _locked_shown = False

    def update(self, dt: float) -> bool:
        locked = self.gate.wait_seconds() > 0
        if locked != self._locked_shown or locked:
            self._locked_shown = locked
            self.rebuild()
        return False

    def build(self):
        if self.mode == "setup":
            head = _("Choose a teacher PIN") if not self.first else _("Type the same PIN again")
            sub = _("First use on this computer: choose {a} to {b} digits. Students must not see it.").format(
                a=MIN_LEN, b=MAX_LEN)
        else:
            head = _("Enter the teacher PIN")
            sub = _("Teacher mode holds the class settings and every group's results.")
        blocks: list[Block] = [TextBlock(head, "heading", "text", True, "center"),
                               TextBlock(sub, "body", "muted", False, "center"), Spacer(0.5),
                               Column([self.field], 350)]
        wait = self.gate.wait_seconds()
        if wait > 0:
            blocks.append(panel([TextBlock(_("Too many wrong tries. Try again in {n} seconds.").format(n=wait),
                                           "body", "bad", True)], "bad", "message"))
        elif self.message:
            tone, text = self.message
            blocks.append(panel([TextBlock(text, "body", "bad" if tone == "bad" else "text", True)], tone,
                                "message"))
        self.keypad.set_enabled(wait == 0)
        blocks.append(Column([self.keypad], 350))
        blocks.append(TextBlock(_("Type with the number keys or click the keypad. Enter confirms, Esc goes back."),
                                "small", "muted", False, "center"))
        if self.mode == "unlock":
            blocks.append(TextBlock(_("Forgot the PIN? On this computer, run: python -m game results reset-pin"),
                                    "small", "muted", False, "center"))
        return blocks

    def press(self, k: str) -> None:
        if self.gate.wait_seconds() > 0:
            return
        if k == "del":
            self.field.text = self.field.text[:-1]
        elif k == "ok":
            self.submit()
        else:
            self.field.insert(k)

    def handle(self, ev) -> None:
        if ev.type == pygame.TEXTINPUT and not isinstance(self.ui.focused, TextField):
            self.field.insert(ev.text)  # digits go to the PIN wherever the focus ring is
            return
        if self.gate.wait_seconds() > 0 and ev.type in (pygame.TEXTINPUT, pygame.KEYDOWN) and \
                getattr(ev, "key", None) not in (pygame.K_ESCAPE, pygame.K_TAB, pygame.K_F1):
            return
        super().handle(ev)

    def submit(self) -> None:
        pin = self.field.text
        if self.gate.wait_seconds() > 0:
            return
        self.field.text = ""
        if self.mode == "setup":
            if not (pin.isdigit() and MIN_LEN <= len(pin) <= MAX_LEN):
                self.message = ("bad", _("A PIN has {a} to {b} digits.").format(a=MIN_LEN, b=MAX_LEN))
            elif not self.first:
                self.first, self.message = pin, None
            elif pin != self.first:
                self.first = ""
                self.message = ("bad", _("The two PINs were different. Choose a PIN again."))
            else:
                self.gate.setup(pin)
                self.done()
                return
        elif self.gate.unlock(pin):
            self.done()
            return
        elif self.gate.wait_seconds() == 0:
            self.message = ("bad", _("That PIN is not right."))
        self.rebuild()
        self.focus(self.field)

    def done(self) -> None:
        self.app.pop()
        self.then()


class TeacherMenuScene(PageScene):
    """What a teacher can do: start or continue a session, class settings, class results."""

    name = "teacher"

    def __init__(self, app):
        self.title = _("Teacher mode")
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
        rows = [Button(_("Start a class session"), self.start_session, "primary", width="auto",
                       enabled=bool(offered), name="start")]
        if active:
            rows.append(Button(_("Continue the current session"), self.continue_session, "secondary",
                               width="auto", name="continue"))
        blocks.append(Card([
            TextBlock(_("Class session"), "large", "text", True),
            TextBlock(_("{n} stories offered: {titles}").format(
                n=len(offered), titles=", ".join(s.title.get(lang) for s in offered)) if offered else
                _("No story matches the class settings: offer more topics or grades."), "body",
                "text" if offered else "bad"),
            TextBlock(mode_line(cs) + "  ·  " + (_("whole class at one screen") if cs.whole_class else
                                                 _("groups of 2 or 3 with roles")), "small", "muted"),
            Row(rows)], accent="online"))
        sessions = teacher.sessions()
        blocks.append(Grid([
            Card([TextBlock(_("Class settings"), "large", "text", True),
                  TextBlock(_("Stories by topic and grade, modes, discussion pauses, language, help region, "
                              "whole-class mode."), "small", "muted")], action=self.open_settings, name="settings"),
            Card([TextBlock(_("Class results"), "large", "text", True),
                  TextBlock(_("The class debrief; export, import, the printable report, delete all results."),
                            "small", "muted")], action=self.open_results, name="results"),
            Card([TextBlock(_("Lock teacher mode"), "large", "text", True),
                  TextBlock(_("Back to the title screen. The PIN is needed again."), "small", "muted")],
                 action=self.lock, name="lock")], min_w=260))
        blocks.append(TextBlock(_("{n} sessions saved on this computer.").format(n=len(sessions)) + " " +
                                _("Results never leave this computer by themselves."), "small", "muted"))
        return blocks

    def start_session(self) -> None:
        room = self.app.classroom
        try:
            session = room.teacher.start_session()
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
        self.app.push(SessionScene(self.app, session))

    def open_settings(self) -> None:
        from .teacher_settings import TeacherSettingsScene

        self.app.push(TeacherSettingsScene(self.app))

    def open_results(self) -> None:
        from .classdebrief import ClassDebriefScene

        self.app.push(ClassDebriefScene(self.app))

    def lock(self) -> None:
        self.app.classroom.teacher.gate.lock()
        self.app.pop()

    def back(self) -> None:
        self.lock()
