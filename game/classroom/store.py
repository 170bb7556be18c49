"""The results store: every action of every playthrough, in SQLite, committed as it happens.

One file, `results.sqlite3` in the user data folder. WAL journal with `synchronous=FULL`: each
action is its own transaction and is on disk before the call returns, so a crash, a closed
lid or a power cut loses nothing already done. (NORMAL would keep the database intact too but
could lose the last actions on a power cut; actions come at human pace, so FULL costs nothing
anyone notices.) Each action's details say what it changed, so a playthrough's state is replayed
from its actions (history.py) and it resumes exactly with `ResultsStore.resume`; each action also
keeps the playthrough's result line current (recording.result_line), which is what the class
debrief of many classes reads (tally.py).

Data minimisation: a group is a name the group typed (the UI warns against full names) and a
number of members. No student names, no device or machine ids; ids are random UUIDs.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from game.engine.model import Scenario
from game.engine.runtime import PlayError, PlayState
from game.engine.scoring import debrief
from game.i18n import _, ngettext
from game.userdata import data_dir

from . import board, transfer
from .cells import clean
from .checkrows import CheckRows
from .history import apply, details, replay
from .recording import RecordingPlaythrough, result_line
from .records import (  # noqa: F401 (re-exported: what the store's readers get)
    LOCKED,
    Answer,
    GroupInfo,
    PlaythroughInfo,
    SessionInfo,
    Spot,
    compact,
    now,
    settings_of,
)
from .recovery import ADVICE, StoreError, failed, keep_aside, salvage
from .schema import PHASES, SCHEMA_VERSION, TABLES, migrate  # noqa: F401 (re-exported)
from .sealednames import SealedNames

DB_NAME = "results.sqlite3"


def default_path() -> Path:
    return data_dir() / DB_NAME


class ResultsStore(SealedNames, CheckRows):
    """Opens (and creates or upgrades) the results database. One per app; not thread-shared."""

    MEMORY = ":memory:"  # a store that keeps nothing after the game closes (see Classroom)

    def __init__(self, path: str | Path | None = None, *, recover: bool = True):
        """Open (or create) the database. A damaged file is kept aside and what can be read is
        recovered into a new one (`notice` then says so); anything else that stops it raises
        StoreError with a reason."""
        self.path = Path(path) if path else default_path()
        self.key = None  # the teacher's data key, once teacher mode was unlocked (sealednames.py)
        self.notice: str | None = None  # what opening had to do, for the teacher to read once
        self.kept_aside: Path | None = None  # where a damaged file was moved
        self.recovered: dict[str, int] = {}  # rows recovered from it, per table
        self._names = None  # the names opened with the key: see SealedNames.name_of
        memory = str(path) == self.MEMORY
        try:
            if not memory:
                self._check_file()
            self._connect(self.MEMORY if memory else self.path)
        except StoreError as exc:
            if exc.reason != "damaged" or not recover or memory:
                raise
            self._recover()

    def _check_file(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            try:
                folder.mkdir(parents=False, exist_ok=True)  # never build a tree on a missing drive
            except OSError as exc:
                raise StoreError(_("cannot use the data folder {folder}: {advice}").format(
                    folder=folder, advice=ADVICE["missing"].get()), "missing") from exc
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        except OSError as exc:
            raise failed(_("cannot read {path}").format(path=self.path), exc) from exc
        if size == 0:  # SQLite would quietly treat it as a new, empty store
            raise StoreError(_("{path} is empty (0 bytes): it was damaged").format(path=self.path), "damaged")

    def _connect(self, target: str | Path) -> None:
        try:
            self.db = sqlite3.connect(target, isolation_level=None, timeout=10)
        except sqlite3.Error as exc:
            raise failed(_("cannot open the results database {path}").format(path=self.path), exc) from exc
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA secure_delete=ON")  # deleted text is overwritten, not left behind
            ok = self.db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if ok != "ok":
                raise StoreError(_("{path} is damaged ({error})").format(path=self.path, error=ok), "damaged")
            self._migrate()
        except sqlite3.Error as exc:
            self.db.close()
            raise failed(_("cannot open the results database {path}").format(path=self.path), exc) from exc
        except StoreError:
            self.db.close()
            raise

    def _recover(self) -> None:
        """Keep the damaged file aside, start a new one, copy in every row that can be read."""
        try:
            kept = keep_aside(self.path)
        except OSError as exc:
            raise failed(_("{path} is damaged and can't be moved aside").format(path=self.path), exc) from exc
        self._connect(self.path)
        with self.transaction() as db:
            counts = salvage(kept, db, TABLES)
            board.refresh(db)  # the derived lines, from what could be read
        groups = counts["groups"]
        self.kept_aside = kept
        self.notice = _("The results file was damaged. It was kept as {name}, and a new one was started "
                        "with what could be read: {groups}, {actions}.").format(
            name=kept.name, groups=ngettext("{n} group", "{n} groups", groups).format(n=groups),
            actions=ngettext("{n} action", "{n} actions", counts["actions"]).format(n=counts["actions"]))
        self.recovered = counts

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ResultsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        migrate(self.db, self.transaction)
        if 0 < version < 3 and str(self.path) != self.MEMORY:
            self.db.execute("VACUUM")  # the states dropped from every action: give the space back

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction: all of it is on disk afterwards, or none of it. Any
        failure of SQLite (a full disk, a read-only folder, damage) is a StoreError."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise failed(_("cannot write results"), exc) from exc
        try:
            yield self.db
        except sqlite3.Error as exc:
            self._rollback()
            raise failed(_("cannot write results"), exc) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise failed(_("cannot write results"), exc) from exc

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already (it does on a full disk)."""
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    # -- sessions and groups ---------------------------------------------------------------

    def new_session(self, settings: dict[str, Any], label: str = "") -> str:
        sid = uuid.uuid4().hex
        with self.transaction() as db:
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)",
                       (sid, now(), self._put(clean(label)), json.dumps(settings, ensure_ascii=False)))
        return sid

    def add_group(self, session_id: str, name: str, members: int) -> str:
        gid = uuid.uuid4().hex
        with self.transaction() as db:
            db.execute("INSERT INTO groups VALUES (?, ?, ?, ?, ?)",
                       (gid, session_id, self._put(clean(name)), int(members), now()))
            board.refresh(db, [gid])
        return gid

    def sessions(self) -> list[SessionInfo]:
        rows = self.db.execute("SELECT id, created, label, settings FROM sessions ORDER BY created, rowid")
        return [SessionInfo(r[0], r[1], self._get(r[2], r[0]), settings_of(r[3])) for r in rows]

    def session(self, session_id: str) -> SessionInfo | None:
        return next((s for s in self.sessions() if s.id == session_id), None)

    def groups(self, session_ids: list[str] | None = None) -> list[GroupInfo]:
        rows = self.db.execute("SELECT id, session_id, name, members, created FROM groups "
                               "ORDER BY created, rowid").fetchall()
        return [GroupInfo(r[0], r[1], self._get(r[2], r[0]), r[3], r[4]) for r in rows
                if session_ids is None or r[1] in session_ids]

    def group(self, group_id: str) -> GroupInfo | None:
        row = self.db.execute("SELECT id, session_id, name, members, created FROM groups "
                              "WHERE id = ?", (group_id,)).fetchone()
        return GroupInfo(row[0], row[1], self._get(row[2], row[0]), row[3], row[4]) if row else None

    # (names sealed at rest: sealednames.py)

    # -- playthroughs ----------------------------------------------------------------------

    def start_playthrough(self, group_id: str, scenario: Scenario, round: int = 0, *,
                          difficulty: str = "spot", feedback: str = "coach") -> RecordingPlaythrough:
        """A new playthrough that records every action in this store."""
        pt = RecordingPlaythrough(scenario, difficulty=difficulty, feedback=feedback)  # type: ignore[arg-type]
        pid = uuid.uuid4().hex
        at = now()
        start = details("start", {"scenario": scenario.id}, None, pt.state)
        with self.transaction() as db:
            db.execute("INSERT INTO playthroughs VALUES (?, ?, ?, ?, ?, NULL, ?, ?)",
                       (pid, group_id, scenario.id, int(round), at, scenario.fingerprint,
                        result_line(debrief(scenario, pt.state))))
            db.execute("INSERT INTO actions VALUES (?, 0, ?, 'start', ?)", (pid, at, compact(start)))
            board.refresh(db, [group_id])
        pt.attach(self, pid, 0, pt.state)
        return pt

    def resume(self, playthrough_id: str, scenario: Scenario) -> RecordingPlaythrough:
        """Pick an interrupted playthrough up exactly where its last action left it. Raises
        PlayError when it was recorded on another version of the story (`resumable` tells)."""
        info = self.playthrough(playthrough_id)
        if info is None:
            raise StoreError(f"no playthrough {playthrough_id}")
        stored = info.state
        if stored is None:
            raise PlayError("this playthrough's saved state can't be read")
        recorded = PlayState.from_json(stored.to_json())  # before an older save is given the fingerprint
        pt = RecordingPlaythrough(scenario, stored)
        pt.attach(self, playthrough_id, info.seq, recorded)
        return pt

    def record(self, playthrough_id: str, seq: int, kind: str, data: dict[str, Any],
               result: str) -> None:
        """Append one action, and the playthrough's result line after it, in one committed
        transaction."""
        at = now()
        with self.transaction() as db:
            db.execute("INSERT INTO actions VALUES (?, ?, ?, ?, ?)",
                       (playthrough_id, seq, at, kind, compact(data)))
            db.execute("UPDATE playthroughs SET result = ?, ended = CASE WHEN ? THEN ? ELSE ended END "
                       "WHERE id = ?", (result, kind == "ending", at, playthrough_id))
            board.refresh_play(db, playthrough_id)

    _PT_SQL = ("SELECT p.id, p.group_id, p.scenario_id, p.round, p.started, p.ended, "
               "(SELECT MAX(seq) FROM actions WHERE playthrough_id = p.id), p.fingerprint, p.result "
               "FROM playthroughs p ")

    def _playthroughs(self, where: str = "", params: tuple[str, ...] = ()) -> list[PlaythroughInfo]:
        rows = self.db.execute(self._PT_SQL + where + " ORDER BY p.started, p.round, p.id", params)
        return [PlaythroughInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], store=self)
                for r in rows if r[6] is not None]

    def ending_summary(self, playthrough_id: str) -> dict[str, Any] | None:
        """The summary recorded with a playthrough's ending (None: unfinished, or none kept)."""
        row = self.db.execute("SELECT data FROM actions WHERE playthrough_id = ? AND kind = 'ending'",
                              (playthrough_id,)).fetchone()
        try:
            found = json.loads(row[0]).get("summary") if row else None
        except (ValueError, AttributeError, RecursionError):
            return None
        return found if isinstance(found, dict) else None

    def replayed(self, playthrough_id: str) -> PlayState | None:
        """A playthrough's state after its last action, replayed from its actions (None: it
        can't be read)."""
        try:
            return replay((kind, json.loads(data)) for kind, data in self.db.execute(
                "SELECT kind, data FROM actions WHERE playthrough_id = ? ORDER BY seq", (playthrough_id,)))
        except (PlayError, ValueError, RecursionError):
            return None

    def endings(self, playthrough_ids: set[str] | None = None) -> dict[str, dict[str, Any]]:
        """The ending action's data (with its recorded summary) of each finished playthrough."""
        out = {}
        for pid, data in self.db.execute("SELECT playthrough_id, data FROM actions WHERE kind = 'ending'"):
            if playthrough_ids is None or pid in playthrough_ids:
                try:
                    loaded = json.loads(data)
                except ValueError:
                    continue
                if isinstance(loaded, dict):
                    out[pid] = loaded
        return out

    def playthrough(self, playthrough_id: str) -> PlaythroughInfo | None:
        found = self._playthroughs("WHERE p.id = ?", (playthrough_id,))
        return found[0] if found else None

    def playthroughs(self, group_id: str | None = None) -> list[PlaythroughInfo]:
        if group_id is None:
            return self._playthroughs()
        return self._playthroughs("WHERE p.group_id = ?", (group_id,))

    def unfinished(self, group_id: str | None = None) -> list[PlaythroughInfo]:
        """Playthroughs that were interrupted (closed lid, crash): offer to resume them."""
        return [p for p in self.playthroughs(group_id) if not p.finished]

    def actions(self, playthrough_id: str) -> list[tuple[int, str, dict[str, Any], str | None]]:
        """(seq, kind, data, state JSON after it) of every action, in order; the states are
        replayed (None from an action on whose state can't be read)."""
        out: list[tuple[int, str, dict[str, Any], str | None]] = []
        state: PlayState | None = None
        for seq, kind, text in self.db.execute("SELECT seq, kind, data FROM actions WHERE "
                                               "playthrough_id = ? ORDER BY seq", (playthrough_id,)):
            try:
                data = json.loads(text)
                state = apply(state, kind, data) if isinstance(data, dict) else None
            except (PlayError, ValueError, RecursionError):
                data, state = {}, None
            out.append((seq, kind, data, None if state is None else state.to_json()))
        return out

    # -- whole-store operations ------------------------------------------------------------

    def dump(self, session_ids: list[str] | None = None, group_ids: list[str] | None = None
             ) -> dict[str, list[dict[str, Any]]]:
        """Every exported row (of some sessions or groups), as plain data (transfer.py)."""
        return transfer.dump(self, session_ids, group_ids)

    def merge(self, dump: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
        """Add rows from an export; rows already here (same ids) are kept, so importing the same
        file twice changes nothing. Returns how many new rows each table got (transfer.py)."""
        return transfer.merge(self, dump)

    def delete_session(self, session_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def purge(self) -> None:
        """Delete every result, then VACUUM and truncate the WAL so nothing lingers on disk."""
        with self.transaction() as db:
            for table in reversed(TABLES):
                db.execute(f"DELETE FROM {table}")
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def integrity(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


__all__ = ["RecordingPlaythrough", "ResultsStore", "StoreError"]  # (recording.py, recovery.py)
