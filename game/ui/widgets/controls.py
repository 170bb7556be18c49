"""Controls a player works: buttons and setting rows. Focusable blocks take clicks and
Enter/Space; a setting row also steps with Left/Right.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ...i18n import _
from .. import text as tx
from ..theme import theme
from .blocks import Block
from .drawing import focus_ring, rrect


def key_label(key: str) -> str:
    """A key's name as the keyboard prints it in the current language (French keyboards say
    Échap and Entrée)."""
    names = {"Esc": _("Esc"), "Enter": _("Enter"), "Space": _("Space")}
    return names.get(key, key)


class Button(Block):
    """A labelled button. kind: primary, secondary, help, danger; width: fill or auto."""

    focusable = True

    def __init__(self, label: str, action: Callable[[], None] | None, kind: str = "primary",
                 width: str = "fill", key_hint: str = "", enabled: bool = True, name: str = "",
                 align: str = "center"):
        super().__init__()
        self.label, self.action, self.kind, self.width_mode = label, action, kind, width
        self.align = align
        self.key_hint, self.enabled, self.name = key_hint, enabled, name or label

    def _text(self) -> str:
        return f"{key_label(self.key_hint)}   {self.label}" if self.key_hint else self.label

    def natural_width(self) -> int:
        t = theme()
        return tx.text_width(self._text(), "body", True) + 2 * t.px("pad") + 2 * t.px("gap")

    def measure(self, w: int) -> int:
        t = theme()
        inner = w - 2 * t.px("pad")
        return max(t.px("button_h"), tx.text_height(self._text(), "body", inner, True) + t.px("pad"))

    def colors(self, hover: bool) -> tuple[str, str, str | None]:
        if not self.enabled:
            return "disabled", "disabled_text", None
        if self.kind == "primary":
            return ("button_hover" if hover else "button"), "button_text", None
        if self.kind == "help":
            return ("help_button_hover" if hover else "help_button"), "help_button_text", None
        return ("button2_hover" if hover else "button2"), "button2_text", "button2_border"

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        t = theme()
        bg, fg, border = self.colors(ui.is_hover(self.rect))
        radius = min(t.px("radius"), self.rect.h // 2)
        rrect(surf, t.color(bg), self.rect, radius)
        if border:
            rrect(surf, t.color(border), self.rect, radius, max(1, t.px("focus_width") // 2))
        inner = w - 2 * t.px("pad")
        img = tx.render(self._text(), t.px("body"), t.color(fg), inner, True, self.align)
        pos = img.get_rect(center=self.rect.center)
        if self.align == "left":
            pos.x = self.rect.x + t.px("pad")
        tx.blit(surf, img, pos.topleft, self.rect, self._text())
        if ui.focused is self:
            focus_ring(surf, self.rect, radius)

    def click(self, pos) -> bool:
        if self.rect.collidepoint(pos):
            self.activate()
            return True
        return False

    def activate(self) -> None:
        if self.enabled and self.action:
            self.action()


class OptionRow(Block):
    """A setting: its name, then '<  value  >'. Click or Enter moves on; Left/Right step."""

    focusable = True

    def __init__(self, label: str, get_value: Callable[[], str], step: Callable[[int], None],
                 hint: str = "", name: str = ""):
        super().__init__()
        self.label, self.get_value, self.step, self.hint, self.name = label, get_value, step, hint, name
        self.left = pygame.Rect(0, 0, 0, 0)
        self.right = pygame.Rect(0, 0, 0, 0)

    STACK_BELOW = 700  # narrower than this (in 100% pixels: big text, small window): value below

    def _stacked(self, w: int) -> bool:
        return w < self.STACK_BELOW * theme().scale

    def _split(self, w: int) -> tuple[int, int]:
        """(label width, value width); stacked, both take the whole inner width."""
        if self._stacked(w):
            return w, w
        value_w = min(w // 2, max(round(300 * theme().scale), w // 3))
        return w - value_w - theme().px("gap"), value_w

    def _value_w(self, vw: int) -> int:
        return vw - 2 * theme().px("button_h") - 2 * theme().px("gap")

    def measure(self, w: int) -> int:
        t = theme()
        inner = w - 2 * t.px("pad")
        lw, vw = self._split(inner)
        left = tx.text_height(self.label, "body", lw, True)
        if self.hint:
            left += tx.text_height(self.hint, "small", lw)
        right = max(t.px("button_h"), tx.text_height(self.get_value(), "body", self._value_w(vw), True))
        if self._stacked(inner):
            return left + t.px("gap") + right + 2 * t.px("pad")
        return max(left, right) + 2 * t.px("pad")

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        rrect(surf, t.color("button2_hover" if ui.is_hover(self.rect) else "card"), self.rect)
        rrect(surf, t.color("card_border"), self.rect, None, 2)
        inner = w - 2 * pad
        lw, vw = self._split(inner)
        r = tx.draw_text(surf, self.label, "body", "text", (x + pad, y + pad), lw, True, self.rect)
        if self.hint:
            r = tx.draw_text(surf, self.hint, "small", "muted", (x + pad, r.bottom), lw, False, self.rect)
        bh = t.px("button_h")
        vx = x + w - pad - vw
        value = self.get_value()
        img = tx.render(value, t.px("body"), t.color("text"), self._value_w(vw), True, "center")
        if self._stacked(inner):
            cy = r.bottom + gap + max(bh, img.get_height()) // 2
        else:
            cy = self.rect.centery
        self.left = pygame.Rect(vx, cy - bh // 2, bh, bh)
        self.right = pygame.Rect(vx + vw - bh, cy - bh // 2, bh, bh)
        for rect, label in ((self.left, "◀"), (self.right, "▶")):
            rrect(surf, t.color("button2_hover" if ui.is_hover(rect) else "neutral_bg"), rect, bh // 2)
            arrow = tx.render(label, t.px("small"), t.color("text"))
            surf.blit(arrow, arrow.get_rect(center=rect.center))
        tx.blit(surf, img, img.get_rect(center=(vx + vw // 2, cy)).topleft, self.rect, value)
        if ui.focused is self:
            focus_ring(surf, self.rect)

    def click(self, pos) -> bool:
        if self.left.collidepoint(pos):
            self.step(-1)
            return True
        if self.rect.collidepoint(pos):
            self.step(1)
            return True
        return False

    def key(self, event) -> bool:
        if event.key == pygame.K_LEFT:
            self.step(-1)
            return True
        if event.key == pygame.K_RIGHT:
            self.step(1)
            return True
        return False

    def activate(self) -> None:
        self.step(1)
