"""Where stories come from, for every command: one resolver.

- the **shipped** stories, inside the package (read-only; an upgrade replaces them);
- **My stories**, the writer's own folder in the data folder (`REDFLAGS_HOME` moves it), where
  `python -m game new` writes;
- any folder given with `--library DIR`, and any single file named on the command line.

A story is read with the taxonomy of the nearest folder at or above it that has a
`taxonomy.yaml` (and that folder's `resources.yaml` when it has one), else with the shipped ones:
`library_root`, the rule `validate`, `check`, `graph`, `walk`, `preview` and the game all follow,
so a story one of them accepts, every one of them plays. A file named on the command line wins
over a story with the same id (a writer's copy of a shipped story, played with hot reload).

A story marked `draft: true` can be played by its writer, alone or in writer mode, but is never
offered to a class (see `ClassSettings.offers`); `validate` says so (`draft_lines`).

A story reference (an id, a file path, or a file name without .yaml) is resolved here only:
`story_file` before anything is loaded (the authoring commands), `find` in a loaded library
(the game's screens), `resolve` for both at once with the words saying why not (walk, preview).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .userdata import data_dir

if TYPE_CHECKING:  # the engine loads after the first frame; naming a file must not wait for it
    from .engine.model import Scenario
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


def named_files(ref: str | None) -> list[Path]:
    """The file a reference names, to add to the game's library ([] for a story id)."""
    return [Path(ref)] if ref and is_story_file(ref) else []


def story_folders(folder: Path | None = None) -> list[Path]:
    """Where a bare story id is looked for: `folder` when given, else the shipped stories, then
    My stories."""
    from .engine.validate import default_folder

    return [folder] if folder is not None else [default_folder(), my_stories()]


def story_file(ref: str, folder: Path | None = None) -> Path | None:
    """The file (or folder) a reference names, before anything is loaded: a path as given when
    it is a .yaml name or is there, else `<id>.yaml` in `story_folders(folder)`."""
    path = Path(ref)
    if is_story_file(ref) or path.exists():
        return path
    for where in story_folders(folder):
        candidate = where / f"{ref}.yaml"
        if candidate.exists():
            return candidate
    return None


def story_ids(folder: Path | None = None) -> list[str]:
    """The stories a bare id can name (file names without .yaml), sorted: for 'known: ...'."""
    from .engine.validate import scenario_paths

    return sorted(p.stem for where in story_folders(folder) if where.is_dir()
                  for p in scenario_paths(where))


def library_root(folder: Path) -> Path:
    """Whose taxonomy and help resources a story in `folder` uses: the nearest folder at or above
    it with a taxonomy.yaml, else the shipped folder."""
    from .engine.validate import default_folder

    for candidate in (folder, *folder.resolve().parents):
        if (candidate / "taxonomy.yaml").exists():
            return candidate
    return default_folder()


def game_library(folders: Sequence[Path] = (), files: Sequence[Path] = ()) -> Library:
    """The shipped stories, My stories, each of `folders`, then each of `files`.

    A folder or file given twice (or the shipped folder given as a --library) is read once. The
    taxonomy and resources are those of the first file's `library_root` (the shipped ones when
    no file is named), and a named file takes the place of a story with the same id."""
    from .engine.validate import check_file, default_folder, load_library, scenario_paths

    shipped = scenario_paths(default_folder())
    seen = {p.resolve() for p in shipped}
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
    named = [Path(p) for p in files]
    root = library_root(named[0].parent) if named else default_folder()
    if root.resolve() == default_folder().resolve():
        lib = load_library(default_folder(), more=more)
    else:  # the taxonomy beside the named file, for every story of this run
        lib = load_library(root, paths=[], more=[(p, SHIPPED) for p in shipped] + more)
    for path in named:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        checked = check_file(path, lib.taxonomy, lib.resources)
        checked.origin = FILE
        if checked.scenario is not None:
            lib.files = [c for c in lib.files if c.scenario is None or c.scenario.id != checked.scenario.id]
        lib.files.append(checked)
    return lib


def find(lib: Library, ref: str) -> Checked | None:
    """The library file a reference names: a path, a story id, or a file name without .yaml."""
    if is_story_file(ref):
        target = Path(ref).resolve()
        return next((c for c in lib.files if Path(c.path).resolve() == target), None)
    by_id = next((c for c in lib.files if c.scenario is not None and c.scenario.id == ref), None)
    if by_id is not None:
        return by_id
    return next((c for c in lib.files if Path(c.path).stem == ref), None)


def library_for(ref: str | None = None, folders: Sequence[Path] = ()) -> tuple[Library, Checked | None]:
    """The game's library with `ref` in it (a file path is added if it is not there already),
    and the file `ref` names (None when there is no such story)."""
    lib = game_library(folders, [p for p in named_files(ref) if p.exists()])
    return lib, (find(lib, ref) if ref else None)


def missing_message(lib: Library, ref: str) -> str:
    """Why `ref` can't be found, listing the stories there are."""
    from .i18n import _

    if is_story_file(ref):
        return _("no such file: {path}").format(path=ref)
    known = ", ".join(sorted(lib.playable())) or _("none")
    return _("no scenario '{ref}' (known: {known})").format(ref=ref, known=known)


@dataclass(frozen=True)
class Found:
    """A story reference resolved in the game's library: the file it names (None: no such
    story), and the scenario when it can be played."""

    ref: str
    library: Library
    checked: Checked | None

    @property
    def scenario(self) -> Scenario | None:
        return self.checked.scenario if self.checked is not None else None

    @property
    def problems(self) -> list[str]:
        """Why it can't be played: not found (with the stories there are), or its errors."""
        if self.checked is None:
            return [missing_message(self.library, self.ref)]
        return [str(d) for d in self.checked.diagnostics if d.severity == "error"]


def resolve(ref: str, folders: Sequence[Path] = (), lib: Library | None = None) -> Found:
    """`ref` in `lib`, or in the game's library with `folders` (and the file `ref` names)."""
    if lib is None:
        lib, checked = library_for(ref, folders)
    else:
        checked = find(lib, ref)
    return Found(ref, lib, checked)


def draft_lines(libs: Sequence[Library], strict: bool = False) -> tuple[list[str], int]:
    """What `validate` says about drafts, and how many of them are errors: a note for each draft
    (a story is one while it is written), but with --strict a shipped story that is still a
    draft is an error (a draft must never ship)."""
    from .engine.validate import default_folder
    from .i18n import _

    shipped = default_folder().resolve()
    lines: list[str] = []
    errors = 0
    for checked in (c for lib in libs for c in lib.files):
        if checked.scenario is None or not checked.scenario.draft:
            continue
        if strict and Path(checked.path).resolve().is_relative_to(shipped):
            errors += 1
            lines.append(_("{file}: error: a shipped story can't be a draft: delete the line "
                           "'draft: true'").format(file=checked.path))
        else:
            lines.append(_("{file}: note: a draft (draft: true): you can play it, but classes are "
                           "not offered it until you delete that line").format(file=checked.path))
    return lines, errors
