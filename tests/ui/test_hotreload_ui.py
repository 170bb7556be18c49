"""Writer mode in the real app: saving the scenario reloads it in place (the replies made so far
replayed), a broken save shows its errors over the chat while the old version keeps running, and
fixing it reloads again."""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import pygame

from game.engine.validate import load_library

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "game-teammate"
OLD, NEW = "that last round was insane", "that last round was wild"


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a new mtime even on coarse clocks


class Clock:
    """The watcher's clock, stepped by the test: nothing waits for real time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def wait_for_reload(app, chat, clock: Clock, steps: int = 20) -> str:
    """Let frames run (as the idle loop would, twice a second) until the chat shows a toast."""
    chat.toast = None
    for _ in range(steps):
        clock.now += 0.5
        app.step([], 0.05)
        if chat.toast is not None:
            return chat.toast[0]
    raise AssertionError("no reload")


def shown_texts(chat) -> list[str]:
    return [it.text for it in chat.items if it.kind in ("message", "reply")]


def test_save_reloads_in_place_broken_keeps_old_fixed_reloads(make_app, ui, tmp_path):
    for name in ("taxonomy.yaml", "resources.yaml", f"{SCENARIO}.yaml"):
        shutil.copy(ROOT / "game" / "scenarios" / name, tmp_path / name)
    path = tmp_path / f"{SCENARIO}.yaml"
    original = path.read_text(encoding="utf-8")
    assert OLD in original
    app = make_app(lib=load_library(tmp_path))
    app.watch = True
    app.start_scenario(SCENARIO)
    chat = app.top
    assert chat.watcher is not None and chat.wake_after() == 0.5  # wakes twice a second, no busy loop
    clock = Clock()
    chat.watcher.use_clock(clock)
    app.step([], 0)
    ui.key(app, pygame.K_1)  # first reply
    app.step([], 0)
    flag_at = next(i for i, it in enumerate(chat.items) if it.flaggable)
    chat.toggle_flag(flag_at)
    replies = list(chat.pt.state.choices)
    assert any(OLD in t for t in shown_texts(chat))

    # 1. an edit: reloaded, the same replies made again, the writer stays in place
    save(path, original.replace(OLD, NEW))
    toast = wait_for_reload(app, chat, clock)
    assert toast.startswith("Reloaded: replayed 1")
    assert chat.pt.state.choices == replies and chat.pt.state.flags
    assert any(NEW in t for t in shown_texts(chat)) and not any(OLD in t for t in shown_texts(chat))
    assert toast in ui.texts(app)

    # 2. a broken save: errors over the chat, the old version keeps running
    broken = original.replace(OLD, NEW).replace("goto: ", "goto: nowhere-at-all-", 1)
    save(path, broken)
    toast = wait_for_reload(app, chat, clock)
    assert toast.startswith("Not reloaded")
    assert chat.watcher.errors
    shown = ui.texts(app)
    assert "This file has errors" in shown and "nowhere-at-all" in shown
    assert any("RF" in line for line in shown.splitlines())
    pt_before = chat.pt
    for _ in range(20):  # still playable: the next reply works
        app.step([], 0)
        if chat.choices is not None:
            break
    n = len(chat.pt.state.choices)
    ui.key(app, pygame.K_1)
    assert chat.pt is pt_before and len(chat.pt.state.choices) == n + 1

    # 3. fixed: reloaded again, errors gone, both replies replayed
    save(path, original.replace(OLD, NEW))
    toast = wait_for_reload(app, chat, clock)
    assert toast.startswith(f"Reloaded: replayed {n + 1}")
    assert not chat.watcher.errors and "This file has errors" not in ui.texts(app)
    assert len(chat.pt.state.choices) == n + 1


def test_normal_play_does_not_watch_and_play_takes_watch_flag(make_app):
    app = make_app()
    app.start_scenario(SCENARIO)
    assert app.top.watcher is None and app.top.wake_after() is None
    from game.ui import play as app_mod

    parser = argparse.ArgumentParser()
    app_mod.configure(parser)
    assert parser.parse_args(["--watch"]).watch and not parser.parse_args([]).watch
