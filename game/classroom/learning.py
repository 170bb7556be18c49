"""What the class learned: the spot check and the knowledge questions before, after and later,
compared over the same groups.

Pure functions of plain records (`Spot`, `Answer`) and the engine's chats, so the numbers are
the same from the store, from imported files and in a test. A group's spot check in one phase
is scored by `engine.detection` (hits, false alarms, d′ and c); its knowledge is the questions
it got right of those it answered. A class is 8-12 groups, so the change from before to after
is reported over the groups that took both, group by group (how many improved, stayed, dropped;
the lowest, middle and highest change), and put in words by ONE rule, `verdict`, which never
claims more than a handful of groups can show (docs/evaluation.md explains it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import mean, median
from typing import Literal

from game.engine.detection import Counts, by_tactic, tally
from game.engine.spotcheck import SpotCheck

from .knowledge import KnowledgeCheck
from .records import Answer, Spot

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


@dataclass(frozen=True)
class PhaseResult:
    """One group's checks in one phase: the spot check's counts (None: no chat judged) and the
    knowledge questions right of those answered (asked 0: none answered)."""

    form: str = ""
    counts: Counts | None = None
    tactic_hits: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # category -> (hits, misses)
    right: int = 0
    asked: int = 0

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


@dataclass(frozen=True)
class GroupLearning:
    group_id: str
    phases: Mapping[str, PhaseResult]

    def d_prime(self, phase: str) -> float | None:
        found = self.phases.get(phase)
        return found.counts.d_prime if found is not None and found.counts is not None else None

    def knowledge(self, phase: str) -> float | None:
        found = self.phases.get(phase)
        return found.knowledge if found is not None else None


Scored = tuple[Counts, dict[str, tuple[int, int]]]  # a chat's counts, and (hits, misses) by tactic
ScoreCache = dict[tuple[str, frozenset[int]], Scored]


def _score(chat: SpotCheck, flagged: frozenset[int], cache: ScoreCache) -> Scored:
    """One chat judged one way, scored by `engine.detection` once: groups judge a chat in only a
    few distinct ways, so a school board's thousands of groups are a few look-ups each."""
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
    return _learning(group_id, judged, forms, known, chats, {} if cache is None else cache)


def line_learning(group_id: str, checks: str, chats: Mapping[str, SpotCheck], cache: ScoreCache) -> GroupLearning:
    """The same from a group's board line ('S:phase:form:chat:flagged' and 'K:phase:form:answered:
    right' parts, board.py): a school board's groups are read one line each, not row by row."""
    judged: Judged = {}
    forms: dict[str, str] = {}
    known: Known = {}
    for part in checks.split(";") if checks else ():
        kind, phase, form, *rest = part.split(":")
        if kind == "S" and len(rest) == 2:
            judged.setdefault(phase, {})[rest[0]] = {int(m) for m in rest[1].split(",") if m}
            if form:
                forms.setdefault(phase, form)
        elif kind == "K" and len(rest) == 2:
            known[phase] = (int(rest[1]), int(rest[0]), form)
    return _learning(group_id, judged, forms, known, chats, cache)


Judged = dict[str, dict[str, set[int]]]  # phase -> chat id -> flagged messages
Known = dict[str, tuple[int, int, str]]  # phase -> (right, answered, form) of the knowledge questions


