"""The class session this computer runs: a small file in the data folder naming it, so that
after a restart or a crash the title screen offers "Continue class session". The session itself
(its groups, where each one is) lives in the results store; this only points at it."""

from __future__ import annotations

import json

from game.userdata import atomic_write_text, data_dir

from .store import ResultsStore

ACTIVE_FILE = "active-session.json"


def active_id(store: ResultsStore) -> str | None:
    """The running session's id, when the file names one that `store` still holds."""
    try:
        sid = json.loads((data_dir() / ACTIVE_FILE).read_text(encoding="utf-8")).get("session")
    except (OSError, ValueError, AttributeError, RecursionError):
        return None
    return sid if isinstance(sid, str) and store.session(sid) is not None else None


def set_active(session_id: str | None) -> None:
    """Point at `session_id` (None: no session runs here any more)."""
    path = data_dir() / ACTIVE_FILE
    try:
        if session_id is None:
            path.unlink(missing_ok=True)
        else:
            atomic_write_text(path, json.dumps({"session": session_id}))
    except OSError:
        pass  # the store's own problem message already tells the class nothing is kept
