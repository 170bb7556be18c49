"""A lesson the teacher chooses: one to three stories with how long the lesson takes, what the
class already played, and the teacher's "after-check now" for a session under way.

A 45-minute period can't hold every story: groups that must play all of them never reach the
after-check, so the class never sees what it learned. The teacher picks 1-3 stories when the
session starts (kept in the session's settings snapshot), and can send every group to the
after-check at any time; a story a group was in the middle of stays unfinished in the results.

    estimate(chosen, check, checks_on=True).total      # minutes, checks and discussion included
    played_by_class(store, "7B")                        # story id -> groups that finished it
    call_after_check(session_id); after_check_called(session_id)
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.model import Scenario
from game.engine.playtime import CHOICE_SECONDS, FLAG_SECONDS, reading_seconds
from game.userdata import atomic_write_text, data_dir

from .knowledge import KnowledgeCheck
from .skillcheck import SPOT_CHATS, shipped_chats
from .store import ResultsStore

MIN_STORIES, MAX_STORIES = 1, 3
LESSON_MINUTES = 45  # a usual class period: the estimate says whether a choice fits in one
DISCUSSION_MINUTES = 10  # the class debrief the teacher leads at the end
AFTER_CHECK_FILE = "after-check.json"  # sessions whose groups were sent to the after-check
KEEP_CALLED = 50  # the newest sessions remembered there (older ones are long over)


# --- how long a lesson takes ---------------------------------------------------------------------


def check_minutes(check: KnowledgeCheck | None, lang: str = "en") -> int:
    """Minutes a group takes for one knowledge check: reading each question and its options,
    then agreeing on an answer (the same pace as the authoring play-time estimate)."""
    if check is None:
        return 0
    seconds = sum(CHOICE_SECONDS + reading_seconds(q.text, *q.options, lang=lang) for q in check.questions)
    return max(1, math.ceil(seconds / 60))


def spot_minutes(lang: str = "en") -> int:
    """Minutes a group takes for one spot check: reading SPOT_CHATS chats of average length and
    deciding on each message from someone else (the authoring estimate's pace for a flag)."""
    chats = shipped_chats()
    if not chats:
        return 0
    seconds = sum(reading_seconds(*(m.text for m in c.messages), lang=lang) + FLAG_SECONDS * len(c.noise() + c.signals())
                  for c in chats) / len(chats) * SPOT_CHATS
    return max(1, math.ceil(seconds / 60))


@dataclass(frozen=True)
class LessonEstimate:
    """What a lesson takes, in whole minutes: the stories' own estimates (`minutes:` in each
    file), a knowledge check and a spot check before and after, and the class discussion."""

    stories: tuple[tuple[str, int], ...]  # (story id, minutes), in play order
    check: int  # one check; 0 when the checks are off
    discussion: int = DISCUSSION_MINUTES
    spot: int = 0  # one spot check; 0 when the checks are off

    @property
    def story_minutes(self) -> int:
        return sum(m for _id, m in self.stories)

    @property
    def total(self) -> int:
        return self.story_minutes + 2 * (self.check + self.spot) + self.discussion

    @property
    def fits(self) -> bool:
        return self.total <= LESSON_MINUTES


def estimate(stories: Sequence[Scenario], check: KnowledgeCheck | None, checks_on: bool = True,
             lang: str = "en") -> LessonEstimate:
    on = checks_on and check is not None
    return LessonEstimate(tuple((s.id, s.minutes_for(lang)) for s in stories),
                          check_minutes(check, lang) if checks_on else 0, spot=spot_minutes(lang) if on else 0)


def check_choice(chosen: Sequence[str], offered: Sequence[str]) -> list[str]:
    """The chosen story ids, or ValueError: 1 to 3 different stories the settings offer."""
    ids = list(chosen)
    if not MIN_STORIES <= len(ids) <= MAX_STORIES:
        raise ValueError(f"a lesson has {MIN_STORIES} to {MAX_STORIES} stories")
    if len(set(ids)) != len(ids):
        raise ValueError("a story is chosen twice")
    unknown = [i for i in ids if i not in offered]
    if unknown:
        raise ValueError(f"not offered by the class settings: {', '.join(unknown)}")
    return ids


# --- what the class played in earlier lessons -------------------------------------------------------


def _same_class(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def earlier_sessions(store: ResultsStore, label: str, before: str | None = None) -> list[str]:
    """Ids of the earlier sessions of the class called `label` (none without a label: two
    unnamed classes are not the same class). `before`: a session; only those started before it."""
    if not label.strip():
        return []
    out = []
    for s in store.sessions():  # oldest first
        if s.id == before:
            break
        if _same_class(s.label, label) and not s.settings.get("solo"):
            out.append(s.id)
    return out


def played_by_class(store: ResultsStore, label: str, before: str | None = None) -> dict[str, int]:
    """Story id -> how many groups of this class finished it in earlier sessions."""
    sessions = earlier_sessions(store, label, before)
    if not sessions:
        return {}
    out: dict[str, set[str]] = {}
    for g in store.groups(sessions):
        for p in store.playthroughs(g.id):
            if p.finished:
                out.setdefault(p.scenario_id, set()).add(g.id)
    return {sid: len(groups) for sid, groups in out.items()}


def played_by_group(store: ResultsStore, label: str, name: str, before: str | None = None) -> set[str]:
    """Stories a group of the same name in this class finished in earlier sessions (groups
    type their team name again each lesson; a name that can't be read matches nothing)."""
    sessions = earlier_sessions(store, label, before)
    key = name.strip().casefold()
    return {p.scenario_id for g in store.groups(sessions) if g.name.strip().casefold() == key
            for p in store.playthroughs(g.id) if p.finished} if sessions and key else set()


# --- "after-check now" --------------------------------------------------------------------------------


def _called() -> list[str]:
    try:
        data = json.loads((data_dir() / AFTER_CHECK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    ids = data.get("sessions") if isinstance(data, dict) else None
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


def after_check_called(session_id: str) -> bool:
    """Did the teacher send this session's groups to the after-check (on this computer)?"""
    return session_id in _called()


def call_after_check(session_id: str) -> None:
    """Remember that this session's groups go to the after-check next. Raises OSError when the
    data folder can't be written (the session then remembers it until the game closes)."""
    ids = [i for i in _called() if i != session_id] + [session_id]
    atomic_write_text(data_dir() / AFTER_CHECK_FILE, json.dumps({"sessions": ids[-KEEP_CALLED:]}))
