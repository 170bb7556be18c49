"""Places and folder listings for the file chooser (game/places.py): drives found under a fake
/media, /Volumes or Windows' drive letters; what a folder lists (folders first, wanted types,
hidden files left out, any case); folders that can't be read; the last folder remembered."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from game import places
from game.places import Place


def mkdirs(root: Path, *names: str) -> None:
    for n in names:
        (root / n).mkdir(parents=True)


def touch(root: Path, *names: str) -> None:
    for n in names:
        (root / n).write_text("{}", encoding="utf-8")


def test_linux_drives_under_media_run_media_and_mnt(tmp_path, monkeypatch):
    mkdirs(tmp_path, "media/alice/KINGSTON", "media/alice/.hidden", "run/media/alice/SD CARD", "mnt/backup",
           "mnt/wsl", "media/OLDSTICK", "media/bob", "media/alice/zz")
    (tmp_path / "media/alice/notes.txt").write_text("x")  # a file there is not a drive
    monkeypatch.setattr(places, "is_mount", lambda p: p.name == "OLDSTICK")  # mounted straight under /media
    found = places.removable_drives("linux", root=tmp_path, user="alice")
    assert [(p.kind, p.name) for p in found] == [("removable", "KINGSTON"), ("removable", "zz"),
                                                 ("removable", "SD CARD"), ("removable", "OLDSTICK"),
                                                 ("drive", "backup")]
    assert found[0].path == tmp_path / "media/alice/KINGSTON"
    # nothing plugged in, no /media at all: no drives, no error
    assert places.removable_drives("linux", root=tmp_path / "nowhere", user="alice") == []


def test_macos_volumes_leave_out_the_startup_disk(tmp_path):
    mkdirs(tmp_path, "Volumes/USB KEY")
    (tmp_path / "Volumes/Macintosh HD").symlink_to(tmp_path)  # as macOS links the startup disk to /
    found = places.removable_drives("darwin", root=tmp_path)
    assert [p.name for p in found] == ["USB KEY"]


class FakeKernel32:
    """Windows' drive calls, answering for C: (fixed), E: (a USB stick), Z: (network)."""

    def __init__(self):
        self.asked: list[str] = []

    def GetLogicalDrives(self) -> int:  # noqa: N802  (Windows' name)
        return (1 << 2) | (1 << 4) | (1 << 25)

    def GetDriveTypeW(self, root: str) -> int:  # noqa: N802
        self.asked.append(root)
        return {"C:\\": 3, "E:\\": 2, "Z:\\": 4}[root]


def test_windows_drive_letters_with_their_type():
    k = FakeKernel32()
    found = places.removable_drives("win32", kernel32=k)
    assert [(p.kind, p.name) for p in found] == [("disk", "C:"), ("removable", "E:"), ("network", "Z:")]
    assert k.asked == ["C:\\", "E:\\", "Z:\\"]
    if os.name != "nt":  # the real call is only tried on Windows; elsewhere: no letters, no error
        assert places.windows_drives() == []


