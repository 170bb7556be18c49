"""Results as versions 1 and 2 of the results database and file kept them (the whole state after
every action), made from a class played now, with the states the engine really had: for the
upgrade and old-file tests. The class debrief those versions showed is `build` over those
states, which is what the tests compare with."""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import replace
from pathlib import Path

from game.classroom.classdebrief import ClassDebrief, GroupResult, PlayRecord, build
from game.classroom.exchange import KIND, checksum
from game.classroom.session import ClassSession, GroupRun
from game.classroom.store import ResultsStore
from game.engine.runtime import ChoicesEvent, MessageEvent, PlayState

V2_SCHEMA = """
CREATE TABLE sessions (id TEXT PRIMARY KEY, created TEXT NOT NULL, label TEXT NOT NULL DEFAULT '',
    settings TEXT NOT NULL);
CREATE TABLE groups (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    name TEXT NOT NULL, members INTEGER NOT NULL, created TEXT NOT NULL);
CREATE TABLE playthroughs (id TEXT PRIMARY KEY, group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    scenario_id TEXT NOT NULL, round INTEGER NOT NULL, started TEXT NOT NULL, ended TEXT{fingerprint});
CREATE TABLE actions (playthrough_id TEXT NOT NULL REFERENCES playthroughs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL, state TEXT NOT NULL,
    PRIMARY KEY (playthrough_id, seq)) WITHOUT ROWID;
CREATE TABLE answers (group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    phase TEXT NOT NULL CHECK (phase IN ('pre', 'post')), check_id TEXT NOT NULL, question_id TEXT NOT NULL,
    answer INTEGER NOT NULL, correct INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (group_id, phase, question_id));
CREATE INDEX groups_by_session ON groups(session_id);
CREATE INDEX playthroughs_by_group ON playthroughs(group_id);
PRAGMA user_version={version};
"""
NEW_KEYS = {"start": ("beat", "vars", "difficulty", "feedback", "fingerprint"), "message": ("msg",),
            "choices": ("pos",), "ending": ("pos",), "choice": ("option", "set")}


class Live:
    """The engine's own state after every recorded action of every playthrough watched."""

    def __init__(self) -> None:
        self.states: dict[str, dict[int, str]] = {}

    def watch(self, pt) -> None:
        mine = self.states.setdefault(pt.playthrough_id, {})
        mine[pt.seq] = pt.state.to_json()
        pt.listener = lambda seq, kind, data: mine.__setitem__(seq, pt.state.to_json())

    def final(self, playthrough_id: str) -> str:
        mine = self.states[playthrough_id]
        return mine[max(mine)]


def play(run: GroupRun, live: Live, seed: int, stop_after: int | None = None, flag_rate: float = 0.6) -> None:
    """A group's whole session (or up to `stop_after` actions of a story: interrupted), flagging,
    naming, taking flags back and choosing at random."""
    rng = random.Random(seed)
    while (step := run.next_step()).kind != "done":
        if step.kind.endswith("_spot"):
            judge = random.Random(f"{seed}|{step.kind}")  # its own: the stories play as they did
            for chat in step.chats:
                run.spot(step.phase, chat.id, {i: 1000 for i in chat.signals() if judge.random() < 0.6})
            continue
        if step.kind.endswith("_check"):
            for qid in step.unanswered:
                q = step.check.question(qid)
                run.answer(step.phase, qid, q.correct_index if rng.random() < 0.6 else
                           (q.correct_index + 1) % len(q.options))
            continue
        pt = run.play(step)
        live.watch(pt)
        while not pt.ended:
            if stop_after is not None and pt.seq >= stop_after:
                return
            event = pt.next()
            if isinstance(event, MessageEvent) and pt.flaggable(event.index) and rng.random() < flag_rate:
                flag = event.message.flag
                pt.flag(event.index, flag.category if flag and rng.random() < 0.5 else None)
                if rng.random() < 0.15:
                    pt.flag(event.index, "flattery")  # renamed
                if rng.random() < 0.1:
                    pt.unflag(event.index)
            elif isinstance(event, ChoicesEvent):
                pt.choose(rng.choice(event.options)[0])


def play_class(session: ClassSession, live: Live) -> None:
    """Four groups: three play everything, one stops in the middle of its first story."""
    session.skill = False  # versions 1 to 3 asked one form and had no spot check
    for n, name in enumerate(("Blue Foxes", "Ravens", "Night Owls")):
        play(session.add_group(name, 3), live, seed=n, flag_rate=0.3 + 0.3 * n)
    play(session.add_group("Owls", 2), live, seed=9, stop_after=12)


def _old_state(text: str, version: int) -> str:
    if version >= 2:
        return text
    data = json.loads(text)
    data.pop("version", None)
    data.pop("fingerprint", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def rows(store: ResultsStore, live: Live, version: int) -> dict[str, list[dict]]:
    """The store's rows as a database or file of `version` (1 or 2) held them."""
    out = store.dump()
    del out["spots"]  # neither had the spot check, nor an answer's form and time
    for a in out["answers"]:
        del a["form"], a["ms"]
    for p in out["playthroughs"]:
        del p["result"]
        if version < 2:
            del p["fingerprint"]
    for a in out["actions"]:
        data = json.loads(a["data"])
        old = {k: v for k, v in data.items() if k not in NEW_KEYS.get(a["kind"], ()) and k != "state"}
        a["data"] = json.dumps(old, ensure_ascii=False)
        a["state"] = _old_state(live.states[a["playthrough_id"]][a["seq"]], version)
    return out


def database(store: ResultsStore, live: Live, path: Path, version: int) -> Path:
    """A results database as version 1 or 2 wrote it."""
    db = sqlite3.connect(path)
    db.executescript(V2_SCHEMA.format(version=version, fingerprint=(
        ", fingerprint TEXT NOT NULL DEFAULT ''" if version >= 2 else "")))
    for table, items in rows(store, live, version).items():
        for item in items:
            db.execute(f"INSERT INTO {table} ({', '.join(item)}) VALUES ({', '.join('?' for _ in item)})",
                       tuple(item.values()))
    db.commit()
    db.close()
    return path


def file(store: ResultsStore, live: Live, version: int) -> str:
    """A results file as version 1 or 2 exported it."""
    data = rows(store, live, version)
    doc = {"kind": KIND, "version": version, "schema": version, "exported": "2026-05-04T10:00:00+00:00",
           "data": data, "checksum": checksum(data)}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)


def debrief_then(store: ResultsStore, live: Live, scenarios, check) -> ClassDebrief:
    """The class debrief as versions 1 and 2 computed it: `build` over the states they stored."""
    endings = store.endings()
    return build([GroupResult(g.id, g.session_id, g.name,
                              tuple(PlayRecord(p.scenario_id, p.round, PlayState.from_json(live.final(p.id)),
                                               p.finished, endings.get(p.id, {}).get("summary"))
                                    for p in store.playthroughs(g.id)),
                              tuple(replace(a, form="", ms=None) for a in store.answers(g.id)))
                  for g in store.groups()], scenarios, check)
