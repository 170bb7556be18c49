"""`python -m game twine FILE.twee`: turn a Twine story (Twee 3) into a Red Flags draft.

Passages become beats and links become choices; a line `Name: text` is a message from that
character (`me:`, `you:` or `player:` is the player, `system:` a grey line), a line in
*stars*, //slashes// or (brackets) a system line, and any other line comes from the speaker
before it in the passage, else the story's first character. One link goes on automatically
(`next:`), 2 to 4 are replies, none is an ending. What Twine can't say (red flags, safety,
outcomes, the debrief, French) is filled with placeholders marked TODO that validate, and
listed at the top of the file. Reading Twee itself is game/authoring/twee.py.
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.authoring.template import render as template
from game.authoring.template import scenarios_folder
from game.authoring.twee import Cleaned, Link, Passage, Story, TweeError, clean, parse
from game.engine.model import ID_RE, PLAYER, SYSTEM
from game.engine.services import PLACEHOLDER, ROLES
from game.engine.structure_checks import MAX_CHOICES
from game.engine.validate import default_folder
from game.i18n import _, ngettext

MAX_INPUT = 4 * 1024 * 1024
PLAYER_NAMES = frozenset({"me", "you", "player"})
SYSTEM_NAMES = frozenset({"system", "narrator"})
NAVIGATION = frozenset({"", "continue", "next", "more", "go on", "keep going", "start", "begin",
                        "back", "go back", "return", "restart", "play again", "click here", "then"})
_SPEAKER = re.compile(r"^([^\W\d_][\w .'’-]{0,29}?)\s*:\s+(\S.*)$")
_WRAPPED = re.compile(r"^(?:\*(?!\*)(.+)\*|//(.+)//|\((.+)\)|_(.+)_)$")
_MARKUP = re.compile(r"''(.+?)''|\*\*(.+?)\*\*|(?<!:)//(.+?)//|~~(.+?)~~")
_THE_END = re.compile(r"^\W*the end\W*$", re.I)
_VARIABLE = re.compile(r"(?<![\w$])\$[A-Za-z_]\w*")
_PLAIN = re.compile(r"[^\W\d_][\w .,!?'’()-]*", re.U)
_COMMENT_COLUMN = 30


@dataclass
class Beat:
    id: str
    passage: Passage
    messages: list[tuple[str, str]]  # (sender, text)
    links: list[Link]  # none: an ending; one: next; 2 to 4: choices
    ending_text: str = ""


@dataclass
class Draft:
    """The converted story, ready to write: beats in order (the start first)."""

    id: str
    title: str
    characters: dict[str, str] = field(default_factory=dict)  # id -> display name
    beats: list[Beat] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def endings(self) -> int:
        return sum(not b.links for b in self.beats)


def slug(text: str, fallback: str) -> str:
    """A format id from a name: 'Told Mom!' -> 'told-mom', 'Zoé' -> 'zoe'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-_")
    return out if ID_RE.match(out) and out != "null" else fallback  # `null` would read as nothing


def convert(story: Story, story_id: str, source: str) -> Draft:
    """Map the passages to beats (TweeError for a link to a passage that doesn't exist)."""
    draft = Draft(story_id, story.title or source)
    order = [story.start] + [n for n in story.passages if n != story.start]
    ids: dict[str, str] = {}
    for n, name in enumerate(order, 1):
        ids[name] = _unique(slug(name, f"passage-{n}"), set(ids.values()))
    cleaned = {name: clean(story.passages[name]) for name in order}
    default = _first_speaker(cleaned.values(), draft)
    for name in order:
        p, c = story.passages[name], cleaned[name]
        for link in c.links:
            if link.target not in story.passages:
                close = difflib.get_close_matches(link.target, list(story.passages), n=1)
                hint = _(" (did you mean '{name}'?)").format(name=close[0]) if close else ""
                raise TweeError(link.line, _("the link [[{text}]] goes to '{target}', but there is "
                                             "no passage with that name{hint}").format(
                                                 text=link.text, target=link.target, hint=hint))
            link.text = _tidy(link.text) or _tidy(link.target) or link.target
            link.target = ids[link.target]
        if len(c.links) > MAX_CHOICES:
            raise TweeError(c.links[MAX_CHOICES].line, _(
                "passage '{name}' has too many links: a reply offers 2 to {most} choices; split "
                "the passage or remove links").format(name=name, most=MAX_CHOICES))
        lines = _messages(c, default, draft)
        beat = Beat(ids[name], p, [(who, text) for who, text, _kind in lines], c.links)
        if not c.links and not any(kind == "named" for *_rest, kind in lines):
            # an ending told as narration: its plain lines are what happened next
            beat.ending_text = " ".join(text for _who, text, kind in lines if kind == "plain")
            beat.messages = [(who, text) for who, text, kind in lines if kind != "plain"]
        if len(c.links) == 1 and c.links[0].text.lower().strip(" .!?>→") not in NAVIGATION \
                and not c.links[0].simple:
            beat.messages.append((PLAYER, c.links[0].text))  # a single reply is the player's line
        draft.beats.append(beat)
        _note_passage(p, c, draft)
    draft.notes += story.notes
    if story.skipped:
        draft.notes.append("Left out (story-format setup, not story text): " + ", ".join(story.skipped) + ".")
    return draft


