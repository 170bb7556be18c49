"""Drawing laid-out text onto surfaces, with colour emoji inline, kept in a small LRU cache.

Rendered surfaces cost memory, so only what is near the view is kept (by count and by bytes);
layouts are cached separately and cost little (wrapping.py).
"""

from __future__ import annotations

import pygame

from ..cache import SurfaceCache
from .emoji import EMOJI
from .fonts import fallback_font, font, symbol_font
from .wrapping import _emoji_px, _layouts, layout

RENDER_CACHE = 384  # rendered texts kept: every screen's worth, several times over
RENDER_BYTES = 24 * 2**20  # and at most this many bytes (a full 1920x1080 screen of text is ~8 MB)
_renders = SurfaceCache(RENDER_CACHE, RENDER_BYTES)


def render(text: str, px: int, color, max_w: int = 100000, bold: bool = False,
           align: str = "left") -> pygame.Surface:
    """`text` wrapped at `max_w`, with colour emoji, on a transparent surface (LRU-cached)."""
    color = tuple(pygame.Color(color))
    key = (text, px, color, max_w, bold, align)
    surf = _renders.get(key)
    if surf is not None:
        return surf
    lay = layout(text, px, max_w, bold)
    f = font(px, bold)
    surf = pygame.Surface((max(1, lay.width), max(1, lay.height)), pygame.SRCALPHA)
    epx = _emoji_px(f)
    y = 0
    for runs, w in zip(lay.lines, lay.widths, strict=False):
        x = {"left": 0, "center": (lay.width - w) // 2, "right": lay.width - w}[align]
        for kind, value in runs:
            if kind == "t":
                img = _glyphs(f, value, color)
                if img is not None:
                    surf.blit(img, (x, y))
                    x += img.get_width()
            elif kind == "n":
                nf = fallback_font(px, bold)
                img = _glyphs(nf, value, color)
                if img is not None:
                    surf.blit(img, (x, y + (f.get_ascent() - nf.get_ascent())))
                    x += img.get_width()
            elif kind == "s":
                sf = symbol_font(px)
                img = _glyphs(sf, value, color)
                if img is not None:
                    surf.blit(img, (x, y + (f.get_ascent() - sf.get_ascent())))
                    x += img.get_width()
            else:
                surf.blit(EMOJI.glyph(ord(value), epx), (x + 1, y + (f.get_linesize() - epx) // 2))
                x += epx + 2
        y += lay.line_h
    return _renders.put(key, surf)


def cache_sizes() -> dict[str, int]:
    return {"layouts": len(_layouts), "renders": len(_renders), "render_bytes": _renders.nbytes}


def _glyphs(font, value: str, color):
    """A run of text drawn, or None for one that draws nothing: a run of only zero-width
    characters (pygame refuses "Text has zero width") or one with a NUL (imported text)."""
    if not value:
        return None
    try:
        return font.render(value, True, color)
    except (pygame.error, ValueError):
        return None
