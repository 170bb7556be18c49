"""Storage failures as a class meets them, in the real app: the game starts, says what happened
on screen, and never crashes (a damaged store, an unplugged USB stick, a second copy)."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.classroom.store import ResultsStore
from game.userdata import data_dir


def titles(app) -> str:
    return "\n".join(b.text for block in app.top.blocks for b in getattr(block, "items", [block])
                     if hasattr(b, "text"))


def _damaged(path: Path) -> None:
    store = ResultsStore(path)
    gid = store.add_group(store.new_session({}, "7B"), "Owls", 3)
    store.answer(gid, "pre", "check", "q1", 0, True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 2048] = os.urandom(2048)
    path.write_bytes(bytes(data))


def test_a_damaged_solo_store_no_longer_breaks_every_launch(make_app, ui):
    _damaged(data_dir() / "solo.sqlite3")
    app = make_app()
    app.top.rebuild()
    shown = titles(app)
    assert "damaged" in shown and "kept aside" in shown
    assert list(data_dir().glob("solo.damaged-*.sqlite3"))
    app.step([], 0)
    ui.click(app, ui.find_target(app.top, "play").rect)
    assert app.top.name == "picker"


def test_a_damaged_results_store_and_the_teacher_key(make_app, ui):
    _damaged(data_dir() / "results.sqlite3")
    app = make_app()
    ui.key(app, pygame.K_t)
    assert app.top.name == "pin"
    assert "damaged" in titles(app)
    assert list(data_dir().glob("results.damaged-*.sqlite3"))


def test_an_unplugged_usb_stick_plays_and_says_nothing_is_saved(make_app, ui, tmp_path, monkeypatch):
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path / "usb-stick-not-here" / "redflags"))
    app = make_app()
    app.top.rebuild()
    shown = titles(app)
    assert "Not being saved." in shown and "plug it in" in shown
    assert app.start_scenario("game-teammate")
    app.step([], 0.5)
    assert app.top.name == "chat"
    seen = ui.texts(app)
    assert "Not being saved." in seen
    assert not (tmp_path / "usb-stick-not-here").exists()
