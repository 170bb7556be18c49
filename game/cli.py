"""`python -m game <command>`: argument parsing only; each command lives in its own module.

A command module defines `configure(parser)` and `run(args) -> int`. Only the module of the
command asked for is imported, so `validate` never pays for pygame and start-up stays fast.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from .translatable import N_, Msg

if TYPE_CHECKING:
    import argparse

# name -> (module, one-line help, in the catalogues). The first is the default when no command is given.
COMMANDS: dict[str, tuple[str, Msg]] = {
    "play": ("game.ui.play", N_("open the game (default)")),
    "validate": ("game.authoring.lint", N_("check scenario files and report every problem")),
    "walk": ("game.terminal", N_("play a scenario in the terminal (screen-reader friendly)")),
    "preview": ("game.ui.preview", N_("render one PNG per step of a playthrough, headless")),
    "new": ("game.authoring.template", N_("start a new scenario from a commented template")),
    "graph": ("game.authoring.graph", N_("draw a scenario's story map (Mermaid, DOT, SVG/PNG)")),
    "check": ("game.authoring.paths", N_("play every path; run transcripts; report statistics")),
    "schema": ("game.authoring.schema", N_("write the JSON Schema editors use")),
    "po": ("game.authoring.po", N_("export a story's text for translators (PO) or import it back")),
    "twine": ("game.authoring.twine", N_("turn a Twine story (Twee 3) into a Red Flags draft")),
    "results": ("game.classroom.results_cmd", N_("list, export, import or purge class results")),
    "guide": ("game.classroom.guide", N_("build the facilitator guide (PDF)")),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    if argv and argv[0] in ("-h", "--help"):
        print(_overview())
        return 0
    name = argv.pop(0) if argv and argv[0] in COMMANDS else "play"
    module_name, help_text = COMMANDS[name]
    try:
        module = _import_command(module_name, pause_gc=name == "play")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("game"):
            from .i18n import _

            print(_("'{name}' is not available in this version of Red Flags.").format(name=name),
                  file=sys.stderr)
            return 2
        raise
    args: SimpleNamespace | argparse.Namespace | None = (
        _defaults(module) if name == "play" and not argv else None)  # a plain launch: no argparse
    if args is None:
        import argparse

        if name != "play":  # a command speaks the language the player chose (the game sets its own)
            from . import settings
            from .i18n import set_language

            set_language(settings.load().lang)
        parser = argparse.ArgumentParser(prog=f"python -m game {name}", description=help_text.get())
        module.configure(parser)
        args = parser.parse_args(argv)
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _tolerant_output() -> None:
    """A console that can't show a character (a Windows code page, LANG=C) shows '?' for it
    instead of the command stopping with UnicodeEncodeError: stories are full of é, ’ and 🚩."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") in ("strict", "surrogateescape"):
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _import_command(module_name: str, pause_gc: bool = False):
    """Import a command's module; with `pause_gc` (the game, whose window should appear at once)
    with the cyclic garbage collector paused: importing pygame and the front end makes tens of
    thousands of objects that live as long as the program, and collecting while they pile up costs
    ~5 ms of a launch and frees nothing. Afterwards they are frozen (gc.freeze: never scanned
    again, as CPython's docs suggest after start-up), so turning the collector back on does not
    scan them all at once either."""
    if not pause_gc or module_name in sys.modules or not gc.isenabled():
        return importlib.import_module(module_name)
    gc.disable()
    try:
        return importlib.import_module(module_name)
    finally:
        gc.freeze()
        gc.enable()


class _Unsupported(Exception):
    pass


_UNSET = object()


class _DefaultsParser:
    """Takes the game's `configure(parser)` in place of an ArgumentParser when there are no
    arguments to parse (opened by a double click, `redflags` or `python run_game.py`), and gives
    what `parse_args([])` would, without importing argparse and gettext (~4 ms of a launch). It knows optional arguments (store, store_true/false, append), optional positionals
    and mutually exclusive groups; anything else (a required argument, a string default to convert,
    sub-commands...) makes it give up, and argparse parses as usual."""

    def __init__(self):
        self.values: dict[str, object] = {}

    def add_mutually_exclusive_group(self, required: bool = False):
        if required:
            raise _Unsupported
        return self

    def add_argument(self, *names: str, action=None, default=_UNSET, nargs=None, type=None, dest=None,
                     required: bool = False, **rest) -> None:
        if required or not names or set(rest) - {"help", "metavar", "choices"}:
            raise _Unsupported
        if names[0].startswith("-"):
            longs = [n for n in names if n.startswith("--")]
            key = dest or (longs or names)[0].lstrip("-").replace("-", "_")
        elif len(names) == 1 and dest is None and action is None and nargs == "?" and default in (_UNSET, None):
            key = names[0]  # an optional positional left out: None
        else:
            raise _Unsupported
        if action in ("store_true", "store_false"):
            value = (action == "store_false") if default is _UNSET else default
        elif action in (None, "store", "append") and nargs in (None, "?"):
            value = None if default is _UNSET else default
            if isinstance(value, str) and type is not None:  # argparse would convert it
                raise _Unsupported
        else:
            raise _Unsupported
        if key in self.values:
            raise _Unsupported
        self.values[key] = value


def _defaults(module) -> SimpleNamespace | None:
    """`module`'s arguments when none are given, or None when only argparse can tell."""
    recorder = _DefaultsParser()
    try:
        module.configure(recorder)
    except (_Unsupported, AttributeError):  # AttributeError: a parser method it does not have
        return None
    return SimpleNamespace(**recorder.values)


def _overview() -> str:
    from .i18n import _

    lines = [_("usage: python -m game <command> [options]"), "", _("commands:")]
    lines += [f"  {name:<10} {help_text.get()}" for name, (_module, help_text) in COMMANDS.items()]
    lines += ["", _("python -m game <command> --help shows a command's options.")]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
