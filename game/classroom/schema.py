"""The results database's tables, and how each older version is brought up to date.

Every upgrade step runs in its own transaction, so a crash or a power cut mid-upgrade leaves the
file at the old version or the new one, never in between; a file from a newer version is refused
(StoreError "newer") and left alone.

Version 3 stores actions, not states: a playthrough's state is replayed from its actions
(history.py), which keeps a group's results to a few kilobytes however long it played. Two
columns are derived, so that the class debrief of a whole school board reads one short row per
group and per playthrough: `playthroughs.result` (what the class debrief counts, as the
recording computed it: recording.result_line) and the table `board`, one line per group with
its knowledge-check answers counted and its playthroughs' result lines, kept current with every
write (board.py). An export carries the result lines but not the board, which an import, a
recovery or an upgrade makes again.

Version 4 adds the skill check: the table `spots` (one row per message a group judged in an
unseen chat, flagged or not) and, on `answers`, the phase 'later', the parallel form and the
time taken. SQLite can't change a CHECK constraint, so the upgrade rebuilds `answers` in its
transaction, keeping every row (their form is '' and their time NULL: not recorded then).

Version 5 changes no table: the board lines carry each phase's checks scored (checkline.py)
instead of every judgement, so the upgrade makes them again.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from itertools import groupby
from typing import Any

from game.i18n import _

from . import board, history
from .recovery import StoreError

PHASES = ("pre", "post", "later")
SCHEMA_VERSION = 5  # 5: board lines with scored checks; 4: spots, answers' form and time; 3: actions
# without states; 2: fingerprints

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
    fingerprint TEXT NOT NULL DEFAULT '', -- the story version played ('' = recorded before 2)
    result      TEXT                    -- derived: recording.result_line (NULL: replay to know)
);
CREATE TABLE actions (
    playthrough_id TEXT NOT NULL REFERENCES playthroughs(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,    -- 0 = start, then 1, 2, ...
    at             TEXT NOT NULL,
    kind           TEXT NOT NULL,       -- start, message, choices, flag, unflag, choice, ending
    data           TEXT NOT NULL,       -- JSON details of the action, with what replay needs
    PRIMARY KEY (playthrough_id, seq)
) WITHOUT ROWID;
CREATE TABLE answers (
    group_id    TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    phase       TEXT NOT NULL CHECK (phase IN ('pre', 'post', 'later')),
    check_id    TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer      INTEGER NOT NULL,         -- the option's written index, never the shown place
    correct     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    form        TEXT NOT NULL DEFAULT '', -- 'A' or 'B' ('' before version 4)
    ms          INTEGER,                  -- from the question shown to the answer (NULL: not timed)
    PRIMARY KEY (group_id, phase, question_id)
);
CREATE TABLE spots (                  -- the spot check: one row per message a group judged
    group_id    TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    phase       TEXT NOT NULL CHECK (phase IN ('pre', 'post', 'later')),
    form        TEXT NOT NULL,
    chat_id     TEXT NOT NULL,
    message     INTEGER NOT NULL,         -- the message's index in the chat, from 0
    flagged     INTEGER NOT NULL,
    ms          INTEGER,                  -- from the chat shown to the flag (NULL: not flagged)
    at          TEXT NOT NULL,
    PRIMARY KEY (group_id, phase, chat_id, message)
);
CREATE TABLE board (                  -- derived: one line per group for the class debrief
    created    TEXT NOT NULL,           -- the group's, with its rowid: the order groups list in
    seq        INTEGER NOT NULL,
    group_id   TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    line       TEXT NOT NULL,           -- see board.py (with the name as stored)
    PRIMARY KEY (created, seq)
) WITHOUT ROWID;
CREATE INDEX board_by_group ON board(group_id);
CREATE INDEX groups_by_session ON groups(session_id);
CREATE INDEX playthroughs_by_group ON playthroughs(group_id);
"""
TABLES = ("sessions", "groups", "playthroughs", "actions", "answers", "spots")
# what an export carries (derived columns other than the result are recomputed on import)
EXPORTED = {
    "sessions": ("id", "created", "label", "settings"),
    "groups": ("id", "session_id", "name", "members", "created"),
    "playthroughs": ("id", "group_id", "scenario_id", "round", "started", "ended", "fingerprint",
                     "result"),
    "actions": ("playthrough_id", "seq", "at", "kind", "data"),
    "answers": ("group_id", "phase", "check_id", "question_id", "answer", "correct", "at", "form", "ms"),
    "spots": ("group_id", "phase", "form", "chat_id", "message", "flagged", "ms", "at"),
}

