"""`new`: a commented template that validates with --strict and plays to both endings."""

from game.authoring.template import render
from game.engine.paths import all_paths
from game.engine.validate import check_file, check_source
from game.library import game_library, my_stories


def test_template_is_clean_with_strict_and_plays(library):
    checked = check_source(render("my-story"), "my-story.yaml", library.taxonomy, library.resources)
    assert checked.ok and checked.diagnostics == []
    sc = checked.scenario
    paths = all_paths(sc)
    assert {p.ending.ending.outcome for p in paths} == {"safe", "risky"}
    msgs = [m for b in sc.beats.values() for m in b.messages]
    assert any(m.flag for m in msgs) and any(m.note for m in msgs)
    assert len(sc.beats) == 3 and all(t.fr for p, t in sc.texts() if p[::2] != ("characters", "name"))


def test_every_key_is_explained():
    text = render("my-story")
    for key in ("format:", "id:", "summary:", "grades:", "topics:", "minutes:", "content_note:",
                "goals:", "platform:", "characters:", "beats:", "messages:", "flag:", "note:",
                "choices:", "safety:", "feedback:", "set:", "if:", "ending:", "outcome:",
                "debrief:", "questions:", "real_life:", "resources:"):
        line = next(line for line in text.splitlines() if line.strip().startswith(key)
                    or f" {key}" in line)
        near = text[text.index(line) - 200: text.index(line) + len(line) + 200]
        assert "#" in near, f"no comment near {key}"


def test_new_writes_into_my_stories_from_any_folder(cli, tmp_path, monkeypatch, library):
    """Outside a checkout, `new` must not write into the installed game: the story goes to My
    stories in the data folder, where the game, `validate` and `walk` find it by its id."""
    monkeypatch.chdir(tmp_path)
    status, out = cli("new", "skatepark")
    path = my_stories() / "skatepark.yaml"
    assert status == 0 and f"wrote {path}" in out
    assert not list(tmp_path.iterdir()), "nothing is written in the current folder"
    assert not (library.folder / "skatepark.yaml").exists()
    assert check_file(path, library.taxonomy, library.resources).ok
    assert path.read_text().startswith("# yaml-language-server: $schema=")
    assert cli("validate", "--strict", "skatepark")[0] == 0
    assert '"' in out.split("play", 1)[1].splitlines()[0], "the printed command quotes the space"
    mine = game_library()
    (checked,) = [c for c in mine.files if c.path == str(path)]
    assert checked.origin == "mine" and checked.scenario.draft


def test_new_refuses_to_overwrite(cli, tmp_path):
    out = tmp_path / "mine.yaml"
    out.write_text("keep me")
    status, text = cli("new", "mine", "--out", out)
    assert status == 1 and "won't overwrite" in text
    assert out.read_text() == "keep me"


def test_new_rejects_a_bad_name(cli, tmp_path):
    for bad in ("My Story", "story!", "_x", "Café", "a.b"):
        status, text = cli("new", bad, "--out", tmp_path / "x.yaml")
        assert status == 2 and "can't be a scenario id" in text
    assert not (tmp_path / "x.yaml").exists()


def test_new_modeline_points_at_the_schema(cli, tmp_path):
    out = tmp_path / "deep" / "mine.yaml"
    assert cli("new", "mine", "--out", out)[0] == 0
    rel = out.read_text().splitlines()[0].split("$schema=")[1]
    assert (out.parent / rel).resolve().name == "scenario.schema.json"
    assert (out.parent / rel).resolve().exists()
