"""A one-line text box for pages with typed text: group names, the PIN, file paths, the class
name. Typing reaches it through FieldPage (scenes/page.py), which sends it the TEXTINPUT events."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from .. import text as tx
from ..theme import theme
from .base import Block, focus_ring, rrect


class TextField(Block):
    """A one-line text box: TEXTINPUT events type, Backspace deletes (Ctrl+Backspace clears),
    Enter submits. `masked` shows dots (the PIN); `allowed` filters characters."""

    focusable = True

    def __init__(self, label: str, text: str = "", max_len: int = 60, *, masked: bool = False,
                 allowed: Callable[[str], bool] | None = None, on_enter: Callable[[], None] | None = None,
                 on_focus: Callable[[TextField], None] | None = None, name: str = "field",
                 placeholder: str = ""):
        super().__init__()
        self.label, self.text, self.max_len, self.masked = label, text, max_len, masked
        self.allowed, self.on_enter, self.on_focus = allowed, on_enter, on_focus
        self.name, self.placeholder = name, placeholder
        self.box = pygame.Rect(0, 0, 0, 0)

    def shown(self) -> str:
        return "●" * len(self.text) if self.masked else self.text

    def measure(self, w: int) -> int:
        t = theme()
        label_h = tx.text_height(self.label, "body", w, True) + t.px("gap") // 2 if self.label else 0
        return label_h + max(t.px("button_h"), tx.font_for("large").get_linesize() + t.px("pad"))

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        t = theme()
        pad = t.px("pad")
        if self.label:
            r = tx.draw_text(surf, self.label, "body", "text", (x, y), w, True, self.rect)
            y = r.bottom + t.px("gap") // 2
        self.box = pygame.Rect(x, y, w, self.rect.bottom - y)
        rrect(surf, t.color("card"), self.box)
        rrect(surf, t.color("focus" if ui.focused is self else "button2_border"), self.box, None, 2)
        shown = self.shown()
        inner = self.box.inflate(-2 * pad, 0)
        if shown:
            img = tx.render(shown, t.px("large"), t.color("text"), 100000)
            if img.get_width() > inner.w:  # long text: show its end, where the caret is
                img = img.subsurface((img.get_width() - inner.w, 0, inner.w, img.get_height()))
            pos = (inner.x, self.box.centery - img.get_height() // 2)
            surf.blit(img, pos)
            if tx.RECORDING and img.get_width() <= inner.w:
                tx.RECORD.append((pygame.Rect(pos, img.get_size()), self.box, shown))
            caret_x = pos[0] + img.get_width() + 2
        else:
            if self.placeholder:
                tx.draw_text(surf, self.placeholder, "body", "faint", (inner.x, self.box.centery - t.px("body") * 2 // 3),
                             inner.w, False, self.box)
            caret_x = inner.x
        if ui.focused is self:
            ch = tx.font_for("large").get_linesize()
            pygame.draw.line(surf, t.color("text"), (caret_x, self.box.centery - ch // 2 + 4),
                             (caret_x, self.box.centery + ch // 2 - 4), 2)
            focus_ring(surf, self.box)

    def insert(self, s: str) -> None:
        for ch in s:
            if len(self.text) >= self.max_len:
                break
            if ch.isprintable() and (self.allowed is None or self.allowed(ch)):
                self.text += ch

    def key(self, ev) -> bool:
        if ev.key == pygame.K_BACKSPACE:
            self.text = "" if ev.mod & pygame.KMOD_CTRL else self.text[:-1]
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.on_enter:
                self.on_enter()
            return True
        if ev.key == pygame.K_u and ev.mod & pygame.KMOD_CTRL:
            self.text = ""
            return True
        return False

    def activate(self) -> None:
        if self.on_enter:
            self.on_enter()

    def click(self, pos) -> bool:
        if self.rect.collidepoint(pos):
            if self.on_focus:
                self.on_focus(self)
            return True
        return False
