"""The class debrief of a whole store, fast enough for a school board (30,000 groups).

`build` (classdebrief.py) scores each playthrough from its replayed state: exact, but replaying
and scoring take a fraction of a millisecond each. Here the store's board is read instead
(board.py): one line per group, kept current with every write, with its picked playthroughs'
result lines (recording.result_line) in parts and the sums of their scores. A group is then one
split and a few look-ups: each distinct part (a score with the flags missed, what was seen,
named and replied) is parsed and checked against its story once (groups differ much less in
each part than in all of them together), and the counts of each are spread over the red flags
and choices at the end. The numbers are those of `build(collect(store))`: a group with a
playthrough whose line can't be used (its story not installed or changed since, recorded before
lines were kept, a line that does not fit the story) is counted the way `build` counts it.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from enum import Enum
from functools import cached_property
from typing import Final, Literal, cast

from game.engine.deeds import offered_acts
from game.engine.model import Scenario
from game.engine.scoring import Score

from . import board, vault
from .classdebrief import (
    ClassDebrief,
    GroupRow,
    PlayRecord,
    ScenarioScore,
    Tally,
    check_percent,
    pick_plays,
    tally_percent,
)
from .knowledge import KnowledgeCheck
from .recording import RESULT_VERSION
from .store import ResultsStore

_SCORE_FIELDS = tuple(f.name for f in fields(Score))
_ROW_FIELDS = tuple(f.name for f in fields(ScenarioScore))


@dataclass
class _Story:
    """One installed story's counts, by distinct part of the result lines."""

    scenario: Scenario
    rows: dict[tuple[str, str, str], ScenarioScore | None] = field(default_factory=dict)

    @cached_property
    def acts(self) -> bool:
        """The story has named actions, so its score has a "what you did" part (deeds.py)."""
        return bool(offered_acts(self.scenario))

    @cached_property
    def _keys(self) -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]]:
        """Each red flag's key ('beat/index') and each choice's, with its (beat, index)."""
        flags, choices = {}, {}
        for beat_id, beat in self.scenario.beats.items():
            for i, message in enumerate(beat.messages):
                if message.flag:
                    flags[f"{beat_id}/{i}"] = (beat_id, i)
            for i in range(len(beat.choices or ())):
                choices[f"{beat_id}/{i}"] = (beat_id, i)
        return flags, choices

    def keys(self, text: str, replies: bool = False) -> list[tuple[str, int]] | None:
        """The (beat, index) of a part's keys, if each is one of this story's red flags (or, for
        replies, choices); else None."""
        known = self._keys[replies]
        found = [known.get(key) for key in text.split()]
        return None if None in found else found  # type: ignore[return-value]


