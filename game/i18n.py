"""UI strings through `_()`: stdlib gettext, catalogues in game/locale/<lang>/LC_MESSAGES/redflags.mo.

English is the source language (the msgids); French comes from the checked-in catalogue
game/locale/fr/LC_MESSAGES/redflags.po and its compiled .mo. A string missing from a catalogue
shows in English (identity fallback), and tests/ui/test_i18n.py fails when that happens.
Scenario text is not translated here: it carries its own languages (LocalText.get).

A sentence with a count in it goes through `ngettext(singular, plural, n)`, never `_()`, so it has
a singular ("1 group", and in French "0 groupe" too: `Plural-Forms: nplurals=2; plural=(n > 1);`).
Times and dates are written by `format_time` / `format_date` (19 h 42 and 4 mars 2025 in French).

Translators use Babel (a development tool, not needed to play or test: see docs/translating.md).
This module also has a tiny stdlib reader for .po files and a .mo writer, so the tests can check
that the .mo matches the .po, and so `python -m game.i18n compile` works without Babel.
"""

from __future__ import annotations

import ast
import re
import struct
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .shipped import shipped

if TYPE_CHECKING:
    import gettext

DOMAIN = "redflags"
LOCALE_DIR = shipped("locale")
LANGS = ("en", "fr")


class _Source:
    """The source language's strings (the msgids) as they are: what gettext's NullTranslations
    gives, without importing gettext and searching for catalogues (~3 ms of a launch)."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


_translation: gettext.NullTranslations | _Source = _Source()
_lang = "en"


def set_language(lang: str) -> str:
    """Switch UI strings to `lang` (unknown languages fall back to English). Returns the language."""
    global _translation, _lang
    _lang = lang if lang in LANGS else "en"
    if _lang == "en" and not _has_catalogue_folder("en"):
        _translation = _Source()  # English is the source language: no catalogue to read
        return _lang
    import gettext

    try:
        _translation = gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[_lang],
                                           fallback=True)
    except (OSError, ValueError, LookupError, UnicodeError, struct.error) as exc:
        # a damaged catalogue (a bad copy, a disk error) must not stop the game starting
        global _problem
        _translation, _lang = _Source(), "en"
        _problem = (f"The {lang} translation of Red Flags is damaged ({exc.__class__.__name__}), so "
                    "it shows in English. Reinstall Red Flags to repair it.")
        print(_problem, file=sys.stderr)
    return _lang


_problem: str | None = None


def problem() -> str | None:
    """Why the language asked for could not be used, if it couldn't (shown on screen)."""
    return _problem


def _has_catalogue_folder(lang: str) -> bool:
    """Whether the locale folder has anything gettext could read for `lang` (every folder it
    tries for 'en' starts so: en_US.ISO8859-1, en_US, en.ISO8859-1, en)."""
    try:
        return any(p.name.startswith(lang) for p in LOCALE_DIR.iterdir())
    except OSError:
        return False


def language() -> str:
    return _lang


def _(message: str) -> str:
    """The UI string `message` in the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The UI string for a count of `n` in the current language: `singular` or `plural` in
    English, the catalogue's form for `n` in French (0 and 1 singular, `Plural-Forms` in the .po).
    Use it wherever a number goes into a sentence, never `_()`:
    `ngettext("{n} story", "{n} stories", n).format(n=n)`."""
    return _translation.ngettext(singular, plural, n)


# The plural rule of each language, as the `Plural-Forms` header of its catalogue says it: for
# wording that is not in the catalogue (the classroom documents' LocalText pairs, game/classroom/
# words.py), which picks its form with this. tests/ui/test_i18n.py checks it matches the .po.
PLURAL_RULES: dict[str, Callable[[int], int]] = {
    "en": lambda n: int(n != 1),
    "fr": lambda n: int(n > 1),  # French: 0 and 1 take the singular
}


def plural_index(n: int, lang: str) -> int:
    """Which form (0 singular, 1 plural) `lang` uses for a count of `n`."""
    return PLURAL_RULES.get(lang, PLURAL_RULES["en"])(abs(n))


def attachment_name(kind: str) -> str:
    """An attachment's kind in words (the chat, the debrief and the terminal player)."""
    names = {"image": _("Photo"), "video": _("Video"), "voice": _("Voice message"), "file": _("File"),
             "link": _("Link"), "screenshot": _("Screenshot"), "gift": _("Gift"), "call": _("Call")}
    return names.get(kind, kind)


# --- times and dates ---------------------------------------------------------------------------
# One place that writes them, in each language's convention: "7:42 PM" and "March 4, 2025" in
# English, "19 h 42" and "4 mars 2025" in French. Stored times are UTC (the results store): they
# are shown in this computer's time zone. The language defaults to the UI's; the printed
# documents pass their own.

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}
_CLOCK = re.compile(r"\s*(\d{1,2})[:h.]\s?(\d{2})\s*(?:([AaPp])\.?\s?[Mm]\.?)?\s*")


