"""Loading a whole library of scenarios: each file read, checked, and listed with its problems.

The loader answers "is this well-formed?"; the story checks (story_checks.py and
structure_checks.py) answer "does this story work?". Here files are found, kept inside their
folder, loaded, checked and given unique ids. Every name stays importable from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ..shipped import scenarios
from .diagnostics import Diagnostic, has_errors, make
from .loader import SourceMap, build_model, parse_yaml, read_source
from .model import Scenario
from .quiz import check_loaded as check_questions
from .quiz import is_questions
from .spotcheck import check_loaded as check_spotcheck
from .spotcheck import is_spotcheck
from .story_checks import (
    EXPLICIT_RE,
    MAX_CHOICE_CHARS,
    MAX_MESSAGE_CHARS,
    StoryChecks,
    resolve_asset,
)
from .structure_checks import MAX_CHOICES, MIN_CHOICES
from .taxonomy import Resources, Taxonomy, load_resources, load_taxonomy

__all__ = ["Checked", "Library", "check_file", "check_source", "load_library", "SourceMap", "StoryChecks",
           "EXPLICIT_RE", "MAX_MESSAGE_CHARS", "MAX_CHOICE_CHARS", "MIN_CHOICES", "MAX_CHOICES", "resolve_asset",
           "default_folder", "scenario_paths", "SUPPORT_FILES"]


@dataclass
class Checked:
    """One scenario file after loading and checking: the model is None if it has errors."""

    path: str
    scenario: Scenario | None
    diagnostics: list[Diagnostic]
    origin: str = "shipped"  # "shipped", "mine" (the writer's own stories) or "file" (given by path)
    advice: list[Diagnostic] = field(default_factory=list)  # severity info: notes, never problems

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not has_errors(self.diagnostics)


@dataclass
class Library:
    """Every scenario in a folder, with the taxonomy and resources they refer to."""

    folder: Path
    taxonomy: Taxonomy | None
    resources: Resources | None
    files: list[Checked] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # taxonomy, resources, library

    def playable(self) -> dict[str, Scenario]:
        return {c.scenario.id: c.scenario for c in self.files if c.ok and c.scenario}

    def all_diagnostics(self) -> list[Diagnostic]:
        return self.diagnostics + [d for c in self.files for d in c.diagnostics]

    def all_advice(self) -> list[Diagnostic]:
        return [d for c in self.files for d in c.advice]


SUPPORT_FILES = ("taxonomy.yaml", "resources.yaml")


def default_folder() -> Path:
    """The shipped scenarios folder (inside the game package)."""
    return scenarios()


def load_library(folder: str | Path | None = None, paths: list[Path] | None = None,
                 more: Sequence[tuple[Path, str]] = ()) -> Library:
    """Load the taxonomy and resources of `folder` and check every scenario in it (or `paths`),
    then the files of `more`, each with where it came from ("mine", "file"). They all use the
    taxonomy and resources of `folder` (the shipped resources when it has no resources.yaml)."""
    folder = Path(folder) if folder else default_folder()
    taxonomy, tdiags = load_taxonomy(folder / "taxonomy.yaml")
    helped = folder if (folder / "resources.yaml").exists() else default_folder()
    resources, rdiags = load_resources(helped / "resources.yaml")
    lib = Library(folder, taxonomy, resources, diagnostics=tdiags + rdiags)
    if paths is None:
        paths = scenario_paths(folder)
    for path in paths:
        lib.files.append(check_file(path, taxonomy, resources, folder))
    for path, origin in more:
        checked = check_file(path, taxonomy, resources, None if origin == "file" else Path(path).parent)
        checked.origin = origin
        lib.files.append(checked)
    _check_unique_ids(lib)
    return lib


def scenario_paths(folder: Path) -> list[Path]:
    """Scenario files in a folder, without the support files. Subfolders (schema/,
    transcripts/, knowledge/) hold other kinds of files and are not scenarios. A link that leads
    outside the folder is listed, and refused when it is checked (see `check_file`)."""
    try:
        return sorted(p for p in folder.glob("*.yaml")
                      if p.name not in SUPPORT_FILES and not p.name.startswith("."))
    except OSError:
        return []


def _escapes(path: Path, folder: Path) -> bool:
    """Is `path` a link that leads outside `folder` (or nowhere: a loop)?"""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve(strict=True).is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return True


def _check_unique_ids(lib: Library) -> None:
    seen: dict[str, str] = {}
    for c in lib.files:
        if c.scenario is None:
            continue
        first = seen.setdefault(c.scenario.id, c.path)
        if first != c.path:
            c.diagnostics.append(make(c.path, (1, 1), "RF035",
                                      f"scenario id '{c.scenario.id}' is already used by {first}",
                                      "give each scenario its own id"))
            c.scenario = None


def check_file(path: str | Path, taxonomy: Taxonomy | None, resources: Resources | None,
               library: Path | None = None) -> Checked:
    """Load and check one file. With `library`, a link leading outside that folder is refused:
    a shared library never makes the game read a file elsewhere on the computer."""
    if library is not None and _escapes(Path(path), library):
        return Checked(str(path), None, [make(str(path), (0, 0), "RF001",
                                              "this is a link to a file outside the story folder",
                                              "copy the story into the folder instead of linking it")])
    raw, problem = read_source(path)
    if problem:
        return Checked(str(path), None, [problem])
    return check_source(cast(bytes, raw), str(path), taxonomy, resources)  # bytes when no problem


def check_source(raw: bytes | str, name: str, taxonomy: Taxonomy | None,
                 resources: Resources | None) -> Checked:
    """Load and check one scenario's text. Never raises for any input. A file that says what
    else it is (`kind: spotcheck`, `kind: knowledge`) is checked as that instead: its model is
    not a scenario, so `scenario` stays None and only its diagnostics count."""
    loaded = parse_yaml(raw, name)
    if is_spotcheck(loaded.data) or is_questions(loaded.data):
        _, diags = (check_spotcheck(loaded, taxonomy) if is_spotcheck(loaded.data) else check_questions(loaded))
        return Checked(name, None, [d for d in diags if d.severity != "info"],
                       advice=[d for d in diags if d.severity == "info"])
    # with a shape mistake, a partial model: the story checks still report every other problem
    scenario, patch = build_model(Scenario, loaded)
    diags = loaded.diagnostics
    if scenario is not None:
        diags.extend(StoryChecks(scenario, loaded, taxonomy, resources, patch).run())
        stem = Path(name).stem
        if Path(name).suffix == ".yaml" and stem != scenario.id and not (patch and patch.echoes(("id",), "RF036")):
            diags.append(make(name, loaded.source.position(("id",)), "RF036",
                              f"the file is called '{stem}.yaml' but the id is '{scenario.id}'",
                              f"rename the file to '{scenario.id}.yaml' so teachers can find it"))
    diags.sort(key=lambda d: (d.line, d.col))
    advice = [d for d in diags if d.severity == "info"]  # kept apart: a file with only advice is clean
    diags = [d for d in diags if d.severity != "info"]
    ok = scenario is not None and patch is None and not has_errors(diags)
    return Checked(name, scenario if ok else None, diags, advice=advice)
