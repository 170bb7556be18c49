"""Where Red Flags keeps what it stores on this machine (settings, results), and safe writes.

Everything lives in one per-user folder (platformdirs), so "delete all my data" is one folder.
`REDFLAGS_HOME` overrides it: tests and portable installs (a USB stick) use that.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO


def data_dir() -> Path:
    """The folder for settings and results, created on first use. Never raises: a folder that
    can't be made (REDFLAGS_HOME on a USB stick that isn't plugged in) is returned as it is, and
    whatever then fails to read or write it says so (see game/ui/storage.py)."""
    override = os.environ.get("REDFLAGS_HOME")
    if override:
        path = Path(override)
        try:  # the folder itself, never its parents: a missing drive must not become a local folder
            path.mkdir(exist_ok=True)
        except OSError:
            pass
        return path
    from platformdirs import user_data_dir

    path = Path(user_data_dir("redflags", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return path


_lock: dict[Path, IO[bytes]] = {}  # data folder -> the open lock file this process holds


def instance_lock() -> bool:
    """Hold the data folder for this process: True if it is ours (or can't be locked at all, e.g.
    a read-only folder, where nothing is written anyway), False if another running copy of Red
    Flags holds it. The lock goes when the process ends, even on a crash or a kill."""
    folder = data_dir()
    if folder in _lock:
        return True
    try:
        handle = open(folder / "instance.lock", "a+b")  # noqa: SIM115 (held for the process)
    except OSError:
        return True
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _lock[folder] = handle
    return True


def release_instance_lock() -> None:
    """Let go of every data folder this process holds (tests, and switching REDFLAGS_HOME)."""
    for handle in _lock.values():
        handle.close()
    _lock.clear()


def atomic_write_text(path: Path, text: str) -> None:
    """Write a file so that a crash or power cut leaves either the old or the new content."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
