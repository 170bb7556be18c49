"""A playthrough: a deterministic state machine the front end pulls events from.

Like ink's runtime: `next()` yields the next message, the current choices, or the ending;
`choose()` and `flag()` are the only player actions. There are no clocks here (pacing is the
front end's business), and the whole state is plain data that round-trips through JSON, so a
playthrough can be saved after every action and resumed after a crash.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Literal, Union

from .model import PLAYER, Choice, Discussion, Ending, LocalText, Message, Scenario

STATE_VERSION = 2  # 2: the story's fingerprint; 1: no version key at all
Difficulty = Literal["spot", "name"]
Feedback = Literal["coach", "challenge"]


class PlayError(ValueError):
    """An action that the current state does not allow (a front-end bug, never an author's)."""


@dataclass
class Entry:
    """One line of the transcript: a scenario message, or the reply the player chose."""

    kind: Literal["message", "reply"]
    beat: str
    index: int  # message index in the beat, or choice index for a reply


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

    def to_json(self) -> str:
        data = asdict(self)
        data["flags"] = {str(k): v for k, v in self.flags.items()}
        data["version"] = STATE_VERSION
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
            kept["transcript"] = [Entry(str(e["kind"]), str(e["beat"]), int(e["index"]))
                                  for e in data["transcript"]]
            kept["flags"] = {int(k): (None if v is None else str(v)) for k, v in data["flags"].items()}
            kept["choices"] = [(str(b), int(i)) for b, i in data["choices"]]
            state = cls(**kept)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise PlayError(f"the saved story state is damaged: {exc!r}") from None
        if any(e.kind not in ("message", "reply") for e in state.transcript) or \
                state.phase not in ("messages", "choices", "ended"):
            raise PlayError("the saved story state is damaged: unknown entry or phase")
        return state


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
    for e in state.transcript:
        beat = beats.get(e.beat)
        items = None if beat is None else (beat.messages if e.kind == "message" else beat.choices or ())
        if items is None or not 0 <= e.index < len(items):
            return "the story has changed since it was played"
    if any(not 0 <= i < len(state.transcript) for i in state.flags):
        return "the saved flags don't match the story"
    for beat_id, index in state.choices:
        if beat_id not in beats or not 0 <= index < len(beats[beat_id].choices or ()):
            return "the story has changed since it was played"
    return None


@dataclass(frozen=True)
class MessageEvent:
    index: int  # transcript index: what `flag()` takes
    beat: str
    message: Message
    separator: LocalText | None = None  # the beat's label, on its first message


@dataclass(frozen=True)
class ReplyEvent:
    """The player's chosen reply, shown as their own bubble."""

    index: int
    beat: str
    choice: Choice


@dataclass(frozen=True)
class ChoicesEvent:
    beat: str
    options: tuple[tuple[int, Choice], ...]  # (choice index for `choose()`, choice)
    discuss: Discussion | None = None


@dataclass(frozen=True)
class EndingEvent:
    beat: str
    ending: Ending


Event = Union[MessageEvent, ReplyEvent, ChoicesEvent, EndingEvent]


@dataclass(frozen=True)
class FlagVerdict:
    """What Coach mode tells the player about one flag."""

    correct: bool  # the message really is a red flag
    named: bool | None  # the category was right (None when no category was given)
    category: str | None  # the real category (None for a false alarm)
    why: LocalText | None  # the flag's why, the message's note, or why it is a judgement call
    borderline: bool = False  # a judgement call: neither right nor a false alarm


class Playthrough:
    """Steps a scenario. The front end calls `next()` until it gets choices or an ending."""

    def __init__(self, scenario: Scenario, state: PlayState | None = None, *,
                 difficulty: Difficulty = "spot", feedback: Feedback = "coach"):
        self.scenario = scenario
        if state is None:
            state = PlayState(scenario.id, scenario.start_beat, vars=dict(scenario.variables),
                              difficulty=difficulty, feedback=feedback, fingerprint=scenario.fingerprint)
        else:
            problem = incompatibility(scenario, state)
            if problem:
                raise PlayError(f"this saved story can't continue: {problem}")
            if not state.fingerprint:  # an older save that still fits: it is this version now
                state.fingerprint = scenario.fingerprint
        self.state = state

    # -- stepping ---------------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.state.phase == "ended"

    def next(self) -> Event:
        """The next event. Returns the same ChoicesEvent or EndingEvent until the player acts."""
        st, beats = self.state, self.scenario.beats
        for _ in range(len(beats) + 1):  # automatic routes cannot loop (the validator forbids it)
            beat = beats[st.beat]
            if st.phase == "ended":
                return EndingEvent(st.beat, beat.ending)  # type: ignore[arg-type]
            if st.phase == "choices":
                return self._choices_event()
            while st.pos < len(beat.messages):
                msg = beat.messages[st.pos]
                st.pos += 1
                if msg.when is None or msg.when.holds(st.vars):
                    st.transcript.append(Entry("message", st.beat, st.pos - 1))
                    label = beat.label if st.shown_in_beat == 0 else None
                    st.shown_in_beat += 1
                    return MessageEvent(len(st.transcript) - 1, st.beat, msg, label)
            if beat.ending is not None:
                st.phase = "ended"
                return EndingEvent(st.beat, beat.ending)
            if beat.choices is not None:
                st.phase = "choices"
                return self._choices_event()
            route = next((r for r in beat.next or () if r.when is None or r.when.holds(st.vars)), None)
            if route is None:
                raise PlayError(f"beat '{st.beat}' has no route that applies")
            st.beat, st.pos, st.shown_in_beat = route.goto, 0, 0
        raise PlayError("automatic routes loop without end")

    def _choices_event(self) -> ChoicesEvent:
        beat = self.scenario.beats[self.state.beat]
        options = tuple((i, c) for i, c in enumerate(beat.choices or ())
                        if c.when is None or c.when.holds(self.state.vars))
        return ChoicesEvent(self.state.beat, options, beat.discuss)

    def run_until_input(self) -> list[Event]:
        """Every event up to and including the next choices or ending (for tools and tests)."""
        events = []
        while True:
            ev = self.next()
            events.append(ev)
            if isinstance(ev, (ChoicesEvent, EndingEvent)):
                return events

    # -- player actions ---------------------------------------------------------------------

    def choose(self, choice_index: int) -> ReplyEvent:
        """Take a reply: it joins the transcript, and the event for the player's bubble is returned
        (`next()` then goes on with the story)."""
        st = self.state
        if st.phase != "choices":
            raise PlayError("there are no choices to make now")
        offered = dict(self._choices_event().options)
        if choice_index not in offered:
            raise PlayError(f"choice {choice_index} is not offered here")
        choice = offered[choice_index]
        st.choices.append((st.beat, choice_index))
        st.transcript.append(Entry("reply", st.beat, choice_index))
        st.vars.update(choice.set)
        event = ReplyEvent(len(st.transcript) - 1, st.beat, choice)
        st.beat, st.pos, st.shown_in_beat, st.phase = choice.goto, 0, 0, "messages"
        return event

    def message_at(self, index: int) -> Message | None:
        """The scenario message at a transcript index (None for the player's replies)."""
        entry = self.state.transcript[index]
        if entry.kind != "message":
            return None
        return self.scenario.beats[entry.beat].messages[entry.index]

    def flaggable(self, index: int) -> bool:
        """Players flag what others sent them: not their own replies or system lines."""
        if not 0 <= index < len(self.state.transcript):
            return False
        msg = self.message_at(index)
        return msg is not None and msg.sender not in (PLAYER, "system")

    def flag(self, index: int, category: str | None = None) -> None:
        """Flag a message, optionally naming the tactic (Name it mode). Flagging again renames."""
        if not self.flaggable(index):
            raise PlayError(f"transcript line {index} cannot be flagged")
        self.state.flags[index] = category

    def unflag(self, index: int) -> None:
        self.state.flags.pop(index, None)

    def toggle_flag(self, index: int, category: str | None = None) -> bool:
        """Flag or unflag; returns True if the message is now flagged."""
        if index in self.state.flags:
            self.unflag(index)
            return False
        self.flag(index, category)
        return True

    def verdict(self, index: int) -> FlagVerdict:
        """Whether a flag on this message is right: the rule lives here, not in the front end."""
        msg = self.message_at(index)
        if msg is not None and msg.borderline is not None:
            return FlagVerdict(False, None, None, msg.borderline, borderline=True)
        if msg is None or msg.flag is None:
            return FlagVerdict(False, None, None, msg.note if msg else None)
        named = self.state.flags.get(index)
        ok = None if named is None else named in (msg.flag.category,) + msg.flag.also
        return FlagVerdict(True, ok, msg.flag.category, msg.flag.why)

    # -- saving -----------------------------------------------------------------------------

    @classmethod
    def restore(cls, scenario: Scenario, saved: str) -> Playthrough:
        return cls(scenario, PlayState.from_json(saved))

    def replay(self) -> list[Event]:
        """The events of the transcript so far, e.g. to redraw a resumed chat (with each beat
        visit's label on its first message, as `next()` gave it)."""
        out: list[Event] = []
        beats = self.scenario.beats
        prev: Entry | None = None
        for i, e in enumerate(self.state.transcript):
            if e.kind == "message":
                new_visit = prev is None or prev.kind == "reply" or prev.beat != e.beat
                label = beats[e.beat].label if new_visit else None
                out.append(MessageEvent(i, e.beat, beats[e.beat].messages[e.index], label))
            else:
                out.append(ReplyEvent(i, e.beat, (beats[e.beat].choices or ())[e.index]))
            prev = e
        return out
