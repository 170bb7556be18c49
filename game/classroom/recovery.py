"""When the results database can't be used: say why, and keep every row that can still be read.

A damaged file (a power cut during a write on a cheap USB stick, a half-copied file, a 0-byte
file) is never deleted: it is renamed beside the new one (`results.damaged-<time>.sqlite3`),
and every row SQLite can still read from it is copied into a fresh database. Other failures
(a read-only or missing folder, a full disk, a file from a newer version) are not damage: the
file is left alone and the error says what to do.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import Any

from game.i18n import _
from game.translatable import N_

# SQLite's error names (sqlite3.Error.sqlite_errorname), grouped by what a teacher can do
DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
READONLY = ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH")
FULL = ("SQLITE_FULL",)
BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")

ADVICE = {  # what to do, in the screen's language when it is asked for (`.get()`)
    "damaged": N_("the file was damaged; it was kept aside and what could be read was recovered"),
    "readonly": N_("the data folder can't be written (read-only, or no permission): results can't be "
                   "saved; check the folder or REDFLAGS_HOME"),
    "missing": N_("the data folder isn't there (an unplugged USB stick or network drive?): plug it in "
                  "and start Red Flags again"),
    "full": N_("the disk is full: free some space, then start Red Flags again"),
    "busy": N_("another copy of Red Flags (or another program) is using the results: close it and try again"),
    "newer": N_("the results were saved by a newer version of Red Flags: update Red Flags on this computer"),
    "other": N_("the results can't be read or written"),
}


def reason_of(exc: BaseException) -> str:
    """What kind of failure an exception from sqlite3 or the file system is."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name in DAMAGED or "malformed" in text or "not a database" in text:
        return "damaged"
    if name in FULL or "disk is full" in text or "no space" in text:
        return "full"
    if name in BUSY or "locked" in text:
        return "busy"
    if name in READONLY or isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text:
        return "readonly"
    if isinstance(exc, FileNotFoundError) or "unable to open" in text:
        return "missing"
    if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:  # ENOSPC
        return "full"
    return "other"


def keep_aside(path: Path, clock: Callable[[], datetime] = datetime.now) -> Path:
    """Rename a damaged database (and its journal files) out of the way; return the new name."""
    stamp = clock().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def salvage(damaged: Path, into: sqlite3.Connection, tables: tuple[str, ...]) -> dict[str, int]:
    """Copy every row SQLite can still read from `damaged` into `into` (same schema), table by
    table, in the order given (parents first). A table that fails part-way keeps the rows read
    before the damage. Returns the rows recovered per table."""
    counts = {t: 0 for t in tables}
    try:
        src = sqlite3.connect(f"{damaged.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return counts
    try:
        for table in tables:
            try:
                cur = src.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
                have = [d[0] for d in cur.description]
                want = {r[1] for r in into.execute(f"PRAGMA table_info({table})")}
                cols = [c for c in have if c in want]  # a file of an older version has other columns
                if table == "actions" and "state" in have and "state" not in want:
                    rows: Iterable[tuple[Any, ...]] = _older_actions(src)
                    cols = ["playthrough_id", "seq", "at", "kind", "data"]
                else:
                    rows = (tuple(row[have.index(c)] for c in cols) for row in cur)
                names, marks = ", ".join(cols), ", ".join("?" for _ in cols)
                for row in rows:
                    try:
                        into.execute(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", row)
                        counts[table] += 1
                    except sqlite3.Error:
                        continue  # a row that breaks a constraint (its parent was lost): skip it
            except sqlite3.Error:
                continue  # this table is unreadable from here on: keep what was copied
    finally:
        src.close()
    return counts


def _older_actions(src: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """The actions of a file from before version 3 (each with the state after it), with details
    that replay folds instead (history.py), playthrough by playthrough."""
    from .history import lean, object_of

    cur = src.execute("SELECT playthrough_id, seq, at, kind, data, state FROM actions ORDER BY playthrough_id, seq")
    for _pid, group in groupby(cur, key=lambda r: r[0]):
        rows = list(group)
        details = lean((kind, object_of(data), state) for _p, _s, _a, kind, data, state in rows)
        for (pid, seq, at, kind, _d, _st), data in zip(rows, details, strict=True):
            yield pid, seq, at, kind, json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class StoreError(RuntimeError):
    """The results database cannot be used. `reason` says what kind of failure it is, for the
    screens' messages: damaged, readonly, missing, full, busy, newer or other."""

    def __init__(self, message: str, reason: str = "other"):
        super().__init__(message)
        self.reason = reason

    @property
    def advice(self) -> str:
        return ADVICE.get(self.reason, ADVICE["other"]).get()


def failed(what: str, exc: BaseException) -> StoreError:
    """`what` could not be done (words already in the screen's language), the system's words for
    why, and what to do about it."""
    reason = reason_of(exc)
    return StoreError(_("{what}: {error}; {advice}").format(what=what, error=exc, advice=ADVICE[reason].get()),
                      reason)
