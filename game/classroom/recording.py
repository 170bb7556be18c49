"""Recording a playthrough as it happens: each action its own committed transaction.

`RecordingPlaythrough` is a `Playthrough` whose action hook (one handler, no diffing of states)
hands every action to the results store, with what the story says about it (a flag's real
tactic, a reply's safety, the ending's summary), so the class debrief can still count a
playthrough after its story has changed. Each action's details also say what it changed, so
the state is replayed from the actions (history.py), and each action keeps the playthrough's
`result_line` current: what the class debrief counts of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.engine.model import Scenario
from game.engine.runtime import (
    Action,
    ChoicesEvent,
    Difficulty,
    EndingEvent,
    Feedback,
    Handler,
    MessageEvent,
    PlayError,
    PlayState,
    Playthrough,
    ReplyEvent,
)
from game.engine.scoring import DebriefModel, debrief

from .history import copy_state, details
from .recovery import StoreError

if TYPE_CHECKING:
    from .store import ResultsStore


RESULT_VERSION = "1"  # bump when scoring.py changes what a playthrough scores: older lines are
# then not used, and the class debrief scores those playthroughs again from their replayed state


def result_line(model: DebriefModel) -> str:
    """What the class debrief counts of a playthrough, in one short line kept with it (so the
    debrief of a whole school board reads one row per playthrough instead of replaying it):

        version|caught,missed,false alarms,named right,flag,choice,outcome points,points,max,did|
        outcome|red flags missed|seen|named right|replies

    Red flags are `beat/index` keys (FlagResult.key) and replies `beat/choice index`, in the
    order played, separated by spaces; the outcome is empty until the ending (a line written before
    "what you did" has no `did`: it counts 0, and a story with named actions replays instead). It holds for the
    story version of the playthrough's fingerprint only. (Missed rather than caught flags:
    groups differ less in what they missed; and the score, outcome and missed flags come
    first, as the class debrief of a board reads them: tally.py.)"""
    sc = model.score
    real = [f for f in model.flags if f.category is not None]
    return "|".join((RESULT_VERSION,
                     ",".join(map(str, (sc.caught, sc.missed, sc.false_alarms, sc.named_right, sc.flag_points,
                                        sc.choice_points, sc.outcome_points, sc.points, sc.max_points,
                                        sc.did_points))),
                     model.ending.outcome if model.ending else "",
                     " ".join(f.key for f in real if f.status == "missed"),
                     " ".join(f.key for f in real),
                     " ".join(f.key for f in real if f.named_right),
                     " ".join(f"{c.beat}/{c.choice_index}" for c in model.choices)))


def summary(pt: Playthrough) -> dict[str, Any]:
    """What a finished playthrough came to, in terms that need no copy of the story: the score,
    each tactic's red flags seen and caught, and each reply's safety. Stored with the ending, so
    the class debrief can still count a group that played a version of the story that has since
    changed."""
    model = debrief(pt.scenario, pt.state)
    tactics: dict[str, list[int]] = {}
    for f in model.flags:
        if f.category is not None:
            seen_caught = tactics.setdefault(f.category, [0, 0])
            seen_caught[0] += 1
            seen_caught[1] += f.status == "caught"
    sc = model.score
    return {"score": {"caught": sc.caught, "missed": sc.missed, "false_alarms": sc.false_alarms,
                      "named_right": sc.named_right, "flag_points": sc.flag_points,
                      "choice_points": sc.choice_points, "outcome_points": sc.outcome_points,
                      "points": sc.points, "max_points": sc.max_points},
            "outcome": model.ending.outcome if model.ending else None,
            "tactics": tactics,
            "replies": [[c.beat, c.choice_index, c.choice.safety] for c in model.choices]}


_RECORDED = ("message", "choices", "ending", "choice", "flag", "unflag")  # the store's action kinds


def _describe(pt: Playthrough, action: Action) -> tuple[str, dict[str, Any]]:
    """What the store keeps of one action, with what the story says about it."""
    event = action.event
    if isinstance(event, MessageEvent):
        return "message", {"index": event.index, "beat": event.beat}
    if isinstance(event, ChoicesEvent):
        return "choices", {"beat": event.beat, "offered": [i for i, _ in event.options]}
    if isinstance(event, EndingEvent):
        return "ending", {"beat": event.beat, "outcome": event.ending.outcome, "summary": summary(pt)}
    if isinstance(event, ReplyEvent):
        data = {"index": event.index, "beat": event.beat, "choice": event.choice.goto,
                "safety": event.choice.safety}
        if event.reason is not None:  # a report's reason picked in the app (kept only when picked)
            data["reason"] = event.reason
        return "choice", data
    assert action.index is not None
    if action.kind == "flag":
        return "flag", _flag_data(pt, action.index, action.category)
    return "unflag", {"index": action.index}


def _flag_data(pt: Playthrough, index: int, category: str | None) -> dict[str, Any]:
    """A flag, with what the story says the message was (so it reads without the story)."""
    verdict = pt.verdict(index)
    return {"index": index, "category": category, "red_flag": verdict.correct,
            "tactic": verdict.category}


class RecordingPlaythrough(Playthrough):
    """A `Playthrough` that stores every action as it happens, heard through the engine's action
    hook. The UI calls the same methods as on a plain playthrough (`next`, `choose`, `flag`,
    `unflag`, `toggle_flag`); the game rules stay in the engine. If storing fails (a full disk,
    a drive pulled out), the story goes on in memory: the store is let go, `unsaved` holds the
    error, and `on_unsaved` is told once, so the screen can say that this play is no longer
    being recorded. Nothing is half-written: each action is its own transaction. Any other
    failure while recording puts the state back as it was after the last recorded action and
    is raised. While recording, `rewind()` is refused (PlayError): the store keeps what was
    played, and a replaced state can't be told as one more action."""

    _store: ResultsStore | None = None
    playthrough_id: str | None = None
    seq: int = 0
    listener: Callable[[int, str, dict[str, Any]], None] | None = None  # after each commit
    unsaved: StoreError | None = None  # why recording stopped, if it did
    on_unsaved: Callable[[StoreError], None] | None = None

    _recorded: PlayState | None = None  # the state as replay gives it after the last stored action
    _before: PlayState | None = None  # the live state after the last stored action

    def __init__(self, scenario: Scenario, state: PlayState | None = None, *,
                 difficulty: Difficulty = "spot", feedback: Feedback = "coach",
                 on_action: Handler | None = None) -> None:
        super().__init__(scenario, state, difficulty=difficulty, feedback=feedback, on_action=on_action)
        self.listen(self._record)

    def attach(self, store: ResultsStore, playthrough_id: str, seq: int, recorded: PlayState) -> None:
        """Record into `store` from now on; `recorded` is the stored state (replayed), which may
        differ from `state` (an older save given the story's fingerprint on resume)."""
        self._store, self.playthrough_id, self.seq = store, playthrough_id, seq
        self._recorded = copy_state(recorded)
        self._before = copy_state(self.state)

    def _record(self, action: Action) -> None:
        """The action hook's handler: one committed transaction per action the store keeps."""
        if self._store is None or self.playthrough_id is None:
            return
        if action.kind == "rewind":
            self._put_back()
            raise PlayError("a recorded playthrough can't be rewound: start another from its state")
        if action.kind not in _RECORDED:
            return  # entering a beat: part of the message, choices or ending that follows
        try:
            kind, data = _describe(self, action)
            data = details(kind, data, self._recorded, self.state)
            self._store.record(self.playthrough_id, self.seq + 1, kind, data,
                               result_line(debrief(self.scenario, self.state)))
        except StoreError as exc:
            self._store, self.unsaved = None, exc
            if self.on_unsaved is not None:
                self.on_unsaved(exc)
            return
        except BaseException:
            self._put_back()
            raise
        self.seq += 1
        self._recorded = self._before = copy_state(self.state)
        if self.listener is not None:
            self.listener(self.seq, kind, data)

    def _put_back(self) -> None:
        if self._before is not None:
            self.state = copy_state(self._before)
