"""The loader on malformed input of every kind: always a located diagnostic, never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.loader import MAX_BYTES, parse_yaml
from game.engine.validate import check_source

DATA = Path(__file__).resolve().parents[1] / "data"
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def support(library):
    return library.taxonomy, library.resources


def check(text, support, name="test.yaml"):
    return check_source(text, name, *support)


def codes(checked):
    return [d.code for d in checked.diagnostics]


def test_minimal_is_valid(support):
    result = check(MINIMAL, support)
    assert result.ok, [str(d) for d in result.diagnostics]


def test_yaml11_surprises_keep_what_the_writer_typed(support):
    text = MINIMAL.replace("text: {en: No, fr: Non}", "text: No").replace(
        "fr: Minimal}", "fr: yes}")
    sc = check(text, support).scenario
    assert sc is not None
    assert sc.beats["start"].choices[0].text.en == "No"
    assert sc.title.fr == "yes"
    assert sc.beats["middle"].messages[1].time == "8:30"


@pytest.mark.parametrize("raw, code, where, needle", [
    (b"", "RF007", 1, "empty"),
    (b"\xff\xfe", "RF001", 1, "UTF-16"),
    (b"format: 1\nid: caf\xe9\n", "RF001", 2, "not valid UTF-8"),
    (b"format: 1\x00\x01\x02binary", "RF001", 1, "binary"),
    (b"- a\n- b\n", "RF007", 1, "mapping"),
    (b"format: 1\n---\nformat: 1\n", "RF003", 2, "single document"),
    (b"format: 1\nid: x\n\tbad: tab\n", "RF003", 3, "tab"),
    (b"format: 1\nbeats:\n  a:\n\tmessages: []\n", "RF003", 4, "spaces, not tabs"),
    (b"format: 1\ntitle: {en: Hey: you}\n", "RF003", 2, "inside { }"),
    (b"format: 1\nid: `x`\n", "RF003", 2, "'`'"),
    (b"format: 1\ntitle: Hey: you\n", "RF003", 2, "quotes"),
    (b"format: 1\ntitle: @jay\n", "RF003", 2, "quotes"),
    (b"format: 1\ntitle: \"unclosed\n", "RF003", 3, "quote"),
])
def test_malformed_files_get_one_clear_located_error(raw, code, where, needle, support):
    result = check(raw, support)
    assert result.scenario is None
    first = result.diagnostics[0]
    assert first.code == code
    assert first.line == where
    assert needle.lower() in (first.message + " " + first.hint).lower(), str(first)


def test_duplicate_keys_are_reported_not_silently_dropped(support):
    text = MINIMAL.replace("minutes: 8\n", "minutes: 8\nminutes: 9\n")
    result = check(text, support)
    dup = [d for d in result.diagnostics if d.code == "RF004"]
    assert len(dup) == 1 and "minutes" in dup[0].message
    assert dup[0].line == MINIMAL.splitlines().index("minutes: 8") + 2


def test_alias_bomb_is_rejected_quickly(support):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    result = check("\n".join(lines), support)
    assert "RF005" in codes(result)
    assert len(result.diagnostics) < 20  # reported once per alias use at most, not expanded


def test_anchors_merge_keys_and_custom_tags_are_rejected(support):
    assert "RF005" in codes(check(b"a: &x {b: 1}\nc:\n  <<: *x\n", support))
    assert "RF005" in codes(check(b"a: !!python/object:os.system ls\n", support))
    assert "RF005" in codes(check(b"a: !custom thing\n", support))
    assert "RF005" in codes(check(b"a: !!binary aGVsbG8=\n", support))


def test_oversized_input_is_refused_before_parsing(support):
    result = check(b"a: " + b"x" * (MAX_BYTES + 1), support)
    assert codes(result) == ["RF002"]


def test_deep_nesting_is_an_error_not_a_crash():
    """Whatever layer stops it (our guard, or the depth limit libyaml has bundled since PyYAML
    6.0.3), the writer sees one RF006 with our message, its place and a hint. Run in a subprocess
    so a crash in the C parser shows as a failure, not a dead test run."""
    code = ("import json\n"
            "from game.engine.loader import parse_yaml\n"
            "cases = []\n"
            "for depth in (50, 1_500, 100_000):\n"
            "    for opener, closer in (('[', ']'), ('{a: ', '}')):\n"
            "        cases.append((opener * depth + closer * depth).encode())\n"
            "cases.append(('a:\\n' + ''.join('  ' * i + '- \\n' for i in range(1, 200))).encode())\n"
            "for raw in cases:\n"
            "    out = parse_yaml(raw, 'deep.yaml')\n"
            "    print(json.dumps([[d.code, d.line, d.message, d.hint] for d in out.diagnostics]))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == 0, run.stderr
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(reports) == 7
    for diags in reports:
        assert len(diags) == 1, diags
        code, line, message, hint = diags[0]
        assert code == "RF006"
        assert message == "lists and mappings are nested more than 40 deep"
        assert "indentation" in hint
        assert line >= 1


def test_every_problem_in_a_file_is_reported_in_one_run(support):
    text = (MINIMAL.replace("minutes: 8", "minutes: ten")
            .replace("safety: unsafe", "safety: unsfe")
            .replace("goto: good-end\n        safety: safe\n        feedback: {en: Right.",
                     "goto: god-end\n        safety: safe\n        feedback: {en: Right.")
            .replace("        goto: middle\n        safety: safe", "        goto: middle\n"
                     "        safety: safe\n        colour: red"))
    result = check(text, support)
    got = codes(result)
    assert {"RF015", "RF014", "RF010"} <= set(got), got
    by_code = {d.code: d for d in result.diagnostics}
    assert "did you mean 'unsafe'" in by_code["RF014"].hint
    assert "ten" in by_code["RF015"].message and "number" in by_code["RF015"].message
    # the wrong beat name is found in the same run, not only once the rest is fixed
    assert "did you mean 'good-end'" in by_code["RF012"].hint
    fixed = text.replace("minutes: ten", "minutes: 8").replace("unsfe", "unsafe").replace(
        "\n        colour: red", "")
    unknown = [d for d in check(fixed, support).diagnostics if d.code == "RF012"]
    assert unknown and "did you mean 'good-end'" in unknown[0].hint


@pytest.mark.parametrize("edit, code, needle", [
    (("title: {en: Minimal, fr: Minimal}", "tittle: {en: Minimal, fr: Minimal}"), "RF010",
     "did you mean 'title'"),
    (("summary: {en: A tiny story for tests., fr: Une petite histoire pour les tests.}\n", ""),
     "RF011", "summary"),
    (("title: {en: Minimal, fr: Minimal}", "title: [Minimal]"), "RF013", "quotes"),
    (("title: {en: Minimal, fr: Minimal}", "title:"), "RF013", "quotes"),
    (("id: minimal", "id: Minimal Story"), "RF016", "lowercase"),
    (("format: 1", "format: 3"), "RF008", "format 3"),
    (("grades: [7]", "grades: [seven]"), "RF015", "seven"),
    (("if: said_no\n", "if: said_no and\n"), "RF017", "condition"),
    (("kind: text_messages", "kind: sms"), "RF014", "text_messages"),
])
def test_wrong_values_say_what_and_how_to_fix(edit, code, needle, support):
    result = check(MINIMAL.replace(*edit), support)
    match = [d for d in result.diagnostics if d.code == code]
    assert match, [str(d) for d in result.diagnostics]
    d = match[0]
    assert d.line > 0 and d.col > 0
    assert needle.lower() in (d.message + d.hint).lower(), str(d)


def test_diagnostic_prints_file_line_col_code_and_hint(support):
    result = check(MINIMAL.replace("title: {en: Minimal", "tittle: {en: Minimal"), support)
    d = next(d for d in result.diagnostics if d.code == "RF010")
    text = str(d)
    assert text.startswith(f"test.yaml:{d.line}:{d.col}: error RF010: unknown key 'tittle'")
    assert "hint: did you mean 'title'?" in text


def test_plain_scalars_stay_text_everywhere():
    out = parse_yaml(b"a: yes\nb: 010\nc: 1_000\nd: 2001-01-01\ne: .inf\nf: ~\ng: 'no'\n", "x")
    assert out.data == {"a": "yes", "b": "010", "c": "1_000", "d": "2001-01-01", "e": ".inf",
                        "f": None, "g": "no"}


def test_unused_anchor_is_rejected_but_ampersands_in_text_are_fine(support):
    result = check(MINIMAL.replace("grades: [7]", "grades: &g [7]"), support)
    (d,) = [d for d in result.diagnostics if d.code == "RF005"]
    assert d.line == MINIMAL.splitlines().index("grades: [7]") + 1 and "&g" in d.message
    fine = MINIMAL.replace('text: {en: hey, fr: salut}', 'text: {en: "Tom & Jerry?", fr: "Tom & Jerry?"}')
    assert check(fine, support).ok


def test_a_bad_item_is_not_also_reported_as_an_empty_list(support):
    text = MINIMAL.replace("  - {en: Test the engine., fr: Tester le moteur.}",
                           "  - {en: Test the engine., fx: Tester le moteur.}")
    # named as its id: the file name check (RF036) now runs on a file with a shape mistake too
    assert codes(check(text, support, name="minimal.yaml")) == ["RF010"]
    assert codes(check(MINIMAL.replace("  - {en: Test the engine., fr: Tester le moteur.}", "")
                       .replace("goals:\n", "goals: []\n"), support, name="minimal.yaml")) == ["RF011"]


def test_every_missing_key_is_reported_not_just_the_first(support):
    text = MINIMAL.replace("summary: {en: A tiny story for tests., fr: Une petite histoire pour les tests.}\n", "")
    text = text.replace("grades: [7]\n", "")
    missing = [d for d in check(text, support).diagnostics if d.code == "RF011"]
    assert sorted(d.message for d in missing) == ["missing 'grades'", "missing 'summary'"]
    assert all(d.line > 0 and d.hint for d in missing)


# --- messages that used to mislead -------------------------------------------------------------

@pytest.mark.parametrize("raw, line, col, key", [
    ("format: 1\ntitle: x\nsummary A tiny story\ngrades: [7]\n", 3, 8, "summary"),
    ("format: 1\ntitle: x\nsummary A tiny story\n", 3, 8, "summary"),
    ("format: 1\nplatform:\n  name X\n\n  # the app\n  kind: game_chat\n", 3, 7, "name"),
    ("format: 1\nplatform:\n  name: X\n  kind game_chat\n\nid: x\n", 4, 7, "kind"),
    ("format: 1\nbeats:\n  a:\n    messages\n      - from: sam\n        text: hi\n", 4, 13, "messages"),
    ("format: 1\nbeats:\n  a:\n    messages:\n      - from sam\n        text: hi\n", 5, 13, "from"),
])
def test_a_missing_colon_is_reported_on_its_own_line(raw, line, col, key, support):
    (d,) = check(raw, support).diagnostics
    assert (d.code, d.line, d.col) == ("RF003", line, col), str(d)
    assert f"'{key}' needs a ':'" in d.message and f"'{key}:" in d.hint


def test_text_holding_a_colon_still_gets_the_quotes_hint(support):
    (d,) = check("format: 1\ntext:\n  hello there\n  how are you: fine\n", support).diagnostics
    assert d.line == 4 and "must be in quotes" in d.hint


def test_a_list_where_a_mapping_belongs_says_so(support):
    text = MINIMAL.replace("platform: {name: TestChat, kind: text_messages}",
                           "platform:\n  - name: TestChat\n  - kind: text_messages")
    (d,) = check(text, support, name="minimal.yaml").diagnostics
    assert d.code == "RF013" and d.line == text.splitlines().index("  - name: TestChat") + 1
    assert "should be a mapping (key: value lines), not a list (- items)" in d.message
    assert "remove the '- '" in d.hint and "indent" not in d.message


def test_curly_quotes_around_a_value_are_a_warning_and_read_as_quotes(support):
    text = MINIMAL.replace('text: {en: "send a pic", fr: "envoie une photo"}',
                           'text: {en: “send a pic”, fr: "envoie une photo"}').replace(
        "goto: risky-end", "goto: “risky-end”")
    result = check(text, support, name="minimal.yaml")
    assert [(d.code, d.severity) for d in result.diagnostics] == [("RF009", "warning")] * 2
    assert all("curly quotes from a word processor" in d.message and 'straight quotes "' in d.hint
               for d in result.diagnostics)
    sc = result.scenario  # fine but for the warning: --strict fails (tests/engine/test_cli.py)
    assert sc.beats["ask"].messages[0].text.en == "send a pic"
    assert sc.beats["ask"].choices[2].goto == "risky-end"


@pytest.mark.parametrize("value", ["'“Hi,” she said'", '"“Hi”"', "“Hi” she said, “bye”", "‘cause I said so",
                                   "« Salut »"])
def test_curly_quotes_inside_a_text_are_left_alone(value, support):
    text = MINIMAL.replace('text: {en: "send a pic", fr: "envoie une photo"}',
                           f'text:\n          en: {value}\n          fr: {value}')
    result = check(text, support, name="minimal.yaml")
    assert result.ok and not result.diagnostics, [str(d) for d in result.diagnostics]


def test_curly_quotes_in_a_yaml_syntax_error_are_named(support):
    (d,) = check("format: 1\nsummary: “Kai says: meet me at the mall”\n", support).diagnostics
    assert d.code == "RF003" and d.line == 2
    assert d.hint == "these are curly quotes from a word processor; use straight quotes \" or remove them"
    text = MINIMAL.replace("title: {en: Minimal, fr: Minimal}", "title: {en: “Hi, you”, fr: Salut}")
    (d,) = check(text, support, name="minimal.yaml").diagnostics
    assert d.code == "RF010" and "curly quotes" in d.hint


@pytest.mark.parametrize("raw, line, col", [
    ("format: 1\ntitle: 'it's fine'\nid: x\n", 2, 11),
    ("format: 1\ntitle: {en: 'it's fine', fr: 'ok'}\n", 2, 16),
    ("format: 1\ngoals:\n  - 'it's'\n  - b\n", 3, 8),
    ("format: 1\ngoals: ['it's', b]\n", 2, 12),
])
def test_an_apostrophe_inside_single_quotes_is_explained(raw, line, col, support):
    (d,) = check(raw, support).diagnostics
    assert (d.code, d.line, d.col) == ("RF003", line, col), str(d)
    assert "apostrophe in \"it's\"" in d.message and "comma" not in d.hint
    assert "('it''s')" in d.hint and "(\"it's\")" in d.hint


def test_a_display_name_in_from_suggests_the_id(support):
    text = MINIMAL.replace("sam: {name: Sam, avatar: S}", "sam: {name: Sam Storm, avatar: S}").replace(
        "- from: sam\n        text: {en: hey", "- from: Sam Storm\n        text: {en: hey")
    (d,) = check(text, support, name="minimal.yaml").diagnostics
    assert d.code == "RF016" and "from: sam" in d.hint and "'Sam Storm' is the name" in d.hint
    text = MINIMAL.replace("- from: sam\n        text: {en: hey", "- from: Sam\n        text: {en: hey")
    (d,) = check(text, support, name="minimal.yaml").diagnostics
    assert "from: sam" in d.hint
