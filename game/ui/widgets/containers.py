"""Blocks made of blocks: groups hand focus and clicks to their items, and lay them out in
rows, padded cards and equal-width grids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from ..theme import theme
from .blocks import Block
from .drawing import focus_ring, rrect


class Group(Block):
    """A block made of blocks: its focus targets and clicks are its items' (then its own)."""

    def __init__(self, items: Sequence[Block]):
        super().__init__()
        self.items = items

    def focus_targets(self) -> list[Block]:
        return super().focus_targets() + [f for it in self.items for f in it.focus_targets()]

    def click(self, pos) -> bool:
        return any(it.click(pos) for it in self.items)


class Row(Group):
    """Blocks side by side (auto-width buttons), wrapping onto more lines when narrow."""

    def __init__(self, items: Sequence[Block], align: str = "left"):
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

    def __init__(self, items: Sequence[Block], bg: str = "card", border: str | None = "card_border",
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

    def __init__(self, items: Sequence[Block], min_w: int = 380):
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
