"""A class folder: results from groups on separate computers, with no USB stick to walk around.

The teacher points every computer at one folder the school already has (a network drive, a
OneDrive or Google Drive folder synced on each computer). Each computer owns one file there,
`redflags-<id>.json`, named by a random id kept in its data folder, holding its results of the
sessions run while the folder was set, in the format an export writes (checksum, the class
code's signature if there is one, group names in the clear as in any export). The file is
written whole and atomically: a hidden temporary file beside it, flushed to the disk, renamed
over it. No lock is ever taken on the folder, and no SQLite file is ever put there (network
drives corrupt them). When it is written, and from which thread, is folderlink.py.

The teacher's class debrief reads every `redflags-*.json` in the folder, re-reading only files
whose time or size changed, checks each as an import does and merges it. Rows keep their ids,
so reading a file again adds nothing; a damaged file is skipped and named, never half-merged.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.i18n import _
from game.userdata import atomic_write_text, data_dir

from .signing import class_key
from .store import ResultsStore, StoreError

if TYPE_CHECKING:  # the exchange format, pydantic and all, loads when a folder is first used
    from .knowledge import KnowledgeCheck

RECORD = "class-folder.json"  # in the data folder: this computer's id, the folder, its sessions
PREFIX, SUFFIX = "redflags-", ".json"
ID = re.compile(r"[0-9a-f]{12}")
COMPUTER_FILE = re.compile(r"redflags-[0-9a-f]{12}\.json")  # a computer's file, not an export
_record_lock = threading.Lock()  # the record is written by the game and by the writing thread


# --- this computer: its id and the sessions it shares ----------------------------------------------


def read_record(home: Path) -> dict[str, Any]:
    try:
        data = json.loads((home / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_record(home: Path, record: dict[str, Any]) -> None:
    try:
        atomic_write_text(home / RECORD, json.dumps(record, indent=1))
    except OSError:
        pass  # an unwritable data folder: the store already says nothing is being saved


def computer_id(home: Path | None = None, *, new: bool = False) -> str:
    """This computer's id: random, made once and kept in the data folder (so a data folder on a
    USB stick takes its id along with its results). `new`: make another one."""
    home = home or data_dir()
    with _record_lock:
        record = read_record(home)
        cid = record.get("computer")
        if new or not (isinstance(cid, str) and ID.fullmatch(cid)):
            cid = secrets.token_hex(6)
            _save_record(home, record | {"computer": cid})
        return cid


def file_name(computer: str) -> str:
    return f"{PREFIX}{computer}{SUFFIX}"


def shared_sessions(folder: Path, home: Path | None = None) -> list[str]:
    """The sessions this computer writes to `folder` (those run while it was set)."""
    record = read_record(home or data_dir())
    ids = record.get("sessions") if record.get("folder") == str(folder) else None
    return [s for s in ids if isinstance(s, str)] if isinstance(ids, list) else []


def share_session(folder: Path, session_id: str, home: Path | None = None) -> list[str]:
    """Write this session to `folder` from now on (another folder's list is forgotten)."""
    home = home or data_dir()
    with _record_lock:
        record = read_record(home)
        ids = record.get("sessions") if record.get("folder") == str(folder) else None
        ids = [s for s in ids if isinstance(s, str)] if isinstance(ids, list) else []
        if session_id not in ids:
            ids.append(session_id)
            _save_record(home, record | {"folder": str(folder), "sessions": ids})
        return ids


# --- writing this computer's file -----------------------------------------------------------------


def write_file(folder: Path, name: str, text: str) -> None:
    """Replace `folder/name` so that a reader sees the old file or the new one, never half of
    one: a hidden temporary file beside it (no reader lists it), flushed to the disk, renamed
    over it. The folder is never created: a missing drive must not become a local folder."""
    if not folder.is_dir():
        raise FileNotFoundError(2, _("the folder isn't there"), str(folder))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, folder / name)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _checksum(text: str) -> str:
    found = re.search(r'"checksum": "(sha256:[0-9a-f]{64})"', text[:2048])
    return found.group(1) if found else ""


class FolderWriter:
    """This computer's file in the class folder, written whole each time. Synchronous:
    folderlink.py runs it on a thread of its own, with a store connection of its own."""

    def __init__(self, store: ResultsStore, folder: Path, computer: str, home: Path | None = None):
        self.store, self.folder, self.computer = store, Path(folder), computer
        self.home = home or data_dir()
        self.last = ""  # checksum of the file written last, to notice another computer writing it

    @property
    def name(self) -> str:
        return file_name(self.computer)

    def write(self, sessions: list[str]) -> None:
        """Raises OSError (the folder can't be written) or StoreError (the results can't be
        read, or the names can't be opened while teacher mode is locked)."""
        from .exchange import export_json

        text = export_json(self.store, sessions)
        if self._taken():
            self.computer = computer_id(self.home, new=True)
        if not self.last:  # the first write since the game started: a crash may have left these
            for stale in self.folder.glob(f".{self.name}.*.tmp"):
                stale.unlink(missing_ok=True)
        write_file(self.folder, self.name, text)
        self.last = _checksum(text)

    def _taken(self) -> bool:
        """Did another computer write this file since (a data folder copied with a disk image
        gives two computers one id)? Then this one takes a new id rather than overwrite it."""
        if not self.last:
            return False
        try:
            with open(self.folder / self.name, "rb") as f:
                head = f.read(2048)
        except OSError:
            return False
        return self.last.encode("ascii") not in head


