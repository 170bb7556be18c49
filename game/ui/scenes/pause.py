"""'Talk it over': a discussion pause before a decision in a class session. The prompt, an
optional countdown (which the group can pause or turn off; running out only says so, it never
moves on by itself), and the teacher's note, shown only in teacher view (after the PIN, and
only when asked for, since a projector shows everything)."""

from __future__ import annotations

import pygame

from ...classroom.session import Pause
from ...i18n import _
from .. import text as tx
from ..theme import theme
from ..widgets.base import Block, Button, Card, Custom, Row, Spacer, TextBlock, rrect
from .base import PageScene
from .session import panel


def clock_text(seconds: float) -> str:
    s = max(0, int(seconds + 0.999))
    return f"{s // 60}:{s % 60:02d}"


class PauseScene(PageScene):
    name = "pause"

    def __init__(self, app, pause: Pause):
        self.pause = pause
        self.left = float(pause.seconds)
        self.timer_on = pause.seconds > 0
        self.running = self.timer_on
        self.show_note = False
        self.was_locked = not app.classroom.teacher_view
        self.title = _("Talk it over")
        super().__init__(app)
        self.focus(self.ready)
        self.hotkeys = {pygame.K_p: self.toggle_timer, pygame.K_n: self.toggle_note}

    # -- content ---------------------------------------------------------------------------------

    def build(self):
        lang = self.app.settings.lang
        self.ready = Button(_("We're ready: show the replies"), self.close, "primary", width="auto",
                            key_hint="Enter", name="ready")
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
            if note is not None and self.show_note:
                blocks.append(panel([TextBlock(_("Teacher note (not for students)"), "small", "text", True),
                                     TextBlock(note.get(lang), "body", "text")], "warn", "teacher-note"))
                label = _("Hide the teacher note")
            else:
                label = _("Teacher note") + ("" if self.app.classroom.teacher_view else " " + _("(PIN)"))
            blocks += [Spacer(1), Row([Button(label, self.toggle_note, "secondary", width="auto", key_hint="N",
                                              name="note")])]
        return blocks

    def _timer_h(self, w: int) -> int:
        t = theme()
        return tx.font_for("title", True).get_linesize() + t.px("gap") * 3 + t.px("body")

    def _draw_timer(self, surf, rect, ui) -> None:
        t = theme()
        gap = t.px("gap")
        done = self.left <= 0
        words = _("Time's up: agree on your reply.") if done else \
            (_("left to talk") if self.running else _("timer paused"))
        big = clock_text(self.left)
        r = tx.draw_text(surf, big, "title", "bad" if done else "text", rect.topleft, rect.w // 3, True, rect)
        tx.draw_text(surf, words, "body", "bad" if done else "muted", (r.right + 2 * gap, r.centery - t.px("body") // 2 - 2),
                     rect.right - r.right - 2 * gap, done, rect)
        bar = pygame.Rect(rect.x, r.bottom + gap, rect.w, max(6, gap))
        rrect(surf, t.color("neutral_bg"), bar, bar.h // 2)
        share = self.left / self.pause.seconds if self.pause.seconds else 0
        if share > 0:
            rrect(surf, t.color("online" if share > 0.25 else "warn"),
                  pygame.Rect(bar.x, bar.y, max(bar.h, round(bar.w * share)), bar.h), bar.h // 2)

    # -- time ------------------------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        if self.running and dt > 0:
            before = int(self.left + 0.999)
            self.left = max(0.0, self.left - dt)
            if self.left <= 0:
                self.running = False
                self.rebuild()
            return int(self.left + 0.999) != before
        return False

    def wake_after(self) -> float | None:
        return 0.5 if self.running else None

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
            self.rebuild()
            return
        from .teacher import require_pin

        def unlocked():
            self.show_note = True
            self.rebuild()

        require_pin(self.app, unlocked)

    def close(self) -> None:
        if self.was_locked:  # a group's computer: the PIN opened the note, not teacher mode
            self.app.classroom.teacher.gate.lock()
        self.app.pop()

    def back(self) -> None:
        self.close()
