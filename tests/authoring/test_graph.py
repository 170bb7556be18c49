"""`graph`: the story map as Mermaid, DOT, and SVG when Graphviz is installed."""

import shutil
from pathlib import Path

import pytest

from game.authoring.graph import build_map, to_dot, to_mermaid
from game.engine.loader import parse_yaml, validate_model
from game.engine.model import Scenario

from .conftest import merge


@pytest.fixture(scope="module")
def teammate(library):
    return library.playable()["game-teammate"]


def test_map_model(teammate):
    m = build_map(teammate)
    assert set(m.nodes) == set(teammate.beats) and m.start == "match"
    n_choices = sum(len(b.choices or ()) for b in teammate.beats.values())
    assert sum(e.kind != "next" for e in m.edges) == n_choices
    assert {m.nodes[b].outcome for b in ("agreed", "told-adult", "reported")} == {"risky", "safe"}
    assert m.nodes["gems"].flags == 3 and "fake-profile, gifts, secrecy" in m.nodes["gems"].lines[1]


def test_mermaid(teammate):
    text = to_mermaid(build_map(teammate))
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    # words, not colour alone, on every reply
    assert '-->|"✔ safe: like 2 years lol. u were good too"|' in text
    assert '==>|"✖ unsafe: sure, my user is the same as here"|' in text
    assert "⚠ risky:" in text and '-.->|"then"|' in text
    assert sum(line.strip().startswith("linkStyle") for line in lines) == len(build_map(teammate).edges)
    assert "linkStyle" in text and "#c62828" in text and "#2e7d32" in text
    assert ':::risky' in text and ':::safe' in text and "class b2 flagged" in text
    assert "END (safe): You told a safe adult" in text


def test_dot(teammate):
    text = to_dot(build_map(teammate))
    assert text.startswith('digraph "The Teammate" {') and text.rstrip().endswith("}")
    assert '"match" -> "gems" [label="✔ safe: like 2 years lol. u were good too", color="#2e7d32"' in text
    assert '"next-day" -> "gems" [label="then"' in text and "style=dashed" in text
    assert 'fillcolor="#ffe0b2"' in text  # the risky ending
    assert text.count("->") == len(build_map(teammate).edges) + 1  # + the start arrow


def test_quotes_are_escaped():
    m = build_map(_model(merge('title: {en: "Say \\"hi\\"", fr: "x"}\n')))
    assert 'digraph "Say \\"hi\\""' in to_dot(m)
    assert "#quot;" in to_mermaid(m)


def _model(text: str) -> Scenario:
    loaded = parse_yaml(text, "x.yaml")
    sc = validate_model(Scenario, loaded)
    assert sc is not None, loaded.diagnostics
    return sc


def test_broken_and_unreached_beats_are_drawn(cli, tmp_path):
    bad = merge("""beats:
  hello:
    messages: [{from: sam, text: hi}]
    choices:
      - {text: a, goto: bye, safety: safe, feedback: ok}
      - {text: b, goto: by, safety: risky, feedback: ok, if: told}
  bye:
    ending: {outcome: harmful, title: Bye, text: The end.}
  lost:
    ending: {outcome: safe, title: Lost, text: Never seen.}
""")
    m = build_map(_model(bad))
    assert m.nodes["by"].kind == "missing" and not m.nodes["lost"].reachable
    text = to_mermaid(m)
    assert "MISSING beat 'by'" in text and "(never reached)" in text and "[if told]" in text
    path = tmp_path / "bad.yaml"
    path.write_text(bad)
    status, out = cli("graph", path, "--format", "dot")
    assert status == 0 and "MISSING" in out  # the map is drawn even though validate fails


def test_command_writes_files_and_reports_bad_input(cli, tmp_path):
    out = tmp_path / "map.mmd"
    assert cli("graph", "game-teammate", "--out", out)[0] == 0
    assert out.read_text().startswith("flowchart TD")
    status, text = cli("graph", "no-such-scenario")
    assert status == 1 and "no-such-scenario" in text
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [\n")
    status, text = cli("graph", broken)
    assert status == 1 and "RF003" in text


def test_image_without_graphviz_says_what_to_do(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    status, text = cli("graph", "game-teammate", "--format", "png", "--out", tmp_path / "m.png")
    assert status == 2 and "apt-get install graphviz" in text and "mermaid" in text
    assert not (tmp_path / "m.png").exists()


def test_image_needs_out(cli):
    status, text = cli("graph", "game-teammate", "--format", "svg")
    assert status == 2 and "--out" in text


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed "
                    "(apt-get install graphviz); the SVG/PNG path can't be run")
def test_svg_with_graphviz(cli, tmp_path):
    out = tmp_path / "map.svg"
    status, text = cli("graph", "game-teammate", "--format", "svg", "--out", out)
    assert status == 0, text
    svg = out.read_text()
    assert "<svg" in svg and "You told a safe adult" in svg and "#2e7d32" in svg


def test_ending_variants_and_counter_conditions_are_drawn():
    """A writer sees every way a story can end: an ending's variants, each with its condition
    (a counter's range written out), its outcome and its title."""
    from game.engine.loader import load_file

    sc, _where, problems = load_file(Scenario, Path(__file__).resolve().parents[1] / "data" / "writer-tools.yaml")
    assert sc is not None, problems
    m = build_map(sc)
    ending = next(n for n in m.nodes.values() if n.kind == "ending")
    assert "↳ if told_mom: safe, You told your mom" in ending.lines
    assert "↳ if warnings ≥ 3: risky, same title" in ending.lines
    labels = [e.label for e in m.edges]
    assert any("[if warnings ≤ 2]" in label for label in labels), labels
