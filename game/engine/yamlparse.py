"""Safe YAML to plain data, with guards: every risky YAML feature becomes a located error.

Why not `yaml.safe_load`: it silently keeps the last of two duplicate keys, turns a reply
`No` into False and `8:30` into 510, expands alias bombs, and segfaults (C composer) on deep
nesting. Here every scalar stays the text the writer typed (plain `true`/`3` only become
values where the model asks for a value), and each of those cases is a located error instead.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .diagnostics import Diagnostic, make
from .yamlhints import CURLY, CURLY_HINT, curly_quoted, rethink
from .yamlsource import MAX_BYTES, Loaded, SourceMap, _too_large

try:  # libyaml ships in PyYAML's wheels; the pure loader is a slow but correct fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 40
_FAST_DEPTH_BOUND = 2000  # below this cheap upper bound no input can hurt the C composer

_STD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "value")}
_SEQ, _MAP = _STD + "seq", _STD + "map"


class _Bool(str):
    yaml_tag = "bool"


class _Int(str):
    yaml_tag = "int"


class _Float(str):
    yaml_tag = "float"


_TYPED = {_STD + "bool": _Bool, _STD + "int": _Int, _STD + "float": _Float}


def parse_yaml(raw: bytes | str, name: str) -> Loaded:
    """Parse one YAML document into plain dict/list/str data, or say exactly why not."""
    out = Loaded(name)
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            out.diagnostics.append(_too_large(name, len(raw)))
            return out
        text = _decode(raw, name, out.diagnostics)
        if text is None:
            return out
    else:
        text = raw
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        out.diagnostics.append(make(name, (line, 1), "RF001", "this looks like a binary file, not text",
                                    "scenario files are plain text saved as UTF-8"))
        return out
    if _nesting_bound(text) > _FAST_DEPTH_BOUND and not _nesting_ok(text, name, out.diagnostics):
        return out
    if "&" in text and _has_anchor(text, name, out.diagnostics):
        return out
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        out.diagnostics.append(_syntax_error(exc, name, text))
        return out
    except yaml.YAMLError as exc:  # ReaderError (control characters) and friends
        out.diagnostics.append(_reader_error(exc, name))
        return out
    out.source = SourceMap(root)
    if root is None:
        out.diagnostics.append(make(name, (1, 1), "RF007", "the file is empty",
                                    "start from a template: python -m game new NAME"))
        return out
    out.data = _Builder(name, out.diagnostics).build(root)
    if out.data is None and not out.diagnostics:  # a document that is just `~`, `null` or `&a`
        out.diagnostics.append(make(name, (1, 1), "RF007", "the file holds no keys",
                                    "start from a template: python -m game new NAME"))
    return out


def _decode(raw: bytes, name: str, diags: list[Diagnostic]) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        diags.append(make(name, (1, 1), "RF001", "this file is saved as UTF-16",
                          "save it as UTF-8 (in most editors: Save with encoding > UTF-8)"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        head = raw[: exc.start]
        line = head.count(b"\n") + 1
        col = exc.start - (head.rfind(b"\n") + 1) + 1
        if b"\x00" in raw[:1024]:
            _binary(name, diags)
            return None
        diags.append(make(name, (line, col), "RF001",
                          f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                          "save the file as UTF-8 (in most editors: Save with encoding > UTF-8)"))
        return None


def _binary(name: str, diags: list[Diagnostic]) -> None:
    diags.append(make(name, (1, 1), "RF001", "this looks like a binary file, not text",
                      "scenario files are plain text saved as UTF-8"))


def _nesting_bound(text: str) -> int:
    """A cheap upper bound on nesting depth: every level needs a bracket, an indicator or a line."""
    return sum(text.count(c) for c in "[{-?:\n")


def _nesting_ok(text: str, name: str, diags: list[Diagnostic]) -> bool:
    """Exact depth check with the (iterative) event parser, for inputs the bound can't clear."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    m = event.start_mark
                    diags.append(_too_deep(name, (m.line + 1, m.column + 1)))  # type: ignore[union-attr]
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        diags.append(_syntax_error(exc, name, text))
        return False
    except yaml.YAMLError as exc:
        diags.append(_reader_error(exc, name))
        return False
    return True


