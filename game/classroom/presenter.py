"""The class debrief as plain lines in the teacher's language: what the debrief screen, the PDF
report and `results debrief` each draw, and what the CSV writes for each group.

The numbers are the class debrief's (classdebrief.py). This picks, names and orders them once
(a tactic's name, a story's title, the flags and decisions story by story, the knowledge
check's gain by `knowledge.gain_between`), so the four agree; each keeps only its own way of
writing them (a percent sign, a cut name, a bar, a table). "What the class can spot"
(learning.py's numbers) is written here in full, sentence by sentence (`SpotLines`), so the
screen, the PDF and the text command say it in the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.engine.model import Scenario
from game.engine.scoring import Score
from game.engine.taxonomy import Taxonomy, category_name

from .debriefrows import CheckChange, ClassDebrief, GroupRow, ScenarioScore
from .knowledge import gain_between
from .learning import MIN_GROUPS, ClassLearning, Span
from .skillcheck import SPOT_CHATS
from .words import other_version_note, tr, trn


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
    spot: SpotLines | None = None  # what the class can spot; None: no group took a check


@dataclass(frozen=True)
class GroupChange:
    """One group's d′ before and after, for the chart and table (`text`: the three as written)."""

    name: str
    before: float
    after: float
    text: tuple[str, str, str]  # before, after, change


@dataclass(frozen=True)
class SpotLines:
    """"What the class can spot", written out: every view shows these sentences as they are."""

    title: str
    intro: str  # what the spot check is ("" when only the knowledge questions were asked)
    lines: tuple[str, ...]  # the numbers, before and after, over the same groups
    verdict: str  # the one rule's words (learning.verdict)
    tactics_title: str
    tactics: tuple[str, ...]  # one line per tactic
    later: tuple[str, ...]  # before, after and later ("" lines: no later check)
    chart_title: str
    headers: tuple[str, str, str, str]  # group, before, after, change
    groups: tuple[GroupChange, ...]  # the groups in the change, in group order

    def text(self) -> list[str]:
        """Every sentence in reading order (the text command, "read this screen")."""
        out = [self.title] + ([self.intro] if self.intro else []) + list(self.lines) + [self.verdict]
        if self.tactics:
            out += [self.tactics_title] + [f"  {t}" for t in self.tactics]
        return out + list(self.later)


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
    names = {g.group_id: g.name for g in model.groups}
    learning = model.learning
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
        spot=spot_lines(learning, names, tactic, lang, gain_between(change.before, change.after))
        if learning is not None and learning.any_check else None,
    )


def number(value: float, lang: str, signed: bool = False) -> str:
    """A d′ or a change as written: two decimals, a decimal comma in French."""
    text = f"{value:+.2f}" if signed else f"{value:.2f}"
    return text.replace(".", ",") if lang == "fr" else text