def _learning(group_id: str, judged: Judged, forms: dict[str, str], known: Known,
              chats: Mapping[str, SpotCheck], cache: ScoreCache) -> GroupLearning:
    phases: dict[str, PhaseResult] = {}
    for phase in PHASES:  # added up in plain numbers, Counts made once (a board has 30,000 groups)
        right, asked, answered_form = known.get(phase, (0, 0, ""))
        h = m = f = c = 0
        hits: dict[str, list[int]] = {}
        scored = False
        for chat_id, flagged in judged.get(phase, {}).items():
            chat = chats.get(chat_id)
            if chat is None:
                continue
            counted, by_cat = _score(chat, frozenset(flagged), cache)
            scored = True
            h, m = h + counted.hits, m + counted.misses
            f, c = f + counted.false_alarms, c + counted.correct_rejections
            for cat, (ch, cm) in by_cat.items():
                both = hits.setdefault(cat, [0, 0])
                both[0] += ch
                both[1] += cm
        if not scored and not asked:
            continue
        counts = Counts(h, m, f, c) if scored else None
        tactic_hits = {cat: (ch, cm) for cat, (ch, cm) in sorted(hits.items())} if scored else {}
        phases[phase] = PhaseResult(forms.get(phase) or answered_form, counts, tactic_hits, right, asked)
    return GroupLearning(group_id, phases)


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

    @property
    def changes(self) -> tuple[float, ...]:
        return tuple(b - a for a, b in zip(self.before, self.after, strict=True))

    @property
    def improved(self) -> int:
        return sum(c > self.steady for c in self.changes)

    @property
    def dropped(self) -> int:
        return sum(c < -self.steady for c in self.changes)

    @property
    def stayed(self) -> int:
        return self.groups - self.improved - self.dropped

    @property
    def spread(self) -> tuple[float, float, float] | None:
        """The lowest, median and highest change (None: no group took both)."""
        c = self.changes
        return (min(c), median(c), max(c)) if c else None

    @property
    def mean_before(self) -> float | None:
        return mean(self.before) if self.before else None

    @property
    def mean_after(self) -> float | None:
        return mean(self.after) if self.after else None

    @property
    def mean_change(self) -> float | None:
        """The mean of the groups' changes (= mean after − mean before, the same groups)."""
        return mean(self.changes) if self.before else None

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
    middle = median(change.changes)
    if change.improved >= CLEAR_MAJORITY * n and middle > 0:
        return "most_improved"
    if change.dropped >= CLEAR_MAJORITY * n and middle < 0:
        return "most_dropped"
    return "unclear"


def compare(pairs: Sequence[tuple[float | None, float | None]], steady: float) -> Change:
    """The change over the pairs (one per group) that have both values."""
    both = [(a, b) for a, b in pairs if a is not None and b is not None]
    one = sum((a is None) != (b is None) for a, b in pairs)
    return Change(tuple(a for a, _b in both), tuple(b for _a, b in both), steady, one)


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


def spot_span(groups: Sequence[GroupLearning], phases: tuple[str, ...]) -> Span:
    """The spot check over the groups that judged chats in every one of `phases`."""
    mine = [g for g in groups if all(g.d_prime(p) is not None for p in phases)]
    per = [[g.phases[p].counts for g in mine] for p in phases]
    return Span(phases, tuple(g.group_id for g in mine),
                tuple(Counts.total(c for c in cs if c is not None) for cs in per),
                tuple(mean(c.d_prime for c in cs if c is not None) for cs in per) if mine else (),
                tuple(mean(c.criterion for c in cs if c is not None) for cs in per) if mine else ())


def knowledge_span(groups: Sequence[GroupLearning], phases: tuple[str, ...]) -> Span:
    """The knowledge questions over the groups that answered some in every one of `phases`."""
    mine = [g for g in groups if all(g.knowledge(p) is not None for p in phases)]
    return Span(phases, tuple(g.group_id for g in mine),
                right=tuple(sum(g.phases[p].right for g in mine) for p in phases),
                asked=tuple(sum(g.phases[p].asked for g in mine) for p in phases))


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

    groups: tuple[GroupLearning, ...]
    skill: Change  # d′, before to after
    knowledge: Change  # percent right, before to after
    spot: Span  # the spot check's groups with both phases
    known: Span  # the knowledge questions' groups with both phases
    tactics: tuple[TacticChange, ...]
    later_spot: Span  # before, after and later, over the groups present each time
    later_known: Span

    @property
    def any_spot(self) -> bool:
        return any(p.counts is not None for g in self.groups for p in g.phases.values())

    @property
    def any_check(self) -> bool:
        return bool(self.groups)

    @property
    def headline(self) -> Change:
        """The change the verdict is about: the skill when a spot check was run, else knowledge."""
        return self.skill if self.any_spot else self.knowledge


