"""`python -m game validate [PATH ...]`: check scenario files and print every problem.

Exit status: 0 clean (or only warnings), 1 errors (or warnings with --strict), 2 bad usage.
Advice (severity info, e.g. RF045) is printed too (not in --format json, which lists the
problems), and never fails a file, even with --strict.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.engine.diagnostics import Diagnostic, to_json
from game.engine.validate import Library, load_library, scenario_paths
from game.i18n import _, ngettext
from game.library import draft_lines, game_library, library_root


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path,
                        help=_("story ids, files or folders (default: the shipped stories and My stories)"))
    parser.add_argument("--strict", action="store_true",
                        help=_("treat warnings (missing French, long lines...) as errors"))
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help=_("json prints a list of diagnostics for editors and tools"))
    parser.add_argument("--advice", action="store_true",
                        help=_("also list suggestions (info), such as replies that look like actions"))


def collect(paths: list[Path]) -> list[Library]:
    """One library per folder that holds the taxonomy the given files refer to."""
    if not paths:
        return [game_library()]
    groups: dict[Path, list[Path]] = {}
    missing: list[Path] = []
    for path in paths:
        if not path.exists() and path.suffix == "":  # a story id: the shipped ones or My stories
            from game.authoring.common import scenario_file

            path = scenario_file(str(path)) or path
        if path.is_dir():
            groups.setdefault(_library_root(path), []).extend(scenario_paths(path))
        elif path.exists():
            groups.setdefault(_library_root(path.parent), []).append(path)
        else:
            missing.append(path)
    libs = [load_library(root, files) for root, files in groups.items()]
    if missing:
        from game.engine.diagnostics import make
        lib = Library(Path("."), None, None)
        lib.diagnostics = [make(str(p), (0, 0), "RF001", "no such file or folder",
                                "check the path") for p in missing]
        libs.append(lib)
    return libs


_library_root = library_root  # the game's one rule: the nearest folder with a taxonomy.yaml


def run(args: argparse.Namespace) -> int:
    libs = collect(args.paths)
    diags: list[Diagnostic] = [d for lib in libs for d in lib.all_diagnostics()]
    if args.strict:
        diags = [Diagnostic(d.file, d.line, d.col, d.code, d.message, d.hint, "error") for d in diags]
    files = sum(len(lib.files) for lib in libs)
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    advice = sorted((d for lib in libs for d in lib.all_advice()), key=lambda d: (d.file, d.line, d.col))
    notes, draft_errors = draft_lines(libs, args.strict)  # a shipped draft fails --strict
    errors += draft_errors
    if args.format == "json":  # the problems only: tools gate on them; advice is for the writer
        print(to_json(diags))
        if draft_errors:
            print("\n".join(notes), file=sys.stderr)
    else:
        shown = advice if getattr(args, "advice", False) else []
        for line in [str(d) for d in diags] + [str(d) for d in shown] + notes:
            print(line)
        if advice and not shown:  # suggestions never fail a file: counted, listed on request
            print(ngettext("{n} suggestion: add --advice to see it", "{n} suggestions: add --advice to see them",
                           len(advice)).format(n=len(advice)))
        status = _("OK: {files}, {errors}, {warnings}") if not errors else _("FAILED: {files}, {errors}, {warnings}")
        print(status.format(
            files=ngettext("{n} scenario file", "{n} scenario files", files).format(n=files),
            errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)))
    return 1 if errors else 0
