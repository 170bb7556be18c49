"""Where the chat screen's parts go: the phone column, the side panel beside it (when there is
room and no projector), and the header on top of the column. Worked out again only when the
window, the theme or projector mode changes (the list's lines are measured again then too).

A wide window (1280x720 and up) with text at most 125 % shows a phone: a rounded frame ("frame")
around its screen ("col"), whose top is the status bar ("status", the top of the "header"
rectangle: the header proper is drawn under it), in the middle, the side panel beside it. A
small window, bigger text or a projector gives every pixel to the chat: the column fills the
window as before (no frame, no status bar: the header names the app)."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ... import text as tx
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
        none = pygame.Rect(0, 0, 0, 0)
        frame, status = none, none
        if framed(size, projector):
            frame, status, col, side = _phone(w, h, bar_h)
        else:
            col_w = min(w - 2 * m, t.px("chat_max_w"))
            side_w = w - col_w - 3 * m
            if side_w >= t.px("side_min_w") and not projector:
                side = pygame.Rect(m, bar_h + m // 2, side_w, h - bar_h - m)
                col = pygame.Rect(side.right + m, bar_h + gap, col_w, h - bar_h - 2 * gap)
            else:
                side = none
                col = pygame.Rect((w - col_w) // 2, bar_h + gap, col_w, h - bar_h - 2 * gap)
        # a phone's status bar is the top of its screen, and of the header (drawn under it)
        header = pygame.Rect(col.x, col.y, col.w, status.h + header_height(col))
        self.geo = {"side": side, "col": col, "header": header, "frame": frame, "status": status}
        self.key = key
        return True

    def framed(self) -> bool:
        """Whether the chat shows as a phone in its frame (else it fills the window)."""
        return bool(self.geo.get("frame") and self.geo["frame"].w)

    def view_rect(self) -> pygame.Rect:
        """The message list on screen (a placeholder until the first frame)."""
        return self.geo.get("list", pygame.Rect(0, 0, 1, 1))

    def has_side(self) -> bool:
        """Whether the side panel shows (then the Coach card sits there, not in the dock)."""
        return bool(self.geo["side"].w)


PHONE_RATIO = 0.9  # the phone's width over its height: a tall phone, still room for whole lines
SIDE_SHARE = 0.3  # the side panel beside the phone takes at most this share of the window


def framed(size: tuple[int, int], projector: bool) -> bool:
    """A phone in a frame: a wide window, text at most 125 %, no projector."""
    w, h = size
    return not projector and w >= 1200 and h >= 700 and theme().text_scale <= 1.25


def bezel() -> int:
    """The frame's width around the phone's screen."""
    return max(4, theme().px("gap"))


def status_height() -> int:
    """The phone's status bar: one small line (the time, the app)."""
    return tx.font_for("small").get_linesize() + theme().px("gap") // 2


def _phone(w: int, h: int, bar_h: int) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect, pygame.Rect]:
    """The phone's frame, status bar and screen, and the side panel beside it, centred together."""
    t = theme()
    m, gap, bz = t.px("margin"), t.px("gap"), bezel()
    frame_h = h - bar_h - 2 * gap
    frame_w = min(t.px("chat_max_w"), round(frame_h * PHONE_RATIO), w - 2 * m)
    side_w = min(round(w * SIDE_SHARE), w - frame_w - 3 * m)
    if side_w < t.px("side_min_w"):
        side_w = 0
    total = frame_w + (side_w + m if side_w else 0)
    x0 = (w - total) // 2
    side = pygame.Rect(x0, bar_h + m // 2, side_w, h - bar_h - m) if side_w else pygame.Rect(0, 0, 0, 0)
    frame = pygame.Rect(x0 + (side_w + m if side_w else 0), bar_h + gap, frame_w, frame_h)
    col = frame.inflate(-2 * bz, -2 * bz)
    status = pygame.Rect(col.x, col.y, col.w, status_height())
    return frame, status, col, side