# a {role} placeholder inside an unquoted flow mapping: {en: Call {helpline}.}
_FLOW_PLACEHOLDER = re.compile(r"\{\s*(en|fr)\s*:[^\"']*\{[a-z][a-z.-]*\}")


def _too_deep(name: str, pos: tuple[int, int]) -> Diagnostic:
    return make(name, pos, "RF006", f"lists and mappings are nested more than {MAX_DEPTH} deep",
                "a scenario never needs this much nesting; check the indentation")


def _has_anchor(text: str, name: str, diags: list[Diagnostic]) -> bool:
    """Anchors are only useful with aliases, which are refused; say so where the anchor is.
    Scans tokens (fast, in C) only for the rare files with an '&' in them."""
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AnchorToken):
                m = token.start_mark
                diags.append(make(name, (m.line + 1, m.column + 1), "RF005",
                                  f"anchor '&{token.value}' is not allowed",
                                  "remove it; a text starting with '&' must be in quotes"))
                return True
    except yaml.YAMLError:
        return False  # the composer reports syntax errors with their context
    return False


_SYNTAX_HINTS = [
    ("mapping values are not allowed", "a text containing ': ' must be in quotes: "
     "text: \"Hey: what's up?\""),
    ("found character '@'", "text starting with @ or ` must be in quotes: text: \"@jay hi\""),
    ("found character '`'", "text starting with @ or ` must be in quotes"),
    ("found character '\\t'", "use spaces, not tabs, to indent YAML"),
    ("found undefined alias", "'*' at the start of a text needs quotes: text: \"*hug*\""),
    ("did not find expected key", "check the indentation of this line and the one above; "
     "text with ': ' or '#' must be in quotes"),
    ("expected <block end>", "check the indentation: items of the same list line up"),
    ("did not find expected '-' indicator", "check the indentation of this list"),
    ("could not find expected ':'", "a key needs ': ' after it; text with quotes must close them"),
    ("found unexpected end of stream", "a quote was opened and never closed"),
    ("found a tab character", "use spaces, not tabs, to indent YAML"),
    ("expected a single document", "a file holds one scenario: remove the extra '---' line"),
    ("found unknown escape character", "inside \"double quotes\" a backslash starts an escape: "
     "use 'single quotes' or write \\\\"),
    ("did not find expected ',' or '}'", "inside { } a text with ': ' or ',' must be in quotes: "
     "{en: \"Hey, you: hi\"}"),
    ("found character that cannot start any token", "text starting with a special character "
     "(@ ` % | >) must be in quotes"),
]


def _syntax_error(exc: yaml.MarkedYAMLError, name: str, text: str) -> Diagnostic:
    problem = exc.problem or exc.context or "cannot be parsed"
    if exc.problem and exc.context and not exc.context.startswith("while"):
        problem = f"{exc.context}, {exc.problem}"  # e.g. "expected a single document, but found..."
    mark = exc.problem_mark or exc.context_mark
    pos = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    if problem == "found character that cannot start any token" and mark:
        # the C scanner leaves out which character (the pure one names it): a tab, an @, a `...
        lines = text.split("\n")
        line = lines[mark.line] if mark.line < len(lines) else ""
        if mark.column < len(line):
            ch = line[mark.column]
            what = "a tab character" if ch == "\t" else f"character {ch!r}"
            problem = f"found {what} that cannot start any token"
    full = f"{exc.context or ''} {problem}"
    key_mark = exc.context_mark if exc.context and "simple key" in exc.context else None
    better = rethink(problem, mark.line, mark.column, key_mark.line if key_mark else None,
                     text) if mark else None
    if better:  # a missing colon, an apostrophe in 'single quotes': named where it is
        return make(name, better[0], "RF003", better[1], better[2])
    line_text = text.split("\n")[mark.line] if mark and mark.line < len(text.split("\n")) else ""
    key_text = text.split("\n")[key_mark.line] if key_mark and key_mark.line < len(text.split("\n")) else ""
    if any(c in line_text + key_text for c in CURLY):  # “quotes” YAML doesn't know as quotes
        return make(name, pos, "RF003", f"YAML syntax: {problem}", CURLY_HINT)
    if _FLOW_PLACEHOLDER.search(line_text) and ("','" in full or "flow" in full):
        return make(name, pos, "RF003", f"YAML syntax: {problem}", "a text with {placeholders} inside "
                    "{ } must be in quotes: {en: \"Call {helpline}.\", fr: \"Appelle {helpline}.\"}")
    if "maximum nesting depth" in full:  # libyaml's own depth limit (PyYAML >= 6.0.3)
        return _too_deep(name, pos)
    hint = next((h for key, h in _SYNTAX_HINTS if key in full), "")
    if "alias" in full or ("anchor" in full and "&" in problem):
        return make(name, pos, "RF005", f"YAML {problem}", "anchors (&) and aliases (*) are not "
                    "allowed; text starting with * or & must be in quotes")
    return make(name, pos, "RF003", f"YAML syntax: {problem}", hint)


