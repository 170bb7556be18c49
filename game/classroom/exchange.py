"""Moving results between machines: export a group's or a session's results to one file, import
many on the teacher's machine. Nothing is ever sent anywhere: files go where the teacher puts
them (a USB stick, the school's shared drive).

The JSON file is versioned and carries a SHA-256 checksum of its content, so a damaged or
edited file is refused with a clear message rather than half-imported. Rows keep their random
ids, so importing the same file twice (or two exports of one group) never counts anything
twice. CSV is for spreadsheets: one row per group and scenario, with the scores.

Since version 3 a file carries each action's details but not the whole state after it (the
state is replayed: history.py), and each playthrough's result line; its data is written last,
as the canonical JSON the checksum is taken of, so reading a file checks the checksum on its
bytes and parses them once. Files of versions 1 and 2 (a state with every action) still import:
their actions are converted as the database's own upgrade does. Version 4 adds the spot
check's rows (`spots`) and each answer's form and time; a file of an older version has none,
and its answers come in with an empty form and no time, as the database's upgrade keeps them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.engine.model import Scenario
from game.engine.runtime import PlayError, PlayState
from game.i18n import _

from . import history
from .cells import csv_cell
from .classdebrief import build, collect
from .filerows import CHECK_ROWS, json_or_none
from .knowledge import KnowledgeCheck
from .learning import GroupLearning
from .presenter import present
from .records import compact, now
from .schema import SCHEMA_VERSION
from .signing import class_key, signature, signed_by
from .store import ResultsStore, StoreError
from .titles import session_days

KIND = "redflags-results"
FILE_VERSION = 4  # 4: spots, answers' form and time; 3: no state per action; 2: fingerprints
MAX_FILE_BYTES = 50 * 1024 * 1024


class ExchangeError(ValueError):
    """A file that cannot be imported; the message says why, for a teacher."""


def too_large(name: str) -> str:
    return _("{name}: too large to be a Red Flags results file").format(name=name)


def cannot_read(name: str, why: str) -> str:
    """A file that can't be read, and the system's (or our) words for why."""
    return _("{name}: cannot read: {error}").format(name=name, error=why)


def checksum(data: Any) -> str:
    """SHA-256 of the data's canonical JSON (sorted keys, no spaces)."""
    return _digest(canonical(data).encode("utf-8"))


# --- export --------------------------------------------------------------------------------------


def export_json(store: ResultsStore, session_ids: list[str] | None = None,
                group_ids: list[str] | None = None) -> str:
    """Results of some sessions or groups (default: everything) as the exchange file's text."""
    return file_text(store.dump(session_ids, group_ids))