class _Lines:
    """Result lines counted into a `Tally`. Each distinct part of the board lines is parsed and
    checked once; the counts of each are spread over the flags and choices at the end. Parts
    that don't fit their story (a damaged or forged line) are found then (`unfit_parts`): the
    groups with them are counted again, the long way."""

    def __init__(self, tally: Tally, unfit: frozenset[str] = frozenset()):
        self.tally, self.unfit = tally, unfit
        self.stories: dict[str, _Story] = {}
        self.scores: dict[str, Score | None] = {}
        self.row_sets: dict[str, tuple[ScenarioScore, ...] | None] = {"": ()}
        self.rows_seen: list[str] = []  # the rows part of each group counted
        self.rests_seen: list[str] = []

    def story(self, sid: str) -> _Story:
        found = self.stories.get(sid)
        if found is None:
            found = self.stories[sid] = _Story(self.tally.scenarios[sid])
        return found

    def score(self, text: str) -> Score | None:
        found: Score | None | Literal[False] = self.scores.get(text, False)
        if found is False:
            try:
                values = [int(v) for v in text.split(",")]
            except ValueError:
                values = []
            made: Score | None = None
            if len(values) == len(_SCORE_FIELDS) - 1:  # a line from before "what you did": 0 of it
                values.append(0)
            if len(values) == len(_SCORE_FIELDS):
                made = object.__new__(Score)  # a frozen dataclass, made without its __init__
                made.__dict__.update(zip(_SCORE_FIELDS, values, strict=True))
            found = self.scores[text] = made
        return found

    def rows(self, text: str) -> tuple[ScenarioScore, ...] | None:
        """The rows of a board line's rows part ('story|score|outcome|missed;...'), None when
        a part doesn't fit (or was found unfit)."""
        found: tuple[ScenarioScore, ...] | None | Literal[False] = self.row_sets.get(text, False)
        if found is False:
            out: list[ScenarioScore] = []
            for part in text.split(";"):
                sid, score_text, outcome, missed = (part.split("|") + ["", "", ""])[:4]
                story = self.stories.get(sid) or (self.story(sid) if sid in self.tally.scenarios else None)
                key = (score_text, outcome, missed)
                row: ScenarioScore | None | Literal[False]
                if story is None or part in self.unfit:
                    row = None
                else:
                    row = story.rows.get(key, False)
                    if row is False:
                        row = story.rows[key] = self._row(story, score_text, outcome, missed)
                if row is None:
                    found = None
                    break
                out.append(row)
            else:
                found = tuple(out)
            self.row_sets[text] = found
        return found

    def add(self, rows: str, rests: str) -> tuple[ScenarioScore, ...] | None:
        """Count a group's (or one playthrough's) rows and rests parts; None when they can't be."""
        found = self.rows(rows)
        if found is None or (self.unfit and rests in self.unfit):
            return None
        self.rows_seen.append(rows)
        self.rests_seen.append(rests)
        return found

    def _row(self, story: _Story, score_text: str, outcome: str, missed: str) -> ScenarioScore | None:
        score = self.score(score_text)
        keys = story.keys(missed)
        if score is None or keys is None or outcome not in ("", "safe", "risky", "harmful"):
            return None
        if story.acts and score_text.count(",") < len(_SCORE_FIELDS) - 1:
            return None  # a phone story's line without its "what you did" points: replayed instead
        beats = story.scenario.beats
        tactics = tuple(beats[b].messages[i].flag.category for b, i in keys)  # type: ignore[union-attr]
        row = object.__new__(ScenarioScore)
        row.__dict__.update(zip(_ROW_FIELDS, (story.scenario.id, bool(outcome), outcome or None, score,
                                              tactics), strict=True))
        return row

    @staticmethod
    def _parts(fields: Counter[str]) -> Counter[str]:
        """Each distinct part ('story|...') of these fields, with its number of playthroughs:
        fields are ';'-joined parts, one per story, and groups share parts far more than fields."""
        out: Counter[str] = Counter()
        for text, n in fields.items():
            for part in text.split(";") if text else ():
                out[part] += n
        return out

    @cached_property
    def _rests(self) -> Counter[str]:
        """The rests fields counted (once all are seen: unfit_parts, then spread)."""
        return Counter(self.rests_seen)

    def unfit_parts(self) -> set[str]:
        """Rests fields counted with a part that doesn't fit its story (none, unless a line was
        damaged or forged)."""
        bad_parts = {part for part in self._parts(self._rests) if not self._fits(part)}
        if not bad_parts:
            return set()
        return {text for text in self._rests if not bad_parts.isdisjoint(text.split(";"))}

    def _fits(self, part: str) -> bool:
        sid, seen, named, replies = (part.split("|") + ["", "", ""])[:4]
        story = self.stories.get(sid)
        return not (story is None or part.count("|") != 3 or story.keys(seen) is None
                    or story.keys(named) is None or story.keys(replies, replies=True) is None)

    def spread(self) -> None:
        """The counts by part, spread over each red flag and choice (caught = seen - missed)."""
        flags, choices = self.tally.flags, self.tally.choices
        seen: Counter[tuple[str, str]] = Counter()
        named: Counter[tuple[str, str]] = Counter()
        for part, n in self._parts(self._rests).items():
            sid, seen_text, named_text, replies = part.split("|")  # (unfit_parts: each has four)
            for key in seen_text.split():
                seen[(sid, key)] += n
            for key in named_text.split():
                named[(sid, key)] += n
            for beat, i in self.stories[sid].keys(replies, replies=True) or ():  # (unfit_parts: they fit)
                choices[(sid, beat, i)] += n
        missed: Counter[tuple[str, str]] = Counter()
        for part, n in self._parts(Counter(self.rows_seen)).items():
            sid, _score, _outcome, keys = part.split("|")
            for key in keys.split():
                missed[(sid, key)] += n
        for (sid, key), n in seen.items():
            caught = max(0, n - missed[(sid, key)])
            flags[(sid, key, "seen")] += n
            flags[(sid, key, "caught")] += caught
            flags[(sid, key, "named")] += min(caught, named[(sid, key)])


_SUMS = GroupRow._fields[3:9]  # the sums a board line keeps (board._SUM_AT), in GroupRow's order


class _Missing(Enum):
    """Not looked up yet (a part's value may be None)."""

    MISSING = 0


_MISSING: Final = _Missing.MISSING


