"""The class debrief: what the whole class understood, from many groups' results.

Pure functions of plain data (`GroupResult`s and the scenarios), so the same numbers come out
of the store on one machine, of imported files from many, in the class debrief screen, the CSV
and the PDF report. Every red flag is identified by scenario and `FlagResult.key` (beat/index),
which is the same in every playthrough, so groups on different paths add up correctly: a flag
counts only for the groups whose path showed it ("seen"). `class_debrief` gives the numbers of
`build(collect(store))` from the store's board instead (tally.py), fast enough for a school
board; both count through one `Tally`. The knowledge check's change before to after is over the
groups that answered both (`ClassDebrief.change`); what the class can spot, before, after and
later, over the same groups, is learning.py's (`ClassDebrief.learning`).

The plain data it is made of (inputs, rows and totals) lives in debriefrows.py; every name
stays importable from here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from game.engine.model import Scenario
from game.engine.runtime import incompatibility
from game.engine.scoring import Score, debrief
from game.engine.spotcheck import SpotCheck

from . import board, checkline
from .debriefrows import (
    CategoryRow,
    CheckChange,
    ChoiceRow,
    ClassDebrief,
    FlagRow,
    GroupResult,
    GroupRow,
    OptionCount,
    OtherVersion,
    PlayRecord,
    ScenarioScore,
    check_change,
)
from .knowledge import KnowledgeCheck
from .learning import ClassLearning, group_learning
from .pooling import class_learning, pooled
from .records import Answer
from .skillcheck import shipped_chats
from .store import ResultsStore

__all__ = ["PlayRecord", "GroupResult", "ScenarioScore", "GroupRow", "FlagRow", "CategoryRow", "OptionCount",
           "ChoiceRow", "OtherVersion", "CheckChange", "ClassDebrief", "check_change", "pick_plays",
           "check_percent", "tally_percent", "build", "Tally", "collect", "class_debrief", "store_learning"]


def pick_plays(plays: tuple[PlayRecord, ...]) -> list[PlayRecord]:
    """One playthrough per scenario: the last finished one, else the last one."""
    chosen: dict[str, PlayRecord] = {}
    for p in plays:
        old = chosen.get(p.scenario_id)
        if old is None or p.finished or not old.finished:
            chosen[p.scenario_id] = p
    return sorted(chosen.values(), key=lambda p: (p.round, p.scenario_id))


def check_percent(answers: tuple[Answer, ...], phase: str, check: KnowledgeCheck | None) -> int | None:
    """Percent right in one phase; out of the whole check when it is known here."""
    mine = [a for a in answers if a.phase == phase]
    if not mine:
        return None
    return tally_percent(len(mine), sum(a.correct for a in mine), mine[0].check_id, check)


def tally_percent(answered: int, right: int, check_id: str, check: KnowledgeCheck | None) -> int:
    """`check_percent` from counts: percent right, out of the whole check when it is known here."""
    total = len(check.questions) if check is not None and check_id == check.id else answered
    return round(100 * right / max(total, 1))


def build(results: list[GroupResult], scenarios: dict[str, Scenario],
          check: KnowledgeCheck | None = None, chats: Mapping[str, SpotCheck] | None = None) -> ClassDebrief:
    """The class debrief of these groups (`chats`: the spot check's, default the shipped ones)."""
    tally = Tally(scenarios)
    for result in results:
        rows = [row for play in pick_plays(result.plays) if (row := tally.play(play)) is not None]
        tally.group(result.group_id, result.name, rows, check_percent(result.answers, "pre", check),
                    check_percent(result.answers, "post", check))
    chats, cache = _chats(chats), {}  # type: ignore[var-annotated]
    learning = class_learning([group_learning(r.group_id, r.spots, r.answers, chats, cache) for r in results])
    return replace(tally.finish(), learning=learning)


def _chats(chats: Mapping[str, SpotCheck] | None) -> Mapping[str, SpotCheck]:
    return chats if chats is not None else {c.id: c for c in shipped_chats()}


class Tally:
    """The class debrief being counted, group by group: `build` feeds it `PlayRecord`s, and the
    class debrief of a whole store (tally.py) adds its groups' rows and its counts of red flags
    and choices from the store's board. Both end in the same `finish`."""

    def __init__(self, scenarios: dict[str, Scenario]):
        self.scenarios = scenarios
        self.groups: list[GroupRow] = []
        self.missing: set[str] = set()
        self.played: dict[str, None] = {}  # scenario ids, in the order first played
        self.flags: Counter[tuple[str, str, str]] = Counter()  # (scenario, key, 'seen' | 'caught' | 'named') -> groups
        self.choices: Counter[tuple[str, str, int]] = Counter()  # (scenario, beat, choice index) -> groups
        self.other: dict[str, list[Any]] = {}  # scenario id -> [groups, counted, replies]
        self.extra_tactics: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def scenario(self, scenario_id: str) -> Scenario | None:
        """The installed scenario of a picked play (None: not installed, noted as missing)."""
        found = self.scenarios.get(scenario_id)
        if found is None:
            self.missing.add(scenario_id)
        else:
            self.played.setdefault(scenario_id)
        return found

    def play(self, play: PlayRecord) -> ScenarioScore | None:
        """Count one picked playthrough from its state (or, played on another version of the
        story, from the summary recorded with its ending)."""
        scenario = self.scenario(play.scenario_id)
        if scenario is None:
            return None
        if play.state is None or incompatibility(scenario, play.state):
            return self.other_version(scenario.id, play)
        model = debrief(scenario, play.state)
        for f in model.flags:
            if f.category is not None:
                self.flags[(scenario.id, f.key, "seen")] += 1
                self.flags[(scenario.id, f.key, "caught")] += f.status == "caught"
                self.flags[(scenario.id, f.key, "named")] += bool(f.named_right)
        for c in model.choices:
            self.choices[(scenario.id, c.beat, c.choice_index)] += 1
        return ScenarioScore(scenario.id, model.finished, model.ending.outcome if model.ending else None,
                             model.score, tuple(f.category for f in model.flags
                                                if f.status == "missed" and f.category))

    def other_version(self, scenario_id: str, play: PlayRecord) -> ScenarioScore | None:
        entry = self.other.setdefault(scenario_id, [0, 0, []])
        entry[0] += 1
        row = _from_summary(scenario_id, play, self.extra_tactics, entry[2])
        entry[1] += row is not None
        return row

    def group(self, group_id: str, name: str, rows: list[ScenarioScore] | tuple[ScenarioScore, ...],
              pre: int | None, post: int | None, sums: list[int] | None = None) -> None:
        """One group's row; `sums` (points, max points, caught, missed, false alarms, named right
        over `rows`) when they are known already."""
        if sums is not None:
            points, max_points, caught, missed, false_alarms, named_right = sums
        else:
            points = max_points = caught = missed = false_alarms = named_right = 0
            for r in rows:
                sc = r.score
                points += sc.points
                max_points += sc.max_points
                caught += sc.caught
                missed += sc.missed
                false_alarms += sc.false_alarms
                named_right += sc.named_right
        row = GroupRow(group_id, name, tuple(rows), points, max_points, caught, missed, false_alarms,
                       named_right, pre, post)
        self.groups.append(row)

    def finish(self) -> ClassDebrief:
        scenarios = self.scenarios
        order = {sid: i for i, sid in enumerate(self.played)}
        flags = []
        for (sid, key, what), seen in self.flags.items():
            if what != "seen":
                continue
            beat, _, index = key.rpartition("/")
            msg = scenarios[sid].beats[beat].messages[int(index)]
            flags.append(FlagRow(sid, key, msg.flag.category, msg.text, msg.flag.why, seen,  # type: ignore[union-attr]
                                 self.flags[(sid, key, "caught")], self.flags[(sid, key, "named")]))
        flags.sort(key=lambda r: (order[r.scenario_id], _key_order(scenarios[r.scenario_id], r.key)))
        by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for row in flags:
            by_cat[row.category][0] += row.seen
            by_cat[row.category][1] += row.caught
        for cat, (seen, caught) in self.extra_tactics.items():
            by_cat[cat][0] += seen
            by_cat[cat][1] += caught
        categories = sorted((CategoryRow(c, s, k) for c, (s, k) in by_cat.items()),
                            key=lambda r: (r.percent, -r.seen, r.category))
        counts: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
        for (sid, beat, choice), n in self.choices.items():
            counts[(sid, beat)][choice] += n
        choices = []
        for (sid, beat), chosen in sorted(counts.items(), key=lambda kv: (
                order[kv[0][0]], _beat_order(scenarios[kv[0][0]], kv[0][1]))):
            options = tuple(OptionCount(i, c, chosen[i])
                            for i, c in enumerate(scenarios[sid].beats[beat].choices or ()))
            messages = scenarios[sid].beats[beat].messages
            choices.append(ChoiceRow(sid, beat, options, messages[-1].text if messages else None))
        versions = tuple(OtherVersion(sid, n, counted, tuple(replies))
                         for sid, (n, counted, replies) in self.other.items())
        return ClassDebrief(tuple(self.groups), tuple(flags), tuple(categories), tuple(choices),
                            tuple(self.played), tuple(sorted(self.missing)), versions)



def _from_summary(scenario_id: str, play: PlayRecord, tactics: dict[str, list[int]],
                  replies: list[tuple[str, int, str]]) -> ScenarioScore | None:
    """A group's score on another version of a story, from the summary its ending recorded."""
    summary = play.summary if isinstance(play.summary, dict) else None
    try:
        score = Score(**{k: int(v) for k, v in summary["score"].items()})  # type: ignore[index]
        seen = {str(c): (int(n[0]), int(n[1])) for c, n in summary.get("tactics", {}).items()}  # type: ignore[union-attr]
        recorded = [(str(b), int(i), str(s)) for b, i, s in summary.get("replies", [])]  # type: ignore[union-attr]
    except (TypeError, KeyError, ValueError, IndexError, AttributeError):
        return None  # unfinished, or recorded before summaries were kept: nothing to count
    for cat, (n, caught) in seen.items():
        tactics[cat][0] += n
        tactics[cat][1] += caught
    replies.extend(recorded)
    missed = tuple(c for c, (n, caught) in seen.items() for _ in range(n - caught))
    outcome = summary.get("outcome")  # type: ignore[union-attr]
    return ScenarioScore(scenario_id, play.finished, outcome if isinstance(outcome, str) else None,
                         score, missed)


def _beat_order(scenario: Scenario, beat: str) -> int:
    return list(scenario.beats).index(beat) if beat in scenario.beats else len(scenario.beats)


def _key_order(scenario: Scenario, key: str) -> tuple[int, int]:
    beat, _, index = key.rpartition("/")
    return (_beat_order(scenario, beat), int(index))


def collect(store: ResultsStore, session_ids: list[str] | None = None) -> list[GroupResult]:
    """Every group's results in the store (or in some sessions), for `build`: each
    playthrough's state replayed (slow for a whole board: `class_debrief` does not need it)."""
    out = []
    endings = store.endings()
    answers, spots = store.answers_by_group(session_ids), store.spots_by_group(session_ids)
    for g in store.groups(session_ids):
        plays = tuple(PlayRecord(p.scenario_id, p.round, p.state, p.finished,
                                 endings.get(p.id, {}).get("summary"))
                      for p in store.playthroughs(g.id))
        out.append(GroupResult(g.id, g.session_id, g.name, plays, tuple(answers.get(g.id, ())),
                               tuple(spots.get(g.id, ()))))
    return out


def store_learning(store: ResultsStore, session_ids: list[str] | None = None,
                   lines: list[list[str]] | None = None) -> ClassLearning:
    """What the class learned, from each group's board line (its checks' numbers, checkline.py):
    one short row per group, so a school board's debrief never reads its millions of judgements.
    `lines`: the board lines when the caller has read them already (board.read)."""
    reader = checkline.Reader()
    lines = board.read(store.db, session_ids) if lines is None else lines
    most = board.FIELDS
    ids = [f[0] for f in lines]
    phases = [reader[f[7]] if len(f) == most else None for f in lines]  # (a board's groups: look-ups)
    if None in phases:  # a line another version wrote, or damaged: the group's rows themselves
        chats = _chats(None)
        for n in (n for n, found in enumerate(phases) if found is None):
            phases[n] = group_learning(ids[n], store.spots(ids[n]), store.answers(ids[n]), chats).phases
    return pooled(ids, phases)  # type: ignore[arg-type]


def class_debrief(store: ResultsStore, scenarios: dict[str, Scenario],
                  check: KnowledgeCheck | None = None,
                  session_ids: list[str] | None = None) -> ClassDebrief:
    """The class debrief straight from the store (what the teacher screen shows), from the
    result lines the playthroughs keep (tally.py): the same numbers as `build(collect(...))`."""
    from .tally import no_cycles, store_debrief

    with no_cycles():
        lines = board.read(store.db, session_ids)  # read once: the stories' numbers and the checks' come from them
        model = store_debrief(store, scenarios, check, session_ids, lines)
        learning = store_learning(store, session_ids, lines=lines)
        del lines  # freed before the collector is back: it would walk each line once more
    return replace(model, learning=learning)
