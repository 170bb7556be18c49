"""The file chooser in the real app (headless): export to a USB stick by keyboard, replace a file
only after asking, the report and a bad name by mouse, import on another computer by typing a
filter; browsing (folders first, Backspace and Left go up, clicks, a folder that can't be read,
Esc, "Type a path"); a large folder; drives plugged in while it is open; read aloud; French and
200 % text inside their boxes at 1024x600 and 1280x720."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pygame
import pytest

from game import places
from game.classroom import pin as pin_mod
from game.classroom.settings import ClassSettings, save_settings
from game.places import Place
from game.ui import speech
from game.ui.scenes import files as files_mod
from game.ui.scenes.classdebrief import ClassDebriefScene

from .conftest import play_whole_group

PIN = "246813"


def today() -> str:
    """The date the game names files with, read when the file is named (not when this module was
    imported: a suite that runs past midnight would expect yesterday's)."""
    return date.today().isoformat()


def type_text(app, text: str) -> None:
    app.step([pygame.event.Event(pygame.TEXTINPUT, text=text)], 0)


def focused(app) -> str:
    return getattr(app.top.ui.focused, "name", "")


def tab_to(app, ui, name: str, back: bool = False) -> None:
    """Tab (or Shift+Tab) until `name` has the focus, as a keyboard user would."""
    for _ in range(40):
        if focused(app) == name:
            return
        ui.key(app, pygame.K_TAB, pygame.KMOD_SHIFT if back else 0)
    raise AssertionError(f"Tab never reached {name!r}")


@pytest.fixture
def plugged(monkeypatch) -> list[Place]:
    """The drives plugged in (a test may plug in another)."""
    drives: list[Place] = []
    monkeypatch.setattr(places, "removable_drives", lambda *a, **k: list(drives))
    return drives


@pytest.fixture
def usb(tmp_path, monkeypatch, plugged):
    """A home folder with Documents, and a USB stick called KINGSTON (its fake mount point)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    stick = tmp_path / "media" / "KINGSTON"
    stick.mkdir(parents=True)
    plugged.append(Place("removable", stick, "KINGSTON"))
    return stick


def results_screen(make_app, results: bool = True, **looks):
    """The class debrief, teacher mode open, with three groups' results (played through the
    backend: the screens of a session are tested elsewhere)."""
    import random

    pin_mod.set_pin(PIN)
    save_settings(ClassSettings(topics=["judgement"], class_label="7B"))
    app = make_app(**looks)
    teacher = app.classroom.teacher
    assert teacher.gate.unlock(PIN)
    if results:
        session = teacher.start_session()
        rng = random.Random(3)
        for name in ("Blue Foxes", "Owls"):
            play_whole_group(session, name, rng, 0.6)
    app.push(ClassDebriefScene(app))
    app.step([], 0)
    return app


def press(app, ui, name: str) -> None:
    """Focus a button of the screen on top and press Enter."""
    app.top.focus(ui.find_target(app.top, name))
    ui.key(app, pygame.K_RETURN)


@pytest.mark.slow  # 2 to 3.5 s on a quiet machine, 9 s on a busy one
def test_export_to_a_usb_stick_by_keyboard_then_import_it_on_another_computer(make_app, ui, usb, tmp_path,
                                                                             monkeypatch):
    app = results_screen(make_app)
    debrief = app.top
    before = debrief.model
    assert len(before.groups) == 2
    press(app, ui, "export")
    chooser = app.top
    assert chooser.name == "files" and chooser.folder == Path.home() / "Documents"  # nothing used yet
    name = f"redflags-results-{today()}.json"
    assert focused(app) == "name" and chooser.name_field.text == name  # Enter would save here
    tab_to(app, ui, "place-removable-KINGSTON", back=True)
    ui.key(app, pygame.K_RETURN)
    assert chooser.folder == usb and focused(app) == "files"
    assert "No folders or .json files here." in ui.texts(app)
    ui.key(app, pygame.K_DOWN)  # an empty list: Down goes on to the file name
    assert focused(app) == "name"
    ui.key(app, pygame.K_RETURN)
    target = usb / name
    assert app.top is debrief and target.is_file()
    assert f"Saved to {target}" in ui.texts(app)

    # again: the chooser opens on the stick (the last folder used), and asks before replacing
    target.write_text("older", encoding="utf-8")
    press(app, ui, "export")
    chooser = app.top
    assert chooser.folder == usb and name in ui.texts(app)
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "dialog" and app.top.title == f"Replace {name}?"
    ui.key(app, pygame.K_RETURN)  # the first answer keeps the file
    assert app.top is chooser and target.read_text(encoding="utf-8") == "older"
    ui.key(app, pygame.K_RETURN)
    ui.key(app, pygame.K_TAB)
    ui.key(app, pygame.K_RETURN)  # Replace it
    assert app.top is debrief and target.read_text(encoding="utf-8").startswith("{")

    # the report, by mouse, with a name typed (the extension added)
    ui.click(app, ui.find_target(debrief, "report").rect)
    chooser = app.top
    ui.recorded(app)
    ui.click(app, chooser.name_field.rect)
    ui.key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, "7B report")
    ui.click(app, ui.find_target(chooser, "ok").rect)
    report = usb / "7B report.pdf"
    assert app.top is debrief and report.read_bytes()[:5] == b"%PDF-"

    # a name that can't be a file name says so, and nothing is written
    press(app, ui, "csv")
    chooser = app.top
    ui.key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, "7B/8C")
    ui.key(app, pygame.K_RETURN)
    assert app.top is chooser and "A file name can't have any of these in it" in ui.texts(app)
    assert sorted(p.name for p in usb.iterdir()) == sorted([name, "7B report.pdf"])
    ui.key(app, pygame.K_ESCAPE)
    assert app.top is debrief

    # the teacher's computer: its own data folder, nothing remembered there
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path / "teacher-pc"))
    other = results_screen(make_app, results=False)
    debrief2 = other.top
    assert not debrief2.model.groups
    ui.click(other, ui.find_target(debrief2, "import").rect)
    chooser = other.top
    assert chooser.folder == Path.home() / "Documents" and focused(other) == "files"
    ui.click(other, ui.find_target(chooser, "place-removable-KINGSTON").rect)
    shown = ui.texts(other)
    assert name in shown and "7B report.pdf" not in shown and "Only folders and .json files are shown." in shown
    type_text(other, "RESULTS")  # typing filters the list, in any case
    assert [e.name for e in chooser.list.shown] == [name] and "Names with “RESULTS”" in ui.texts(other)
    ui.key(other, pygame.K_RETURN)
    assert other.top is debrief2 and "Imported 1 of 1 file" in ui.texts(other)
    assert debrief2.model == before
    assert places.last_folder() == usb.resolve()


@pytest.fixture
def folders(usb):
    docs = Path.home() / "Documents"
    for d in ("Classes/7A", "Classes/7b", "Classes/8C", "locked"):
        (docs / d).mkdir(parents=True)
    for f in ("b.json", "A.JSON", "notes.txt", ".hidden.json", "._A.JSON"):
        (docs / f).write_text("{}", encoding="utf-8")
    return docs


def test_browsing_by_keys_and_clicks(make_app, ui, folders, monkeypatch):
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":  # as root, permissions don't stop a read: refuse here
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(places.os, "scandir", scandir)
    app = results_screen(make_app, results=False)
    debrief = app.top
    press(app, ui, "import")
    chooser = app.top
    assert [e.name for e in chooser.list.shown] == ["Classes", "locked", "A.JSON", "b.json"]
    shown = ui.texts(app)
    assert ".hidden" not in shown and "notes.txt" not in shown and "._A" not in shown
    assert chooser.list.selected.name == "Classes"
    ui.key(app, pygame.K_DOWN)
    ui.key(app, pygame.K_RETURN)
    assert chooser.folder == folders / "locked"
    assert "This folder can't be opened: you are not allowed to read it." in ui.texts(app)
    ui.key(app, pygame.K_BACKSPACE)  # up again, to the folder we came from
    assert chooser.folder == folders and chooser.list.selected.name == "locked"
    type_text(app, "cla")
    assert [e.name for e in chooser.list.shown] == ["Classes"]
    for _ in range(3):
        ui.key(app, pygame.K_BACKSPACE)  # a letter of the filter at a time
    assert chooser.list.filter == "" and chooser.folder == folders
    ui.key(app, pygame.K_BACKSPACE)
    assert chooser.folder == folders.parent and chooser.list.selected.name == "Documents"
    # the mouse: a folder opens at one click
    ui.recorded(app)
    row = next(r for r, i in chooser.list.rows if chooser.list.shown[i].name == "Documents")
    ui.click(app, row)
    assert chooser.folder == folders
    ui.recorded(app)
    row = next(r for r, i in chooser.list.rows if chooser.list.shown[i].name == "Classes")
    ui.click(app, row)
    assert [e.name for e in chooser.list.shown] == ["7A", "7b", "8C"]  # case doesn't change the order
    ui.key(app, pygame.K_LEFT)  # Left goes up too
    assert chooser.folder == folders
    # a file: chosen by a click, picked by a second (this one isn't a results file: it says so)
    ui.recorded(app)
    row = next(r for r, i in chooser.list.rows if chooser.list.shown[i].name == "b.json")
    ui.click(app, row)
    assert app.top is chooser and chooser.list.selected.name == "b.json"
    ui.click(app, row)
    assert app.top is debrief and "Imported 0 of 1 file" in ui.texts(app)
    # Esc cancels
    press(app, ui, "import")
    assert app.top.name == "files"
    ui.key(app, pygame.K_ESCAPE)
    assert app.top is debrief


def test_type_a_path_instead(make_app, ui, usb, tmp_path):
    app = results_screen(make_app)
    debrief = app.top
    press(app, ui, "export")
    chooser = app.top
    ui.key(app, pygame.K_l, pygame.KMOD_CTRL)
    typed = app.top
    assert typed.name == "path" and typed.field.text == str(chooser.folder / f"redflags-results-{today()}.json")
    ui.key(app, pygame.K_ESCAPE)  # back to the chooser, not further
    assert app.top is chooser
    ui.click(app, ui.find_target(chooser, "type-path").rect)
    ui.key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    elsewhere = tmp_path / "shared drive" / "7B.json"
    elsewhere.parent.mkdir()
    type_text(app, str(elsewhere))
    ui.key(app, pygame.K_RETURN)
    assert app.top is debrief and elsewhere.is_file() and f"Saved to {elsewhere}" in ui.texts(app)
    assert places.last_folder() == elsewhere.parent.resolve()
    press(app, ui, "export")
    assert app.top.folder == elsewhere.parent.resolve()


def test_a_large_folder_draws_only_what_is_in_view(make_app, ui, usb):
    big = usb / "all classes"
    big.mkdir()
    for i in range(3000):
        (big / f"group {i:04d}.json").touch()
    places.remember(big)
    app = results_screen(make_app, results=False)
    press(app, ui, "import")
    chooser = app.top
    assert chooser.folder == big.resolve() and len(chooser.list.shown) == 3000
    ui.recorded(app)
    assert 0 < len(chooser.list.rows) <= chooser.list.visible() < 30
    ui.key(app, pygame.K_END)
    ui.recorded(app)
    assert chooser.list.selected.name == "group 2999.json" and chooser.list.rows[-1][1] == 2999
    ui.key(app, pygame.K_PAGEUP)
    assert chooser.list.sel == 2999 - chooser.list.visible()
    ui.key(app, pygame.K_HOME)
    # a finger dragged up the list scrolls it (not the page), and opens nothing
    ui.recorded(app)
    x, y = chooser.list.rect.center
    rh = chooser.list.row_h()
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1)]
             + [pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y - rh * n), rel=(0, -rh), buttons=(1, 0, 0))
                for n in (1, 2, 3)]
             + [pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x, y - rh * 3), button=1)], 0)
    assert chooser.list.top == 3 and chooser.list.sel == 0 and app.top is chooser
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)], 0)  # the wheel on the list
    assert chooser.list.top == 6 and chooser.offset == 0
    type_text(app, "1234")
    assert [e.name for e in chooser.list.shown] == ["group 1234.json"]


def test_a_usb_stick_plugged_in_while_the_chooser_is_open_appears(make_app, ui, usb, plugged, tmp_path):
    app = results_screen(make_app, results=False)
    press(app, ui, "import")
    chooser = app.top
    with pytest.raises(AssertionError):
        ui.find_target(chooser, "place-removable-SD")
    card = tmp_path / "media" / "SD"
    card.mkdir()
    plugged.append(Place("removable", card, "SD"))
    app.step([], files_mod.RESCAN_SECONDS)
    ui.click(app, ui.find_target(chooser, "place-removable-SD").rect)
    assert chooser.folder == card


def test_read_aloud_says_what_is_chosen_in_french(make_app, ui, folders, monkeypatch):
    app = results_screen(make_app, results=False, lang="fr", read_aloud="auto")
    said: list[str] = []
    app.voice = speech.Voice(app)
    monkeypatch.setattr(app.voice, "read", lambda text: said.append(text) or True)
    press(app, ui, "import")
    chooser = app.top
    assert speech.describe(chooser) == "Classes\u202f: dossier. 1 sur 4"
    ui.key(app, pygame.K_END)
    assert said[-1] == "b.json\u202f: fichier. 4 sur 4"
    chooser.focus(chooser.path_bar.up)
    assert speech.block_speech(chooser.path_bar).endswith(str(folders))


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
@pytest.mark.parametrize("kind", ["export", "import"])
def test_french_and_200_percent_text_stay_in_their_boxes(make_app, ui, folders, size, kind):
    (folders / ("0 un nom de fichier vraiment très long pour voir s'il tient bien dans la liste "
                "2026-01-15.json")).write_text("{}", encoding="utf-8")
    app = results_screen(make_app, results=False, lang="fr", text_size=200, size=size)
    press(app, ui, kind)
    chooser = app.top
    chooser.ui.focused = None  # PgDn scrolls the page (in the list it moves the choice)
    ui.key(app, pygame.K_HOME)
    screen = app.screen.get_rect()
    seen = []
    for _ in range(10):
        rows = ui.recorded(app)
        assert rows
        for rect, box, text in rows:
            assert rect.w <= box.w + 1 and rect.h <= box.h + 1, (text[:60], rect, box)
            assert box.inflate(2, 2).contains(rect), (text[:60], rect, box)
            assert screen.contains(rect), (text[:60], rect, screen)
        seen += [t for _r, _b, t in rows]
        if chooser.offset >= chooser.max_offset():
            break
        ui.key(app, pygame.K_PAGEDOWN)
    shown = "\n".join(seen)
    for words in ("Remonter", "Dossier personnel", "Clé USB ou carte\u202f: KINGSTON", "Taper un chemin",
                  "Annuler", "Classes"):
        assert words in shown, words
    assert ("Nom du fichier" in shown) == (kind == "export")
    assert any(t.startswith("0 un nom de fichier") and "…" in t for t in seen)  # shortened in the middle
    assert any(t.startswith("…") and t.endswith("Documents") for t in seen)  # the path: its end kept
