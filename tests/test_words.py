"""One home for words: the classroom documents' wording, the guide's sections and the session's
roles live in the gettext catalogues (no French in the Python), every catalogue entry has French,
a document can be printed in another language than the screen's, and the printed report names a
reply's safety and an ending's outcome as the screen does."""

from __future__ import annotations

import ast
import gettext
import io
import re
from pathlib import Path

import pytest

from game import catalogue, i18n
from game.classroom import guide_text, session, words
from game.engine.options import Outcome, Safety, label

ROOT = Path(__file__).resolve().parents[1]
ACCENTED = re.compile(r"[À-ÖØ-öø-ÿŒœ«»\u202f]")  # French letters and marks; the English uses none


@pytest.fixture(scope="module")
def french():
    return catalogue.read_po(catalogue.po_path("fr").read_text(encoding="utf-8"))


def _literals(path: Path) -> list[str]:
    """Every string literal of a module except its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


@pytest.mark.parametrize("module", ["game/classroom/words.py", "game/classroom/guide_text.py",
                                    "game/classroom/guide.py", "game/engine/options.py"])
def test_wording_modules_hold_no_french(module, french):
    translations = {v for k, v in french.items() if k and v != k.rpartition(catalogue.CONTEXT)[2]}
    allowed = {"Français"}  # a language's own name, in every language (options.LANGUAGE_NAMES)
    allowed |= set(guide_text.SOURCES)  # citations, as published (an author may be Pérez)
    found = [text for text in _literals(ROOT / module)
             if text not in allowed and (text in translations or ACCENTED.search(text))]
    assert not found, f"French in {module}: move it to the catalogue (docs/translating.md): {found[:5]}"


def test_the_sessions_wording_is_in_the_catalogue():
    """The roles card, the generic pause and the name warnings (session.py keeps French words
    only to recognise team names, never to show them)."""
    shown = [m for pair in session.ROLE_TEXT.values() for m in pair]
    shown += [session.GENERIC_PROMPT, *session.NAME_WARNINGS.values()]
    assert all(isinstance(m, i18n.Msg) and m.get("fr") != m.get("en") for m in shown)


def test_every_catalogue_entry_has_french(french):
    template = catalogue.read_po((i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot").read_text(encoding="utf-8"))
    missing = [k for k in template if k and not all(french.get(k, "").split(catalogue.PLURAL))]
    assert not missing, missing[:10]
    assert set(template) - {""} == set(french) - {""}  # the .po has nothing the code no longer says


def test_a_document_prints_in_its_own_language_whatever_the_screen_shows():
    try:
        i18n.set_language("fr")
        assert i18n._("Class report") == "Rapport de classe"
        assert words.tr("report.title", "en") == "Class report"
        assert i18n.gettext_in("en", "Class report") == "Class report"
        assert words.trn("report.groups_n", 1, "en") == "1 group"
        i18n.set_language("en")
        assert words.tr("report.title", "fr") == "Rapport de classe"
        assert i18n.translator("fr").gettext("Class report") == "Rapport de classe"
        assert i18n.ngettext_in("fr", "{n} group", "{n} groups", 0) == "{n} groupe"
        assert i18n._("Class report") == "Class report"  # asking in French left the screen alone
        assert i18n.gettext_in("de", "Class report") == "Class report"  # no such catalogue: English
    finally:
        i18n.set_language("en")


def test_report_and_screen_use_one_wording_for_safety_and_outcome():
    i18n.set_language("fr")
    try:
        screen = {s: i18n._(s.value) for s in Safety} | {f"o.{o}": i18n._(o.value) for o in Outcome}
    finally:
        i18n.set_language("en")
    assert [words.tr(f"safety.{s}", "fr") for s in Safety] == [screen[s] for s in Safety] == \
        ["sûre", "risquée", "dangereuse"]
    assert [words.tr(f"outcome.{o}", "fr") for o in Outcome] == ["sûre", "risquée", "dommageable"]
    assert [label(Outcome, o, "fr") for o in Outcome] == [screen[f"o.{o}"] for o in Outcome]
    assert words.tr("outcome.harmful", "en") == "harmful" and words.tr("region.UK", "fr") == "Royaume-Uni"


def test_the_same_english_can_need_other_french_in_a_context(french, tmp_path):
    """msgctxt: the printed report speaks to the teacher ("vous"), the screen to players ("tu");
    the check has one name in both ("Quiz de connaissances")."""
    assert french["Knowledge check"] == "Quiz de connaissances"
    assert words.tr("report.knowledge", "fr") == "Quiz de connaissances"
    assert "vous importez" in words.tr("report.empty", "fr")
    po = catalogue.PO_HEADER + "\n" + catalogue._entries(  # noqa: SLF001 - the writer itself
        {"doc\x04Hello": ["a.py:1"], "Hello": ["a.py:2"]}, {"doc\x04Hello": "Bonjour", "Hello": "Salut"})
    assert 'msgctxt "doc"\nmsgid "Hello"\nmsgstr "Bonjour"' in po
    read = catalogue.read_po(po)
    assert read == {"": read[""], "doc\x04Hello": "Bonjour", "Hello": "Salut"}
    mo = gettext.GNUTranslations(io.BytesIO(catalogue.write_mo(read)))
    assert (mo.pgettext("doc", "Hello"), mo.gettext("Hello")) == ("Bonjour", "Salut")


def test_extractor_reads_the_markers_and_the_lookups_in_any_language(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text('A = N_("One")\nB = NC_("doc", "Two")\nC = NN_("{n} cat", "{n} cats")\n'
                              'D = gettext_in(lang, "Three")\nE = ngettext_in(lang, "{n} dog", "{n} dogs", n)\n'
                              'F = pgettext("doc", "Four")\nG = N_(name)\nH = gettext_in(lang, text)\n')
    found, bad = catalogue.extract(pkg)
    assert set(found) == {"One", "doc\x04Two", "{n} cat\0{n} cats", "Three", "{n} dog\0{n} dogs", "doc\x04Four"}
    assert bad == ["pkg/a.py:7", "pkg/a.py:8"]


def test_marked_wording_reads_as_a_pair_of_languages():
    """Tables of Msg (the guide's sections, the roles card) answer like a scenario's LocalText."""
    title, text = next(pair for pair in guide_text.RUNNING if pair[0].msgid == "A forgotten PIN")
    assert (title[0], title[1]) == ("A forgotten PIN", "Un NIP oublié")
    assert all("python -m game results reset-pin" in t for t in text)
    assert session.ROLE_TEXT["keyboard"][0].get("fr") == "Clavier"
    assert session.GENERIC_PROMPT.get("fr").startswith("Discutez-en\u202f:")
    assert [en for en, _fr in words._WORDS.values()][:2] == ["Red Flags", "Page {n} of {total}"]  # noqa: SLF001


def test_the_guide_speaks_its_region_in_its_language():
    items = guide_text.disclosure_items("UK")
    assert items[len(guide_text.DISCLOSURE_FIRST)][0].get("fr").startswith("Avisez votre responsable")
    assert guide_text.disclosure_items("XX")[len(guide_text.DISCLOSURE_FIRST)] == guide_text.DUTY_TO_REPORT["CA"]
