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
    assert sum(i18n.PLURAL in m for m in strings) > 20  # and the ngettext ones
    missing = [f"{where[0]}: {msgid!r}" for msgid, where in strings.items()
               if not catalogue.get(msgid) or not all(catalogue[msgid].split(i18n.PLURAL))]
    assert not missing, ("UI strings without French (add them to game/locale/fr/LC_MESSAGES/"
                         "redflags.po, see docs/translating.md):\n" + "\n".join(missing))


def test_extractor_finds_literals_and_flags_variables(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text('from x import _\nA = _("Hello")\nB = _(name)\nC = _("Hi {n}").format(n=1)\n'
                              'D = ngettext("{n} cat", "{n} cats", n)\nE = ngettext(one, "{n} cats", n)\n'
                              'F = i18n.ngettext("{n} dog", "{n} dogs", 2)\nG = other.ngettext(a, b, n)\n')
    found, bad = i18n.extract(pkg)
    assert set(found) == {"Hello", "Hi {n}", "{n} cat\0{n} cats", "{n} dog\0{n} dogs"}
    assert bad == ["pkg/a.py:3", "pkg/a.py:6"]


def test_plural_entries_round_trip_through_po_and_mo(tmp_path):
    """A plural entry goes from the code to the .po (msgid_plural, msgstr[0], msgstr[1]), back
    through the reader, and into a .mo that gettext reads with the French rule."""
    messages = {"Hello": ["a.py:1"], "{n} cat\0{n} cats": ["a.py:2"], "{n} dog\0{n} dogs": ["a.py:3"]}
    po = i18n.PO_HEADER + "\n" + i18n._entries(messages, {"Hello": "Bonjour", "{n} cat\0{n} cats": "{n} chat\0{n} chats"})
    assert 'msgid_plural "{n} cats"\nmsgstr[0] "{n} chat"\nmsgstr[1] "{n} chats"' in po
    assert 'msgid_plural "{n} dogs"\nmsgstr[0] ""\nmsgstr[1] ""' in po  # untranslated: both forms empty
    read = i18n.read_po(po)
    assert read["{n} cat\0{n} cats"] == "{n} chat\0{n} chats" and read["Hello"] == "Bonjour"
    fr = gettext.GNUTranslations(io.BytesIO(i18n.write_mo(read)))
    assert [fr.ngettext("{n} cat", "{n} cats", n) for n in (0, 1, 2)] == ["{n} chat", "{n} chat", "{n} chats"]
    assert fr.ngettext("{n} dog", "{n} dogs", 1) == "{n} dog"  # left out of the .mo: English
    half = i18n.read_po(po.replace('msgstr[1] "{n} chats"', 'msgstr[1] ""'))
    assert gettext.GNUTranslations(io.BytesIO(i18n.write_mo(half))).ngettext(
        "{n} cat", "{n} cats", 5) == "{n} cats"  # a plural missing a form is not compiled (as msgfmt does)


def test_plural_rules_match_the_catalogue_header(catalogue):
    """The .po's Plural-Forms (what gettext uses) and i18n.plural_index (what the documents'
    LocalText pairs use) agree: French 0 and 1 singular, English only 1."""
    header = dict(line.split(": ", 1) for line in catalogue[""].splitlines() if ": " in line)
    assert header["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    rule = gettext.c2py(header["Plural-Forms"].split("plural=")[1].rstrip(";"))
    assert [rule(n) for n in range(200)] == [i18n.plural_index(n, "fr") for n in range(200)]
    assert [i18n.plural_index(n, "en") for n in (0, 1, 2)] == [1, 0, 1]


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
        sources = msgid.split(i18n.PLURAL)  # a plural: msgstr[0] against msgid, msgstr[1] against msgid_plural
        forms = msgstr.split(i18n.PLURAL)
        if len(sources) == 2 and len(forms) != i18n.NPLURALS:
            problems.append(f"{len(forms)} forms, not {i18n.NPLURALS}: {msgid!r}")
        for i, form in enumerate(forms):
            source = sources[min(i, len(sources) - 1)]
            if sorted(FIELD.findall(source)) != sorted(FIELD.findall(form)):
                problems.append(f"placeholders differ: {source!r} -> {form!r}")
            if re.search(r"\w[?!;:](\s|$)|\w [?!:;]", form):  # glued, or an ordinary space
                problems.append(f"no narrow no-break space before ? ! : ; in {form!r}")
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
    first = next(m for b in sc.beats.values() for m in b.messages if m.time)
    assert f"({i18n.format_time(first.time, 'fr')})" in text and "PM)" not in text  # 19 h 42, not 7:42 PM


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


# --- counts in sentences ---------------------------------------------------------------------------

# (singular msgid, plural msgid, values besides n, the n it counts, English for n = 0 1 2, French)
COUNTED = [
    ("{n} group", "{n} groups", {}, "n", ["0 groups", "1 group", "2 groups"], ["0 groupe", "1 groupe", "2 groupes"]),
    ("{n} new message", "{n} new messages", {}, "n", ["0 new messages", "1 new message", "2 new messages"],
     ["0 nouveau message", "1 nouveau message", "2 nouveaux messages"]),
    ("{n} message flagged", "{n} messages flagged", {}, "n",
     ["0 messages flagged", "1 message flagged", "2 messages flagged"],
     ["0 message signalé", "1 message signalé", "2 messages signalés"]),
    ("caught by {c} of {s} group", "caught by {c} of {s} groups", {"c": 0}, "s",
     ["caught by 0 of 0 groups", "caught by 0 of 1 group", "caught by 0 of 2 groups"],
     ["repéré par 0 sur 0 groupe", "repéré par 0 sur 1 groupe", "repéré par 0 sur 2 groupes"]),
    (", {f} false alarm", ", {f} false alarms", {}, "f", [", 0 false alarms", ", 1 false alarm", ", 2 false alarms"],
     [", 0 fausse alerte", ", 1 fausse alerte", ", 2 fausses alertes"]),
    ("{n} unsafe", "{n} unsafe", {}, "n", ["0 unsafe", "1 unsafe", "2 unsafe"],
     ["0 dangereuse", "1 dangereuse", "2 dangereuses"]),
    ("{n} story", "{n} stories", {}, "n", ["0 stories", "1 story", "2 stories"],
     ["0 histoire", "1 histoire", "2 histoires"]),
    ("Too many wrong tries. Try again in {n} second.", "Too many wrong tries. Try again in {n} seconds.", {}, "n",
     ["Too many wrong tries. Try again in 0 seconds.", "Too many wrong tries. Try again in 1 second.",
      "Too many wrong tries. Try again in 2 seconds."],
     ["Trop d’essais ratés. Réessaie dans 0 seconde.", "Trop d’essais ratés. Réessaie dans 1 seconde.",
      "Trop d’essais ratés. Réessaie dans 2 secondes."]),
]


@pytest.mark.parametrize("singular, plural, values, key, english, french", COUNTED,
                         ids=[c[1] for c in COUNTED])
def test_counted_sentences_take_the_right_form(strings, singular, plural, values, key, english, french):
    assert singular + i18n.PLURAL + plural in strings, "the game no longer says this: update the test"
    try:
        for lang, want in (("en", english), ("fr", french)):
            i18n.set_language(lang)
            got = [i18n.ngettext(singular, plural, n).format(**values, **{key: n}) for n in (0, 1, 2)]
            assert got == want, lang
    finally:
        i18n.set_language("en")


def test_counted_wording_outside_the_catalogue():
    """The documents' wording (LocalText pairs, with the language as a parameter) and the
    terminal's points follow the same rules: French 0 and 1 singular."""
    from game.classroom.pin_cmd import duration
    from game.classroom.words import other_version_note, replies_told, trn
    from game.terminal import points

    assert [trn("report.groups_n", n, "en") for n in (0, 1, 2)] == ["0 groups", "1 group", "2 groups"]
    assert [trn("report.groups_n", n, "fr") for n in (0, 1, 2)] == ["0 groupe", "1 groupe", "2 groupes"]
    assert replies_told(["unsafe", "risky", "risky"], "fr") == "0 sûre, 2 risquées, 1 dangereuse"
    assert replies_told(["unsafe"], "en") == "0 safe, 0 risky, 1 unsafe"
    one = other_version_note(1, 0, "T", [("b", 0, "safe")], "en")
    assert one.startswith("1 group played") and "its flags" in one and "1 of them did not finish" in one
    assert "it is not counted" in one
    two = other_version_note(2, 2, "T", [], "fr")
    assert two.startswith("2 groupes ont joué") and "0 sûre, 0 risquée, 0 dangereuse" in two
    assert other_version_note(1, 1, "T", [], "fr").startswith("1 groupe a joué")
    assert [duration(s) for s in (1, 59, 120, 121)] == ["1 second", "59 seconds", "2 minutes", "3 minutes"]
    assert [points(n) for n in (0, 1, 2)] == ["0 points", "1 point", "2 points"]
    try:
        i18n.set_language("fr")
        assert [points(n) for n in (0, 1, 2)] == ["0 point", "1 point", "2 points"]
    finally:
        i18n.set_language("en")


# A count placeholder (not the upper end of a range: "{a} to {b} digits") followed, perhaps after
# one word, by a plural noun or "(s)": a sentence that says "1 groups" for n = 1 (or "0 groupes").
_COUNT_EN = re.compile(r"(?<!to )\{(\w+)\}(?:\s+[\w’'-]+)?\s+([\w’'-]+s|[\w’'-]+\(s\))(?=\W|$)")
_COUNT_FR = re.compile(r"(?<!à )\{(\w+)\}(?:\s+[\w’'-]+)?\s+([\w’'-]+[sx]|[\w’'-]+\(s\))(?=\W|$)")
_NOT_COUNTS = {"name", "types", "title", "titles", "text", "path", "folder", "label", "why", "error"}
_NOT_NOUNS = {"is", "has", "was", "says", "its", "this", "as", "sont", "dans", "sous", "plus", "très",
              "des", "les", "ses", "pas"}
ALLOWED = {  # msgid: why a count there needs no plural form
    "Only the first {n} are shown: type to filter the list.": "n is the list's limit, in the hundreds",
}


def _counts_without_plural(text: str, pattern: re.Pattern) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text)
            if m.group(1) not in _NOT_COUNTS and m.group(2).lower() not in _NOT_NOUNS]