def test_places_usual_folders_data_folder_drives_and_last_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    mkdirs(home, "Documents", "Bureau", ".config")
    (home / ".config/user-dirs.dirs").write_text('XDG_DESKTOP_DIR="$HOME/Bureau"\n'  # a French desktop
                                                 'XDG_DOCUMENTS_DIR="$HOME/Documents"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    usb = tmp_path / "usb"
    usb.mkdir()
    drives = [Place("removable", usb, "KINGSTON")]
    got = places.places(home, drives)
    assert [(p.kind, p.path) for p in got] == [("home", home), ("documents", home / "Documents"),
                                               ("desktop", home / "Bureau"), ("data", places.data_dir()),
                                               ("removable", usb)]
    assert places.remember(usb)  # the last folder is a drive already listed: not twice
    assert [p.kind for p in places.places(home, drives)] == ["home", "documents", "desktop", "data", "removable"]
    other = tmp_path / "class 7B"
    other.mkdir()
    places.remember(other)
    assert places.places(home, drives)[0] == Place("last", other)


def test_listing_folders_first_wanted_types_any_case_hidden_left_out(tmp_path):
    mkdirs(tmp_path, "beta", "Alpha", ".git", "System Volume Information", "$RECYCLE.BIN")
    touch(tmp_path, "b.json", "A.JSON", "c.Json", "notes.txt", ".secret.json", "._A.JSON", "photo.png")
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")  # a broken link: not a file to pick
    listing = places.list_folder(tmp_path, (".json",))
    assert not listing.problem
    assert [(e.name, e.is_dir) for e in listing.entries] == [("Alpha", True), ("beta", True), ("A.JSON", False),
                                                             ("b.json", False), ("c.Json", False)]
    assert listing.other_files == 2  # notes.txt, photo.png
    everything = places.list_folder(tmp_path)
    assert "notes.txt" in [e.name for e in everything.entries] and everything.other_files == 0
    shown = places.list_folder(tmp_path, (".json",), show_hidden=True)
    assert {".git", ".secret.json", "._A.JSON"} <= {e.name for e in shown.entries}


def test_folders_that_cannot_be_read_say_why(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:  # (the tests run as root too, where permissions don't stop a read)
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(places.os, "scandir", scandir)
    assert places.list_folder(locked).problem == "denied"
    missing = places.list_folder(tmp_path / "usb-taken-out")
    assert missing.problem == "missing" and missing.entries == []
    touch(tmp_path, "a.json")
    assert places.list_folder(tmp_path / "a.json").problem == "not-folder"
    # drives are listed even when one of the folders they live in can't be read
    mkdirs(tmp_path, "media/alice/STICK")
    monkeypatch.setattr(places.os, "scandir", lambda p=".": (_ for _ in ()).throw(PermissionError(13, "no")))
    assert places.removable_drives("linux", root=tmp_path, user="alice") == []


def test_a_large_folder_lists_quickly_and_says_how_many_were_left_out(tmp_path):
    for i in range(3000):
        (tmp_path / f"Results {i:04d}.json").touch()
    start = time.perf_counter()
    listing = places.list_folder(tmp_path, (".json",))
    assert time.perf_counter() - start < 2.0  # one scandir pass, no stat per file (about 10 ms here)
    assert len(listing.entries) == 3000 and listing.entries[0].name == "Results 0000.json"
    capped = places.list_folder(tmp_path, (".json",), limit=1000)
    assert len(capped.entries) == 1000 and capped.more == 2000


def test_the_last_folder_is_remembered_and_forgotten_when_gone(tmp_path):
    assert places.last_folder() is None
    usb = tmp_path / "usb"
    usb.mkdir()
    assert places.remember(usb)
    assert places.last_folder() == usb.resolve() and places.start_folder(tmp_path) == usb.resolve()
    usb.rmdir()  # the stick was taken out
    assert places.last_folder() is None
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    assert places.start_folder(home) == home / "Documents"
    (home / "Documents").rmdir()
    assert places.start_folder(home) == home


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"last": 3}', '{"last": "relative/path"}',
                                  "[" * 100000])
def test_a_damaged_folders_file_is_ignored(text):
    (places.data_dir() / places.FILE_NAME).write_text(text, encoding="utf-8")
    assert places.last_folder() is None


def test_parent_and_filter():
    assert places.parent(Path("/")) is None
    assert places.parent(Path("/a/b")) == Path("/a")
    entry = places.Entry("Classe 7B", Path("/x"), True, "classe 7b")
    assert places.matches(entry, "SE 7") and not places.matches(entry, "8C")


def test_remember_writes_a_small_json_file(tmp_path):
    places.remember(tmp_path)
    data = json.loads((places.data_dir() / places.FILE_NAME).read_text(encoding="utf-8"))
    assert data == {"last": str(tmp_path.resolve())}


def test_places_needs_no_pygame():
    """Places and listings are plain Python: usable (and tested) without a window."""
    import subprocess
    import sys

    code = "import sys, game.places; sys.exit('pygame' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0
