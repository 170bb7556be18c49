"""The facilitator guide and the class report: PDFs are produced and say what they should.
Text is read back with pdftotext and pages rendered with pdftoppm (poppler-utils) when they
are installed; those checks skip with a reason otherwise."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from game.classroom.guide import build_guide
from game.classroom.pdfdoc import FontError, find_fonts
from game.classroom.report import write_class_report
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.cli import main
from game.i18n import format_date

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


@pytest.mark.slow  # the guides fixture builds two whole guides (about 6 s)
def test_guide_is_a_pdf(guides):
    for path in guides.values():
        assert path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 20_000


@needs_pdftotext
@pytest.mark.slow  # shares the guides fixture above
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
@pytest.mark.slow  # a whole guide, about 4 s
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
    french = " ".join(_text(fr).split())
    assert "Rapport de classe" in french
    today = date.today()  # the session's day, written the French way ("4 mars 2025"), not 2025-03-04
    assert " ".join(format_date(today, "fr").split()) in french and today.isoformat() not in french
    assert "1 groupes" not in french and "3 groupes" in french


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
@pytest.mark.slow  # a whole guide per region, about 3 s each
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


# --- emoji ----------------------------------------------------------------------------------------


def _emoji_report(library, scenario, lang: str):
    """A class report whose red flags are a message of emoji only and one with emoji in words."""
    from game.classroom.classdebrief import ClassDebrief, FlagRow, GroupRow
    from game.classroom.report import build_report
    from game.engine.model import LocalText

    flags = (FlagRow(scenario.id, "a/0", "flattery", LocalText(en="😂😂", fr="😂😂"), None, 2, 1, 0),
             FlagRow(scenario.id, "a/1", "secrecy", LocalText(en="gg 🔥 keep it between us 🤫",
                                                               fr="gg 🔥 garde ça entre nous 🤫"), None, 2, 2, 0))
    group = GroupRow("g1", "Otters 🦦", (), 10, 20, 1, 1, 0, 0, None, None)
    model = ClassDebrief((group,), flags, (), (), (scenario.id,), ())
    return build_report(model, library.playable(), library.taxonomy, lang)


@needs_pdftotext
@pytest.mark.parametrize("lang, empty", [("en", "“”"), ("fr", "«\u202f\u202f»")])
def test_emoji_in_messages_are_drawn_not_dropped(tmp_path, library, scenario, lang, empty):
    """A message of emoji used to be quoted as “” (the font has no emoji): now the emoji are
    drawn from the game's atlas, and read back as themselves."""
    out = tmp_path / f"emoji-{lang}.pdf"
    doc = _emoji_report(library, scenario, lang)
    doc.output(str(out))
    assert doc.emoji_fonts, "the emoji font was not used"
    text = _text(out)
    flat = "".join(text.split())
    assert empty.replace("\u202f", "") not in flat and "“”" not in flat
    assert "😂😂" in flat and "🔥" in text and "🤫" in text and "🦦" in text


@needs_pdftotext
@pytest.mark.slow  # the guides fixture builds two whole guides (about 6 s)
def test_the_guide_shows_the_emoji_of_its_red_flags(guides, library):
    text = _text(guides["en"])
    shown = [m.text.en for sc in library.playable().values() for beat in sc.beats.values()
             for m in beat.messages if m.flag is not None]
    with_emoji = [t for t in shown if any(ord(c) >= 0x1F300 for c in t)]
    assert with_emoji, "no flagged message with an emoji: pick another check"
    for message in with_emoji:
        emoji = next(c for c in message if ord(c) >= 0x1F300)
        assert emoji in text, message
    assert "“”" not in "".join(text.split())


def test_characters_no_font_has_are_named_not_dropped(monkeypatch):
    from game.classroom import pdfdoc

    doc = pdfdoc.Doc("T", "en")
    assert doc.clean("ok 😂") == "ok 😂"
    assert doc.clean("fam 👨\u200d👩\u200d👧 go 🇨🇦 ❤️") == "fam 👨 go [CA] ❤"  # as the chat screen shows them
    assert doc.clean("a \U00010000 b") == "a (linear b syllable b008 a) b"
    # without the atlas's font (no Pillow, a damaged atlas) an emoji is written as its name
    monkeypatch.setattr(pdfdoc, "emoji_font", lambda part: None)
    bare = pdfdoc.Doc("T", "en")
    assert bare.clean(bare.quote("😂")) == "“(face with tears of joy)”"
    assert not bare.emoji_fonts


def test_a_tiles_words_are_made_smaller_to_stay_in_their_box():
    """A key-figure box's note in French ("avant · après (6 groupes ont répondu aux deux)") ran
    past its box: a text wider than its room is set smaller until it fits; a short one keeps its
    size."""
    from game.classroom.pdfdoc import Doc

    doc = Doc("Rapport", "fr")
    long = "avant · après (6 groupes ont répondu aux deux)"
    size = doc.fit_font(long, "", 8, 50)
    assert size < 8 and doc.get_string_width(long) <= 50.01
    assert doc.fit_font("7 groupes", "", 8, 50) == 8 and doc.get_string_width("7 groupes") < 50
