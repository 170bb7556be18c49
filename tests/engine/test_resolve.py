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


def _own_library(folder: Path, story_id: str = "corner") -> Path:
    """A story that needs the taxonomy beside it: its first red flag's category is called
    'sweet-talk' there (the shipped taxonomy has no such category). No resources.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "taxonomy.yaml").write_text((SHIPPED / "taxonomy.yaml").read_text(encoding="utf-8")
                                          .replace("flattery", "sweet-talk"), encoding="utf-8")
    path = folder / f"{story_id}.yaml"
    path.write_text((SHIPPED / "game-teammate.yaml").read_text(encoding="utf-8")
                    .replace("flattery", "sweet-talk").replace("id: game-teammate", f"id: {story_id}"),
                    encoding="utf-8")
    return path


def test_one_rule_for_the_taxonomy_a_story_uses(tmp_path):
    from game.authoring import lint
    from game.library import library_root

    assert lint._library_root is library_root  # validate follows the same rule
    assert library_root(tmp_path) == default_folder()
    path = _own_library(tmp_path / "club" / "stories")
    assert library_root(path.parent) == path.parent
    (path.parent / "deeper").mkdir()
    assert library_root(path.parent / "deeper") == path.parent  # a folder above counts too


def test_a_story_with_its_own_taxonomy_is_read_with_it_by_every_command(tmp_path):
    path = _own_library(tmp_path / "club")
    lone = tmp_path / "lone" / "corner.yaml"  # the same story without its taxonomy
    lone.parent.mkdir()
    lone.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    found = resolve(str(path))  # the game, walk and preview
    assert found.problems == [] and found.scenario is not None and found.scenario.id == "corner"
    assert "sweet-talk" in found.library.taxonomy.categories
    assert found.library.resources is not None  # no resources.yaml beside it: the shipped ones
    assert load_ref(str(path)).scenario is not None  # validate, check, graph
    assert resolve(str(lone)).scenario is None and load_ref(str(lone)).scenario is None
    assert any("sweet-talk" in p for p in resolve(str(lone)).problems)
    shipped = resolve(str(path)).library.playable()
    assert "game-teammate" not in shipped  # checked against this taxonomy, the shipped ones fail
    assert find_scenario(str(path), found.library) == (found.scenario, [])


def test_a_named_copy_of_a_shipped_story_plays_in_its_place(tmp_path):
    copy = tmp_path / "game-teammate.yaml"
    shutil.copy(SHIPPED / "game-teammate.yaml", copy)
    found = resolve(str(copy))
    assert found.problems == [] and found.checked is not None and found.checked.origin == "file"
    assert found.checked.path == str(copy)
    same_id = [c for c in found.library.files if c.scenario is not None and c.scenario.id == "game-teammate"]
    assert same_id == [found.checked]  # the shipped one steps aside for this run
    assert find(found.library, "game-teammate") is found.checked
    assert resolve("game-teammate").checked.origin == "shipped"  # without the file: the shipped one
