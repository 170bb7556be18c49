"""Where the chat screen's parts go: the phone column, the side panel beside it (when there is
room and no projector), and the header on top of the column. Worked out again only when the
window, the theme or projector mode changes (the list's lines are measured again then too)."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ...theme import theme
from .header import header_height


class Layout:
    """The rectangles of the chat screen by name: "side", "col", "header" (the scene adds "list"
    and "dock" as it draws)."""

    def __init__(self) -> None:
        self.geo: dict[str, pygame.Rect] = {}
        self.key: tuple | None = None

    def clear(self) -> None:
        self.geo, self.key = {}, None

    def fit(self, size: tuple[int, int], bar_height: Callable[[int], int], projector: bool) -> bool:
        """Lay the screen out for a window of `size` under the top bar (`bar_height(w)` tall).
        False when nothing changed since the last time (the rectangles are as they were)."""
        t = theme()
        w, h = size
        key = (w, h, t.generation, projector)
        if key == self.key and self.geo:
            return False
        m, gap = t.px("margin"), t.px("gap")
        if h < 700 or w < 1100:  # a small window: the chat takes the margins too
            m = min(m, gap)
        bar_h = bar_height(w)
        col_w = min(w - 2 * m, t.px("chat_max_w"))
        side_w = w - col_w - 3 * m
        if side_w >= t.px("side_min_w") and not projector:
            side = pygame.Rect(m, bar_h + m // 2, side_w, h - bar_h - m)
            col = pygame.Rect(side.right + m, bar_h + gap, col_w, h - bar_h - 2 * gap)
        else:
            side = pygame.Rect(0, 0, 0, 0)
            col = pygame.Rect((w - col_w) // 2, bar_h + gap, col_w, h - bar_h - 2 * gap)
        header = pygame.Rect(col.x, col.y, col.w, header_height(col))
        self.geo = {"side": side, "col": col, "header": header}
        self.key = key
        return True

    def view_rect(self) -> pygame.Rect:
        """The message list on screen (a placeholder until the first frame)."""
        return self.geo.get("list", pygame.Rect(0, 0, 1, 1))

    def has_side(self) -> bool:
        """Whether the side panel shows (then the Coach card sits there, not in the dock)."""
        return bool(self.geo["side"].w)
