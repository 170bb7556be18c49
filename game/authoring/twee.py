"""Reading Twee 3, the text form of a Twine story: passages, their links, and what to leave out.

Twee 3 (the Interactive Fiction Technology Foundation's specification) is a list of passages,
each under a header line `:: Name [tags] {"position":"600,400"}`; `[`, `]`, `{`, `}` and `\\`
in names and tags are escaped with a backslash, and a content line starting with `::` is
written `\\::`. Two special passages describe the story: StoryTitle (its name) and StoryData
(JSON whose "start" names the first passage; else the passage called Start, else the first).

Links are Twine 2's four forms, read the way Twine reads them: `[[Target]]`,
`[[text->Target]]` (the rightmost arrow), `[[Target<-text]]` (the leftmost) and
`[[text|Target]]`, with an optional SugarCube setter `[[text|Target][$x to 1]]`.

Story-format code is not story text: Harlowe macros `(set: $x to 1)` (their attached hook's
text is kept), SugarCube macros `<<if $x>>`, comments and HTML tags are taken out and listed,
so the writer knows what to rewrite with the format's own `set:` and `if:`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from game.i18n import _

# Passages that set up a story format rather than tell the story, by name and by tag.
SPECIAL_NAMES = frozenset({
    "StoryTitle", "StoryData", "StoryInit", "StoryCaption", "StoryMenu", "StoryBanner",
    "StorySubtitle", "StoryAuthor", "StoryShare", "StoryInterface", "StoryIncludes",
    "StorySettings", "StoryDisplayTitle", "PassageReady", "PassageDone", "PassageHeader",
    "PassageFooter"})
SPECIAL_TAGS = frozenset({"script", "stylesheet", "widget", "header", "footer", "startup",
                          "debug-header", "debug-footer", "debug-startup", "Twine.image",
                          "Twine.private"})

_LINK = re.compile(r"\[\[(?!\[)(.*?)\]\]", re.S)
_SUGARCUBE = re.compile(r"<<(/?)\s*([\w-]*)(.*?)>>", re.S)
_HARLOWE_START = re.compile(r"\(([A-Za-z][\w-]*):")
_COMMENT = re.compile(r"<!--.*?-->|/\*.*?\*/", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_TWEE2_POSITION = re.compile(r"\s*<\d+\s*,\s*\d+>\s*$")


class TweeError(Exception):
    """Input that can't be read as a Twine story, at a line of the file (1-based)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


@dataclass
class Passage:
    name: str
    tags: tuple[str, ...]
    line: int  # the header's line
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, content line)


@dataclass
class Link:
    text: str
    target: str
    line: int
    simple: bool  # the [[Target]] form: its text is the passage's name
    setter: str = ""


@dataclass
class Story:
    title: str | None
    start: str  # the first passage's name
    passages: dict[str, Passage]  # the story's own passages, in file order
    skipped: list[str] = field(default_factory=list)  # special passages left out
    notes: list[str] = field(default_factory=list)  # what the reader noticed (bad metadata...)


@dataclass
class Cleaned:
    """A passage's text without links and story-format code, with what was taken out."""

    lines: list[tuple[int, str]]
    links: list[Link]
    macros: list[str]  # names of the macros removed, in order, each once


def parse(text: str) -> Story:
    """Read a whole Twee file; TweeError when it is not one, or holds no story."""
    if "<tw-storydata" in text[:20000]:
        raise TweeError(1, _("this is a Twine HTML file, not Twee: in Twine, use Build > Export "
                             "as Twee and give that file"))
    found: list[Passage] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("::"):
            found.append(_header(line[2:], number))
        elif found:
            found[-1].lines.append((number, "::" + line[3:] if line.startswith("\\::") else line))
    if not found:
        raise TweeError(1, _("not a Twee file: no passage header (a line starting with '::')"))
    story = Story(None, "", {})
    data_start: tuple[str, int] | None = None
    for p in found:
        while p.lines and not p.lines[-1][1].strip():  # trailing blank lines are not content
            p.lines.pop()
        if p.name in story.passages:
            raise TweeError(p.line, _("a second passage named '{name}' (the first is on line "
                                      "{line}): give each passage its own name").format(
                                          name=p.name, line=story.passages[p.name].line))
        if p.name == "StoryTitle":
            story.title = next((t.strip() for _n, t in p.lines if t.strip()), None)
        elif p.name == "StoryData":
            data_start = _story_data(p, story.notes)
        if p.name in SPECIAL_NAMES or SPECIAL_TAGS.intersection(p.tags):
            if p.name not in ("StoryTitle", "StoryData"):
                story.skipped.append(p.name)
            continue
        story.passages[p.name] = p
    if not story.passages:
        raise TweeError(found[-1].line, _("no story passages: the file has only special passages "
                                          "(StoryTitle, StoryData, scripts...)"))
    if data_start is not None:
        if data_start[0] not in story.passages:
            raise TweeError(data_start[1], _("StoryData starts the story at '{name}', but there "
                                             "is no passage with that name").format(name=data_start[0]))
        story.start = data_start[0]
    else:
        story.start = "Start" if "Start" in story.passages else next(iter(story.passages))
    return story


