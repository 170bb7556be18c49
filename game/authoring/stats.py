"""Numbers about a scenario for writers: play-time estimates and word, choice and flag counts.

The play-time estimate itself is the engine's (engine/playtime.py: the lesson planner uses it
too); this module counts words, choices, flags and endings, sums up the play times of all paths
in one language (shortest, quartiles, median, longest) and formats minutes for writers.
"""

from __future__ import annotations

import statistics as stat
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.model import Scenario
from game.engine.playtime import (  # noqa: F401  (the estimate's names, as `check` reports them)
    CHOICE_SECONDS,
    DEBRIEF_SECONDS,
    DISCUSS_SECONDS,
    FLAG_SECONDS,
    READING_WPM,
    estimate_seconds,
    reading_seconds,
    words,
)


def minutes_text(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    return f"{m} min {s:02d} s"


@dataclass(frozen=True)
class PlayTime:
    """The estimated play time of every path in one language, in seconds: how short, how long,
    and where most paths fall (half of them take between `q1` and `q3`)."""

    lang: str
    paths: int
    shortest: float
    q1: float
    median: float
    q3: float
    longest: float
    declared: int  # the file's `minutes:` for this language

    @classmethod
    def of(cls, lang: str, seconds: Sequence[float], declared: int) -> PlayTime:
        data = sorted(seconds)
        if len(data) < 2:
            q1 = q3 = data[0]
        else:
            q1, _median, q3 = stat.quantiles(data, n=4, method="inclusive")
        return cls(lang, len(data), data[0], q1, stat.median(data), q3, data[-1], declared)

    @property
    def spread(self) -> float:
        """The interquartile range: how far apart the middle half of the paths are."""
        return self.q3 - self.q1

    def line(self) -> str:
        """One line of `check`'s report."""
        return (f"{self.lang}: shortest {minutes_text(self.shortest)}, median {minutes_text(self.median)}, "
                f"longest {minutes_text(self.longest)}; half the paths take {minutes_text(self.q1)} to "
                f"{minutes_text(self.q3)} (spread {minutes_text(self.spread)}); the file says minutes: "
                f"{self.declared}")

    def as_dict(self) -> dict:
        return {**self.__dict__, "spread": self.spread}


@dataclass(frozen=True)
class Statistics:
    words_en: int
    words_fr: int
    beats: int
    messages: int
    choice_points: int
    choices: int
    flags: dict[str, int]  # category -> messages flagged with it
    notes: int
    endings: dict[str, int]  # outcome -> endings

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def statistics(sc: Scenario) -> Statistics:
    """Counts over the whole file (every beat, reachable or not)."""
    texts = [t for _, t in sc.texts()]
    beats = sc.beats.values()
    msgs = [m for b in beats for m in b.messages]
    return Statistics(
        words_en=sum(words(t.en) for t in texts),
        words_fr=sum(words(t.fr) for t in texts if t.fr),
        beats=len(sc.beats),
        messages=len(msgs),
        choice_points=sum(b.choices is not None for b in beats),
        choices=sum(len(b.choices or ()) for b in beats),
        flags=dict(sorted(Counter(m.flag.category for m in msgs if m.flag).items())),
        notes=sum(m.note is not None for m in msgs),
        endings=dict(sorted(Counter(b.ending.outcome for b in beats if b.ending).items())),
    )
