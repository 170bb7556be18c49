"""Normal (non-session) play, recorded action by action so that a story interrupted by a crash,
a closed lid or a power cut can be resumed from the title screen.

It has a store of its own (`solo.sqlite3`), so it never mixes with class results, and keeps only
the story in progress: starting another, leaving it or finishing it deletes the old one. A story
that is no longer installed can't be resumed, and is forgotten.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from game.engine.model import Scenario

from .recording import RecordingPlaythrough
from .records import PlaythroughInfo
from .store import ResultsStore

SOLO_DB = "solo.sqlite3"  # in the data folder, beside the class results


class SoloPlay:
    """The story in progress in normal play (`path`: its store's file, or an open store)."""

    def __init__(self, path: str | Path | ResultsStore):
        self.store = path if isinstance(path, ResultsStore) else ResultsStore(path)

    def clear(self) -> None:
        for s in self.store.sessions():
            self.store.delete_session(s.id)

    def start(self, scenario: Scenario, difficulty: str, feedback: str) -> RecordingPlaythrough:
        self.clear()
        sid = self.store.new_session({"solo": True}, "solo")
        gid = self.store.add_group(sid, "solo", 1)
        return self.store.start_playthrough(gid, scenario, 0, difficulty=difficulty, feedback=feedback)

    def interrupted(self) -> PlaythroughInfo | None:
        """The story that was interrupted (with something on screen), if any."""
        found = [p for p in self.store.unfinished() if p.state is None or p.state.transcript]
        return found[-1] if found else None

    def resumable(self, playable: Mapping[str, Scenario]) -> tuple[PlaythroughInfo, Scenario] | None:
        """The interrupted story and its scenario among `playable`; None when there is none to
        resume, and a story no longer installed (or now broken) is forgotten."""
        info = self.interrupted()
        scenario = playable.get(info.scenario_id) if info is not None else None
        if info is None or scenario is None:
            self.clear()
            return None
        return info, scenario

    def resume(self, info: PlaythroughInfo, scenario: Scenario) -> RecordingPlaythrough:
        return self.store.resume(info.id, scenario)
