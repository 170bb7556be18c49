"""The library a writer owns: My stories beside the shipped ones, drafts, any file played
directly with hot reload, and `--library` folders, as the game, `walk` and `validate` see them."""

from __future__ import annotations

import io
import shutil

import pygame

from game.authoring.template import render
from game.classroom.settings import ClassSettings
from game.cli import main
from game.engine.validate import default_folder
from game.library import game_library, library_for, my_stories
from game.ui.app import App

SIZE = (1280, 720)


def _write(folder, name, draft=True, title=None):
    folder.mkdir(parents=True, exist_ok=True)
    text = render(name)
    if not draft:
        text = text.replace("\ndraft: true\n", "\n")
    if title:
        text = text.replace(f"title: {{en: {name.capitalize()}", f"title: {{en: {title}")
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _app(**kw) -> App:
    return App(SIZE, surface=pygame.Surface(SIZE), **kw)


def test_my_stories_are_listed_marked_and_drafts_never_offered_to_a_class():
    _write(my_stories(), "skatepark")
    _write(my_stories(), "bus-stop", draft=False)
    lib = game_library()
    origins = {c.scenario.id: c.origin for c in lib.files if c.scenario}
    assert origins["skatepark"] == origins["bus-stop"] == "mine"
    assert origins["game-teammate"] == "shipped"
    offered = {s.id for s in ClassSettings().offered(lib.playable())}
    assert "bus-stop" in offered and "skatepark" not in offered
    assert "game-teammate" in offered


def test_the_picker_marks_whose_story_it_is_and_plays_a_draft(ui):
    _write(my_stories(), "skatepark")
    app = _app()
    app.open_picker()
    app.step()
    marks = {t.name: [b.text for b in t.items] for t in app.top.targets if t.name.startswith("card-")}
    assert "Your draft: not offered to classes" in marks["card-skatepark"]
    from game.ui.scenes.picker import origin_mark

    every_mark = {origin_mark(o, d) for o in ("mine", "file") for d in (True, False)}
    assert not any(set(texts) & every_mark for name, texts in marks.items() if name != "card-skatepark"), \
        "shipped stories carry no mark"
    card = ui.find_target(app.top, "card-skatepark")
    card.action()
    assert app.top.name == "chat" and app.top.scenario.id == "skatepark"


def test_a_story_file_anywhere_plays_with_hot_reload(tmp_path):
    path = _write(tmp_path / "elsewhere", "corner-store")
    lib, checked = library_for(str(path))
    assert checked is not None and checked.ok and checked.origin == "file"
    app = _app(files=[path])
    app.watch = True
    assert app.start_scenario(str(path))
    assert app.top.name == "chat" and app.top.watcher is not None
    assert app.top.watcher.path == path


def test_a_broken_file_shows_its_errors_then_opens_once_fixed(tmp_path):
    good = render("corner-store")
    path = tmp_path / "corner-store.yaml"
    path.write_text(good.replace("goto: ", "goto: nowhere-", 1), encoding="utf-8")
    app = _app(files=[path])
    app.watch = True
    assert not app.start_scenario(str(path))
    assert app.top.name == "errors"
    path.write_text(good, encoding="utf-8")
    app.step([], 1.0)
    assert app.top.name == "chat" and app.top.scenario.id == "corner-store"


def test_library_folders_and_walk_and_validate_by_id(tmp_path, capsys, monkeypatch):
    extra = tmp_path / "club"
    _write(extra, "club-night", draft=False)
    assert "club-night" in game_library([extra]).playable()
    assert "club-night" not in game_library().playable()
    _write(my_stories(), "skatepark")
    assert main(["validate", "skatepark"]) == 0
    assert "1 scenario file" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n" * 20))
    assert main(["walk", "club-night", "--library", str(extra)]) == 0
    out = capsys.readouterr().out
    assert "== Club night ==" in out and "You kept it private" in out


def test_the_shipped_folder_is_read_only_for_new(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in default_folder().iterdir())
    assert main(["new", "my-test"]) == 0
    assert sorted(p.name for p in default_folder().iterdir()) == before
    assert (my_stories() / "my-test.yaml").exists()


def test_a_copied_shipped_story_plays_when_named_and_names_the_clash_in_my_stories(tmp_path):
    copy = tmp_path / "game-teammate.yaml"
    shutil.copy(default_folder() / "game-teammate.yaml", copy)
    lib, checked = library_for(str(copy))  # named: it plays in place of the shipped one
    assert checked is not None and checked.ok and checked.origin == "file"
    assert [c for c in lib.files if c.scenario and c.scenario.id == "game-teammate"] == [checked]
    shutil.copy(copy, my_stories(create=True) / "game-teammate.yaml")  # listed beside it: a clash
    lib, checked = library_for("game-teammate")
    (mine,) = [c for c in lib.files if c.origin == "mine"]
    (diag,) = [d for d in mine.diagnostics if d.code == "RF035"]
    assert "already used" in diag.message and "own id" in diag.hint


def test_the_game_names_the_services_of_the_players_region(library):
    from game.settings import Settings

    for region, expected, never in (("UK", "CEOP", "Cybertip"), ("US", "NCMEC", "Cybertip"),
                                    ("CA", "Cybertip.ca", "CEOP")):
        app = App(SIZE, surface=pygame.Surface(SIZE), settings=Settings(region=region, sound=False),
                  library=library)
        app.start_scenario("game-teammate")
        chat = app.top
        ending = next(b for b in chat.scenario.beats.values() if b.ending and "{tipline}" in b.ending.text.raw())
        shown = ending.ending.text.get("en")
        assert expected in shown and never not in shown, (region, shown)
