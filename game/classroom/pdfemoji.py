"""Colour emoji for the PDFs, from the game's own emoji atlas (`assets/emoji`, what the chat
screen shows): each part of the atlas a document needs is made into a small colour font (PNG
glyphs in an `sbix` table, once per run), which fpdf2 uses wherever the text font has no glyph.
A character no font has is written as its name in brackets instead.
"""

from __future__ import annotations

import atexit
import functools
import io
import json
import shutil
import tempfile
import unicodedata
from pathlib import Path

from game.shipped import shipped

EMOJI_DIR = shipped("assets", "emoji")

# Emoji: characters that only shape the one before them (variation selectors, skin tones, the
# keycap mark, tag characters), left out as the chat screen leaves them out (game/ui/text/emoji.py)
_SKIP = {0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))
_ZWJ = 0x200D
_EMOJI_UPEM, _EMOJI_ADVANCE = 1000, 1100  # each emoji a 1 em square with a little room after it
EMOJI_CHUNK = 128  # emoji per font: a document only pays for the parts of the atlas it uses


@functools.cache
def _atlas(folder: Path) -> tuple[dict[int, int], int, int, Path] | None:
    """The emoji atlas's index (codepoint -> cell), cell size, columns and picture; None when
    it can't be read."""
    try:
        meta = json.loads((folder / "emoji.json").read_text(encoding="utf-8"))
        index = {int(k, 16): int(v) for k, v in meta["index"].items()}
        return index, int(meta["cell"]), int(meta["columns"]), folder / "emoji.png"
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def emoji_part(cp: int, folder: Path | None = None) -> int | None:
    """Which of the emoji fonts draws codepoint `cp` (None: the atlas has no such emoji)."""
    atlas = _atlas(folder or EMOJI_DIR)
    cell = atlas[0].get(cp) if atlas else None
    return None if cell is None else cell // EMOJI_CHUNK


@functools.cache
def _fonts_folder() -> Path:
    where = Path(tempfile.mkdtemp(prefix="redflags-emoji-"))
    atexit.register(shutil.rmtree, where, True)
    return where


@functools.cache
def emoji_font(part: int, folder: Path | None = None) -> Path | None:
    """A colour TTF (PNG glyphs in an `sbix` table) of the atlas's emoji in cells
    part*EMOJI_CHUNK onwards, written once per run to a temporary folder: fpdf2 reads fonts from
    files, lazily, until the PDF is written. None when it can't be made (no atlas, no Pillow):
    emoji are then written as their names."""
    atlas = _atlas(folder or EMOJI_DIR)
    if atlas is None:
        return None
    index, cell, columns, picture = atlas
    try:
        from fontTools.fontBuilder import FontBuilder
        from fontTools.pens.ttGlyphPen import TTGlyphPen
        from fontTools.ttLib.tables._s_b_i_x import table__s_b_i_x
        from fontTools.ttLib.tables.sbixGlyph import Glyph
        from fontTools.ttLib.tables.sbixStrike import Strike
        from PIL import Image

        sheet = Image.open(picture)
        sheet.load()
    except (ImportError, OSError, ValueError):
        return None
    mine = {cp: i for cp, i in index.items() if i // EMOJI_CHUNK == part}
    names = {cp: f"u{cp:04X}" for cp in mine}
    square = TTGlyphPen(None)  # the box the picture fills: its bottom a little below the baseline
    square.moveTo((0, -120))
    for point in ((0, 880), (_EMOJI_UPEM, 880), (_EMOJI_UPEM, -120)):
        square.lineTo(point)
    square.closePath()
    box = square.glyph()
    strike = Strike(ppem=cell, resolution=72)
    for cp, i in mine.items():
        x, y = (i % columns) * cell, (i // columns) * cell
        png = io.BytesIO()
        sheet.crop((x, y, x + cell, y + cell)).save(png, "PNG", compress_level=1)
        strike.glyphs[names[cp]] = Glyph(glyphName=names[cp], graphicType="png ",
                                         imageData=png.getvalue(), originOffsetX=0, originOffsetY=0)
    order = [".notdef", *names.values()]
    fb = FontBuilder(_EMOJI_UPEM, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(names)
    fb.setupGlyf({name: box for name in order})
    fb.setupHorizontalMetrics({name: (_EMOJI_ADVANCE, 0) for name in order})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": f"Red Flags Emoji {part}", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    sbix = table__s_b_i_x()
    sbix.strikes[cell] = strike
    fb.font["sbix"] = sbix
    out = _fonts_folder() / f"emoji-{part}.ttf"
    try:
        fb.save(str(out))
    except OSError:
        return None
    return out


def emoji_name(ch: str) -> str:
    """What a character no font here draws is written as: its Unicode name, in brackets."""
    name = unicodedata.name(ch, "")
    return f"({name.lower()})" if name else ""
