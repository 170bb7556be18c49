"""The chat's way to the evidence gallery: a small "Evidence (2)" button at the end of the thread
strip, shown once the player has taken a screenshot (G opens the gallery too). It is a Button, so
Tab reaches it, Enter presses it and read aloud names it like every other control; the gallery
itself is another screen, opened by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ....i18n import _
from ... import text as tx
from ...theme import theme
from ...widgets.base import Button, focus_ring, rrect

if TYPE_CHECKING:
    from .scene import ChatScene


class GalleryButton(Button):
    """ "Evidence (n)" beside the thread tabs while there is evidence to look at."""

    def __init__(self, chat: ChatScene) -> None:
        super().__init__(_("Evidence"), self.open, "secondary", key_hint="G", name="evidence")
        self.chat = chat

    def count(self) -> int:
        """Screenshots taken so far (what the gallery shows is the engine's: reports.evidence_in)."""
        return sum(a.kind == "screenshot" for a in self.chat.pt.state.acts)

    def buttons(self) -> list[Button]:
        """In the chat's Tab ring only while it shows."""
        return [self] if self.count() else []

    def open(self) -> None:
        if self.count():
            self.chat.app.open("evidence", self.chat.pt)

    def beside(self, surf: pygame.Surface, strip: pygame.Rect) -> pygame.Rect:
        """Draw the button at the strip's right end (when there is evidence); returns the rest of
        the strip, for the thread tabs."""
        n = self.count()
        if not n or not strip.h:
            self.rect = pygame.Rect(0, 0, 0, 0)
            return strip
        t = theme()
        gap = t.px("gap")
        self.label = _("Evidence ({n})").format(n=n)
        w = min(tx.text_width(self.label, "small", True) + 2 * gap, strip.w // 3)
        self.rect = pygame.Rect(strip.right - w - gap // 2, strip.y + gap // 2, w, strip.h - gap)
        pygame.draw.rect(surf, t.color("chat_header"), (self.rect.x - gap // 2, strip.y, w + gap, strip.h))
        pygame.draw.line(surf, t.color("chat_border"), (self.rect.x - gap // 2, strip.bottom - 1),
                         (strip.right - 1, strip.bottom - 1), 2)
        hover = self.chat.ui.is_hover(self.rect)
        rrect(surf, t.color("button2_hover" if hover else "button2"), self.rect, self.rect.h // 2)
        rrect(surf, t.color("button2_border"), self.rect, self.rect.h // 2, 2)
        img = tx.render(self.label, t.px("small"), t.color("button2_text"), 100000, True)
        inner = self.rect.inflate(-gap, 0)
        img = img.subsurface((0, 0, min(img.get_width(), inner.w), min(img.get_height(), inner.h)))
        tx.blit(surf, img, img.get_rect(center=inner.center).topleft, self.rect, self.label)
        if self.chat.ui.focused is self:
            focus_ring(surf, self.rect, self.rect.h // 2)
        return pygame.Rect(strip.x, strip.y, strip.w - w - gap, strip.h)
