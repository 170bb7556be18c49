"""What the class learned: the spot check and the knowledge questions before, after and later,
compared over the same groups.

Pure functions of plain records (`Spot`, `Answer`) and the engine's chats, so the numbers are
the same from the store, from imported files and in a test. A group's spot check in one phase
is scored by `engine.detection` (hits, false alarms, d′ and c); its knowledge is the questions
it got right of those it answered. A class is 8-12 groups, so the change from before to after
is reported over the groups that took both, group by group (how many improved, stayed, dropped;
the lowest, middle and highest change), and put in words by ONE rule, `verdict`, which never
claims more than a handful of groups can show (docs/evaluation.md explains it). The class's
groups are pooled by pooling.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from math import fsum
from statistics import median
from typing import Literal, NamedTuple

from game.engine.detection import Counts, by_tactic, tally
from game.engine.spotcheck import SpotCheck

from .records import Answer, Spot
from .skillcheck import SPOT_CHATS

PHASES = ("pre", "post", "later")

# The verdict rule (stated once; docs/evaluation.md says it in words):
MIN_GROUPS = 6  # fewer groups with both phases: too few to conclude anything
CLEAR_MAJORITY = 2 / 3  # "most groups improved" needs at least two groups in three to improve...
# ...and the median change above zero (the symmetric rule says "most groups dropped")
STEADY_D = 0.25  # a d′ change this small or smaller is "about the same": in a spot check of
# three chats, one more red flag flagged moves a group's d′ by about 0.2 to 0.4 (one more false
# alarm, with few ordinary messages, by more), so a smaller change is one message's luck
STEADY_POINTS = 0  # knowledge: only the same share right counts as the same

Verdict = Literal["none", "too_few", "most_improved", "most_dropped", "unclear"]


class PhaseResult(NamedTuple):
    """One group's checks in one phase: the spot check's counts over the chats it judged (None:
    no chat judged) and the knowledge questions right of those answered (asked 0: none answered).
    A named tuple: a school board's debrief reads one for each group and phase."""

    form: str = ""
    counts: Counts | None = None
    breakdown: str = ""  # each tactic's red flags caught and missed: 'category,hits,misses ...', sorted
    right: int = 0
    asked: int = 0
    chats: int = 0  # spot-check chats judged (fewer than a session gives: the check was cut short)

    @property
    def tactic_hits(self) -> dict[str, tuple[int, int]]:
        """The breakdown read: category -> (hits, misses)."""
        return {cat: (int(h), int(m)) for cat, h, m in (item.split(",") for item in self.breakdown.split())}

    @property
    def tactics(self) -> dict[str, Counts]:
        """Each tactic's red flags (hits, misses) against the phase's other messages (false alarms,
        correct rejections: an ordinary message belongs to no tactic), by category."""
        c = self.counts
        if c is None:
            return {}
        return {cat: Counts(h, m, c.false_alarms, c.correct_rejections) for cat, (h, m) in self.tactic_hits.items()}

    @property
    def knowledge(self) -> float | None:
        """Percent right of the questions answered (None: none answered)."""
        return 100 * self.right / self.asked if self.asked else None

    @property
    def d_prime(self) -> float | None:
        """The spot check's d′ (None: no chat judged)."""
        return self.counts.d_prime if self.counts is not None else None


class GroupLearning(NamedTuple):
    """One group's checks, phase by phase (a named tuple: a school board makes 30,000 of them in
    one debrief). Groups that answered alike share one `phases` mapping: never change it."""

    group_id: str
    phases: Mapping[str, PhaseResult]

    def d_prime(self, phase: str) -> float | None:
        found = self.phases.get(phase)
        return found.d_prime if found is not None else None

    def knowledge(self, phase: str) -> float | None:
        found = self.phases.get(phase)
        return found.knowledge if found is not None else None


Scored = tuple[Counts, dict[str, tuple[int, int]]]  # a chat's counts, and (hits, misses) by tactic
Judged = dict[str, dict[str, set[int]]]  # phase -> chat id -> flagged messages
Known = dict[str, tuple[int, int, str]]  # phase -> (right, answered, form) of the knowledge questions