def _unique(base: str, taken: set[str]) -> str:
    n, out = 2, base
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


def _speaker(line: str) -> tuple[str, str] | None:
    m = _SPEAKER.match(line)
    if m is None or len(m.group(1).split()) > 3:
        return None
    return m.group(1).strip(), m.group(2)


def _sender(name: str, draft: Draft) -> str:
    key = name.lower()
    if key in PLAYER_NAMES:
        return PLAYER
    if key in SYSTEM_NAMES:
        return SYSTEM
    cid = slug(name, "character")
    cid = f"{cid}-character" if cid in (PLAYER, SYSTEM) else cid
    draft.characters.setdefault(cid, name)
    return cid


def _first_speaker(passages: Iterable[Cleaned], draft: Draft) -> str:
    """The story's first character: who speaks an unnamed line when no one spoke before it."""
    for c in passages:
        for _n, line in c.lines:
            found = _speaker(_tidy(line))
            if found and _sender(found[0], draft) not in (PLAYER, SYSTEM):
                return _sender(found[0], draft)
    return SYSTEM


def _messages(c: Cleaned, default: str, draft: Draft) -> list[tuple[str, str, str]]:
    """(sender, text, how the sender was found: "named", "wrapped" or "plain") per line."""
    out: list[tuple[str, str, str]] = []
    speaker = default
    for _n, raw in c.lines:
        line = " ".join(raw.split())
        wrapped = _WRAPPED.match(line)
        found = _speaker(_tidy(line))
        if found:
            speaker = _sender(found[0], draft)
            out.append((speaker, _tidy(found[1]), "named"))
        elif wrapped:
            out.append((SYSTEM, _tidy(next(g for g in wrapped.groups() if g)), "wrapped"))
        else:
            out.append((speaker, _tidy(line), "plain"))
    return [m for m in out if re.search(r"\w", m[1]) and not _THE_END.match(m[1])]


def _tidy(text: str) -> str:
    """Story-format emphasis taken off (a chat bubble has none), entities read, spaces tidied."""
    text = _MARKUP.sub(lambda m: next(g for g in m.groups() if g is not None), text)
    return " ".join(_no_braces(html.unescape(text)).split())


def _no_braces(text: str) -> str:
    """Braces go (Harlowe's whitespace-collapsing { }, Chapbook's inserts), but a help service's
    role stays: `{helpline}` is how a story names one."""
    out, i = [], 0
    for m in PLACEHOLDER.finditer(text):
        if m.group(1) in ROLES:
            out += [text[i:m.start()].replace("{", "").replace("}", ""), m.group(0)]
            i = m.end()
    out.append(text[i:].replace("{", "").replace("}", ""))
    return "".join(out)


def _note_passage(p: Passage, c: Cleaned, draft: Draft) -> None:
    where = f'Passage "{p.name}" (line {p.line})'
    if c.macros:
        draft.notes.append(f"{where}: removed {', '.join(c.macros)}; write what they did with "
                           "`set:` on a choice and `if:` on a message, choice or next.")
    setters = [link.setter for link in c.links if link.setter]
    if setters:
        draft.notes.append(f"{where}: link setters removed ({'; '.join(setters)}); use `set:`.")
    printed = sorted({v for _n, t in c.lines for v in _VARIABLE.findall(t)})
    if printed:
        draft.notes.append(f"{where}: shows story variables ({', '.join(printed)}); write the text out.")


