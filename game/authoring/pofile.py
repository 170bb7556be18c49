"""PO files of a story's text, in the standard library only: writing strings as gettext's tools
do, and reading entries with their context and flags.

`game.catalogue.read_po` reads the UI catalogues, and leaves fuzzy entries out; the story
import also needs to count them, and to say on which line each entry is, so it reads entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PO_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def po_string(text: str) -> str:
    """`text` as a PO string, split after each newline as gettext's tools write it."""
    def q(s: str) -> str:
        return '"' + "".join(_PO_ESCAPES.get(ch, ch) for ch in s) + '"'

    if "\n" not in text.rstrip("\n"):
        return q(text)
    parts = [part + "\n" for part in text.split("\n")]
    parts[-1] = parts[-1][:-1]
    return '""\n' + "\n".join(q(part) for part in parts if part)


class PoError(ValueError):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


@dataclass
class Entry:
    line: int  # where its msgid is
    context: str | None = None
    msgid: str | None = None
    msgstr: str = ""
    fuzzy: bool = False
    plural: bool = False
    done: bool = field(default=False, repr=False)  # its msgstr was read


_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)")
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(s: str, line: int) -> str:
    m = _QUOTED.fullmatch(s.strip())
    if m is None:
        raise PoError(line)

    def one(e: re.Match[str]) -> str:
        code = e.group(1)
        if code[0] == "x":
            return chr(int(code[1:], 16))
        if code[0] in "01234567":
            return chr(int(code, 8))
        return _UNESCAPE.get(code, code)

    return _ESCAPE.sub(one, m.group(1))


def read_entries(text: str) -> list[Entry]:
    """Every entry of a PO file, with its flags (obsolete `#~` entries left out). Raises PoError
    at the first line that is not PO."""
    out: list[Entry] = []
    cur = Entry(0)
    target: str | None = None
    for n, raw in enumerate(text.split("\n"), start=1):  # only \n ends a line, as in gettext
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if cur.done and (line.startswith("#") or line.startswith(("msgctxt ", "msgid "))):
            out.append(cur)  # a comment or a msgid after a msgstr: the next entry
            cur, target = Entry(n), None
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line[2:].replace(",", " ").split():
                cur.fuzzy = True
            continue
        keyword, _sep, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr") or keyword.startswith("msgstr["):
            target = keyword
            value = _unquote(rest, n)
            if keyword == "msgctxt":
                cur.context = value
            elif keyword == "msgid":
                cur.msgid, cur.line = value, n
            elif keyword == "msgid_plural":
                cur.plural = True
            elif keyword in ("msgstr", "msgstr[0]"):
                cur.msgstr, cur.done = value, True
            else:
                cur.done = True
        elif line.startswith('"') and target is not None:
            value = _unquote(line, n)
            if target == "msgctxt":
                cur.context = (cur.context or "") + value
            elif target == "msgid":
                cur.msgid = (cur.msgid or "") + value
            elif target in ("msgstr", "msgstr[0]"):
                cur.msgstr += value
        else:
            raise PoError(n)
    if cur.done:
        out.append(cur)
    return out


def header(entries: list[Entry]) -> dict[str, str]:
    head = next((e for e in entries if e.msgid == "" and e.context is None), None)
    if head is None:
        return {}
    pairs = (line.partition(":") for line in head.msgstr.splitlines())
    return {k.strip(): v.strip() for k, _sep, v in pairs if _sep}
