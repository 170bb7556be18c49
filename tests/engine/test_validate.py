"""Story checks: each problem a writer can make in a well-formed file, located and explained."""

from pathlib import Path

import pytest

from game.engine.validate import check_source, load_library

MINIMAL = (Path(__file__).resolve().parents[1] / "data" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def support(library):
    return library.taxonomy, library.resources


def diags(text, support, code, name="minimal.yaml"):
    result = check_source(text, name, *support)
    found = [d for d in result.diagnostics if d.code == code]
    assert found, f"expected {code}, got " + "\n".join(map(str, result.diagnostics))
    return result, found


def line_of(text, needle, nth=0):
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth]


def test_unknown_beat_points_at_the_goto_and_suggests(support):
    text = MINIMAL.replace("goto: risky-end", "goto: risky-ending")
    result, (d,) = diags(text, support, "RF012")
    assert result.scenario is None
    assert d.line == line_of(text, "goto: risky-ending")
    assert "did you mean 'risky-end'" in d.hint


def test_unknown_character_and_category_and_resource(support):
    text = (MINIMAL.replace("- from: sam\n        text: {en: hey", "- from: sammy\n        text: {en: hey")
            .replace("category: flattery", "category: flatery")
            .replace("also: [romance]", "also: [romanse]")
            .replace("resources: [kids-help-phone]", "resources: [kids-help]"))
    result = check_source(text, "minimal.yaml", *support)
    by = {d.code: d for d in result.diagnostics}
    assert "did you mean 'sam'" in by["RF020"].hint
    assert "did you mean 'flattery'" in [d for d in result.diagnostics if d.code == "RF021"][0].hint
    assert len([d for d in result.diagnostics if d.code == "RF021"]) == 2
    assert "did you mean 'kids-help-phone'" in by["RF034"].hint


def test_unreachable_beat_is_a_warning(support):
    text = MINIMAL.replace("debrief:", "  lonely:\n    ending: {outcome: safe, title: {en: x, fr: x}, "
                           "text: {en: x, fr: x}}\ndebrief:", 1)
    result, (d,) = diags(text, support, "RF022")
    assert d.severity == "warning" and result.ok
    assert d.line == line_of(text, "  lonely:")


def test_dead_end_and_two_ways_out(support):
    text = MINIMAL.replace("    next:\n      - {if: said_no, goto: good-end}\n      - goto: ask\n", "")
    diags(text, support, "RF023")
    text = MINIMAL.replace("  good-end:\n    ending:", "  good-end:\n    next: ask\n    ending:")
    diags(text, support, "RF027")


def test_no_reachable_ending_and_endless_loop(support):
    loop = MINIMAL.replace("goto: good-end", "goto: start").replace("goto: risky-end", "goto: start")
    loop = loop.replace("      - {if: said_no, goto: start}\n", "      - {if: said_no, goto: ask}\n")
    diags(loop, support, "RF024")
    looping_branch = MINIMAL.replace("        goto: risky-end", "        goto: spin").replace(
        "debrief:", "  spin:\n    choices:\n" + "".join(
            f"      - {{text: {{en: a{i}, fr: a{i}}}, goto: spin, safety: safe, "
            f"feedback: {{en: f, fr: f}}}}\n" for i in range(2)) + "debrief:", 1)
    result, found = diags(looping_branch, support, "RF025")
    assert "spin" in found[0].message


def test_loop_of_next_alone_is_an_error(support):
    text = MINIMAL.replace("      - goto: ask\n", "      - goto: bounce\n").replace(
        "debrief:", "  bounce:\n    next: middle\n" + "debrief:", 1)
    _, found = diags(text, support, "RF025")
    assert "middle -> bounce -> middle" in found[0].message or "bounce -> middle -> bounce" in found[0].message


def test_condition_on_a_variable_no_choice_sets(support):
    text = MINIMAL.replace("if: said_no\n", "if: sad_no\n")
    _, (d,) = diags(text, support, "RF026")
    assert "did you mean 'said_no'" in d.hint
    assert d.line == line_of(text, "if: sad_no")


def test_choice_counts_and_all_conditional(support):
    text = MINIMAL.replace("""      - text: {en: "ok", fr: "ok"}
        goto: middle
        safety: unsafe
        feedback: {en: Risky., fr: Risqué.}
""", "")
    diags(text, support, "RF028")
    text = MINIMAL.replace("      - goto: ask\n", "      - {if: said_no, goto: ask}\n")
    diags(text, support, "RF029")


def test_missing_french_is_a_warning_and_strict_material(support):
    text = MINIMAL.replace("title: {en: Minimal, fr: Minimal}", "title: Minimal")
    result, (d,) = diags(text, support, "RF030")
    assert d.severity == "warning" and result.ok
    assert d.line == line_of(text, "title: Minimal")


