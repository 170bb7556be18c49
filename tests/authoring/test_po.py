"""`po export | import`: a story's text as a PO file for translators, written back in place."""

from __future__ import annotations

import gettext
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.authoring.pofile import po_string, read_entries
from game.catalogue import CONTEXT, read_po, write_mo
from game.engine.loader import load_file
from game.engine.localtext import french_typography
from game.engine.model import Scenario
from game.engine.taxonomy import load_resources, load_taxonomy
from game.engine.validate import check_file, scenario_paths

from .conftest import ROOT, SCENARIOS

STORIES = scenario_paths(SCENARIOS)
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"


def _texts(path: Path) -> dict[str, tuple[str, str | None]]:
    """place -> (English, French as loaded) of every text of a story file."""
    from game.authoring.po import place

    sc, _src, diags = load_file(Scenario, path)
    assert sc is not None, diags
    return {place(p): (t.en, t.fr) for p, t in sc.texts()}


def _checked(path: Path) -> None:
    checked = check_file(path, load_taxonomy(SCENARIOS / "taxonomy.yaml")[0],
                         load_resources(SCENARIOS / "resources.yaml")[0])
    assert checked.ok, checked.diagnostics


def _entry(po: str, context: str, msgstr: str, msgid: str | None = None, fuzzy: bool = False) -> str:
    """`po` with the entry of `context` given a new msgstr (and msgid, and a fuzzy flag)."""
    blocks = po.split("\n\n")
    for i, block in enumerate(blocks):
        if f"msgctxt {po_string(context)}\n" in block:
            head = block[:block.index("msgctxt")]
            english = msgid if msgid is not None else read_entries(block)[0].msgid
            blocks[i] = (head + ("#, fuzzy\n" if fuzzy else "") + f"msgctxt {po_string(context)}\n"
                         f"msgid {po_string(english or '')}\nmsgstr {po_string(msgstr)}")
            return "\n\n".join(blocks)
    raise AssertionError(f"no entry {context}")


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.stem)
def test_round_trip_leaves_every_shipped_story_byte_identical(cli, tmp_path, story):
    po, out = tmp_path / "story.po", tmp_path / story.name
    status, said = cli("po", "export", story, "--out", po)
    assert status == 0, said
    status, said = cli("po", "import", story, po, "--out", out)
    assert status == 0, said
    assert "0 translations written" in said and "already in the story" in said
    assert out.read_bytes() == story.read_bytes()
    if shutil.which("msgcat"):  # a PO editor re-wraps long lines: still the same story
        subprocess.run(["msgcat", str(po), "-o", str(po)], check=True, timeout=60)
        assert cli("po", "import", story, po, "--out", out)[0] == 0
        assert out.read_bytes() == story.read_bytes()


def test_changed_translations_land_exactly_there(cli, tmp_path):
    story = SCENARIOS / "game-teammate.yaml"
    po, out = tmp_path / "t.po", tmp_path / "game-teammate.yaml"
    assert cli("po", "export", "game-teammate", "--out", po)[0] == 0
    text = po.read_text(encoding="utf-8")
    new = {
        "title": 'Le coéquipier: "Kai"',  # needs quotes and escapes
        "summary": "Un joueur t’envoie des gemmes !",  # an en:/fr: block
        "beats.match.messages[3].text": "t’es le meilleur\net de loin",  # a line break
        "beats.match.choices[1].feedback": "Bien vu ; mais prudence.",
        "characters.kai.name": "Kai_Tempête",  # English only until now
    }
    for context, value in new.items():
        text = _entry(text, context, value)
    text = _entry(text, "goals[0]", "Flou", fuzzy=True)
    text = _entry(text, "goals[1]", "Périmé", msgid="Say no to something else.")
    text += '\nmsgctxt "beats.gone.label"\nmsgid "Gone"\nmsgstr "Parti"\n'
    po.write_text(text, encoding="utf-8")

    status, said = cli("po", "import", "game-teammate", po, "--out", out)
    assert status == 0, said
    assert "5 translations written" in said and "1 fuzzy entry skipped" in said
    assert "2 out-of-date entries skipped" in said and "goals[1]" in said and "beats.gone.label" in said
    before, after = _texts(story), _texts(out)
    assert before.keys() == after.keys()
    for where, (english, french) in after.items():
        assert english == before[where][0]
        expected = french_typography(new[where]) if where in new else before[where][1]
        assert french == expected, where
    _checked(out)
    old_lines, new_lines = story.read_text("utf-8").splitlines(), out.read_text("utf-8").splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert len(changed) == len(new)  # one line each: every other byte is the same
    assert 'title: {en: The Teammate, fr: "Le coéquipier: \\"Kai\\""}' in new_lines
    assert "    name: {en: Kai_Storm, fr: Kai_Tempête}" in new_lines
    assert "  fr: Un joueur t’envoie des gemmes !" in new_lines


