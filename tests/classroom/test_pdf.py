"""The facilitator guide and the class report: PDFs are produced and say what they should.
Text is read back with pdftotext and pages rendered with pdftoppm (poppler-utils) when they
are installed; those checks skip with a reason otherwise."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from game.classroom.guide import build_guide
from game.classroom.pdfdoc import FontError, find_fonts
from game.classroom.report import write_class_report
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.cli import main

from .helpers import play_group

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def guides(tmp_path_factory, library):
    out = tmp_path_factory.mktemp("guide")
    paths = {}
    for lang in ("en", "fr"):
        paths[lang] = out / f"guide-{lang}.pdf"
        build_guide(library, lang, "CA").output(str(paths[lang]))
    return paths


def test_guide_is_a_pdf(guides):
    for path in guides.values():
        assert path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 20_000


@needs_pdftotext
def test_guide_content(guides, library):
    text = " ".join(_text(guides["en"]).split())
    for sc in library.playable().values():
        assert sc.title.en in text
        for goal in sc.goals[:1]:
            assert goal.en.split()[0] in text
    for must in ("Responding to a student's disclosure", "Stay calm.",
                 "Don’t promise secrecy.", "duty-to-report", "Kids Help Phone", "1-800-668-6868",
                 "Cybertip.ca", "Discussion questions", "Teacher notes", "Keyboard", "O'Connell"):
        assert must in text, must
    fr = " ".join(_text(guides["fr"]).split())
    for must in ("Guide d’animation", "Réagir au dévoilement d’un élève", "Jeunesse, J’écoute",
                 "Questions de discussion", "«", "œ"):
        assert must in fr, must


@needs_pdftotext
def test_guide_command(tmp_path, capsys):
    out = tmp_path / "g.pdf"
    assert main(["guide", "--out", str(out), "--lang", "fr", "--region", "US"]) == 0
    text = _text(out)
    assert "NCMEC" in text and "Kids Help Phone" not in text


def test_report_empty_and_full(store, tmp_path, library, check, two_scenarios):
    empty = tmp_path / "empty.pdf"
    write_class_report(store, library, check, empty)
    assert empty.read_bytes().startswith(b"%PDF")
    session = ClassSession.start(store, ClassSettings(class_label="7B"), two_scenarios, check)
    for i, name in enumerate(["Blue Foxes", "Ravens", "Night Owls"]):
        play_group(session, name, i)
    out = tmp_path / "report.pdf"
    model = write_class_report(store, library, check, out)
    assert len(model.groups) == 3
    fr = tmp_path / "rapport.pdf"
    write_class_report(store, library, check, fr, lang="fr")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = " ".join(_text(out).split())
    assert "No results yet" in _text(empty)
    for must in ("Class report · 7B", "Red flags caught, by tactic", "Blue Foxes", "Night Owls",
                 "How the class chose", "Debrief by group", "Knowledge check"):
        assert must in text, must
    assert "Rapport de classe" in _text(fr)


def test_report_pages_render(tmp_path, store, library, check, two_scenarios):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    session = ClassSession.start(store, ClassSettings(), two_scenarios, check)
    play_group(session, "Owls", 1)
    out = tmp_path / "report.pdf"
    write_class_report(store, library, check, out)
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_missing_fonts_are_a_clear_error(tmp_path):
    with pytest.raises(FontError, match="DejaVuSans.ttf"):
        find_fonts(tmp_path)
    assert find_fonts()[0].is_file()


@needs_pdftotext
@pytest.mark.parametrize("region, own, others", [
    ("CA", "Report it yourself, today.", ("Report as your state requires", "Tell your designated safeguarding lead")),
    ("US", "Report as your state requires, today.", ("Report it yourself, today.", "Tell your designated safeguarding lead")),
    ("UK", "Tell your designated safeguarding lead, today.", ("Report it yourself, today.", "Report as your state requires")),
])
def test_the_disclosure_page_is_right_for_the_region(tmp_path, library, region, own, others):
    out = tmp_path / f"guide-{region}.pdf"
    build_guide(library, "en", region).output(str(out))
    text = " ".join(_text(out).split())
    assert own in text
    assert not any(o in text for o in others)
    assert "self-harm" in text.lower(), "what to do when a student hints at self-harm"
    assert ("999" if region == "UK" else "911") in text
