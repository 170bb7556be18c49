"""Screens around the chat: settings, help, errors, Esc/back, window sizes, preview, fonts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game import settings as settings_mod
from game.ui import text as tx

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "game-teammate"


def open_each_screen(app):
    """(name, opener) for every screen; each opener leaves that screen on top."""
    def title():
        pass

    def picker():
        app.open_picker()

    def settings():
        app.open_settings()

    def chat():
        app.start_scenario(SCENARIO)

    def debrief():
        app.start_scenario(SCENARIO)
        app.step([], 0)
        while app.top.ending is None:
            app.top.choose(app.top.choices.options[0][0])
            app.step([], 0)
        app.top.open_debrief()

    def help_():
        app.open_help()

    return [("title", title), ("picker", picker), ("settings", settings), ("chat", chat),
            ("debrief", debrief), ("help", help_)]


def test_settings_are_saved_and_reloaded(make_app, ui):
    app = make_app()
    app.open_settings()
    scene = app.top
    assert ui.find_target(scene, "text_size") is not None
    scene.focus(ui.find_target(scene, "text_size"))
    ui.key(app, pygame.K_RIGHT)
    assert app.settings.text_size == 125
    speed = ui.find_target(scene, "speed")
    scene.focus(speed)  # the page scrolls to it
    app.step([], 0)
    ui.click(app, speed.rect)  # click moves to the next value
    assert app.settings.speed == "slow"  # instant -> (wraps to) slow
    saved = json.loads(settings_mod.path().read_text())
    assert saved["text_size"] == 125 and saved["speed"] == "slow"
    assert settings_mod.load().text_size == 125
    scene.focus(ui.find_target(scene, "text_size"))
    app.step([], 0)
    assert "125%" in ui.texts(app)


@pytest.mark.parametrize("content", ["{not json", "[]", '{"text_size": "giant", "sound": "yes"}', ""])
def test_broken_settings_fall_back_to_defaults(content):
    settings_mod.path().write_text(content)
    s = settings_mod.load()
    assert s == settings_mod.Settings()


def test_invalid_scenario_is_shown_with_errors_and_cannot_start(make_app, ui, broken_library):
    lib = broken_library
    assert "broken-story" not in lib.playable()
    app = make_app(lib=lib)
    app.open_picker()
    card = ui.find_target(app.top, "broken-broken-story.yaml")
    shown = ui.texts(app)
    assert "Can't be started" in shown
    ui.click(app, card.rect)
    assert app.top.name == "errors"
    shown = ui.texts(app)
    assert "can't be started" in shown and "nowhere-" in shown
    assert not app.start_scenario("broken-story")
    assert app.top.name == "errors" and all(s.name != "chat" for s in app.scenes)


def test_escape_backs_out_safely(make_app, ui):
    app = make_app()
    ui.key(app, pygame.K_ESCAPE)  # title: asks before quitting
    assert app.top.name == "dialog" and app.running
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "title" and app.running
    app.open_picker()
    app.start_scenario(SCENARIO)
    app.step([], 0)
    chat = app.top
    chat.toggle_flag(next(i for i, it in enumerate(chat.items) if it.flaggable))
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "dialog"  # leaving a chat asks first; default is to stay
    ui.key(app, pygame.K_RETURN)
    assert app.top is chat and chat.pt.state.flags
    ui.key(app, pygame.K_ESCAPE)
    ui.key(app, pygame.K_TAB)
    ui.key(app, pygame.K_RETURN)  # "Leave"
    assert app.top.name == "picker"
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "title"
    app.open_settings()
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "title"


def test_get_help_from_every_screen(make_app, ui):
    for name, opener in open_each_screen(make_app()):
        for how in ("f1", "h", "button"):
            app = make_app()
            opener()
            app.step([], 0)
            below = app.top
            if how == "button":
                ui.click(app, below.bar.help.rect)
            else:
                ui.key(app, pygame.K_F1 if how == "f1" else pygame.K_h)
            assert app.top.name == "help", (name, how)
            shown = ui.texts(app)
            assert "Kids Help Phone" in shown and "1-800-668-6868" in shown
            ui.key(app, pygame.K_ESCAPE)
            assert app.top is below, (name, how)


def test_help_region_switch_shows_other_helplines(make_app, ui):
    app = make_app()
    app.open_help()
    app.step([], 0)
    row = ui.find_target(app.top, "region")
    ui.click(app, row.rect)
    assert app.settings.region == "US"
    assert "Childhelp" in ui.texts(app) or "CyberTipline" in ui.texts(app)


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize("text_size", [100, 150])
def test_no_text_is_clipped_at_any_size(make_app, ui, size, text_size):
    probe = make_app(size, text_size=text_size)
    for name, _opener in open_each_screen(probe):
        app = make_app(size, text_size=text_size)
        dict(open_each_screen(app))[name]()
        app.step([], 0)
        if name == "chat":  # show a Coach card too
            chat = app.top
            chat.toggle_flag(next(i for i, it in enumerate(chat.items) if it.flaggable))
        screen = app.screen.get_rect()
        rows = ui.recorded(app)
        assert rows, name
        for rect, box, text in rows:
            assert rect.w <= box.w + 1 and rect.h <= box.h + 1, (name, size, text)
            assert box.inflate(2, 2).contains(rect), (name, size, text, rect, box)
            assert rect.left >= 0 and rect.right <= screen.right, (name, size, text)


def test_resize_event_relayouts(make_app, ui):
    app = make_app()
    app.start_scenario(SCENARIO)
    app.step([], 0)
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(1024, 600), w=1024, h=600)], 0)
    assert app.screen.get_size() == (1024, 600)
    assert app.top.geo["col"].right <= 1024


def test_idle_loop_sleeps_between_polls(make_app, monkeypatch):
    app = make_app()
    sleeps = []
    monkeypatch.setattr("time.sleep", lambda s: sleeps.append(s) or (len(sleeps) >= 3 and pygame.event.post(
        pygame.event.Event(pygame.QUIT))))
    app.run()
    assert len(sleeps) >= 3 and all(s >= 0.01 for s in sleeps)


def test_fonts_cover_french_and_emoji_never_tofu():
    pygame.font.init()
    for ch in "’«»œŒéèêëàâçÇÉÀîïôûùü…—–“”\u202f\u00a0":
        assert tx.font_has(ch), repr(ch)
    runs = tx.segments("its bad 😰 ok 👇 ❤️ 🎮 🇨🇦 ★")
    kinds = [k for k, v in runs if v.strip()]
    assert "e" in kinds
    assert all(not (k == "t" and "\ufffd" in v) for k, v in runs)
    # every emoji used by shipped scenarios renders as a picture or a symbol, never a box
    import unicodedata

    for f in (ROOT / "game" / "scenarios").glob("*.yaml"):
        for ch in set(f.read_text(encoding="utf-8")):
            if ord(ch) > 0x2000 and unicodedata.category(ch) == "So":
                segs = tx.segments(ch)
                assert segs and segs[0][0] in ("e", "s") or tx.font_has(ch), (f.name, ch)


@pytest.mark.slow  # renders PNG files in a new process: 3 to 10 s
def test_preview_writes_one_png_per_step(tmp_path):
    out = tmp_path / "png"
    env = dict(**__import__("os").environ)
    r = subprocess.run([sys.executable, "-m", "game", "preview", SCENARIO, "--out", str(out), "--path", "2,1",
                        "--size", "1024x600"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    files = sorted(p.name for p in out.glob("*.png"))
    assert any("choices" in f for f in files) and any("debrief" in f for f in files)
    assert any("ending" in f for f in files)
    img = pygame.image.load(str(out / files[0]))
    assert img.get_size() == (1024, 600)
    bad = subprocess.run([sys.executable, "-m", "game", "preview", SCENARIO, "--out", str(tmp_path / "b"),
                          "--path", "9"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "not offered" in bad.stderr
    contrast = subprocess.run([sys.executable, "-m", "game", "preview", SCENARIO, "--out", str(tmp_path / "hc"),
                               "--path", "2", "--size", "1024x600", "--text-size", "200", "--theme", "high-contrast"],
                              cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)  # as a player with those settings sees it
    assert contrast.returncode == 0, contrast.stderr
    first = pygame.image.load(str(sorted((tmp_path / "hc").glob("*.png"))[0]))
    assert first.get_at((first.get_width() // 2, first.get_height() - 2))[:3] != img.get_at(
        (img.get_width() // 2, img.get_height() - 2))[:3]  # the theme's own colours, not the default's


def test_idle_loop_does_not_redraw_without_events(make_app, monkeypatch):
    """When nothing animates, run() sleeps between polls and draws nothing new."""
    app = make_app()
    frames = app.frames
    sleeps = []

    def fake_sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 50:
            pygame.event.post(pygame.event.Event(pygame.QUIT))

    monkeypatch.setattr("time.sleep", fake_sleep)
    app.run()
    assert len(sleeps) >= 50
    assert app.frames - frames <= 2  # the first frame, and the one that handles QUIT


def test_first_frame_does_not_wait_for_the_engine(tmp_path):
    """The window appears before pydantic and the scenarios load (bench/frames.py measures launch against a bare pygame window)."""
    env = dict(__import__("os").environ, REDFLAGS_EXIT_AFTER_FIRST_FRAME="1", REDFLAGS_HOME=str(tmp_path))
    r = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "run_game.py")], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time")}
    assert "game.ui.scenes.title" in imported
    engine = {"pydantic", "game.engine.model", "game.engine.validate", "game.classroom.store"}
    assert not engine & imported, sorted(engine & imported)


def test_title_offers_resume_once_the_engine_has_loaded(make_app, ui):
    from game.settings import Settings
    from game.ui.app import App

    first = make_app()
    assert first.start_scenario(SCENARIO)
    first.step([], 0)
    ui.key(first, pygame.K_2)  # a reply: the story is under way when the "power goes out"
    first.step([], 0)
    app = App((1280, 720), settings=Settings(speed="instant", sound=False))
    app.step([], 0.0)
    names = lambda: [getattr(t, "name", "") for t in app.top.targets]  # noqa: E731
    assert not app.engine_loaded and "resume" not in names()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.run()  # loads the engine after the first frame, then rebuilds the title
    assert app.engine_loaded and "resume" in names()
