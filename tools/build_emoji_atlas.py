"""Rebuild emoji.png + emoji.json from Noto Color Emoji (run by hand; not needed to play).

    apt-get download fonts-noto-color-emoji && dpkg -x fonts-noto-color-emoji_*.deb x
    python tools/build_emoji_atlas.py x/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf

Needs fontTools (to read the font's character map) and Pillow (to shrink the PNG). The game itself only loads the PNG atlas:
a 1 MB picture instead of an 11 MB colour font, and no colour-font support needed at run time.
Single-code-point emoji of the common blocks are kept; sequences (skin tones, ZWJ families)
are drawn with their base emoji by the game.
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

CELL = 40
COLUMNS = 40
RANGES = [(0x1F300, 0x1F5FF), (0x1F600, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F900, 0x1F9FF),
          (0x1FA70, 0x1FAFF), (0x2600, 0x27BF), (0x2190, 0x21FF), (0x2300, 0x23FF),
          (0x2B00, 0x2BFF), (0x3030, 0x303D), (0x2100, 0x214F), (0x00A9, 0x00AE)]


def main(font_path: str) -> None:
    cmap = TTFont(font_path).getBestCmap()
    cps = sorted(c for c in cmap if any(a <= c <= b for a, b in RANGES))
    pygame.init()
    font = pygame.font.Font(font_path, 109)
    rows = (len(cps) + COLUMNS - 1) // COLUMNS
    atlas = pygame.Surface((COLUMNS * CELL, rows * CELL), pygame.SRCALPHA)
    index = {}
    for i, cp in enumerate(cps):
        glyph = font.render(chr(cp), True, (0, 0, 0))
        w, h = glyph.get_size()
        scale = CELL / max(w, h)
        small = pygame.transform.smoothscale(glyph, (max(1, round(w * scale)), max(1, round(h * scale))))
        x, y = (i % COLUMNS) * CELL, (i // COLUMNS) * CELL
        atlas.blit(small, (x + (CELL - small.get_width()) // 2, y + (CELL - small.get_height()) // 2))
        index[f"{cp:x}"] = i
    here = Path(__file__).resolve().parents[1] / "game" / "assets" / "emoji"
    tmp = here / "emoji-full.png"
    pygame.image.save(atlas, str(tmp))
    from PIL import Image  # 256-colour palette: 0.5 MB instead of 2.4 MB, no visible loss at 40 px

    Image.open(tmp).quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(
        here / "emoji.png", optimize=True)
    tmp.unlink()
    (here / "emoji.json").write_text(json.dumps({"cell": CELL, "columns": COLUMNS, "index": index}))
    print(f"{len(cps)} emoji -> {here / 'emoji.png'}")


if __name__ == "__main__":
    main(sys.argv[1])
