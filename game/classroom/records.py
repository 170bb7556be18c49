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
    phase: str
    check_id: str
    question_id: str
    answer: int
    correct: bool
