"""The rendered-surface LRU holds to both bounds: count and bytes."""

from __future__ import annotations

import pygame

from game.ui.cache import SurfaceCache, nbytes


def surf(w: int, h: int = 1) -> pygame.Surface:
    return pygame.Surface((w, h))


def test_count_bound_evicts_least_recently_used():
    c = SurfaceCache(max_items=2, max_bytes=10**9)
    a = c.put("a", surf(1))
    c.put("b", surf(1))
    assert c.get("a") is a  # "a" is now the most recent
    c.put("c", surf(1))
    assert c.get("b") is None and c.get("a") is a and len(c) == 2


def test_byte_bound_evicts_until_it_fits_but_keeps_the_newest():
    c = SurfaceCache(max_items=100, max_bytes=100 * 4)  # 100 pixels
    for k in range(5):
        c.put(k, surf(30))  # 120 bytes each
    assert len(c) == 3 and c.nbytes == 3 * 120 and c.get(0) is None and c.get(1) is None
    big = c.put("big", surf(500))  # alone over the budget: kept, everything older goes
    assert len(c) == 1 and c.get("big") is big and c.nbytes == nbytes(big)


def test_replacing_a_key_and_clearing_keep_the_byte_count_right():
    c = SurfaceCache(max_items=10, max_bytes=10**9)
    c.put("a", surf(10))
    c.put("a", surf(20))
    assert c.nbytes == 80 and len(c) == 1
    c.clear()
    assert c.nbytes == 0 and len(c) == 0 and list(c.values()) == []


def test_runs_that_draw_nothing_never_stop_a_screen():
    """Zero-width characters alone on a wrapped line, or a NUL from an older store, at 200 %:
    pygame refuses to render them; the text draws without them instead of crashing."""
    import pygame

    from game.settings import Settings
    from game.ui import text as tx
    from game.ui.theme import apply_settings

    apply_settings(Settings(text_size=200), (1155, 966))
    try:
        surf = pygame.Surface((400, 400))
        for value in ("Blue\ufeff", "\u200b", "7B\x00x", "\u2060\u200d"):
            tx.draw_text(surf, value, "body", "text", (0, 0), 20, True, surf.get_rect())
    finally:
        apply_settings(Settings(), (1280, 720))
