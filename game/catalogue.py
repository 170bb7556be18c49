"""The catalogues' files without Babel: a .po reader, a .mo writer, the extractor and
`python -m game.i18n update | compile`, in the standard library only.

Tests use them to check that every string has French and that the .mo matches the .po; a
translator without Babel uses the two commands (docs/translating.md). Nothing here runs while
the game plays: game.i18n hands these names out on first use.

Keys follow the .mo format: a message with a context is "context\\x04msgid", a plural one
"singular\\0plural" with its forms joined by "\\0".
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path

from . import i18n

PLURAL = "\0"  # joins a plural entry's msgid and msgid_plural, and its forms, as in a .mo file
CONTEXT = "\x04"  # joins a message's context (msgctxt) and its msgid, as in a .mo file
NPLURALS = 2  # the forms of the catalogues' languages (English and French: singular, plural)

# the calls the extractor reads: name -> {number of arguments: (position of the context, of the msgid(s))}
MARKERS: dict[str, dict[int, tuple[int | None, tuple[int, ...]]]] = {
    "_": {1: (None, (0,))},
    "N_": {1: (None, (0,))},
    "ngettext": {3: (None, (0, 1))},
    "NN_": {2: (None, (0, 1))},
    "pgettext": {2: (0, (1,))},
    "NC_": {2: (0, (1,))},
    "gettext_in": {2: (None, (1,)), 3: (2, (1,))},  # gettext_in(lang, msgid[, context])
    "ngettext_in": {4: (None, (1, 2)), 5: (4, (1, 2))},  # ngettext_in(lang, singular, plural, n[, context])
}

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


def po_path(lang: str) -> Path:
    return i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def read_po(text: str) -> dict[str, str]:
    """msgid -> msgstr of a .po file (the header under ''; fuzzy entries left out, as msgfmt does).
    A plural entry is keyed "singular\\0plural" with its forms joined by "\\0" (msgstr[0]\\0msgstr[1]),
    and an entry with a msgctxt "context\\x04msgid", which is how a .mo file stores them:
    `write_mo` writes them as they are."""
    out: dict[str, str] = {}
    entry: dict[str, str] = {}  # "ctxt", "id", "plural"
    forms: dict[int, str] = {}
    field: str | int | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal entry, forms, fuzzy
        msgid = entry.get("id")
        if msgid is not None and forms and not (fuzzy and msgid):
            key = (entry["ctxt"] + CONTEXT if "ctxt" in entry else "") + msgid
            if "plural" not in entry:
                out[key] = forms.get(0, "")
            else:
                out[key + PLURAL + entry["plural"]] = PLURAL.join(
                    forms.get(i, "") for i in range(max(forms) + 1))
        entry, forms, fuzzy = {}, {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            if forms:
                flush()
            fuzzy = True
        elif line.startswith("#") or not line:
            if forms and not line:
                flush()
        elif line.startswith(("msgctxt ", "msgid ")):
            if forms:
                keep = fuzzy
                flush()
                fuzzy = keep
            field, _, rest = line.partition(" ")
            field = "ctxt" if field == "msgctxt" else "id"
            entry[field] = ast.literal_eval(rest)
        elif line.startswith("msgid_plural "):
            field, entry["plural"] = "plural", ast.literal_eval(line[13:])
        elif line.startswith("msgstr["):
            index, _, rest = line[7:].partition("]")
            field = int(index)
            forms[field] = ast.literal_eval(rest.strip())
        elif line.startswith("msgstr "):
            field = 0
            forms[0] = ast.literal_eval(line[7:])
        elif line.startswith('"'):
            if isinstance(field, int):
                forms[field] = forms.get(field, "") + ast.literal_eval(line)
            elif field is not None:
                entry[field] = entry.get(field, "") + ast.literal_eval(line)
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


def _marker(func: ast.expr) -> str | None:
    """The marker a call is to: `_()`, `N_()`... or `i18n.ngettext()`, `i18n.pgettext()`."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "i18n":
        return func.attr
    return None