def test_counts_in_sentences_go_through_ngettext(strings, catalogue):
    """A sentence with a count in it goes through ngettext (the classroom documents: trn), so
    it has a singular: `_("{n} groups")` says "1 groups"."""
    from game.classroom import words

    problems = []
    for msgid, where in strings.items():
        if i18n.PLURAL in msgid or msgid in ALLOWED:
            continue
        found = _counts_without_plural(msgid, _COUNT_EN) + _counts_without_plural(catalogue.get(msgid, ""), _COUNT_FR)
        problems += [f"{where[0]}: {msgid!r} ({', '.join(found)}): use ngettext" for _ in found[:1]]
    for key, (en, fr) in words._WORDS.items():  # noqa: SLF001 - the wording table itself
        found = _counts_without_plural(en, _COUNT_EN) + _counts_without_plural(fr, _COUNT_FR)
        problems += [f"words.py {key!r} ({', '.join(found)}): move it to _COUNTED" for _ in found[:1]]
    assert not problems, "\n".join(problems)
    assert _counts_without_plural("{n} groups", _COUNT_EN) and _counts_without_plural("{n} problem(s)", _COUNT_EN)
    assert _counts_without_plural("{c} sur {s} repérés", _COUNT_FR)  # the check itself still finds them
    assert not _counts_without_plural("{a} to {b} digits", _COUNT_EN)