def _reader_error(exc: yaml.YAMLError, name: str) -> Diagnostic:
    text = str(exc).splitlines()[0] if str(exc) else "cannot be read"
    return make(name, (0, 0), "RF001", f"cannot read this text: {text}",
                "remove control characters; save the file as UTF-8 text")


class _Builder:
    """Turns composed nodes into plain data, reporting duplicates, aliases and tags."""

    def __init__(self, name: str, diags: list[Diagnostic]):
        self.name = name
        self.diags = diags
        self.seen: set[int] = set()
        self.alias_reported = False

    def _at(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if id(node) in self.seen:  # the composer shares one node for an anchor and its aliases
            if not self.alias_reported:  # once is enough: a bomb has thousands
                self.alias_reported = True
                self.diags.append(make(self.name, self._at(node), "RF005",
                                       "an alias (*name) repeats another part of the file",
                                       "write the content out again: anchors and aliases are not allowed"))
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.diags.append(_too_deep(self.name, self._at(node)))
            return None
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag not in _PLAIN_TAGS:
                return self._bad_tag(node)
            # Only plain (unquoted) scalars resolve to null/bool/int/float: keep the text the writer
            # typed, marked with the type YAML 1.1 saw, for the few fields that want a value.
            if tag == _STD + "null":
                return None
            typed = _TYPED.get(tag)
            if typed is None and not node.style and node.value[:1] in CURLY:
                return self._curly(node)
            return typed(node.value) if typed is not None else node.value
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                return self._bad_tag(node)
            return [self.build(item, depth + 1) for item in node.value]
        if tag != _MAP:
            return self._bad_tag(node)
        result: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                self.diags.append(make(self.name, self._at(knode), "RF013",
                                       "a key must be a simple word, not a list or mapping",
                                       "check for a stray '?' or brackets before the ':'"))
                continue
            if knode.tag == _STD + "merge":
                self.diags.append(make(self.name, self._at(knode), "RF005",
                                       "merge keys (<<) are not allowed",
                                       "write the keys out in full"))
                continue
            key = knode.value
            if key in result:
                self.diags.append(make(self.name, self._at(knode), "RF004",
                                       f"key '{key}' appears twice in this mapping",
                                       "YAML would silently keep only the last one: remove or rename one"))
                continue
            result[key] = self.build(vnode, depth + 1)
        return result

    def _curly(self, node: yaml.ScalarNode) -> str:
        """A value in “curly quotes” a word processor typed: read as if they were quotes (so
        `goto: “ask”` still finds its beat), with a warning so --strict fails until fixed."""
        inner = curly_quoted(node.value)
        if inner is None:
            return str(node.value)
        self.diags.append(make(self.name, self._at(node), "RF009",
                               f"these are curly quotes from a word processor ({node.value[0]} "
                               f"{node.value[-1]}), not YAML quotes",
                               f"use straight quotes \" or remove them: \"{inner}\" (read that way "
                               "until then; to show curly quotes, put the whole text in straight "
                               f"quotes: '{node.value}')"))
        return inner

    def _bad_tag(self, node: yaml.Node) -> None:
        self.diags.append(make(self.name, self._at(node), "RF005", f"the tag '{node.tag}' is not allowed",
                               "remove the '!' tag; if it is part of a text, put the text in quotes"))
        return None