def class_learning(groups: Sequence[GroupLearning]) -> ClassLearning:
    """The class's learning from its groups' (in group order)."""
    groups = tuple(g for g in groups if g.phases)
    skill = compare([(g.d_prime("pre"), g.d_prime("post")) for g in groups], STEADY_D)
    knowledge = compare([(g.knowledge("pre"), g.knowledge("post")) for g in groups], STEADY_POINTS)
    spot = spot_span(groups, ("pre", "post"))
    ids = set(spot.group_ids)
    same = [g for g in groups if g.group_id in ids]
    sums: dict[tuple[str, str], list[int]] = {}  # (phase, category) -> hits, misses, false alarms, rejections
    for g in same:  # one pass, in plain sums: a school board has thousands of groups
        for phase in ("pre", "post"):
            result = g.phases[phase]
            counts = result.counts
            if counts is None:
                continue
            for cat, (h, m) in result.tactic_hits.items():
                acc = sums.setdefault((phase, cat), [0, 0, 0, 0])
                acc[0] += h
                acc[1] += m
                acc[2] += counts.false_alarms
                acc[3] += counts.correct_rejections
    cats = sorted({cat for _phase, cat in sums})

    def pooled(phase: str, cat: str) -> Counts | None:
        """A tactic's red flags over the same groups, against their other messages."""
        found = sums.get((phase, cat))
        return Counts(*found) if found is not None else None

    tactics = tuple(TacticChange(c, pooled("pre", c), pooled("post", c)) for c in cats)
    return ClassLearning(groups, skill, knowledge, spot, knowledge_span(groups, ("pre", "post")), tactics,
                         spot_span(groups, PHASES), knowledge_span(groups, PHASES))


# --- the researchers' file ----------------------------------------------------------------------

# one row per response; docs/evaluation.md describes each column
RESEARCH_COLUMNS = ("session", "group", "phase", "form", "instrument", "item", "tactic", "signal",
                    "response", "correct", "ms")


def session_key(session_id: str) -> str:
    """A session as the researchers' file names it: a hash of its id, never its class label."""
    return hashlib.sha256(f"redflags-research:{session_id}".encode()).hexdigest()[:12]


def research_rows(session: str, group: str, spots: Iterable[Spot], answers: Iterable[Answer],
                  chats: Mapping[str, SpotCheck], checks: Mapping[str, KnowledgeCheck]) -> list[list[object]]:
    """One group's responses as rows of RESEARCH_COLUMNS, phase by phase: its spot-check
    judgements (every message from someone else, flagged or not), then its answers. `session`
    and `group` are the anonymous labels (`session_key`, "G1"...). A chat or question not
    installed here leaves its tactic, signal and correct blank rather than guessed."""
    rows: list[list[object]] = []
    spots, answers = list(spots), list(answers)
    for phase in PHASES:
        for s in (s for s in spots if s.phase == phase):
            chat = chats.get(s.chat_id)
            msg = chat.messages[s.message] if chat is not None and 0 <= s.message < len(chat.messages) else None
            signal: object = "" if msg is None else int(msg.red_flag is not None)
            rows.append([session, group, phase, s.form, "spot", f"{s.chat_id}#{s.message}",
                         "" if msg is None else msg.red_flag or "", signal, int(s.flagged),
                         "" if msg is None else int(s.flagged == bool(signal)), _blank(s.ms)])
        for a in (a for a in answers if a.phase == phase):
            check = checks.get(a.check_id)
            q = check.question(a.question_id) if check is not None else None
            rows.append([session, group, phase, a.form or (check.form if check is not None else ""), "quiz",
                         a.question_id, (q.tactic or "") if q is not None else "", "", a.answer,
                         int(a.correct), _blank(a.ms)])
    return rows


def _blank(value: int | None) -> object:
    return "" if value is None else value