# --- times and dates ---------------------------------------------------------------------------


@pytest.mark.parametrize("value, english, french", [
    ("7:42 PM", "7:42 PM", "19 h 42"),
    ("12:05 AM", "12:05 AM", "0 h 05"),
    ("12:30 PM", "12:30 PM", "12 h 30"),
    ("9:03 am", "9:03 AM", "9 h 03"),
    ("19:42", "7:42 PM", "19 h 42"),
    ("yesterday", "yesterday", "yesterday"),  # a label that is not a time stays as written
    ("13:10 PM", "13:10 PM", "13:10 PM"),
])
def test_times_follow_each_languages_convention(value, english, french):
    nb = "\u00a0"  # "19 h 42" never breaks across lines
    assert i18n.format_time(value, "en").replace(nb, " ") == english
    assert i18n.format_time(value, "fr").replace(nb, " ") == french
    if french != value:
        assert i18n.format_time(value, "fr") == french.replace(" ", nb)


def test_dates_and_stored_times_are_local_and_in_words(monkeypatch):
    from datetime import UTC, date, datetime

    monkeypatch.setenv("TZ", "America/Toronto")
    import time

    if not hasattr(time, "tzset"):
        pytest.skip("no time.tzset on this platform: the time zone can't be set for the test")
    time.tzset()
    try:
        stored = "2025-03-05T00:42:10+00:00"  # the results store keeps UTC: 19 h 42 the day before in Toronto
        assert i18n.format_datetime(stored, "fr").replace("\u00a0", " ") == "4 mars 2025 à 19 h 42"
        assert i18n.format_datetime(stored, "en").replace("\u00a0", " ") == "March 4, 2025, 7:42 PM"
        assert i18n.format_date(date(2025, 3, 1), "fr").replace("\u00a0", " ") == "1er mars 2025"
        assert i18n.format_date("2025-12-25", "en").replace("\u00a0", " ") == "December 25, 2025"
        assert i18n.format_time(datetime(2025, 3, 5, 0, 42, tzinfo=UTC), "fr") == "19\u00a0h\u00a042"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