# --- writing the YAML ----------------------------------------------------------------------------

def quote(text: str) -> str:
    """A YAML scalar that reads back as exactly `text`: plain when that is safe, else quoted."""
    if _PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in ("null", "true", "false"):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _line(text: str, comment: str = "") -> str:
    if not comment:
        return text
    return f"{text:<{_COMMENT_COLUMN}}# {comment}" if len(text) < _COMMENT_COLUMN else f"{text}  # {comment}"


STILL_TO_WRITE = """\
# STILL TO WRITE (search for TODO; `python -m game validate` lists what is missing):
#   - Red flags: add a `flag:` (category from scenarios/taxonomy.yaml, and why) to every message
#     that is a warning sign, and a `note:` to those that only look suspicious. Mark the character
#     doing harm `offender: true`.
#   - The safety of each reply: every choice says `safety: risky` with a TODO feedback; make it
#     safe, risky or unsafe and say why.
#   - Outcomes: every ending says `outcome: risky`; make it safe, risky or harmful, and write what
#     happened next (ending with help, never blame).
#   - The debrief: its summary, questions, what to do in real life, and help resources.
#   - About the story: summary, grades, topics, minutes, content note, goals, the app, and each
#     character's status, who they claimed to be and who they really were.
#   - French: every text is English only; write {en: ..., fr: ...} (validate --strict lists them).
"""


def render(draft: Draft, source: str, modeline: str, target: str) -> str:
    out = [modeline, "#", f'# A Red Flags draft made from the Twine story "{draft.title}" ({source}).',
           "# Lines starting with # are comments: the game ignores them.",
           "# Tutorial: docs/authoring.md   Every key: docs/scenario-format.md",
           f"# Check it:  python -m game validate {target}",
           f"# Play it:   python -m game walk {target}", "#", STILL_TO_WRITE.rstrip("\n")]
    if draft.notes:
        out += ["#", "# From Twine:"] + [f"#   - {note}" for note in draft.notes]
    todo = "TODO: " + "{}"
    out += ["", _line("format: 1"), _line(f"id: {draft.id}", "the same as the file name"),
            f"title: {quote(draft.title)}",
            _line(f"summary: {quote(todo.format('one line for the scenario picker'))}", "TODO"),
            _line("grades: [7, 8]", "TODO: the grades it is written for"),
            _line("topics: [grooming]", "TODO: grooming, sextortion, bystander, judgement, peer-pressure"),
            _line(f"minutes: {max(1, min(60, round(len(draft.beats) / 2)))}",
                  "TODO: python -m game check estimates it"),
            _line(f"content_note: {quote(todo.format('say gently what the story shows'))}", "TODO"),
            "goals:", _line(f"  - {quote(todo.format('what students should learn'))}", "TODO"),
            "platform:", _line("  name: ChatterNest", "TODO: always an invented app, never a real one"),
            _line("  kind: social_dm", "TODO: game_chat, social_dm, text_messages, group_chat, livestream"),
            "characters:"]
    for cid, name in draft.characters.items() or [("friend", "Friend")]:
        initials = "".join(w[0] for w in re.split(r"[\s_.-]+", name) if w[:1].isalnum())[:2].upper()
        out += [f"  {cid}:", f"    name: {quote(name)}", f"    avatar: {quote(initials)}",
                "    # TODO: status, claimed (who they said they were), really (who they were)"]
    out += ["", _line("beats:", "the first beat listed is where the story starts")]
    for beat in draft.beats:
        p, links = beat.passage, beat.links
        out += [_line(f"  {beat.id}:", f'Twine passage "{p.name}" (line {p.line})')]
        if beat.messages:
            out.append("    messages:")
            for who, text in beat.messages:
                out += [f"      - from: {who}", f"        text: {quote(text)}"]
        if len(links) == 1:
            out.append(f"    next: {links[0].target}")
        elif links:
            out.append("    choices:")
            for link in links:
                out += [f"      - text: {quote(link.text)}", f"        goto: {link.target}",
                        _line("        safety: risky", "TODO: safe, risky or unsafe"),
                        f"        feedback: {quote(todo.format('why this reply is safe, risky or unsafe'))}"]
        else:
            out += ["    ending:", _line("      outcome: risky", "TODO: safe, risky or harmful"),
                    f"      title: {quote(p.name)}",
                    _line(f"      text: {quote(beat.ending_text or todo.format('what happened next'))}",
                          "TODO: end with help, never blame" if beat.ending_text else "TODO")]
        out.append("")
    out += ["debrief:", f"  summary: {quote(todo.format('what happened and which tactics were used'))}",
            "  questions:", f"    - {quote(todo.format('a question for groups to talk over'))}",
            "  real_life:", f"    - {quote(todo.format('what to do if this happens for real'))}",
            _line("  resources: []", "TODO: ids from scenarios/resources.yaml, e.g. [kids-help-phone, cybertip]"),
            "", "# A draft can be played by you (python -m game play FILE) but is never offered to a class.",
            "# Delete the next line when the story is ready for students.", "draft: true", ""]
    return "\n".join(out)


