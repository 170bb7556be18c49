"""The `play` command (`python -m game`, the default): open the window and the game, and with a
story's id or file path, that story at once (a file opened by path is a writer's draft: it
reloads whenever it is saved, keeping the player's place)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from ..engine.options import LANGS  # noqa: E402
from ..i18n import _  # noqa: E402
from .app import App  # noqa: E402
from .window import open_display, parse_size  # noqa: E402

if TYPE_CHECKING:
    import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story", nargs="?", metavar="STORY",
                        help="a story to open at once: its id, or any .yaml file (played with "
                        "hot reload: save the file and the game reloads it, keeping your place)")
    parser.add_argument("--scenario", metavar="ID", help="go straight to this story (same as STORY)")
    parser.add_argument("--library", metavar="DIR", type=Path, action="append", default=[],
                        help="also offer the stories in this folder (can be given more than once)")
    parser.add_argument("--lang", choices=LANGS, help="language for this run")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--windowed", action="store_true", help="open in a window (default)")
    mode.add_argument("--fullscreen", action="store_true", help="open fullscreen (for projectors)")
    parser.add_argument("--size", default="1280x720", metavar="WxH", help="window size (default 1280x720)")
    parser.add_argument("--watch", action="store_true",
                        help="writer mode: reload a scenario when its file is saved, keeping your place")


def run(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    first_frame_only = os.environ.get("REDFLAGS_EXIT_AFTER_FIRST_FRAME") == "1"
    problem = open_display()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    pygame.font.init()
    story = args.story or args.scenario
    from ..library import named_files

    file = named_files(story)
    app = App(size, fullscreen=args.fullscreen, lang=args.lang, folders=args.library, files=file)
    # a file opened by path is a writer's draft: reload it whenever it is saved
    app.watch = app.watch or bool(getattr(args, "watch", False)) or bool(file)
    if story:
        if not app.start_scenario(story):
            print(_("Scenario '{id}' cannot be started: see the errors on screen.").format(id=story),
                  file=sys.stderr)
    code = app.run(exit_after_first_frame=first_frame_only)
    pygame.quit()
    return code
