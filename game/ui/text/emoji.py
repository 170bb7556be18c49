"""Colour emoji from the game's picture atlas, and splitting a text into runs by what draws
each character: the chosen font, the Noto fallback, the symbol font or the emoji atlas.

Colour emoji come from a small picture atlas (assets/emoji, from Noto Color Emoji); a character
none of the fonts nor the atlas has is replaced by a short readable name, never a tofu box.
"""

from __future__ import annotations

import pygame

from ..cache import SurfaceCache
from ..theme import ASSETS
from . import fonts
from .fonts import family_has, font_has

EMOJI_DIR = ASSETS / "emoji"
EMOJI_CACHE = 400  # scaled emoji kept (a chat uses a few dozen, at one or two sizes)
EMOJI_BYTES = 6 * 2**20

_SKIP = {0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))
ZWJ = 0x200D


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
    standard = fonts.current_family() == "standard"
    if standard and text.isascii():  # what the loop below gives, without the loop
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
        if ch < "\u0250" and cp not in (0xA9, 0xAE) and (standard or family_has(ch)):
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

