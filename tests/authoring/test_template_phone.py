"""`new NAME --phone`: a commented format 2 template (threads and actions) that passes
`validate --strict` and `check` as written and plays to both endings."""

from __future__ import annotations

import json

import pytest
import yaml

from game.authoring import schema
from game.authoring.paths import analyse
from game.authoring.template import render
from game.engine.paths import all_paths
from game.engine.validate import check_source


@pytest.fixture(scope="module")
def phone(library):
    checked = check_source(render("my-phone", phone=True), "my-phone.yaml", library.taxonomy, library.resources)
    assert checked.ok and checked.diagnostics == [], [str(d) for d in checked.diagnostics]
    return checked.scenario


def test_phone_template_is_clean_with_strict_and_plays(phone):
    assert phone.format == 2 and phone.draft
    assert {p.ending.ending.outcome for p in all_paths(phone)} == {"safe", "risky"}
    assert all(t.fr for p, t in phone.texts() if p[::2] != ("characters", "name"))


def test_it_has_a_strangers_dm_a_safe_adults_thread_and_the_actions(phone):
    assert list(phone.threads) == ["sky", "mom"]
    assert phone.characters["sky"].offender and not phone.characters["mom"].offender
    choices = [c for b in phone.beats.values() for c in b.choices or ()]
    assert {"screenshot", "block", "report", "tell"} <= {c.act for c in choices}
    assert all(c.to == "mom" for c in choices if c.act == "tell")
    assert all(c.reason for c in choices if c.act == "report")
    told = [m for b in phone.beats.values() for m in b.messages if phone.thread_of(m) == "mom"]
    assert {m.sender for m in told} == {"you", "mom"}, "the telling conversation, in the adult's thread"


def test_check_passes_as_written(phone):
    r = analyse(phone)
    assert r.ok and r.unreached_beats == r.unreached_choices == r.unshown_messages == []
    assert r.actions_min >= 1 and r.action_paths["tell"] > 0
    assert r.play_times["en"].shortest / 60 <= phone.minutes_for("en") + 1


def test_every_format_2_key_is_explained():
    text = render("my-phone", phone=True)
    for key in ("format: 2", "threads:", "thread:", "action:", "reason:", "to:", "offender:",
                "borderline:", "flag:", "ending:"):
        line = next(line for line in text.splitlines() if line.strip().startswith(key) or f" {key}" in line)
        near = text[text.index(line) - 200: text.index(line) + len(line) + 200]
        assert "#" in near, f"no comment near {key}"
    assert "open:" in text and "opens: later" in text  # explained, for the writer's next thread


def test_phone_template_is_valid_in_the_editor():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json.loads(schema.render()))
    assert not list(validator.iter_errors(yaml.safe_load(render("my-phone", phone=True))))


def test_new_phone_writes_a_story_that_validates(cli, tmp_path):
    out = tmp_path / "bus-stop.yaml"
    status, said = cli("new", "bus-stop", "--phone", "--out", out)
    assert status == 0 and f"wrote {out}" in said
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert "id: bus-stop" in out.read_text(encoding="utf-8")
    status, said = cli("validate", "--strict", out)
    assert status == 0 and "0 errors, 0 warnings" in said, said
    status, said = cli("check", out)
    assert status == 0 and "Actions per path" in said, said


def test_without_phone_the_template_is_still_format_1():
    assert "format: 1" in render("my-story") and "threads:" not in render("my-story")
