"""A playthrough's state, derived from its recorded actions instead of stored after each one.

Storing the whole `PlayState` with every action made storage grow with the square of a
playthrough's length (a board's 3,000 groups took 488 MB). Now each action's details also say
what it changed (a message's index in its beat, where a beat's messages stopped, a reply's option,
the report reason picked for it and the variables it set, how a playthrough started), and the state after any action is the
fold of the actions up to it: `replay`. No copy of the story is needed, so a playthrough
recorded on a story that has changed since still reads back exactly as it was played.

Every action is checked when it is recorded (or converted from an older file): if folding it
onto the state before does not give exactly the state after (an older save given the story's
fingerprint on resume, a change of the engine), the action carries the whole state after it
(`"state"`), and replay takes that. So replay always gives what was played, never a guess.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from game.engine.runtime import Entry, PlayError, PlayState

SNAPSHOT = "state"  # an action's details may carry the whole state after it (or None: unknown)
_START = ("beat", "vars", "difficulty", "feedback", "fingerprint")


def copy_state(state: PlayState) -> PlayState:
    """A copy cheap enough to make for every recorded action (no JSON round trip)."""
    out = PlayState(**{f.name: getattr(state, f.name) for f in fields(PlayState)})
    out.vars, out.flags = dict(state.vars), dict(state.flags)
    out.transcript, out.choices = list(state.transcript), list(state.choices)
    return out


def apply(state: PlayState | None, kind: str, data: dict[str, Any]) -> PlayState | None:
    """The state after one action, from the state before it (changed in place and returned).
    None: the state is unknown from here (an older record whose state could not be read).
    Details that don't fit raise PlayError."""
    if SNAPSHOT in data:
        snap = data[SNAPSHOT]
        return None if snap is None else PlayState.from_json(json.dumps(snap))
    if kind == "start":
        try:
            return PlayState(str(data["scenario"]), str(data["beat"]), vars=dict(data["vars"]),
                             difficulty=data["difficulty"], feedback=data["feedback"],
                             fingerprint=str(data["fingerprint"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise PlayError(f"the recorded start is incomplete: {exc!r}") from None
    if state is None:
        return None
    st = state
    try:
        if kind == "message":
            beat, msg = str(data["beat"]), int(data["msg"])
            if int(data["index"]) != len(st.transcript):
                raise PlayError("a recorded message is out of place")
            if beat != st.beat:
                st.beat, st.shown_in_beat = beat, 0
            st.pos, st.shown_in_beat = msg + 1, st.shown_in_beat + 1
            st.transcript.append(Entry("message", beat, msg))
        elif kind in ("choices", "ending"):
            beat = str(data["beat"])
            if beat != st.beat:
                st.beat, st.shown_in_beat = beat, 0
            st.pos, st.phase = int(data["pos"]), "choices" if kind == "choices" else "ended"
        elif kind == "choice":
            option, reason = int(data["option"]), data.get("reason")
            st.choices.append((st.beat, option))
            st.transcript.append(Entry("reply", st.beat, option, None if reason is None else str(reason)))
            st.vars.update(data["set"])
            st.beat, st.pos, st.shown_in_beat, st.phase = str(data["choice"]), 0, 0, "messages"
        elif kind == "flag":
            category = data["category"]
            st.flags[int(data["index"])] = None if category is None else str(category)
        elif kind == "unflag":
            st.flags.pop(int(data["index"]), None)
        else:
            raise PlayError(f"unknown action '{kind}'")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PlayError(f"a recorded action is incomplete: {exc!r}") from None
    return st


def replay(actions: Iterable[tuple[str, dict[str, Any]]]) -> PlayState:
    """The state after these (kind, details) actions, in order; PlayError when it can't be
    known (details damaged, or recorded before the state could be read)."""
    state: PlayState | None = None
    for kind, data in actions:
        if not isinstance(data, dict):
            raise PlayError("a recorded action's details can't be read")
        state = apply(state, kind, data)
    if state is None:
        raise PlayError("this playthrough's saved state can't be read")
    return state


def details(kind: str, data: dict[str, Any], before: PlayState | None, after: PlayState) -> dict[str, Any]:
    """An action's details with what replay needs to get from `before` (the state after the
    previous recorded action; None for the start) to `after`; with the whole state when that
    can't be said."""
    out = dict(data)
    try:
        if kind == "start":
            out.update(beat=after.beat, vars=dict(after.vars), difficulty=after.difficulty,
                       feedback=after.feedback, fingerprint=after.fingerprint)
        elif kind == "message":
            out["msg"] = after.transcript[-1].index
        elif kind in ("choices", "ending"):
            out["pos"] = after.pos
        elif kind == "choice" and before is not None:
            out["option"] = after.choices[-1][1]
            out["set"] = {k: v for k, v in after.vars.items() if k not in before.vars or before.vars[k] != v}
    except IndexError:
        pass  # not what the kind says: the check below keeps the whole state
    try:
        fits = apply(None if before is None else copy_state(before), kind, out) == after
    except PlayError:
        fits = False
    if not fits:
        out[SNAPSHOT] = json.loads(after.to_json())
    return out


def object_of(text: str) -> dict[str, Any]:
    """An older action's stored details (unreadable ones are dropped: its state says what it did)."""
    try:
        found = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return {}
    return found if isinstance(found, dict) else {}


def lean(kinds_data_states: Iterable[tuple[str, dict[str, Any], str]]) -> list[dict[str, Any]]:
    """Details for replay from one playthrough's actions as older versions stored them (each
    with the whole state after it), in order. A state that can't be read makes the state unknown
    from there (as it was: unreadable) until an action whose state can be read."""
    out = []
    before: PlayState | None = None
    for kind, data, state_json in kinds_data_states:
        try:
            after = PlayState.from_json(state_json)
        except PlayError:
            out.append(dict(data) | {SNAPSHOT: None})
            before = None
            continue
        if before is None and kind != "start":
            out.append(dict(data) | {SNAPSHOT: json.loads(after.to_json())})
        else:
            out.append(details(kind, data, before, after))
        before = after
    return out