def file_text(rows: dict[str, list[dict[str, Any]]]) -> str:
    """An exchange file of these rows: a header, then the data as the canonical JSON its
    checksum is taken of (signed with the class code, if this computer has one)."""
    data = canonical(rows)
    head: dict[str, Any] = {"kind": KIND, "version": FILE_VERSION, "schema": SCHEMA_VERSION,
                            "exported": now(), "checksum": _digest(data.encode("utf-8"))}
    key = class_key()
    if key is not None:
        head["signature"] = signature(key, head["checksum"])
    return json.dumps(head, ensure_ascii=False, indent=1, sort_keys=True)[:-2] + f',\n "data": {data}\n}}\n'


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _digest(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def check_signature(doc: dict[str, Any], name: str, key: bytes | None) -> None:
    """With a class code on this computer, only files signed with the same code come in."""
    if key is None:
        return
    if "signature" not in doc:
        raise ExchangeError(_("{name}: this file is not signed with a class code, and this computer "
                              "only accepts files signed with its class code (see 'results class-code')").format(
            name=name))
    if not signed_by(key, str(doc.get("checksum")), doc.get("signature")):
        raise ExchangeError(_("{name}: the file was edited, or signed with another class code; "
                              "export it again from the group's computer").format(name=name))


CSV_COLUMNS = ("session_date", "class", "group", "scenario", "round", "finished", "ending",
               "points", "max_points", "percent", "caught", "missed", "false_alarms",
               "named_right", "pre_check_percent", "post_check_percent", "gain",
               # the spot check, the group's own before and after (learning.py; docs/evaluation.md)
               "spot_chats_before", "spot_hits_before", "spot_red_flags_before", "spot_false_alarms_before",
               "spot_others_before", "spot_d_prime_before", "spot_chats_after", "spot_hits_after",
               "spot_red_flags_after", "spot_false_alarms_after", "spot_others_after", "spot_d_prime_after",
               "spot_d_prime_change")


def export_csv(store: ResultsStore, scenarios: dict[str, Scenario],
               check: KnowledgeCheck | None = None, session_ids: list[str] | None = None) -> str:
    """One row per group and scenario played, with scores and the knowledge check."""
    sessions = {s.id: s for s in store.sessions()}
    days = session_days(list(sessions.values()))  # with the time when a class had two that day
    results = collect(store, session_ids)
    model = build(results, scenarios, check)
    lines = present(model, scenarios, None, by_group=True)
    learned = {g.group_id: g for g in model.learning.groups} if model.learning is not None else {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    row_out = writer.writerow

    def writer_row(cells: Iterable[Any]) -> None:  # every cell
        row_out([csv_cell(c) for c in cells])

    writer_row(CSV_COLUMNS)
    for result, row in zip(results, lines.groups, strict=True):
        s = sessions[result.session_id]
        head = [days[s.id], s.label, row.name]
        tail = [_blank(row.pre), _blank(row.post), _blank(row.gain)] + _spot_cells(learned.get(result.group_id))
        if not row.stories:
            writer_row(head + [""] * (len(CSV_COLUMNS) - len(head) - len(tail)) + tail)
        rounds = {p.scenario_id: p.round for p in result.plays}
        for sc in row.stories:
            score = sc.score
            writer_row(head + [sc.scenario_id, rounds.get(sc.scenario_id, ""),
                                    "yes" if sc.finished else "no", sc.outcome or "",
                                    score.points, score.max_points, score.percent, score.caught,
                                    score.missed, score.false_alarms, score.named_right] + tail)
    return out.getvalue()


def _spot_cells(group: GroupLearning | None) -> list[Any]:
    """A group's spot check before and after: the chats it judged, the counts and d′ (2 decimals;
    blank: not taken)."""
    cells: list[Any] = []
    d: dict[str, float] = {}
    for phase in ("pre", "post"):
        found = group.phases.get(phase) if group is not None else None
        counts = found.counts if found is not None else None
        if found is None or counts is None:
            cells += [""] * 6
            continue
        d[phase] = counts.d_prime
        cells += [found.chats, counts.hits, counts.signals, counts.false_alarms, counts.noise,
                  round(counts.d_prime, 2)]
    cells.append(round(d["post"] - d["pre"], 2) if len(d) == 2 else "")
    return cells


def _blank(value: Any) -> Any:
    return "" if value is None else value


# --- import --------------------------------------------------------------------------------------


def read_exchange(text: str | bytes, name: str = "file",
                  class_key: bytes | None = None) -> dict[str, list[dict[str, Any]]]:
    """Check a results file and return its rows (those of older versions converted), each with
    its table's exported columns; ExchangeError says what is wrong."""
    if len(text) > MAX_FILE_BYTES:
        raise ExchangeError(too_large(name))
    raw = text.encode("utf-8") if isinstance(text, str) else text
    data: dict[str, list[dict[str, Any]]]
    doc, data = _checked(raw, name)
    check_signature(doc, name, class_key)
    lean = doc["version"] >= 3
    try:
        CHECK_ROWS[lean].validate_python(data)  # strict: the rows are as checked
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ExchangeError(_("{name}: unexpected content at {where}: {error}").format(
            name=name, where=where, error=err["msg"])) from None
    _check_references(data, name, lean)
    for p in data["playthroughs"]:
        p.setdefault("fingerprint", "")
        p.setdefault("result", None)
    for a in data["answers"]:
        a.setdefault("form", "")
        a.setdefault("ms", None)
    data.setdefault("spots", [])
    if not lean:
        data["actions"] = _lean(data["actions"])
    return data


def _checked(raw: bytes, name: str) -> tuple[dict[str, Any], Any]:
    """The file's header and data, once its checksum matches. A file of this version is checked
    on the bytes of its data, parsed once; any other (older, or written again by another
    program) is parsed whole and checked on its data's canonical JSON."""
    split = _split(raw)
    if split is not None and split[0].get("kind") == KIND and type(split[0].get("version")) is int \
            and split[0]["version"] >= 3 and split[0].get("checksum") == _digest(split[1]):
        _check_header(split[0], name)
        try:
            return split[0], json.loads(split[1])
        except (ValueError, UnicodeDecodeError, RecursionError):
            pass  # can't be: the checksum matched what was written; read it the long way
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ExchangeError(_("{name}: not a Red Flags results file (it is not JSON; export results with "
                              "'python -m game results export --format json')").format(name=name)) from None
    _check_header(doc, name)
    data = doc.get("data")
    try:
        good = doc.get("checksum") == checksum(data)
    except (ValueError, TypeError, RecursionError):
        good = False
    if not good:
        raise ExchangeError(_("{name}: the file is damaged or was edited (checksum does not match); "
                              "export it again from the group's computer").format(name=name))
    return doc, data


def _split(raw: bytes) -> tuple[dict[str, Any], bytes] | None:
    """(header, data bytes) of a file laid out as `export_json` writes it, else None."""
    at = raw.find(b'"data":')
    head, body = raw[:at].rstrip(), raw[at + 7:].rstrip()
    if at < 0 or not head.endswith(b",") or not body.endswith(b"}"):
        return None
    try:
        header = json.loads(head[:-1] + b"}")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return (header, body[:-1].strip()) if isinstance(header, dict) else None


def _check_header(doc: Any, name: str) -> None:
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise ExchangeError(_("{name}: not a Red Flags results file").format(name=name))
    version = doc.get("version")
    if type(version) is not int or version < 1:
        raise ExchangeError(_("{name}: not a Red Flags results file (its version is {version})").format(
            name=name, version=repr(version)))
    if version > FILE_VERSION:
        raise ExchangeError(_("{name}: made by a newer version of Red Flags (file version {version}); "
                              "update Red Flags on this computer").format(name=name, version=version))


def _check_references(t: dict[str, list[dict[str, Any]]], name: str, lean: bool) -> None:
    sessions = {s["id"] for s in t["sessions"]}
    groups = {g["id"] for g in t["groups"]}
    plays = {p["id"] for p in t["playthroughs"]}
    acted = {a["playthrough_id"] for a in t["actions"]}
    problems = ([_("group {id} has no session").format(id=g["id"]) for g in t["groups"]
                 if g["session_id"] not in sessions]
                + [_("playthrough {id} has no group").format(id=p["id"]) for p in t["playthroughs"]
                   if p["group_id"] not in groups]
                + [_("an action has no playthrough") for _pid in acted - plays]
                + [_("an answer has no group") for a in t["answers"] if a["group_id"] not in groups]
                + [_("a spot-check row has no group") for s in t.get("spots", ()) if s["group_id"] not in groups])
    for a in () if lean else t["actions"]:
        try:
            PlayState.from_json(a["state"])
        except PlayError:
            problems.append(_("action {seq} of playthrough {id} has an unreadable state").format(
                seq=a["seq"], id=a["playthrough_id"]))
        if not isinstance(json_or_none(a["data"]), dict):
            problems.append(_("action {seq} of playthrough {id} has unreadable details").format(
                seq=a["seq"], id=a["playthrough_id"]))
    for p in sorted(plays - acted):
        problems.append(_("playthrough {id} has no actions").format(id=p))
    if problems:
        raise ExchangeError(_("{name}: inconsistent content: {problem}").format(name=name, problem=problems[0]))


def _lean(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Actions of a file of version 1 or 2, with details replay can fold instead of states."""
    out = []
    ordered = sorted(actions, key=lambda a: (a["playthrough_id"], a["seq"]))
    for _pid, group in groupby(ordered, key=lambda a: a["playthrough_id"]):
        rows = list(group)
        details = history.lean((a["kind"], json.loads(a["data"]), a["state"]) for a in rows)
        out += [{"playthrough_id": a["playthrough_id"], "seq": a["seq"], "at": a["at"], "kind": a["kind"],
                 "data": compact(d)} for a, d in zip(rows, details, strict=True)]
    return out


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

    @property
    def nothing_new(self) -> bool:
        """Read and checked, but everything in it was already here (imported before)."""
        return self.ok and self.new_rows == 0


def import_text(store: ResultsStore, text: str | bytes, name: str = "file") -> ImportReport:
    try:
        data = read_exchange(text, name, class_key())
        added = store.merge(data)
    except (ExchangeError, StoreError) as exc:
        return ImportReport(name, False, str(exc))
    return ImportReport(name, True, added=added, groups=[g["name"] for g in data["groups"]])


def import_files(store: ResultsStore, paths: Sequence[str | Path]) -> list[ImportReport]:
    """Import many files; each is all or nothing, and one bad file does not stop the others."""
    reports = []
    for path in paths:
        try:
            raw = read_limited(Path(path))
        except ExchangeError as exc:
            reports.append(ImportReport(str(path), False, str(exc)))
            continue
        except OSError as exc:
            reports.append(ImportReport(str(path), False, cannot_read(str(path), exc.strerror or str(exc))))
            continue
        reports.append(import_text(store, raw, str(path)))
    return reports


def read_limited(path: Path) -> bytes:
    """A regular file's bytes, read in chunks and never more than the limit (a FIFO, a device or
    a huge file is refused before it can hang or fill memory)."""
    if not path.exists():
        raise ExchangeError(cannot_read(str(path), _("no such file")))
    if not path.is_file():
        raise ExchangeError(cannot_read(str(path), _("not a regular file")))
    chunks, size = [], 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise ExchangeError(too_large(str(path)))
            chunks.append(chunk)
    return b"".join(chunks)
