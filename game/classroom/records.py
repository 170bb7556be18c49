"""What the results store hands its readers: sessions, groups, playthroughs and answers as
plain frozen records, and the small helpers the store and its files share."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from game.engine.runtime import PlayState


def compact(data: Any) -> str:
    """JSON as the store keeps it: no spaces (an action's details are most of the file)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


LOCKED = "🔒"  # how a sealed name shows while teacher mode has not been unlocked


def settings_of(text: str) -> dict[str, Any]:
    try:
        found = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return found if isinstance(found, dict) else {}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SessionInfo:
    id: str
    created: str
    label: str
    settings: dict[str, Any]


@dataclass(frozen=True)
class GroupInfo:
    id: str
    session_id: str
    name: str
    members: int
    created: str


@dataclass(frozen=True)
class PlaythroughInfo:
    id: str
    group_id: str
    scenario_id: str
    round: int
    started: str
    ended: str | None
    seq: int  # the last action's seq
    fingerprint: str = ""
    result: str | None = None  # recording.result_line, as the last action left it
    store: Any = field(default=None, repr=False, compare=False)  # the ResultsStore it was read from

    @property
    def finished(self) -> bool:
        return self.ended is not None

    @cached_property
    def state(self) -> PlayState | None:
        """After the last action, replayed when first asked for (None: it can't be read, and
        the debrief then says so)."""
        return self.store.replayed(self.id) if self.store is not None else None


@dataclass(frozen=True)
class Answer:
    """One knowledge-check answer. `answer` is the option's written index (0-based, as in the
    YAML), never the shown position: options are shown shuffled (engine.quiz.option_order)."""

    phase: str  # "pre", "post" or "later"
    check_id: str  # the form's file id: "check" (form A), "check-b" (form B)
    question_id: str
    answer: int
    correct: bool
    form: str = ""  # "A" or "B" ("" in results recorded before parallel forms)
    ms: int | None = None  # milliseconds from the question shown to the answer (None: not timed)


@dataclass(frozen=True)
class Spot:
    """One judgement in the spot check: a group flagged (or left) one message of an unseen chat.
    Every message from someone else gets a row when the group finishes the chat, flagged or not,
    so misses and correct rejections are counted (engine.detection scores them)."""

    phase: str  # "pre", "post" or "later"
    form: str  # "A" or "B"
    chat_id: str  # the spot-check chat's id (game/scenarios/spotcheck/<id>.yaml)
    message: int  # the message's index in the chat, from 0
    flagged: bool
    ms: int | None = None  # milliseconds from the chat shown to the flag (None: not flagged)
