"""The reply dock under the list: the replies, the Coach card (when there is no side panel), the
"See how you did" button at the end, or the hint that Space shows the next message.

When the replies don't fit beside the last few whole messages (big text, a small window) they fold
into a drawer: a button opens it, and the number keys answer without opening it. A dock taller
than its room scrolls (the wheel, or Tab to a reply) instead of clipping.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from ....engine.runtime import ChoicesEvent
from ....i18n import _
from ... import text as tx
from ...theme import theme
from ...widgets.base import Button, rrect
from ...widgets.marks import marked
from .wording import Feedback, discuss_text, drawer_label

if TYPE_CHECKING:
    from .scene import ChatScene


class ReplyDock:
    """The dock's buttons and Coach card, folded or not, and how far it is scrolled."""

    def __init__(self, chat: ChatScene, press_debrief: Callable[[], None]):
        self.chat = chat
        self.choice_buttons: list[Button] = []
        self.debrief_button = Button(_("See how you did"), press_debrief, "primary",
                                     key_hint="Enter", name="debrief")
        self.drawer_button = Button("", self.toggle_drawer, "secondary", name="drawer", align="left")
        self.feedback: Feedback | None = None  # the Coach card: (tone, title, body)
        self.feedback_rect = pygame.Rect(0, 0, 0, 0)
        self.dock_offset = 0  # the reply dock scrolls when big text makes it taller than its room
        # big text or a small window: the replies fold into a drawer so the chat keeps its room
        self.compact = False
        self.drawer_open = False

    # -- what it holds ----------------------------------------------------------------------------

    def offer(self, ev: ChoicesEvent, choose: Callable[[int], None], lang: str) -> None:
        """One button a reply, numbered as its key."""
        self.choice_buttons = []
        for n, (idx, choice) in enumerate(ev.options):
            label = (choice.label or choice.text).get(lang)
            self.choice_buttons.append(Button(label, partial(choose, idx), "secondary",
                                              key_hint=str(n + 1), name=f"choice-{n}", align="left"))

    def show_feedback(self, feedback: Feedback | None) -> None:
        """The Coach card; folded into the drawer on a small screen, it opens the drawer."""
        self.feedback = feedback
        if feedback is not None and self.compact:
            self.drawer_open = True

    def close_feedback(self) -> None:
        self.feedback = None
        if self.chat.choices is None or self.compact:
            self.drawer_open = False

    def toggle_drawer(self) -> None:
        """Open the drawer, or close it (closing a Coach card in it dismisses the card)."""
        if self.drawer_open and self.feedback is not None:
            self.feedback = None
        self.drawer_open = not self.drawer_open
        self.dock_offset = 0

    def replies_shown(self) -> bool:
        """In a folded dock the drawer shows the Coach card first, the replies once it is closed."""
        return self.chat.choices is not None and not (self.compact and self.feedback is not None)

    def card_here(self) -> bool:
        """The Coach card is in the dock (not in the side panel)."""
        return bool(self.feedback) and not self.chat.geometry.has_side()

    def compact_buttons(self) -> list[Button]:
        """What a folded dock shows: the drawer's button, and the debrief's at the end."""
        return [self.drawer_button] + ([self.debrief_button] if self.chat.ending is not None else [])

    def buttons(self) -> list[Button]:
        """The dock's buttons that can be pressed now, in Tab order."""
        out = list(self.choice_buttons) if not self.compact or self.drawer_open else []
        if self.compact and (self.chat.choices is not None or self.feedback is not None):
            out.append(self.drawer_button)
        if self.chat.ending is not None:
            out.append(self.debrief_button)
        return out

    # -- sizes ------------------------------------------------------------------------------------

    def height(self, w: int, unfolded: bool = False) -> int:
        """What the dock holds, in pixels (`unfolded`: all of it, as if there were room)."""
        t = theme()
        gap, pad = t.px("gap"), t.px("pad")
        chat = self.chat
        h = 0
        if self.card_here():
            h += self.feedback_height(w) + gap
        if self.replies_shown() or (unfolded and chat.choices is not None):
            assert chat.choices is not None
            if chat.choices.discuss:
                h += tx.text_height(self.discuss_text(), "small", w - 2 * pad) + 2 * pad + gap
            h += self.answers_height(w)
            h += sum(b.height(w) + gap for b in self.choice_buttons)
        elif chat.choices is not None:
            pass
        elif chat.ending is not None:
            h += 0 if self.compact and not unfolded else self.debrief_button.height(w) + gap
        else:
            h += tx.font_for("small").get_linesize() + gap
        return h + pad

    def compact_h(self, w: int) -> int:
        t = theme()
        return sum(b.height(w) + t.px("gap") for b in self.compact_buttons()) + 2 * t.px("pad") - t.px("gap")

    def feedback_height(self, w: int) -> int:
        t = theme()
        pad = t.px("pad")
        assert self.feedback is not None
        tone, title, body = self.feedback
        title = marked(tone, title)  # an icon too: never colour alone
        return (tx.text_height(title, "body", w - 3 * pad, True)
                + (tx.text_height(body, "small", w - 3 * pad) if body else 0)
                + tx.text_height(_("Click or press X to close"), "small", w - 3 * pad) + 2 * pad)

    def answers_text(self) -> str:
        """On a phone with several conversations: the one these replies answer."""
        threads = self.chat.threads
        return _("Replying in {thread}").format(thread=threads.title(threads.last)) if threads.enabled else ""

    def answers_height(self, w: int) -> int:
        text = self.answers_text()
        return tx.text_height(text, "small", w, True) + theme().px("gap") // 2 if text else 0

    def discuss_text(self) -> str:
        return discuss_text(self.chat.choices, self.chat.lang)

    def rects(self, col: pygame.Rect, header: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        """The dock under the list, and the part of it that holds the replies and the Coach card.
        When they don't fit beside the last few whole messages, they fold into a drawer: a button
        opens it (the number keys answer without opening it)."""
        chat = self.chat
        pad = theme().px("pad")
        w = col.w - 2 * pad
        if chat.cover is not None:  # a discussion pause covers the bottom (or sits beside)
            top = chat.cover.top if chat.cover.colliderect(col) else col.bottom
            dock = pygame.Rect(col.x, top, col.w, col.bottom - top)
            return dock, dock
        full = self.height(w, unfolded=True)
        room = col.bottom - header.bottom - chat.log.whole_messages_h()
        compact_h = self.compact_h(w)
        self.compact = full > max(room, compact_h) and (chat.choices is not None or self.feedback is not None)
        if not self.compact:
            self.drawer_open = False
            h = min(full, round((col.bottom - header.bottom) * 0.7))
            dock = pygame.Rect(col.x, col.bottom - h, col.w, h)
            return dock, dock
        full = self.height(w)
        h = min(full + compact_h, round((col.bottom - header.bottom) * 0.6)) if self.drawer_open else compact_h
        dock = pygame.Rect(col.x, col.bottom - h, col.w, h)
        return dock, pygame.Rect(dock.x, dock.y, dock.w, h - compact_h)

    # -- drawing ----------------------------------------------------------------------------------

    def draw(self, surf: pygame.Surface, whole: pygame.Rect, dock: pygame.Rect) -> None:
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        chat, ui = self.chat, self.chat.ui
        old = surf.get_clip()
        surf.set_clip(whole)
        rrect(surf, t.color("chat_header"), whole.inflate(0, t.px("radius") * 2).move(0, -t.px("radius")))
        surf.set_clip(old)
        pygame.draw.line(surf, t.color("chat_border"), whole.topleft, (whole.right - 1, whole.top), 2)
        w = dock.w - 2 * pad
        if self.compact:
            self.drawer_button.label = drawer_label(self.drawer_open, self.feedback, chat.choices)
            y = whole.bottom - self.compact_h(w) + pad
            for b in self.compact_buttons():
                b.draw(surf, whole.x + pad, y, w, ui)
                y += b.height(w) + gap
            if dock.h <= 0:
                return
        x, y = dock.x + pad, dock.y + pad - self._scroll(dock, w)
        surf.set_clip(dock)  # big text: the dock scrolls (wheel, Tab to a reply) instead of clipping
        if self.card_here():
            y += self.draw_feedback(surf, x, y, w) + gap
        if self.replies_shown():
            assert chat.choices is not None
            if chat.choices.discuss:
                text = self.discuss_text()
                th = tx.text_height(text, "small", w - 2 * pad) + 2 * pad
                box = pygame.Rect(x, y, w, th)
                rrect(surf, t.color("neutral_bg"), box)
                tx.draw_text(surf, text, "small", "text", (x + pad, y + pad), w - 2 * pad, True, box)
                y += th + gap
            if self.answers_text():
                tx.draw_text(surf, self.answers_text(), "small", "muted", (x, y), w, True, dock)
                y += self.answers_height(w)
            for b in self.choice_buttons:
                b.draw(surf, x, y, w, ui)
                y += b.height(w) + gap
        elif chat.choices is not None:
            pass
        elif chat.ending is not None:
            if not self.compact:
                self.debrief_button.draw(surf, x, y, w, ui)
        elif chat.pacer.pending is not None and chat.app.settings.speed != "instant":
            tx.draw_text(surf, _("Press Space to show the next message now"), "small", "faint", (x, y), w,
                         False, dock, "center")
        surf.set_clip(old)
        over = self.height(w) - dock.h
        if over > 0:  # a thin bar: there is more below (or above)
            bar_h = max(gap * 3, dock.h * dock.h // (dock.h + over))
            by = dock.y + (dock.h - bar_h) * self.dock_offset / over
            pygame.draw.rect(surf, t.color("scrollbar"), (dock.right - gap, by, gap // 2, bar_h),
                             border_radius=gap)

    def _scroll(self, dock: pygame.Rect, w: int) -> int:
        """How far the dock is scrolled: kept in range, and so the focused button shows."""
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        over = max(0, self.height(w) - dock.h)
        focused = self.chat.ui.focused
        if over and isinstance(focused, Button) and (focused in self.choice_buttons
                                                     or focused is self.debrief_button):
            top = pad
            if self.card_here():
                top += self.feedback_height(w) + gap
            if self.chat.choices is not None and self.chat.choices.discuss:
                top += tx.text_height(self.discuss_text(), "small", w - 2 * pad) + 2 * pad + gap
            top += self.answers_height(w) if self.chat.choices is not None else 0
            for b in self.choice_buttons:
                if b is focused:
                    break
                top += b.height(w) + gap
            bottom = top + focused.height(w) + gap
            if top - pad < self.dock_offset:
                self.dock_offset = top - pad
            elif bottom > self.dock_offset + dock.h:
                self.dock_offset = bottom - dock.h
        self.dock_offset = max(0, min(self.dock_offset, over))
        return self.dock_offset

    def draw_feedback(self, surf: pygame.Surface, x: int, y: int, w: int) -> int:
        """The Coach card (a flag's verdict or a reply's feedback). Returns its height."""
        t = theme()
        pad = t.px("pad")
        assert self.feedback is not None
        tone, title, body = self.feedback
        title = marked(tone, title)
        fh = self.feedback_height(w)
        box = pygame.Rect(x, y, w, fh)
        self.feedback_rect = box
        rrect(surf, t.color(f"{tone}_bg"), box)
        rrect(surf, t.color(tone if tone != "neutral" else "faint"), box, None, 2)
        r = tx.draw_text(surf, title, "body", tone if tone != "neutral" else "text",
                         (x + pad, y + pad), w - 3 * pad, True, box)
        ty = r.bottom
        if body:
            ty = tx.draw_text(surf, body, "small", "text", (x + pad, ty), w - 3 * pad, False, box).bottom
        tx.draw_text(surf, _("Click or press X to close"), "small", "muted", (x + pad, ty),
                     w - 3 * pad, False, box)
        return fh
