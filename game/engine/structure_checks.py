"""Structural story checks: each beat does one thing next, and the beats form a story that
can be played from the start to an ending.

The base of every story check pass lives here too (where a diagnostic is put), so the
cross-reference and content checks in story_checks.py build on the same `add`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from .diagnostics import Diagnostic, make
from .model import Scenario
from .salvage import Patch
from .taxonomy import Resources, Taxonomy
from .yamlsource import Loaded

MIN_CHOICES, MAX_CHOICES = 2, 4


def suggest(word: str, options: Iterable[str]) -> str:
    """'did you mean ...?' for the closest of `options`, or nothing."""
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean '{close[0]}'?" if close else ""


class CheckPass:
    """A valid model (or a partial one, with its patch) and where each of its parts was
    written: checks add located diagnostics."""

    def __init__(self, sc: Scenario, loaded: Loaded, taxonomy: Taxonomy | None,
                 resources: Resources | None, patch: Patch | None = None):
        self.sc, self.src, self.name = sc, loaded.source, loaded.name
        self.taxonomy, self.resources = taxonomy, resources
        self.patch = patch  # set when `sc` is a partial model (see salvage.py)
        self.diags: list[Diagnostic] = []

    def add(self, path: tuple[Any, ...], code: str, message: str, hint: str = "", key: bool = False) -> None:
        if self.patch is not None and self.patch.echoes(path, code):
            return  # only a consequence of a mistake the loader already reported
        self.diags.append(make(self.name, self.src.position(path, key=key), code, message, hint))


class StructureChecks(CheckPass):
    """The shape of each beat and of the story graph."""

    def beat_shapes(self) -> None:
        for bid, beat in self.sc.beats.items():
            at = ("beats", bid)
            ways = [w for w in ("choices", "next", "ending") if getattr(beat, w) is not None]
            if not ways:
                self.add(at, "RF023", f"beat '{bid}' has no choices, no next and no ending",
                         "add 'choices:', 'next: BEAT' or 'ending:'", key=True)
            elif len(ways) > 1:
                self.add(at + (ways[1],), "RF027",
                         f"beat '{bid}' has both {ways[0]} and {ways[1]}", "keep only one of them",
                         key=True)
            if beat.choices is not None:
                n = len(beat.choices)
                if not MIN_CHOICES <= n <= MAX_CHOICES:
                    self.add(at + ("choices",), "RF028",
                             f"beat '{bid}' has {n} choice{'s' * (n != 1)}; a reply needs "
                             f"{MIN_CHOICES} to {MAX_CHOICES}",
                             "for one way on, use 'next: BEAT' instead", key=True)
                elif all(c.when is not None for c in beat.choices):
                    self.add(at + ("choices",), "RF029", "every choice has an 'if': the player may "
                             "be left with none", "give at least one choice no 'if'", key=True)
            if beat.next is not None and beat.next and beat.next[-1].when is not None:
                self.add(at + ("next",), "RF029", "every route has an 'if': the story may stop here",
                         "end the list with a route that has no 'if'", key=True)
            if beat.discuss is not None and beat.choices is None:
                self.add(at + ("discuss",), "RF027", "a discussion pause goes before choices",
                         "move 'discuss:' to a beat with choices", key=True)

    def edges(self) -> dict[str, list[tuple[tuple[Any, ...], str]]]:
        out: dict[str, list[tuple[tuple[Any, ...], str]]] = {}
        for bid, beat in self.sc.beats.items():
            targets: list[tuple[tuple[Any, ...], str]] = []
            for i, c in enumerate(beat.choices or ()):
                targets.append((("beats", bid, "choices", i, "goto"), c.goto))
            for i, r in enumerate(beat.next or ()):
                path = ("beats", bid, "next") if len(beat.next or ()) == 1 and r.when is None else (
                    "beats", bid, "next", i, "goto")
                targets.append((path, r.goto))
            out[bid] = targets
        return out

    def graph(self) -> None:
        beats = self.sc.beats
        edges = self.edges()
        ok = True
        if self.sc.start is not None and self.sc.start not in beats:
            self.add(("start",), "RF012", f"unknown beat '{self.sc.start}'",
                     suggest(self.sc.start, beats) or "start must name a beat")
            ok = False
        for targets in edges.values():
            for path, target in targets:
                if target not in beats:
                    self.add(path, "RF012", f"unknown beat '{target}'",
                             suggest(target, beats) or "add a beat with that id, or fix the name")
                    ok = False
        if not ok:
            return
        succ = {b: [t for _, t in edges[b]] for b in beats}
        self.automatic_loops()
        reach = _closure([self.sc.start_beat], succ)
        for bid in beats:
            if bid not in reach:
                self.add(("beats", bid), "RF022", f"beat '{bid}' can never be reached",
                         "point a choice or 'next' at it, or remove it", key=True)
        enders = [b for b, beat in beats.items() if beat.ending is not None]
        pred: dict[str, list[str]] = {b: [] for b in beats}
        for b, ts in succ.items():
            for t in ts:
                pred[t].append(b)
        can_end = _closure(enders, pred)
        if self.sc.start_beat not in can_end:
            self.add(("start",) if self.sc.start else ("beats",), "RF024",
                     "no ending can be reached from the start", "add a beat with 'ending:'",
                     key=True)
            return
        for bid in beats:
            beat = beats[bid]
            dead = beat.choices is None and beat.next is None and beat.ending is None
            if bid in reach and bid not in can_end and not dead:
                self.add(("beats", bid), "RF025", f"from beat '{bid}' the story can never end "
                         "(it only loops)", "give one of the beats in this loop a way to an ending",
                         key=True)

    def automatic_loops(self) -> None:
        """A cycle of `next` routes alone changes no variable, so once entered it never ends."""
        auto = {b: [r.goto for r in beat.next or ()] for b, beat in self.sc.beats.items()}
        state: dict[str, int] = {}  # 1 = on the current DFS path, 2 = done
        for root in auto:
            if state.get(root):
                continue
            state[root] = 1
            stack, path = [(root, iter(auto[root]))], [root]
            while stack:
                node, it = stack[-1]
                nxt = next(it, None)
                if nxt is None:
                    state[node] = 2
                    stack.pop()
                    path.pop()
                elif state.get(nxt) == 1:
                    loop = path[path.index(nxt):] + [nxt]
                    self.add(("beats", nxt, "next"), "RF025", "these beats loop by 'next' alone: "
                             + " -> ".join(loop), "nothing changes inside such a loop, so the "
                             "story would never leave it: end it with choices or an ending",
                             key=True)
                    state[node] = 2
                    stack.pop()
                    path.pop()
                elif state.get(nxt, 0) == 0:
                    state[nxt] = 1
                    stack.append((nxt, iter(auto[nxt])))
                    path.append(nxt)


def _closure(starts: Iterable[str], succ: dict[str, list[str]]) -> set[str]:
    seen, todo = set(starts), list(starts)
    while todo:
        for nxt in succ.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
