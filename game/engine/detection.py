"""Scoring the spot check as signal detection, and which parallel form a group gets when.

In a spot check a group flags the messages it thinks are red flags. Counting only right flags
would reward flagging everything, so each phase is scored the way signal detection theory
scores a yes/no task (Macmillan & Creelman, *Detection Theory: A User's Guide*, 2nd ed., 2005):

- a red-flag message flagged is a **hit**, one not flagged a **miss**;
- any other message from someone else (ordinary, or odd but fine) flagged is a **false alarm**,
  not flagged a **correct rejection**. The student's own messages are not judged.

Sensitivity d′ says how well a group tells red flags from the rest, whatever its caution; the
criterion c says how readily it flags (negative: flags freely, positive: holds back). Both need
rates strictly between 0 and 1, so every rate here is corrected with the log-linear rule of
Hautus (1995), "Corrections for extreme proportions and their biasing effects on estimated
values of d′", Behavior Research Methods 27(1): 46-51. Pure functions, no numpy: the standard
normal quantile is `statistics.NormalDist().inv_cdf`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from statistics import NormalDist
from typing import Literal

from .spotcheck import SpotCheck

Phase = Literal["pre", "post", "later"]
_Z = functools.lru_cache(maxsize=4096)(NormalDist().inv_cdf)  # rates of small counts: few distinct


@dataclass(frozen=True)
class Counts:
    """The four outcomes of one group's judgements (one phase, or one tactic)."""

    hits: int = 0
    misses: int = 0
    false_alarms: int = 0
    correct_rejections: int = 0

    @property
    def signals(self) -> int:
        """Red-flag messages shown."""
        return self.hits + self.misses

    @property
    def noise(self) -> int:
        """Other messages shown (ordinary or odd-but-fine)."""
        return self.false_alarms + self.correct_rejections

    @property
    def hit_rate(self) -> float:
        """H = (hits + 0.5) / (signals + 1): the log-linear correction (Hautus 1995), which adds
        0.5 to the count and 1 to the total so a rate is never 0 or 1 (z would be infinite)."""
        return (self.hits + 0.5) / (self.signals + 1)

    @property
    def false_alarm_rate(self) -> float:
        """F = (false alarms + 0.5) / (noise + 1): the same log-linear correction (Hautus 1995)."""
        return (self.false_alarms + 0.5) / (self.noise + 1)

    @cached_property  # (a frozen dataclass keeps it in its __dict__: asked often over a board)
    def d_prime(self) -> float:
        """Sensitivity d′ = z(H) − z(F), z the standard normal quantile (Macmillan & Creelman
        2005, ch. 1). 0: no better than chance; higher: red flags told apart from the rest."""
        return _Z(self.hit_rate) - _Z(self.false_alarm_rate)

    @cached_property
    def criterion(self) -> float:
        """Bias c = −(z(H) + z(F)) / 2 (Macmillan & Creelman 2005, ch. 2). 0: no lean; below 0:
        the group flags readily (liberal); above 0: it holds back (conservative)."""
        return -(_Z(self.hit_rate) + _Z(self.false_alarm_rate)) / 2

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.hits + other.hits, self.misses + other.misses,
                      self.false_alarms + other.false_alarms,
                      self.correct_rejections + other.correct_rejections)


Flagged = Iterable[tuple[str, int]]  # (chat id, message index) a group flagged


def tally(chats: Iterable[SpotCheck], flagged: Flagged) -> Counts:
    """Hits, misses, false alarms and correct rejections over the chats a group was shown.
    A flag on a message it was not shown, or on its own message, counts for nothing."""
    marked = set(flagged)
    total = Counts()
    for chat in chats:
        hits = sum((chat.id, i) in marked for i in chat.signals())
        alarms = sum((chat.id, i) in marked for i in chat.noise())
        total += Counts(hits, len(chat.signals()) - hits, alarms, len(chat.noise()) - alarms)
    return total


def by_tactic(chats: Iterable[SpotCheck], flagged: Flagged) -> dict[str, Counts]:
    """Counts for each red-flag category shown: its hits and misses, with the false alarms and
    correct rejections of the whole phase (a message that is not a red flag belongs to no
    tactic, so a tactic's d′ is its own hit rate against the group's overall false-alarm rate)."""
    chats = list(chats)
    marked = set(flagged)
    overall = tally(chats, marked)
    found: dict[str, list[int]] = {}  # category -> [hits, misses]
    for chat in chats:
        for i in chat.signals():
            cat = chat.messages[i].red_flag
            assert cat is not None  # signals() are the messages with a red flag
            counts = found.setdefault(cat, [0, 0])
            counts[0 if (chat.id, i) in marked else 1] += 1
    return {cat: Counts(h, m, overall.false_alarms, overall.correct_rejections)
            for cat, (h, m) in sorted(found.items())}


def form_for(group_index: int, phase: Phase) -> str:
    """Counterbalancing: which parallel form ("A" or "B") a group answers in a phase.

    Groups are numbered in the order they joined (0, 1, 2...): an even group answers A before
    and B after, an odd one B before and A after, so any difference between the forms cancels
    out over the class. A "later" check (weeks after, to see what lasted) repeats the group's
    before form, so before and later compare on the same items."""
    first, second = ("A", "B") if group_index % 2 == 0 else ("B", "A")
    return second if phase == "post" else first