ENGLISH_ONLY = {  # minimal.yaml's texts rewritten in each form a writer may use for English only
    "title: {en: Minimal, fr: Minimal}": "title: Minimal",
    "summary: {en: A tiny story for tests., fr: Une petite histoire pour les tests.}":
        'summary: {en: "A tiny story, for tests."}',
    "content_note: {en: A test., fr: Un test.}": "content_note:\n  en: A test.   # a comment stays",
    "  - {en: Test the engine., fr: Tester le moteur.}": "  - Test the engine, twice.",
    "text: {en: hey, fr: salut}": "text: 'hey'",
    "why: {en: Flattery builds trust., fr: La flatterie crée la confiance.}":
        "why: {en: 'Flattery builds trust.'}",
    "    - {en: What did you notice?, fr: Qu’as-tu remarqué?}": "    - en: What did you notice?",
}
FRENCH = {
    "title": "Minimal : l’histoire",
    "summary": "Une « petite » histoire, pour les tests.",
    "content_note": "Un test.",
    "goals[0]": "on",  # YAML would read a plain `on` as true
    "beats.start.messages[1].text": "salut",
    "beats.start.messages[2].flag.why": "L'adulte flatte.",
    "debrief.questions[0]": "Qu’as-tu remarqué ?",
}


def _english_only(folder: Path, newline: str = "\n") -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in ENGLISH_ONLY.items():
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "minimal.yaml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_english_only_texts_gain_french(cli, tmp_path, newline):
    story = _english_only(tmp_path, newline)
    english = _texts(story)
    assert all(english[k][1] is None for k in FRENCH)
    po = tmp_path / "minimal.po"
    assert cli("po", "export", story, "--out", po)[0] == 0
    text = po.read_text(encoding="utf-8")
    for context, value in FRENCH.items():
        assert f"msgctxt {po_string(context)}\nmsgid {po_string(english[context][0])}\nmsgstr \"\"" in text
        text = _entry(text, context, value)
    po.write_text(text, encoding="utf-8")
    status, said = cli("po", "import", story, po)
    assert status == 0, said
    assert f"{len(FRENCH)} translations written" in said and "1 untranslated entry skipped" in said
    after = _texts(story)
    for where, (en, fr) in after.items():
        assert en == english[where][0]
        assert fr == (french_typography(FRENCH[where]) if where in FRENCH else english[where][1])
    _checked(story)
    raw = story.read_bytes()
    assert raw.count(b"\n") == raw.count(newline.encode())  # the file's own line endings
    lines = raw.decode("utf-8").split(newline)
    assert 'title: {en: Minimal, fr: "Minimal : l’histoire"}' in lines
    assert "  en: A test.   # a comment stays" in lines and "  fr: Un test." in lines
    assert '  - {en: "Test the engine, twice.", fr: "on"}' in lines
    assert "        text: {en: 'hey', fr: 'salut'}" in lines
    assert "          why: {en: 'Flattery builds trust.', fr: 'L''adulte flatte.'}" in lines
    assert "    - en: What did you notice?" in lines and "      fr: Qu’as-tu remarqué ?" in lines
    assert cli("po", "import", story, po)[0] == 0  # once more: nothing left to change
    assert story.read_bytes() == raw