def extract(root: Path | None = None) -> tuple[dict[str, list[str]], list[str]]:
    """Every literal in a marker call under `root` (default: the game package): `_("...")`,
    `ngettext("...", "...", n)`, `pgettext("ctx", "...")`, `gettext_in(lang, "...")`,
    `ngettext_in(lang, "...", "...", n)` and the markers `N_`, `NC_`, `NN_` of game/translatable.py,
    with where each is used (keyed as `read_po` keys them), and the places that call them with
    something that is not a literal (never translatable)."""
    root = root or Path(__file__).resolve().parent
    found: dict[str, list[str]] = {}
    bad: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            specs = MARKERS.get(_marker(node.func) or "")
            if specs is None:
                continue
            args = node.args
            context, msgids = specs.get(len(args), (None, ()))
            where = f"{path.relative_to(root.parent)}:{node.lineno}"
            literal = (msgids and not node.keywords and all(
                isinstance(args[i], ast.Constant) and isinstance(args[i].value, str)
                for i in (*msgids, *((context,) if context is not None else ()))))
            if not literal:
                bad.append(where)
                continue
            key = PLURAL.join(args[i].value for i in msgids)  # type: ignore[attr-defined]
            if context is not None:
                key = args[context].value + CONTEXT + key  # type: ignore[attr-defined]
            found.setdefault(key, []).append(where)
    return found, bad


def po_quote(text: str) -> str:
    """`text` as a .po string (split after newlines, as gettext tools write it)."""
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'

    if "\n" not in text.rstrip("\n"):
        return q(text)
    parts = text.splitlines(keepends=True)
    return '""\n' + "\n".join(q(p) for p in parts)


def _entries(messages: dict[str, list[str]], translations: dict[str, str]) -> str:
    out = []
    for key in sorted(messages, key=lambda m: messages[m][0]):
        refs = " ".join(messages[key][:4])
        context, _, msgid = key.rpartition(CONTEXT)
        head = f"#: {refs}\n" + ("#, python-brace-format\n" if "{" in msgid else "")
        head += f"msgctxt {po_quote(context)}\n" if context else ""
        if PLURAL in msgid:  # msgid, msgid_plural and one msgstr[i] per form of the language
            singular, plural = msgid.split(PLURAL, 1)
            forms = translations.get(key, "").split(PLURAL)
            forms += [""] * (NPLURALS - len(forms))
            out.append(head + f"msgid {po_quote(singular)}\nmsgid_plural {po_quote(plural)}\n"
                       + "".join(f"msgstr[{i}] {po_quote(f)}\n" for i, f in enumerate(forms)))
        else:
            out.append(head + f"msgid {po_quote(msgid)}\nmsgstr {po_quote(translations.get(key, ''))}\n")
    return "\n".join(out)


def _header(po_text: str) -> str:
    """A catalogue's own header (its language and plural rule), kept as it is; the French one
    for a file that has none."""
    head = po_text.split("\n\n", 1)[0] + "\n"
    return head if 'msgid ""' in head and "Plural-Forms" in head else PO_HEADER


def update_catalogues() -> list[Path]:
    """Without Babel: write the .pot from the code, and add new strings (empty) to every .po,
    keeping the translations it has. Strings no longer in the code are dropped."""
    messages, _bad = extract()
    pot = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
    pot.write_text(POT_HEADER + "\n" + _entries(messages, {}), encoding="utf-8")
    written = [pot]
    for po in sorted(i18n.LOCALE_DIR.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po")):
        text = po.read_text(encoding="utf-8")
        po.write_text(_header(text) + "\n" + _entries(messages, read_po(text)), encoding="utf-8")
        written.append(po)
    return written


def compile_catalogues() -> list[Path]:
    """Write every .po's .mo beside it. Returns the files written."""
    written = []
    for po in sorted(i18n.LOCALE_DIR.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(write_mo(read_po(po.read_text(encoding="utf-8"))))
        written.append(mo)
    return written


def main(command: list[str]) -> int:
    """`python -m game.i18n update | compile`."""
    if command not in (["update"], ["compile"]):
        print("usage: python -m game.i18n update | compile   (or Babel: see docs/translating.md)")
        return 0
    for path in (update_catalogues() if command == ["update"] else compile_catalogues()):
        print(f"wrote {path}")
    return 0
