"""The store's side of moving results between computers: its rows out as plain data (`dump`), and
rows from a checked file in (`merge`), fast enough for a school board's thousand class files.

Rows keep their random ids, so rows already here are kept and importing a file twice adds
nothing. A playthrough exported unfinished and later again, finished, gets its new actions, its
ending time and its result line. The derived board lines (board.py) of the file's groups are
made again when anything came in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from . import board
from .schema import EXPORTED, TABLES

if TYPE_CHECKING:
    from .store import ResultsStore


def _ids(values: Iterable[str]) -> tuple[str]:
    return (json.dumps(sorted(values)),)


def dump(store: ResultsStore, session_ids: list[str] | None = None,
         group_ids: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every exported row of some sessions or groups (default: everything)."""
    db = store.db
    where, params = [], []
    if session_ids is not None:
        where.append("session_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(session_ids))
    if group_ids is not None:
        where.append("id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(group_ids))
    sql = "SELECT id, session_id FROM groups" + (" WHERE " + " AND ".join(where) if where else "")
    found = db.execute(sql, params).fetchall()
    gids = {g for g, _s in found}
    sids = {s for _g, s in found} | (set(session_ids or ()) if group_ids is None else set())
    out: dict[str, list[dict[str, Any]]] = {}
    for table, key, ids in (("sessions", "id", sids), ("groups", "id", gids),
                            ("answers", "group_id", gids), ("spots", "group_id", gids),
                            ("playthroughs", "group_id", gids)):
        cols = EXPORTED[table]
        rows = db.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE {key} IN "  # noqa: S608
                          f"(SELECT value FROM json_each(?)) ORDER BY rowid", _ids(ids))
        out[table] = [store.opened(table, dict(zip(cols, r, strict=True))) for r in rows]
    cols = EXPORTED["actions"]
    rows = db.execute(f"SELECT {', '.join(cols)} FROM actions WHERE playthrough_id IN "
                      "(SELECT value FROM json_each(?)) ORDER BY playthrough_id, seq",
                      _ids(p["id"] for p in out["playthroughs"]))
    out["actions"] = [dict(zip(cols, r, strict=True)) for r in rows]
    return {t: out[t] for t in TABLES}


def merge(store: ResultsStore, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Add the rows of a checked file (every row has its table's exported columns) in one
    transaction. Returns how many new rows each table got."""
    added: dict[str, int] = {}
    plays = tables.get("playthroughs") or []
    last: dict[str, int] = {}  # playthrough -> its last action in the file
    for a in tables.get("actions") or ():
        if a["seq"] > last.get(a["playthrough_id"], -1):
            last[a["playthrough_id"]] = a["seq"]
    with store.transaction() as db:
        stored = dict(db.execute("SELECT playthrough_id, MAX(seq) FROM actions WHERE playthrough_id IN "
                                 "(SELECT value FROM json_each(?)) GROUP BY playthrough_id",
                                 _ids(p["id"] for p in plays)))
        for table in TABLES:
            rows = tables.get(table) or []
            cols = EXPORTED[table]
            if table == "groups" and store.key is not None:
                rows = [r | {"name": store.seal(r["name"])} for r in rows]
            elif table == "sessions" and store.key is not None:
                rows = [r | {"label": store.seal(r["label"])} if r["label"] else r for r in rows]
            before = db.total_changes
            db.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) "  # noqa: S608
                           f"VALUES ({', '.join('?' for _ in cols)})", map(itemgetter(*cols), rows))
            added[table] = db.total_changes - before
        grown = [(p["ended"], p["result"], p["id"]) for p in plays
                 if p["id"] in stored and last.get(p["id"], -1) > stored[p["id"]]]
        db.executemany("UPDATE playthroughs SET ended = coalesce(ended, ?), result = ? WHERE id = ?", grown)
        db.executemany("UPDATE playthroughs SET ended = ? WHERE id = ? AND ended IS NULL",
                       [(p["ended"], p["id"]) for p in plays if p["ended"]])
        if any(added.values()) or grown:
            board.refresh(db, [g["id"] for g in tables["groups"]])
    return added
