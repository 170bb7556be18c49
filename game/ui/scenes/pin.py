"""The PIN screen: teacher mode opens with the PIN (chosen on first use, typed twice), typed on
the keyboard or on the on-screen keypad and shown as dots; the recovery code (shown once, and
typed when the PIN is forgotten); the offer of a longer PIN; and the PIN asked again before an
action that can't be undone. Wrong tries lock the keypad (the lock-out is kept in the PIN record).

It never shows the command that resets a PIN (a student could read it): it says to ask the
teacher, and the facilitator guide and docs/privacy.md hold the command.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from ...classroom import pin
from ...classroom.pin import CODE_DIGITS, MAX_LEN, MIN_LEN, PinError
from ...i18n import _, ngettext
from ..widgets.base import Block, Button, Row, Spacer, TextBlock
from ..widgets.panels import Column, panel
from ..widgets.textfield import TextField
from .page import FieldPage

KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok")



class Keypad(Block):
    """A 3x4 grid of big buttons: digits, delete, OK."""

    def __init__(self, press: Callable[[str], None]):
        super().__init__()
        labels = {"del": "⌫", "ok": _("OK")}
        self.buttons = [Button(labels.get(k, k), partial(press, k), "primary" if k == "ok" else "secondary",
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
    """Unlock teacher mode. Modes: unlock, setup (first use, typed twice), recover (the recovery
    code), newpin (after the code, or a longer PIN: typed twice), code (the new recovery code,
    shown once), longer (offer a longer PIN after an old short one) and stuck (no recovery code,
    and no PIN record or an old PIN forgotten: only the command line can help)."""

    name = "pin"

    def __init__(self, app, then: Callable[[], None], again: str = ""):
        self.then = then
        self.gate = app.classroom.teacher.gate
        self.mode = {"unlock": "unlock", "setup": "setup", "recover": "recover"}.get(self.gate.state(), "stuck")
        self.again = again if self.gate.unlocked and self.mode == "unlock" else ""  # a second time: why
        self.missing = self.mode == "recover"  # recover mode because the PIN record is gone
        self.first = ""  # setup and newpin: the PIN typed the first time
        self.code = ""  # code mode: the recovery code to write down
        self.offered = False  # longer: asked once
        self.message: tuple[str, str] | None = None  # (tone, text)
        self.field = TextField("", "", CODE_DIGITS if self.mode == "recover" else MAX_LEN, masked=True,
                               allowed=str.isdigit, on_enter=self.submit, on_focus=self.focus_field, name="pin")
        self.keypad = Keypad(self.press)
        self.title = _("Teacher mode")
        super().__init__(app)
        self.focus(self.field if self.typing else self.targets[0])

    @property
    def typing(self) -> bool:
        return self.mode in ("unlock", "setup", "recover", "newpin")

    def wait(self) -> int:
        return self.gate.wait_seconds() if self.mode == "unlock" else 0

    def wake_after(self) -> float | None:
        return 0.5 if self.wait() > 0 or self._locked_shown else None

    _locked_shown = False

    def update(self, dt: float) -> bool:
        locked = self.wait() > 0
        if locked != self._locked_shown or locked:
            self._locked_shown = locked
            self.rebuild()
        return False

    def switch(self, mode: str, message: tuple[str, str] | None = None) -> None:
        self.mode, self.first, self.message = mode, "", message
        self.field.text = ""
        self.field.max_len = CODE_DIGITS if mode == "recover" else MAX_LEN
        self.show_back = mode != "code"  # the code screen ends only with "I have written it down"
        self.rebuild(keep_focus=False)
        self.focus(self.field if self.typing else self.targets[0])

    def heading(self) -> tuple[str, str]:
        digits = _("Choose {a} to {b} digits. Students must not see it.").format(a=MIN_LEN, b=MAX_LEN)
        if self.mode == "setup":
            return (_("Type the same PIN again") if self.first else _("Choose a teacher PIN"),
                    _("First use on this computer: choose {a} to {b} digits. Students must not see it.").format(
                        a=MIN_LEN, b=MAX_LEN))
        if self.mode == "newpin":
            return _("Type the same PIN again") if self.first else _("Choose a new teacher PIN"), digits
        if self.mode == "recover":
            return _("Type the recovery code"), (
                _("The teacher PIN record is missing or damaged. Type the recovery code to choose a new PIN.")
                if self.missing else _("Type the 16-digit recovery code you wrote down when you chose the PIN. "
                                       "Then choose a new PIN."))
        if self.again:
            return _("Enter the teacher PIN again"), self.again
        return _("Enter the teacher PIN"), _("Teacher mode holds the class settings and every group's results.")

    def build(self):
        if self.mode == "code":
            return self.build_code()
        if self.mode == "longer":
            return [TextBlock(_("Choose a longer PIN?"), "heading", "text", True, "center"),
                    TextBlock(_("New PINs have {a} to {b} digits: a longer PIN is much harder to guess. You can "
                                "keep this one.").format(a=MIN_LEN, b=MAX_LEN), "body", "muted", False, "center"),
                    Row([Button(_("Choose a longer PIN"), lambda: self.switch("newpin"), "primary", width="auto",
                                name="longer"),
                         Button(_("Keep this PIN"), self.done, "secondary", width="auto", name="keep")])]
        if self.mode == "stuck":
            why = (_("This PIN has no recovery code: it was set by an older version of Red Flags. The results "
                     "stay locked.")
                   if pin.is_set() else
                   _("The teacher PIN record is missing or damaged, and so is its recovery code. "
                     "The results stay locked."))
            return [TextBlock(_("Teacher mode can't be opened"), "heading", "text", True, "center"),
                    panel([TextBlock(why, "body", "text"),
                           TextBlock(_("Ask your teacher. Teachers: \"A forgotten PIN\" in the facilitator "
                                       "guide says how to set a new PIN on this computer."), "body", "text", True)],
                          "warn", "message")]
        head, sub = self.heading()
        blocks: list[Block] = [TextBlock(head, "heading", "text", True, "center"),
                               TextBlock(sub, "body", "muted", False, "center"), Spacer(0.5),
                               Column([self.field], 350)]
        wait = self.wait()
        if wait > 0:
            text = (ngettext("Too many wrong tries. Try again in {n} second.",
                             "Too many wrong tries. Try again in {n} seconds.", wait).format(n=wait) if wait < 120 else
                    ngettext("Too many wrong tries. Try again in {n} minute.",
                             "Too many wrong tries. Try again in {n} minutes.", -(-wait // 60)).format(n=-(-wait // 60)))
            blocks.append(panel([TextBlock(text, "body", "bad", True)], "bad", "message"))
        elif self.message:
            tone, text = self.message
            blocks.append(panel([TextBlock(text, "body", "bad" if tone == "bad" else "text", True)], tone,
                                "message"))
        self.keypad.set_enabled(wait == 0)
        blocks.append(Column([self.keypad], 350))
        blocks.append(TextBlock(_("Type with the number keys or click the keypad. Enter confirms, Esc goes back."),
                                "small", "muted", False, "center"))
        if self.mode == "unlock" and not self.again:
            blocks.append(Row([Button(_("Forgot the PIN? Use your recovery code"), self.forgot, "secondary",
                                      width="auto", name="forgot")]))
        return blocks

    def forgot(self) -> None:
        self.switch("recover" if pin.has_recovery() else "stuck")

    def build_code(self) -> list[Block]:
        return [TextBlock(_("Write down your recovery code"), "heading", "text", True, "center"),
                panel([TextBlock(self.code, "heading", "text", True, "center")], "warn", "recovery-code"),
                TextBlock(_("If you forget the PIN, this code is the only way back into teacher mode without "
                            "deleting every result. It is shown only this once: write it on paper and keep it "
                            "away from students."), "body", "text", False, "center"),
                Row([Button(_("I have written it down"), self.written, "primary", width="auto", name="written")])]

    def press(self, k: str) -> None:
        if self.wait() > 0:
            return
        if k == "del":
            self.field.text = self.field.text[:-1]
        elif k == "ok":
            self.submit()
        else:
            self.field.insert(k)

    def handle(self, ev) -> None:
        if not self.typing:
            super().handle(ev)
            return
        if ev.type == pygame.TEXTINPUT and not isinstance(self.ui.focused, TextField):
            self.field.insert(ev.text)  # digits go to the PIN wherever the focus ring is
            return
        if self.wait() > 0 and ev.type in (pygame.TEXTINPUT, pygame.KEYDOWN) and \
                getattr(ev, "key", None) not in (pygame.K_ESCAPE, pygame.K_TAB, pygame.K_F1):
            return
        super().handle(ev)

    def submit(self) -> None:
        typed = self.field.text
        if not self.typing or self.wait() > 0:
            return
        self.field.text = ""
        if self.mode in ("setup", "newpin"):
            self.choose(typed)
        elif self.mode == "recover":
            if self.gate.recover(typed):
                self.switch("newpin")
                return
            self.message = ("bad", _("That recovery code is not right."))
        elif self.again and self.gate.confirm(typed):
            self.done()
            return
        elif not self.again and self.gate.unlock(typed):
            self.opened()
            return
        elif self.gate.wait_seconds() == 0:
            self.message = ("bad", _("That PIN is not right."))
        if self.typing and self.app.top is self:  # still asking (not opened, no new screen)
            self.rebuild()
            self.focus(self.field)

    def choose(self, typed: str) -> None:
        """A new PIN, typed twice (setup, after the recovery code, or a longer one)."""
        if not (typed.isdigit() and MIN_LEN <= len(typed) <= MAX_LEN):
            self.message = ("bad", _("A PIN has {a} to {b} digits.").format(a=MIN_LEN, b=MAX_LEN))
        elif not self.first:
            self.first, self.message = typed, None
        elif typed != self.first:
            self.first = ""
            self.message = ("bad", _("The two PINs were different. Choose a PIN again."))
        else:
            self.first = ""
            try:
                if self.mode == "setup":
                    self.show_code(self.gate.setup(typed))
                elif self.gate.unlocked:  # a longer PIN: the recovery code stays the same
                    self.gate.change_pin(typed)
                    self.opened()
                else:
                    self.show_code(self.gate.choose_new_pin(typed))
            except (PinError, OSError):  # a data folder that can't be written, or a race
                self.message = ("bad", _("The PIN could not be saved: check that the data folder can be written."))

    def show_code(self, code: str) -> None:
        self.code = code
        self.switch("code")

    def written(self) -> None:
        self.code = ""
        self.opened()

    def opened(self) -> None:
        """Teacher mode is open: first a recovery code if the PIN has none, the offer of a longer
        PIN after a short old one, then what was asked for."""
        try:
            code = self.gate.new_recovery_code() if self.gate.needs_recovery_code else ""
        except OSError:  # it can't be stored: showing one would promise what it can't keep
            code = ""
        if code:
            self.show_code(code)
        elif self.gate.short_pin and not self.offered:
            self.offered = True
            self.switch("longer")
        else:
            self.done()

    def back(self) -> None:
        if self.again:  # not this time: teacher mode stays as it was
            self.app.pop()
            return
        if self.mode == "code":
            return  # the code must be written down first
        if self.gate.unlocked:  # longer, or choosing one: keep the PIN as it is
            self.done()
            return
        self.gate.lock()
        self.app.pop()

    def done(self) -> None:
        self.app.pop()
        self.then()
