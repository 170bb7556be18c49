"""One resolver for a story reference: the authoring commands, the terminal player and the
game's library all name the same file for the same id, path or folder, and say the same
things when there is none."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.authoring.common import resolve as load_ref
from game.authoring.common import scenario_file
from game.engine.validate import default_folder
from game.library import find, my_stories, resolve, story_file, story_ids
from game.terminal import find_scenario

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "game" / "scenarios"


def test_an_id_names_the_shipped_file_then_my_stories(tmp_path):
    assert story_file("game-teammate") == default_folder() / "game-teammate.yaml"
    mine = my_stories(create=True) / "skate-night.yaml"
    shutil.copy(SHIPPED / "game-teammate.yaml", mine)
    assert story_file("skate-night") == mine
    assert "skate-night" in story_ids() and "game-teammate" in story_ids()
    assert "taxonomy" not in story_ids()
    assert story_file("nope") is None
    assert story_file("nope", tmp_path) is None and story_ids(tmp_path) == []


def test_a_path_is_taken_as_given(tmp_path):
    assert story_file(str(tmp_path / "draft.yaml")) == tmp_path / "draft.yaml"  # even before it exists
    assert story_file(str(tmp_path / "DRAFT.YML")) == tmp_path / "DRAFT.YML"
    assert story_file(str(tmp_path)) == tmp_path  # a folder: the authoring commands read all of it
    assert scenario_file is story_file  # the authoring commands use the same rule


def test_the_terminal_and_the_library_say_the_same_when_there_is_no_story(library, tmp_path):
    missing = resolve("nope", lib=library)
    assert missing.scenario is None and missing.checked is None
    assert missing.problems[0].startswith("no scenario 'nope' (known: ") and "game-teammate" in missing.problems[0]
    assert find_scenario("nope", library) == (None, missing.problems)
    gone = str(tmp_path / "gone.yaml")
    assert resolve(gone, lib=library).problems == [f"no such file: {gone}"]
    found = resolve("game-teammate", lib=library)
    assert found.scenario is not None and found.problems == []
    assert found.checked is find(library, "game-teammate")
    assert find_scenario("game-teammate", library) == (found.scenario, [])


def test_the_game_library_is_loaded_with_the_named_file(tmp_path):
    path = tmp_path / "corner.yaml"
    path.write_text((SHIPPED / "game-teammate.yaml").read_text(encoding="utf-8")
                    .replace("id: game-teammate", "id: corner"), encoding="utf-8")
    found = resolve(str(path))
    assert found.checked is not None and found.checked.origin == "file"
    assert found.scenario is not None and found.scenario.id == "corner"


def test_the_authoring_commands_list_the_same_known_stories(tmp_path):
    result = load_ref("nope", tmp_path)
    assert result.scenario is None and [d.code for d in result.diagnostics] == ["RF001"]
    assert "known scenarios: none" in str(result.diagnostics[0])
    shutil.copy(SHIPPED / "game-teammate.yaml", tmp_path / "a-story.yaml")
    result = load_ref("nope", tmp_path)
    assert "known scenarios: a-story" in str(result.diagnostics[0])
    assert load_ref("a-story", tmp_path).path == tmp_path / "a-story.yaml"