ScoreCache = dict[tuple[str, frozenset[int]], Scored]  # a chat judged one way -> its score


def _score(chat: SpotCheck, flagged: frozenset[int], cache: ScoreCache) -> Scored:
    """One chat judged one way, scored by `engine.detection` once: groups judge a chat in only a
    few distinct ways, so a class's groups are a few look-ups each."""
    key = (chat.id, flagged)
    found = cache.get(key)
    if found is None:
        marked = [(chat.id, i) for i in flagged]
        found = cache[key] = (tally([chat], marked),
                              {c: (n.hits, n.misses) for c, n in by_tactic([chat], marked).items()})
    return found


def group_learning(group_id: str, spots: Iterable[Spot], answers: Iterable[Answer],
                   chats: Mapping[str, SpotCheck], cache: ScoreCache | None = None) -> GroupLearning:
    """A group's results phase by phase: `engine.detection.tally` and `by_tactic` over the chats
    it judged (chat by chat, added up: the same numbers as over all of them at once). A
    judgement of a chat not installed here counts for nothing. `cache`: shared by a class's groups."""
    judged: Judged = {}
    forms: dict[str, str] = {}
    for s in spots:
        flagged = judged.setdefault(s.phase, {}).setdefault(s.chat_id, set())
        if s.flagged:
            flagged.add(s.message)
        if s.form:
            forms.setdefault(s.phase, s.form)
    known: Known = {}
    for a in answers:
        right, asked, form = known.get(a.phase, (0, 0, ""))
        known[a.phase] = (right + a.correct, asked + 1, form or a.form)
    return GroupLearning(group_id, phases_of(judged, forms, known, chats, {} if cache is None else cache))


def phases_of(judged: Judged, forms: dict[str, str], known: Known,
              chats: Mapping[str, SpotCheck], cache: ScoreCache) -> dict[str, PhaseResult]:
    """A group's phases from its judgements by phase and chat, the forms they were in and its
    knowledge answers counted (right, answered, form) by phase."""
    phases: dict[str, PhaseResult] = {}
    for phase in PHASES:  # added up in plain numbers, Counts made once
        right, asked, answered_form = known.get(phase, (0, 0, ""))
        h = m = f = c = chats_judged = 0
        hits: dict[str, list[int]] = {}
        for chat_id, flagged in judged.get(phase, {}).items():
            chat = chats.get(chat_id)
            if chat is None:
                continue
            counted, by_cat = _score(chat, frozenset(flagged), cache)
            chats_judged += 1
            h, m = h + counted.hits, m + counted.misses
            f, c = f + counted.false_alarms, c + counted.correct_rejections
            for cat, (ch, cm) in by_cat.items():
                both = hits.setdefault(cat, [0, 0])
                both[0] += ch
                both[1] += cm
        if not chats_judged and not asked:
            continue
        counts = Counts(h, m, f, c) if chats_judged else None
        breakdown = " ".join(f"{cat},{ch},{cm}" for cat, (ch, cm) in sorted(hits.items()))
        phases[phase] = PhaseResult(forms.get(phase) or answered_form, counts, breakdown, right, asked,
                                    chats_judged)
    return phases


# --- over the same groups -----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A measure before and after, over the groups that took both (in group order)."""

    before: tuple[float, ...]
    after: tuple[float, ...]
    steady: float = 0.0  # a change this small or smaller is "about the same"
    others: int = 0  # groups that took only one of the two (not counted)

    @property
    def groups(self) -> int:
        return len(self.before)

    @cached_property  # (asked several times for one report; a board has thousands of groups)
    def changes(self) -> tuple[float, ...]:
        return tuple(b - a for a, b in zip(self.before, self.after, strict=True))

    @cached_property
    def improved(self) -> int:
        return sum(c > self.steady for c in self.changes)

    @cached_property
    def dropped(self) -> int:
        return sum(c < -self.steady for c in self.changes)

    @property
    def stayed(self) -> int:
        return self.groups - self.improved - self.dropped

    @cached_property
    def spread(self) -> tuple[float, float, float] | None:
        """The lowest, median and highest change (None: no group took both)."""
        c = self.changes
        return (min(c), median(c), max(c)) if c else None

    @property
    def mean_before(self) -> float | None:
        return _mean(self.before)

    @property
    def mean_after(self) -> float | None:
        return _mean(self.after)

    @property
    def mean_change(self) -> float | None:
        """The mean of the groups' changes (= mean after − mean before, the same groups)."""
        return _mean(self.changes)

    @property
    def verdict(self) -> Verdict:
        return verdict(self)


