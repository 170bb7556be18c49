"""A group's checks as its board line keeps them: each phase's numbers, scored when the line is
made, so that the class debrief of a school board pools numbers without reading a judgement or
a chat.

The checks field of a board line (board.py) has one part per phase the group took, in the order
of `learning.PHASES`, ';'-separated:

    phase:form:chats:hits,misses,false alarms,correct rejections:right,answered:category,hits,misses ...

the number of spot-check chats the group judged and the four counts over them (0 and empty when
it judged none that is installed: a judgement of a chat not installed counts for nothing), the
knowledge questions right of those it answered, and each tactic's red flags caught and missed
(space-separated). They are scored against the chats installed when the line is made; every
line is made again at an upgrade, an import and a recovery, and with each write of the group's
rows.

Groups that judged alike in a phase have the same part, and a class's groups that did alike in
every phase the same field: each distinct one is read once (`Reader`) and shared, so 30,000
groups are a look-up each and the class's sums are sums over the distinct readings
(pooling.py). A field this version can't read (damaged, or written by another
version) reads as None: that group's own rows are read instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from game.engine.detection import Counts
from game.engine.spotcheck import SpotCheck

from .learning import PHASES, Judged, Known, PhaseResult, ScoreCache, phases_of
from .skillcheck import shipped_chats

_NO_PHASES: Mapping[str, PhaseResult] = {}


_SCORED: ScoreCache = {}  # the shipped chats judged one way -> their score, for every line made
_SCORED_MOST = 50_000  # (emptied past this: a few MB at most)


def field(parts: Iterable[str]) -> str:
    """The checks field of a group from its rows as board.py's query groups them: a part
    'S:phase:form:chat id:flagged messages' for each chat judged (the flagged ones
    comma-separated) and 'K:phase:form:answered:right' for each phase of questions answered.
    Scored against the shipped chats, each chat judged one way scored once in the process (an
    import makes the lines of every class file's groups)."""
    judged: Judged = {}
    forms: dict[str, str] = {}
    known: Known = {}
    for part in parts:
        kind, phase, form, *rest = part.split(":")
        if kind == "S" and len(rest) == 2:
            judged.setdefault(phase, {})[rest[0]] = {int(m) for m in rest[1].split(",") if m}
            if form:
                forms.setdefault(phase, form)
        elif kind == "K" and len(rest) == 2:
            known[phase] = (int(rest[1]), int(rest[0]), form)
    if not judged and not known:
        return ""
    if len(_SCORED) > _SCORED_MOST:
        _SCORED.clear()
    phases = phases_of(judged, forms, known, _shipped(), _SCORED)
    return ";".join(_part(phase, result) for phase, result in phases.items())


@functools.cache
def _shipped() -> dict[str, SpotCheck]:
    return {c.id: c for c in shipped_chats()}


def _part(phase: str, r: PhaseResult) -> str:
    c = r.counts
    counts = "" if c is None else f"{c.hits},{c.misses},{c.false_alarms},{c.correct_rejections}"
    return f"{phase}:{r.form}:{r.chats}:{counts}:{r.right},{r.asked}:{r.breakdown}"


T = TypeVar("T")


class _Memo(dict[str, T]):
    """A reading of each distinct text, made on its first look-up (`memo[text]`) and kept."""

    def __init__(self, read: Callable[[str], T]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, text: str) -> T:
        found = self[text] = self.read(text)
        return found


class Reader(_Memo[Mapping[str, PhaseResult] | None]):
    """Checks field -> its phases (None: a field this version can't read), each distinct field
    read on its first look-up (`reader[text]`) and kept: the groups that share a field share its
    phases (never change them), and a board's 30,000 look-ups are dict look-ups. On a board where
    every group's field differs, a part is read from pieces that repeat (the counts, the answers,
    the tactics breakdown), each read once and shared: pooling.py pools them once. (The memos
    read through plain functions, not the reader's methods: no cycle for the collector to find.)"""

    def __init__(self) -> None:
        parts = _Memo(functools.partial(_read_part, _Memo(_counts), _Memo(_known), _Memo(_breakdown)))
        super().__init__(functools.partial(_field, parts))
        self[""] = _NO_PHASES


def _field(parts: _Memo[tuple[str, PhaseResult] | None], text: str) -> Mapping[str, PhaseResult] | None:
    phases: dict[str, PhaseResult] = {}
    for part in text.split(";"):
        read = parts[part]
        if read is None or read[0] in phases:
            return None
        phases[read[0]] = read[1]
    return phases


def _read_part(counts_of: _Memo[Counts | None], known_of: _Memo[tuple[int, int] | None],
               breakdowns: _Memo[bool], part: str) -> tuple[str, PhaseResult] | None:
    """A phase part's phase and numbers; None when it isn't one (every number whole and
    written in digits)."""
    bits = part.split(":")
    if len(bits) != 6 or bits[0] not in PHASES or not bits[2].isdecimal():
        return None
    phase, form, chats_text, counts_text, known_text, tactics_text = bits
    counts, known = counts_of[counts_text], known_of[known_text]
    chats = int(chats_text)
    if known is None or not breakdowns[tactics_text] or (counts_text and counts is None):
        return None
    right, asked = known
    if (counts is None) != (chats == 0) or (counts is None and (tactics_text or not asked)):
        return None
    return phase, PhaseResult(form, counts, tactics_text, right, asked, chats)


def _counts(text: str) -> Counts | None:
    found = _numbers(text) if text else None
    return Counts(*found) if found is not None and len(found) == 4 else None


def _known(text: str) -> tuple[int, int] | None:
    found = _numbers(text)
    return (found[0], found[1]) if found is not None and len(found) == 2 and found[0] <= found[1] else None


_BREAKDOWN = re.compile(r"[^ ,:;]+,[0-9]+,[0-9]+(?: [^ ,:;]+,[0-9]+,[0-9]+)*")
_CATEGORY = re.compile(r"(?:^| )([^ ,]+),")


def _breakdown(text: str) -> bool:
    """Is this a tactic breakdown as written: 'category,hits,misses' items, sorted, each
    category once (empty: no red flag shown)? (A board has thousands of distinct ones: read by
    the regex engine.)"""
    if not text:
        return True
    if _BREAKDOWN.fullmatch(text) is None:
        return False
    cats = _CATEGORY.findall(text)
    return cats == sorted(set(cats))


def _numbers(text: str) -> list[int] | None:
    """Comma-separated whole numbers (None: anything else)."""
    values = text.split(",")
    return [int(v) for v in values] if all(map(str.isdecimal, values)) else None
