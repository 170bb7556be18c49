"""`draft: true`: a story its writer can play but no class is offered, and that never ships.

`validate` notes every draft; with --strict a shipped story that is still a draft fails, so a
draft can't reach the shipped library unnoticed."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from game.authoring import lint
from game.authoring.template import render
from game.classroom import lesson
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import ResultsStore
from game.engine import validate
from game.engine.validate import check_source, default_folder, load_library
from game.library import draft_lines, game_library, my_stories

SHIPPED = Path(__file__).resolve().parents[2] / "game" / "scenarios"


def _validate(paths, strict: bool) -> int:
    return lint.run(argparse.Namespace(paths=paths, strict=strict, format="text"))


def _folder(tmp_path: Path, name: str = "skatepark", draft: bool = True, support: bool = True) -> Path:
    """A story folder with one story from the template (and a copy of the shipped taxonomy and
    resources, as a library of its own)."""
    for file in ("taxonomy.yaml", "resources.yaml") if support else ():
        shutil.copy(SHIPPED / file, tmp_path / file)
    text = render(name, tmp_path / f"{name}.yaml")
    if not draft:
        text = text.replace("\ndraft: true\n", "\n")
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_no_shipped_story_is_a_draft(library):
    drafts = [c.path for c in library.files if c.scenario is not None and c.scenario.draft]
    assert drafts == [], "a shipped story must not be a draft: delete its 'draft: true'"
    assert library.playable(), "the shipped library has stories"
    assert draft_lines([library], strict=True) == ([], 0)


def test_the_field_is_optional_and_false_by_default(library):
    template = render("my-story")
    checked = check_source(template, "my-story.yaml", library.taxonomy, library.resources)
    assert checked.ok and checked.scenario.draft is True
    ready = check_source(template.replace("\ndraft: true\n", "\n"), "my-story.yaml",
                         library.taxonomy, library.resources)
    assert ready.ok and ready.scenario.draft is False


def test_validate_notes_a_draft_and_it_is_no_problem(tmp_path, capsys):
    folder = _folder(tmp_path)
    assert _validate([folder / "skatepark.yaml"], strict=True) == 0  # My stories and the like
    out = capsys.readouterr().out
    assert "skatepark.yaml: note: a draft (draft: true)" in out
    assert "OK: 1 scenario file, 0 errors, 0 warnings" in out
    _folder(tmp_path, draft=False)
    assert _validate([folder / "skatepark.yaml"], strict=True) == 0
    assert "note: a draft" not in capsys.readouterr().out


def test_strict_fails_a_shipped_story_that_is_a_draft(tmp_path, capsys, monkeypatch):
    folder = _folder(tmp_path)
    monkeypatch.setattr(validate, "default_folder", lambda: folder)  # as if it shipped
    assert _validate([folder], strict=False) == 0  # without --strict, a note
    assert "note: a draft" in capsys.readouterr().out
    assert _validate([folder], strict=True) == 1
    out = capsys.readouterr().out
    assert "skatepark.yaml: error: a shipped story can't be a draft" in out
    assert "FAILED: 1 scenario file, 1 error, 0 warnings" in out
    assert lint.run(argparse.Namespace(paths=[folder], strict=True, format="json")) == 1
    assert "can't be a draft" in capsys.readouterr().err  # the JSON on stdout stays a list


def test_a_draft_is_never_offered_to_a_class(tmp_path):
    folder = _folder(my_stories(create=True), support=False)
    _folder(folder, "bus-stop", draft=False, support=False)
    lib = game_library()
    stories = lib.playable()
    assert stories["skatepark"].draft and not stories["bus-stop"].draft
    offered = [s.id for s in ClassSettings().offered(stories)]
    assert "bus-stop" in offered and "skatepark" not in offered
    with pytest.raises(ValueError, match="not offered"):  # the teacher's lesson choice
        lesson.check_choice(["skatepark"], offered)
    store = ResultsStore(tmp_path / "results.sqlite3")
    try:
        with pytest.raises(ValueError, match="not offered"):
            ClassSession.start(store, ClassSettings(), stories, lesson=["skatepark"])
        session = ClassSession.start(store, ClassSettings(), stories)
        assert "skatepark" not in [s.id for s in session.scenarios]
        assert "bus-stop" in [s.id for s in session.scenarios]
    finally:
        store.close()


def test_the_library_keeps_drafts_playable_by_their_writer():
    _folder(my_stories(create=True), support=False)
    lib = game_library()
    (checked,) = [c for c in lib.files if c.scenario is not None and c.scenario.id == "skatepark"]
    assert checked.ok and checked.origin == "mine" and "skatepark" in lib.playable()
    assert default_folder() == SHIPPED
    assert load_library(SHIPPED).playable().keys() <= lib.playable().keys()
