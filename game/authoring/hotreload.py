"""Hot reload for writers: save the YAML, and the running game reloads it and keeps your place.

Like Inky: when the file changes it is checked again; if it is fine, a new playthrough replays
the replies (and flags) made so far on the new version, so the writer stays where they were;
if it is broken, the old version keeps running and the errors are returned for the screen.
No extra dependency and no thread: the front end calls `Watcher.poll()` once a frame, and the
watcher looks at the file's modification time and size at most every `interval` seconds.

    watcher = Watcher(path, playthrough)          # writer option on
    ...every frame:
    reload = watcher.poll()
    if reload is not None:
        if reload.ok:
            playthrough = reload.playthrough      # redraw the chat from reload.events
        show(reload.summary)                      # and watcher.errors while it is broken
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.engine.model import Scenario
from game.engine.runtime import ChoicesEvent, EndingEvent, Event, MessageEvent, Playthrough
from game.engine.validate import check_file
from game.i18n import ngettext

Signature = tuple[int, int]  # (mtime in ns, size)


@dataclass
class Reload:
    """What one reload did. `playthrough` is the one to use from now on (the old one if broken)."""

    ok: bool
    playthrough: Playthrough
    diagnostics: list[Diagnostic] = field(default_factory=list)  # errors (and warnings) found
    replayed: int = 0  # replies made again on the new version
    dropped: int = 0  # replies that no longer exist there (replay stopped before them)
    flags_kept: int = 0
    flags_dropped: int = 0

    @property
    def events(self) -> list[Event]:
        """The chat so far on the version in use, to redraw the screen."""
        return self.playthrough.replay()

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def summary(self) -> str:
        """One line for a toast or a status bar."""
        if not self.ok:
            n = len(self.errors)
            return ngettext("Not reloaded: {n} error (the previous version is still running)",
                            "Not reloaded: {n} errors (the previous version is still running)", n).format(n=n)
        text = ngettext("Reloaded: replayed {n} reply", "Reloaded: replayed {n} replies",
                        self.replayed).format(n=self.replayed)
        if self.dropped:
            text += ngettext("; stopped before {n} that changed", "; stopped before {n} that changed",
                             self.dropped).format(n=self.dropped)
        if self.flags_dropped:
            text += ngettext("; {n} flag dropped", "; {n} flags dropped",
                             self.flags_dropped).format(n=self.flags_dropped)
        return text


class Watcher:
    """Watches one scenario file for a running playthrough of it. Time comes from `clock`
    (seconds, `time.monotonic` by default) and the watcher never sleeps, so a test passes its
    own clock and steps it instead of waiting."""

    def __init__(self, path: str | Path, playthrough: Playthrough, *, taxonomy=None, resources=None,
                 interval: float = 0.5, settle: float = 0.15,
                 clock: Callable[[], float] = time.monotonic):
        self.path = Path(path)
        self.playthrough = playthrough  # the front end may replace it (e.g. on restart)
        if taxonomy is None and resources is None:
            taxonomy, resources = _library_of(self.path)
        self.taxonomy, self.resources = taxonomy, resources
        self.interval, self.settle, self.clock = interval, settle, clock
        self.errors: list[Diagnostic] = []  # non-empty while the file on disk is broken
        self.version = 0  # successful reloads so far
        self._seen = self._signature()
        self._pending: tuple[Signature | None, float] | None = None
        self._next_look = clock() + interval

    def use_clock(self, clock: Callable[[], float]) -> None:
        """Read the time from `clock` from now on, the next look one interval after its now: a
        front end (or a test) that made the watcher can drive it without waiting for real time."""
        self.clock = clock
        self._pending = None
        self._next_look = clock() + self.interval

    def _signature(self) -> Signature | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None  # mid-save (some editors delete, then write) or moved: wait
        return (st.st_mtime_ns, st.st_size)

    def poll(self) -> Reload | None:
        """Call every frame. Returns a Reload when the file changed and was re-read, else None."""
        now = self.clock()
        if now < self._next_look:
            return None
        self._next_look = now + self.interval
        sig = self._signature()
        if sig is None or sig == self._seen:
            self._pending = None
            return None
        if self._pending is None or self._pending[0] != sig:
            self._pending = (sig, now)  # changed: wait until it stops changing (editor still writing)
            if self.settle > 0:
                return None
        if now - self._pending[1] < self.settle:
            return None
        self._seen, self._pending = sig, None
        return self.reload()

    def reload(self) -> Reload:
        """Re-read the file now (e.g. on a key press), whatever its modification time."""
        self._seen = self._signature() or self._seen
        checked = check_file(self.path, self.taxonomy, self.resources)
        if checked.scenario is None or not checked.ok:
            self.errors = [d for d in checked.diagnostics if d.severity == "error"]
            return Reload(False, self.playthrough, checked.diagnostics)
        result = replay_on(checked.scenario, self.playthrough)
        result.diagnostics = checked.diagnostics  # warnings, if any
        self.playthrough, self.errors = result.playthrough, []
        self.version += 1
        return result


def _library_of(path: Path):
    from game.authoring.lint import collect

    lib = collect([path])[0]
    return lib.taxonomy, lib.resources


def replay_on(scenario: Scenario, old: Playthrough) -> Reload:
    """A new playthrough of `scenario` that makes the replies `old` made, as far as they still
    exist, then shows as many messages as `old` had shown since its last reply."""
    st = old.state
    new = Playthrough(scenario, difficulty=st.difficulty, feedback=st.feedback)
    old_beats = old.scenario.beats
    replayed = 0
    reasons = [e.reason for e in st.transcript if e.kind == "reply"]  # the report reasons picked
    for (beat, index), reason in zip(st.choices, reasons, strict=False):
        ev = _run_to_input(new)
        if not isinstance(ev, ChoicesEvent) or ev.beat != beat:
            break
        picked = _same_choice(ev, (old_beats[beat].choices or ())[index], index)
        if picked is None:
            break
        still_report = dict(ev.options)[picked].act == "report"
        new.choose(picked, reason if still_report else None)
        replayed += 1
    if replayed == len(st.choices):
        tail = len(st.transcript) - 1 - max((i for i, e in enumerate(st.transcript) if e.kind == "reply"),
                                            default=-1)
        for _ in range(tail):
            if not isinstance(new.next(), MessageEvent):
                break
    else:
        _run_to_input(new)
    kept, dropped = _carry_flags(old, new)
    return Reload(True, new, replayed=replayed, dropped=len(st.choices) - replayed,
                  flags_kept=kept, flags_dropped=dropped)


def _run_to_input(pt: Playthrough) -> Event:
    while True:
        ev = pt.next()
        if isinstance(ev, (ChoicesEvent, EndingEvent)):
            return ev


def _same_choice(ev: ChoicesEvent, old_choice, old_index: int) -> int | None:
    """The offered reply that is the old one: same place and text, else same text (moved),
    else same place (reworded)."""
    offered = dict(ev.options)
    text = old_choice.text.en
    if old_index in offered and offered[old_index].text.en == text:
        return old_index
    moved = next((i for i, c in ev.options if c.text.en == text), None)
    if moved is not None:
        return moved
    return old_index if old_index in offered else None


def _carry_flags(old: Playthrough, new: Playthrough) -> tuple[int, int]:
    """Put the old flags on the same messages (matched by beat, sender and text) in `new`."""
    def key(pt: Playthrough, i: int):
        e = pt.state.transcript[i]
        msg = pt.message_at(i)
        return (e.beat, msg.sender, msg.text.en) if msg is not None else None

    free: dict[tuple, list[int]] = {}
    for i in range(len(new.state.transcript)):
        k = key(new, i)
        if k is not None:
            free.setdefault(k, []).append(i)
    kept = 0
    for i, category in sorted(old.state.flags.items()):
        spots = free.get(key(old, i), [])
        if spots and new.flaggable(spots[0]):
            new.flag(spots.pop(0), category)
            kept += 1
    return kept, len(old.state.flags) - kept
