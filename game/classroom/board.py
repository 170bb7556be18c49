"""The board: one derived line per group, so that the class debrief of a school board (30,000
groups) reads one short row per group instead of every playthrough and answer.

A group's line is made again whenever something of it is written (an action, an answer, an
import; schema upgrades and recoveries make them all), in the same transaction, from what the
store holds. Tab-separated fields:

    group id; pre tally; post tally;
    sums: 'version:points,max points,caught,missed,false alarms,named right' over its picked
        playthroughs (one per story, as `pick_plays` picks, in the order of their rounds);
    stories: 'story id:fingerprint' of each picked playthrough, space-separated;
    rows: 'story id|score|outcome|missed' of each, ';'-separated (from its result line);
    rests: 'story id|seen|named|replies' of each, ';'-separated;
    checks: each phase's spot check and knowledge questions, scored (checkline.py);
    the group's name as stored (sealed once teacher mode holds the key), last: it may hold tabs.

A tally is 'answered:right:check id' (the check of the first answer, as `check_percent` counts
it), empty when the group has not answered that phase. When a picked playthrough has no result
line of this version, sums, rows and rests are empty: the class debrief then counts the group
the long way. Parts are grouped so that the class debrief looks each distinct one up once
(tally.py): groups differ in few of them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from . import checkline
from .recording import RESULT_VERSION

FIELDS = 9  # the name last
_SUM_AT = (7, 8, 0, 1, 2, 3)  # where the sums are in a result line's score

_TALLY = ("coalesce((SELECT count(*) || ':' || sum(a.correct) || ':' || (SELECT b.check_id FROM "
          "answers b WHERE b.group_id = g.id AND b.phase = '{p}' ORDER BY b.at, b.question_id LIMIT 1) "
          "FROM answers a WHERE a.group_id = g.id AND a.phase = '{p}'), '')")
_GROUPS = (f"SELECT g.created, g.rowid, g.id, g.session_id, g.name, {_TALLY.format(p='pre')}, "
           f"{_TALLY.format(p='post')} FROM groups g ")
_CHECKS = ("SELECT group_id, 'S:' || phase || ':' || max(form) || ':' || chat_id || ':' || "
           "coalesce(group_concat(CASE WHEN flagged THEN message END), '') FROM spots {where} "
           "GROUP BY group_id, phase, chat_id UNION ALL "
           "SELECT group_id, 'K:' || phase || ':' || max(form) || ':' || count(*) || ':' || sum(correct) "
           "FROM answers {where} GROUP BY group_id, phase")
_PLAYS = ("SELECT group_id, scenario_id, fingerprint, ended IS NOT NULL, round, id, coalesce(result, ''), "
          "started FROM playthroughs ")


def picked(plays: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """(scenario id, fingerprint, finished, round, id, result, started) of a group's
    playthroughs, one per story as `pick_plays` picks: the last finished (by started, round,
    id), else the last; in the order of their rounds."""
    chosen: dict[str, tuple[Any, ...]] = {}
    for p in plays:
        old = chosen.get(p[0])
        if old is None or (p[2], p[6], p[3], p[4]) > (old[2], old[6], old[3], old[4]):
            chosen[p[0]] = p
    return sorted(chosen.values(), key=lambda p: (p[3], p[0]))


def line(group_id: str, name: str, pre: str, post: str, plays: list[tuple[Any, ...]], checks: str = "") -> str:
    """A group's board line from its tallies, its playthroughs (see `picked`) and its checks."""
    chosen = picked(plays)
    sums = rows = rests = ""
    parts = [p[5].split("|") for p in chosen]
    if all(len(x) == 7 and x[0] == RESULT_VERSION for x in parts):
        try:
            scores = [[int(v) for v in x[1].split(",")] for x in parts]
            if all(len(sc) in (9, 10) for sc in scores):  # 9: written before "what you did" (tally.py)
                sums = RESULT_VERSION + ":" + ",".join(str(sum(sc[at] for sc in scores)) for at in _SUM_AT)
                pairs = list(zip(chosen, parts, strict=True))
                rows = ";".join("|".join((p[0], x[1], x[2], x[3])) for p, x in pairs)
                rests = ";".join("|".join((p[0], x[4], x[5], x[6])) for p, x in pairs)
        except ValueError:
            pass
    return "\t".join((group_id, pre, post, sums, " ".join(f"{p[0]}:{p[1]}" for p in chosen), rows, rests,
                      checks, name))


def _lines(db: sqlite3.Connection, group_ids: Iterable[str] | None) -> list[tuple[Any, ...]]:
    """(created, rowid, group id, session id, board line) of these groups (default: all)."""
    params: tuple[str, ...]
    if group_ids is None:
        where, params = "", ()
    else:
        where, params = "WHERE {} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(group_ids))),)
    plays: dict[str, list[tuple[Any, ...]]] = {}
    for gid, *rest in db.execute(_PLAYS + where.format("group_id"), params):
        plays.setdefault(gid, []).append(tuple(rest))
    parts: dict[str, list[str]] = {}
    for gid, part in db.execute(_CHECKS.format(where=where.format("group_id")), params * 2):
        parts.setdefault(gid, []).append(part)
    return [(created, seq, gid, sid, line(gid, name, pre, post, plays.get(gid, []),
                                          checkline.field(parts.get(gid, ()))))
            for created, seq, gid, sid, name, pre, post in db.execute(_GROUPS + where.format("g.id"), params)]


def refresh(db: sqlite3.Connection, group_ids: Iterable[str] | None = None) -> None:
    """Make the board lines of these groups (default: every group) from what the store holds."""
    db.executemany("INSERT OR REPLACE INTO board VALUES (?, ?, ?, ?, ?)", _lines(db, group_ids))


def refresh_play(db: sqlite3.Connection, playthrough_id: str) -> None:
    """Make the board line of the group of this playthrough again."""
    refresh(db, [r[0] for r in db.execute("SELECT group_id FROM playthroughs WHERE id = ?", (playthrough_id,))])


def read(db: sqlite3.Connection, session_ids: list[str] | None = None) -> list[list[str]]:
    """The board line of every group (or of some sessions'), in the order `store.groups` gives,
    split into its fields (read once by the class debrief: its stories' numbers and its checks'
    come from them; a line another version wrote may have fewer). A group without one (a row
    written by other means than a store) gets one made here; reading writes nothing."""
    if session_ids is None:
        found = db.execute("SELECT line FROM board ORDER BY created, seq").fetchall()
    else:
        found = db.execute("SELECT line FROM board WHERE session_id IN (SELECT value FROM json_each(?)) "
                           "ORDER BY created, seq", (json.dumps(session_ids),)).fetchall()
    if db.execute("SELECT (SELECT count(*) FROM groups) != (SELECT count(*) FROM board)").fetchone()[0]:
        missing = [r[0] for r in db.execute("SELECT id FROM groups WHERE id NOT IN (SELECT group_id FROM board)")]
        rows = [r for r in _lines(db, missing) if session_ids is None or r[3] in session_ids]
        if session_ids is None:
            rows += db.execute("SELECT created, seq, group_id, session_id, line FROM board").fetchall()
        else:
            rows += db.execute("SELECT created, seq, group_id, session_id, line FROM board WHERE session_id IN "
                               "(SELECT value FROM json_each(?))", (json.dumps(session_ids),)).fetchall()
        found = [(r[4],) for r in sorted(rows, key=lambda r: (r[0], r[1]))]
    most = FIELDS - 1  # (the name, last, may hold tabs)
    return [text.split("\t", most) for (text,) in found]
