"""Helpers that drive the real App with synthesised pygame events (headless, SDL dummy)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pygame
import pytest

from game.settings import Settings
from game.ui import text as tx
from game.ui.widgets import base as widgets


@pytest.fixture
def broken_library(tmp_path):
    """A scenarios folder holding the teammate story and a copy of it with an unknown beat
    ('broken-story'), loaded: the broken one is listed with its errors, never playable."""
    from game.engine.validate import load_library

    src = Path(__file__).resolve().parents[2] / "game" / "scenarios"
    for name in ("taxonomy.yaml", "resources.yaml", "game-teammate.yaml"):
        shutil.copy(src / name, tmp_path / name)
    broken = (src / "game-teammate.yaml").read_text(encoding="utf-8")
    broken = broken.replace("id: game-teammate", "id: broken-story").replace("goto:", "goto: nowhere-", 1)
    (tmp_path / "broken-story.yaml").write_text(broken, encoding="utf-8")
    return load_library(tmp_path)


def count_frames(app) -> None:
    """Test probe: `app.frames` counts the frames the app draws from now on."""
    draw = app.draw
    app.frames = 0

    def counted() -> None:
        draw()
        app.frames += 1

    app.draw = counted


@pytest.fixture
def make_app(library):
    from game.ui.app import App

    apps = []

    def make(size=(1280, 720), lib=None, **settings):
        settings.setdefault("speed", "instant")
        settings.setdefault("sound", False)
        app = App(size, settings=Settings(**settings), library=lib or library)
        count_frames(app)
        app.step([], 0.0)
        apps.append(app)
        return app

    yield make


def click(app, rect_or_pos, dt: float = 0.0):
    pos = rect_or_pos.center if isinstance(rect_or_pos, pygame.Rect) else rect_or_pos
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)], dt)


def key(app, k, mod=0, dt: float = 0.0):
    app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)], dt)


def frame(app) -> tuple[list[tuple[pygame.Rect, pygame.Rect, str]], list[pygame.Rect]]:
    """Draw one frame and return every text blit (text rect, box it must fit, text) and every
    focus ring drawn."""
    tx.RECORD.clear()
    widgets.FOCUS_RECORD.clear()
    tx.RECORDING = True
    try:
        app.step([], 0.0)
    finally:
        tx.RECORDING = False
    out = list(tx.RECORD), list(widgets.FOCUS_RECORD)
    tx.RECORD.clear()
    widgets.FOCUS_RECORD.clear()
    return out


def recorded(app) -> list[tuple[pygame.Rect, pygame.Rect, str]]:
    """Draw one frame and return every text blit: (text rect, box it must fit, text)."""
    return frame(app)[0]


def focus_rings(app) -> list[pygame.Rect]:
    """Draw one frame and return the focus rings drawn."""
    return frame(app)[1]


def texts(app) -> str:
    return "\n".join(t for _r, _b, t in recorded(app))


def reply_button(app, chat, n: int):
    """Reply `n`'s button, on screen: a folded dock's drawer is opened first, as a player would."""
    if chat.compact and chat.feedback is not None:
        key(app, pygame.K_x)  # read the Coach card, close it: the replies come next
    if chat.compact and not chat.drawer_open:
        click(app, chat.drawer_button.rect)
    assert chat.drawer_open or not chat.compact
    button = chat.choice_buttons[n]
    chat.ui.focused = button  # the dock scrolls to the focused reply when big text makes it tall
    app.step([], 0)
    chat.ui.focused = None
    return button


def find_target(scene, name: str):
    for t in scene.targets:
        if getattr(t, "name", None) == name:
            return t
    raise AssertionError(f"no focus target {name!r} in {scene.name}: "
                         f"{[getattr(t, 'name', None) for t in scene.targets]}")


def whole_page(app, scene) -> str:
    """Every line a page shows, read screen by screen (Page Down until the end)."""
    lines: list[str] = []
    while True:
        lines += texts(app).split("\n")
        if scene.offset >= scene.max_offset():
            return "\n".join(lines)
        key(app, pygame.K_PAGEDOWN)


@pytest.fixture
def ui():
    """The helpers above, as a fixture (test modules can't import conftest in importlib mode)."""
    from types import SimpleNamespace

    return SimpleNamespace(click=click, key=key, recorded=recorded, texts=texts, find_target=find_target,
                           focus_rings=focus_rings, reply_button=reply_button, whole_page=whole_page)


def play_whole_group(session, name: str, rng, flag_rate: float) -> None:
    """A group that plays every step of `session` through the backend: random check answers,
    flags on a share of the flaggable messages, random replies (scripted, not clicked)."""
    from game.engine.runtime import ChoicesEvent, MessageEvent

    run = session.add_group(name)
    while (step := run.next_step()).kind != "done":
        if step.kind.endswith("check"):
            for qid in step.unanswered:
                run.answer(step.phase, qid, rng.randrange(len(step.check.question(qid).options)))
            continue
        if step.kind.endswith("spot"):
            judge = random.Random(f"{name}|{step.kind}")  # its own: the stories play as they did
            for chat in step.chats:
                run.spot(step.phase, chat.id, {i: 1000 for i in chat.signals() if judge.random() < flag_rate})
            continue
        pt = run.play(step)
        while not pt.ended:
            ev = pt.next()
            if isinstance(ev, MessageEvent) and pt.flaggable(ev.index) and rng.random() < flag_rate:
                pt.flag(ev.index)
            elif isinstance(ev, ChoicesEvent):
                pt.choose(rng.choice(ev.options)[0])


@pytest.fixture
def phone(library):
    """tests/data/phone.yaml: the test story on a whole phone (threads, actions, a safe adult)."""
    from game.engine.validate import check_source

    path = Path(__file__).resolve().parents[1] / "data" / "phone.yaml"
    result = check_source(path.read_text(encoding="utf-8"), "phone.yaml", library.taxonomy, library.resources)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.scenario
