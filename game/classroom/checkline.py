"""A group's checks as its board line keeps them: each phase's numbers, scored when the line is
made, so that the class debrief of a school board pools numbers without reading a judgement or
a chat.

The checks field of a board line (board.py) has one part per phase the group took, in the order
of `learning.PHASES`, ';'-separated:

    phase:form:chats:hits,misses,false alarms,correct rejections:right,answered:category,hits,misses ...

the number of spot-check chats the group judged and the four counts over them (0 and empty when
it judged none that is installed: a judgement of a chat not installed counts for nothing), the
knowledge questions right of those it answered, and each tactic's red flags caught and missed
(space-separated).
They are scored against the chats installed when the line is made; every line is made again at
an upgrade, an import and a recovery, and with each write of the group's rows.

Groups that judged alike in a phase have the same part, and a class's groups that did alike in
every phase the same field: each distinct one is read once (`Reader`) and shared, so 30,000
groups are a look-up each and the class's sums are sums over the distinct readings
(learning.class_learning). A field this version can't read (damaged, or written by another
version) reads as None: that group's own rows are read instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.engine.detection import Counts

from .learning import PHASES, GroupLearning, Judged, Known, PhaseResult, ScoreCache, phases_of

__all__ = ["Reader", "ScoreCache", "field"]
from .skillcheck import shipped_chats

_NO_PHASES: Mapping[str, PhaseResult] = {}


def field(parts: Iterable[str], cache: ScoreCache | None = None) -> str:
    """The checks field of a group from its rows as board.py's query groups them: a part
    'S:phase:form:chat id:flagged messages' for each chat judged (the flagged ones
    comma-separated) and 'K:phase:form:answered:right' for each phase of questions answered.
    Scored against the shipped chats."""
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
    chats = {c.id: c for c in shipped_chats()}
    phases = phases_of(judged, forms, known, chats, {} if cache is None else cache)
    return ";".join(_part(phase, result) for phase, result in phases.items())


def _part(phase: str, r: PhaseResult) -> str:
    c = r.counts
    counts = "" if c is None else f"{c.hits},{c.misses},{c.false_alarms},{c.correct_rejections}"
    tactics = " ".join(f"{cat},{h},{m}" for cat, (h, m) in r.tactic_hits.items())
    return f"{phase}:{r.form}:{r.chats}:{counts}:{r.right},{r.asked}:{tactics}"


class Reader:
    """Reads checks fields, each distinct field and phase part once; the groups that share a
    field share its phases (never change them)."""

    def __init__(self) -> None:
        self.fields: dict[str, Mapping[str, PhaseResult] | None] = {"": _NO_PHASES}
        self.parts: dict[str, tuple[str, PhaseResult] | None] = {}

    def phases(self, text: str) -> Mapping[str, PhaseResult] | None:
        """The phases of a line's checks field (None: a field this version can't read)."""
        found = self.fields.get(text)
        if found is None and text not in self.fields:
            found = self.fields[text] = self._field(text)
        return found

    def group(self, group_id: str, text: str) -> GroupLearning | None:
        """A group's learning from its line's checks field (None: a field this version can't read)."""
        found = self.phases(text)
        return None if found is None else GroupLearning(group_id, found)

    def _field(self, text: str) -> Mapping[str, PhaseResult] | None:
        phases: dict[str, PhaseResult] = {}
        for part in text.split(";"):
            read = self.parts.get(part)
            if read is None and part not in self.parts:
                read = self.parts[part] = _read(part)
            if read is None or read[0] in phases:
                return None
            phases[read[0]] = read[1]
        return phases


def _read(part: str) -> tuple[str, PhaseResult] | None:
    """A phase part's phase and numbers; None when it isn't one (all numbers whole, not negative)."""
    bits = part.split(":")
    if len(bits) != 6 or bits[0] not in PHASES:
        return None
    phase, form, chats_text, counts_text, known_text, tactics_text = bits
    try:
        (chats,) = _numbers(chats_text, 1)
        counts = _numbers(counts_text, 4) if counts_text else None
        right, asked = _numbers(known_text, 2)
        tactics: dict[str, tuple[int, int]] = {}
        for t in tactics_text.split():
            cat, h, m = t.split(",")
            tactics[cat] = (_numbers(h, 1)[0], _numbers(m, 1)[0])
    except ValueError:
        return None
    if right > asked or (counts is None) != (chats == 0) or (counts is None and (tactics or not asked)):
        return None
    return phase, PhaseResult(form, None if counts is None else Counts(*counts),
                              dict(sorted(tactics.items())), right, asked, chats)


def _numbers(text: str, n: int) -> tuple[int, ...]:
    values = tuple(int(v) for v in text.split(","))
    if len(values) != n or any(v < 0 for v in values):
        raise ValueError(text)
    return values
