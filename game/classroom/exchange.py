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

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.engine.model import ID_RE, Scenario
from game.engine.runtime import PlayError, PlayState

from .cells import clean, csv_cell
from .classdebrief import build, collect
from .knowledge import KnowledgeCheck
from .signing import class_key, signature, signed_by
from .session import MAX_MEMBERS, MAX_NAME, MIN_MEMBERS
from .store import SCHEMA_VERSION, ResultsStore, StoreError, now

KIND = "redflags-results"
FILE_VERSION = 2  # 2: playthroughs carry the story's fingerprint; version 1 files still import
MAX_FILE_BYTES = 50 * 1024 * 1024


class ExchangeError(ValueError):
    """A file that cannot be imported; the message says why, for a teacher."""


# --- the file format, as pydantic models (what `import` accepts) -------------------------------


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# Bounds on everything a file may hold: a hostile or broken file is refused before anything is
# written (never an OverflowError, a 2,000-character group name in the PDF, or a state that
# breaks the class debrief later).
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
When = Annotated[str, Field(pattern=r"^\d{4}-\d\d-\d\dT[0-9:.+\-Z]{5,30}$")]
def _plain(value: str) -> str:
    """Typed by students and carried between computers: only what `clean` would keep."""
    if clean(value) != value:
        raise ValueError("control characters, line breaks or zero-width spaces are not allowed")
    return value


Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), AfterValidator(_plain)]
Label = Annotated[str, Field(max_length=80), AfterValidator(_plain)]
SmallInt = Annotated[int, Field(ge=0, le=10_000)]
Json = Annotated[str, Field(max_length=1_000_000)]


class SessionRow(_Row):
    id: Id
    created: When
    label: Label
    settings: Annotated[str, Field(max_length=65_536)]

    @field_validator("settings")
    @classmethod
    def _settings_object(cls, value: str) -> str:
        if not isinstance(_json_or_none(value), dict):
            raise ValueError("the session settings are not a JSON object")
        return value


class GroupRow(_Row):
    id: Id
    session_id: Id
    name: Name
    members: Annotated[int, Field(ge=MIN_MEMBERS, le=MAX_MEMBERS)]
    created: When


class PlaythroughRow(_Row):
    id: Id
    group_id: Id
    scenario_id: Annotated[str, Field(pattern=ID_RE.pattern, max_length=64)]
    round: SmallInt
    started: When
    ended: When | None
    fingerprint: Annotated[str, Field(pattern=r"^[0-9a-f]{0,64}$")] = ""  # files of version 1 have none


class ActionRow(_Row):
    playthrough_id: Id
    seq: Annotated[int, Field(ge=0, le=1_000_000)]
    at: When
    kind: Literal["start", "message", "choices", "flag", "unflag", "choice", "ending"]
    data: Json
    state: Json


class AnswerRow(_Row):
    group_id: Id
    phase: Literal["pre", "post"]
    check_id: Id
    question_id: Id
    answer: Annotated[int, Field(ge=0, le=20)]
    correct: Annotated[int, Field(ge=0, le=1)]
    at: When


class Tables(_Row):
    sessions: list[SessionRow]
    groups: list[GroupRow]
    playthroughs: list[PlaythroughRow]
    actions: list[ActionRow]
    answers: list[AnswerRow]


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


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
    key = class_key()
    if key is not None:
        doc["signature"] = signature(key, doc["checksum"])
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)


