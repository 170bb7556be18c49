"""French everywhere: every UI string in game/ has a French translation in the checked-in .po,
the compiled .mo matches it, placeholders and French typography are right, and every shipped
scenario has French (the validator's --strict mode). Needs no Babel: stdlib ast and gettext."""

from __future__ import annotations

import argparse
import gettext
import io
import re
import shutil
from pathlib import Path

import pytest

from game import i18n
from game.engine.model import NNBSP

ROOT = Path(__file__).resolve().parents[2]
FIELD = re.compile(r"\{([^{}]*)\}")


@pytest.fixture(scope="module")
def catalogue():
    return i18n.read_po(i18n.po_path("fr").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def strings():
    found, bad = i18n.extract()
    assert not bad, f"_() with something that is not a string literal cannot be translated: {bad}"
    return found


def test_every_ui_string_has_french(strings, catalogue):
    assert len(strings) > 200  # the extractor really found the game's strings
    missing = [f"{where[0]}: {msgid!r}" for msgid, where in strings.items() if not catalogue.get(msgid)]
    assert not missing, ("UI strings without French (add them to game/locale/fr/LC_MESSAGES/"
                         "redflags.po, see docs/translating.md):\n" + "\n".join(missing))


def test_extractor_finds_literals_and_flags_variables(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text('from x import _\nA = _("Hello")\nB = _(name)\nC = _("Hi {n}").format(n=1)\n')
    found, bad = i18n.extract(pkg)
    assert set(found) == {"Hello", "Hi {n}"} and bad == ["pkg/a.py:3"]


def test_mo_is_compiled_from_the_po(catalogue):
    """The checked-in .mo says exactly what the .po says (run `pybabel compile` or
    `python -m game.i18n compile` after editing the .po)."""
    mo = i18n.po_path("fr").with_suffix(".mo")
    shipped = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    fresh = gettext.GNUTranslations(io.BytesIO(i18n.write_mo(catalogue)))
    assert shipped._catalog == fresh._catalog  # noqa: SLF001 - the parsed message table
    assert shipped.gettext("Settings") == "Paramètres"


def test_pot_template_lists_every_string(strings):
    pot = i18n.read_po((i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot").read_text(encoding="utf-8"))
    assert set(strings) <= set(pot), sorted(set(strings) - set(pot))[:10]


def test_translations_keep_placeholders_and_french_typography(catalogue):
    problems = []
    for msgid, msgstr in catalogue.items():
        if not msgid or not msgstr:
            continue
        if sorted(FIELD.findall(msgid)) != sorted(FIELD.findall(msgstr)):
            problems.append(f"placeholders differ: {msgid!r} -> {msgstr!r}")
        if re.search(r"\w[?!;:](\s|$)|\w [?!:;]", msgstr):  # glued, or an ordinary space
            problems.append(f"no narrow no-break space before ? ! : ; in {msgstr!r}")
    assert not problems, "\n".join(problems[:20])
    assert NNBSP + ":" in catalogue["Ending: {o}"]


def test_switching_language_switches_ui_strings():
    try:
        assert i18n.set_language("fr") == "fr"
        assert i18n._("Spot it") == "Repère-le" and i18n._("Challenge") == "Défi"
        assert i18n._("Which tactic is this?").endswith(NNBSP + "?")
        assert i18n.set_language("de") == "en" and i18n._("Spot it") == "Spot it"
    finally:
        i18n.set_language("en")


def test_walk_terminal_player_speaks_french(library):
    from game.terminal import Walker

    out: list[str] = []
    answers = iter(["?", "q"])
    sc = library.playable()["game-teammate"]
    try:
        Walker(sc, library, lang="fr", read=lambda _p: next(answers), write=out.append).play()
    finally:
        i18n.set_language("en")
    text = "\n".join(out)
    assert "Avertissement" in text and "Commandes" in text and "Ta réponse" in text
    assert "Your reply" not in text and "Commands" not in text


def _lint(paths, capsys) -> tuple[int, str]:
    from game.authoring import lint

    code = lint.run(argparse.Namespace(paths=paths, strict=True, format="text"))
    return code, capsys.readouterr().out


def test_every_shipped_scenario_has_french(capsys):
    code, out = _lint([], capsys)
    assert code == 0, out
    assert out.strip().splitlines()[-1].startswith("OK")


def test_strict_validation_catches_missing_french(tmp_path, capsys):
    for name in ("taxonomy.yaml", "resources.yaml", "game-teammate.yaml"):
        shutil.copy(ROOT / "game" / "scenarios" / name, tmp_path / name)
    story = tmp_path / "game-teammate.yaml"
    text = story.read_text(encoding="utf-8")
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if line.strip().startswith("fr:"))
    del lines[i]  # one French text gone
    story.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = _lint([story], capsys)
    assert code == 1 and "French" in out, out
