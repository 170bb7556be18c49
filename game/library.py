"""Where stories come from, for every command: one resolver.

- the **shipped** stories, inside the package (read-only; an upgrade replaces them);
- **My stories**, the writer's own folder in the data folder (`REDFLAGS_HOME` moves it), where
  `python -m game new` writes;
- any folder given with `--library DIR`, and any single file named on the command line.

All of them use the shipped taxonomy and help resources. A story marked `draft: true` can be
played by its writer but is never offered to a class (see `ClassSettings.offers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .userdata import data_dir

if TYPE_CHECKING:  # the engine loads after the first frame; naming a file must not wait for it
    from .engine.validate import Checked, Library

SHIPPED, MINE, FILE = "shipped", "mine", "file"
MY_STORIES = "My stories"


def my_stories(create: bool = False) -> Path:
    """The writer's own stories: `<data folder>/My stories`."""
    folder = data_dir() / MY_STORIES
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def is_story_file(ref: str | Path) -> bool:
    """Does `ref` name a file (rather than a story id)?"""
    path = Path(ref)
    return path.suffix.lower() in (".yaml", ".yml") or path.is_file()


def game_library(folders: Sequence[Path] = (), files: Sequence[Path] = ()) -> Library:
    """The shipped stories, My stories, then each of `folders` and `files`.

    A folder or file given twice (or the shipped folder given as a --library) is read once."""
    from .engine.validate import default_folder, load_library, scenario_paths

    seen = {p.resolve() for p in scenario_paths(default_folder())}
    more: list[tuple[Path, str]] = []

    def add(path: Path, origin: str) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            more.append((path, origin))

    mine = my_stories()
    for path in scenario_paths(mine) if mine.is_dir() else []:
        add(path, MINE)
    for folder in folders:
        for path in scenario_paths(Path(folder)):
            add(path, MINE)
    for path in files:
        add(Path(path), FILE)
    return load_library(default_folder(), more=more)


def find(lib: Library, ref: str) -> Checked | None:
    """The library file a reference names: a path, a story id, or a file name without .yaml."""
    if is_story_file(ref):
        target = Path(ref).resolve()
        return next((c for c in lib.files if Path(c.path).resolve() == target), None)
    by_id = [c for c in lib.files if c.scenario is not None and c.scenario.id == ref]
    return (by_id or [c for c in lib.files if Path(c.path).stem == ref] or [None])[0]


def library_for(ref: str | None = None, folders: Sequence[Path] = ()) -> tuple[Library, Checked | None]:
    """The game's library with `ref` in it (a file path is added if it is not there already),
    and the file `ref` names (None when there is no such story)."""
    files = [Path(ref)] if ref and is_story_file(ref) and Path(ref).exists() else []
    lib = game_library(folders, files)
    return lib, (find(lib, ref) if ref else None)


def missing_message(lib: Library, ref: str) -> str:
    """Why `ref` can't be found, listing the stories there are."""
    if is_story_file(ref):
        return f"no such file: {ref}"
    known = ", ".join(sorted(lib.playable())) or "none"
    return f"no story '{ref}' (known: {known})"
