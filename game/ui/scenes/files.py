"""The file chooser: where to save an export or the class report, or which results file (or
folder of them) to import, so a teacher never has to type a full path.

Places along the top (home, Documents, USB sticks and other drives, the last folder used), the
folder shown with Up, its folders and files (only the wanted types), then the file name when
saving. Keys: arrows move in the list (and out of it at its ends), Tab moves between controls,
Enter opens a folder or picks a file, Backspace goes up a folder, typing filters the list (or
types the name in the name box), Ctrl+L types a path instead, Esc cancels. Mouse: a folder
opens at a click, a file is chosen by one click and picked by a second; the wheel scrolls.

The screen only chooses: `act(path)` (from the caller) does the work and returns a problem to
show, or None when done; the chooser then remembers the folder and closes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ... import places
from ...i18n import _, ngettext
from ...places import Entry, Place, path_kind
from ..widgets.base import Block, Button, Row, TextBlock
from ..widgets.filelist import FileList, PathBar
from ..widgets.panels import panel
from ..widgets.textfield import TextField
from .base import DRAG_START
from .page import FieldPage
from .questions import ask_replace

if TYPE_CHECKING:
    from ..app import App

RESCAN_SECONDS = 2.0  # how often the drives are looked at again (a USB stick plugged in)
BAD_CHARS = '<>:"/\\|?*'  # not allowed in a file name on Windows or on a USB stick (FAT)
MAX_NAME = 200


def place_label(p: Place) -> str:
    words = {"home": "🏠 " + _("Home folder"), "documents": _("Documents"), "desktop": _("Desktop"),
             "downloads": _("Downloads"), "data": _("Red Flags data"), "last": "🕘 " + _("Last folder used")}
    if p.kind in words:
        return words[p.kind]
    drive = {"removable": "💾 " + _("USB stick or card: {name}"), "network": "🌐 " + _("Network drive: {name}"),
             "cdrom": "💿 " + _("CD or DVD: {name}"), "disk": _("Disk {name}")}
    return drive.get(p.kind, _("Drive: {name}")).format(name=p.name)


def name_problem(name: str) -> str:
    """Why `name` can't be a file name, or ""."""
    if not name or name in (".", ".."):
        return _("Type a name for the file.")
    if any(ch in BAD_CHARS or not ch.isprintable() for ch in name):
        return _("A file name can't have any of these in it: {chars}").format(chars=" ".join(BAD_CHARS))
    if len(name) > MAX_NAME:
        return ngettext("That name is too long: {n} character at most.",
                        "That name is too long: {n} characters at most.", MAX_NAME).format(n=MAX_NAME)
    return ""


