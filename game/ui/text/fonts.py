"""Fonts: the chosen family and line spacing, open fonts kept in a small cache, and which
characters each font really draws (so a missing glyph falls back instead of showing a box).

Fonts ship in assets/fonts (Noto Sans, OFL; OpenDyslexic for the dyslexia-friendly option); a
character the chosen font lacks falls back to Noto Sans, then to DejaVu Sans for symbols.
"""

from __future__ import annotations

import pygame

from ..theme import ASSETS, theme

FONT_DIR = ASSETS / "fonts"
FAMILIES = {
    "standard": {False: "NotoSans-Regular.ttf", True: "NotoSans-Bold.ttf"},
    "dyslexic": {False: "OpenDyslexic-Regular.otf", True: "OpenDyslexic-Bold.otf"},
}
FONT_FILES = FAMILIES["standard"]  # the fallback family: covers Latin, French, punctuation
SYMBOL_FONT = "DejaVuSans.ttf"  # symbols Noto Sans lacks: ★ ☐ ✓ arrows, shapes

_fonts: dict[tuple[str, int, bool], pygame.font.Font] = {}
FONT_CACHE = 64  # open fonts kept (~200 KB each); the sizes on screen are a dozen or two
_family = "standard"
_spacing = 1.0


def choose_style(family: str, spacing: float = 1.0) -> bool:
    """Use font `family` ('standard' or 'dyslexic') and line `spacing` (1.0 = the font's own).
    Returns whether anything changed; the caller drops what was laid out with the old style."""
    global _family, _spacing
    family = family if family in FAMILIES else "standard"
    spacing = max(1.0, min(2.5, float(spacing)))
    if (family, spacing) == (_family, _spacing):
        return False
    _family, _spacing = family, spacing
    return True


def style() -> tuple[str, float]:
    """The chosen family and line spacing, as `set_style` left them."""
    return _family, _spacing


def current_family() -> str:
    """The chosen family's name ('standard' or 'dyslexic')."""
    return _family


def _load(family: str, px: int, bold: bool) -> pygame.font.Font:
    key = (family, px, bold)
    f = _fonts.get(key)
    if f is None:
        if not pygame.font.get_init():
            pygame.font.init()
        f = _fonts[key] = pygame.font.Font(str(FONT_DIR / FAMILIES[family][bold]), px)
        _sizes[id(f)] = (px, bold)
        if len(_fonts) > FONT_CACHE:  # oldest first: a window dragged to many sizes opens many
            del _fonts[next(iter(_fonts))]
    return f


_sizes: dict[int, tuple[int, bool]] = {}


def _fallback_for(f: pygame.font.Font) -> pygame.font.Font:
    return fallback_font(*_sizes[id(f)])


def font(px: int, bold: bool = False) -> pygame.font.Font:
    """The text font of the chosen family."""
    return _load(_family, px, bold)


def fallback_font(px: int, bold: bool = False) -> pygame.font.Font:
    """Noto Sans: draws what the chosen family lacks (e.g. U+202F in OpenDyslexic)."""
    return _load("standard", px, bold)


def line_height(f: pygame.font.Font) -> int:
    """A line's height with the line-spacing setting."""
    return round(f.get_linesize() * _spacing)


_symbol_fonts: dict[int, pygame.font.Font] = {}


def symbol_font(px: int) -> pygame.font.Font:
    f = _symbol_fonts.get(px)
    if f is None:
        f = _symbol_fonts[px] = pygame.font.Font(str(FONT_DIR / SYMBOL_FONT), px)
        if len(_symbol_fonts) > FONT_CACHE // 4:
            del _symbol_fonts[next(iter(_symbol_fonts))]
    return f


def font_for(size: str, bold: bool = False) -> pygame.font.Font:
    """The font for a theme size name ('body', 'small', 'title'...)."""
    return font(theme().px(size), bold)


# --- glyph coverage --------------------------------------------------------------------------

_has: dict[tuple[str, str], bool] = {}
_notdef: dict[str, tuple[int, int, int, int, int] | None] = {}


def _covers(which: str, ch: str) -> bool:
    """Whether font `which` (a family name, or 'symbol') draws `ch`, not its missing-glyph box."""
    known = _has.get((ch, which))
    if known is None:
        f = symbol_font(20) if which == "symbol" else _load(which, 20, False)
        if which not in _notdef:
            _notdef[which] = f.metrics("\U000F0000")[0]
        m = f.metrics(ch)[0]
        known = _has[(ch, which)] = m is not None and m != _notdef[which]
    return known


def font_has(ch: str, symbol: bool = False) -> bool:
    """Whether the text fonts (the Noto fallback included) or the symbol font draw `ch`."""
    if ch < "\u0250" and not symbol:  # Latin, Latin-1, Latin Extended-A/B: all in Noto Sans
        return True
    return _covers("symbol" if symbol else "standard", ch)


def family_has(ch: str) -> bool:
    """Whether the chosen family itself draws `ch` (else it falls back to Noto Sans)."""
    if _family == "standard":
        return font_has(ch)
    return _covers(_family, ch)


