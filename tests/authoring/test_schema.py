"""The editor schema: current, draft-07, and it agrees with the loader on real files."""

import json

import pytest
import yaml

from game.authoring import schema
from game.engine.validate import scenario_paths

from .conftest import ROOT, SCENARIOS, merge

MODELINE = "# yaml-language-server: $schema=schema/scenario.schema.json"


def test_shipped_schemas_are_current():
    for name in schema.SCHEMAS:
        path = schema.schema_path(SCENARIOS, name)
        assert path.read_text(encoding="utf-8") == schema.render(name), (
            f"{path} is stale: run python -m game schema")


def test_schema_command_check_and_write(cli, tmp_path):
    assert cli("schema", "--check")[0] == 0
    status, out = cli("schema", "--folder", tmp_path, "--check")
    assert status == 1 and "STALE" in out
    assert cli("schema", "--folder", tmp_path)[0] == 0
    assert cli("schema", "--folder", tmp_path, "--check")[0] == 0
    assert (tmp_path / "schema" / "scenario.schema.json").read_text() == schema.render()


def test_draft_07_shape():
    s = schema.build_schema()
    text = json.dumps(s)
    assert s["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in text and "#/$defs" not in text
    refs = {r.split("/")[-1] for r in _refs(s)}
    assert refs <= set(s["definitions"]), refs - set(s["definitions"])
    assert {"Condition", "Route", "Message", "Choice"} <= set(s["definitions"])
    message = s["definitions"]["Message"]
    assert message["additionalProperties"] is False
    assert "from" in message["properties"] and "if" in message["properties"]
    assert "sender" not in message["properties"] and "when" not in message["properties"]
    assert s["definitions"]["Choice"]["properties"]["safety"]["enum"] == ["safe", "risky", "unsafe"]
    assert s["properties"]["platform"]["$ref"] == "#/definitions/Platform"
    assert s["definitions"]["Platform"]["properties"]["name"]["examples"] == ["PixelQuest"]
    assert s["definitions"]["Platform"]["properties"]["name"]["description"]


def _refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for v in node.values():
            yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_every_shipped_scenario_has_the_modeline():
    for path in scenario_paths(SCENARIOS):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == MODELINE, f"{path.name} must start with: {MODELINE}"


def test_vscode_settings_map_scenarios_and_yaml_1_1():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.yamlVersion"] == "1.1"
    globs = settings["yaml.schemas"]["./game/scenarios/schema/scenario.schema.json"]
    assert "game/scenarios/**/*.yaml" in globs
    assert (ROOT / "game/scenarios/schema/scenario.schema.json").exists()


# --- validating with a JSON-Schema validator, as the editor does -----------------------------

@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip(
        "jsonschema", reason="jsonschema (a test-only dependency, in the 'test' extra) is not "
                             "installed: can't check files against the schema like an editor")
    return jsonschema.Draft7Validator(json.loads(schema.render()))  # the shipped file's schema


def _editor_view(text: str):
    """What the YAML language server sees with yamlVersion 1.1: plain YAML 1.1 data."""
    return yaml.safe_load(text)


def test_schema_itself_is_valid_draft_07(validator):
    validator.check_schema(validator.schema)


def test_shipped_scenarios_are_valid_in_the_editor(validator):
    paths = scenario_paths(SCENARIOS)
    assert paths
    for path in paths:
        errors = list(validator.iter_errors(_editor_view(path.read_text(encoding="utf-8"))))
        assert not errors, f"{path.name}: " + "; ".join(e.message for e in errors[:5])


def test_template_is_valid_in_the_editor(validator):
    assert not list(validator.iter_errors(_editor_view(merge(""))))


def test_schema_rejects_a_typo_key(validator):
    data = _editor_view(merge('characters:\n  sam: {name: sam_skates, avatr: "S"}\n'))
    errors = list(validator.iter_errors(data))
    assert any("avatr" in e.message for e in errors)


def test_schema_rejects_bad_enum_and_bad_id(validator):
    assert list(validator.iter_errors(_editor_view(merge("platform: {name: X, kind: instagram}\n"))))
    assert list(validator.iter_errors(_editor_view(merge("characters:\n  Sam: {name: Sam}\n"))))


def test_schema_accepts_plain_no_and_times(validator):
    """`text: No` is false and `time: 8:30` is 510 in YAML 1.1; the game keeps the text, so the
    schema must not underline them."""
    snippet = merge("""beats:
  hello:
    messages:
      - from: sam
        text: No
        time: 8:30
    choices:
      - {text: Yes, goto: bye, safety: safe, feedback: {en: On, fr: Oui}}
      - {text: {en: No, fr: Non}, goto: bye, safety: safe, feedback: Off}
  bye:
    ending: {outcome: safe, title: 'Yes', text: 42}
""")
    data = _editor_view(snippet)
    assert data["beats"]["hello"]["messages"][0]["text"] is False  # what the editor sees
    assert data["beats"]["hello"]["messages"][0]["time"] == 510
    assert not [e.message for e in validator.iter_errors(data)]


@pytest.mark.parametrize("name", ["taxonomy", "resources"])
def test_support_file_schemas_accept_the_shipped_files(validator, name):
    jsonschema = pytest.importorskip("jsonschema")
    v = jsonschema.Draft7Validator(json.loads(schema.render(name)))
    assert not list(v.iter_errors(_editor_view((SCENARIOS / f"{name}.yaml").read_text(encoding="utf-8"))))
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"][f"./game/scenarios/schema/{name}.schema.json"] == [f"game/scenarios/{name}.yaml"]
    assert f"!game/scenarios/{name}.yaml" in settings["yaml.schemas"]["./game/scenarios/schema/scenario.schema.json"]


def test_transcript_schema_accepts_shipped_transcripts(validator):
    jsonschema = pytest.importorskip("jsonschema")
    v = jsonschema.Draft7Validator(json.loads(schema.render("transcript")))
    files = sorted((SCENARIOS / "transcripts").glob("*.yaml"))
    assert files
    for f in files:
        assert not list(v.iter_errors(_editor_view(f.read_text(encoding="utf-8")))), f.name
    assert list(v.iter_errors({"scenario": "x", "steps": [{"sya": {}}]}))


# --- the ids a story names: listed from the support files -------------------------------------

def _id_nodes(s):
    flag, debrief = s["definitions"]["Flag"]["properties"], s["definitions"]["Debrief"]["properties"]
    return flag["category"], flag["also"]["items"], debrief["resources"]["items"]


def test_schema_lists_the_taxonomy_and_resource_ids():
    from game.engine.taxonomy import load_resources, load_taxonomy

    taxonomy, _ = load_taxonomy(SCENARIOS / "taxonomy.yaml")
    resources, _ = load_resources(SCENARIOS / "resources.yaml")
    assert taxonomy is not None and resources is not None
    category, also, resource = _id_nodes(json.loads(schema.render()))
    for node, ids in ((category, taxonomy.categories), (also, taxonomy.categories),
                      (resource, resources.resources)):
        assert node["enum"] == list(ids)
        assert len(node["enumDescriptions"]) == len(node["markdownEnumDescriptions"]) == len(ids)
        assert "pattern" not in node and all(e in ids for e in node.get("examples", []))
    assert category["enumDescriptions"][0].startswith("Flattery / Flatterie: ")
    assert "**Kids Help Phone** (CA)" in resource["markdownEnumDescriptions"][0]
    assert "enum" not in _id_nodes(schema.build_schema())[0]  # the models alone don't know the files


def test_every_id_field_is_listed():
    """A field that names an id from taxonomy.yaml or resources.yaml is in ID_FIELDS, so the
    editor completes it (a new one: add it there)."""
    listed = {(d, p) for fields in schema.ID_FIELDS.values() for d, p, _ in fields}
    defs = schema.build_schema()["definitions"]
    for name, definition in defs.items():
        for prop, node in definition.get("properties", {}).items():
            text = json.dumps(node)
            if "scenarios/taxonomy.yaml" in text or "scenarios/resources.yaml" in text:
                assert (name, prop) in listed, f"{name}.{prop}: add it to schema.ID_FIELDS"


@pytest.mark.parametrize("old, new", [("category: personal-info", "category: personal-infos"),
                                      ("[kids-help-phone, cybertip]", "[kids-help-phone, cybertip-ca]")])
def test_schema_rejects_an_unknown_id(validator, old, new):
    text = merge("")
    assert old in text
    assert list(validator.iter_errors(_editor_view(text.replace(old, new))))


def test_a_folder_with_its_own_taxonomy_gets_its_ids(cli, tmp_path):
    taxonomy = (SCENARIOS / "taxonomy.yaml").read_text(encoding="utf-8")
    (tmp_path / "taxonomy.yaml").write_text(
        taxonomy + "  catfishing:\n    name: Catfishing\n    student: Pretending.\n    kind: both\n"
                   "    model: Trust.\n    advice: Check.\n    source: Test\n", encoding="utf-8")
    assert cli("schema", "--folder", tmp_path)[0] == 0
    assert cli("schema", "--folder", tmp_path, "--check")[0] == 0
    written = json.loads(schema.schema_path(tmp_path).read_text(encoding="utf-8"))
    category, _also, resource = _id_nodes(written)
    assert category["enum"][-1] == "catfishing" and "Catfishing / Catfishing: Pretending." in (
        category["enumDescriptions"])
    # no resources.yaml: the validator checks no resource ids, so the schema lists none
    assert "enum" not in resource and resource["pattern"]
    shipped = json.loads(schema.render())
    assert "catfishing" not in _id_nodes(shipped)[0]["enum"]
    # a taxonomy that doesn't load: any id goes, as in the validator
    (tmp_path / "taxonomy.yaml").write_text("format: 1\ncategories: {}\n", encoding="utf-8")
    assert "enum" not in _id_nodes(json.loads(schema.render("scenario", tmp_path)))[0]