def test_content_rules_explicit_words_and_long_lines(support):
    text = MINIMAL.replace('text: {en: "send a pic"', 'text: {en: "send me a nude pic"')
    result, (d,) = diags(text, support, "RF031")
    assert result.scenario is None and "'nude'" in d.message
    french = MINIMAL.replace('fr: "envoie une photo"', 'fr: "envoie une photo où t’es nue"')
    diags(french, support, "RF031")
    fine = MINIMAL.replace('text: {en: "send a pic"', 'text: {en: "nudge me when u sext-ortion unsexy"')
    assert not [d for d in check_source(fine, "minimal.yaml", *support).diagnostics if d.code == "RF031"]
    long = MINIMAL.replace('text: {en: "send a pic"', 'text: {en: "' + "word " * 70 + '"')
    diags(long, support, "RF032")


def test_flag_with_note_and_flag_from_player(support):
    why = "why: {en: Flattery builds trust., fr: La flatterie crée la confiance.}\n"
    text = MINIMAL.replace(why, why + "        note: {en: a, fr: b}\n")
    diags(text, support, "RF033")
    text = MINIMAL.replace("- from: sam\n        text: {en: you're", "- from: you\n        text: {en: you're")
    diags(text, support, "RF037")


def test_id_must_match_file_name(support):
    _, (d,) = diags(MINIMAL, support, "RF036", name="other-name.yaml")
    assert "minimal.yaml" in d.hint


def test_library_reports_duplicate_ids(tmp_path, library):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    for support_file in ("taxonomy.yaml", "resources.yaml"):
        (tmp_path / support_file).write_bytes((library.folder / support_file).read_bytes())
    lib = load_library(tmp_path)
    assert [d.code for d in lib.all_diagnostics() if d.code == "RF035"] == ["RF035"]
    assert len(lib.playable()) == 1


def test_broken_taxonomy_is_reported_with_its_file(tmp_path, library):
    (tmp_path / "taxonomy.yaml").write_text("format: 1\ncategories:\n  x: {name: X}\n", encoding="utf-8")
    (tmp_path / "resources.yaml").write_bytes((library.folder / "resources.yaml").read_bytes())
    lib = load_library(tmp_path)
    assert lib.taxonomy is None
    assert any(d.file.endswith("taxonomy.yaml") and d.code == "RF011" for d in lib.diagnostics)


def test_asset_paths_cannot_leave_the_scenarios_folder(tmp_path, support):
    (tmp_path / "avatars").mkdir()
    (tmp_path / "avatars" / "sam.png").write_bytes(b"\x89PNG")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    scen = tmp_path / "scen"
    scen.mkdir()
    def avatar(value, folder=tmp_path):
        text = MINIMAL.replace("sam: {name: Sam, avatar: S}", f"sam: {{name: Sam, avatar: \"{value}\"}}")
        return check_source(text, str(folder / "minimal.yaml"), *support)
    assert avatar("avatars/sam.png").ok
    assert avatar("🎮").ok and avatar("JP").ok
    for escape in ("../secret.png", "/etc/passwd.png", "avatars/../../secret.png", "~/x.png",
                   "..\\\\secret.png"):
        result = avatar(escape, folder=scen)
        assert [d.code for d in result.diagnostics if d.code.startswith("RF03")] == ["RF038"], escape
    missing = avatar("avatars/nobody.png")
    assert [d.code for d in missing.diagnostics] == ["RF039"]


def test_character_names_can_be_translated_but_need_not_be(support):
    result = check_source(MINIMAL.replace("sam: {name: Sam, avatar: S}",
                                          "sam: {name: {en: Mom, fr: Maman}, avatar: M}"),
                          "minimal.yaml", *support)
    assert result.ok and not result.diagnostics
    assert result.scenario.characters["sam"].name.get("fr") == "Maman"
    plain = check_source(MINIMAL, "minimal.yaml", *support)
    assert not plain.diagnostics and plain.scenario.characters["sam"].name.get("fr") == "Sam"


def test_missing_french_hint_says_what_is_there(support):
    plain = MINIMAL.replace("title: {en: Minimal, fr: Minimal}", "title: Minimal")
    _, (d,) = diags(plain, support, "RF030")
    assert "'en:'" not in d.hint.split("write it as")[0] and "plain text, read as English" in d.hint
    assert "{en: ..., fr: ...}" in d.hint
    english_only = MINIMAL.replace("title: {en: Minimal, fr: Minimal}", "title: {en: Minimal}")
    _, (d,) = diags(english_only, support, "RF030")
    assert d.hint == "add 'fr:' beside 'en:'"


def test_a_display_name_that_looks_like_an_id_suggests_the_id(support):
    text = (MINIMAL.replace("sam: {name: Sam, avatar: S}", "sam: {name: Sam_Storm, avatar: S}")
            .replace("- from: sam\n        text: {en: hey", "- from: sam_storm\n        text: {en: hey"))
    _, (d,) = diags(text, support, "RF020")
    assert d.hint == "use the character's id: from: sam ('sam_storm' is the name the chat shows)"


def test_curly_quotes_pass_but_fail_strict(tmp_path, capsys):
    from game.cli import main

    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL.replace("title: {en: Minimal, fr: Minimal}", "title: {en: “Minimal”, fr: Minimal}"),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert main(["validate", "--strict", str(path)]) == 1
    assert capsys.readouterr().out.count("RF009: these are curly quotes") == 2