def _when(value: datetime | date | time | str) -> datetime | date | time | None:
    """`value` as a date, a time or a datetime in local time; None if it can't be read."""
    if isinstance(value, str):
        text = value.strip()
        clock = _CLOCK.fullmatch(text)
        if clock:  # a chat's timestamp label: "7:42 PM", "19:42", "19 h 42"
            hour, minute, half = int(clock[1]), int(clock[2]), (clock[3] or "").lower()
            if half:
                if not 1 <= hour <= 12:
                    return None
                hour = hour % 12 + (12 if half == "p" else 0)
            return time(hour, minute) if hour < 24 and minute < 60 else None
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        if len(text) == 10:  # "2025-03-04": a date, whatever the time zone
            return value.date()
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone()  # stored in UTC: shown as this computer's clock says
    return value


def format_time(value: datetime | time | str, lang: str | None = None) -> str:
    """A time of day in `lang` (default: the UI's): 7:42 PM / 19 h 42. A label that is not a
    time (a story may say "yesterday") is returned as it is."""
    when = _when(value)
    if when is None or (isinstance(when, date) and not isinstance(when, datetime)):
        return value if isinstance(value, str) else str(value)
    if (lang or _lang) == "fr":
        return f"{when.hour}\u00a0h\u00a0{when.minute:02d}"
    return f"{(when.hour - 1) % 12 + 1}:{when.minute:02d}\u00a0{'PM' if when.hour >= 12 else 'AM'}"


def format_date(value: datetime | date | str, lang: str | None = None) -> str:
    """A day in `lang` (default: the UI's): March 4, 2025 / 4 mars 2025 (1er mars 2025)."""
    when = _when(value)
    if when is None or isinstance(when, time):
        return value if isinstance(value, str) else str(value)
    if (lang or _lang) == "fr":
        return f"{'1er' if when.day == 1 else when.day}\u00a0{_MONTHS['fr'][when.month - 1]}\u00a0{when.year}"
    return f"{_MONTHS['en'][when.month - 1]}\u00a0{when.day}, {when.year}"


def format_datetime(value: datetime | str, lang: str | None = None) -> str:
    """A day and a time: March 4, 2025, 9:15 AM / 4 mars 2025 à 9 h 15."""
    when = _when(value)
    if not isinstance(when, datetime):
        return format_date(value, lang)
    lang = lang or _lang
    return format_date(when, lang) + (" à " if lang == "fr" else ", ") + format_time(when, lang)


# --- catalogues without Babel ------------------------------------------------------------------


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


PLURAL = "\0"  # joins a plural entry's msgid and msgid_plural, and its forms, as in a .mo file


def read_po(text: str) -> dict[str, str]:
    """msgid -> msgstr of a .po file (the header under ''; fuzzy entries left out, as msgfmt does).
    A plural entry is keyed "singular\\0plural" with its forms joined by "\\0" (msgstr[0]\\0msgstr[1]),
    which is how a .mo file stores it: `write_mo` writes it as it is."""
    out: dict[str, str] = {}
    msgid: str | None = None
    plural: str | None = None
    forms: dict[int, str] = {}
    field: str | int | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal msgid, plural, forms, fuzzy
        if msgid is not None and forms and not (fuzzy and msgid):
            if plural is None:
                out[msgid] = forms.get(0, "")
            else:
                out[msgid + PLURAL + plural] = PLURAL.join(forms.get(i, "") for i in range(max(forms) + 1))
        msgid = plural = None
        forms = {}
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            if forms:
                flush()
            fuzzy = True
        elif line.startswith("#") or not line:
            if forms and not line:
                flush()
        elif line.startswith("msgid "):
            if forms:
                keep = fuzzy
                flush()
                fuzzy = keep
            msgid, field = _unquote(line[6:]), "id"
        elif line.startswith("msgid_plural "):
            plural, field = _unquote(line[13:]), "plural"
        elif line.startswith("msgstr["):
            index, _, rest = line[7:].partition("]")
            field = int(index)
            forms[field] = _unquote(rest.strip())
        elif line.startswith("msgstr "):
            field = 0
            forms[0] = _unquote(line[7:])
        elif line.startswith('"'):
            if field == "id":
                msgid = (msgid or "") + _unquote(line)
            elif field == "plural":
                plural = (plural or "") + _unquote(line)
            elif isinstance(field, int):
                forms[field] = forms.get(field, "") + _unquote(line)
    flush()
    return out


