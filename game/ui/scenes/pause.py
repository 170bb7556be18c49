"""'Talk it over': a discussion pause before a decision in a class session. The prompt, an
optional countdown (which the group can pause or turn off; running out only says so, it never
moves on by itself), and the teacher's note, shown only in teacher view (after the PIN, and
only when asked for, since a projector shows everything; hidden again when nobody touches
anything for a while: the teacher stepped away).

It sits beside the chat, or under it on a small screen or a projector, so the conversation being
discussed stays in view. A stray key can't end it: nothing is focused at first, Space does not
press "We're ready", and that button (and Esc) only answer after the first few seconds."""

from __future__ import annotations

import pygame

from ...classroom.session import Pause
from ...i18n import _
from .. import text as tx
from ..theme import theme
from ..widgets.base import Block, Button, Card, Custom, Row, Spacer, TextBlock, rrect
from ..widgets.panels import panel
from .page import PageScene
from .teacher_access import require_pin

MIN_TALK = 3.0  # seconds before "We're ready" answers a press
NOTE_IDLE = 30.0  # seconds without input before the teacher's note hides itself again


def clock_text(seconds: float) -> str:
    s = max(0, int(seconds + 0.999))
    return f"{s // 60}:{s % 60:02d}"


class PauseScene(PageScene):
    name = "pause"
    show_back = False  # no Back: a stray Esc must not end the discussion

    def __init__(self, app, pause: Pause):
        self.chat = app.top  # the conversation being discussed stays in view
        self.pause = pause
        self.open_for = 0.0
        self.idle = 0.0
        self.sheet = pygame.Rect(0, 0, 0, 0)
        self.left = float(pause.seconds)
        self.timer_on = pause.seconds > 0
        self.running = self.timer_on
        self.show_note = False
        self.was_locked = not app.classroom.teacher_view
        self.title = _("Talk it over")
        super().__init__(app)
        self.hotkeys = {pygame.K_p: self.toggle_timer, pygame.K_n: self.toggle_note}

    # -- content ---------------------------------------------------------------------------------

    def build(self):
        lang = self.app.settings.lang
        self.ready = Button(_("We're ready: show the replies"), self.close, "primary", width="auto",
                            name="ready", enabled=self.open_for >= MIN_TALK)
        blocks: list[Block] = [
            Card([TextBlock(_("Talk it over"), "small", "muted", True),
                  TextBlock(self.pause.prompt.get(lang), "large", "text", True),
                  TextBlock(_("Discuss together before anyone clicks. The replies come next."), "body", "muted")],
                 accent="pill", name="prompt"),
        ]
        if self.timer_on:
            blocks.append(Card([Custom(self._timer_h, self._draw_timer), Row([
                Button(_("Pause the timer") if self.running else _("Restart the timer") if self.left <= 0
                       else _("Resume the timer"), self.toggle_timer, "secondary", width="auto", key_hint="P",
                       name="timer-toggle"),
                Button(_("Turn the timer off"), self.timer_off, "secondary", width="auto", name="timer-off")])],
                name="timer"))
        blocks.append(Row([self.ready]))
        note = self.pause.note(self.app.classroom.teacher_view)
        if self.pause.teacher_note is not None:
            if note is not None and self.show_note:  # first on the sheet: the teacher reads it first
                blocks.insert(0, panel([TextBlock(_("Teacher note (not for students)"), "small", "text", True),
                                        TextBlock(note.get(lang), "body", "text")], "warn", "teacher-note"))
                label = _("Hide the teacher note")
            else:
                label = _("Teacher note") + ("" if self.app.classroom.teacher_view else " " + _("(PIN)"))
            blocks += [Spacer(1), Row([Button(label, self.toggle_note, "secondary", width="auto", key_hint="N",
                                              name="note")])]
        return blocks

    def _timer_words(self) -> str:
        if self.left <= 0:
            return _("Time's up: agree on your reply.")
        return _("left to talk") if self.running else _("timer paused")

    def _timer_parts(self, w: int) -> tuple[int, int, bool]:
        """(clock width, words height, words below the clock): a narrow panel stacks them."""
        gap = theme().px("gap")
        big_w = tx.text_width("0:00", "title", True) + gap
        words = self._timer_words()
        beside = w - big_w - 2 * gap
        below = beside < tx.text_width(words, "body", self.left <= 0) and beside < w // 2
        words_h = tx.text_height(words, "body", w if below else beside, self.left <= 0)
        return big_w, words_h, below

    def _timer_h(self, w: int) -> int:
        t = theme()
        big_w, words_h, below = self._timer_parts(w)
        line = tx.font_for("title", True).get_linesize()
        return (line + words_h if below else max(line, words_h)) + t.px("gap") * 3

    def _draw_timer(self, surf, rect, ui) -> None:
        t = theme()
        gap = t.px("gap")
        done = self.left <= 0
        words = self._timer_words()
        big_w, words_h, below = self._timer_parts(rect.w)
        r = tx.draw_text(surf, clock_text(self.left), "title", "bad" if done else "text", rect.topleft, big_w,
                         True, rect)
        if below:
            r = tx.draw_text(surf, words, "body", "bad" if done else "muted", (rect.x, r.bottom), rect.w, done, rect)
        else:
            tx.draw_text(surf, words, "body", "bad" if done else "muted",
                         (r.right + gap, r.centery - words_h // 2), rect.right - r.right - gap, done, rect)
        bar = pygame.Rect(rect.x, r.bottom + gap, rect.w, max(6, gap))
        rrect(surf, t.color("neutral_bg"), bar, bar.h // 2)
        share = self.left / self.pause.seconds if self.pause.seconds else 0
        if share > 0:
            rrect(surf, t.color("online" if share > 0.25 else "warn"),
                  pygame.Rect(bar.x, bar.y, max(bar.h, round(bar.w * share)), bar.h), bar.h // 2)

    # -- time ------------------------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        self.open_for += dt
        self.idle += dt
        changed = False
        if not self.ready.enabled and self.open_for >= MIN_TALK:
            self.rebuild()  # "We're ready" can be pressed now
            changed = True
        if self.show_note and self.idle >= NOTE_IDLE:
            self.hide_note()
            changed = True
        return self._tick(dt) or changed

    def _tick(self, dt: float) -> bool:
        if self.running and dt > 0:
            before = int(self.left + 0.999)
            self.left = max(0.0, self.left - dt)
            if self.left <= 0:
                self.running = False
                self.rebuild()
            return int(self.left + 0.999) != before
        return False

    def wake_after(self) -> float | None:
        waits = [0.5] if self.running else []
        if not self.ready.enabled:
            waits.append(max(0.05, MIN_TALK - self.open_for))
        if self.show_note:
            waits.append(max(0.05, NOTE_IDLE - self.idle))
        return min(waits) if waits else None

    def handle(self, ev) -> None:
        if ev.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION, pygame.MOUSEWHEEL):
            self.idle = 0.0
        super().handle(ev)

    def key(self, ev) -> bool:
        if ev.key == pygame.K_SPACE and self.ui.focused is self.ready:
            return True  # Space is for messages: it never ends a discussion
        return super().key(ev)

    # -- where it sits ---------------------------------------------------------------------------

    def _sheet(self, surf: pygame.Surface) -> pygame.Rect:
        """Beside the chat where it has a side panel, else along the bottom (at most half)."""
        t = theme()
        w, h = surf.get_size()
        side = getattr(self.chat, "geo", {}).get("side")
        if side is not None and side.w:
            return pygame.Rect(0, side.y - t.px("gap"), side.right + t.px("margin") // 2, h - side.y + t.px("gap"))
        bar_h = self.bar.height(w)
        cw = min(w - 2 * t.px("margin"), t.px(self.max_width_key))
        need = sum(b.height(cw) + t.px("gap") for b in self.blocks) + 2 * t.px("margin")
        top = max(bar_h + round((h - bar_h) * 0.45), h - need)
        return pygame.Rect(0, top, w, h - top)

    def _measure(self, surf: pygame.Surface) -> None:
        super()._measure(surf)
        t = theme()
        self.sheet = self._sheet(surf)
        m = t.px("margin")
        cw = min(self.sheet.w - 2 * m, t.px(self.max_width_key))
        self.view = self.sheet
        tops, y = [], m
        for b in self.blocks:
            tops.append(y)
            y += b.height(cw) + t.px("gap")
        self._tops, self._content_h, self._content_w = tops, y + m, cw
        self.offset = max(0.0, min(self.offset, self.max_offset()))

    def draw(self, surf: pygame.Surface) -> None:
        self.sheet = self._sheet(surf)
        if hasattr(self.chat, "cover"):
            self.chat.cover = self.sheet
            self.chat.draw(surf)
        super().draw(surf)

    def _draw_page(self, surf: pygame.Surface) -> None:
        """Only the sheet: the chat around it stays as it was drawn."""
        t = theme()
        surf.fill(t.color("page"), self.sheet)
        if self.sheet.x == 0 and self.sheet.w == surf.get_width():
            pygame.draw.line(surf, t.color("chat_border"), self.sheet.topleft, (self.sheet.right, self.sheet.top), 3)
        else:
            pygame.draw.line(surf, t.color("chat_border"), self.sheet.topright, self.sheet.bottomright, 3)

    def toggle_timer(self) -> None:
        if not self.timer_on:
            return
        if self.left <= 0:  # time was up: start again
            self.left, self.running = float(self.pause.seconds), True
        else:
            self.running = not self.running
        self.rebuild()

    def timer_off(self) -> None:
        self.timer_on = self.running = False
        self.rebuild(keep_focus=False)
        self.focus(self.ready)

    # -- teacher note ----------------------------------------------------------------------------

    def toggle_note(self) -> None:
        if self.pause.teacher_note is None:
            return
        if self.app.classroom.teacher_view:
            self.show_note = not self.show_note
            self.offset = 0
            self.rebuild()
            return

        def unlocked():
            self.show_note = True
            self.offset = 0
            self.idle = 0.0
            self.rebuild()

        require_pin(self.app, unlocked)

    def hide_note(self) -> None:
        """The teacher stepped away: the note hides, and a group's computer locks again."""
        self.show_note = False
        if self.was_locked:
            self.app.classroom.teacher.gate.lock()
        self.rebuild()

    def close(self) -> None:
        if self.open_for < MIN_TALK:
            return  # a stray key in the first moment: keep talking
        if self.was_locked:  # a group's computer: the PIN opened the note, not teacher mode
            self.app.classroom.teacher.gate.lock()
        if hasattr(self.chat, "cover"):
            self.chat.cover = None
        self.app.pop()

    def back(self) -> None:
        """Esc does nothing here: the way on is "We're ready", pressed on purpose."""
