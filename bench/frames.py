"""Frame benchmark of the chat screen, idle CPU, and launch time, measured in one run.

    python bench/frames.py [--frames 300] [--launches 5]

Prints:
- per-frame CPU time (ms) of the chat screen at 1280x720 with a 2,000-message conversation and
  with a 20-message one, while scrolling near the end (measured in alternating batches, so
  machine load hits both alike), and their ratio (target: <= 1.2, and
  under 4 ms a frame): cost follows what is visible, not the history;
- the same for a phone (format 2: 2,000 messages in 4 threads, the thread strip with unread
  counts) beside the format 1 chat of 2,000 messages (`measure_phone`; the same targets), and
  the CPU of opening another thread (a tab click: its lines laid out again, for information);
- the rendered-bubble cache and text cache sizes after the long run (bounded, not the history);
- idle CPU % of one core while the real loop waits for events at a choice (target: < 3 %);
- time from launch to the first drawn frame (the first pygame.display.flip() returning), beside a
  bare pygame program (`pygame.init()`, a 1280x720 window, one line of text, flip: BARE) launched
  alternately in the same run, and their ratio (target: <= 1.15); the times to each process's
  exit are printed too, for information. Both run from compiled bytecode, as an installed game
  does (see `launch_env`).
Headless (SDL dummy video driver), so figures are CPU cost, not GPU or vsync.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("REDFLAGS_HOME", tempfile.mkdtemp(prefix="redflags-bench-"))

import pygame  # noqa: E402 (after the SDL settings above)

LAUNCH_TARGET = 1.15  # launch to first frame, at most this many times the bare program's

LINES = [
    "hey! u up?", "gg that last round was insane 🔥🔥",
    ("ur honestly the best player on this squad, way better than ppl my age lol"),
    "what school do u go to? i might know some ppl there 🤔",
    "k", "can u keep a secret? don't tell the others about the gems 🤫", "ok 👍",
    ("i'm heading to the tournament on saturday, my mom is driving a bunch of us, want a ride? "
     "we could grab food after, my treat"),
]


def chat_scenario(n: int):
    from game.engine.model import Scenario

    msgs = []
    for i in range(n):
        who = ("kai", "you", "maya")[i % 3]
        m = {"from": who, "text": f"{LINES[i % len(LINES)]} ({i})"}
        if i % 4 == 0:
            m["time"] = f"{7 + i % 5}:{i % 60:02d} PM"
        if i % 7 == 3 and who != "you":
            m["flag"] = {"category": "flattery", "why": "Big compliments from a stranger."}
        if i % 50 == 10:
            m["attachment"] = {"kind": "image", "alt": "A photo of a game trophy"}
        msgs.append(m)
    data = {
        "format": 1, "id": f"bench-{n}", "title": "Bench", "summary": "s", "grades": [7],
        "topics": ["grooming"], "minutes": 5, "content_note": "n", "goals": ["g"],
        "platform": {"name": "PixelQuest", "kind": "game_chat"},
        "characters": {"kai": {"name": "Kai_Storm", "avatar": "⚡", "status": "online"},
                       "maya": {"name": "Maya", "avatar": "MB"}},
        "beats": {"a": {"messages": msgs, "choices": [
            {"text": "ok", "goto": "end", "safety": "safe", "feedback": "f"},
            {"text": "no", "goto": "end", "safety": "risky", "feedback": "f"}]},
            "end": {"ending": {"outcome": "safe", "title": "t", "text": "t"}}},
        "debrief": {"summary": "s", "questions": ["q"]},
    }
    return Scenario.model_validate(data)


PHONE_THREADS = {  # thread -> (members, kind): a DM, a group chat, two more DMs
    "kai": ("kai", "dm"), "crew": (["kai", "maya"], "group"), "maya": ("maya", "dm"), "mom": ("mom", "dm")}


def phone_scenario(n: int):
    """A format 2 story of `n` messages like `chat_scenario`'s, on a phone of four threads: most in
    the first (the one open), the rest spread over the others, each sender a member of its thread."""
    from game.engine.model import Scenario

    base = chat_scenario(n).model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for i, m in enumerate(base["beats"]["a"]["messages"]):
        thread = "crew" if i % 7 == 1 else "maya" if i % 7 == 4 else "mom" if i % 13 == 6 else "kai"
        members, _kind = PHONE_THREADS[thread]
        if m["from"] != "you" and m["from"] not in members:
            m["from"] = members if isinstance(members, str) else members[i % 2]
        if thread != "kai":
            m["thread"] = thread
    base.update(format=2, id=f"bench-phone-{n}")
    base["characters"]["mom"] = {"name": "Mom", "avatar": "M"}
    base["threads"] = {t: {"with": w, "kind": k} for t, (w, k) in PHONE_THREADS.items()}
    return Scenario.model_validate(base)


def open_chat(app, scenario):
    """Put a chat of `scenario` on top of the title screen, every message shown (not timed)."""
    from game.ui.scenes.chat import ChatScene

    while len(app.scenes) > 1:
        app.scenes.pop()
    chat = ChatScene(app, scenario)
    app.push(chat)
    app.step([], 0.0)  # instant speed: the whole conversation arrives (setup, not timed)
    lines = chat.threads.items if chat.threads.enabled else chat.items  # a phone: every thread's
    assert chat.choices is not None and len(lines) >= len(scenario.beats["a"].messages)
    for _ in range(20):  # warm up the caches around the end of the chat
        app.step([], 0.0)
    return chat


WHEEL_UP = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False)
WHEEL_DOWN = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)


def timed_frames(app, frames: int, first: int = 0) -> list[float]:
    """CPU ms of each of `frames` frames, scrolling back and forth near the end (15 up, 15 down)."""
    times = []
    for i in range(first, first + frames):
        ev = [WHEEL_UP] if (i // 15) % 2 == 0 else [WHEEL_DOWN]
        t0 = time.process_time_ns()
        app.step(ev, 1 / 60)
        times.append((time.process_time_ns() - t0) / 1e6)
    return times


def frame_times(app, scenario, frames: int) -> tuple[list[float], object]:
    chat = open_chat(app, scenario)
    return timed_frames(app, frames), chat


def interleaved_frame_times(app, chats: list, frames: int, batch: int = 30) -> list[list[float]]:
    """Frame times of each chat in `chats`, measured in alternating batches of `batch` frames (a
    whole scroll up-and-down cycle), so a busy machine slows every chat alike."""
    out: list[list[float]] = [[] for _ in chats]
    done = 0
    while done < frames:
        n = min(batch, frames - done)
        for k, chat in enumerate(chats):
            app.scenes[-1] = chat
            out[k] += timed_frames(app, n, done)
        done += n
    return out


def idle_cpu(app, seconds: float) -> float:
    """CPU % of one core while the real loop sits at a choice with nothing moving."""
    from game.ui.scenes.chat import ChatScene

    chat = app.top
    assert isinstance(chat, ChatScene) and not app.animating()
    app.running = True
    pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
    c0, w0 = time.process_time(), time.perf_counter()
    app.run()
    return 100 * (time.process_time() - c0) / (time.perf_counter() - w0)


# The bare baseline: the least a window that shows one line of text needs (pygame.init() as a
# plain pygame program calls it, a 1280x720 window, a background, one line in pygame's own font).
BARE = """import pygame
pygame.init()
screen = pygame.display.set_mode((1280, 720))
screen.fill((247, 248, 251))
screen.blit(pygame.font.Font(None, 32).render("Red Flags", True, (28, 35, 51)), (40, 40))
pygame.display.flip()
"""

# Runs a program (run_game.py, or the bare one above) in a fresh interpreter and prints when its
# first pygame.display.flip() returned: launch -> first frame, without the process's exit. (Timing
# to the exit, as this bench once did, counted the bare program's ~45 ms of shutting down what
# pygame.init() had started, the audio device most of all: a third of its time, which hid most of
# our start-up.)
STAMP = """import os, sys, time, runpy
import pygame
_flip = pygame.display.flip
def flip(*args):
    _flip(*args)
    if not getattr(flip, "done", False):
        flip.done = True
        print("@@FRAME@@%r" % time.perf_counter(), file=sys.__stderr__, flush=True)
