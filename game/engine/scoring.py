"""Scoring and the debrief model: pure functions of a scenario and a playthrough state.

The rubric (docs/scoring.md) scores three parts out of 100: spotting (40: red flags caught and
named, less a little for false alarms), replies (40: how safe they were) and the ending (20).
Splitting it this way keeps one skill from drowning the other: catching every flag while
replying unsafely is not a good score, and neither is replying safely without noticing why.
A story whose replies name what they do (format 2) adds a fourth part, "what you did" (deeds.py):
then spotting and replies weigh 30 each, the ending 20 and what you did 20.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .deeds import DidResult, what_you_did
from .model import Choice, Ending, LocalText, Message, Safety, Scenario
from .runtime import PlayState

# Raw marks within each part, then scaled to the part's weight.
CAUGHT, NAMED_BONUS, FALSE_ALARM = 10, 5, -5
CHOICE_POINTS: dict[Safety, int] = {"safe": 10, "risky": 5, "unsafe": 0}
SPOTTING, REPLIES, ENDING = 40, 40, 20  # the parts' weights, out of 100
DID_SPOTTING, DID_REPLIES, DID = 30, 30, 20  # with "what you did": the parts' weights, out of 100
OUTCOME_POINTS = {"safe": ENDING, "risky": ENDING // 2, "harmful": 0}
NO_FLAGS_FALSE_ALARM = 10  # where no red flag was shown, each false alarm costs this (of 40)
BANDS = ((85, "great"), (65, "good"), (0, "practise"))

FlagStatus = Literal["caught", "missed", "false_alarm", "fine", "borderline"]


@dataclass(frozen=True)
class FlagResult:
    """One message the debrief comments on: a real red flag, or a flag the student raised."""

    index: int  # transcript index
    beat: str
    message_index: int
    message: Message
    status: FlagStatus
    category: str | None  # the real category (None for false alarms and fine messages)
    named: str | None  # the category the student picked, if any
    named_right: bool | None
    why: LocalText | None  # the flag's why, the note on a message that only looks suspicious,
    # or why a borderline message is a judgement call
    points: int
    flagged: bool = False  # the student flagged it (for a borderline message)

    @property
    def key(self) -> str:
        """Stable id of the message across playthroughs and groups (beat/index)."""
        return f"{self.beat}/{self.message_index}"


@dataclass(frozen=True)
class ChoiceResult:
    beat: str
    choice_index: int
    choice: Choice
    points: int


@dataclass(frozen=True)
class Score:
    caught: int
    missed: int
    false_alarms: int
    named_right: int
    flag_points: int  # spotting, out of SPOTTING
    choice_points: int  # replies, out of REPLIES (or 0 of 0 before the first reply)
    outcome_points: int  # ending, out of ENDING (or 0 of 0 before the end)
    points: int
    max_points: int  # 100 for a finished playthrough
    did_points: int = 0  # what you did, out of DID (0 of 0 for a story without named actions)

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.max_points) if self.max_points else 0

    @property
    def band(self) -> str:
        return next(name for floor, name in BANDS if self.percent >= floor)


@dataclass(frozen=True)
class DebriefModel:
    scenario: Scenario
    finished: bool
    ending: Ending | None  # as the player saw it: the variant the story variables chose
    flags: tuple[FlagResult, ...]  # in transcript order: caught, missed, false alarms, notes
    choices: tuple[ChoiceResult, ...]
    score: Score
    did: DidResult | None = None  # what you did (None: the story names no actions)


def debrief(scenario: Scenario, state: PlayState) -> DebriefModel:
    """Score a playthrough (finished or not) and explain every flag and choice."""
    name_mode = state.difficulty == "name"
    flags: list[FlagResult] = []
    for i, entry in enumerate(state.transcript):
        if entry.kind != "message":
            continue
        msg = scenario.beats[entry.beat].messages[entry.index]
        flagged = i in state.flags
        named = state.flags.get(i)
        if msg.flag is not None:
            right = None if not name_mode or named is None else named in (msg.flag.category,) + msg.flag.also
            points = (CAUGHT + (NAMED_BONUS if right else 0)) if flagged else 0
            flags.append(FlagResult(i, entry.beat, entry.index, msg, "caught" if flagged else "missed",
                                    msg.flag.category, named, right if flagged else None,
                                    msg.flag.why, points))
        elif msg.borderline is not None:  # a judgement call: explained, never scored
            flags.append(FlagResult(i, entry.beat, entry.index, msg, "borderline", None, named, None,
                                    msg.borderline, 0, flagged))
        elif flagged or msg.note is not None:
            flags.append(FlagResult(i, entry.beat, entry.index, msg,
                                    "false_alarm" if flagged else "fine", None, named, None, msg.note,
                                    FALSE_ALARM if flagged else 0))
    choices = []
    for beat, idx in state.choices:
        choice = (scenario.beats[beat].choices or ())[idx]
        choices.append(ChoiceResult(beat, idx, choice, CHOICE_POINTS[choice.safety]))
    finished = state.phase == "ended"
    written = scenario.beats[state.beat].ending if finished else None
    ending = written.chosen(state.vars) if written is not None else None  # the variant played
    did = what_you_did(scenario, state)
    if did is not None and not did.raw_max:
        did = None  # only actions no rule scores (mute, leave, deactivate): nothing to weigh
    spotting, replies = (SPOTTING, REPLIES) if did is None else (DID_SPOTTING, DID_REPLIES)
    real = [f for f in flags if f.category is not None]
    false_alarms = sum(f.status == "false_alarm" for f in flags)
    if real:
        raw_max = len(real) * (CAUGHT + (NAMED_BONUS if name_mode else 0))
        flag_points = _scaled(max(0, sum(f.points for f in flags)), raw_max, spotting)
    else:  # a judgement story: spotting means not crying wolf
        flag_points = max(0, spotting - NO_FLAGS_FALSE_ALARM * false_alarms)
    choice_points = _scaled(sum(c.points for c in choices), len(choices) * CHOICE_POINTS["safe"], replies)
    outcome_points = OUTCOME_POINTS[ending.outcome] if ending else 0
    did_points = _scaled(did.raw, did.raw_max, DID) if did is not None and choices else 0
    max_points = spotting + (replies if choices else 0) + (ENDING if finished else 0) + \
        (DID if did is not None and choices else 0)
    score = Score(
        caught=sum(f.status == "caught" for f in flags),
        missed=sum(f.status == "missed" for f in flags),
        false_alarms=false_alarms,
        named_right=sum(bool(f.named_right) for f in flags),
        flag_points=flag_points, choice_points=choice_points, outcome_points=outcome_points,
        points=flag_points + choice_points + outcome_points + did_points, max_points=max_points,
        did_points=did_points,
    )
    return DebriefModel(scenario, finished, ending, tuple(flags), tuple(choices), score, did)


def _scaled(raw: int, raw_max: int, weight: int) -> int:
    return round(weight * raw / raw_max) if raw_max else 0
