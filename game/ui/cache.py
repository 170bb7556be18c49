"""An LRU of rendered surfaces, bounded by count and by bytes.

Rendering text or a bubble costs 0.2–0.6 ms and blitting a cached one ~0.05 ms, so what is near
the view is kept; but a surface's size follows the text size and the window (a bubble at 200 %
on a 1920×1080 projector is over 1 MB), so a count alone does not bound memory. Both bounds
hold after every `put`, except that the newest surface always stays (it is about to be drawn).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterator

import pygame


def nbytes(surf: pygame.Surface) -> int:
    """Pixel bytes of a surface (32-bit)."""
    return surf.get_width() * surf.get_height() * 4


class SurfaceCache:
    def __init__(self, max_items: int, max_bytes: int):
        self.max_items, self.max_bytes = max_items, max_bytes
        self._items: OrderedDict[Hashable, pygame.Surface] = OrderedDict()
        self.nbytes = 0

    def get(self, key: Hashable) -> pygame.Surface | None:
        surf = self._items.get(key)
        if surf is not None:
            self._items.move_to_end(key)
        return surf

    def put(self, key: Hashable, surf: pygame.Surface) -> pygame.Surface:
        old = self._items.pop(key, None)
        if old is not None:
            self.nbytes -= nbytes(old)
        self._items[key] = surf
        self.nbytes += nbytes(surf)
        while len(self._items) > self.max_items or (self.nbytes > self.max_bytes and len(self._items) > 1):
            self.nbytes -= nbytes(self._items.popitem(last=False)[1])
        return surf

    def clear(self) -> None:
        self._items.clear()
        self.nbytes = 0

    def __len__(self) -> int:
        return len(self._items)

    def values(self) -> Iterator[pygame.Surface]:
        return iter(self._items.values())
