"""What the class report and the facilitator guide share: fonts, page frame, headings, lists,
tables and bar charts, drawn with fpdf2 so the PDFs need nothing but Python.

Fonts come from `assets/fonts/` (a Regular and a Bold TTF that cover French: ’ œ « » and the
narrow no-break space). Emoji in chat messages are drawn in colour, inline, from the game's own
emoji atlas (`assets/emoji`, what the chat screen shows): each part of the atlas a document
needs is made into a small colour font (PNG glyphs in an `sbix` table, once per run), which
fpdf2 uses wherever the text font has no glyph, in tables and bold text too; copied from the
PDF, they read back as the emoji. A character no font has is written as its name in brackets,
never left out (a message of emoji used to be quoted as “”, as if it said nothing).

Finding the fonts lives in pdffonts.py and making the emoji fonts in pdfemoji.py; their names
stay importable from here.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from game.i18n import _, gettext_in
from game.translatable import N_

from .pdfemoji import _SKIP, _ZWJ, EMOJI_CHUNK, EMOJI_DIR, emoji_font, emoji_name, emoji_part
from .pdffonts import FONT_PAIRS, FONTS_DIR, FRENCH_SAMPLE, FontError, find_fonts
from .words import tr

__all__ = ["FONTS_DIR", "EMOJI_DIR", "FONT_PAIRS", "FRENCH_SAMPLE", "EMOJI_CHUNK", "FontError", "find_fonts",
           "emoji_part", "emoji_font", "emoji_name", "INK", "MUTED", "RULE", "ACCENT", "SOFT", "GOOD", "FAIR",
           "POOR", "level_colour", "Doc", "pdf_command"]

INK = (33, 37, 41)
MUTED = (108, 117, 125)
RULE = (222, 226, 230)
ACCENT = (198, 40, 40)  # the red of "red flags"
SOFT = (248, 249, 250)
GOOD, FAIR, POOR = (46, 125, 50), (237, 108, 2), (198, 40, 40)


def level_colour(percent: int) -> tuple[int, int, int]:
    return GOOD if percent >= 75 else FAIR if percent >= 50 else POOR


class Doc(FPDF):
    """An A4 document with a running header and "Page n of N" footer."""

    def __init__(self, title: str, lang: str = "en"):
        super().__init__(format="A4", unit="mm")
        self.language = lang
        self.doc_title = title
        regular, bold = find_fonts()
        self.add_font("body", "", str(regular))
        self.add_font("body", "B", str(bold))
        self.emoji_fonts: list[str] = []  # the parts of the emoji atlas this document uses
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_author(tr("app", lang))
        self.set_creator(tr("app", lang))
        self.set_lang("fr-CA" if lang == "fr" else "en")
        self.alias_nb_pages("{nb}")
        self.set_font("body", "", 10)
        self.cover = True  # no header or footer on the first page

    # -- page frame -----------------------------------------------------------------------

    def header(self) -> None:
        if self.page_no() == 1 and self.cover:
            return
        self.set_font("body", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{tr('app', self.language)} · {self.doc_title}", align="L")
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.6)
        self.line(self.l_margin, 24, self.w - self.r_margin, 24)
        self.set_y(30)
        self.set_text_color(*INK)

    def footer(self) -> None:
        if self.page_no() == 1 and self.cover:
            return
        self.set_y(-12)
        self.set_font("body", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, tr("page", self.language, n=self.page_no(), total="{nb}"), align="C")

    # -- text -----------------------------------------------------------------------------

    def has_emoji(self, cp: int) -> bool:
        """Whether the emoji fonts draw `cp`: the part of the atlas with it is added on first use
        (fpdf2 then draws it wherever the text font lacks it, in bold text too)."""
        part = emoji_part(cp)
        if part is None:
            return False
        name = f"emoji{part}"
        if name not in self.emoji_fonts:
            font = emoji_font(part)
            if font is None:
                return False
            self.add_font(name, "", str(font))
            self.emoji_fonts.append(name)
            self.set_fallback_fonts(self.emoji_fonts, exact_match=False)
        return True

    def clean(self, text: str) -> str:
        """The text as the fonts can draw it, spaces tidied: emoji stay (the emoji font draws
        them; a ZWJ sequence as its first emoji, a country flag as [CA], as the chat screen
        does) and any other character no font has is written as its name in brackets."""
        cmap = self.fonts["body"].cmap if "body" in self.fonts else {}  # type: ignore[union-attr]
        out: list[str] = []
        skip_next = False
        for i, c in enumerate(text):
            cp = ord(c)
            if 0x1F1E6 <= cp <= 0x1F1FF:  # regional indicators: a flag reads as [CA]
                if skip_next:
                    skip_next = False
                elif i + 1 < len(text) and 0x1F1E6 <= ord(text[i + 1]) <= 0x1F1FF:
                    out.append(f"[{chr(cp - 0x1F1E6 + 65)}{chr(ord(text[i + 1]) - 0x1F1E6 + 65)}]")
                    skip_next = True
                else:
                    out.append(f"[{chr(cp - 0x1F1E6 + 65)}]")
                continue
            if skip_next:  # the rest of a ZWJ sequence: shown as its first emoji
                skip_next = False
                continue
            if cp == _ZWJ:
                skip_next = True
            elif cp in _SKIP:
                continue
            elif cp in cmap or c in "\n\t" or self.has_emoji(cp):
                out.append(c)
            elif unicodedata.category(c) in ("Cc", "Cf", "Mn"):
                continue  # invisible characters, and marks that only shape their neighbour
            elif unicodedata.category(c) == "Zs":
                out.append(" ")
            else:
                out.append(emoji_name(c))
        kept = "".join(out).replace(" ”", "”").replace("“ ", "“").strip()
        if not kept and text.strip():  # nothing a font draws nor with a name
            return gettext_in(self.language, "(emoji)")
        return kept

    def quote(self, text: str) -> str:
        """Text in the quotation marks of the document's language."""
        return gettext_in(self.language, "“{text}”").format(text=text)

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def room(self, needed: float) -> None:
        """Start a new page unless `needed` mm are left (keeps headings with their text)."""
        if self.get_y() + needed > self.h - self.b_margin:
            self.add_page()

    def h1(self, text: str) -> None:
        self.room(30)
        self.set_font("body", "B", 18)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 9, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(2)

    def h2(self, text: str) -> None:
        self.room(22)
        self.ln(3)
        self.set_font("body", "B", 13)
        self.set_text_color(*INK)
        self.multi_cell(0, 7, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.ln(2.5)

    def h3(self, text: str) -> None:
        self.room(30)
        self.ln(1.5)
        self.set_font("body", "B", 10.5)
        self.multi_cell(0, 5.5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.5)

    def para(self, text: str, size: float = 10, colour: tuple[int, int, int] = INK,
             bold: bool = False) -> None:
        self.set_font("body", "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                        align="L")
        self.set_text_color(*INK)
        self.ln(1.2)

    def bullets(self, items: Iterable[str], size: float = 10, mark: str = "•") -> None:
        self.set_font("body", "", size)
        for item in items:
            self.room(size * 0.5 + 1)
            x = self.l_margin
            self.set_x(x + 2)
            self.set_text_color(*ACCENT)
            self.cell(4, size * 0.5, mark)
            self.set_text_color(*INK)
            self.multi_cell(self.width - 6, size * 0.5, self.clean(item),
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
            self.ln(0.8)
        self.ln(0.8)

    def labelled(self, label: str, text: str, size: float = 10) -> None:
        """A bold label followed by text on the same line ("Why: ...")."""
        self.set_font("body", "", size)
        self.multi_cell(0, size * 0.5, f"**{self.clean(label)}** {self.clean(text)}",
                        markdown=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.ln(1)

    def box(self, text: str, label: str = "", size: float = 9.5) -> None:
        """A shaded callout (teacher notes, content notes)."""
        self.set_font("body", "", size)
        self.set_fill_color(*SOFT)
        self.set_draw_color(*ACCENT)
        body = (f"**{self.clean(label)}** " if label else "") + self.clean(text)
        top = self.get_y()
        self.set_x(self.l_margin + 3)
        self.multi_cell(self.width - 3, size * 0.5, body, markdown=True, fill=True,
                        padding=(2, 3, 2, 3), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        if self.get_y() > top:  # the bar beside the box, when the box fits on one page
            self.set_line_width(1)
            self.line(self.l_margin + 1.5, top, self.l_margin + 1.5, self.get_y())
        self.ln(2)

    def table_rows(self, header: Sequence[str], rows: Sequence[Sequence[object] | str],
                   widths: Sequence[float], align: Sequence[str] | None = None,
                   size: float = 9) -> None:
        """A table with a shaded header row that repeats on every page, striped rows, and
        full-width bold rows for any row given as a plain string (a sub-heading)."""
        self.room(size * 2)
        self.set_font("body", "", size)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.set_fill_color(255, 255, 255)
        with self.table(col_widths=tuple(widths), width=self.width, line_height=size * 0.5 + 0.6,
                        text_align=tuple(align) if align else "LEFT", borders_layout="HORIZONTAL_LINES",
                        headings_style=_style(True, (241, 243, 245)), padding=(1.2, 1.5),
                        cell_fill_color=SOFT, cell_fill_mode="ROWS",
                        first_row_as_headings=True, repeat_headings=1) as table:
            table.row([self.clean(h) for h in header])
            for row in rows:
                if isinstance(row, str):
                    table.row().cell(self.clean(row), colspan=len(widths), align="LEFT",
                                     style=_style(True, (255, 255, 255)))
                else:
                    table.row([self.clean(str(c)) for c in row])
        self.ln(3)

    def fit_font(self, text: str, style: str, size: float, width: float) -> float:
        """Set the body font at `size`, or smaller when `text` would run past `width` (a box's
        words in French or with a long count); returns the size set."""
        self.set_font("body", style, size)
        wide = self.get_string_width(text)
        if wide > width:
            size = size * width / wide
            self.set_font("body", style, size)
        return size

    def tiles(self, items: Sequence[tuple[str, str, str]]) -> None:
        """Key figures in boxes side by side: (label, big value, small note)."""
        gap = 4
        w = (self.width - gap * (len(items) - 1)) / len(items)
        top = self.get_y()
        for i, (label, value, note) in enumerate(items):
            x = self.l_margin + i * (w + gap)
            self.set_fill_color(*SOFT)
            self.set_draw_color(*RULE)
            self.rect(x, top, w, 26, style="DF")
            self.set_fill_color(*ACCENT)
            self.rect(x, top, 1.4, 26, style="F")
            for y, h, style, size, color, text in ((3, 4, "", 8.5, MUTED, label), (8.5, 9, "B", 17, INK, value),
                                                   (18.5, 4, "", 8, MUTED, note)):
                self.set_xy(x + 4, top + y)
                self.fit_font(self.clean(text), style, size, w - 6)
                self.set_text_color(*color)
                self.cell(w - 6, h, self.clean(text))
        self.set_text_color(*INK)
        self.set_y(top + 31)

    def bar_chart(self, rows: Sequence[tuple[str, int, str]], label_w: float = 62) -> None:
        """Horizontal bars: (label, percent 0-100, note shown after the bar), with a 0-100 %
        scale. Colour says at a glance what needs attention."""
        bar_h, gap = 5.0, 2.2
        x0 = self.l_margin + label_w
        full = self.width - label_w - 30
        self.room(len(rows) * (bar_h + gap) + 12)
        top = self.get_y()
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.set_font("body", "", 7)
        self.set_text_color(*MUTED)
        height = len(rows) * (bar_h + gap)
        for tick in (0, 25, 50, 75, 100):
            x = x0 + full * tick / 100
            self.line(x, top, x, top + height)
            self.set_xy(x - 6, top + height + 0.5)
            self.cell(12, 4, f"{tick} %", align="C")
        y = top + gap / 2
        for label, percent, note in rows:
            self.set_font("body", "", 9)
            self.set_text_color(*INK)
            self.set_xy(self.l_margin, y)
            self.cell(label_w - 3, bar_h, self.clean(label), align="R")
            self.set_fill_color(*RULE)
            self.rect(x0, y, full, bar_h, style="F")
            self.set_fill_color(*level_colour(percent))
            if percent > 0:
                self.rect(x0, y, full * percent / 100, bar_h, style="F")
            self.set_xy(x0 + full + 2, y)
            self.set_font("body", "B", 9)
            self.cell(28, bar_h, self.clean(note))
            y += bar_h + gap
        self.set_text_color(*INK)
        self.set_y(top + height + 7)


def _style(bold: bool, fill: tuple[int, int, int]) -> FontFace:
    return FontFace(emphasis="BOLD" if bold else None, color=INK, fill_color=fill)


_CANNOT_BUILD = {"report": N_("cannot build the report: {error}"),
                 "guide": N_("cannot build the guide: {error}")}


def pdf_command(what: Literal["report", "guide"], out: str, make: Callable[[], str]) -> int:
    """Run a command that writes a PDF: `make()` writes it and returns what to print; missing
    fonts and unwritable paths become one clear line and exit status 1, never a traceback.
    The line is in the screen's language, as the command's other messages are."""
    try:
        message = make()
    except FontError as exc:
        print(_CANNOT_BUILD[what].get().format(error=exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(_("cannot write {path}: {error}").format(path=out, error=exc.strerror or exc), file=sys.stderr)
        return 1
    print(message)
    return 0
