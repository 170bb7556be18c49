"""Moving results between machines: export a group's or a session's results to one file, import
many on the teacher's machine. Nothing is ever sent anywhere: files go where the teacher puts
them (a USB stick, the school's shared drive).

The JSON file is versioned and carries a SHA-256 checksum of its content, so a damaged or
edited file is refused with a clear message rather than half-imported. Rows keep their random
ids, so importing the same file twice (or two exports of one group) never counts anything
twice. CSV is for spreadsheets: one row per group and scenario, with the scores.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from game.engine.model import Scenario
from game.engine.runtime import PlayState

from .classdebrief import build, collect
from .knowledge import KnowledgeCheck
from .store import SCHEMA_VERSION, ResultsStore, StoreError, now

KIND = "redflags-results"
FILE_VERSION = 2  # 2: playthroughs carry the story's fingerprint; version 1 files still import
MAX_FILE_BYTES = 50 * 1024 * 1024


class ExchangeError(ValueError):
    """A file that cannot be imported; the message says why, for a teacher."""


# --- the file format, as pydantic models (what `import` accepts) -------------------------------


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class SessionRow(_Row):
    id: str
    created: str
    label: str
    settings: str


class GroupRow(_Row):
    id: str
    session_id: str
    name: str
    members: int
    created: str


class PlaythroughRow(_Row):
    id: str
    group_id: str
    scenario_id: str
    round: int
    started: str
    ended: str | None
    fingerprint: str = ""  # files of version 1 have none


class ActionRow(_Row):
    playthrough_id: str
    seq: int
    at: str
    kind: str
    data: str
    state: str


class AnswerRow(_Row):
    group_id: str
    phase: str
    check_id: str
    question_id: str
    answer: int
    correct: int
    at: str


class Tables(_Row):
    sessions: list[SessionRow]
    groups: list[GroupRow]
    playthroughs: list[PlaythroughRow]
    actions: list[ActionRow]
    answers: list[AnswerRow]


def checksum(data: Any) -> str:
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- export --------------------------------------------------------------------------------------


def export_json(store: ResultsStore, session_ids: list[str] | None = None,
                group_ids: list[str] | None = None) -> str:
    """Results of some sessions or groups (default: everything) as the exchange file's text."""
    data = store.dump(session_ids, group_ids)
    doc = {"kind": KIND, "version": FILE_VERSION, "schema": SCHEMA_VERSION, "exported": now(),
           "data": data, "checksum": checksum(data)}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)


CSV_COLUMNS = ("session_date", "class", "group", "scenario", "round", "finished", "ending",
               "points", "max_points", "percent", "caught", "missed", "false_alarms",
               "named_right", "pre_check_percent", "post_check_percent", "gain")


def export_csv(store: ResultsStore, scenarios: dict[str, Scenario],
               check: KnowledgeCheck | None = None, session_ids: list[str] | None = None) -> str:
    """One row per group and scenario played, with scores and the knowledge check."""
    sessions = {s.id: s for s in store.sessions()}
    results = collect(store, session_ids)
    model = build(results, scenarios, check)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result, row in zip(results, model.groups):
        s = sessions[result.session_id]
        head = [s.created[:10], s.label, row.name]
        tail = [_blank(row.pre), _blank(row.post), _blank(row.gain)]
        if not row.scenarios:
            writer.writerow(head + [""] * 10 + tail)
        rounds = {p.scenario_id: p.round for p in result.plays}
        for sc in row.scenarios:
            score = sc.score
            writer.writerow(head + [sc.scenario_id, rounds.get(sc.scenario_id, ""),
                                    "yes" if sc.finished else "no", sc.outcome or "",
                                    score.points, score.max_points, score.percent, score.caught,
                                    score.missed, score.false_alarms, score.named_right] + tail)
    return out.getvalue()


def _blank(value: Any) -> Any:
    return "" if value is None else value


# --- import --------------------------------------------------------------------------------------


def read_exchange(text: str | bytes, name: str = "file") -> dict[str, list[dict[str, Any]]]:
    """Check a results file and return its rows; ExchangeError says what is wrong."""
    if len(text) > MAX_FILE_BYTES:
        raise ExchangeError(f"{name}: too large to be a Red Flags results file")
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise ExchangeError(f"{name}: not a Red Flags results file (it is not JSON; "
                            "export results with 'python -m game results export --format json')") from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise ExchangeError(f"{name}: not a Red Flags results file")
    version = doc.get("version")
    if not isinstance(version, int) or version > FILE_VERSION:
        raise ExchangeError(f"{name}: made by a newer version of Red Flags (file version {version}); "
                            "update Red Flags on this computer")
    data = doc.get("data")
    if doc.get("checksum") != checksum(data):
        raise ExchangeError(f"{name}: the file is damaged or was edited (checksum does not match); "
                            "export it again from the group's computer")
    try:
        tables = Tables.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ExchangeError(f"{name}: unexpected content at {where}: {err['msg']}") from None
    _check_references(tables, name)
    return tables.model_dump()


def _check_references(t: Tables, name: str) -> None:
    sessions = {s.id for s in t.sessions}
    groups = {g.id for g in t.groups}
    plays = {p.id for p in t.playthroughs}
    problems = ([f"group {g.id} has no session" for g in t.groups if g.session_id not in sessions]
                + [f"playthrough {p.id} has no group" for p in t.playthroughs if p.group_id not in groups]
                + ["an action has no playthrough" for a in t.actions if a.playthrough_id not in plays]
                + ["an answer has no group" for a in t.answers if a.group_id not in groups]
                + [f"answer phase '{a.phase}'" for a in t.answers if a.phase not in ("pre", "post")])
    for a in t.actions:
        try:
            PlayState.from_json(a.state)
            json.loads(a.data)
        except (ValueError, TypeError, KeyError, AttributeError):
            problems.append(f"action {a.seq} of playthrough {a.playthrough_id} has an unreadable state")
    for p in plays - {a.playthrough_id for a in t.actions}:
        problems.append(f"playthrough {p} has no actions")
    if problems:
        raise ExchangeError(f"{name}: inconsistent content: {problems[0]}")


@dataclass
class ImportReport:
    path: str
    ok: bool
    error: str = ""
    added: dict[str, int] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)  # group names in the file

    @property
    def new_rows(self) -> int:
        return sum(self.added.values())


def import_text(store: ResultsStore, text: str | bytes, name: str = "file") -> ImportReport:
    try:
        data = read_exchange(text, name)
        added = store.merge(data)
    except (ExchangeError, StoreError) as exc:
        return ImportReport(name, False, str(exc))
    return ImportReport(name, True, added=added, groups=[g["name"] for g in data["groups"]])


def import_files(store: ResultsStore, paths: list[str | Path]) -> list[ImportReport]:
    """Import many files; each is all or nothing, and one bad file does not stop the others."""
    reports = []
    for path in paths:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            reports.append(ImportReport(str(path), False, f"{path}: cannot read: {exc.strerror or exc}"))
            continue
        reports.append(import_text(store, raw, str(path)))
    return reports