def spot_lines(learning: ClassLearning, names: dict[str, str], tactic: Callable[[str], str],
               lang: str, gain: int | None = None) -> SpotLines:
    """The section's sentences in `lang`; `names` are the groups' names by id, `tactic` names a
    category. Without any spot check (sessions before it), only the knowledge part. `gain`: the
    knowledge check's gain the debrief shows above (the one rule, `knowledge.gain_between`), so
    the two never say different numbers."""
    skill, spot, known = learning.skill, learning.spot, learning.knowledge
    lines: list[str] = []
    if learning.any_spot:
        if spot.groups:
            lines.append(trn("spot.same", spot.groups, lang))
            lines += _phases(spot, lang)
            low, mid, high = skill.spread or (0.0, 0.0, 0.0)
            counts = ", ".join(trn(f"spot.{k}", n, lang) for k, n in (
                ("improved", skill.improved), ("stayed", skill.stayed), ("dropped", skill.dropped)))
            lines.append(tr("spot.change", lang, change=number(skill.mean_change or 0.0, lang, True),
                            before=number(skill.mean_before or 0.0, lang),
                            after=number(skill.mean_after or 0.0, lang)))
            lines.append(tr("spot.spread", lang, low=number(low, lang, True), mid=number(mid, lang, True),
                            high=number(high, lang, True), counts=counts))
        else:
            lines.append(tr("spot.none_both", lang))
        if skill.others:
            lines.append(trn("spot.others", skill.others, lang))
        if learning.cut_short:
            lines.append(trn("spot.cut_short", len(learning.cut_short), lang, total=SPOT_CHATS))
    ks = learning.known
    if ks.groups:
        lines.append(trn("spot.knowledge", ks.groups, lang, before=_of(ks.right[0], ks.asked[0], lang),
                         after=_of(ks.right[1], ks.asked[1], lang),
                         change=f"{gain if gain is not None else round(known.mean_change or 0.0):+d}"))
    else:
        lines.append(tr("spot.knowledge_none", lang))
    headline = learning.headline
    k = {"most_improved": headline.improved, "most_dropped": headline.dropped}.get(headline.verdict,
                                                                                  headline.improved)
    verdict = "" if headline.verdict == "none" else trn(f"spot.verdict.{headline.verdict}", headline.groups,
                                                        lang, k=k, min=MIN_GROUPS)
    tactics = tuple(tr("spot.tactic", lang, tactic=tactic(t.category),
                       before=_of(t.before.hits, t.before.signals, lang) if t.before else "–",
                       after=_of(t.after.hits, t.after.signals, lang) if t.after else "–")
                    for t in sorted(learning.tactics, key=lambda t: tactic(t.category).casefold()))
    later: list[str] = []
    if learning.later_spot.groups:
        later.append(trn("spot.later", learning.later_spot.groups, lang))
        later += _phases(learning.later_spot, lang)
    lk = learning.later_known
    if lk.groups:
        if not later:
            later.append(trn("spot.later", lk.groups, lang))
        later.append(tr("spot.later_knowledge", lang, **{p: _of(r, a, lang) for p, r, a in zip(
            ("before", "after", "later"), lk.right, lk.asked, strict=True)}))
    short = learning.cut_short
    groups = tuple(GroupChange(_group_name(names.get(g, g[:8]), short.get(g), lang), a, b,
                               (number(a, lang), number(b, lang), number(b - a, lang, True)))
                   for g, a, b in zip(spot.group_ids, skill.before, skill.after, strict=True))
    return SpotLines(tr("spot.title", lang), tr("spot.intro", lang) if learning.any_spot else "",
                     tuple(lines), verdict, tr("spot.tactics", lang), tactics, tuple(later),
                     tr("spot.by_group", lang),
                     (tr("col.group", lang), tr("col.before", lang), tr("col.after", lang), tr("col.change", lang)),
                     groups)


_PHASE_WORDS = {"pre": "col.before", "post": "col.after", "later": "col.later"}


def _group_name(name: str, chats: tuple[int, int] | None, lang: str) -> str:
    """A group's name in the table by group, with the chats it judged when it judged fewer than
    the others ("Owls (2 of 3 chats after)")."""
    if chats is None:
        return name
    said = [trn(f"spot.short_{p}", n, lang, total=SPOT_CHATS) for p, n in zip(("pre", "post"), chats, strict=True)
            if n < SPOT_CHATS]
    return f"{name} ({'; '.join(said)})"


def _phases(span: Span, lang: str) -> list[str]:
    """One line per phase of a span: its pooled counts and mean d′."""
    groups = trn("report.groups_n", span.groups, lang)
    return [tr("spot.phase", lang, phase=tr(_PHASE_WORDS[p], lang), groups=groups, hits=c.hits,
               signals=c.signals, alarms=c.false_alarms, others=c.noise, d=number(d, lang))
            for p, c, d in zip(span.phases, span.counts, span.d_primes, strict=True)]


def _of(x: int, y: int, lang: str) -> str:
    return tr("spot.of", lang, x=x, y=y)