@contextmanager
def no_cycles() -> Iterator[None]:
    """Without the cyclic garbage collector: the debrief of a board makes tens of thousands of
    rows, none in a cycle, and the collector would walk every object the game holds (the stories)
    again and again while they are made: it took 40 % of the time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def store_debrief(store: ResultsStore, scenarios: dict[str, Scenario], check: KnowledgeCheck | None = None,
                  session_ids: list[str] | None = None, lines: list[list[str]] | None = None) -> ClassDebrief:
    """The class debrief of every group in the store (or in some sessions); `lines`: their board
    lines when the caller has read them already (board.read)."""
    if lines is None:
        lines = board.read(store.db, session_ids)
    with no_cycles():
        return _store_debrief(store, scenarios, check, lines, frozenset())


def _store_debrief(store: ResultsStore, scenarios: dict[str, Scenario], check: KnowledgeCheck | None,
                   board_lines: list[list[str]], unfit: frozenset[str]) -> ClassDebrief:
    tally = Tally(scenarios)
    lines = _Lines(tally, unfit)
    installed = {f"{sid}:{s.fingerprint}" for sid, s in scenarios.items()}
    stories: dict[str, bool] = {}  # a board line's stories part -> all installed, same versions
    sums_of: dict[str, tuple[int, ...] | None] = {"": None}  # a sums part -> GroupRow's numbers (_SUMS)
    checks: dict[str, int | None] = {"": None}
    sealed, opened = vault.PREFIX, store.opened_names()
    groups = tally.groups
    row_sets, rows_seen, rests_seen = lines.row_sets, lines.rows_seen, lines.rests_seen

    def percent(text: str) -> int | None:
        try:
            answered, right, check_id = text.split(":", 2)
            found = tally_percent(int(answered), int(right), check_id, check)
        except ValueError:
            found = None
        checks[text] = found
        return found

    def fits(text: str) -> bool:
        ok = stories[text] = all(part in installed for part in text.split())
        if ok:
            for part in text.split():
                tally.played.setdefault(part.split(":")[0])
        return ok

    def summed(text: str) -> tuple[int, ...] | None:
        version, _, values = text.partition(":")
        try:
            found = [int(v) for v in values.split(",")] if version == RESULT_VERSION else []
        except ValueError:
            found = []
        sums_of[text] = fields = tuple(found) if len(found) == len(_SUMS) else None
        return fields

    missing, new, row_class, whole = _MISSING, tuple.__new__, GroupRow, board.FIELDS  # (locals: 30,000 rounds)
    add_group, see_rows, see_rests = groups.append, rows_seen.append, rests_seen.append
    for line in board_lines:
        gid, name = line[0], line[-1]
        if name.startswith(sealed):
            name = opened.get(name) or store.name_of(name, gid)
        rows = None
        if len(line) == whole:
            _g, pre, post, sums, story_ids, rows_text, rests, _checks, _n = line
            total = sums_of.get(sums, missing)
            if total is missing:
                total = summed(sums)
            ok = stories.get(story_ids)
            if total is not None and (ok or (ok is None and fits(story_ids))):
                rows = row_sets.get(rows_text, missing)
                if rows is missing:
                    rows = lines.rows(rows_text)
                if rows is not None and (not unfit or rests not in unfit):
                    see_rows(rows_text)
                    see_rests(rests)
                    pre_pct = checks.get(pre, missing)
                    if pre_pct is missing:
                        pre_pct = percent(pre)
                    post_pct = checks.get(post, missing)
                    if post_pct is missing:
                        post_pct = percent(post)
                    # as Tally.group makes it, with the sums the line keeps (tuple.__new__: the named
                    # tuple's own __new__ is a Python call, a tenth of this round)
                    add_group(new(row_class, (gid, name, rows, *total, pre_pct, post_pct)))
                    continue
        else:  # not a line this version wrote
            answers = tuple(store.answers(gid))
            pre, post = "?pre", "?post"
            checks[pre], checks[post] = (check_percent(answers, "pre", check),
                                         check_percent(answers, "post", check))
        # not installed, another version, no result line: the long way
        tally.group(gid, name, _long_way(store, tally, lines, gid),
                    checks[pre] if pre in checks else percent(pre),
                    checks[post] if post in checks else percent(post))
    bad = lines.unfit_parts()
    if bad:
        return _store_debrief(store, scenarios, check, board_lines, unfit | bad)
    lines.spread()
    return tally.finish()


def _long_way(store: ResultsStore, tally: Tally, lines: _Lines, group_id: str) -> list[ScenarioScore]:
    """A group counted as `build` counts it (a playthrough with a usable line from its line)."""
    infos = {p.id: p for p in store.playthroughs(group_id)}
    rows = []
    picks = pick_plays(tuple(_Pick(p.scenario_id, p.round, None, p.finished, None, p.id)
                             for p in infos.values()))
    for play in cast("list[_Pick]", picks):  # the records picked are those given
        info = infos[play.id]
        scenario = tally.scenario(play.scenario_id)
        if scenario is None:
            continue
        row = None
        parts = (info.result or "").split("|")
        if info.fingerprint == scenario.fingerprint and len(parts) == 7 and parts[0] == RESULT_VERSION:
            sid = scenario.id
            found = lines.add(f"{sid}|{parts[1]}|{parts[2]}|{parts[3]}", f"{sid}|{parts[4]}|{parts[5]}|{parts[6]}")
            row = found[0] if found else None
        if row is None:
            row = tally.play(PlayRecord(play.scenario_id, play.round, info.state, play.finished,
                                        store.ending_summary(play.id)))
        if row is not None:
            rows.append(row)
    return rows


@dataclass(frozen=True)
class _Pick(PlayRecord):
    id: str = ""