def verdict(change: Change) -> Verdict:
    """THE rule for putting a change in words. No group took both: "none". Fewer than
    MIN_GROUPS: "too_few" (nothing can be concluded). Otherwise "most_improved" only when at
    least CLEAR_MAJORITY of the groups improved and the median change is positive (and
    "most_dropped" the other way round); anything else is "unclear". Never a claim of
    significance: a class is a handful of groups with no comparison class."""
    n = change.groups
    if n == 0:
        return "none"
    if n < MIN_GROUPS:
        return "too_few"
    middle = change.spread[1] if change.spread is not None else 0.0
    if change.improved >= CLEAR_MAJORITY * n and middle > 0:
        return "most_improved"
    if change.dropped >= CLEAR_MAJORITY * n and middle < 0:
        return "most_dropped"
    return "unclear"


def _mean(values: Sequence[float]) -> float | None:
    """The mean in plain floats (`math.fsum`: exact to the last digit shown, and a board's
    30,000 values in microseconds where `statistics.mean`'s exact fractions take a tenth of a
    second); None for none."""
    return fsum(values) / len(values) if values else None


@dataclass(frozen=True)
class Span:
    """The groups that took every phase of `phases`, pooled phase by phase: the spot check's
    counts summed, d′ and c the mean of the groups' (each group is one unit), the knowledge
    questions right and answered summed."""

    phases: tuple[str, ...]
    group_ids: tuple[str, ...]
    counts: tuple[Counts, ...] = ()
    d_primes: tuple[float, ...] = ()
    criteria: tuple[float, ...] = ()
    right: tuple[int, ...] = ()
    asked: tuple[int, ...] = ()

    @property
    def groups(self) -> int:
        return len(self.group_ids)


@dataclass(frozen=True)
class TacticChange:
    """One tactic's red flags flagged before and after, over the spot check's same groups
    (None: no chat of that phase showed it)."""

    category: str
    before: Counts | None
    after: Counts | None


@dataclass(frozen=True)
class ClassLearning:
    """What the class learned, over the same groups each time."""

    group_ids: tuple[str, ...]  # the groups that took a check, in group order...
    group_phases: tuple[Mapping[str, PhaseResult], ...]  # ...and what each showed (shared: see _Profiles)
    skill: Change  # d′, before to after
    knowledge: Change  # percent right, before to after
    spot: Span  # the spot check's groups with both phases
    known: Span  # the knowledge questions' groups with both phases
    tactics: tuple[TacticChange, ...]
    later_spot: Span  # before, after and later, over the groups present each time
    later_known: Span

    @cached_property  # (made when asked: a school board's debrief needs only the sums)
    def groups(self) -> tuple[GroupLearning, ...]:
        return tuple(map(GroupLearning, self.group_ids, self.group_phases))

    @cached_property
    def any_spot(self) -> bool:
        return any(p.counts is not None for phases in {id(x): x for x in self.group_phases}.values()
                   for p in phases.values())

    @property
    def any_check(self) -> bool:
        return bool(self.group_ids)

    @cached_property
    def cut_short(self) -> dict[str, tuple[int, int]]:
        """The groups in the spot check's change that judged fewer chats before or after than a
        session gives (SPOT_CHATS: the teacher ended the session, or the group left it): group id
        -> (chats before, chats after). Still counted, but their d′ rests on fewer messages."""
        ids = set(self.spot.group_ids)
        both = ((g, p["pre"].chats, p["post"].chats) for g, p in zip(self.group_ids, self.group_phases, strict=True)
                if g in ids)
        return {g: (pre, post) for g, pre, post in both if min(pre, post) < SPOT_CHATS}

    @property
    def headline(self) -> Change:
        """The change the verdict is about: the skill when a spot check was run, else knowledge."""
        return self.skill if self.any_spot else self.knowledge
