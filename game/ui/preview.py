"""The `preview` command: render one PNG per step of a playthrough, headless, for writers
reviewing a scenario and for tests.

    python -m game preview SCENARIO --out DIR [--path 1,3,2] [--lang fr] [--size 1280x720]

SCENARIO is a story id (shipped or in My stories) or the path of any story file, read as
`validate` reads it (game/library.py). --path gives the replies to take in order, numbered from
1 among those offered, as `walk` shows them and `check --record` takes them; without it, or once
it runs out, the first reply offered is taken. (Before, --path counted from 0: a 0 is refused
with a message saying so.) The debrief follows, one PNG per screenful. A scenario with errors
gives one PNG of its error screen and exit code 1.
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
from ..settings import CHOICES


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="scenario id, or a path to a scenario .yaml file")
    parser.add_argument("--out", required=True, help="folder for the PNG files")
    parser.add_argument("--path", default="", metavar="1,3,2",
                        help="the replies to take, numbered from 1 as walk shows them (as check --record)")
    parser.add_argument("--lang", choices=LANGS, default="en")
    parser.add_argument("--size", default="1280x720", metavar="WxH")
    parser.add_argument("--difficulty", choices=values(Difficulty), default="spot")
    parser.add_argument("--feedback", choices=values(Feedback), default="coach")
    parser.add_argument("--region", choices=REGIONS, default="CA",
                        help="whose help services the story and Get help name")
    parser.add_argument("--text-size", type=int, choices=CHOICES["text_size"], default=100, metavar="PERCENT",
                        help="text size, as a player sets it: " + ", ".join(map(str, CHOICES["text_size"])))
    parser.add_argument("--theme", choices=CHOICES["theme"], default="default")
    parser.add_argument("--font", choices=CHOICES["font"], default="standard")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from ..library import resolve
    from ..settings import Settings
    from .app import App
    from .window import parse_size

    path, problem = parse_path(args.path)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    size = parse_size(args.size)
    found = resolve(args.scenario)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # A writer's preview must never touch a player's settings or saved story on this computer.
    home = tempfile.mkdtemp(prefix="redflags-preview-")
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ["REDFLAGS_HOME"] = home
    pygame.display.init()
    pygame.font.init()
    settings = Settings(speed="normal", sound=False, lang=args.lang, region=args.region,
                        difficulty=args.difficulty, feedback=args.feedback, text_size=args.text_size,
                        theme=args.theme, font=args.font)
    app = App(size, settings=settings, library=found.library)
    frames = Previewer(app, out)
    if not app.start_scenario(args.scenario):
        frames.save("errors")
        print("\n".join(found.problems), file=sys.stderr)
        print(f"{args.scenario}: not playable; wrote {frames.count} PNG of its errors to {out}", file=sys.stderr)
        return 1
    code = frames.play(path)
    print(f"wrote {frames.count} PNG files to {out}")
    pygame.quit()
    return code


def parse_path(text: str) -> tuple[list[int], str | None]:
    """--path as reply numbers (1 is the first reply offered), or why it can't be read."""
    from ..i18n import _

    try:
        picks = [int(p) for p in text.split(",") if p.strip()]
    except ValueError:
        return [], _("--path must be reply numbers separated by commas, such as 1,3,2, not '{path}'").format(
            path=text)
    if any(n < 1 for n in picks):
        return [], _("--path counts replies from 1 now, as walk shows them and check --record takes "
                     "them: {path} looks like the old form, which counted from 0. Add 1 to each "
                     "number.").format(path=text)
    return picks, None


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

    def report(self, fits: str | None) -> None:
        """The report sheet a report reply opens: a PNG of the question, the story's reason (the
        one that fits best) picked, a PNG of the thanks, and back to the chat with the reply taken."""
        from ..engine.reports import REASONS
        from .scenes.page import READ_SECONDS

        sheet = self.app.top
        self.save("report")
        self.app.step([], READ_SECONDS)  # read, as a class must before the sheet takes a pick
        sheet.pick(fits or REASONS[0])
        self.save("report-thanks")
        sheet.done()

    def play(self, path: list[int]) -> int:
        """Take the replies numbered in `path` (from 1, among those offered), then the first."""
        import pygame

        from ..i18n import _

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
                want = path[taken] if taken < len(path) else 1
                if want > len(offered):
                    print(_("step {step} of --path: reply {n} is not offered here (replies 1 to "
                            "{last})").format(step=taken + 1, n=want, last=len(offered)), file=sys.stderr)
                    return 2
                chat.choose(offered[want - 1])
                if app.top is not chat:  # the app's report sheet: asked, answered with the story's reason
                    self.report(dict(chat.choices.options)[offered[want - 1]].reason)
                taken += 1
                chat.update(0.0)
                self.save(f"reply-{taken}")
                continue
            if chat.ending is not None:
                self.save("ending")
                break
            chat.update(chat.ending_wait + 0.01 if chat.ending_due is not None else 0.0)
        if any(a.kind == "screenshot" for a in chat.pt.state.acts):  # the evidence gallery, then back
            chat.gallery.open()
            self.save("evidence")
            app.pop()
        chat.open_debrief()
        page = 1
        self.save(f"debrief-{page:02d}")
        debrief = app.top
        while debrief.offset < debrief.max_offset():
            app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="")], 0.0)
            page += 1
            self.save(f"debrief-{page:02d}")
        return 0
