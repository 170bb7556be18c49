"""Every path through a scenario: each sequence of choices from the start to an ending.

Tests play every path of every shipped scenario with this, and `python -m game check` reports
on it. Choices that lead back to a state already on the current path (same beat, same
variables) are cut, so stories with loops still give a finite list. A loop that only counts
(a choice that comes back with `add:`) never repeats a state exactly: it is followed round at
most MAX_ROUNDS times on one path, enough for conditions like `at_least: 3`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from .model import Scenario
from .runtime import ChoicesEvent, EndingEvent, Event, Handler, PlayState, Playthrough

MAX_PATHS = 10_000
MAX_ROUNDS = 6  # times round a loop that only changes counters, on one path


@dataclass(frozen=True)
class Path:
    choices: tuple[int, ...]  # choice indexes, in order, as `Playthrough.choose` takes them
    events: tuple[Event, ...]  # everything shown along the way, ending last
    state: PlayState  # the final state

    @property
    def ending(self) -> EndingEvent:
        return self.events[-1]  # type: ignore[return-value]


Key = tuple[str, tuple[tuple[str, bool | int | str], ...]]  # a beat and the variables there


class TooManyPaths(RuntimeError):
    pass


def all_paths(scenario: Scenario, limit: int = MAX_PATHS, on_action: Handler | None = None) -> list[Path]:
    """All choice sequences that reach an ending. Raises TooManyPaths past `limit`.
    `on_action` hears every action of every branch as it is played (e.g. each beat entered,
    routing beats included), from the start of the story once."""
    found: list[Path] = []
    counters = {name for beat in scenario.beats.values() for c in beat.choices or () for name in c.add}

    def walk(pt: Playthrough, choices: tuple[int, ...], events: tuple[Event, ...], seen: frozenset[Key],
             rounds: dict[Key, int]) -> None:
        new = tuple(pt.run_until_input())
        events = events + new
        last = new[-1]
        if isinstance(last, EndingEvent):
            found.append(Path(choices, events, pt.state))
            if len(found) > limit:
                raise TooManyPaths(f"more than {limit} paths")
            return
        assert isinstance(last, ChoicesEvent)
        key = (pt.state.beat, tuple(sorted(pt.state.vars.items(), key=str)))
        if key in seen:
            return
        uncounted = (key[0], tuple((k, v) for k, v in key[1] if k not in counters))
        if rounds.get(uncounted, 0) >= MAX_ROUNDS:
            return
        rounds = {**rounds, uncounted: rounds.get(uncounted, 0) + 1}
        for index, _ in last.options:
            branch = Playthrough(scenario, copy.deepcopy(pt.state), on_action=on_action)
            reply = branch.choose(index)
            walk(branch, choices + (index,), events + (reply,), seen | {key}, rounds)

    walk(Playthrough(scenario, on_action=on_action), (), (), frozenset(), {})
    return found


def play(scenario: Scenario, choices: list[int] | tuple[int, ...]) -> Playthrough:
    """Play a scenario taking the given choice indexes in order (for tests and previews)."""
    pt = Playthrough(scenario)
    for index in choices:
        pt.run_until_input()
        pt.choose(index)
    pt.run_until_input()
    return pt
