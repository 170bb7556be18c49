"""Every problem in one pass: a shape mistake hides nothing else, and one mistake is one error.

The loader builds what it can around a broken part (game/engine/salvage.py), the story checks
run over the rest, and checks that would only repeat the broken part's error stay quiet.
"""

from pathlib import Path

import pytest

from game.authoring.hotreload import Watcher
from game.cli import main
from game.engine.paths import play
from game.engine.validate import check_file, check_source

MINIMAL = (Path(__file__).resolve().parents[1] / "data" / "minimal.yaml").read_text(encoding="utf-8")

# a typo'd key, an unknown category, a wrong beat target and an English-only summary
FOUR = (MINIMAL
        .replace("        feedback: {en: Good., fr: Bien.}", "        feedbak: {en: Good., fr: Bien.}")
        .replace("category: personal-info", "category: personal-infos")
        .replace("goto: risky-end", "goto: risky-ending")
        .replace("summary: {en: A tiny story for tests., fr: Une petite histoire pour les tests.}",
                 "summary: A tiny story for tests."))


@pytest.fixture(scope="module")
def support(library):
    return library.taxonomy, library.resources


def line_of(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def problems(text, support, name="minimal.yaml"):
    """(code, line) of every problem (advice of severity info aside), and the result."""
    result = check_source(text, name, *support)
    return [(d.code, d.line) for d in result.diagnostics if d.severity != "info"], result


def test_four_mistakes_are_all_reported_each_once_at_their_lines(support):
    found, result = problems(FOUR, support)
    assert sorted(found, key=lambda f: f[1]) == [
        ("RF030", line_of(FOUR, "summary: A tiny story")),
        ("RF010", line_of(FOUR, "feedbak:")),
        ("RF021", line_of(FOUR, "personal-infos")),
        ("RF012", line_of(FOUR, "goto: risky-ending")),
    ]
    by = {d.code: d for d in result.diagnostics}
    assert "did you mean 'feedback'" in by["RF010"].hint
    assert "did you mean 'personal-info'" in by["RF021"].hint
    assert "did you mean 'risky-end'" in by["RF012"].hint
    assert result.scenario is None and not result.ok  # a partial model is never played


def test_validate_prints_all_four(tmp_path, capsys):
    path = tmp_path / "minimal.yaml"
    path.write_text(FOUR, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    for code, needle in (("RF010", "feedbak:"), ("RF021", "personal-infos"),
                         ("RF012", "goto: risky-ending"), ("RF030", "summary:")):
        assert out.count(f" {code}: ") == 1, out
        assert f"{path}:{line_of(FOUR, needle)}:" in out
    assert "3 errors, 1 warning" in out


def test_hot_reload_reports_the_same_count(tmp_path, library):
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    sc = check_file(path, library.taxonomy, library.resources).scenario
    watcher = Watcher(path, play(sc, []), taxonomy=library.taxonomy, resources=library.resources)
    path.write_text(FOUR, encoding="utf-8")
    reload = watcher.reload()
    assert not reload.ok
    assert sorted(d.code for d in reload.errors) == ["RF010", "RF012", "RF021"]
    assert [d.code for d in reload.diagnostics if d.severity == "warning"] == ["RF030"]
    assert "3 errors" in reload.summary and len(watcher.errors) == 3


def test_a_bad_choice_does_not_hide_a_bad_category_three_beats_away(support):
    text = (MINIMAL.replace("safety: unsafe", "safety: unsfe")
            .replace("category: image-request", "category: image-requests"))
    found, _ = problems(text, support)
    assert found == [("RF014", line_of(text, "unsfe")), ("RF021", line_of(text, "image-requests"))]


@pytest.mark.parametrize("edit, expected", [
    # a beat whose id is not an id: the gotos to it don't also say "unknown beat"
    (("  ask:\n", "  Ask Me:\n"), ["RF016"]),
    # characters as a list: one error, not "unknown character" on every message
    (("characters:\n  sam: {name: Sam, avatar: S}", "characters:\n  - sam: {name: Sam, avatar: S}"),
     ["RF013"]),
    # a choice without its goto: not also unreachable beats or a wrong choice count
    (("        goto: risky-end\n", ""), ["RF011"]),
    # a beat that is a list: not also a dead end
    (("  good-end:\n    ending:", "  good-end:\n    - ending:"), ["RF013"]),
    # a broken `set:` doesn't make its variable "never set"
    (("set: {said_no: true}", "set: said_no"), ["RF013"]),
    # a typo'd top-level key: one error, not "unknown key" and "missing key"
    (("debrief:", "debrif:"), ["RF010"]),
    (("format: 1", "format: 3"), ["RF008"]),
])
def test_one_mistake_is_one_error(edit, expected, support):
    assert edit[0] in MINIMAL
    found, result = problems(MINIMAL.replace(*edit), support)
    assert [code for code, _ in found] == expected, [str(d) for d in result.diagnostics]
    assert result.scenario is None


def test_a_mistake_inside_a_typod_key_is_found_where_it_is_written(support):
    text = MINIMAL.replace("        feedback: {en: Good., fr: Bien.}", "        feedbak: {en: Good., fx: Bien.}")
    found, result = problems(text, support)
    line = line_of(text, "feedbak:")
    assert found == [("RF010", line), ("RF010", line)]
    assert [d.message for d in result.diagnostics if d.code == "RF010"] == [
        "unknown key 'feedbak' in beats.start.choices.0",
        "unknown key 'fx' in beats.start.choices.0.feedback"]


@pytest.mark.parametrize("raw", [
    "format: 1\nbeats: {a: [1, {b: c}], B: 3}\ncharacters: [x]\n",
    "format: 1\nid: x\ntitle: []\nsummary: {}\ngrades: x\ntopics: {a: b}\nminutes: []\n",
    "format: 1\nbeats:\n  a:\n    choices: [{}, [], x, {goto: [a]}]\n    next: {goto: a}\n",
    "format: 1\ndebrief: x\nplatform: []\nvariables: {a: [b]}\nstart: 'No Way'\n",
    MINIMAL.replace("messages:", "messages: 3\n    x:", 1),
])
def test_salvage_never_raises_and_never_plays(raw, support):
    result = check_source(raw, "x.yaml", *support)
    assert result.scenario is None and result.diagnostics
    assert all(d.line >= 1 for d in result.diagnostics if d.code != "RF036")