def write_mo(messages: dict[str, str]) -> bytes:
    """A GNU .mo file for `messages` (as `read_po` gives them: plural entries keyed
    "singular\\0plural"). Untranslated entries are left out, as msgfmt does: a plural entry
    counts as untranslated unless every form is there."""
    items = sorted((k.encode("utf-8"), v.encode("utf-8")) for k, v in messages.items()
                   if v and all(v.split(PLURAL)))
    n = len(items)
    ids = strs = b""
    offsets = []
    for k, v in items:
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    start = 7 * 4 + 16 * n
    id_table = [(length, start + off) for off, length, _s, _l in offsets]
    str_start = start + len(ids)
    str_table = [(length, str_start + off) for _o, _l, off, length in offsets]
    head = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + n * 8, 0, 0)
    body = b"".join(struct.pack("ii", *p) for p in id_table) + \
        b"".join(struct.pack("ii", *p) for p in str_table)
    return head + body + ids + strs


def extract(root: Path | None = None) -> tuple[dict[str, list[str]], list[str]]:
    """Every `_("...")` and `ngettext("...", "...", n)` literal under `root` (default: the game
    package), with where it is used (a plural keyed "singular\\0plural", as `read_po` keys it),
    and the places that call them with something that is not a literal (never translatable)."""
    root = root or Path(__file__).resolve().parent
    found: dict[str, list[str]] = {}
    bad: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if (  # _() or i18n.ngettext()
                isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                and func.value.id == "i18n") else None
            if name == "_":
                texts = node.args[:1] if len(node.args) == 1 and not node.keywords else None
            elif name == "ngettext":
                texts = node.args[:2] if len(node.args) == 3 and not node.keywords else None
            else:
                continue
            where = f"{path.relative_to(root.parent)}:{node.lineno}"
            literals = [t.value for t in texts or () if isinstance(t, ast.Constant) and isinstance(t.value, str)]
            if texts and len(literals) == len(texts):
                found.setdefault(PLURAL.join(literals), []).append(where)
            else:
                bad.append(where)
    return found, bad


def po_quote(text: str) -> str:
    """`text` as a .po string (split after newlines, as gettext tools write it)."""
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'

    if "\n" not in text.rstrip("\n"):
        return q(text)
    parts = text.splitlines(keepends=True)
    return '""\n' + "\n".join(q(p) for p in parts)


POT_HEADER = """# Red Flags UI strings. Made by `pybabel extract` or `python -m game.i18n update`.
msgid ""
msgstr ""
"Project-Id-Version: redflags\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""

PO_HEADER = """# French (Canada) UI strings for Red Flags. See docs/translating.md.
msgid ""
msgstr ""
"Project-Id-Version: redflags\\n"
"Language: fr_CA\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"""


NPLURALS = 2  # the forms of the catalogues' languages (English and French: singular, plural)


def _entries(messages: dict[str, list[str]], translations: dict[str, str]) -> str:
    out = []
    for msgid in sorted(messages, key=lambda m: messages[m][0]):
        refs = " ".join(messages[msgid][:4])
        head = f"#: {refs}\n" + ("#, python-brace-format\n" if "{" in msgid else "")
        if PLURAL in msgid:  # msgid, msgid_plural and one msgstr[i] per form of the language
            singular, plural = msgid.split(PLURAL, 1)
            forms = translations.get(msgid, "").split(PLURAL)
            forms += [""] * (NPLURALS - len(forms))
            out.append(head + f"msgid {po_quote(singular)}\nmsgid_plural {po_quote(plural)}\n"
                       + "".join(f"msgstr[{i}] {po_quote(f)}\n" for i, f in enumerate(forms)))
        else:
            out.append(head + f"msgid {po_quote(msgid)}\nmsgstr {po_quote(translations.get(msgid, ''))}\n")
    return "\n".join(out)


def update_catalogues() -> list[Path]:
    """Without Babel: write the .pot from the code, and add new strings (empty) to every .po,
    keeping the translations it has. Strings no longer in the code are dropped."""
    messages, _bad = extract()
    pot = LOCALE_DIR / f"{DOMAIN}.pot"
    pot.write_text(POT_HEADER + "\n" + _entries(messages, {}), encoding="utf-8")
    written = [pot]
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        old = read_po(po.read_text(encoding="utf-8"))
        po.write_text(PO_HEADER + "\n" + _entries(messages, old), encoding="utf-8")
        written.append(po)
    return written


def compile_catalogues() -> list[Path]:
    """Write every .po's .mo beside it. Returns the files written."""
    written = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(write_mo(read_po(po.read_text(encoding="utf-8"))))
        written.append(mo)
    return written


if __name__ == "__main__":  # python -m game.i18n update|compile
    command = sys.argv[1:]
    if command in (["update"], ["compile"]):
        for path in (update_catalogues() if command == ["update"] else compile_catalogues()):
            print(f"wrote {path}")
    else:
        print("usage: python -m game.i18n update | compile   (or Babel: see docs/translating.md)")
