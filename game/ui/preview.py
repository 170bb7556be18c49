"""The `preview` command: render one PNG per step of a playthrough, headless, for writers
reviewing a scenario and for tests.

    python -m game preview SCENARIO --out DIR [--path 0,1,2] [--lang fr] [--size 1280x720]

SCENARIO is a story id (shipped or in My stories) or a path to a .yaml file. --path gives the choice
indexes to take in order (as in the scenario file, counting from 0); without it, or once it
runs out, the first reply offered is taken. The debrief follows, one PNG per screenful.
A scenario with errors gives one PNG of its error screen and exit code 1.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..engine.options import LANGS, REGIONS, Difficulty, Feedback, values


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="scenario id, or a path to a scenario .yaml file")
    parser.add_argument("--out", required=True, help="folder for the PNG files")
    parser.add_argument("--path", default="", help="choice indexes to take, e.g. 0,1,2")
    parser.add_argument("--lang", choices=LANGS, default="en")
    parser.add_argument("--size", default="1280x720", metavar="WxH")
    parser.add_argument("--difficulty", choices=values(Difficulty), default="spot")
    parser.add_argument("--feedback", choices=values(Feedback), default="coach")
    parser.add_argument("--region", choices=REGIONS, default="CA",
                        help="whose help services the story and Get help name")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from ..library import library_for
    from ..settings import Settings
    from .app import App
    from .window import parse_size

    try:
        path = [int(p) for p in args.path.split(",") if p.strip()] if args.path else []
    except ValueError:
        print(f"--path must be choice numbers separated by commas, not '{args.path}'", file=sys.stderr)
        return 2
    size = parse_size(args.size)
    lib, _found = library_for(args.scenario)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # A writer's preview must never touch a player's settings or saved story on this computer.
    home = tempfile.mkdtemp(prefix="redflags-preview-")
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ["REDFLAGS_HOME"] = home
    pygame.display.init()
    pygame.font.init()
    settings = Settings(speed="normal", sound=False, lang=args.lang, region=args.region,
                        difficulty=args.difficulty, feedback=args.feedback)
    app = App(size, settings=settings, library=lib)
    frames = Previewer(app, out)
    if not app.start_scenario(args.scenario):
        frames.save("errors")
        print(f"{args.scenario}: not playable; wrote {frames.count} PNG of its errors to {out}", file=sys.stderr)
        return 1
    code = frames.play(path)
    print(f"wrote {frames.count} PNG files to {out}")
    pygame.quit()
    return code


class Previewer:
    def __init__(self, app, out: Path):
        self.app, self.out, self.count = app, out, 0
        self.files: list[Path] = []

    def save(self, label: str) -> Path:
        import pygame

        self.app.step([], 0.0)
        path = self.out / f"{self.count:03d}-{label}.png"
        pygame.image.save(self.app.screen, str(path))
        self.count += 1
        self.files.append(path)
        return path

    def play(self, path: list[int]) -> int:
        import pygame

        app = self.app
        chat = app.top
        chat.update(0.0)
        taken = 0
        while True:
            if chat.pending is not None:  # show the typing indicator once, then the message
                chat.wait_left = min(chat.wait_left, chat.typing_for) if chat.typing_for else 0.0
                chat.update(0.0)
                chat.wait_left = 0.0
                chat.update(0.0)
                self.save("message")
                continue
            if chat.choices is not None:
                self.save("choices")
                offered = [i for i, _c in chat.choices.options]
                want = path[taken] if taken < len(path) else offered[0]
                if want not in offered:
                    print(f"step {taken + 1} of --path: choice {want} is not offered here "
                          f"(offered: {', '.join(map(str, offered))})", file=sys.stderr)
                    return 2
                chat.choose(want)
                taken += 1
                chat.update(0.0)
                self.save(f"reply-{taken}")
                continue
            if chat.ending is not None:
                self.save("ending")
                break
            chat.update(chat.ending_wait + 0.01 if chat.ending_due is not None else 0.0)
        chat.open_debrief()
        page = 1
        self.save(f"debrief-{page:02d}")
        debrief = app.top
        while debrief.offset < debrief.max_offset():
            app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="")], 0.0)
            page += 1
            self.save(f"debrief-{page:02d}")
        return 0
