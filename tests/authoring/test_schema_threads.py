"""The editor schema knows format 2: threads, a message's thread:, a beat's open: (one id or a
list), named actions with reason: and to:, so a phone story is checked as the writer types."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from game.authoring import schema

from .conftest import SCENARIOS

PHONE_STORY = SCENARIOS / "sextortion-hacked-friend.yaml"


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip(
        "jsonschema", reason="jsonschema (a test-only dependency, in the 'test' extra) is not "
                             "installed: can't check files against the schema like an editor")
    return jsonschema.Draft7Validator(json.loads(schema.render()))


def _errors(validator, text: str) -> list[str]:
    """The schema's complaints about `text`, read as the editor reads it (plain YAML 1.1)."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(yaml.safe_load(text))]


STORY = PHONE_STORY.read_text(encoding="utf-8")


def _with(old: str, new: str) -> str:
    assert old in STORY, old
    return STORY.replace(old, new, 1)


def test_the_shipped_format_2_story_is_valid_in_the_editor(validator):
    assert "format: 2" in STORY and "action: report" in STORY and "reason:" in STORY and "to: dad" in STORY
    assert _errors(validator, STORY) == []


def test_open_takes_one_thread_or_a_list(validator):
    assert _errors(validator, _with("    open: [copy]\n", "    open: copy\n")) == []
    assert _errors(validator, _with("    open: [copy]\n", "    open: Copy 2\n"))


def _deep(error) -> list[str]:
    """An error's message and those of the alternatives it tried (anyOf), innermost too."""
    return [error.message] + [m for sub in error.context or () for m in _deep(sub)]


def test_a_typo_in_an_action_kind_is_refused(validator):
    errors = list(validator.iter_errors(yaml.safe_load(_with("action: screenshot", "action: screenshoot"))))
    assert errors and all("pic-ask" in "/".join(map(str, e.absolute_path)) for e in errors)
    assert any("'screenshoot' is not one of ['screenshot'" in m for e in errors for m in _deep(e))


def test_a_bad_report_reason_or_thread_key_is_refused(validator):
    reason = re.search(r"reason: (\w+)", STORY)
    assert reason is not None
    assert _errors(validator, _with(reason.group(0), reason.group(0) + "ing"))
    dad = "  dad: {with: dad, app: TextNest}"
    assert _errors(validator, _with(dad, "  dad: {wiht: dad, app: TextNest}"))
    assert _errors(validator, _with(dad, "  dad: {with: dad, app: TextNest, kind: groupchat}"))
    assert _errors(validator, _with(dad, '  dad: {with: dad, app: ""}'))  # an app has a name
    assert _errors(validator, _with(dad, "  dad: {with: dad, ap: TextNest}"))
    assert _errors(validator, _with("opens: later", "opens: soon"))
    assert _errors(validator, _with("        thread: cell\n", "        thraed: cell\n"))
    assert _errors(validator, _with(dad, "  Dad: {with: dad, app: TextNest}"))  # not an id


def test_format_is_one_the_game_reads(validator):
    assert _errors(validator, _with("format: 2", "format: 1")) == []  # the validator says RF008
    assert _errors(validator, _with("format: 2", "format: 3"))


def test_the_schema_describes_the_format_2_keys():
    s = schema.build_schema()
    defs = s["definitions"]
    assert "Thread" in defs and s["properties"]["threads"]["description"]
    assert "report" in defs["Thread"]["properties"]["app"]["description"]
    assert defs["Message"]["properties"]["thread"]["description"]
    assert defs["Beat"]["properties"]["open"]["description"]
    kinds = next(a["enum"] for a in defs["Choice"]["properties"]["action"]["anyOf"] if "enum" in a)
    assert {"screenshot", "block", "report", "tell", "pay"} <= set(kinds)
    assert {"reason", "to"} <= set(defs["Choice"]["properties"])
    assert s["properties"]["format"]["enum"] == [1, 2]
