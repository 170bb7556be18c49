"""A playthrough: a deterministic state machine the front end pulls events from.

Like ink's runtime: `next()` yields the next message, the current choices, or the ending;
`choose()` and `flag()` are the player's actions, and `rewind()` takes the last reply back.
`can_continue` says whether `next()` would show a message, `current_choices` what may be
chosen now. There are no clocks here (pacing is the front end's business), and the whole state
is plain data that round-trips through JSON (state.py), so a playthrough can be saved after
every action and resumed after a crash.

The action hook (like Yarn Spinner's handlers): `Playthrough(..., on_action=handler)` or
`pt.listen(handler)` calls `handler(action)` after every change to the state, with an `Action`
saying what changed, so recorders and checkers never need to diff states or spy on the story:

    enter    the playthrough is now in `beat` (the start beat of a new playthrough, an
             automatic route's target, a reply's target), even a beat that shows nothing
    message  `next()` showed a message (`event` is the MessageEvent)
    choices  `next()` reached a beat's replies (`event` is the ChoicesEvent)
    ending   `next()` reached the ending (`event` is the EndingEvent)
    choice   `choose()` took a reply (`event` is the ReplyEvent, with the report reason the
             player picked, if any); `enter` follows
    flag     `flag()` flagged line `index`, or renamed its `category`
    unflag   `unflag()` took the flag off line `index`
    rewind   `rewind()` went back to the last choice (the state was replaced)
    act      `choose()` took an action reply (after `choice`): `act` is its kind ("act" for
             `action: true`), `event` the ReplyEvent
    open     a beat's `open:` put `thread` on the phone (format 2)

Actions come in the order things happen, each once the state is whole again (the `choice`
action sees the reply's variables set and the story moved on). Nothing that changes nothing
is reported: `next()` giving the same choices or ending again, flagging a line again with the
same category, unflagging a line that has no flag. A handler that raises stops the action's
caller with that exception; the state stays as the action left it unless the handler puts
back an earlier one (as the results store does when it can't record).
"""

from __future__ import annotations

from collections.abc import Callable

from .conditions import count_of
from .events import Action as Action  # re-exported: the events and actions live in events.py
from .events import ActionKind as ActionKind
from .events import ChoicesEvent as ChoicesEvent
from .events import EndingEvent as EndingEvent
from .events import Event as Event
from .events import FlagVerdict as FlagVerdict
from .events import Handler as Handler
from .events import MessageEvent as MessageEvent
from .events import ReplyEvent as ReplyEvent
from .model import PLAYER, Choice, Message, Scenario
from .reports import REASONS
from .state import STATE_VERSION as STATE_VERSION  # re-exported: the runtime's readers import these here
from .state import Act as Act
from .state import Difficulty as Difficulty
from .state import Entry as Entry
from .state import Feedback as Feedback
from .state import PlayError as PlayError
from .state import PlayState as PlayState
from .state import acts_in, opened_in
from .state import incompatibility as incompatibility