# --- reading every computer's file ----------------------------------------------------------------


@dataclass
class FolderFile:
    """A results file that changed since the last look: its rows, checked, or why not."""

    name: str
    stamp: tuple[int, int] | None  # (mtime in ns, size); None: read it again next time
    data: dict[str, list[dict[str, Any]]] | None = None
    error: str = ""


def fetch(folder: Path, seen: dict[str, tuple[int, int]], skip: str = ""
          ) -> tuple[dict[str, tuple[int, int]], list[FolderFile]]:
    """Every results file in the folder now (name -> stamp), and those that changed since
    `seen`, read and checked as an import checks them. Touches no store, so it runs off the
    main thread. OSError: the folder can't be listed."""
    from .exchange import ExchangeError, cannot_read, read_exchange, read_limited

    stamps: dict[str, tuple[int, int]] = {}
    with os.scandir(folder) as entries:
        for e in entries:
            if not (e.name.startswith(PREFIX) and e.name.lower().endswith(SUFFIX)):
                continue
            try:
                st = e.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                stamps[e.name] = (st.st_mtime_ns, st.st_size)
    key, found = class_key(), []
    for name, stamp in sorted(stamps.items()):
        if name == skip or seen.get(name) == stamp:
            continue
        raw = b""
        try:
            raw = read_limited(folder / name)
            found.append(FolderFile(name, stamp, read_exchange(raw, name, key)))
        except ExchangeError as exc:
            found.append(FolderFile(name, stamp, error=_cut_short(name, raw) or str(exc)))
        except OSError as exc:  # being replaced right now (Windows): read it again next time
            found.append(FolderFile(name, None, error=cannot_read(name, exc.strerror or str(exc))))
    return stamps, found


def _cut_short(name: str, raw: bytes) -> str:
    """Words for a file that isn't whole JSON (else ""): most likely cut short while another
    computer or a sync program was still writing it."""
    try:
        json.loads(raw)
    except (ValueError, RecursionError):
        return _("{name}: incomplete or damaged (cut short while it was written or synced?). It is read "
                 "again when that computer next writes it.").format(name=name)
    return ""


@dataclass
class FolderView:
    """What the class debrief says about the folder."""

    folder: Path
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)  # files merged, as they were then
    read: bool = False  # looked at once at least
    computers: int = 0  # computers' files in the folder
    newest: datetime | None = None  # when the newest results file was written
    problems: dict[str, str] = field(default_factory=dict)  # file -> why it was skipped
    error: str = ""  # why the folder itself can't be read
    added: int = 0  # rows merged since the folder was set

    def merge(self, store: ResultsStore, stamps: dict[str, tuple[int, int]], files: list[FolderFile]) -> bool:
        """Merge what `fetch` found into the store (on the store's thread). True when there is
        something new to show."""
        before = (self.read, self.computers, self.newest, dict(self.problems), self.error, self.added)
        self.read, self.error = True, ""
        for f in files:
            if f.data is not None:
                try:
                    self.added += sum(store.merge(f.data).values())
                except StoreError as exc:
                    self.problems[f.name] = _("{name}: {error}").format(name=f.name, error=exc)
                    continue  # not seen: merged again next time
                self.problems.pop(f.name, None)
            else:
                self.problems[f.name] = f.error
            if f.stamp is not None:
                self.seen[f.name] = f.stamp
        for gone in set(self.problems) - set(stamps):
            del self.problems[gone]
        self.computers = sum(bool(COMPUTER_FILE.fullmatch(n)) for n in stamps)
        newest = max((s[0] for s in stamps.values()), default=None)
        self.newest = None if newest is None else datetime.fromtimestamp(newest / 1e9)
        return before != (self.read, self.computers, self.newest, self.problems, self.error, self.added)

    def unreadable(self, error: str) -> bool:
        before = (self.read, self.error)
        self.read, self.error = True, error
        return before != (self.read, self.error)


# --- the game's link to the folder ------------------------------------------------------------------


def watch(store: ResultsStore, changed: Callable[[bool], None],
          check: Callable[[], KnowledgeCheck | None] = lambda: None) -> None:
    """Call `changed(urgent)` after each write a class folder file carries: urgent for a group
    added, a story's ending, a knowledge check's last answer and a spot-check chat judged (it is
    stored whole); not for other actions. The store has no listeners of its own, so its four
    writing methods are wrapped on this one instance (normal play's store is never wrapped)."""
    add_group, answer, record, spot = store.add_group, store.answer, store.record, store.spot

    def added(*args: Any, **kwargs: Any) -> str:
        gid = add_group(*args, **kwargs)
        changed(True)
        return gid

    def answered(group_id: str, phase: str, *args: Any, **kwargs: Any) -> None:
        answer(group_id, phase, *args, **kwargs)
        quiz = check()
        done = sum(a.phase == phase for a in store.answers(group_id))
        changed(quiz is None or done >= len(quiz.questions))

    def recorded(playthrough_id: str, seq: int, kind: str, *args: Any, **kwargs: Any) -> None:
        record(playthrough_id, seq, kind, *args, **kwargs)
        changed(kind == "ending")

    def judged(*args: Any, **kwargs: Any) -> None:
        spot(*args, **kwargs)
        changed(True)

    store.add_group, store.answer, store.record = added, answered, recorded  # type: ignore[method-assign]
    store.spot = judged  # type: ignore[method-assign]
