"""Where a teacher keeps files, and what a folder holds: the in-game file chooser (export, import,
the class report) is built on this, so nobody has to type a full path. No pygame here.

- `places()`: the home folder, Documents / Desktop / Downloads when they exist (their localised
  names on Linux, from ~/.config/user-dirs.dirs), the Red Flags data folder, removable drives
  (USB sticks, cards: /media/$USER/*, /run/media/$USER/*, /mnt/* on Linux, /Volumes/* on macOS,
  drive letters and their type on Windows) and the last folder used.
- `list_folder()`: folders first, then the files of the wanted types, hidden ones left out,
  sorted as people read (case-insensitively); a folder that can't be read says why instead of
  raising. One `os.scandir` pass and no per-file `stat`, so a folder of thousands stays fast.
- `last_folder()` / `remember()`: the last folder used, kept in the data folder (folders.json).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .userdata import atomic_write_text, data_dir

FILE_NAME = "folders.json"
MAX_ENTRIES = 20000  # a folder holding more shows the first ones (sorted) and says how many more

# Windows: GetDriveTypeW's answer -> our kind (2 removable, 3 fixed, 4 remote, 5 CD-ROM, 6 RAM disk)
DRIVE_TYPES = {2: "removable", 3: "disk", 4: "network", 5: "cdrom", 6: "disk"}
# what a USB stick formatted on Windows holds that nobody means to open
SYSTEM_NAMES = {"system volume information", "$recycle.bin", "recycler", "lost+found"}
# XDG names of the folders people keep documents in (their names differ by language)
XDG_DIRS = {"XDG_DOCUMENTS_DIR": "documents", "XDG_DESKTOP_DIR": "desktop", "XDG_DOWNLOAD_DIR": "downloads"}
FALLBACK_DIRS = {"documents": "Documents", "desktop": "Desktop", "downloads": "Downloads"}


@dataclass(frozen=True)
class Place:
    """A starting point in the chooser. kind: home, documents, desktop, downloads, data, last,
    removable (a USB stick or card), drive, network, cdrom, disk; `name` is a drive's label or
    letter (the screen words the rest)."""

    kind: str
    path: Path
    name: str = ""


@dataclass(frozen=True)
class Entry:
    name: str
    path: Path
    is_dir: bool
    key: str = ""  # the name as compared when sorting and filtering (casefolded)


@dataclass
class Listing:
    """A folder's contents. `problem` is "" or one of: denied, missing, not-folder, error (then
    `detail` holds the system's words); `other_files` counts files not of the wanted types and
    `more` the entries left out past MAX_ENTRIES."""

    folder: Path
    entries: list[Entry] = field(default_factory=list)
    problem: str = ""
    detail: str = ""
    other_files: int = 0
    more: int = 0


# --- places ----------------------------------------------------------------------------------


def user_dirs(home: Path) -> dict[str, Path]:
    """Documents, Desktop and Downloads as this user's system names them (Linux's user-dirs.dirs
    says "Bureau" on a French desktop), else the usual English names; only folders that exist."""
    found: dict[str, Path] = {}
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "user-dirs.dirs"
    try:
        lines = config.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    for line in lines:
        key, eq, value = line.strip().partition("=")
        if eq and key in XDG_DIRS:
            value = value.strip().strip('"').replace("$HOME", str(home))
            path = Path(value)
            if path.is_absolute() and path != home:
                found[XDG_DIRS[key]] = path
    out = {}
    for kind, name in FALLBACK_DIRS.items():
        path = found.get(kind, home / name)
        if path.is_dir():
            out[kind] = path
    return out


def standard_places(home: Path | None = None) -> list[Place]:
    home = home or Path.home()
    out = [Place("home", home)]
    out += [Place(kind, path) for kind, path in user_dirs(home).items()]
    return out + [Place("data", data_dir())]


def user_name() -> str:
    name = os.environ.get("USER") or os.environ.get("LOGNAME") or os.environ.get("USERNAME") or ""
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _subfolders(folder: Path) -> list[Path]:
    """The visible folders directly in `folder`, sorted; none when it can't be read."""
    try:
        with os.scandir(folder) as it:
            found = [Path(e.path) for e in it if not e.name.startswith(".") and _is_dir(e)]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name.casefold())


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def path_kind(path: Path) -> str:
    """'folder', 'file', 'other', 'missing', or 'invalid' (a name the system refuses: too long,
    a character the drive can't store): asked without ever raising, unlike `Path.is_file`."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except (OSError, ValueError):
        return "invalid"
    import stat

    return "folder" if stat.S_ISDIR(st.st_mode) else "file" if stat.S_ISREG(st.st_mode) else "other"


def is_mount(path: Path) -> bool:
    """A separate file system is mounted there (tests replace this)."""
    try:
        return os.path.ismount(path)
    except OSError:
        return False


def removable_drives(system: str | None = None, root: Path = Path("/"), user: str | None = None,
                     kernel32=None) -> list[Place]:
    """Drives a teacher may plug in, for `system` (sys.platform by default). `root` and `user` let
    tests build a fake /media; `kernel32` stands in for Windows' own (GetLogicalDrives,
    GetDriveTypeW)."""
    system = system or sys.platform
    if system == "win32":
        return windows_drives(kernel32)
    if system == "darwin":
        volumes = root / "Volumes"
        boot = root.resolve()
        out = []
        for path in _subfolders(volumes):
            try:
                if path.resolve() == boot:  # the startup disk is a link to / in /Volumes
                    continue
            except OSError:
                continue
            out.append(Place("removable", path, path.name))
        return out
    user = user if user is not None else user_name()
    out = []
    if user:
        for base in (root / "media" / user, root / "run" / "media" / user):
            out += [Place("removable", p, p.name) for p in _subfolders(base)]
    # older systems mount straight under /media; the user folders there are not drives
    out += [Place("removable", p, p.name) for p in _subfolders(root / "media") if p.name != user and is_mount(p)]
    out += [Place("drive", p, p.name) for p in _subfolders(root / "mnt") if p.name not in ("wsl", "wslg")]
    return out


def windows_drives(kernel32=None) -> list[Place]:
    """Every drive letter with its type (a USB stick is "removable"), asked of Windows without
    touching the drives themselves (an empty card reader must not keep the screen waiting)."""
    if kernel32 is None:
        try:
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        except (ImportError, AttributeError, OSError):
            return []
    try:
        mask = int(kernel32.GetLogicalDrives())
    except (OSError, AttributeError, ValueError):
        return []
    out = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        letter = chr(ord("A") + i) + ":"
        try:
            kind = DRIVE_TYPES.get(int(kernel32.GetDriveTypeW(letter + "\\")), "")
        except (OSError, ValueError):
            kind = ""
        if kind:
            out.append(Place(kind, Path(letter + "\\"), letter))
    return out


def places(home: Path | None = None, drives: list[Place] | None = None) -> list[Place]:
    """Everything the chooser offers, each folder once: the last folder used first (unless it is
    one of the others), then the usual folders, then the drives."""
    out: list[Place] = []
    seen: set[str] = set()
    for p in standard_places(home) + (removable_drives() if drives is None else drives):
        key = os.path.normcase(str(p.path))
        if key not in seen:
            seen.add(key)
            out.append(p)
    last = last_folder()
    if last is not None and os.path.normcase(str(last)) not in seen:
        out.insert(0, Place("last", last))
    return out


# --- listing a folder ------------------------------------------------------------------------


def is_hidden(entry: os.DirEntry[str]) -> bool:
    """Dot files, Windows' hidden and system files, and a USB stick's system folders."""
    name = entry.name
    if name.startswith(".") or name.casefold() in SYSTEM_NAMES or name.startswith("$"):
        return True
    if sys.platform == "win32":
        try:
            return bool(entry.stat().st_file_attributes & 0x6)  # hidden|system
        except (OSError, AttributeError):
            return False
    return False


def list_folder(folder: Path, extensions: tuple[str, ...] = (), show_hidden: bool = False,
                limit: int = MAX_ENTRIES) -> Listing:
    """`folder`'s subfolders, then its files ending in one of `extensions` (any file when empty),
    each group sorted case-insensitively. Never raises: a folder that is gone, not a folder, or
    not readable gives a Listing with `problem` set."""
    folder = Path(folder)
    exts = tuple(e.casefold() for e in extensions)
    out = Listing(folder)
    dirs: list[Entry] = []
    files: list[Entry] = []
    try:
        with os.scandir(folder) as it:
            for e in it:
                if not show_hidden and is_hidden(e):
                    continue
                key = e.name.casefold()
                try:
                    if e.is_dir():
                        dirs.append(Entry(e.name, Path(e.path), True, key))
                        continue
                    if not e.is_file():
                        continue  # a broken link, a device
                except OSError:
                    continue
                if not exts or key.endswith(exts):
                    files.append(Entry(e.name, Path(e.path), False, key))
                else:
                    out.other_files += 1
    except FileNotFoundError as exc:
        out.problem, out.detail = "missing", exc.strerror or str(exc)
        return out
    except NotADirectoryError as exc:
        out.problem, out.detail = "not-folder", exc.strerror or str(exc)
        return out
    except PermissionError as exc:
        out.problem, out.detail = "denied", exc.strerror or str(exc)
        return out
    except OSError as exc:  # a drive taken out while reading, a network share gone
        out.problem, out.detail = "error", exc.strerror or str(exc)
        return out
    entries = sorted(dirs, key=_order) + sorted(files, key=_order)
    out.entries, out.more = entries[:limit], max(0, len(entries) - limit)
    return out


def _order(e: Entry) -> tuple[str, str]:
    return e.key, e.name


def parent(folder: Path) -> Path | None:
    """The folder above, or None at the top of a drive."""
    up = Path(folder).parent
    return None if up == Path(folder) else up


def matches(entry: Entry, typed: str) -> bool:
    """Whether a name fits what was typed to filter the list (anywhere in it, any case)."""
    return typed.casefold() in entry.key


# --- the last folder used --------------------------------------------------------------------


def _store() -> Path:
    return data_dir() / FILE_NAME


def last_folder() -> Path | None:
    """The last folder a file was saved to or imported from, when it is still there (a USB stick
    may have been taken out since). Never raises."""
    try:
        data = json.loads(_store().read_text(encoding="utf-8"))
        folder = Path(data["last"]) if isinstance(data, dict) and isinstance(data.get("last"), str) else None
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    try:
        return folder if folder is not None and folder.is_absolute() and folder.is_dir() else None
    except OSError:
        return None


def remember(folder: Path) -> bool:
    """Keep `folder` as the last one used; False (and nothing else happens) if it can't be saved."""
    try:
        atomic_write_text(_store(), json.dumps({"last": str(Path(folder).resolve())}) + "\n")
        return True
    except (OSError, ValueError):
        return False


def start_folder(home: Path | None = None) -> Path:
    """Where the chooser opens: the last folder used, else Documents, else the home folder."""
    last = last_folder()
    if last is not None:
        return last
    home = home or Path.home()
    return user_dirs(home).get("documents", home)
