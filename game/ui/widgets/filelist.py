"""The file chooser's pieces: the list of a folder's contents (one focus target that scrolls
inside itself and draws only the rows in view, so a folder of thousands stays fast) and the bar
above it (Up, and where we are, shortened at the start so its end stays readable).

The chooser screen (scenes/files.py) owns the keys; these blocks draw, take clicks and say what
they are for read aloud (`speech`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from ...i18n import _
from ...places import Entry, Listing, matches
from .. import text as tx
from ..theme import theme
from .base import Block, Button, Group, UIState, focus_ring, rrect

ELLIPSIS = "…"
MIN_ROWS = 3  # the list is never shorter than this, however big the text (the page scrolls then)
FOLDER, FILE = "📁", "📄"


def fit_end(text: str, size: str, width: int, bold: bool = False) -> str:
    """`text` in one line of `width`: whole, or its end after "…" (a path: from a separator when
    one fits, so "…/Documents/7B" rather than "…ents/7B")."""
    if tx.text_width(text, size, bold) <= width:
        return text
    seps = [i for i, ch in enumerate(text) if ch in "/\\" and i > 0]
    for i in seps:
        if tx.text_width(ELLIPSIS + text[i:], size, bold) <= width:
            return ELLIPSIS + text[i:]
    lo, hi = 1, len(text)  # the smallest cut that fits
    while lo < hi:
        mid = (lo + hi) // 2
        if tx.text_width(ELLIPSIS + text[mid:], size, bold) <= width:
            hi = mid
        else:
            lo = mid + 1
    return ELLIPSIS + text[lo:]


def fit_middle(name: str, size: str, width: int) -> str:
    """A file name in one line of `width`: whole, or its start and end around "…" (the end
    keeps the date and the extension, which tell files apart)."""
    if tx.text_width(name, size) <= width:
        return name
    lo, hi = 0, len(name)  # the most characters kept that fit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        tail = mid * 2 // 5
        if tx.text_width(name[:mid - tail] + ELLIPSIS + name[len(name) - tail:], size) <= width:
            lo = mid
        else:
            hi = mid - 1
    tail = lo * 2 // 5
    return name[:lo - tail] + ELLIPSIS + (name[len(name) - tail:] if tail else "")


class PathBar(Group):
    """Up (Backspace), then the folder shown, on one line."""

    def __init__(self, folder: Callable[[], Path], up: Callable[[], None]):
        self.up = Button("⬆ " + _("Up"), up, "secondary", key_hint="", name="up")
        super().__init__([self.up])
        self.folder = folder
        self.name = "folder"

    @property
    def speech(self) -> str:
        return _("Folder: {path}").format(path=str(self.folder()))

    def _up_w(self, w: int) -> int:
        return min(self.up.natural_width(), w // 3)

    def measure(self, w: int) -> int:
        return max(self.up.height(self._up_w(w)), tx.text_height("Ag", "body", w, True) + theme().px("pad"))

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        gap = theme().px("gap")
        uw = self._up_w(w)
        self.up.draw(surf, x, y, uw, ui)
        self.up.rect.h = self.rect.h
        avail = w - uw - 2 * gap
        shown = fit_end(str(self.folder()), "body", avail, True)
        img = tx.render(shown, theme().px("body"), theme().color("text"), 100000, True)
        tx.blit(surf, img, (x + uw + 2 * gap, self.rect.centery - img.get_height() // 2),
                pygame.Rect(x + uw + gap, y, avail + gap, self.rect.h), shown)


class FileList(Block):
    """What a folder holds: folders, then files. One focus target; the chooser moves `sel`."""

    focusable = True

    def __init__(self, on_open: Callable[[Entry], None], on_select: Callable[[Entry], None]):
        super().__init__()
        self.on_open, self.on_select = on_open, on_select
        self.name = "files"
        self.listing = Listing(Path())
        self.shown: list[Entry] = []
        self.filter = ""
        self.sel = -1
        self.top = 0
        self.fit_h = 0  # the height the screen gives it (the room left in the window)
        self.rows: list[tuple[pygame.Rect, int]] = []  # drawn rows: (rect, index in shown)
        self._fitted: dict[tuple, str] = {}
        self.types = ""  # the file types listed (".json"), for the words of an empty list

    # -- contents -------------------------------------------------------------------------------

    def load(self, listing: Listing, select: str = "", first: bool = True) -> None:
        """Show `listing`; select the entry called `select` (where we came up from), else the
        first one (or nothing, when `first` is False)."""
        self.listing, self.filter, self.top = listing, "", 0
        self._fitted.clear()
        self._refilter()
        names = [e.name for e in self.shown]
        self.sel = names.index(select) if select in names else (0 if first and self.shown else -1)
        self.show_sel()

    def set_filter(self, text: str) -> None:
        self.filter = text
        self._refilter()
        self.sel = 0 if self.shown else -1
        self.top = 0

    def _refilter(self) -> None:
        typed = self.filter.strip()
        self.shown = [e for e in self.listing.entries if matches(e, typed)] if typed else list(self.listing.entries)

    @property
    def selected(self) -> Entry | None:
        return self.shown[self.sel] if 0 <= self.sel < len(self.shown) else None

    def move(self, step: int) -> None:
        if not self.shown:
            return
        self.sel = max(0, min(len(self.shown) - 1, (self.sel if self.sel >= 0 else -1) + step))
        self.show_sel()

    def select(self, i: int) -> None:
        self.sel = max(-1, min(i, len(self.shown) - 1))
        self.show_sel()

    def scroll(self, rows: int) -> None:
        self.top = max(0, min(self.top + rows, max(0, len(self.shown) - self.visible())))

    def show_sel(self) -> None:
        vis = max(1, self.visible())
        if self.sel >= 0:
            if self.sel < self.top:
                self.top = self.sel
            elif self.sel >= self.top + vis:
                self.top = self.sel - vis + 1
        self.top = max(0, min(self.top, max(0, len(self.shown) - vis)))

    # -- measures -------------------------------------------------------------------------------

    def row_h(self) -> int:
        t = theme()
        return max(t.px("button_h"), tx.text_height("Ag", "body", 100000) + t.px("pad"))

    def min_h(self) -> int:
        return MIN_ROWS * self.row_h() + 4

    def measure(self, w: int) -> int:
        return max(self.min_h(), self.fit_h)

    def _header_h(self) -> int:
        return self.row_h() if self.filter else 0

    def visible(self) -> int:
        return max(1, (self.measure(0) - 4 - self._header_h()) // self.row_h())

    @property
    def empty_text(self) -> str:
        """What the list says when it shows nothing: why."""
        listing = self.listing
        if listing.problem == "denied":
            return _("This folder can't be opened: you are not allowed to read it.")
        if listing.problem == "missing":
            return _("This folder isn't there any more (was a USB stick taken out?).")
        if listing.problem == "not-folder":
            return _("This is not a folder.")
        if listing.problem:
            return _("This folder can't be read: {why}").format(why=listing.detail)
        if self.filter:
            return _("Nothing here has “{text}” in its name.").format(text=self.filter)
        if self.types:
            return _("No folders or {types} files here.").format(types=self.types)
        return _("This folder is empty.")

    @property
    def speech(self) -> str:
        e = self.selected
        if e is None:
            return self.empty_text
        what = _("{name}: folder") if e.is_dir else _("{name}: file")
        return what.format(name=e.name) + ". " + _("{n} of {total}").format(n=self.sel + 1, total=len(self.shown))

    # -- drawing --------------------------------------------------------------------------------

    def _fit(self, name: str, width: int) -> str:
        key = (name, width, theme().generation)
        if key not in self._fitted:
            if len(self._fitted) > 2000:
                self._fitted.clear()
            self._fitted[key] = fit_middle(name, "body", width)
        return self._fitted[key]

    def draw(self, surf, x, y, w, ui: UIState) -> None:
        super().draw(surf, x, y, w, ui)
        t = theme()
        pad, rh = t.px("pad"), self.row_h()
        rrect(surf, t.color("card"), self.rect)
        rrect(surf, t.color("card_border"), self.rect, None, 2)
        inner = self.rect.inflate(-4, -4)
        old_clip = surf.get_clip()
        surf.set_clip(inner.clip(old_clip))
        cy = inner.y
        if self.filter:
            words = "🔍 " + _("Names with “{text}”").format(text=self.filter)
            shown = fit_end(words, "body", inner.w - 2 * pad)
            tx.draw_text(surf, shown, "body", "muted", (inner.x + pad, cy + (rh - t.px("body")) // 2 - 2),
                         100000, False, pygame.Rect(inner.x, cy, inner.w, rh))
            pygame.draw.line(surf, t.color("card_border"), (inner.x, cy + rh - 1), (inner.right, cy + rh - 1), 2)
            cy += rh
        self.rows = []
        vis = self.visible()
        if not self.shown:
            box = pygame.Rect(inner.x + pad, cy + pad, inner.w - 2 * pad, inner.bottom - cy - 2 * pad)
            tx.draw_text(surf, self.empty_text, "body", "muted", box.topleft, box.w, False, box)
        many = len(self.shown) > vis
        row_w = inner.w - (t.px("gap") if many else 0)
        for i in range(self.top, min(len(self.shown), self.top + vis)):
            e = self.shown[i]
            row = pygame.Rect(inner.x, cy, row_w, rh)
            self.rows.append((row, i))
            chosen = i == self.sel
            if chosen:
                rrect(surf, t.color("button"), row, t.px("radius") // 2)
            elif ui.is_hover(row):
                rrect(surf, t.color("button2_hover"), row, t.px("radius") // 2)
            icon = tx.render(FOLDER if e.is_dir else FILE, t.px("body"), t.color("text"))
            surf.blit(icon, (row.x + pad, row.centery - icon.get_height() // 2))
            nx = row.x + pad + icon.get_width() + t.px("gap")
            name = self._fit(e.name, row.right - pad - nx)
            img = tx.render(name, t.px("body"), t.color("button_text" if chosen else "text"), 100000, e.is_dir)
            tx.blit(surf, img, (nx, row.centery - img.get_height() // 2), row, name)
            cy += rh
        surf.set_clip(old_clip)
        if many:  # where we are in a long list
            track = pygame.Rect(inner.right - t.px("gap") // 2 - 2, inner.y + self._header_h(), t.px("gap") // 2,
                                inner.h - self._header_h())
            bar_h = max(t.px("gap") * 2, track.h * vis // len(self.shown))
            span = max(1, len(self.shown) - vis)
            by = track.y + (track.h - bar_h) * self.top // span
            pygame.draw.rect(surf, t.color("scrollbar"), (track.x, by, track.w, bar_h), border_radius=track.w)
        if ui.focused is self:
            focus_ring(surf, self.rect)

    # -- input ----------------------------------------------------------------------------------

    def click(self, pos) -> bool:
        """A folder opens at once; a file is chosen, and opened by a second click."""
        if not self.rect.collidepoint(pos):
            return False
        for row, i in self.rows:
            if row.collidepoint(pos):
                e = self.shown[i]
                if e.is_dir or i == self.sel:
                    self.sel = i
                    self.on_open(e)
                else:
                    self.select(i)
                    self.on_select(e)
                return True
        return True

    def activate(self) -> None:
        if self.selected is not None:
            self.on_open(self.selected)
