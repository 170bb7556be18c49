"""A story's texts found in its YAML source, and one language's values rewritten in place.

`python -m game po import` changes only the translations: each edit replaces the characters of
one scalar (or adds a `fr:` beside an `en:`), found from the positions the YAML parser gives, so
comments, order, quoting and every other byte of the file stay as the writer left them. The
forms handled are the ones stories use: `{en: ..., fr: ...}` on one line, `en:` / `fr:` lines,
and a plain or quoted string (English only, which becomes `{en: ..., fr: ...}`). A value
written as a block scalar (`|` or `>`) is refused, with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from game.i18n import _

try:  # libyaml, as the loader uses; its marks count characters, as the pure loader's do
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STR = "tag:yaml.org,2002:str"
# what YAML reads as it is in a double-quoted scalar (else escaped); line breaks always escaped
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


class Unsupported(ValueError):
    """A text written in a form the import can't edit in place; `line` is 1-based."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


@dataclass
class Site:
    """Where one text is written: its node (a scalar for English only, else a mapping)."""

    path: tuple[Any, ...]
    node: yaml.Node

    def scalar(self, lang: str) -> yaml.ScalarNode | None:
        """The scalar holding `lang`'s value as written, or None."""
        if isinstance(self.node, yaml.ScalarNode):
            return self.node if lang == "en" else None
        if isinstance(self.node, yaml.MappingNode):
            for key, value in self.node.value:
                if key.value == lang and isinstance(value, yaml.ScalarNode):
                    return value
        return None

    def value(self, lang: str) -> str | None:
        """`lang`'s text exactly as written (French before the game's typography)."""
        node = self.scalar(lang)
        return node.value if node is not None else None

    @property
    def line(self) -> int:
        node = self.scalar("en") or self.node
        return node.start_mark.line + 1


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_Loader)


def find(root: yaml.Node | None, path: tuple[Any, ...]) -> Site | None:
    """The text at a data path (as `Scenario.texts()` gives it), or None."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            return None
    return Site(path, node) if node is not None else None


# --- writing scalars ---------------------------------------------------------------------------

def double_quoted(value: str) -> str:
    """`value` as a double-quoted YAML scalar on one line, escaped where YAML needs it."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _PRINTABLE.match(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000
                       else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def plain_ok(value: str, flow: bool) -> bool:
    """Can `value` be written unquoted here (inside { } when `flow`) and read back as this text?"""
    if not value or value != value.strip() or not all(_PRINTABLE.match(ch) for ch in value):
        return False
    try:
        node = compose("{k: " + value + "}" if flow else "k: " + value)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    scalar = node.value[0][1]
    return (isinstance(scalar, yaml.ScalarNode) and not scalar.style and scalar.tag == _STR
            and scalar.value == value)


def scalar(value: str, style: str | None, flow: bool) -> str:
    """`value` as a YAML scalar, in the style of its neighbour when that style can hold it
    (plain or 'single quotes'), else double-quoted."""
    if not style and plain_ok(value, flow):  # libyaml says "" for plain, the pure loader None
        return value
    if style == "'" and value and "\n" not in value and all(_PRINTABLE.match(ch) for ch in value):
        return "'" + value.replace("'", "''") + "'"
    return double_quoted(value)


# --- edits -------------------------------------------------------------------------------------

@dataclass
class Edit:
    start: int  # character offsets in the text
    end: int
    replacement: str


def _no_block(node: yaml.ScalarNode) -> None:
    if node.style in ("|", ">"):
        raise Unsupported(node.start_mark.line + 1, _(
            "this text is written as a block ({style}): write it on one line, or as en: and fr: "
            "lines, to import its translation").format(style=node.style))


def plan(text: str, site: Site, lang: str, value: str) -> Edit:
    """The one change that makes `site`'s `lang` text `value`, touching nothing else."""
    node = site.node
    if isinstance(node, yaml.ScalarNode):  # English only: `text: Hi` becomes `text: {en: Hi, fr: ...}`
        _no_block(node)
        start, end = node.start_mark.index, node.end_mark.index
        single_line = node.start_mark.line == node.end_mark.line
        keep = single_line and (node.style in ("'", '"') or (not node.style and plain_ok(node.value, True)))
        english = text[start:end] if keep else double_quoted(node.value)
        return Edit(start, end, f"{{en: {english}, {lang}: {scalar(value, node.style, True)}}}")
    if not isinstance(node, yaml.MappingNode):
        raise Unsupported(node.start_mark.line + 1, _("this is not a text"))
    flow = bool(node.flow_style)
    old = site.scalar(lang)
    if old is not None:
        _no_block(old)
        return Edit(old.start_mark.index, old.end_mark.index, scalar(value, old.style, flow))
    en_key = next((k for k, v in node.value if k.value == "en"), None)
    en = site.scalar("en")
    if en is None or en_key is None:
        raise Unsupported(node.start_mark.line + 1, _("this text has no en: value"))
    _no_block(en)
    written = f"{lang}: {scalar(value, en.style, flow)}"
    if flow:  # {en: Hi} -> {en: Hi, fr: Salut}
        return Edit(en.end_mark.index, en.end_mark.index, ", " + written)
    newline = "\r\n" if "\r\n" in text else "\n"
    line = " " * en_key.start_mark.column + written
    eol = text.find("\n", en.end_mark.index)  # a new line under the en: line (after its comment)
    if eol == -1:
        return Edit(len(text), len(text), newline + line)
    return Edit(eol + 1, eol + 1, line + newline)


def apply(text: str, edits: list[Edit]) -> str:
    """`text` with every edit made (they never overlap: each is inside its own text)."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def with_text(data: Any, path: tuple[Any, ...], lang: str, value: str) -> None:
    """Set `lang` of the text at `path` in plain loaded data (what the edited file must load as)."""
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    current = parent[path[-1]]
    if isinstance(current, dict):
        current[lang] = value
    else:
        parent[path[-1]] = {"en": current, lang: value}
