"""The `play` command (`python -m game`, the default): open the window and the game, and with a
story's id or any story file's path, that story at once (read as `validate` reads it, see
game/library.py). Writer mode (`--watch`, Settings > Writer mode, or a file opened by path)
reloads the story whenever its file is saved, keeping the player's place. With no screen to
show the game on, it says so in one line and stops."""

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
from .window import HEADLESS_DRIVERS, open_display, parse_size  # noqa: E402

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
                        help="writer mode: reload the story when its file is saved, keeping your place "
                        "(also in Settings, For scenario writers)")


def run(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    first_frame_only = os.environ.get("REDFLAGS_EXIT_AFTER_FIRST_FRAME") == "1"
    story = args.story or args.scenario
    problem = open_display() or (None if first_frame_only else no_window(story))
    if problem:
        print(problem, file=sys.stderr)
        return 1
    pygame.font.init()
    from ..library import named_files, story_file

    file = named_files(story)
    app = App(size, fullscreen=args.fullscreen, lang=args.lang, folders=args.library, files=file)
    # writer mode: the settings' Writer mode, --watch, or a file opened by path (a writer's draft)
    app.watch = app.watch or bool(getattr(args, "watch", False)) or bool(file)
    if story:
        if not app.start_scenario(story):
            print(_("Scenario '{id}' cannot be started: see the errors on screen.").format(id=story),
                  file=sys.stderr)
        elif app.watch:
            print(_("Writer mode: each time you save {file}, the game reloads it and keeps your place.").format(
                file=story_file(story) or story))
    code = app.run(exit_after_first_frame=first_frame_only)
    pygame.quit()
    return code


def no_window(story: str | None) -> str | None:
    """One line when the game would run with nothing on screen (SDL_VIDEODRIVER=dummy asked for
    no window): it would wait for a player who can't see it, so it stops and says what to do."""
    driver = pygame.display.get_driver()
    if driver not in HEADLESS_DRIVERS:
        return None
    story = story or "game-teammate"
    return _("Red Flags has no window here (SDL_VIDEODRIVER={driver}), so it stops. Play in this "
             "terminal instead: python -m game walk {story}").format(
        driver=driver, story=f'"{story}"' if " " in story else story)