pygame.display.flip = flip
sys.argv = [sys.argv[1]]
sys.path[0] = os.path.dirname(os.path.abspath(sys.argv[0]))  # as `python program.py` has it
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def launch_env(folder: str) -> dict[str, str]:
    """The launches' environment, with scratch space in `folder`: first frame only, and
    - compiled bytecode used like an installed game (pip compiles it): PYTHONDONTWRITEBYTECODE
      would make every launch compile the game from source but not pygame (whose .pyc ship in
      site-packages), so bytecode goes to `folder`, written by warm-up launches: both sides then
      read .pyc files, and the checkout is untouched;
    - on Linux, the data folder found as a player's is (platformdirs, not REDFLAGS_HOME), in
      `folder`: a first launch of a fresh install."""
    env = dict(os.environ, REDFLAGS_EXIT_AFTER_FIRST_FRAME="1", PYTHONPYCACHEPREFIX=str(Path(folder) / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if sys.platform.startswith("linux"):
        env.pop("REDFLAGS_HOME", None)
        env["XDG_DATA_HOME"] = str(Path(folder) / "data")
    return env


def _launch(program: Path, env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the first frame, seconds to the process's exit) of one launch of `program`."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", STAMP, str(program)], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    end = time.perf_counter()
    stamps = [line for line in proc.stderr.splitlines() if line.startswith("@@FRAME@@")]
    if proc.returncode != 0 or not stamps:
        raise RuntimeError(f"{program.name} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    frame = float(stamps[0][len("@@FRAME@@"):])
    if not t0 < frame <= end:  # perf_counter is one system-wide clock on Linux, macOS and Windows
        raise RuntimeError("the first-frame time stamp is not comparable across processes here")
    return frame - t0, end - t0


def launch_times(runs: int, game: Path = ROOT / "run_game.py", warmup: int = 2) -> dict[str, list[float]]:
    """Seconds to the first frame (`ours`, `bare`) and to exit (`ours_exit`, `bare_exit`) of `runs`
    launches each of `game` and of BARE, alternating (and alternating which goes first), so machine
    load hits both alike; after `warmup` unmeasured launches of each."""
    with tempfile.TemporaryDirectory(prefix="redflags-launch-") as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        env = launch_env(tmp)
        out: dict[str, list[float]] = {"ours": [], "bare": [], "ours_exit": [], "bare_exit": []}
        for i in range(warmup + runs):
            pair = [("ours", game), ("bare", bare)]
            for name, program in pair if i % 2 == 0 else pair[::-1]:
                frame, end = _launch(program, env)
                if i >= warmup:
                    out[name].append(frame)
                    out[name + "_exit"].append(end)
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[int(0.95 * len(xs))]


def measure_frames(frames: int = 300, idle: float = 3.0) -> dict:
    """Per-frame CPU (ms) of the chat at 1280x720 with 20 and 2,000 messages, cache sizes after the
    long run, and idle CPU % at a choice. Keys: short_ms, long_ms (means), short/long median and
    p95, ratio, bubbles, bubble_mb, items, renders, render_mb, layouts, idle_pct, idle_s."""
    from game.settings import Settings
    from game.ui import text as tx
    from game.ui.app import App

    pygame.display.init()
    pygame.font.init()
    app = App((1280, 720), settings=Settings(speed="instant", sound=False))
    short_chat = open_chat(app, chat_scenario(20))
    chat = open_chat(app, chat_scenario(2000))
    app.scenes[-1] = short_chat
    for _ in range(20):
        app.step([], 0.0)
    short, long_ = interleaved_frame_times(app, [short_chat, chat], frames)
    app.scenes[-1] = chat
    app.step([], 0.0)
    caches = tx.cache_sizes()
    out = {
        "short_ms": statistics.mean(short), "short_median": statistics.median(short), "short_p95": p95(short),
        "long_ms": statistics.mean(long_), "long_median": statistics.median(long_), "long_p95": p95(long_),
        "bubbles": len(chat.cache), "items": len(chat.items),
        "bubble_mb": chat.cache.nbytes / 1e6,
        "renders": caches["renders"], "render_mb": caches["render_bytes"] / 1e6, "layouts": caches["layouts"],
    }
    out["ratio"] = out["long_ms"] / out["short_ms"]
    out["idle_pct"], out["idle_s"] = idle_cpu(app, idle), idle
    pygame.quit()
    return out


def measure_big_text(frames: int = 240, size: tuple[int, int] = (1920, 1080), batch: int = 40,
                     warm: int = 10) -> dict:
    """Per-frame CPU (ms) of the chat (2,000 messages) at `size` with text at 100 % and at 200 %,
    in alternating batches; each switch re-lays out and re-renders, so the first `warm` frames of a
    batch are not counted (steady scrolling is what a class sees). Keys: normal_ms, big_ms (means),
    big_p95, ratio."""
    from game.settings import Settings
    from game.ui.app import App

    pygame.display.init()
    pygame.font.init()
    app = App(size, settings=Settings(speed="instant", sound=False))
    open_chat(app, chat_scenario(2000))
    times: dict[int, list[float]] = {100: [], 200: []}
    done = 0
    while done < frames:
        for text in (100, 200):
            app.settings.text_size = text
            app.settings_changed(save=False)
            timed_frames(app, warm, done)
            times[text] += timed_frames(app, batch, done)
        done += batch
    pygame.quit()
    out = {"normal_ms": statistics.mean(times[100]), "big_ms": statistics.mean(times[200]),
           "big_p95": p95(times[200]), "size": f"{size[0]}x{size[1]}"}
    out["ratio"] = out["big_ms"] / out["normal_ms"]
    return out


def measure_phone(frames: int = 300, switches: int = 40) -> dict:
    """Per-frame CPU (ms) at 1280x720 of a phone (format 2: 2,000 messages in 4 threads, the strip
    of thread tabs with unread counts) and of the format 1 chat of 2,000 messages, in alternating
    batches; then the CPU of a frame that opens another thread (a tab click), for information: the
    first round of the tabs (each thread's lines laid out for the first time, or again once the
    layout cache has let them go) and the rounds after it, measured first, with the phone alone.
    Keys: chat_ms, phone_ms, phone_p95, ratio, threads, open_lines, first_max_ms, again_ms, again_p95."""
    from game.settings import Settings
    from game.ui.app import App

    pygame.display.init()
    pygame.font.init()
    app = App((1280, 720), settings=Settings(speed="instant", sound=False))
    phone = open_chat(app, phone_scenario(2000))  # first, alone: its tabs with only its lines cached
    assert phone.threads.enabled and len(phone.threads.on_phone()) == len(PHONE_THREADS)
    assert sum(phone.threads.unread.values()) > 0, "the strip shows unread counts"
    open_lines = len(phone.items)
    switch = []
    for _ in range(switches):  # round the four tabs, each opened several times
        t0 = time.process_time_ns()
        phone.threads.switch(1)
        app.step([], 1 / 60)
        switch.append((time.process_time_ns() - t0) / 1e6)
    chat = open_chat(app, chat_scenario(2000))
    plain, threaded = interleaved_frame_times(app, [chat, phone], frames)
    pygame.quit()
    first, again = switch[:len(PHONE_THREADS)], switch[len(PHONE_THREADS):]
    out = {"chat_ms": statistics.mean(plain), "phone_ms": statistics.mean(threaded), "phone_p95": p95(threaded),
           "threads": len(PHONE_THREADS), "open_lines": open_lines,
           "first_max_ms": max(first), "again_ms": statistics.mean(again), "again_p95": p95(again)}
    out["ratio"] = out["phone_ms"] / out["chat_ms"]
    return out


def measure_launch(launches: int = 5) -> dict:
    """Median seconds from launch to the first frame, ours and bare pygame (BARE), and their ratio;
    also the medians to the process's exit (`ours_exit_s`, `bare_exit_s`), for information."""
    t = launch_times(launches)
    med = {k: statistics.median(v) for k, v in t.items()}
    return {"ours_s": med["ours"], "bare_s": med["bare"], "ratio": med["ours"] / med["bare"],
            "ours_exit_s": med["ours_exit"], "bare_exit_s": med["bare_exit"], "runs": launches}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--launches", type=int, default=5)
    ap.add_argument("--idle", type=float, default=3.0, help="seconds of idle measurement")
    args = ap.parse_args()

    m = measure_frames(args.frames, args.idle)
    print("chat screen, 1280x720, per-frame CPU while scrolling near the end")
    print(f"  20 messages:    mean {m['short_ms']:6.3f} ms   median {m['short_median']:6.3f} ms   "
          f"p95 {m['short_p95']:6.3f} ms")
    print(f"  2000 messages:  mean {m['long_ms']:6.3f} ms   median {m['long_median']:6.3f} ms   "
          f"p95 {m['long_p95']:6.3f} ms")
    print(f"  ratio long/short: {m['ratio']:.2f}   (target <= 1.2; each under 4 ms)")
    print(f"  bubble cache: {m['bubbles']} bubbles, {m['bubble_mb']:.1f} MB "
          f"(of {m['items']} items); text render cache: {m['renders']} surfaces, "
          f"{m['render_mb']:.1f} MB; layouts: {m['layouts']}")
    print(f"idle CPU while waiting at a choice: {m['idle_pct']:.2f} % of one core over {args.idle:.0f} s "
          f"(target < 3 %)")
    la = measure_launch(args.launches)
    print(f"launch to first frame: {la['ours_s'] * 1000:.0f} ms; bare pygame window with one line of text: "
          f"{la['bare_s'] * 1000:.0f} ms; ratio {la['ratio']:.2f} (target <= {LAUNCH_TARGET}; median of "
          f"{args.launches}); to exit: {la['ours_exit_s'] * 1000:.0f} ms vs {la['bare_exit_s'] * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
