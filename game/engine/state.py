"""A playthrough's state as plain data, and whether a saved one can still continue.

Kept apart from the stepping rules (runtime.py) because the results store, the class debrief
and the exchange files read saved states without ever stepping them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, cast, get_args

from .model import ReportReason, Scenario

STATE_VERSION = 2  # 2: the story's fingerprint; 1: no version key. The actions taken and the
# threads opened (format 2) are not saved: they follow from the transcript (acts_in, opened_in),
# so a save, the results store's replay and the live state can never disagree about them.
Difficulty = Literal["spot", "name"]
Feedback = Literal["coach", "challenge"]
EntryKind = Literal["message", "reply"]


class PlayError(ValueError):
    """An action that the current state does not allow (a front-end bug, never an author's)."""


@dataclass
class Entry:
    """One line of the transcript: a scenario message, or the reply the player chose."""

    kind: EntryKind
    beat: str
    index: int  # message index in the beat, or choice index for a reply
    reason: str | None = None  # a report reply: the reason picked in the app (None: the story's)

    def to_data(self) -> dict[str, Any]:
        """As saved: `reason` only when one was picked, so older saves and fingerprints stay
        byte for byte what they were."""
        data: dict[str, Any] = {"kind": self.kind, "beat": self.beat, "index": self.index}
        if self.reason is not None:
            data["reason"] = self.reason
        return data


@dataclass
class Act:
    """An action reply the player took (format 2 names its kind), where it stands in the transcript."""

    kind: str  # an ActionKind, or "act" for a generic action (`action: true`)
    index: int  # transcript index of the reply
    beat: str
    reason: str | None = None  # a report's reason: the one the player picked, else the story's
    to: str | None = None  # the thread told, for `tell`


@dataclass
class PlayState:
    """Everything a playthrough is. Plain data: saved as JSON after every action."""

    scenario_id: str
    beat: str
    pos: int = 0  # next message index within `beat`
    shown_in_beat: int = 0  # messages of `beat` shown so far (its label goes on the first)
    phase: Literal["messages", "choices", "ended"] = "messages"
    vars: dict[str, bool | int | str] = field(default_factory=dict)
    transcript: list[Entry] = field(default_factory=list)
    flags: dict[int, str | None] = field(default_factory=dict)  # transcript index -> named category
    choices: list[tuple[str, int]] = field(default_factory=list)  # (beat, choice index)
    difficulty: Difficulty = "spot"
    feedback: Feedback = "coach"
    fingerprint: str = ""  # the story version it was played on ("" in saves older than version 2)
    acts: list[Act] = field(default_factory=list)  # action replies taken, in order (not saved)
    opened: list[str] = field(default_factory=list)  # threads opened by beats so far (not saved)

    def to_json(self) -> str:
        data = asdict(self)
        data["flags"] = {str(k): v for k, v in self.flags.items()}
        data["transcript"] = [e.to_data() for e in self.transcript]
        data["version"] = STATE_VERSION
        del data["acts"], data["opened"]  # derived from the transcript when a playthrough resumes
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PlayState:
        """Read a saved state. Unknown keys (from a newer minor version) are ignored; a state
        that is damaged or from a newer format raises PlayError, never anything else."""
        try:
            data = json.loads(text)
        except (ValueError, TypeError, RecursionError) as exc:
            raise PlayError(f"the saved story state is damaged: {exc}") from None
        if not isinstance(data, dict):
            raise PlayError("the saved story state is damaged: not an object")
        version = data.get("version", 1)
        if type(version) is not int or version < 1:
            raise PlayError(f"the saved story state has an unknown version: {version!r}")
        if version > STATE_VERSION:
            raise PlayError(f"the story was saved by a newer version of Red Flags (state version "
                            f"{version}; this one reads up to {STATE_VERSION})")
        try:
            known = {f.name for f in fields(cls)}
            kept = {k: v for k, v in data.items() if k in known}
            kept["transcript"] = [Entry(cast(EntryKind, str(e["kind"])), str(e["beat"]), int(e["index"]),
                                        _reason(e.get("reason")))
                                  for e in data["transcript"]]
            kept["flags"] = {int(k): (None if v is None else str(v)) for k, v in data["flags"].items()}
            kept["choices"] = [(str(b), int(i)) for b, i in data["choices"]]
            kept["acts"] = [Act(str(a["kind"]), int(a["index"]), str(a["beat"]),
                                None if a.get("reason") is None else str(a["reason"]),
                                None if a.get("to") is None else str(a["to"]))
                            for a in data.get("acts", ())]
            kept["opened"] = [str(t) for t in data.get("opened", ())]
            state = cls(**kept)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise PlayError(f"the saved story state is damaged: {exc!r}") from None
        if any(e.kind not in ("message", "reply") for e in state.transcript) or \
                state.phase not in ("messages", "choices", "ended"):
            raise PlayError("the saved story state is damaged: unknown entry or phase")
        return state


def _reason(value: object) -> str | None:
    """A saved report reason: None (none picked) or one of the app's reasons."""
    if value is None or value in get_args(ReportReason):
        return cast("str | None", value)
    raise ValueError(f"unknown report reason {value!r}")


def incompatibility(scenario: Scenario, state: PlayState) -> str | None:
    """Why `state` can't continue on `scenario` (None when it can): another story, another
    version of it, or a transcript that no longer matches its beats."""
    if state.scenario_id != scenario.id:
        return f"it was played on the story '{state.scenario_id}', not '{scenario.id}'"
    if state.fingerprint and state.fingerprint != scenario.fingerprint:
        return "it was played on another version of this story"
    beats = scenario.beats
    if state.beat not in beats or state.pos > len(beats[state.beat].messages):
        return "the story has changed since it was played"
    here = beats[state.beat]
    if (state.phase == "ended" and here.ending is None) or (state.phase == "choices" and not here.choices):
        return "the story has changed since it was played"
    for e in state.transcript:
        beat = beats.get(e.beat)
        items = None if beat is None else (beat.messages if e.kind == "message" else beat.choices or ())
        if items is None or not 0 <= e.index < len(items):
            return "the story has changed since it was played"
        if e.reason is not None and (beat is None or e.kind != "reply"
                                     or (beat.choices or ())[e.index].act != "report"):
            return "the story has changed since it was played"  # a reason for what is no longer a report
    if any(not 0 <= i < len(state.transcript) for i in state.flags):
        return "the saved flags don't match the story"
    for beat_id, index in state.choices:
        if beat_id not in beats or not 0 <= index < len(beats[beat_id].choices or ()):
            return "the story has changed since it was played"
    if any(t not in scenario.threads for t in state.opened) or \
            any(not 0 <= a.index < len(state.transcript) for a in state.acts):
        return "the story has changed since it was played"
    return None


def opened_in(scenario: Scenario, state: PlayState) -> list[str]:
    """The threads the beats played so far opened, in order: each beat a message came from or a
    reply led to, and the current one. (A beat that opens a thread and shows nothing, reached only
    by an automatic route, is not seen here: give it a message, or open the thread where it leads.)"""
    beats = scenario.beats
    visited: list[str] = []
    for e in state.transcript:
        visited.append(e.beat)
        if e.kind == "reply":
            visited.append((beats[e.beat].choices or ())[e.index].goto)
    visited.append(state.beat)
    out: list[str] = []
    for beat in visited:
        for thread in beats[beat].open if beat in beats else ():
            if thread not in out and thread not in scenario.start_threads:
                out.append(thread)
    return out


def acts_in(scenario: Scenario, transcript: list[Entry]) -> list[Act]:
    """The action replies in a transcript, in order (a save carries only the transcript)."""
    out = []
    for i, e in enumerate(transcript):
        if e.kind == "reply":
            choice = (scenario.beats[e.beat].choices or ())[e.index]
            if choice.act is not None:  # a report's reason: the one picked in the app, else the story's
                out.append(Act(choice.act, i, e.beat, e.reason or choice.reason, choice.to))
    return out
