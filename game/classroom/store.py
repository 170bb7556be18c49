"""The results store: every action of every playthrough, in SQLite, committed as it happens.

One file, `results.sqlite3` in the user data folder. WAL journal with `synchronous=FULL`: each
action is its own transaction and is on disk before the call returns, so a crash, a closed
lid or a power cut loses nothing already done. (NORMAL would keep the database intact too but
could lose the last actions on a power cut; actions come at human pace, so FULL costs nothing
anyone notices.) Each action row carries the whole `PlayState` JSON after it, so a playthrough
resumes exactly with `ResultsStore.resume`.

Data minimisation: a group is a name the group typed (the UI warns against full names) and a
number of members. No student names, no device or machine ids; ids are random UUIDs.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from game.engine.model import Scenario
from game.engine.runtime import (
    ChoicesEvent,
    EndingEvent,
    Event,
    MessageEvent,
    PlayError,
    Playthrough,
    PlayState,
    ReplyEvent,
)
from game.engine.scoring import debrief
from game.userdata import data_dir

from .cells import clean
from .recovery import ADVICE, keep_aside, reason_of, salvage

DB_NAME = "results.sqlite3"
SCHEMA_VERSION = 2  # 2: playthroughs carry the story's fingerprint
PHASES = ("pre", "post")

_SCHEMA = """
CREATE TABLE sessions (
    id       TEXT PRIMARY KEY,
    created  TEXT NOT NULL,             -- ISO 8601, UTC
    label    TEXT NOT NULL DEFAULT '',  -- the class, e.g. '7B'
    settings TEXT NOT NULL              -- JSON snapshot of ClassSettings at the start
);
CREATE TABLE groups (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    members    INTEGER NOT NULL,        -- roles rotate between this many seats
    created    TEXT NOT NULL
);
CREATE TABLE playthroughs (
    id          TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    scenario_id TEXT NOT NULL,
    round       INTEGER NOT NULL,       -- position in the session; the roles card follows it
    started     TEXT NOT NULL,
    ended       TEXT,                   -- set with the 'ending' action
    fingerprint TEXT NOT NULL DEFAULT '' -- the story version played ('' = recorded before 2)
);
CREATE TABLE actions (
    playthrough_id TEXT NOT NULL REFERENCES playthroughs(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,    -- 0 = start, then 1, 2, ...
    at             TEXT NOT NULL,
    kind           TEXT NOT NULL,       -- start, message, choices, flag, unflag, choice, ending
    data           TEXT NOT NULL,       -- JSON details of the action
    state          TEXT NOT NULL,       -- PlayState JSON after the action
    PRIMARY KEY (playthrough_id, seq)
) WITHOUT ROWID;
CREATE TABLE answers (
    group_id    TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    phase       TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
    check_id    TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer      INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (group_id, phase, question_id)
);
CREATE INDEX groups_by_session ON groups(session_id);
CREATE INDEX playthroughs_by_group ON playthroughs(group_id);
"""
TABLES = ("sessions", "groups", "playthroughs", "actions", "answers")


class StoreError(RuntimeError):
    """The results database cannot be used. `reason` says what kind of failure it is, for the
    screens' messages: damaged, readonly, missing, full, busy, newer or other."""

    def __init__(self, message: str, reason: str = "other"):
        super().__init__(message)
        self.reason = reason

    @property
    def advice(self) -> str:
        return ADVICE.get(self.reason, ADVICE["other"])


def _failed(what: str, exc: BaseException) -> StoreError:
    reason = reason_of(exc)
    return StoreError(f"{what}: {exc}; {ADVICE[reason]}", reason)


def _state(text: str) -> PlayState | None:
    """A stored state, or None when it can't be read (the debrief then says so)."""
    try:
        return PlayState.from_json(text)
    except PlayError:
        return None


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def default_path() -> Path:
    return data_dir() / DB_NAME


@dataclass(frozen=True)
class SessionInfo:
    id: str
    created: str
    label: str
    settings: dict[str, Any]


@dataclass(frozen=True)
class GroupInfo:
    id: str
    session_id: str
    name: str
    members: int
    created: str


@dataclass(frozen=True)
class PlaythroughInfo:
    id: str
    group_id: str
    scenario_id: str
    round: int
    started: str
    ended: str | None
    seq: int  # the last action's seq
    state: PlayState | None  # after the last action (None: the stored state can't be read)

    @property
    def finished(self) -> bool:
        return self.ended is not None


@dataclass(frozen=True)
class Answer:
    phase: str
    check_id: str
    question_id: str
    answer: int
    correct: bool


class ResultsStore:
    """Opens (and creates or upgrades) the results database. One per app; not thread-shared."""

    MEMORY = ":memory:"  # a store that keeps nothing after the game closes (see Classroom)

    def __init__(self, path: str | Path | None = None, *, recover: bool = True):
        """Open (or create) the database. A damaged file is kept aside and what can be read is
        recovered into a new one (`notice` then says so); anything else that stops it raises
        StoreError with a reason."""
        self.path = Path(path) if path else default_path()
        self.notice: str | None = None  # what opening had to do, for the teacher to read once
        self.kept_aside: Path | None = None  # where a damaged file was moved
        self.recovered: dict[str, int] = {}  # rows recovered from it, per table
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
                raise StoreError(f"cannot use the data folder {folder}: {ADVICE['missing']}",
                                 "missing") from exc
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        except OSError as exc:
            raise _failed(f"cannot read {self.path}", exc) from exc
        if size == 0:  # SQLite would quietly treat it as a new, empty store
            raise StoreError(f"{self.path} is empty (0 bytes): it was damaged", "damaged")

    def _connect(self, target) -> None:
        try:
            self.db = sqlite3.connect(target, isolation_level=None, timeout=10)
        except sqlite3.Error as exc:
            raise _failed(f"cannot open the results database {self.path}", exc) from exc
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            ok = self.db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if ok != "ok":
                raise StoreError(f"{self.path} is damaged ({ok})", "damaged")
            self._migrate()
        except sqlite3.Error as exc:
            self.db.close()
            raise _failed(f"cannot open the results database {self.path}", exc) from exc
        except StoreError:
            self.db.close()
            raise

    def _recover(self) -> None:
        """Keep the damaged file aside, start a new one, copy in every row that can be read."""
        try:
            kept = keep_aside(self.path)
        except OSError as exc:
            raise _failed(f"{self.path} is damaged and can't be moved aside", exc) from exc
        self._connect(self.path)
        with self.transaction() as db:
            counts = salvage(kept, db, TABLES)
        groups = counts["groups"]
        self.kept_aside = kept
        self.notice = (f"The results file was damaged. It was kept as {kept.name}, and a new one "
                       f"was started with what could be read: {groups} group"
                       f"{'s' * (groups != 1)}, {counts['actions']} actions.")
        self.recovered = counts

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ResultsStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"the results database was made by a newer version of Red Flags "
                             f"(schema {version}; this version reads {SCHEMA_VERSION})", "newer")
        if version == 0:
            with self.transaction():
                for statement in re.sub(r"--[^\n]*", "", _SCHEMA).split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            return
        if version == 1:  # each upgrade step in its own transaction: all of it or none
            with self.transaction():
                self.db.execute("ALTER TABLE playthroughs ADD COLUMN fingerprint TEXT NOT NULL DEFAULT ''")
                self.db.execute("PRAGMA user_version=2")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction: all of it is on disk afterwards, or none of it. Any
        failure of SQLite (a full disk, a read-only folder, damage) is a StoreError."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _failed("cannot write results", exc) from exc
        try:
            yield self.db
        except sqlite3.Error as exc:
            self._rollback()
            raise _failed("cannot write results", exc) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise _failed("cannot write results", exc) from exc

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
                       (sid, now(), clean(label), json.dumps(settings, ensure_ascii=False)))
        return sid

    def add_group(self, session_id: str, name: str, members: int) -> str:
        gid = uuid.uuid4().hex
        with self.transaction() as db:
            db.execute("INSERT INTO groups VALUES (?, ?, ?, ?, ?)",
                       (gid, session_id, clean(name), int(members), now()))
        return gid

    def sessions(self) -> list[SessionInfo]:
        rows = self.db.execute("SELECT id, created, label, settings FROM sessions ORDER BY created, rowid")
        return [SessionInfo(r[0], r[1], r[2], json.loads(r[3])) for r in rows]

    def session(self, session_id: str) -> SessionInfo | None:
        return next((s for s in self.sessions() if s.id == session_id), None)

    def groups(self, session_ids: list[str] | None = None) -> list[GroupInfo]:
        rows = self.db.execute("SELECT id, session_id, name, members, created FROM groups "
                               "ORDER BY created, rowid").fetchall()
        return [GroupInfo(*r) for r in rows if session_ids is None or r[1] in session_ids]

    def group(self, group_id: str) -> GroupInfo | None:
        row = self.db.execute("SELECT id, session_id, name, members, created FROM groups "
                              "WHERE id = ?", (group_id,)).fetchone()
        return GroupInfo(*row) if row else None

    # -- playthroughs ----------------------------------------------------------------------

    def start_playthrough(self, group_id: str, scenario: Scenario, round: int = 0, *,
                          difficulty: str = "spot", feedback: str = "coach") -> RecordingPlaythrough:
        """A new playthrough that records every action in this store."""
        pt = RecordingPlaythrough(scenario, difficulty=difficulty, feedback=feedback)  # type: ignore[arg-type]
        pid = uuid.uuid4().hex
        at = now()
        with self.transaction() as db:
            db.execute("INSERT INTO playthroughs VALUES (?, ?, ?, ?, ?, NULL, ?)",
                       (pid, group_id, scenario.id, int(round), at, scenario.fingerprint))
            db.execute("INSERT INTO actions VALUES (?, 0, ?, 'start', ?, ?)",
                       (pid, at, json.dumps({"scenario": scenario.id}), pt.state.to_json()))
        pt.attach(self, pid, 0)
        return pt

    def resume(self, playthrough_id: str, scenario: Scenario) -> RecordingPlaythrough:
        """Pick an interrupted playthrough up exactly where its last action left it. Raises
        PlayError when it was recorded on another version of the story (`resumable` tells)."""
        info = self.playthrough(playthrough_id)
        if info is None:
            raise StoreError(f"no playthrough {playthrough_id}")
        if info.state is None:
            raise PlayError("this playthrough's saved state can't be read")
        pt = RecordingPlaythrough(scenario, info.state)
        pt.attach(self, playthrough_id, info.seq)
        return pt

    def record(self, playthrough_id: str, seq: int, kind: str, data: dict[str, Any],
               state_json: str) -> None:
        """Append one action in its own committed transaction."""
        at = now()
        with self.transaction() as db:
            db.execute("INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?)",
                       (playthrough_id, seq, at, kind, json.dumps(data, ensure_ascii=False),
                        state_json))
            if kind == "ending":
                db.execute("UPDATE playthroughs SET ended = ? WHERE id = ?", (at, playthrough_id))

    _PT_SQL = ("SELECT p.id, p.group_id, p.scenario_id, p.round, p.started, p.ended, a.seq, a.state "
               "FROM playthroughs p JOIN actions a ON a.playthrough_id = p.id AND a.seq = "
               "(SELECT MAX(seq) FROM actions WHERE playthrough_id = p.id) ")

    def _playthroughs(self, where: str = "", params: tuple = ()) -> list[PlaythroughInfo]:
        rows = self.db.execute(self._PT_SQL + where + " ORDER BY p.started, p.round, p.id", params)
        return [PlaythroughInfo(*r[:7], _state(r[7])) for r in rows]

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

    def actions(self, playthrough_id: str) -> list[tuple[int, str, dict[str, Any], str]]:
        """(seq, kind, data, state JSON) of every action, in order."""
        rows = self.db.execute("SELECT seq, kind, data, state FROM actions WHERE playthrough_id = ? "
                               "ORDER BY seq", (playthrough_id,))
        return [(r[0], r[1], json.loads(r[2]), r[3]) for r in rows]

    # -- knowledge check -------------------------------------------------------------------

    def answer(self, group_id: str, phase: str, check_id: str, question_id: str, answer: int,
               correct: bool) -> None:
        """Store one knowledge-check answer (a changed answer replaces the earlier one)."""
        if phase not in PHASES:
            raise ValueError(f"phase must be one of {PHASES}")
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (group_id, phase, check_id, question_id, int(answer), int(bool(correct)), now()))

    def answers(self, group_id: str) -> list[Answer]:
        rows = self.db.execute("SELECT phase, check_id, question_id, answer, correct FROM answers "
                               "WHERE group_id = ? ORDER BY phase DESC, at, question_id", (group_id,))
        return [Answer(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]

    # -- whole-store operations ------------------------------------------------------------

    def dump(self, session_ids: list[str] | None = None, group_ids: list[str] | None = None
             ) -> dict[str, list[dict[str, Any]]]:
        """Every row (of some sessions or groups), as plain data for export."""
        groups = [g for g in self.groups(session_ids) if group_ids is None or g.id in group_ids]
        gids = {g.id for g in groups}
        sids = {g.session_id for g in groups} | (set(session_ids or ()) if group_ids is None else set())
        out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        cur = self.db.cursor()
        for table, key, ids in (("sessions", "id", sids), ("groups", "id", gids),
                                ("answers", "group_id", gids), ("playthroughs", "group_id", gids)):
            for row in cur.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                item = dict(zip([d[0] for d in cur.description], row))
                if item[key] in ids:
                    out[table].append(item)
        pids = {p["id"] for p in out["playthroughs"]}
        for row in cur.execute("SELECT * FROM actions ORDER BY playthrough_id, seq"):
            item = dict(zip([d[0] for d in cur.description], row))
            if item["playthrough_id"] in pids:
                out["actions"].append(item)
        return out

    def merge(self, dump: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
        """Add rows from an export; rows already here (same ids) are kept, so importing the same
        file twice changes nothing. Returns how many new rows each table got."""
        added = {}
        with self.transaction() as db:
            for table in TABLES:
                rows = dump.get(table, [])
                before = db.total_changes
                for row in rows:
                    cols = ", ".join(row)
                    marks = ", ".join("?" for _ in row)
                    db.execute(f"INSERT OR IGNORE INTO {table} ({cols}) VALUES ({marks})",
                               tuple(row.values()))
                added[table] = db.total_changes - before
            # a playthrough exported unfinished and again finished gets its ending time
            for row in dump.get("playthroughs", []):
                if row.get("ended"):
                    db.execute("UPDATE playthroughs SET ended = ? WHERE id = ? AND ended IS NULL",
                               (row["ended"], row["id"]))
        return added

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
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


# --- recording ---------------------------------------------------------------------------------


def summary(pt: Playthrough) -> dict[str, Any]:
    """What a finished playthrough came to, in terms that need no copy of the story: the score,
    each tactic's red flags seen and caught, and each reply's safety. Stored with the ending, so
    the class debrief can still count a group that played a version of the story that has since
    changed."""
    model = debrief(pt.scenario, pt.state)
    tactics: dict[str, list[int]] = {}
    for f in model.flags:
        if f.category is not None:
            seen_caught = tactics.setdefault(f.category, [0, 0])
            seen_caught[0] += 1
            seen_caught[1] += f.status == "caught"
    sc = model.score
    return {"score": {"caught": sc.caught, "missed": sc.missed, "false_alarms": sc.false_alarms,
                      "named_right": sc.named_right, "flag_points": sc.flag_points,
                      "choice_points": sc.choice_points, "outcome_points": sc.outcome_points,
                      "points": sc.points, "max_points": sc.max_points},
            "outcome": model.ending.outcome if model.ending else None,
            "tactics": tactics,
            "replies": [[c.beat, c.choice_index, c.choice.safety] for c in model.choices]}


def _describe(pt: Playthrough, event: Event) -> tuple[str, dict[str, Any]]:
    if isinstance(event, MessageEvent):
        return "message", {"index": event.index, "beat": event.beat}
    if isinstance(event, ChoicesEvent):
        return "choices", {"beat": event.beat, "offered": [i for i, _ in event.options]}
    if isinstance(event, EndingEvent):
        return "ending", {"beat": event.beat, "outcome": event.ending.outcome, "summary": summary(pt)}
    assert isinstance(event, ReplyEvent)
    return "choice", {"index": event.index, "beat": event.beat, "choice": event.choice.goto,
                      "safety": event.choice.safety}


def _flag_data(pt: Playthrough, index: int, category: str | None) -> dict[str, Any]:
    """A flag, with what the story says the message was (so it reads without the story)."""
    verdict = pt.verdict(index)
    return {"index": index, "category": category, "red_flag": verdict.correct,
            "tactic": verdict.category}


class RecordingPlaythrough(Playthrough):
    """A `Playthrough` that stores every action as it happens. The UI calls the same methods as
    on a plain playthrough (`next`, `choose`, `flag`, `unflag`, `toggle_flag`); the game rules
    stay in the engine. If storing fails (a full disk, a drive pulled out), the story goes on
    in memory: the store is let go, `unsaved` holds the error, and `on_unsaved` is told once,
    so the screen can say that this play is no longer being recorded. Nothing is half-written:
    each action is its own transaction."""

    _store: ResultsStore | None = None
    playthrough_id: str | None = None
    seq: int = 0
    listener: Callable[[int, str, dict[str, Any]], None] | None = None  # after each commit
    unsaved: StoreError | None = None  # why recording stopped, if it did
    on_unsaved: Callable[[StoreError], None] | None = None

    def attach(self, store: ResultsStore, playthrough_id: str, seq: int) -> None:
        self._store, self.playthrough_id, self.seq = store, playthrough_id, seq

    def _act(self, action: Callable[[], Any], describe: Callable[[Any], tuple[str, dict] | None]):
        before = self.state.to_json()
        result = action()
        after = self.state.to_json()
        what = describe(result) if after != before else None
        if what is None or self._store is None or self.playthrough_id is None:
            return result
        kind, data = what
        try:
            self._store.record(self.playthrough_id, self.seq + 1, kind, data, after)
        except StoreError as exc:
            self._store, self.unsaved = None, exc
            if self.on_unsaved is not None:
                self.on_unsaved(exc)
            return result
        except BaseException:
            self.state = PlayState.from_json(before)
            raise
        self.seq += 1
        if self.listener is not None:
            self.listener(self.seq, kind, data)
        return result

    def next(self) -> Event:
        return self._act(super().next, lambda ev: _describe(self, ev))

    def choose(self, choice_index: int) -> ReplyEvent:
        return self._act(lambda: super(RecordingPlaythrough, self).choose(choice_index),
                         lambda ev: _describe(self, ev))

    def flag(self, index: int, category: str | None = None) -> None:
        self._act(lambda: super(RecordingPlaythrough, self).flag(index, category),
                  lambda _: ("flag", _flag_data(self, index, category)))

    def unflag(self, index: int) -> None:
        self._act(lambda: super(RecordingPlaythrough, self).unflag(index),
                  lambda _: ("unflag", {"index": index}))
