"""The class debrief's plain data: what goes in (each group's plays and answers) and the rows
and totals that come out. Frozen dataclasses with no counting in them, so every view of the
class debrief (screen, CSV, PDF report) can read them without the counting code.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean
from typing import Any, NamedTuple

from game.engine.model import Choice, LocalText
from game.engine.runtime import PlayState
from game.engine.scoring import Score

from .knowledge import gain_between
from .learning import ClassLearning
from .records import Answer, Spot


@dataclass(frozen=True)
class PlayRecord:
    scenario_id: str
    round: int
    state: PlayState | None  # None: the stored state can't be read
    finished: bool
    summary: dict[str, Any] | None = None  # recorded with the ending (see store.summary)


@dataclass(frozen=True)
class GroupResult:
    """One group's results, as stored or imported: the input of the class debrief."""

    group_id: str
    session_id: str
    name: str
    plays: tuple[PlayRecord, ...]
    answers: tuple[Answer, ...] = ()
    spots: tuple[Spot, ...] = ()  # the spot check's judgements (none before it existed)


@dataclass(frozen=True)
class ScenarioScore:
    scenario_id: str
    finished: bool
    outcome: str | None  # the ending's outcome
    score: Score
    missed: tuple[str, ...] = ()  # categories of the red flags this group missed


class GroupRow(NamedTuple):
    """One group's row of the class debrief (a named tuple: a school board's debrief makes
    30,000 of them, each in one step)."""

    group_id: str
    name: str
    scenarios: tuple[ScenarioScore, ...]
    points: int
    max_points: int
    caught: int
    missed: int
    false_alarms: int
    named_right: int
    pre: int | None  # knowledge check, percent
    post: int | None

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.max_points) if self.max_points else 0

    @property
    def gain(self) -> int | None:
        return gain_between(self.pre, self.post)


@dataclass(frozen=True)
class FlagRow:
    """One red-flag message: how many groups saw it and how many caught it."""

    scenario_id: str
    key: str  # beat/index, as FlagResult.key
    category: str
    text: LocalText
    why: LocalText | None
    seen: int
    caught: int
    named_right: int

    @property
    def percent(self) -> int:
        return round(100 * self.caught / self.seen) if self.seen else 0


@dataclass(frozen=True)
class CategoryRow:
    """One tactic (taxonomy category) over every flag of that kind the groups saw."""

    category: str
    seen: int
    caught: int

    @property
    def percent(self) -> int:
        return round(100 * self.caught / self.seen) if self.seen else 0


@dataclass(frozen=True)
class OptionCount:
    index: int
    choice: Choice
    count: int


@dataclass(frozen=True)
class ChoiceRow:
    """One decision: how the groups that reached it chose."""

    scenario_id: str
    beat: str
    options: tuple[OptionCount, ...]
    after: LocalText | None = None  # the last message before the choice, for context

    @property
    def total(self) -> int:
        return sum(o.count for o in self.options)


@dataclass(frozen=True)
class OtherVersion:
    """Groups that played a version of a story that has changed since: counted by tactic and
    score from what was recorded with their ending, not message by message."""

    scenario_id: str
    groups: int  # how many groups played it
    counted: int  # of which finished, with a recorded summary (the others can't be counted)
    replies: tuple[tuple[str, int, str], ...] = ()  # (beat, choice index, safety) as recorded


@dataclass(frozen=True)
class CheckChange:
    """The knowledge check before and after over the same groups: those that answered both (a
    class whose quick groups alone reached the check after would otherwise seem to have learnt
    what only those groups knew)."""

    groups: int  # that answered both
    before: int | None  # their mean percent right, before
    after: int | None
    only_before: int = 0  # groups that answered only before (not counted in the change)
    only_after: int = 0

    @property
    def gain(self) -> int | None:
        """In percentage points: after minus before, as shown (so the numbers add up)."""
        return gain_between(self.before, self.after)


def check_change(groups: tuple[GroupRow, ...] | list[GroupRow]) -> CheckChange:
    both = [(g.pre, g.post) for g in groups if g.pre is not None and g.post is not None]
    return CheckChange(len(both), round(mean(pre for pre, _post in both)) if both else None,
                       round(mean(post for _pre, post in both)) if both else None,
                       sum(g.pre is not None and g.post is None for g in groups),
                       sum(g.pre is None and g.post is not None for g in groups))


@dataclass(frozen=True)
class ClassDebrief:
    groups: tuple[GroupRow, ...]
    flags: tuple[FlagRow, ...]
    categories: tuple[CategoryRow, ...]  # weakest first: what to discuss
    choices: tuple[ChoiceRow, ...]
    scenario_ids: tuple[str, ...]
    missing_scenarios: tuple[str, ...]  # played but not installed here: not counted
    other_versions: tuple[OtherVersion, ...] = ()
    learning: ClassLearning | None = None  # the spot check and knowledge over the same groups

    def _avg(self, values: list[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return round(mean(known)) if known else None

    @property
    def pre(self) -> int | None:
        return self._avg([g.pre for g in self.groups])

    @property
    def post(self) -> int | None:
        return self._avg([g.post for g in self.groups])

    @property
    def gain(self) -> int | None:
        """Mean gain of the groups that took both checks."""
        return self._avg([g.gain for g in self.groups])

    @property
    def change(self) -> CheckChange:
        """Before and after over the groups that answered both: what to show (`pre` and `post`
        are each over every group that answered that one)."""
        return check_change(self.groups)

    @property
    def percent(self) -> int | None:
        return self._avg([g.percent for g in self.groups if g.max_points])
