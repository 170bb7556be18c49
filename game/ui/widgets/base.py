"""Building blocks of every screen: drawing helpers, and blocks that stack in a scrolling page.

A block measures its height for a width (`height(w)`, cached per theme generation), draws
itself at (x, y, w) and remembers the screen rect it took, so clicks and the focus ring find it.
Focusable blocks take clicks and Enter/Space; containers hand focus to their children.
"""

from __future__ import annotations

from typing import Callable

import pygame

from ...i18n import _
from .. import text as tx
from ..theme import theme


class UIState:
    """What draw code needs to know about the pointer and the keyboard focus."""

    def __init__(self):
        self.focused: object | None = None
        self.hover: tuple[int, int] | None = None
        self.pressed: object | None = None

    def is_hover(self, rect: pygame.Rect) -> bool:
        return self.hover is not None and rect.collidepoint(self.hover)


# --- drawing helpers -------------------------------------------------------------------------


def rrect(surf: pygame.Surface, color, rect, radius: int | None = None, width: int = 0) -> None:
    pygame.draw.rect(surf, color, rect, width, border_radius=theme().px("radius") if radius is None
                     else radius)


def focus_ring(surf: pygame.Surface, rect: pygame.Rect, radius: int | None = None) -> None:
    """The visible keyboard focus: a thick two-tone outline just outside `rect` (amber outside,
    dark inside in the default theme), so it stands out on light and dark surfaces alike."""
    t = theme()
    fw = t.px("focus_width")
    inner = max(2, fw // 2)
    base = t.px("radius") if radius is None else radius
    r = rect.inflate(2 * inner + 2, 2 * inner + 2)
    rrect(surf, t.color("focus_inner"), r, base + inner, inner)
    outer = r.inflate(2 * fw, 2 * fw)
    rrect(surf, t.color("focus"), outer, base + inner + fw, fw)
    if tx.RECORDING:
        FOCUS_RECORD.append(outer)


FOCUS_RECORD: list[pygame.Rect] = []  # focus rings drawn while text.RECORDING (tests)


def shade(surf: pygame.Surface, color) -> None:
    """Dim the whole surface (behind a dialog)."""
    overlay = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    overlay.fill(color)
    surf.blit(overlay, (0, 0))


def initials(name: str) -> str:
    parts = [p for p in name.replace("_", " ").replace(".", " ").split() if p[:1].isalnum()]
    if not parts:
        return (name[:1] or "?").upper()
    if len(parts) == 1:
        return parts[0][:2].upper() if len(parts[0]) > 1 and parts[0][1].isupper() else parts[0][:1].upper()
    return (parts[0][:1] + parts[1][:1]).upper()


AVATAR_COLORS = 6  # theme colours avatar_1 .. avatar_6


def avatar(surf: pygame.Surface, center, size: int, label: str, name: str) -> None:
    """A round avatar: an emoji, 1-2 initials, or (fallback) the name's initials."""
    t = theme()
    label = (label or "").strip()
    runs = tx.segments(label) if label else []
    is_emoji = bool(runs) and runs[0][0] == "e"
    if not label or (not is_emoji and (len(label) > 2 or "/" in label or "." in label)):
        label = initials(name)
    color = t.color(f"avatar_{sum(map(ord, name)) % AVATAR_COLORS + 1}") if not is_emoji \
        else t.color("neutral_bg")
    pygame.draw.circle(surf, color, center, size // 2)
    px = round(size * (0.52 if is_emoji else 0.4))
    img = tx.render(label, px, t.color("avatar_text"), size * 2, bold=True)
    surf.blit(img, img.get_rect(center=center))


# --- blocks ----------------------------------------------------------------------------------


class Block:
    focusable = False

    def __init__(self):
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._h: tuple | None = None

    def height(self, w: int) -> int:
        key = (w, theme().generation)
        if self._h is None or self._h[0] != key:
            self._h = (key, self.measure(w))
        return self._h[1]

    def invalidate(self) -> None:
        self._h = None

    def measure(self, w: int) -> int:
        return 0

    def draw(self, surf: pygame.Surface, x: int, y: int, w: int, ui: UIState) -> None:
        self.rect = pygame.Rect(x, y, w, self.height(w))

    def focus_targets(self) -> list[Block]:
        return [self] if self.focusable else []

    def click(self, pos) -> bool:
        return False

    def key(self, event) -> bool:
        return False

    def activate(self) -> None:
        pass


class Spacer(Block):
    def __init__(self, h: float = 1.0):
        super().__init__()
        self.units = h

    def measure(self, w: int) -> int:
        return round(theme().px("gap") * self.units)


class TextBlock(Block):
    def __init__(self, text: str, size: str = "body", color: str = "text", bold: bool = False,
                 align: str = "left", bg: str | None = None):
        super().__init__()
        self.text, self.size, self.color, self.bold, self.align, self.bg = text, size, color, bold, align, bg

    def measure(self, w: int) -> int:
        pad = theme().px("pad") if self.bg else 0
        return tx.text_height(self.text, self.size, w - 2 * pad, self.bold) + 2 * pad

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        pad = 0
        if self.bg:
            pad = theme().px("pad")
            rrect(surf, theme().color(self.bg), self.rect)
        tx.draw_text(surf, self.text, self.size, self.color, (x + pad, y + pad), w - 2 * pad,
                     self.bold, self.rect, self.align)


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


class Group(Block):
    """A block made of blocks: its focus targets and clicks are its items' (then its own)."""

    def __init__(self, items: list[Block]):
        super().__init__()
        self.items = items

    def focus_targets(self) -> list[Block]:
        return super().focus_targets() + [f for it in self.items for f in it.focus_targets()]

    def click(self, pos) -> bool:
        return any(it.click(pos) for it in self.items)


class Row(Group):
    """Blocks side by side (auto-width buttons), wrapping onto more lines when narrow."""

    def __init__(self, items: list[Block], align: str = "left"):
        super().__init__(items)
        self.align = align

    def _lines(self, w: int) -> list[list[tuple[Block, int]]]:
        gap = theme().px("gap")
        lines: list[list[tuple[Block, int]]] = [[]]
        used = 0
        for it in self.items:
            iw = min(w, it.natural_width() if hasattr(it, "natural_width") else w)
            if lines[-1] and used + gap + iw > w:
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + iw
            lines[-1].append((it, iw))
        return lines

    def measure(self, w: int) -> int:
        gap = theme().px("gap")
        return sum(max(it.height(iw) for it, iw in line) for line in self._lines(w) if line) + \
            gap * (len(self._lines(w)) - 1)

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        gap = theme().px("gap")
        for line in self._lines(w):
            if not line:
                continue
            total = sum(iw for _, iw in line) + gap * (len(line) - 1)
            cx = x + ((w - total) // 2 if self.align == "center" else 0)
            lh = max(it.height(iw) for it, iw in line)
            for it, iw in line:
                it.draw(surf, cx, y, iw, ui)
                cx += iw + gap
            y += lh + gap

class Card(Group):
    """A padded, rounded panel holding blocks. `accent` draws a coloured strip on the left."""

    def __init__(self, items: list[Block], bg: str = "card", border: str | None = "card_border",
                 accent: str | None = None, action: Callable[[], None] | None = None, name: str = ""):
        super().__init__(items)
        self.bg, self.border, self.accent, self.action = bg, border, accent, action
        self.focusable = action is not None
        self.name = name

    def _inner(self, w: int) -> tuple[int, int]:
        pad = theme().px("pad")
        left = pad + (theme().px("gap") if self.accent else 0)
        return left, w - left - pad

    def measure(self, w: int) -> int:
        pad, gap = theme().px("pad"), theme().px("gap") // 2
        _, iw = self._inner(w)
        return 2 * pad + sum(it.height(iw) for it in self.items) + gap * max(0, len(self.items) - 1)

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        self.rect.h = max(self.rect.h, getattr(self, "stretch_to", 0))
        t = theme()
        hover = self.focusable and ui.is_hover(self.rect)
        rrect(surf, t.color("button2_hover" if hover else self.bg), self.rect)
        if self.border:
            rrect(surf, t.color(self.border), self.rect, None, 2)
        if self.accent:  # the card's own rounded shape, clipped to a strip on its left edge
            old_clip = surf.get_clip()
            surf.set_clip(pygame.Rect(x, y, t.px("gap"), self.rect.h).clip(old_clip))
            rrect(surf, t.color(self.accent), self.rect)
            surf.set_clip(old_clip)
        left, iw = self._inner(w)
        cy = y + t.px("pad")
        for it in self.items:
            it.draw(surf, x + left, cy, iw, ui)
            cy += it.height(iw) + t.px("gap") // 2
        if ui.focused is self:
            focus_ring(surf, self.rect)

    def click(self, pos) -> bool:
        if super().click(pos):
            return True
        if self.focusable and self.rect.collidepoint(pos):
            self.activate()
            return True
        return False

    def activate(self) -> None:
        if self.action:
            self.action()


class Grid(Group):
    """Blocks in as many equal columns as fit `min_w` (cards in the scenario picker)."""

    def __init__(self, items: list[Block], min_w: int = 380):
        super().__init__(items)
        self.min_w = min_w

    def _cols(self, w: int) -> tuple[int, int]:
        gap = theme().px("gap") * 2
        cols = max(1, min(3, (w + gap) // (round(self.min_w * theme().scale) + gap)))
        return cols, (w - gap * (cols - 1)) // cols

    def _rows(self, w: int):
        cols, cw = self._cols(w)
        return [self.items[i:i + cols] for i in range(0, len(self.items), cols)], cw

    def measure(self, w: int) -> int:
        rows, cw = self._rows(w)
        gap = theme().px("gap") * 2
        return sum(max(it.height(cw) for it in row) for row in rows) + gap * max(0, len(rows) - 1)

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        rows, cw = self._rows(w)
        gap = theme().px("gap") * 2
        for row in rows:
            rh = max(it.height(cw) for it in row)
            for i, it in enumerate(row):
                it.stretch_to = rh  # cards of a row share one height
                it.draw(surf, x + i * (cw + gap), y, cw, ui)
            y += rh + gap

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


class Custom(Block):
    """A block drawn by a function (for one-off pieces such as a bubble in the debrief)."""

    def __init__(self, measure: Callable[[int], int], draw: Callable[[pygame.Surface, pygame.Rect, UIState], None]):
        super().__init__()
        self._measure, self._draw = measure, draw

    def measure(self, w: int) -> int:
        return self._measure(w)

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        self._draw(surf, self.rect, ui)