class FileChooser(FieldPage):
    """mode "open": pick a file (or, with `folder_label`, the whole folder); mode "save": a
    folder and a file name (`suggested`), asking before replacing a file."""

    name = "files"

    def __init__(self, app: App, title: str, explain: str, act: Callable[[Path], str | None], *,
                 mode: str = "open", extensions: tuple[str, ...] = (), suggested: str = "", ok_label: str = "",
                 folder_label: str = "", type_path: Callable[[Path], None] | None = None,
                 start: Path | None = None):
        self.title, self.explain, self.act, self.mode = title, explain, act, mode
        self.extensions = tuple(extensions)
        self.ok_label = ok_label or (_("Save") if mode == "save" else _("Open"))
        self.folder_label, self.type_path = folder_label, type_path
        self.problem = ""
        self.folder = Path(start) if start else places.start_folder()
        self.list = FileList(self.open_entry, self.select_entry)
        self.list.types = " ".join(self.extensions)
        self.path_bar = PathBar(lambda: self.folder, self.up)
        self.name_field = TextField(_("File name"), suggested, MAX_NAME, on_enter=self.save, on_focus=self.focus_field,
                                    name="name") if mode == "save" else None
        self._drives = places.removable_drives()
        self.places = places.places(drives=self._drives)
        self._since_scan = 0.0
        self._press: tuple[int, int] | None = None  # a press in the list: (pointer y, first row then)
        self._dragging = False
        super().__init__(app)
        self.load(self.folder)
        self.focus(self.name_field or self.list)

    # -- the page -------------------------------------------------------------------------------

    @property
    def wants_text(self) -> bool:
        return self.ui.focused is self.list or isinstance(self.ui.focused, TextField)

    def hints(self) -> str:
        if self.mode == "save":
            return _("Enter opens a folder, Backspace goes up a folder, typing filters the list.")
        return _("Enter opens a folder or picks a file, Backspace goes up a folder, typing filters the list.")

    def build(self) -> list[Block]:
        blocks: list[Block] = [TextBlock(self.explain, "body", "text")]
        blocks.append(Row([Button(place_label(p), partial(self.go, p.path), "secondary", width="auto",
                                  name=f"place-{p.kind}-{p.name}" if p.name else f"place-{p.kind}")
                           for p in self.places]))
        blocks += [self.path_bar, self.list]
        notes = [self.hints()]
        listing = self.list.listing
        if listing.other_files:
            notes.append(_("Only folders and {types} files are shown.").format(types=self.list.types))
        if listing.more:
            notes.append(_("Only the first {n} are shown: type to filter the list.").format(
                n=len(listing.entries)))
        blocks.append(TextBlock(" ".join(notes), "small", "muted"))
        if self.problem:
            blocks.append(panel([TextBlock(self.problem, "body", "bad", True)], "bad", "problem"))
        if self.name_field is not None:
            blocks.append(self.name_field)
        buttons = [Button(self.ok_label, self.ok, "primary", width="auto", name="ok")]
        if self.folder_label:
            buttons.append(Button(self.folder_label, self.pick_folder, "secondary", width="auto", name="pick-folder"))
        if self.type_path is not None:
            buttons.append(Button(_("Type a path"), self.typed, "secondary", width="auto", key_hint="Ctrl+L",
                                  name="type-path"))
        buttons.append(Button(_("Cancel"), self.back, "secondary", width="auto", name="cancel"))
        return blocks + [Row(buttons)]

    def _measure(self, surf: pygame.Surface) -> None:
        """Give the list the room the rest leaves in the window, so the page scrolls only when
        even the shortest list doesn't fit (big text, a small window)."""
        from ..theme import theme

        t = theme()
        w, h = surf.get_size()
        m, gap = t.px("margin"), t.px("gap")
        cw = min(w - 2 * m, t.px(self.max_width_key))
        others = sum(b.height(cw) + gap for b in self.blocks if b is not self.list)
        fit = h - self.bar.height(w) - others - gap - 2 * m
        if fit != self.list.fit_h:
            self.list.fit_h = fit
            self.list.invalidate()
            self.list.show_sel()
        super()._measure(surf)

    # -- where we are ---------------------------------------------------------------------------

    def load(self, folder: Path, select: str = "") -> None:
        """Show `folder` (after a problem too: the list says what it is)."""
        self.folder = Path(folder)
        self.list.load(places.list_folder(self.folder, self.extensions), select, first=self.mode == "open")
        self.problem = ""
        self.path_bar.up.enabled = places.parent(self.folder) is not None
        self._drives = places.removable_drives()  # a good moment to look again
        self.places = places.places(drives=self._drives)
        self.rebuild()
        self.offset = 0
        self._ensure = True  # then back to what has the focus (the list, after Backspace)

    def go(self, folder: Path) -> None:
        self.load(folder)
        self.focus(self.list)
        self.said(where=True)

    def up(self) -> None:
        above = places.parent(self.folder)
        if above is not None:
            self.load(above, select=self.folder.name)
            self.said(where=True)

    def open_entry(self, e: Entry) -> None:
        if e.is_dir:
            self.load(e.path)
            self.focus(self.list)
            self.said(where=True)
        elif self.mode == "save":
            self.select_entry(e)
            self.save()
        else:
            self.finish(e.path)

    def select_entry(self, e: Entry) -> None:
        if self.name_field is not None and not e.is_dir:
            self.name_field.text = e.name

    def said(self, where: bool = False) -> None:
        """Read aloud on Automatic: say what is chosen in the list now (the focus moved inside
        it), after the folder when it changed."""
        if self.app.settings.read_aloud == "auto":
            self.app.voice.read((self.path_bar.speech + ". " if where else "") + self.list.speech)

    # -- the answers ----------------------------------------------------------------------------

    def ok(self) -> None:
        if self.mode == "save":
            self.save()
        elif self.list.selected is not None:
            self.open_entry(self.list.selected)
        else:
            self.show_problem(_("Choose a file in the list."))

    def pick_folder(self) -> None:
        self.finish(self.folder)

    def save(self) -> None:
        assert self.name_field is not None
        name = self.name_field.text.strip()
        why = name_problem(name)
        if why:
            return self.show_problem(why)
        if self.extensions and not name.casefold().endswith(tuple(e.casefold() for e in self.extensions)):
            name += self.extensions[0]
        path = self.folder / name
        kind = path_kind(path)  # one look at the drive (a network folder can be slow)
        if kind == "invalid":
            return self.show_problem(_("This name can't be used here. Try a shorter one without special characters."))
        if kind == "folder":
            return self.show_problem(_("There is a folder called {name} here: choose another name.").format(name=name))
        if kind != "missing":
            return ask_replace(self.app, path, self.finish)
        self.finish(path)

    def finish(self, path: Path) -> None:
        problem = self.act(path)
        if problem:
            return self.show_problem(problem)
        places.remember(self.folder)
        if self in self.app.scenes and self.app.top is self:
            self.app.pop()

    def show_problem(self, text: str) -> None:
        self.problem = text
        self.rebuild()
        if self.app.settings.read_aloud == "auto":
            self.app.voice.read(text)

    def typed(self) -> None:
        if self.type_path is not None:
            name = self.name_field.text.strip() if self.name_field is not None else ""
            self.type_path(self.folder / name if name else self.folder)

    # -- input ----------------------------------------------------------------------------------

    def handle(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.TEXTINPUT and self.ui.focused is self.list:
            typed = ev.text if self.list.filter else ev.text.lstrip()  # Space alone opens, never filters
            if typed and typed.isprintable():
                self.list.set_filter(self.list.filter + typed)
                self.said()
            return
        if ev.type == pygame.MOUSEWHEEL and self.ui.hover and self.list.rect.collidepoint(self.ui.hover):
            self.list.scroll(-ev.y * 3)
            return
        if self.drag_list(ev):
            return
        super().handle(ev)

    def drag_list(self, ev: pygame.event.Event) -> bool:
        """A press that moves in the list scrolls the list, not the page (a finger on a touch
        board); one that doesn't is a click."""
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1 and self.list.rect.collidepoint(ev.pos):
            self._press, self._dragging = (ev.pos[1], self.list.top), False
            self.ui.hover = ev.pos
            return True
        if self._press is None:
            return False
        y, top = self._press
        if ev.type == pygame.MOUSEMOTION:
            self.ui.hover = ev.pos
            if self._dragging or abs(ev.pos[1] - y) > DRAG_START:
                self._dragging = True
                self.list.top = top
                self.list.scroll(-round((ev.pos[1] - y) / self.list.row_h()))
            return True
        if ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            was_click = not self._dragging
            self._press, self._dragging = None, False
            if was_click:
                self.click(ev.pos)
            return True
        return False

    def key(self, ev) -> bool:
        k, ctrl = ev.key, bool(ev.mod & pygame.KMOD_CTRL)
        focused = self.ui.focused
        if k == pygame.K_l and ctrl and self.type_path is not None:
            self.typed()
            return True
        if k == pygame.K_BACKSPACE and not isinstance(focused, TextField):
            if focused is self.list and self.list.filter:
                self.list.set_filter("" if ctrl else self.list.filter[:-1])
                self.said()
            else:
                self.up()
            return True
        if focused is self.list and self.list_key(ev):
            return True
        return super().key(ev)

    def list_key(self, ev) -> bool:
        lst, k = self.list, ev.key
        if k in (pygame.K_DOWN, pygame.K_UP):
            step = 1 if k == pygame.K_DOWN else -1
            if (step < 0 and lst.sel <= 0) or (step > 0 and lst.sel >= len(lst.shown) - 1):
                self.move_focus(step)  # past the ends: the controls above or below
                return True
            lst.move(step)
        elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            lst.move(lst.visible() * (1 if k == pygame.K_PAGEDOWN else -1))
        elif k in (pygame.K_HOME, pygame.K_END):
            lst.select(0 if k == pygame.K_HOME else len(lst.shown) - 1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER) or (k == pygame.K_SPACE and not lst.filter):
            if lst.selected is not None:
                self.open_entry(lst.selected)
            elif self.mode == "save":
                self.save()
            return True
        elif k == pygame.K_SPACE:
            return True  # a space in the filter: it arrives as text
        elif k == pygame.K_RIGHT:
            if lst.selected is not None and lst.selected.is_dir:
                self.open_entry(lst.selected)
            return True
        elif k == pygame.K_LEFT:
            self.up()
            return True
        else:
            return False
        self.said()
        return True

    # -- drives plugged in or taken out while the screen is open --------------------------------

    def wake_after(self) -> float | None:
        return RESCAN_SECONDS

    def update(self, dt: float) -> bool:
        self._since_scan += dt
        if self._since_scan >= RESCAN_SECONDS:
            self._since_scan = 0.0
            drives = places.removable_drives()
            if drives != self._drives:
                self._drives = drives
                self.places = places.places(drives=drives)
                self.rebuild()
        return False
