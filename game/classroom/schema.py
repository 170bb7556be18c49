"""The results database's tables, and how each older version is brought up to date.

Every upgrade step runs in its own transaction, so a crash or a power cut mid-upgrade leaves the
file at the old version or the new one, never in between; a file from a newer version is refused
(StoreError "newer") and left alone.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

from .recovery import StoreError

PHASES = ("pre", "post")
SCHEMA_VERSION = 2  # 2: playthroughs carry the story's fingerprint

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


def migrate(db: sqlite3.Connection, transaction: Callable[[], AbstractContextManager]) -> None:
    """Create the tables in a new file, or upgrade an older one step by step."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"the results database was made by a newer version of Red Flags "
                         f"(schema {version}; this version reads {SCHEMA_VERSION})", "newer")
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