def test_po_file_is_a_valid_catalogue(cli, tmp_path):
    po = tmp_path / "t.po"
    assert cli("po", "export", "game-teammate", "--out", po, "--lang", "fr")[0] == 0
    text = po.read_text(encoding="utf-8")
    messages = read_po(text)
    sc, _src, _diags = load_file(Scenario, SCENARIOS / "game-teammate.yaml")
    assert sc is not None
    assert len(messages) - 1 == len(sc.texts())  # one entry per text, and the header
    assert "Language: fr_CA" in messages[""] and "X-Red-Flags-Story: game-teammate" in messages[""]
    catalogue = gettext.GNUTranslations(io.BytesIO(write_mo(messages)))
    assert catalogue.pgettext("title", "The Teammate") == "Le coéquipier"
    translated = {k: v for k, v in messages.items() if k and v}
    assert len(translated) > 100
    for key, value in translated.items():
        context, _sep, msgid = key.partition(CONTEXT)
        assert catalogue.pgettext(context, msgid) == value
    if shutil.which("msgfmt"):
        done = subprocess.run(["msgfmt", "-c", "-o", str(tmp_path / "t.mo"), str(po)],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0 and not done.stderr, done.stderr


def test_translators_see_who_speaks_and_why(cli, tmp_path):
    po = tmp_path / "t.po"
    assert cli("po", "export", "game-teammate", "--out", po)[0] == 0
    text = po.read_text(encoding="utf-8")
    assert re.search(r'#: \S*game-teammate\.yaml:4\nmsgctxt "title"\nmsgid "The Teammate"\n', text)
    flagged = text.split('msgctxt "beats.match.messages[3].text"')[0].rsplit("\n\n", 1)[1]
    assert "#. speaker: Kai_Storm\n#. red flag (flattery): Big praise" in flagged
    assert '#. a reply the player can pick (risky)\n#: ' in text
    assert '#. an ending (safe)' in text and "#. speaker: the player" not in text.split("msgctxt")[0]
    assert "#, python-brace-format\n" in text  # {tipline}: PO editors check placeholders are kept


def test_block_scalars_are_refused_with_their_line(cli, tmp_path):
    story = tmp_path / "minimal.yaml"
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "content_note: {en: A test., fr: Un test.}", "content_note:\n  en: A test.\n  fr: >\n    Un test.")
    story.write_text(text, encoding="utf-8")
    po = tmp_path / "m.po"
    assert cli("po", "export", story, "--out", po)[0] == 0
    po.write_text(_entry(po.read_text(encoding="utf-8"), "content_note", "Un essai."), encoding="utf-8")
    status, said = cli("po", "import", story, po)
    assert status == 1 and f"{story}:10:" in said and "block" in said
    assert story.read_text(encoding="utf-8") == text


def test_wrong_files_are_refused(cli, tmp_path):
    po = tmp_path / "t.po"
    po.write_text('msgid "a"\nmsgstr "b"\nnonsense\n', encoding="utf-8")
    status, said = cli("po", "import", "game-teammate", po, "--out", tmp_path / "x.yaml")
    assert status == 1 and f"{po}:3:" in said
    status, said = cli("po", "export", "no-such-story")
    assert status == 1 and "no-such-story" in said
    other = tmp_path / "other.po"
    assert cli("po", "export", MINIMAL, "--out", other)[0] == 0
    status, said = cli("po", "import", "game-teammate", other, "--out", tmp_path / "x.yaml")
    assert status == 1 and "'minimal'" in said and not (tmp_path / "x.yaml").exists()
