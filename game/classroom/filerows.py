"""What a results file may hold, row by row: the bounds pydantic checks before anything is
written (exchange.py reads the files). Rows are typed dicts, checked strictly but not made into
objects: a school board imports a thousand files of thousands of rows."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, NotRequired

from pydantic import AfterValidator, ConfigDict, Field, TypeAdapter, with_config
from typing_extensions import TypedDict

from game.engine.model import ID_RE

from .cells import clean
from .session import MAX_MEMBERS, MAX_NAME, MIN_MEMBERS


def json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


_ROW = ConfigDict(extra="forbid", strict=True)  # rows as dicts: checked, not made into objects

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


def _settings_object(value: str) -> str:
    if not isinstance(json_or_none(value), dict):
        raise ValueError("the session settings are not a JSON object")
    return value


Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), AfterValidator(_plain)]
Label = Annotated[str, Field(max_length=80), AfterValidator(_plain)]
SmallInt = Annotated[int, Field(ge=0, le=10_000)]
Json = Annotated[str, Field(max_length=1_000_000)]
Kind = Literal["start", "message", "choices", "flag", "unflag", "choice", "ending"]
Seq = Annotated[int, Field(ge=0, le=1_000_000)]


@with_config(_ROW)
class SessionRow(TypedDict):
    id: Id
    created: When
    label: Label
    settings: Annotated[str, Field(max_length=65_536), AfterValidator(_settings_object)]


@with_config(_ROW)
class GroupRow(TypedDict):
    id: Id
    session_id: Id
    name: Name
    members: Annotated[int, Field(ge=MIN_MEMBERS, le=MAX_MEMBERS)]
    created: When


@with_config(_ROW)
class PlaythroughRow(TypedDict):
    id: Id
    group_id: Id
    scenario_id: Annotated[str, Field(pattern=ID_RE.pattern, max_length=64)]
    round: SmallInt
    started: When
    ended: When | None
    fingerprint: NotRequired[Annotated[str, Field(pattern=r"^[0-9a-f]{0,64}$")]]  # files of version 1 have none
    # recording.result_line, 7 fields (files before version 3 have none: the debrief replays)
    result: NotRequired[Annotated[str, Field(max_length=20_000, pattern=r"^[0-9]{1,3}(\|[0-9a-z_/, -]*){6}$")]
                        | None]


@with_config(_ROW)
class ActionRow(TypedDict):
    playthrough_id: Id
    seq: Seq
    at: When
    kind: Kind
    data: Annotated[str, Field(max_length=1_000_000, pattern=r"^\{[\s\S]*\}$")]  # a JSON object


@with_config(_ROW)
class StateActionRow(TypedDict):
    """An action as files of versions 1 and 2 carry it: with the whole state after it."""

    playthrough_id: Id
    seq: Seq
    at: When
    kind: Kind
    data: Json
    state: Json


Phase = Literal["pre", "post", "later"]
Ms = Annotated[int, Field(ge=0, le=86_400_000)] | None  # milliseconds, at most a day


@with_config(_ROW)
class AnswerRow(TypedDict):
    group_id: Id
    phase: Phase
    check_id: Id
    question_id: Id
    answer: Annotated[int, Field(ge=0, le=20)]
    correct: Annotated[int, Field(ge=0, le=1)]
    at: When
    form: NotRequired[Literal["", "A", "B"]]  # files before version 4 have neither
    ms: NotRequired[Ms]


@with_config(_ROW)
class SpotRow(TypedDict):
    """One message a group judged in the spot check (files of version 4 on)."""

    group_id: Id
    phase: Phase
    form: Literal["A", "B"]
    chat_id: Annotated[str, Field(pattern=ID_RE.pattern, max_length=64)]
    message: Annotated[int, Field(ge=0, le=100)]
    flagged: Annotated[int, Field(ge=0, le=1)]
    ms: Ms
    at: When


@with_config(_ROW)
class Tables(TypedDict):
    sessions: list[SessionRow]
    groups: list[GroupRow]
    playthroughs: list[PlaythroughRow]
    actions: list[ActionRow]
    answers: list[AnswerRow]
    spots: NotRequired[list[SpotRow]]  # files before version 4 have none


@with_config(_ROW)
class StateTables(TypedDict):
    sessions: list[SessionRow]
    groups: list[GroupRow]
    playthroughs: list[PlaythroughRow]
    actions: list[StateActionRow]
    answers: list[AnswerRow]


# version 3 (lean) or older
CHECK_ROWS: dict[bool, TypeAdapter[Any]] = {True: TypeAdapter(Tables), False: TypeAdapter(StateTables)}


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None
