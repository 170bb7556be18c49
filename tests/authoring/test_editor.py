"""The editor, for real: the YAML language server (what VS Code's YAML extension runs) reads a
scenario through its modeline and the shipped schema, completes the taxonomy's ids and underlines
an id that isn't there.

The server is the npm package `yaml-language-server`; .ci/run installs the pinned version into
.ci/node_modules when node and npm are there. Without them these tests skip and say why.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.authoring import schema
from game.engine.taxonomy import load_resources, load_taxonomy
from game.engine.validate import scenario_paths

from .conftest import ROOT, SCENARIOS
from .lsp_client import LspClient

SERVER_VERSION = "1.25.0"  # the version .ci/run installs: keep the two the same
LOCAL_SERVER = ROOT / ".ci" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
# what .vscode/settings.json sets, as the server asks for it (by section); no schema store: offline
SETTINGS = {
    "yaml": {"yamlVersion": "1.1", "validate": True, "hover": True, "completion": True,
             "format": {"enable": False}, "schemaStore": {"enable": False}},
    "http": {}, "[yaml]": {}, "editor": {},
}
STORY = SCENARIOS / "game-teammate.yaml"
PROBE = SCENARIOS / "editor-probe.yaml"  # opened in the editor only, never written


def _server_command() -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: can't run the YAML language server to test the editor "
                    "(install Node.js 20+, then: npm install --prefix .ci "
                    f"yaml-language-server@{SERVER_VERSION})")
    if LOCAL_SERVER.exists():
        return [node, str(LOCAL_SERVER), "--stdio"]
    found = shutil.which("yaml-language-server")
    if found is None:
        pytest.skip("yaml-language-server is not installed: run npm install --prefix .ci "
                    f"yaml-language-server@{SERVER_VERSION} (.ci/run does when npm is there)")
    return [found, "--stdio"]


@pytest.fixture(scope="module")
def editor():
    with LspClient(_server_command(), SETTINGS, cwd=ROOT) as client:
        client.initialize(ROOT)
        yield client


_opened = 0


def _open(editor: LspClient, text: str, path: Path = PROBE) -> str:
    """Open `text` as a new document at `path` (a new URI each time): its URI."""
    global _opened
    _opened += 1
    return editor.open(path.with_name(f"{path.stem}-{_opened}{path.suffix}"), text)


def _diagnostics(editor: LspClient, text: str, path: Path = PROBE) -> list[dict]:
    uri = _open(editor, text, path)
    return editor.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)["diagnostics"]


def _edited(old: str, new: str) -> str:
    text = STORY.read_text(encoding="utf-8")
    assert old in text, f"{STORY.name} no longer has {old!r}: pick another line for this test"
    return text.replace(old, new, 1)


def _position(text: str, marker: str) -> dict:
    """The LSP position just after the first `marker` in `text`."""
    at = text.index(marker) + len(marker)
    line = text.count("\n", 0, at)
    return {"line": line, "character": at - (text.rfind("\n", 0, at) + 1)}


def _documentation(item: dict) -> str:
    doc = item.get("documentation") or ""
    return doc["value"] if isinstance(doc, dict) else doc


def test_completion_offers_the_taxonomy_ids(editor):
    text = _edited("category: flattery", "category: ")
    uri = _open(editor, text)
    found = editor.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                       "position": _position(text, "category: ")})
    items = {i["label"]: i for i in (found["items"] if isinstance(found, dict) else found)}
    taxonomy, _ = load_taxonomy(SCENARIOS / "taxonomy.yaml")
    assert taxonomy is not None
    assert set(taxonomy.categories) <= set(items), set(taxonomy.categories) - set(items)
    assert "Flattery" in _documentation(items["flattery"])  # the name, shown beside the id


def test_hover_names_the_category(editor):
    text = STORY.read_text(encoding="utf-8")
    uri = _open(editor, text)
    position = _position(text, "category: fl")
    hover = editor.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    contents = hover["contents"]
    shown = contents["value"] if isinstance(contents, dict) else str(contents)
    assert "Flattery" in shown and "compliments" in shown, shown


@pytest.mark.parametrize("old, new, wrong", [
    ("category: flattery", "category: flatery", "flatery"),
    ("[kids-help-phone, cybertip,", "[kids-help-phone, cybertip-ca,", "cybertip-ca"),
])
def test_an_unknown_id_is_underlined(editor, old, new, wrong):
    text = _edited(old, new)
    found = _diagnostics(editor, text)
    where = _position(text, new)["line"]
    hits = [d for d in found if d["range"]["start"]["line"] == where]
    assert hits, f"no diagnostic on line {where + 1} for {wrong!r}: {found}"
    assert hits[0]["severity"] == 1  # an error, as the validator says (RF021, RF034)
    line = text.splitlines()[where]
    assert line[hits[0]["range"]["start"]["character"]:hits[0]["range"]["end"]["character"]] == wrong


def test_shipped_scenarios_open_without_a_squiggle(editor):
    paths = scenario_paths(SCENARIOS)
    assert paths
    uris = {_open(editor, path.read_text(encoding="utf-8")): path for path in paths}  # all at once
    for uri, path in uris.items():
        found = editor.wait_for("textDocument/publishDiagnostics", lambda p, u=uri: p["uri"] == u)
        assert not found["diagnostics"], f"{path.name}: " + "; ".join(
            f"line {d['range']['start']['line'] + 1}: {d['message'][:120]}" for d in found["diagnostics"])


def test_a_folder_with_its_own_taxonomy_gets_its_own_ids(editor, tmp_path):
    """A story folder with its own taxonomy.yaml (the validator uses it) gets a schema listing
    its ids from `python -m game schema --folder`: its new category is completed and accepted."""
    folder = tmp_path / "stories"
    folder.mkdir()
    taxonomy = (SCENARIOS / "taxonomy.yaml").read_text(encoding="utf-8")
    extra = ("  catfishing:\n    name: {en: Catfishing, fr: Hameçonnage}\n"
             "    student: Someone pretends to be someone else.\n    kind: both\n"
             "    model: Deceptive trust.\n    advice: Check who it is.\n    source: Test\n")
    (folder / "taxonomy.yaml").write_text(taxonomy + extra, encoding="utf-8")
    (folder / "resources.yaml").write_text((SCENARIOS / "resources.yaml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    assert load_taxonomy(folder / "taxonomy.yaml")[0] is not None
    assert load_resources(folder / "resources.yaml")[0] is not None
    for name in schema.SCHEMAS:
        target = schema.schema_path(folder, name)
        target.parent.mkdir(exist_ok=True)
        target.write_text(schema.render(name, folder), encoding="utf-8")

    text = _edited("category: flattery", "category: catfishing")
    assert not _diagnostics(editor, text, folder / "story.yaml")
    wrong = re.sub("category: catfishing", "category: catfish", text)
    assert _diagnostics(editor, wrong, folder / "story.yaml")
    assert _diagnostics(editor, text)  # the shipped schema doesn't know it
