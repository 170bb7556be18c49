"""UI strings through `_()`: stdlib gettext, catalogues in game/locale/<lang>/LC_MESSAGES/redflags.mo.

English is the source language (the msgids); French comes from the checked-in catalogue
game/locale/fr/LC_MESSAGES/redflags.po and its compiled .mo. A string missing from a catalogue
shows in English (identity fallback), and tests/ui/test_i18n.py fails when that happens.
Scenario text is not translated here: it carries its own languages (LocalText.get).

Translators use Babel (a development tool, not needed to play or test: see docs/translating.md).
This module also has a tiny stdlib reader for .po files and a .mo writer, so the tests can check
that the .mo matches the .po, and so `python -m game.i18n compile` works without Babel.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path
from typing import TYPE_CHECKING

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
    return _translation.ngettext(singular, plural, n)


def attachment_name(kind: str) -> str:
    """An attachment's kind in words (the chat, the debrief and the terminal player)."""
    names = {"image": _("Photo"), "video": _("Video"), "voice": _("Voice message"), "file": _("File"),
             "link": _("Link"), "screenshot": _("Screenshot"), "gift": _("Gift"), "call": _("Call")}
    return names.get(kind, kind)


# --- catalogues without Babel ------------------------------------------------------------------


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def read_po(text: str) -> dict[str, str]:
    """msgid -> msgstr of a .po file (the header under ''; fuzzy entries left out, as msgfmt does)."""
    out: dict[str, str] = {}
    msgid = msgstr = None
    field = None
    fuzzy = False

    def flush():
        nonlocal msgid, msgstr, fuzzy
        if msgid is not None and msgstr is not None and not (fuzzy and msgid):
            out[msgid] = msgstr
        msgid = msgstr = None
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            if msgstr is not None:
                flush()
            fuzzy = True
        elif line.startswith("#") or not line:
            if msgstr is not None and not line:
                flush()
        elif line.startswith("msgid "):
            if msgstr is not None:
                keep = fuzzy
                flush()
                fuzzy = keep
            msgid, field = _unquote(line[6:]), "id"
        elif line.startswith("msgstr "):
            msgstr, field = _unquote(line[7:]), "str"
        elif line.startswith('"'):
            if field == "id":
                msgid = (msgid or "") + _unquote(line)
            else:
                msgstr = (msgstr or "") + _unquote(line)
    flush()
    return out


def write_mo(messages: dict[str, str]) -> bytes:
    """A GNU .mo file for `messages` (empty translations are left out, as msgfmt does)."""
    items = sorted((k.encode("utf-8"), v.encode("utf-8")) for k, v in messages.items() if v)
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
    """Every `_("...")` literal under `root` (default: the game package), with where it is used,
    and the places that call `_()` with something that is not a literal (never translatable)."""
    root = root or Path(__file__).resolve().parent
    found: dict[str, list[str]] = {}
    bad: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
                where = f"{path.relative_to(root.parent)}:{node.lineno}"
                arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, []).append(where)
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


def _entries(messages: dict[str, list[str]], translations: dict[str, str]) -> str:
    out = []
    for msgid in sorted(messages, key=lambda m: messages[m][0]):
        refs = " ".join(messages[msgid][:4])
        out.append(f"#: {refs}\n" + ("#, python-brace-format\n" if "{" in msgid else "")
                   + f"msgid {po_quote(msgid)}\nmsgstr {po_quote(translations.get(msgid, ''))}\n")
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
