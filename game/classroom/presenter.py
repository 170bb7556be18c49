"""The class debrief as plain lines in the teacher's language: what the debrief screen, the PDF
report and `results debrief` each draw, and what the CSV writes for each group.

The numbers are the class debrief's (classdebrief.py). This picks, names and orders them once
(a tactic's name, a story's title, the flags and decisions story by story, the knowledge
check's gain by `knowledge.gain_between`), so the four agree; each keeps only its own way of
writing them (a percent sign, a cut name, a bar, a table).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Scenario
from game.engine.scoring import Score
from game.engine.taxonomy import Taxonomy, category_name

from .debriefrows import CheckChange, ClassDebrief, GroupRow, ScenarioScore
from .knowledge import gain_between
from .words import other_version_note


def snippet(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending with an ellipsis when it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def share(part: int, whole: int) -> float:
    """`part` of `whole` as 0..1, for a bar (0 when there is nothing to share)."""
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class StoryScore:
    """One story a group played: its title, how it ended, the score and the tactics missed."""

    scenario_id: str
    title: str
    finished: bool
    outcome: str | None  # the ending's outcome; None when unfinished
    score: Score
    missed_tactics: tuple[str, ...]  # names, once each, sorted


@dataclass(frozen=True)
class GroupLine:
    """One group's row of the scores table, and its stories for the report's debrief by group."""

    name: str
    percent: int
    caught: int
    missed: int
    false_alarms: int
    pre: int | None  # knowledge check, percent right before
    post: int | None
    gain: int | None  # percentage points
    stories: tuple[StoryScore, ...] = ()  # only when asked for (`present(..., by_group=True)`)


@dataclass(frozen=True)
class TacticLine:
    """One bar of the chart of red flags caught by tactic."""

    name: str
    caught: int
    seen: int
    percent: int


@dataclass(frozen=True)
class FlagLine:
    """One red-flag message: its text and tactic, and how many groups that saw it caught it."""

    text: str
    tactic: str
    caught: int
    seen: int
    percent: int


@dataclass(frozen=True)
class OptionLine:
    """One reply offered at a decision, and how many groups chose it."""

    text: str
    safety: str  # safe, risky or unsafe
    count: int


@dataclass(frozen=True)
class DecisionLine:
    """One decision: `number` counts from 1 in its story; `after` is the message before it."""

    number: int
    beat: str
    after: str | None
    options: tuple[OptionLine, ...]
    total: int  # groups that reached it


@dataclass(frozen=True)
class StoryLines:
    """A story's red flags and decisions, in story order."""

    scenario_id: str
    title: str
    flags: tuple[FlagLine, ...]
    decisions: tuple[DecisionLine, ...]


@dataclass(frozen=True)
class DebriefLines:
    """The whole class debrief, ready to draw."""

    groups: tuple[GroupLine, ...]
    percent: int | None  # the average score
    change: CheckChange  # the knowledge check over the groups that answered both
    gain: int | None  # its gain, in percentage points
    tactics: tuple[TacticLine, ...]  # weakest first
    stories: tuple[StoryLines, ...]  # every story counted, in the order first played
    missing: tuple[str, ...]  # ids of stories played but not installed here
    notes: tuple[str, ...]  # one per story played in a version that has changed since


def present(model: ClassDebrief, scenarios: dict[str, Scenario], taxonomy: Taxonomy | None,
            lang: str = "en", by_group: bool = False) -> DebriefLines:
    """The lines of `model`, with names and titles in `lang`; `by_group` adds each group's
    stories (the report's debrief by group; a school board's screen has no use for them)."""

    def title(scenario_id: str) -> str:
        found = scenarios.get(scenario_id)
        return found.title.get(lang) if found is not None else scenario_id

    def tactic(category: str) -> str:
        return category_name(taxonomy, category, lang)

    def story(scenario_id: str) -> StoryLines:
        flags = tuple(FlagLine(f.text.get(lang), tactic(f.category), f.caught, f.seen, f.percent)
                      for f in model.flags if f.scenario_id == scenario_id)
        rows = [c for c in model.choices if c.scenario_id == scenario_id]
        decisions = tuple(
            DecisionLine(n, c.beat, c.after.get(lang) if c.after is not None else None,
                         tuple(OptionLine(o.choice.text.get(lang), o.choice.safety, o.count)
                               for o in c.options), c.total)
            for n, c in enumerate(rows, 1))
        return StoryLines(scenario_id, title(scenario_id), flags, decisions)

    def played(s: ScenarioScore) -> StoryScore:
        return StoryScore(s.scenario_id, title(s.scenario_id), s.finished, s.outcome, s.score,
                          tuple(sorted({tactic(c) for c in s.missed})))

    def group(g: GroupRow) -> GroupLine:
        return GroupLine(g.name, g.percent, g.caught, g.missed, g.false_alarms, g.pre, g.post,
                         gain_between(g.pre, g.post),
                         tuple(played(s) for s in g.scenarios) if by_group else ())

    change = model.change
    return DebriefLines(
        groups=tuple(group(g) for g in model.groups),
        percent=model.percent,
        change=change,
        gain=gain_between(change.before, change.after),
        tactics=tuple(TacticLine(tactic(c.category), c.caught, c.seen, c.percent) for c in model.categories),
        stories=tuple(story(sid) for sid in model.scenario_ids),
        missing=model.missing_scenarios,
        notes=tuple(other_version_note(v.groups, v.counted, title(v.scenario_id), list(v.replies), lang)
                    for v in model.other_versions),
    )
