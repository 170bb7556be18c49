"""Files that ship inside the package: stories, taxonomy, fonts, emoji, themes, catalogues.

They are found with `importlib.resources`, so a wheel, an editable checkout and a standalone
build all read them the same way, from any working folder. Never build a path from the source
tree: an installed game has no source tree.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


class NotOnDisk(RuntimeError):
    """The package was loaded from a zip archive: its files have no folder to read."""


@cache
def root() -> Path:
    """The folder the `game` package's files are in."""
    found = files("game")
    if not isinstance(found, Path):  # a zip import: loaders give every file a path on disk
        raise NotOnDisk("Red Flags must be installed as files (pip install), not run from a zip archive")
    return found


def shipped(*parts: str) -> Path:
    """A shipped file or folder, e.g. `shipped("assets", "fonts")`."""
    return root().joinpath(*parts)


def scenarios() -> Path:
    """The shipped stories, with the taxonomy, resources, knowledge check and schemas."""
    return shipped("scenarios")


def assets() -> Path:
    """Fonts, emoji and themes."""
    return shipped("assets")
