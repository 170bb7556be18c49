"""Which stories were played to the end on this computer in normal play (not in a class
session), so the story list can mark them: story ids only, in a small file in the data folder.

Normal play keeps only the story in progress (for "Resume your story"), so the ending is noted
here when the debrief opens. "Delete all results" forgets it too.
"""

from __future__ import annotations

import json

from game.userdata import atomic_write_text, data_dir

FILE_NAME = "played-stories.json"
KEEP = 500  # far more stories than are installed; keeps a damaged or hostile file small


def played() -> set[str]:
    """Ids of the stories finished here (an unreadable file: none)."""
    try:
        data = json.loads((data_dir() / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return set()
    ids = data.get("stories") if isinstance(data, dict) else None
    return {i for i in ids[:KEEP] if isinstance(i, str)} if isinstance(ids, list) else set()


def remember(story_id: str) -> None:
    """Note a story as played here. A data folder that can't be written loses only the mark."""
    old = played()
    if story_id in old:
        return
    try:
        atomic_write_text(data_dir() / FILE_NAME,
                          json.dumps({"stories": sorted(old | {story_id})[:KEEP]}, ensure_ascii=False))
    except OSError:
        pass


def forget() -> None:
    try:
        (data_dir() / FILE_NAME).unlink(missing_ok=True)
    except OSError:
        pass