def check_signature(doc: dict[str, Any], name: str, key: bytes | None) -> None:
    """With a class code on this computer, only files signed with the same code come in."""
    if key is None:
        return
    if "signature" not in doc:
        raise ExchangeError(f"{name}: this file is not signed with a class code, and this computer "
                            "only accepts files signed with its class code (see 'results class-code')")
    if not signed_by(key, str(doc.get("checksum")), doc.get("signature")):
        raise ExchangeError(f"{name}: the file was edited, or signed with another class code; "
                            "export it again from the group's computer")


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
    row_out = writer.writerow
    writer_row = lambda cells: row_out([csv_cell(c) for c in cells])  # noqa: E731  (every cell)
    writer_row(CSV_COLUMNS)
    for result, row in zip(results, model.groups):
        s = sessions[result.session_id]
        head = [s.created[:10], s.label, row.name]
        tail = [_blank(row.pre), _blank(row.post), _blank(row.gain)]
        if not row.scenarios:
            writer_row(head + [""] * (len(CSV_COLUMNS) - len(head) - len(tail)) + tail)
        rounds = {p.scenario_id: p.round for p in result.plays}
        for sc in row.scenarios:
            score = sc.score
            writer_row(head + [sc.scenario_id, rounds.get(sc.scenario_id, ""),
                                    "yes" if sc.finished else "no", sc.outcome or "",
                                    score.points, score.max_points, score.percent, score.caught,
                                    score.missed, score.false_alarms, score.named_right] + tail)
    return out.getvalue()


def _blank(value: Any) -> Any:
    return "" if value is None else value


# --- import --------------------------------------------------------------------------------------


def read_exchange(text: str | bytes, name: str = "file",
                  class_key: bytes | None = None) -> dict[str, list[dict[str, Any]]]:
    """Check a results file and return its rows; ExchangeError says what is wrong."""
    if len(text) > MAX_FILE_BYTES:
        raise ExchangeError(f"{name}: too large to be a Red Flags results file")
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ExchangeError(f"{name}: not a Red Flags results file (it is not JSON; "
                            "export results with 'python -m game results export --format json')") from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise ExchangeError(f"{name}: not a Red Flags results file")
    version = doc.get("version")
    if type(version) is not int or version < 1:
        raise ExchangeError(f"{name}: not a Red Flags results file (its version is {version!r})")
    if version > FILE_VERSION:
        raise ExchangeError(f"{name}: made by a newer version of Red Flags (file version {version}); "
                            "update Red Flags on this computer")
    data = doc.get("data")
    try:
        good = doc.get("checksum") == checksum(data)
    except (ValueError, TypeError, RecursionError):
        good = False
    if not good:
        raise ExchangeError(f"{name}: the file is damaged or was edited (checksum does not match); "
                            "export it again from the group's computer")
    check_signature(doc, name, class_key)
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
        except PlayError:
            problems.append(f"action {a.seq} of playthrough {a.playthrough_id} has an unreadable state")
        if not isinstance(_json_or_none(a.data), dict):
            problems.append(f"action {a.seq} of playthrough {a.playthrough_id} has unreadable details")
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
        data = read_exchange(text, name, class_key())
        added = store.merge(data)
    except (ExchangeError, StoreError) as exc:
        return ImportReport(name, False, str(exc))
    return ImportReport(name, True, added=added, groups=[g["name"] for g in data["groups"]])


def import_files(store: ResultsStore, paths: list[str | Path]) -> list[ImportReport]:
    """Import many files; each is all or nothing, and one bad file does not stop the others."""
    reports = []
    for path in paths:
        try:
            raw = read_limited(Path(path))
        except ExchangeError as exc:
            reports.append(ImportReport(str(path), False, str(exc)))
            continue
        except OSError as exc:
            reports.append(ImportReport(str(path), False, f"{path}: cannot read: {exc.strerror or exc}"))
            continue
        reports.append(import_text(store, raw, str(path)))
    return reports


def read_limited(path: Path) -> bytes:
    """A regular file's bytes, read in chunks and never more than the limit (a FIFO, a device or
    a huge file is refused before it can hang or fill memory)."""
    if not path.exists():
        raise ExchangeError(f"{path}: cannot read: no such file")
    if not path.is_file():
        raise ExchangeError(f"{path}: cannot read: not a regular file")
    chunks, size = [], 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise ExchangeError(f"{path}: too large to be a Red Flags results file")
            chunks.append(chunk)
    return b"".join(chunks)