# --- the command ---------------------------------------------------------------------------------

def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=_("the Twine story, exported as Twee 3 (.twee or .tw)"))
    parser.add_argument("--out", type=Path, default=None,
                        help=_("where to write the draft (default: ID.yaml in My stories)"))
    parser.add_argument("--id", default=None,
                        help=_("the new scenario's id (default: from --out's file name, the story's "
                               "title or the Twee file's name)"))


def read(path: Path) -> str:
    """The text of a Twee file; TweeError (line 1) when it can't be read as text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TweeError(0, _("can't read the file: {error}").format(error=exc.strerror or exc)) from None
    if len(raw) > MAX_INPUT:
        raise TweeError(1, _("the file is too large for a story ({size} MB)").format(size=len(raw) // 2**20))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TweeError(1, _("not a Twee file: it is not UTF-8 text")) from None


def run(args: argparse.Namespace) -> int:
    source: Path = args.file
    out_arg: Path | None = args.out
    try:
        story = parse(read(source))
        story_id = args.id or next(
            (s for s in (slug(out_arg.stem, "") if out_arg else "", slug(story.title or "", ""),
                         slug(source.stem, "")) if s), "twine-story")
        if not ID_RE.match(story_id):
            print(_("'{name}' can't be a scenario id: use lowercase letters, digits, '-' and '_' "
                    "(e.g. stranger-skatepark)").format(name=story_id), file=sys.stderr)
            return 2
        draft = convert(story, story_id, source.name)
    except TweeError as exc:
        where = f"{source}:{exc.line}" if exc.line else str(source)
        print(_("{where}: error: {message}").format(where=where, message=exc.message), file=sys.stderr)
        return 2
    out = out_arg or scenarios_folder() / f"{story_id}.yaml"
    if (default_folder() / f"{story_id}.yaml").exists():  # a shipped story's id: pick another
        print(_("'{name}' is already the id of a story that comes with the game: choose another "
                "with --id").format(name=story_id), file=sys.stderr)
        return 2
    if out.exists():
        print(_("{path} already exists; I won't overwrite it. Pick another name or --out path.").format(path=out))
        return 1
    target = f'"{out}"' if " " in str(out) else str(out)
    modeline = template(story_id, out).split("\n", 1)[0]  # the same modeline `new` writes
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(draft, source.name, modeline, target), encoding="utf-8")
    print(_("wrote {path}").format(path=out))
    print(_("{beats} from {passages}, with {endings}.").format(
        beats=ngettext("{n} beat", "{n} beats", len(draft.beats)).format(n=len(draft.beats)),
        passages=ngettext("{n} passage", "{n} passages", len(draft.beats)).format(n=len(draft.beats)),
        endings=ngettext("{n} ending", "{n} endings", draft.endings).format(n=draft.endings)))
    print(_("Still to write (listed at the top of the file): red flags, the safety of each reply, "
            "outcomes, the debrief and French."))
    return _check(out, target)


def _check(out: Path, target: str) -> int:
    """Validate the draft as `validate` would, and say what the writer must fix first."""
    from game.authoring.lint import collect

    diags = [d for lib in collect([out]) for d in lib.all_diagnostics()]
    errors = [d for d in diags if d.severity == "error"]
    for d in errors:
        print(d)
    print(_("checked it: {errors}, {warnings}").format(
        errors=ngettext("{n} error", "{n} errors", len(errors)).format(n=len(errors)),
        warnings=ngettext("{n} warning", "{n} warnings", len(diags) - len(errors)).format(
            n=len(diags) - len(errors))))
    if errors:
        return 1
    print(_("next: python -m game walk {path}").format(path=target))
    return 0
