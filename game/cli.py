"""`python -m game <command>`: argument parsing only; each command lives in its own module.

A command module defines `configure(parser)` and `run(args) -> int`. Only the module of the
command asked for is imported, so `validate` never pays for pygame and start-up stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# name -> (module, one-line help). The first is the default when no command is given.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("game.ui.app", "open the game (default)"),
    "validate": ("game.authoring.lint", "check scenario files and report every problem"),
    "walk": ("game.terminal", "play a scenario in the terminal (screen-reader friendly)"),
    "preview": ("game.ui.preview", "render one PNG per step of a playthrough, headless"),
    "new": ("game.authoring.template", "start a new scenario from a commented template"),
    "graph": ("game.authoring.graph", "draw a scenario's story map (Mermaid, DOT, SVG/PNG)"),
    "check": ("game.authoring.paths", "play every path; run transcripts; report statistics"),
    "schema": ("game.authoring.schema", "write the JSON Schema editors use"),
    "results": ("game.classroom.results_cmd", "list, export, import or purge class results"),
    "guide": ("game.classroom.guide", "build the facilitator guide (PDF)"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help"):
        print(_overview())
        return 0
    name = argv.pop(0) if argv and argv[0] in COMMANDS else "play"
    module_name, help_text = COMMANDS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("game"):
            print(f"'{name}' is not available in this version of Red Flags.", file=sys.stderr)
            return 2
        raise
    parser = argparse.ArgumentParser(prog=f"python -m game {name}", description=help_text)
    module.configure(parser)
    args = parser.parse_args(argv)
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _overview() -> str:
    lines = ["usage: python -m game <command> [options]", "", "commands:"]
    lines += [f"  {name:<10} {help_text}" for name, (_, help_text) in COMMANDS.items()]
    lines += ["", "python -m game <command> --help shows a command's options."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
