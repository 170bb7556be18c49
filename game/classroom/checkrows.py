"""The results store's rows for the before/after checks: knowledge answers and spot-check
judgements. A part of ResultsStore (which gives it `db` and `transaction`), kept apart because
the class debrief reads them for many groups at once (`answers_by_group`, `spots_by_group`: one
query each, where one per group would take seconds over a school board's thousands of groups)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from . import board
from .records import Answer, Spot, now
from .schema import PHASES

_ANSWER = "phase, check_id, question_id, answer, correct, form, ms"
_SPOT = "phase, form, chat_id, message, flagged, ms"


def _in_sessions(session_ids: list[str] | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause keeping the rows of these sessions' groups (all rows for None)."""
    if session_ids is None:
        return "", ()
    marks = ", ".join("?" * len(session_ids))
    return f"WHERE group_id IN (SELECT id FROM groups WHERE session_id IN ({marks}))", tuple(session_ids)


class CheckRows:
    """Knowledge answers and spot-check judgements, per group or for many groups at once."""

    db: sqlite3.Connection

    if TYPE_CHECKING:
        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def answer(self, group_id: str, phase: str, check_id: str, question_id: str, answer: int,
               correct: bool, form: str = "", ms: int | None = None) -> None:
        """Store one knowledge-check answer: the option's written index, the form it was asked
        in and the milliseconds it took (a changed answer replaces the earlier one)."""
        if phase not in PHASES:
            raise ValueError(f"phase must be one of {PHASES}")
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO answers (group_id, phase, check_id, question_id, answer, "
                       "correct, at, form, ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (group_id, phase, check_id, question_id, int(answer), int(bool(correct)), now(),
                        form, None if ms is None else max(0, int(ms))))
            board.refresh(db, [group_id])

    def answers(self, group_id: str) -> list[Answer]:
        rows = self.db.execute(f"SELECT {_ANSWER} FROM answers WHERE group_id = ? "
                               "ORDER BY phase DESC, at, question_id", (group_id,))
        return [Answer(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6]) for r in rows]

    def spot(self, group_id: str, judged: Iterable[Spot]) -> None:
        """Store a group's judgements of one spot-check chat (every message it judged, flagged
        or not) in one transaction: a chat is all stored or not at all."""
        rows = [(group_id, s.phase, s.form, s.chat_id, int(s.message), int(bool(s.flagged)),
                 None if s.ms is None else max(0, int(s.ms)), now()) for s in judged]
        if any(r[1] not in PHASES for r in rows):
            raise ValueError(f"phase must be one of {PHASES}")
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO spots (group_id, phase, form, chat_id, message, flagged, "
                           "ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            board.refresh(db, [group_id])  # its line carries its checks (board.py)

    def spots(self, group_id: str) -> list[Spot]:
        """A group's spot-check judgements, phase by phase (pre, post, later), chat by chat."""
        rows = self.db.execute(f"SELECT {_SPOT} FROM spots WHERE group_id = ? ORDER BY phase DESC, rowid",
                               (group_id,))
        return [Spot(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows]

    def answers_by_group(self, session_ids: list[str] | None = None) -> dict[str, list[Answer]]:
        """Every group's answers (of some sessions), in one query: group id -> answers."""
        where, params = _in_sessions(session_ids)
        out: dict[str, list[Answer]] = defaultdict(list)
        for r in self.db.execute(f"SELECT group_id, {_ANSWER} FROM answers {where} "
                                 "ORDER BY phase DESC, at, question_id", params):
            out[r[0]].append(Answer(r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7]))
        return dict(out)

    def spots_by_group(self, session_ids: list[str] | None = None) -> dict[str, list[Spot]]:
        """Every group's spot-check judgements (of some sessions), in one query: group id -> spots."""
        where, params = _in_sessions(session_ids)
        out: dict[str, list[Spot]] = defaultdict(list)
        for r in self.db.execute(f"SELECT group_id, {_SPOT} FROM spots {where} ORDER BY phase DESC, rowid",
                                 params):
            out[r[0]].append(Spot(r[1], r[2], r[3], r[4], bool(r[5]), r[6]))
        return dict(out)
