"""The text fonts of the PDFs: a Regular and a Bold TTF that cover French (’ œ « » and the
narrow no-break space), looked for in `assets/fonts/`, with one clear error when none is there.
"""

from __future__ import annotations

from pathlib import Path

from game.i18n import _
from game.shipped import shipped

FONTS_DIR = shipped("assets", "fonts")
# (regular, bold) file names, best first
FONT_PAIRS = (("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
              ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
              ("Atkinson-Hyperlegible-Regular.ttf", "Atkinson-Hyperlegible-Bold.ttf"))
FRENCH_SAMPLE = "’œ«»éàçÉ\u202f"


class FontError(RuntimeError):
    pass


def find_fonts(folder: Path | None = None) -> tuple[Path, Path]:
    """A Regular and a Bold TTF from `folder` (default: assets/fonts); FontError says what to
    add if none is there."""
    folder = folder or FONTS_DIR
    for regular, bold in FONT_PAIRS:
        if (folder / regular).is_file() and (folder / bold).is_file():
            return folder / regular, folder / bold
    for found in sorted(folder.glob("*-Regular.ttf")):
        paired = found.with_name(found.name.replace("-Regular", "-Bold"))
        if paired.is_file():
            return found, paired
    raise FontError(_("no Regular and Bold TTF font pair in {folder}: add DejaVuSans.ttf and DejaVuSans-Bold.ttf "
                      "(or NotoSans-Regular.ttf and NotoSans-Bold.ttf) there").format(folder=folder))
