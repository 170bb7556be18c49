"""Fonts, wrapping and text rendering with inline emoji, plus LRU caches of what was drawn.

Fonts ship in assets/fonts (Noto Sans, OFL; OpenDyslexic for the dyslexia-friendly option); colour
emoji come from a small picture atlas (assets/emoji, from Noto Color Emoji). A character the
chosen font lacks falls back, character by character, to Noto Sans, then to DejaVu Sans for
symbols, then to the emoji atlas; one none of them has is replaced by a short readable name,
never a tofu box. `set_style` picks the font family and the line spacing. Layouts (where lines break) are cheap and cached in bulk; rendered
surfaces cost memory and are kept in a small LRU: only what is near the view.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import NamedTuple

import pygame

from .cache import SurfaceCache
from .theme import ASSETS, theme

FONT_DIR = ASSETS / "fonts"
FAMILIES = {
    "standard": {False: "NotoSans-Regular.ttf", True: "NotoSans-Bold.ttf"},
    "dyslexic": {False: "OpenDyslexic-Regular.otf", True: "OpenDyslexic-Bold.otf"},
}
FONT_FILES = FAMILIES["standard"]  # the fallback family: covers Latin, French, punctuation
SYMBOL_FONT = "DejaVuSans.ttf"  # symbols Noto Sans lacks: ★ ☐ ✓ arrows, shapes
EMOJI_DIR = ASSETS / "emoji"
EMOJI_CACHE = 400  # scaled emoji kept (a chat uses a few dozen, at one or two sizes)
EMOJI_BYTES = 6 * 2**20

_SKIP = {0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))
ZWJ = 0x200D

_fonts: dict[tuple[str, int, bool], pygame.font.Font] = {}
FONT_CACHE = 64  # open fonts kept (~200 KB each); the sizes on screen are a dozen or two
_family = "standard"
_spacing = 1.0


def set_style(family: str, spacing: float = 1.0) -> bool:
    """Use font `family` ('standard' or 'dyslexic') and line `spacing` (1.0 = the font's own).
    Returns whether anything changed (cached layouts and renders are dropped then)."""
    global _family, _spacing
    family = family if family in FAMILIES else "standard"
    spacing = max(1.0, min(2.5, float(spacing)))
    if (family, spacing) == (_family, _spacing):
        return False
    _family, _spacing = family, spacing
    _layouts.clear()
    _renders.clear()
    return True


def style() -> tuple[str, float]:
    return _family, _spacing


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
_notdef: dict[str, tuple] = {}


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


class _Emoji:
    """The emoji atlas, loaded on first use."""

    def __init__(self):
        self.index: dict[int, int] | None = None
        self.sheet: pygame.Surface | None = None
        self.cell = 40
        self.columns = 40
        self.scaled = SurfaceCache(EMOJI_CACHE, EMOJI_BYTES)

    def _load(self) -> None:
        import json  # the atlas's index: only once a text needs an emoji

        try:
            meta = json.loads((EMOJI_DIR / "emoji.json").read_text(encoding="utf-8"))
            self.index = {int(k, 16): v for k, v in meta["index"].items()}
            self.cell, self.columns = meta["cell"], meta["columns"]
        except (OSError, ValueError, KeyError):
            self.index = {}

    def has(self, cp: int) -> bool:
        if self.index is None:
            self._load()
        return cp in self.index  # type: ignore[operator]

    def glyph(self, cp: int, px: int) -> pygame.Surface:
        key = (cp, px)
        surf = self.scaled.get(key)
        if surf is None:
            if self.sheet is None:
                sheet = pygame.image.load(str(EMOJI_DIR / "emoji.png"))
                self.sheet = sheet.convert_alpha() if pygame.display.get_surface() else sheet
            i = self.index[cp]  # type: ignore[index]
            c = self.cell
            cell = self.sheet.subsurface(((i % self.columns) * c, (i // self.columns) * c, c, c))
            surf = pygame.transform.smoothscale(cell.convert_alpha() if pygame.display.get_surface()
                                                else cell, (px, px))
            self.scaled.put(key, surf)
        return surf


EMOJI = _Emoji()


def _replacement(ch: str) -> str:
    import unicodedata  # only for a character no font has (rare): not before the first frame

    name = unicodedata.name(ch, "")
    if not name:
        return ""
    if unicodedata.category(ch) in ("So", "Sk", "Sm"):
        return "(" + name.lower() + ")"
    return "?"


def segments(text: str) -> list[tuple[str, str]]:
    """Split text into ('t', text), ('n', Noto fallback text), ('e', emoji) and ('s', symbol-font
    text) runs."""
    if _family == "standard" and text.isascii():  # what the loop below gives, without the loop
        return [("t", text)] if text else []
    runs: list[tuple[str, str]] = []
    buf: list[str] = []
    skip_next = False
    n = len(text)
    for i, ch in enumerate(text):
        cp = ord(ch)
        if 0x1F1E6 <= cp <= 0x1F1FF:  # regional indicators: a country flag reads as [CA]
            if i + 1 < n and 0x1F1E6 <= ord(text[i + 1]) <= 0x1F1FF:
                buf.append("[" + chr(cp - 0x1F1E6 + 65) + chr(ord(text[i + 1]) - 0x1F1E6 + 65) + "]")
                skip_next = True
            elif not skip_next:
                buf.append("[" + chr(cp - 0x1F1E6 + 65) + "]")
            else:
                skip_next = False
            continue
        if skip_next:  # the rest of a ZWJ sequence: drawn as its first emoji
            skip_next = False
            if cp not in _SKIP:
                continue
        if cp in _SKIP:
            continue
        if cp == ZWJ:
            skip_next = True
            continue
        if ch < "\u0250" and cp not in (0xA9, 0xAE) and (_family == "standard" or family_has(ch)):
            buf.append(ch)
            continue
        vs16 = i + 1 < n and text[i + 1] == "\ufe0f"
        if EMOJI.has(cp) and (cp >= 0x1F000 or vs16 or not font_has(ch)):
            kind = "e"
        elif family_has(ch):
            buf.append(ch)
            continue
        elif font_has(ch):  # the chosen family lacks it: Noto Sans draws it
            kind = "n"
        elif font_has(ch, symbol=True):
            kind = "s"
        else:
            buf.append(_replacement(ch))
            continue
        if buf:
            runs.append(("t", "".join(buf)))
            buf = []
        if kind != "e" and runs and runs[-1][0] == kind:  # neighbours of one kind: one run
            runs[-1] = (kind, runs[-1][1] + ch)
        else:
            runs.append((kind, ch))
    if buf:
        runs.append(("t", "".join(buf)))
    return runs


# --- layout ----------------------------------------------------------------------------------


class Layout(NamedTuple):  # immutable, compared by value (a frozen dataclass took 1.5 ms of the launch)
    lines: tuple[tuple[tuple[str, str], ...], ...]  # runs per line
    widths: tuple[int, ...]
    line_h: int
    width: int
    height: int


_TOKEN = re.compile(r"[^ ]+ *| +")
_layouts: OrderedDict = OrderedDict()
LAYOUT_CACHE = 2048  # line breaks kept (~1.4 KB each): a long chat lays out its history once and
# keeps its own heights, so only what is near the view needs to stay


def _emoji_px(f: pygame.font.Font) -> int:
    return round(f.get_height() * 0.9)


def _run_w(f: pygame.font.Font, run: tuple[str, str]) -> int:
    if run[0] == "e":
        return _emoji_px(f) + 2
    if run[0] == "s":
        return symbol_font(f.point_size).size(run[1])[0]
    if run[0] == "n":
        return _fallback_for(f).size(run[1])[0]
    return f.size(run[1])[0]


def layout(text: str, px: int, max_w: int, bold: bool = False) -> Layout:
    """Where `text` breaks into lines at `max_w` pixels (cached)."""
    key = (text, px, max_w, bold)  # family and spacing: set_style empties the cache
    lay = _layouts.get(key)
    if lay is not None:
        _layouts.move_to_end(key)
        return lay
    f = font(px, bold)
    max_w = max(8, max_w)
    lines: list[tuple] = []
    widths: list[int] = []
    for para in text.split("\n"):
        runs = segments(para)
        if len(runs) <= 1 and (not runs or runs[0][0] == "t"):
            w = f.size(runs[0][1])[0] if runs else 0
            if w <= max_w:
                lines.append(tuple(runs))
                widths.append(w)
                continue
        _wrap(f, runs, max_w, lines, widths)
    lh = line_height(f)
    height = lh * (max(1, len(lines)) - 1) + f.get_linesize()
    lay = Layout(tuple(lines), tuple(widths), lh, max(widths, default=0), height)
    _layouts[key] = lay
    if len(_layouts) > LAYOUT_CACHE:
        _layouts.popitem(last=False)
    return lay


def _joined_w(f, runs) -> int:
    merged: list[tuple[str, str]] = []
    for r in runs:
        if merged and merged[-1][0] == r[0] == "t":
            merged[-1] = ("t", merged[-1][1] + r[1])
        else:
            merged.append(r)
    return sum(_run_w(f, r) for r in merged)


def _wrap(f, runs, max_w, lines, widths) -> None:
    # words: lists of runs, split at ordinary spaces only (no-break spaces keep words together)
    words: list[list[tuple[str, str]]] = [[]]
    for kind, value in runs:
        if kind != "t":
            words[-1].append((kind, value))
            continue
        for tok in _TOKEN.findall(value):
            words[-1].append(("t", tok))
            if tok.endswith(" "):
                words.append([])
    line: list[tuple[str, str]] = []
    line_w = 0

    def flush():
        nonlocal line, line_w
        # drop trailing spaces from the line's width
        if line and line[-1][0] == "t" and line[-1][1].endswith(" "):
            last = line[-1][1].rstrip(" ")
            line = line[:-1] + ([("t", last)] if last else [])
        lines.append(tuple(line))
        widths.append(sum(_run_w(f, r) for r in line))
        line, line_w = [], 0

    for word in words:
        if not word:
            continue
        w_full = sum(_run_w(f, r) for r in word)
        trimmed = word[:-1] + [("t", word[-1][1].rstrip(" "))] if word[-1][0] == "t" else word
        w_trim = sum(_run_w(f, r) for r in trimmed if r[1])
        # measure the joined line (kerning makes it differ from the sum of its words)
        if line and _joined_w(f, line + [r for r in trimmed if r[1]]) > max_w:
            flush()
        if not line and w_trim > max_w:  # a word longer than the line: break it by characters
            for kind, value in word:
                pieces = list(value) if kind == "t" else [value]
                for p in pieces:
                    r = (kind, p)
                    rw = _run_w(f, r)
                    if line and line_w + rw > max_w and p != " ":
                        flush()
                    if line and line[-1][0] == "t" and kind == "t":
                        line[-1] = ("t", line[-1][1] + p)
                    else:
                        line.append(r)
                    line_w += rw
            continue
        for r in word:
            if line and line[-1][0] == "t" and r[0] == "t":
                line[-1] = ("t", line[-1][1] + r[1])
            else:
                line.append(r)
        line_w += w_full
    if line or not lines:
        flush()


def measure(text: str, px: int, max_w: int, bold: bool = False) -> tuple[int, int]:
    lay = layout(text, px, max_w, bold)
    return lay.width, lay.height


# --- rendering -------------------------------------------------------------------------------

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
    for runs, w in zip(lay.lines, lay.widths):
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


def _glyphs(font, value: str, color):
    """A run of text drawn, or None for one that draws nothing: a run of only zero-width
    characters (pygame refuses "Text has zero width") or one with a NUL (imported text)."""
    if not value:
        return None
    try:
        return font.render(value, True, color)
    except (pygame.error, ValueError):
        return None
