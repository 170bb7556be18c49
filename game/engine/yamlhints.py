"""A second look at the mistakes writers make most, so a message names the real cause and place.

YAML's own messages describe what its parser saw, often a line after the mistake: a key
without its colon is noticed on the next line; curly quotes pasted from a word processor are
not quotes to YAML at all; an apostrophe inside 'single quotes' ends the text early and the
parser then complains about a comma or a key. Each case is recognised here from the text and
the place YAML stopped, and explained where the writer has to change something.
"""

from __future__ import annotations

import functools
import re
from typing import Any

DOUBLE_CURLY = "“”„"
SINGLE_CURLY = "‘’"
CURLY = DOUBLE_CURLY + SINGLE_CURLY
CURLY_HINT = "these are curly quotes from a word processor; use straight quotes \" or remove them"
_COLON = re.compile(r":(\s|$)")
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)(?:\s+(.*?))?\s*$")
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_WORD = re.compile(r"[\w’]+'[\w’]+(?:'[\w’]+)*")

Found = tuple[tuple[int, int], str, str]  # 1-based (line, col), message, hint


def curly_quoted(value: str) -> str | None:
    """The text inside, when a plain YAML value is wrapped in curly quotes (“Hi” or ‘Hi’) and
    has none of the same kind inside; else None. A quote inside (“Hi” she said, “bye”) or an
    apostrophe (‘it’s’) is left alone."""
    if len(value) < 2 or value[0] not in CURLY or value[-1] not in CURLY:
        return None
    inner = value[1:-1]
    if value[0] in DOUBLE_CURLY and value[-1] in DOUBLE_CURLY and not any(c in inner for c in DOUBLE_CURLY):
        return inner.strip() or None
    if value[0] == "‘" and value[-1] == "’" and "‘" not in inner:
        return inner.strip() or None
    return None


def rethink(problem: str, line: int, col: int, key_line: int | None, text: str) -> Found | None:
    """A better message for a YAML syntax error YAML reported at 0-based (`line`, `col`), or
    None. `key_line` is where YAML started reading the key it was scanning, if it says."""
    lines = _BREAKS.split(text)  # as YAML counts lines
    here = lines[line] if 0 <= line < len(lines) else ""
    found = _apostrophe(here, line, col)
    if found:
        return found
    if any(c in here for c in CURLY) or (key_line is not None and 0 <= key_line < len(lines)
                                         and any(c in lines[key_line] for c in CURLY)):
        return None  # the caller keeps YAML's message and gives CURLY_HINT
    if "could not find expected ':'" in problem and key_line is not None and key_line < len(lines):
        return _missing_colon(lines, key_line, any_word=True)
    if "mapping values are not allowed" in problem or "did not find expected key" in problem:
        before = next((i for i in range(min(line, len(lines)) - 1, -1, -1)
                       if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
        if before is not None:
            return _missing_colon(lines, before, any_word=False)
    return None


def _apostrophe(here: str, line: int, col: int) -> Found | None:
    """'it's': YAML stops just after the apostrophe, which closed the quoted text."""
    if not (2 <= col < len(here) and here[col - 1] == "'" and here[col - 2].isalnum() and here[col].isalnum()):
        return None
    word = next((m.group(0) for m in _WORD.finditer(here) if m.start() < col - 1 < m.end()), "it's")
    doubled = word.replace("'", "''")
    return ((line + 1, col), f"YAML syntax: the apostrophe in \"{word}\" ends the text the 'single "
            "quote' before it started", f"inside single quotes write the apostrophe twice "
            f"('{doubled}'), or put the text in double quotes (\"{word}\")")


def _missing_colon(lines: list[str], at: int, any_word: bool) -> Found | None:
    """The line `at` is a key without its ':' (for a guess from the next line's error, the key
    must be one the format knows: a text line holding ': ' has another cause)."""
    text = lines[at].split(" #")[0]
    m = _KEY_LINE.match(text)
    if not m or _COLON.search(text) or '"' in text or "'" in text:
        return None
    lead, key, rest = m.group(1), m.group(2), m.group(3) or ""
    if not any_word and key not in _format_keys():
        return None
    col = len(lead) + len(key) + 1
    fix = f"{key}: {rest}" if rest else f"{key}:"
    return ((at + 1, col), f"YAML syntax: '{key}' needs a ':' after it",
            f"a key needs ': ' after it: write '{fix}'")


@functools.cache
def _format_keys() -> frozenset[str]:
    """Every key the scenario format, the taxonomy and the resources know."""
    from pydantic import BaseModel

    from .model import Scenario
    from .taxonomy import Resources, Taxonomy

    keys: set[str] = set()
    seen: set[type] = set()

    def walk(ann: Any) -> None:
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            if ann in seen:
                return
            seen.add(ann)
            for name, f in ann.model_fields.items():
                keys.add(f.alias or name)
                walk(f.annotation)
        for arg in getattr(ann, "__args__", ()) or ():
            walk(arg)

    for model in (Scenario, Taxonomy, Resources):
        walk(model)
    return frozenset(keys)
