"""Ways to frame blocks on a page: a tinted message panel (a problem, a warning, good news) and
a narrow centred column (the PIN box)."""

from __future__ import annotations

from collections.abc import Sequence

from ..theme import theme
from .base import Block, Card


def panel(items: Sequence[Block], tone: str = "neutral", name: str = "") -> Card:
    """A tinted message card: good, warn, bad or neutral."""
    return Card(items, bg=f"{tone}_bg", accent=tone if tone != "neutral" else "faint", border=None, name=name)


class Column(Block):
    """Blocks stacked in a centred column at most `max_w` (at 1280x720) wide: the PIN box."""

    def __init__(self, items: Sequence[Block], max_w: int):
        super().__init__()
        self.items, self.max_w = items, max_w

    def _w(self, w: int) -> int:
        return min(w, round(self.max_w * theme().scale))

    def measure(self, w: int) -> int:
        cw = self._w(w)
        return sum(it.height(cw) for it in self.items) + theme().px("gap") * (len(self.items) - 1)

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        cw = self._w(w)
        cx = x + (w - cw) // 2
        for it in self.items:
            it.draw(surf, cx, y, cw, ui)
            y += it.height(cw) + theme().px("gap")

    def focus_targets(self) -> list[Block]:
        return [f for it in self.items for f in it.focus_targets()]

    def click(self, pos) -> bool:
        return any(it.click(pos) for it in self.items)
