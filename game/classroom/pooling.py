"""A class's groups pooled: the change over the same groups, the spot check's and the knowledge
questions' sums phase by phase, and each tactic's red flags, from each group's phases
(learning.py). A school board's 30,000 groups are pooled without an object per group: groups
that did alike share one reading (checkline.py), and each sum is a sum over the distinct
readings, each weighed by its number of groups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, compress, repeat
from math import fsum
from typing import Any, cast

from game.engine.detection import Counts

from .learning import (
    PHASES,
    STEADY_D,
    STEADY_POINTS,
    Change,
    ClassLearning,
    GroupLearning,
    PhaseResult,
    Span,
    TacticChange,
)


class _Profiles:
    """A class's groups by what they showed: groups whose board lines carry the same checks share
    one `phases` mapping (checkline.Reader), so each sum over the class is a sum over the distinct
    profiles, each weighed by its number of groups (a school board: 30,000 groups, a few hundred
    profiles); groups read from their rows each are a profile of their own."""

    def __init__(self, group_ids: Sequence[str], shared: Sequence[Mapping[str, PhaseResult]]) -> None:
        self.group_ids = group_ids
        self.keys = list(map(id, shared))
        self.weights = Counter(self.keys)
        self.phases = dict(zip(self.keys, shared, strict=True))
        self._ids: dict[frozenset[int], tuple[str, ...]] = {}
        self._took: dict[tuple[int, tuple[str, ...]], dict[int, int]] = {}
        self.d: dict[int, tuple[float | None, ...]] = {}  # d′ in each of PHASES
        self.k: dict[int, tuple[float | None, ...]] = {}  # knowledge in each of PHASES
        none = PhaseResult()  # (a phase not taken: no counts, nothing answered)
        for key, phases in self.phases.items():
            pre, post, later = phases.get("pre", none), phases.get("post", none), phases.get("later", none)
            self.d[key] = (pre.d_prime, post.d_prime, later.d_prime)
            self.k[key] = (pre.knowledge, post.knowledge, later.knowledge)

    def change(self, by: dict[int, tuple[float | None, ...]], steady: float) -> Change:
        """Before (pre) to after (post), over the groups with both, in group order."""
        both = self.took(by, ("pre", "post"))
        kept = [by[k] for k in self.keys if k in both]  # (took: both values there)
        others = sum(n for k, n in self.weights.items() if (by[k][0] is None) != (by[k][1] is None))
        return Change(cast("tuple[float, ...]", tuple(v[0] for v in kept)),
                      cast("tuple[float, ...]", tuple(v[1] for v in kept)), steady, others)

    def took(self, by: dict[int, tuple[float | None, ...]], phases: tuple[str, ...]) -> dict[int, int]:
        """The profiles with a value in every one of `phases`, and their numbers of groups."""
        key = (id(by), phases)
        found = self._took.get(key)
        if found is None:
            if phases == ("pre", "post"):
                found = {k: n for k, n in self.weights.items() if by[k][0] is not None and by[k][1] is not None}
            else:
                at = [PHASES.index(p) for p in phases]
                found = {k: n for k, n in self.weights.items() if all(by[k][i] is not None for i in at)}
            self._took[key] = found
        return found

    def ids(self, took: dict[int, int]) -> tuple[str, ...]:
        """The ids of the groups of these profiles, in group order."""
        key = frozenset(took)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = tuple(compress(self.group_ids, map(key.__contains__, self.keys)))
        return found

    def spot_span(self, phases: tuple[str, ...]) -> Span:
        """The spot check over the groups that judged chats in every one of `phases`: counts
        summed, d′ and c the mean of the groups'."""
        took = self.took(self.d, phases)
        total = sum(took.values())
        counts, d_primes, criteria = [], [], []
        for p in phases:
            sums = [0, 0, 0, 0]
            d: list[Iterable[float]] = []
            c: list[Iterable[float]] = []
            same: dict[int, list[Any]] = {}  # groups that judged alike share their counts: each once
            for k, n in took.items():
                x = self.phases[k][p].counts  # (took: judged chats in p)
                acc = same.get(id(x))
                if acc is None:
                    same[id(x)] = [x, n]
                else:
                    acc[1] += n
            for x, n in same.values():
                sums[0] += n * x.hits
                sums[1] += n * x.misses
                sums[2] += n * x.false_alarms
                sums[3] += n * x.correct_rejections
                d.append(repeat(x.d_prime, n))
                c.append(repeat(x.criterion, n))
            counts.append(Counts(*sums))
            if total:  # each group's own value summed exactly (fsum): the same mean however grouped
                d_primes.append(fsum(chain.from_iterable(d)) / total)
                criteria.append(fsum(chain.from_iterable(c)) / total)
        return Span(phases, self.ids(took), tuple(counts), tuple(d_primes), tuple(criteria))

    def knowledge_span(self, phases: tuple[str, ...]) -> Span:
        """The knowledge questions over the groups that answered some in every one of `phases`."""
        took = self.took(self.k, phases)
        return Span(phases, self.ids(took),
                    right=tuple(sum(n * self.phases[k][p].right for k, n in took.items()) for p in phases),
                    asked=tuple(sum(n * self.phases[k][p].asked for k, n in took.items()) for p in phases))

    def tactics(self, phases: tuple[str, ...]) -> tuple[TacticChange, ...]:
        """Each tactic's red flags before and after over the spot check's same groups, against
        their other messages (hits, misses, false alarms, correct rejections summed)."""
        took = self.took(self.d, phases)
        # by (phase, breakdown), then by (phase, 'category,hits,misses'): groups share breakdowns,
        # and every breakdown is made of a few of the same items, so each item is read once
        shared: dict[tuple[str, str], list[int]] = {}  # -> groups, false alarms, rejections
        for k, n in took.items():
            for phase in phases:
                result = self.phases[k][phase]
                counts = result.counts
                assert counts is not None  # took: judged chats in this phase
                acc = shared.get((phase, result.breakdown))
                if acc is None:
                    acc = shared[(phase, result.breakdown)] = [0, 0, 0]
                acc[0] += n
                acc[1] += n * counts.false_alarms
                acc[2] += n * counts.correct_rejections
        items: dict[tuple[str, str], list[int]] = {}
        for (phase, text), (n, alarms, rejections) in shared.items():
            for item in text.split():
                acc = items.get((phase, item))
                if acc is None:
                    acc = items[(phase, item)] = [0, 0, 0]
                acc[0] += n
                acc[1] += alarms
                acc[2] += rejections
        sums: dict[tuple[str, str], list[int]] = {}  # (phase, category) -> the four counts
        for (phase, item), (n, alarms, rejections) in items.items():
            cat, h, m = item.split(",")
            total = sums.setdefault((phase, cat), [0, 0, 0, 0])
            total[0] += n * int(h)
            total[1] += n * int(m)
            total[2] += alarms
            total[3] += rejections

        def pooled(phase: str, cat: str) -> Counts | None:
            found = sums.get((phase, cat))
            return Counts(*found) if found is not None else None

        before, after = phases
        return tuple(TacticChange(c, pooled(before, c), pooled(after, c))
                     for c in sorted({cat for _phase, cat in sums}))


def class_learning(groups: Sequence[GroupLearning]) -> ClassLearning:
    """The class's learning from its groups' (in group order)."""
    return pooled([g.group_id for g in groups], [g.phases for g in groups])


def pooled(group_ids: Sequence[str], phases: Sequence[Mapping[str, PhaseResult]]) -> ClassLearning:
    """The same from the groups' ids and phases side by side (what a board's debrief reads: no
    object per group). Groups that took no check are left out."""
    if not all(phases):
        kept = [(g, p) for g, p in zip(group_ids, phases, strict=True) if p]
        group_ids, phases = [g for g, _p in kept], [p for _g, p in kept]
    by = _Profiles(group_ids, phases)
    both = ("pre", "post")
    return ClassLearning(tuple(group_ids), tuple(phases), by.change(by.d, STEADY_D), by.change(by.k, STEADY_POINTS),
                         by.spot_span(both), by.knowledge_span(both), by.tactics(both),
                         by.spot_span(PHASES), by.knowledge_span(PHASES))
