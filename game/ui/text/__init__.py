"""Fonts, wrapping and text rendering with inline emoji, plus LRU caches of what was drawn.

Fonts ship in assets/fonts (Noto Sans, OFL; OpenDyslexic for the dyslexia-friendly option); colour
emoji come from a small picture atlas (assets/emoji, from Noto Color Emoji). A character the
chosen font lacks falls back, character by character, to Noto Sans, then to DejaVu Sans for
symbols, then to the emoji atlas; one none of them has is replaced by a short readable name,
never a tofu box. `set_style` picks the font family and the line spacing. Layouts (where lines break) are cheap and cached in bulk; rendered
surfaces cost memory and are kept in a small LRU: only what is near the view.

The parts live in this package, one concept each: fonts.py (families, spacing, glyph coverage),
emoji.py (the atlas and splitting text into runs), wrapping.py (line breaks) and rendering.py
(surfaces). Themed drawing and the record of what went where stay here, so `text.RECORDING`
is the one switch tests turn on. Every name stays importable from `game.ui.text`.
"""

from __future__ import annotations

import pygame

from ..theme import theme
from .emoji import _SKIP, EMOJI, EMOJI_BYTES, EMOJI_CACHE, EMOJI_DIR, ZWJ, _Emoji, _replacement, segments
from .fonts import (
    FAMILIES,
    FONT_CACHE,
    FONT_DIR,
    FONT_FILES,
    SYMBOL_FONT,
    _covers,
    _fallback_for,
    _fonts,
    _has,
    _load,
    _notdef,
    _sizes,
    _symbol_fonts,
    choose_style,
    fallback_font,
    family_has,
    font,
    font_for,
    font_has,
    line_height,
    style,
    symbol_font,
)
from .rendering import RENDER_BYTES, RENDER_CACHE, _glyphs, _renders, cache_sizes, render
from .wrapping import (
    _TOKEN,
    LAYOUT_CACHE,
    Layout,
    _emoji_px,
    _joined_w,
    _layouts,
    _run_w,
    _wrap,
    layout,
    measure,
)

__all__ = [
    "FAMILIES", "FONT_CACHE", "FONT_DIR", "FONT_FILES", "SYMBOL_FONT", "EMOJI", "EMOJI_BYTES", "EMOJI_CACHE",
    "EMOJI_DIR", "ZWJ", "LAYOUT_CACHE", "RENDER_BYTES", "RENDER_CACHE", "RECORD", "RECORDING", "Layout",
    "set_style", "style", "font", "fallback_font", "symbol_font", "font_for", "line_height", "font_has",
    "family_has", "segments", "layout", "measure", "render", "cache_sizes", "blit", "note", "draw_text",
    "text_height", "text_width", "_fonts", "_symbol_fonts", "_sizes", "_has", "_notdef", "_covers", "_load",
    "_fallback_for", "_SKIP", "_Emoji", "_replacement", "_TOKEN", "_layouts", "_renders", "_emoji_px",
    "_run_w", "_joined_w", "_wrap", "_glyphs",
]


def set_style(family: str, spacing: float = 1.0) -> bool:
    """Use font `family` ('standard' or 'dyslexic') and line `spacing` (1.0 = the font's own).
    Returns whether anything changed (cached layouts and renders are dropped then)."""
    if not choose_style(family, spacing):
        return False
    _layouts.clear()
    _renders.clear()
    return True


# --- drawing with a record of what went where (tests check that no text is clipped) ---------

RECORD: list[tuple[pygame.Rect, pygame.Rect, str]] = []
RECORDING = False


def blit(surface: pygame.Surface, img: pygame.Surface, pos, box: pygame.Rect | None = None,
         label: str = "") -> pygame.Rect:
    """Blit a rendered text; when recording, note its rect and the box it must fit in. Returns
    the text's full rect (not the part the clip let through: layouts stack on it)."""
    surface.blit(img, pos)
    rect = pygame.Rect(pos, img.get_size())
    note(surface, rect, box, label)
    return rect


def note(surface: pygame.Surface, rect: pygame.Rect, box: pygame.Rect | None, label: str) -> None:
    """When recording, note a text drawn at `rect` that must fit in `box` (default: the surface).
    One cut by the clip's top or bottom is a scrolling view's edge, not a layout fault: skipped."""
    if not RECORDING:
        return
    clip = surface.get_clip()
    if rect.top < clip.top or rect.bottom > clip.bottom:
        return
    RECORD.append((pygame.Rect(rect), pygame.Rect(box) if box is not None else surface.get_rect(), label))


def draw_text(surface: pygame.Surface, text: str, size: str, color: str, pos, max_w: int,
              bold: bool = False, box: pygame.Rect | None = None, align: str = "left") -> pygame.Rect:
    """Render a themed text (size and colour names) and blit it at `pos`."""
    t = theme()
    img = render(text, t.px(size), t.color(color), max_w, bold, align)
    x, y = pos
    if align == "center":
        x = x + (max_w - img.get_width()) // 2
    elif align == "right":
        x = x + max_w - img.get_width()
    return blit(surface, img, (x, y), box, text)


def text_height(text: str, size: str, max_w: int, bold: bool = False) -> int:
    return measure(text, theme().px(size), max_w, bold)[1]


def text_width(text: str, size: str, bold: bool = False) -> int:
    return measure(text, theme().px(size), 100000, bold)[0]
