"""Shared by the authoring commands: find a scenario by id or path, load it with its library.

`new`, `graph` and `check` all take "a scenario id or a .yaml file" and need the taxonomy and
resources next to it; this loads it with them and prints why it failed. Which file a reference
names (`game.library.story_file`) and which taxonomy and resources it is read with
(`game.library.library_root`) are the game's one rule, so the commands, `walk`, `preview` and
the game agree on every story file, wherever it is.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from game.authoring.lint import collect
from game.engine.diagnostics import Diagnostic
from game.engine.model import Scenario
from game.engine.validate import Library
from game.i18n import _
from game.library import story_file, story_ids


@dataclass
class Resolved:
    """A scenario reference after loading: `scenario` is None when it can't be played."""

    ref: str
    path: Path | None
    scenario: Scenario | None
    library: Library | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


scenario_file = story_file  # the name the authoring commands have always used


def command_ref(scenario_id: str, file: str | None) -> str:
    """How to name a story in a command a writer can paste: its id when that finds this very
    file, else its path (quoted when it has spaces, as "My stories" does)."""
    found = scenario_file(scenario_id)
    if file is None or (found is not None and found.resolve() == Path(file).resolve()):
        return scenario_id
    return f'"{file}"' if " " in file else file


def resolve(ref: str, folder: Path | None = None) -> Resolved:
    """Load and check the scenario `ref` (an id or a path) with the library it belongs to."""
    path = story_file(ref, folder)
    if path is None:
        return Resolved(ref, None, None, diagnostics=[missing_story(ref, story_ids(folder))])
    lib = collect([path])[0]
    diags = lib.diagnostics + [d for c in lib.files for d in c.diagnostics]
    checked = lib.files[0] if lib.files else None
    scenario = checked.scenario if checked is not None and checked.ok else None
    return Resolved(ref, path, scenario, lib, diags)


def missing_story(ref: str, known: list[str]) -> Diagnostic:
    from game.engine.diagnostics import make

    listed = ", ".join(known) or "none"
    return make(ref, (0, 0), "RF001", f"no scenario '{ref}'", f"known scenarios: {listed}")


def require(ref: str, folder: Path | None = None) -> Resolved:
    """Like `resolve`, but print the errors (to stderr) when the scenario can't be used."""
    found = resolve(ref, folder)
    if found.scenario is None:
        print(_("'{ref}' can't be used until these are fixed:").format(ref=ref), file=sys.stderr)
        for d in found.errors or found.diagnostics:
            print(d, file=sys.stderr)
    return found


def write_output(text: str, out: Path | None) -> None:
    """Print `text`, or write it to `out` and say so."""
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(_("wrote {path}").format(path=out))