def _header(rest: str, number: int) -> Passage:
    """`:: Name [tags] {metadata}` (after the `::`)."""
    name, i = _unescape_until(rest, 0, "[{")
    name = _TWEE2_POSITION.sub("", name).strip()  # Twee2 wrote a position as <x,y>
    if not name:
        raise TweeError(number, _("a passage header with no name: write ':: Name'"))
    tags: tuple[str, ...] = ()
    while i < len(rest) and rest[i] == " ":
        i += 1
    if i < len(rest) and rest[i] == "[":
        block, i = _unescape_until(rest, i + 1, "]")
        tags = tuple(block.split())
    return Passage(name, tags, number)  # metadata (position, size) means nothing to a chat


def _unescape_until(text: str, i: int, stops: str) -> tuple[str, int]:
    out = []
    while i < len(text) and text[i] not in stops:
        if text[i] == "\\" and i + 1 < len(text):
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out), i


def _story_data(p: Passage, notes: list[str]) -> tuple[str, int] | None:
    raw = "\n".join(t for _n, t in p.lines).strip()
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        notes.append(f"StoryData (line {p.line}) is not valid JSON; it was ignored.")
        return None
    start = data.get("start") if isinstance(data, dict) else None
    if isinstance(data, dict) and isinstance(data.get("format"), str):
        notes.append(f"Written for the {data['format']} story format.")
    return (start, p.line) if isinstance(start, str) and start else None


def split_link(inner: str, line: int) -> Link:
    """The text and target of one link's inside (between `[[` and `]]`), as Twine reads it."""
    body, _sep, setter = inner.partition("][")
    if "->" in body:
        text, target = body.rsplit("->", 1)
    elif "<-" in body:
        target, text = body.split("<-", 1)
    elif "|" in body:
        text, target = body.rsplit("|", 1)
    else:
        text = target = body
    text, target = " ".join(text.split()), " ".join(target.split())
    return Link(text or target, target, line, text == target, setter.strip())


def clean(p: Passage) -> Cleaned:
    """Take the links, comments, macros and HTML out of a passage's text (line numbers kept)."""
    first = p.lines[0][0] if p.lines else p.line + 1
    text = "\n".join(t for _n, t in p.lines)
    macros: list[str] = []
    text = _COMMENT.sub(_keep_newlines, text)
    text = _SUGARCUBE.sub(lambda m: _note_macro(m, macros, f"<<{m.group(2)}>>"), text)
    text = _strip_harlowe(text, macros)
    links: list[Link] = []

    def take(m: re.Match[str]) -> str:
        links.append(split_link(m.group(1), first + text.count("\n", 0, m.start())))
        return _keep_newlines(m)

    text = _LINK.sub(take, text)
    text = _HTML_TAG.sub("", text)
    lines = [(first + i, t) for i, t in enumerate(text.split("\n"))]
    return Cleaned(lines, links, macros)


def _keep_newlines(m: re.Match[str]) -> str:
    return "\n" * m.group(0).count("\n")


def _note_macro(m: re.Match[str], macros: list[str], name: str) -> str:
    if not m.group(1) and name not in macros:  # a closing <</if>> is part of its <<if>>
        macros.append(name)
    return _keep_newlines(m)


def _strip_harlowe(text: str, macros: list[str]) -> str:
    """Remove `(name: ...)` macros (balanced, strings respected); keep the text of the hook
    `[...]` attached to one, without its brackets."""
    out: list[str] = []
    i = 0
    while True:
        m = _HARLOWE_START.search(text, i)
        if m is None:
            out.append(text[i:])
            return "".join(out)
        end = _closing(text, m.start(), "(", ")")
        if end is None:  # not closed: not a macro after all
            out.append(text[i:m.end()])
            i = m.end()
            continue
        out.append(text[i:m.start()] + "\n" * text.count("\n", m.start(), end))
        name = f"({m.group(1)}:)"
        if name not in macros:
            macros.append(name)
        i = end
        j = i
        while j < len(text) and text[j] in " \t":
            j += 1
        if text.startswith("[", j) and (not text.startswith("[[", j) or text.startswith("[[[", j)):
            hook_end = _closing(text, j, "[", "]")
            if hook_end is not None:  # the hook's text stays, its brackets go
                text = text[:j] + text[j + 1:hook_end - 1] + text[hook_end:]
                i = j


def _closing(text: str, start: int, opening: str, closing: str) -> int | None:
    """The index just after the bracket that closes the one at `start`, or None."""
    depth, quote, i = 0, "", start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'" and opening == "(":
            quote = c
        elif c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None