class Playthrough:
    """Steps a scenario. The front end calls `next()` until it gets choices or an ending."""

    def __init__(self, scenario: Scenario, state: PlayState | None = None, *,
                 difficulty: Difficulty = "spot", feedback: Feedback = "coach",
                 on_action: Handler | None = None):
        """A new playthrough (`state` None: from the start, which `on_action` hears as an
        `enter` action) or a saved one continued (PlayError when it no longer fits the story)."""
        self.scenario = scenario
        self._handlers: list[Handler] = [] if on_action is None else [on_action]
        if state is not None:
            problem = incompatibility(scenario, state)
            if problem:
                raise PlayError(f"this saved story can't continue: {problem}")
            if not state.fingerprint:  # an older save that still fits: it is this version now
                state.fingerprint = scenario.fingerprint
            # what the transcript says was done and opened (not saved: see state.py)
            state.acts, state.opened = acts_in(scenario, state.transcript), opened_in(scenario, state)
            self.state = state
            return
        self.state = PlayState(scenario.id, scenario.start_beat, vars=dict(scenario.variables),
                               difficulty=difficulty, feedback=feedback, fingerprint=scenario.fingerprint)
        self._emit("enter", self.state.beat)
        self._open()

    # -- the action hook --------------------------------------------------------------------

    def listen(self, handler: Handler) -> Callable[[], None]:
        """Call `handler(action)` after every change from now on; returns what stops it."""
        self._handlers.append(handler)

        def stop() -> None:
            if handler in self._handlers:
                self._handlers.remove(handler)

        return stop

    def _emit(self, kind: ActionKind, beat: str, event: Event | None = None,
              index: int | None = None, category: str | None = None, **more: str | None) -> None:
        if self._handlers:
            action = Action(kind, beat, event, index, category, **more)
            for handler in list(self._handlers):
                handler(action)

    # -- threads ----------------------------------------------------------------------------

    @property
    def threads(self) -> tuple[str, ...]:
        """The threads on the phone now, in the order the story declares them."""
        opened = set(self.scenario.start_threads) | set(self.state.opened)
        return tuple(t for t in self.scenario.threads if t in opened) or self.scenario.start_threads

    def _open(self) -> None:
        """Put the threads the entered beat opens on the phone (each once)."""
        st = self.state
        for thread in self.scenario.beats[st.beat].open:
            if thread not in st.opened and thread not in self.scenario.start_threads:
                st.opened.append(thread)
                self._emit("open", st.beat, thread=thread)

    # -- stepping ---------------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.state.phase == "ended"

    @property
    def can_continue(self) -> bool:
        """True when `next()` would show a message, not choices, an ending or an error. It looks
        ahead through hidden messages and automatic routes, and changes nothing."""
        st, beats = self.state, self.scenario.beats
        if st.phase != "messages":
            return False
        beat_id, pos = st.beat, st.pos
        for _ in range(len(beats) + 1):  # as in `next()`: automatic routes cannot loop
            beat = beats[beat_id]
            if any(m.when is None or m.when.holds(st.vars) for m in beat.messages[pos:]):
                return True
            if beat.ending is not None or beat.choices is not None:
                return False
            route = next((r for r in beat.next or () if r.when is None or r.when.holds(st.vars)), None)
            if route is None:
                return False
            beat_id, pos = route.goto, 0
        return False

    @property
    def current_choices(self) -> dict[int, Choice]:
        """The replies offered now, in the order shown, keyed by what `choose()` takes: the
        reply's index in its beat, as in ChoicesEvent.options and the saved state. A reply
        hidden by its condition leaves a gap in the keys, never a shift, so one number means
        one reply everywhere. Empty unless the story waits for a choice."""
        if self.state.phase != "choices":
            return {}
        return dict(self._choices_event().options)

    def next(self) -> Event:
        """The next event. Returns the same ChoicesEvent or EndingEvent until the player acts."""
        st, beats = self.state, self.scenario.beats
        for _ in range(len(beats) + 1):  # automatic routes cannot loop (the validator forbids it)
            beat = beats[st.beat]
            if st.phase == "ended":
                return self._ending_event()
            if st.phase == "choices":
                return self._choices_event()
            while st.pos < len(beat.messages):
                msg = beat.messages[st.pos]
                st.pos += 1
                if msg.when is None or msg.when.holds(st.vars):
                    st.transcript.append(Entry("message", st.beat, st.pos - 1))
                    label = beat.label if st.shown_in_beat == 0 else None
                    st.shown_in_beat += 1
                    shown = MessageEvent(len(st.transcript) - 1, st.beat, msg, label,
                                         self.scenario.thread_of(msg))
                    self._emit("message", st.beat, shown)
                    return shown
            if beat.ending is not None:
                st.phase = "ended"
                ending = self._ending_event()
                self._emit("ending", st.beat, ending)
                return ending
            if beat.choices is not None:
                st.phase = "choices"
                offered = self._choices_event()
                self._emit("choices", st.beat, offered)
                return offered
            route = next((r for r in beat.next or () if r.when is None or r.when.holds(st.vars)), None)
            if route is None:
                raise PlayError(f"beat '{st.beat}' has no route that applies")
            st.beat, st.pos, st.shown_in_beat = route.goto, 0, 0
            self._emit("enter", st.beat)
            self._open()
        raise PlayError("automatic routes loop without end")

    def _ending_event(self) -> EndingEvent:
        """The ending of the beat the story ended in, in the variant its variables choose."""
        ending = self.scenario.beats[self.state.beat].ending
        if ending is None:
            raise PlayError(f"beat '{self.state.beat}' has no ending")
        variant = ending.variant_for(self.state.vars)
        return EndingEvent(self.state.beat, ending.variant(variant), variant)

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

    def choose(self, choice_index: int, reason: str | None = None) -> ReplyEvent:
        """Take a reply: it joins the transcript, and the event for the player's bubble is returned
        (`next()` then goes on with the story). `reason`, for an `action: report` reply only: the
        reason the player picked in the app's report flow (engine/reports.py); without one, the
        story's own `reason:` stands."""
        st = self.state
        if st.phase != "choices":
            raise PlayError("there are no choices to make now")
        offered = dict(self._choices_event().options)
        if choice_index not in offered:
            raise PlayError(f"choice {choice_index} is not offered here")
        choice = offered[choice_index]
        if reason is not None and (choice.act != "report" or reason not in REASONS):
            raise PlayError(f"choice {choice_index} is not a report" if choice.act != "report" else
                            f"'{reason}' is not a report reason (one of {', '.join(REASONS)})")
        st.choices.append((st.beat, choice_index))
        st.transcript.append(Entry("reply", st.beat, choice_index, reason))
        st.vars.update(choice.set)
        for name, n in choice.add.items():  # counters: after `set:`, from 0 when never set
            st.vars[name] = count_of(st.vars.get(name)) + n
        event = ReplyEvent(len(st.transcript) - 1, st.beat, choice, reason)
        if choice.act is not None:
            st.acts.append(Act(choice.act, event.index, st.beat, reason or choice.reason, choice.to))
        st.beat, st.pos, st.shown_in_beat, st.phase = choice.goto, 0, 0, "messages"
        self._emit("choice", event.beat, event)
        if choice.act is not None:
            self._emit("act", event.beat, event, act=choice.act)
        self._emit("enter", st.beat)
        self._open()
        return event

    def rewind(self) -> None:
        """Back to the last choice, to try another reply: the player's latest reply and all
        after it are undone, flags raised before it stay, difficulty and feedback are kept.
        The state is replaced by the story replayed up to that choice (the old object is left
        as it was). PlayError when no reply has been made."""
        st = self.state
        if not st.choices:
            raise PlayError("there is no reply to take back")
        earlier = Playthrough(self.scenario)
        picked = [e.reason for e in st.transcript if e.kind == "reply"]  # one per choice, in order
        for (_beat, index), reason in zip(st.choices[:-1], picked, strict=False):
            earlier.run_until_input()
            earlier.choose(index, reason)
        earlier.run_until_input()
        state = earlier.state
        state.difficulty, state.feedback = st.difficulty, st.feedback
        state.flags = {i: v for i, v in st.flags.items() if i < len(state.transcript)}
        self.state = state
        self._emit("rewind", state.beat)

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
        flags = self.state.flags
        if index in flags and flags[index] == category:
            return
        flags[index] = category
        self._emit("flag", self.state.transcript[index].beat, index=index, category=category)

    def unflag(self, index: int) -> None:
        if index in self.state.flags:
            del self.state.flags[index]
            self._emit("unflag", self.state.transcript[index].beat, index=index)

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
                msg = beats[e.beat].messages[e.index]
                out.append(MessageEvent(i, e.beat, msg, label, self.scenario.thread_of(msg)))
            else:
                out.append(ReplyEvent(i, e.beat, (beats[e.beat].choices or ())[e.index], e.reason))
            prev = e
        return out
