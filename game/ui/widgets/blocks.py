"""Blocks that stack in a scrolling page: the base every widget shares, and the plain ones.

A block measures its height for a width (`height(w)`, cached per theme generation), draws
itself at (x, y, w) and remembers the screen rect it took, so clicks and the focus ring find it.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from .. import text as tx
from ..theme import theme
from .drawing import UIState, rrect


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


class Custom(Block):
    """A block drawn by a function (for one-off pieces such as a bubble in the debrief)."""

    def __init__(self, measure: Callable[[int], int], draw: Callable[[pygame.Surface, pygame.Rect, UIState], None]):
        super().__init__()
        self._measure, self._draw = measure, draw
        self.speech: str | None = None  # what read aloud says for it (None: nothing)

    def measure(self, w: int) -> int:
        return self._measure(w)

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        self._draw(surf, self.rect, ui)
