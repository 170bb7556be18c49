"""Resident memory with the whole library loaded and a 2,000-message chat open and drawn, beside a
bare baseline (python + `pygame.init()` + `set_mode` + flip), each in a fresh process of the
same run.

    python bench/memory.py

Prints both in MB, their difference and ratio, the peak, and the target: under 200 MB resident
for the game (whole library + 2,000-message chat at 1280x720). RSS is read from
/proc/self/statm after a garbage collection; the peak is `ru_maxrss`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_MB = 200.0
SIZE = (1280, 720)


def _env() -> dict:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.setdefault("REDFLAGS_HOME", tempfile.mkdtemp(prefix="redflags-bench-"))
    return env


def _rss_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) in MB."""
    import resource

    gc.collect()
    with open("/proc/self/statm") as f:
        rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return rss / 2**20, max(rss, peak) / 2**20


def child_bare() -> dict:
    import pygame

    pygame.init()
    pygame.display.set_mode(SIZE)
    pygame.display.flip()
    rss, peak = _rss_mb()
    return {"rss_mb": rss, "peak_mb": peak}


def child_ours(messages: int = 2000) -> dict:
    """The real App with the whole scenario library loaded, a `messages`-long chat open, every
    message revealed and the view scrolled through the last screens and back to the end."""
    import pygame
    from frames import chat_scenario

    from game.engine.validate import load_library
    from game.settings import Settings
    from game.ui.app import App
    from game.ui.scenes.chat import ChatScene

    pygame.display.init()
    pygame.font.init()
    from game.ui.memory import tune_malloc

    tune_malloc()  # as the play command does (App.run)
    lib = load_library(ROOT / "game" / "scenarios")
    app = App(SIZE, settings=Settings(speed="instant", sound=False), library=lib)
    app.step([], 0.0)
    chat = ChatScene(app, chat_scenario(messages))
    app.push(chat)
    app.step([], 0.0)
    assert len(chat.items) >= messages
    wheel = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False)
    for _ in range(60):  # scroll up through a few screens, then back to the end
        app.step([wheel], 1 / 60)
    chat.scroll_to_bottom()
    app.step([], 0.0)
    rss, peak = _rss_mb()
    return {"rss_mb": rss, "peak_mb": peak, "scenarios": len(lib.playable()), "items": len(chat.items)}


def _run_child(which: str) -> dict:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", which], env=_env(),
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure_memory(runs: int = 1) -> dict:
    """Median of `runs` fresh processes each: {"ours_mb", "bare_mb", "ours_peak_mb", "ratio",
    "scenarios", "items", "target_mb", "met"}."""
    import statistics

    ours = [_run_child("ours") for _ in range(runs)]
    bare = [_run_child("bare") for _ in range(runs)]
    o = statistics.median(r["rss_mb"] for r in ours)
    b = statistics.median(r["rss_mb"] for r in bare)
    return {"ours_mb": o, "bare_mb": b, "ours_peak_mb": max(r["peak_mb"] for r in ours), "ratio": o / b,
            "scenarios": ours[0]["scenarios"], "items": ours[0]["items"], "target_mb": TARGET_MB,
            "met": o < TARGET_MB}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1, help="fresh processes of each kind (median)")
    ap.add_argument("--child", choices=("ours", "bare"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        os.environ.update(_env())
        print(json.dumps(child_ours() if args.child == "ours" else child_bare()))
        return 0
    m = measure_memory(args.runs)
    print(f"memory, resident after GC, {SIZE[0]}x{SIZE[1]}:")
    print(f"  bare python + pygame.init + set_mode + flip:  {m['bare_mb']:6.1f} MB")
    print(f"  Red Flags, {m['scenarios']} scenarios loaded + {m['items']}-item chat drawn: {m['ours_mb']:6.1f} MB "
          f"(peak {m['ours_peak_mb']:.1f} MB)")
    print(f"  difference {m['ours_mb'] - m['bare_mb']:.1f} MB, ratio {m['ratio']:.2f}")
    print(f"target: under {TARGET_MB:.0f} MB resident -> {'met' if m['met'] else 'NOT met'} ({m['ours_mb']:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