def migrate(db: sqlite3.Connection, transaction: Callable[[], AbstractContextManager[Any]]) -> None:
    """Create the tables in a new file, or upgrade an older one step by step."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(_("the results database was made by a newer version of Red Flags (schema {version}; "
                           "this version reads {supported})").format(version=version, supported=SCHEMA_VERSION),
                         "newer")
    if version == 0:
        with transaction():
            for statement in re.sub(r"--[^\n]*", "", _SCHEMA).split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return
    if version == 1:
        with transaction():
            db.execute("ALTER TABLE playthroughs ADD COLUMN fingerprint TEXT NOT NULL DEFAULT ''")
            db.execute("PRAGMA user_version=2")
        version = 2
    if version == 2:
        with transaction():
            _lean_actions(db)
            db.execute("ALTER TABLE playthroughs ADD COLUMN result TEXT")
            for statement in _BOARD.split(";"):
                db.execute(statement)  # its lines are made by the step to 4, which always follows
            db.execute("PRAGMA user_version=3")
        version = 3
    if version == 3:
        with transaction():
            _skill_check(db)
            db.execute("PRAGMA user_version=4")  # its lines are made by the step to 5, which follows
        version = 4
    if version == 4:
        with transaction():
            board.refresh(db)  # the lines carry the checks scored (checkline.py)
            db.execute("PRAGMA user_version=5")


def _table(name: str) -> str:
    """The CREATE TABLE statement of `name` in _SCHEMA, without its comments."""
    body = re.sub(r"--[^\n]*", "", _SCHEMA).split(f"CREATE TABLE {name} ")[1].split(";")[0]
    return f"CREATE TABLE {name} {body.strip()}"


def _skill_check(db: sqlite3.Connection) -> None:
    """Version 3 to 4: `answers` rebuilt with the phase 'later', a form and a time (every row
    kept), and the table `spots`."""
    db.execute(_table("answers").replace("CREATE TABLE answers ", "CREATE TABLE answers_v4 ", 1))
    db.execute("INSERT INTO answers_v4 (group_id, phase, check_id, question_id, answer, correct, at) "
               "SELECT group_id, phase, check_id, question_id, answer, correct, at FROM answers")
    db.execute("DROP TABLE answers")
    db.execute("ALTER TABLE answers_v4 RENAME TO answers")
    db.execute(_table("spots"))


_BOARD = re.sub(r"--[^\n]*", "", "CREATE TABLE board" + _SCHEMA.split("CREATE TABLE board")[1]
                .split("CREATE INDEX groups_by")[0]).strip().rstrip(";")


def _lean_actions(db: sqlite3.Connection) -> None:
    """Version 2 to 3: every action's state becomes details replay can fold (history.lean)."""
    db.execute("CREATE TABLE actions_v3 (playthrough_id TEXT NOT NULL REFERENCES playthroughs(id) "
               "ON DELETE CASCADE, seq INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, "
               "data TEXT NOT NULL, PRIMARY KEY (playthrough_id, seq)) WITHOUT ROWID")
    rows = db.execute("SELECT playthrough_id, seq, at, kind, data, state FROM actions "
                      "ORDER BY playthrough_id, seq")
    for pid, group in groupby(rows, key=lambda r: r[0]):
        actions = list(group)
        converted = history.lean((kind, history.object_of(data), state) for _p, _s, _a, kind, data, state in actions)
        db.executemany("INSERT INTO actions_v3 VALUES (?, ?, ?, ?, ?)",
                       [(pid, seq, at, kind, json.dumps(new, ensure_ascii=False, separators=(",", ":")))
                        for (_p, seq, at, kind, _d, _st), new in zip(actions, converted, strict=True)])
    db.execute("DROP TABLE actions")
    db.execute("ALTER TABLE actions_v3 RENAME TO actions")
