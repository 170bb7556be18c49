"""Any story file plays, wherever it is: `walk`, `preview` and the game's `play` open a story
copied to a folder of its own with a taxonomy.yaml beside it, as `validate` reads it."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pygame
import pytest

from game.cli import main
from game.ui import play, preview

from .conftest import SCENARIOS


@pytest.fixture
def story(tmp_path) -> Path:
    """A copy of the teammate story in its own folder, needing the taxonomy beside it: its first
    red flag's category is called 'sweet-talk' there (the shipped taxonomy has no such one)."""
    folder = tmp_path / "club stories"
    folder.mkdir()
    (folder / "taxonomy.yaml").write_text((SCENARIOS / "taxonomy.yaml").read_text(encoding="utf-8")
                                          .replace("flattery", "sweet-talk"), encoding="utf-8")
    path = folder / "corner.yaml"
    path.write_text((SCENARIOS / "game-teammate.yaml").read_text(encoding="utf-8")
                    .replace("flattery", "sweet-talk").replace("id: game-teammate", "id: corner"),
                    encoding="utf-8")
    return path


def test_validate_accepts_it(story, capsys):
    assert main(["validate", "--strict", str(story)]) == 0
    assert "OK: 1 scenario file, 0 errors, 0 warnings" in capsys.readouterr().out


def test_walk_plays_it(story, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n" * 20))
    assert main(["walk", str(story)]) == 0
    out = capsys.readouterr().out
    assert "== The Teammate ==" in out and "can't be played" not in out
    monkeypatch.setattr("sys.stdin", io.StringIO("tactics\nq\n"))
    assert main(["walk", str(story), "--mode", "name"]) == 0
    assert "sweet-talk: " in capsys.readouterr().out  # the taxonomy beside the story


def _preview(story: Path, out: Path, path: str, monkeypatch) -> int:
    monkeypatch.setattr(pygame, "quit", lambda: None)  # the other tests of this process go on
    parser = argparse.ArgumentParser()
    preview.configure(parser)  # the command's own defaults, as `python -m game preview` gets them
    args = parser.parse_args([str(story), "--out", str(out), "--path", path, "--size", "800x600"])
    return preview.run(args)


def test_preview_plays_it_with_reply_numbers_from_1(story, tmp_path, capsys, monkeypatch):
    out = tmp_path / "png"
    assert _preview(story, out, "2,1", monkeypatch) == 0
    files = sorted(p.name for p in out.glob("*.png"))
    assert any("ending" in f for f in files) and not any("errors" in f for f in files)
    assert "PNG files to" in capsys.readouterr().out


def test_preview_refuses_the_old_count_from_0(story, tmp_path, capsys, monkeypatch):
    assert _preview(story, tmp_path / "a", "1,0", monkeypatch) == 2
    err = capsys.readouterr().err
    assert "counts replies from 1 now" in err and "Add 1 to each number" in err
    assert preview.parse_path("3, 1,2") == ([3, 1, 2], None)
    assert "1,3,2" in (preview.parse_path("one")[1] or "")
    assert _preview(story, tmp_path / "b", "9", monkeypatch) == 2
    assert "reply 9 is not offered here (replies 1 to" in capsys.readouterr().err


def _play_args(story: Path, watch: bool = False) -> argparse.Namespace:
    return argparse.Namespace(story=str(story), scenario=None, library=[], lang=None, windowed=False,
                              fullscreen=False, size="800x600", watch=watch)


def test_the_game_opens_it_in_writer_mode(story, capsys, monkeypatch):
    opened = []

    class Recorded(play.App):
        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            opened.append(self)

    monkeypatch.setattr(play, "App", Recorded)
    monkeypatch.setattr(pygame, "quit", lambda: None)
    monkeypatch.setenv("REDFLAGS_EXIT_AFTER_FIRST_FRAME", "1")  # one frame, headless
    assert play.run(_play_args(story)) == 0
    (app,) = opened
    chat = app.top
    assert chat.name == "chat" and chat.scenario.id == "corner"
    assert "sweet-talk" in app.library.taxonomy.categories
    assert app.watch and chat.watcher is not None and chat.watcher.path == story
    assert f"Writer mode: each time you save {story}, the game reloads it" in capsys.readouterr().out


def test_with_no_window_play_says_so_in_one_line(story, capsys, monkeypatch):
    monkeypatch.delenv("REDFLAGS_EXIT_AFTER_FIRST_FRAME", raising=False)
    monkeypatch.setattr(pygame, "quit", lambda: None)
    assert play.run(_play_args(story, watch=True)) == 1  # SDL_VIDEODRIVER=dummy: nothing to see
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "no window" in err
    assert err.endswith(f'python -m game walk "{story}"')  # quoted: the folder has a space
