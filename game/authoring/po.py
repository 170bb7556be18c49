"""`python -m game po export | import`: a story's text as a PO file for translators, and back.

A translator works in Poedit or Weblate and never opens the YAML. `export` writes one entry per
text of the story: its place in the story as the context (`beats.meet.messages[2].text`, the
paths of `Scenario.texts()`), the English as the msgid, the translation already written (if
any) as the msgstr, who says it and why it matters as comments, and its file:line.

`import` writes the translations back, in place (textedit.py): only the target language's values
change, every other byte of the file stays as it was. Fuzzy and empty entries are skipped, and
so is an entry whose English no longer matches the story (it changed since the export); each
kind is counted. The edited file is loaded again before it is written, and must say exactly
what the PO file said.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.authoring import textedit
from game.authoring.common import missing_story, scenario_file, write_output
from game.authoring.pofile import Entry, PoError, header, po_string, read_entries
from game.engine.loader import parse_yaml, validate_model
from game.engine.model import PLAYER, SYSTEM, Character, Choice, Ending, Message, Scenario, Thread
from game.engine.options import LANGS, Outcome, Safety, label
from game.engine.services import PLACEHOLDER
from game.engine.yamlsource import read_source
from game.i18n import _, ngettext
from game.library import story_ids

TARGETS = tuple(lang for lang in LANGS if lang != "en")
HEADERS = {"fr": ("fr_CA", "nplurals=2; plural=(n > 1);")}  # Language, Plural-Forms
STORY_HEADER = "X-Red-Flags-Story"


# --- the story's texts -------------------------------------------------------------------------

@dataclass
class Story:
    """A story file as text, its model, and where each of its texts is written."""

    path: Path
    text: str
    bom: bool
    scenario: Scenario
    sites: dict[str, textedit.Site]  # place -> site, in the order they are written


def place(path: tuple[Any, ...]) -> str:
    """A text's place as a PO context: `beats.meet.messages[2].text`."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else ("." if out else "") + str(step)
    return out


def load_story(ref: str) -> tuple[Story | None, list[str]]:
    """The story `ref` names, or None and why not (one line per problem)."""
    path = scenario_file(ref)
    if path is None:  # neither a story id nor a file: the same words as every other command
        return None, [str(missing_story(ref, story_ids()))]
    raw, problem = read_source(path)
    if problem is not None or raw is None:
        return None, [str(problem)]
    loaded = parse_yaml(raw, str(path))
    scenario = validate_model(Scenario, loaded)
    errors = [str(d) for d in loaded.diagnostics if d.severity == "error"]
    if scenario is None or errors:
        return None, errors or [str(d) for d in loaded.diagnostics]
    text = raw.decode("utf-8-sig")
    root = textedit.compose(text)
    found = [(path_, textedit.find(root, path_)) for path_, _text in scenario.texts()]
    sites = {place(p): s for p, s in found if s is not None}
    order = sorted(sites, key=lambda k: (sites[k].line, sites[k].node.start_mark.column))
    return Story(path, text, raw.startswith(b"\xef\xbb\xbf"), scenario, {k: sites[k] for k in order}), []


def _name(sc: Scenario, sender: str) -> str:
    if sender == PLAYER:
        return _("the player")
    if sender == SYSTEM:
        return _("a system line")
    who = sc.characters.get(sender)
    return who.name.en if who is not None else sender


def _on_the_way(sc: Scenario, path: tuple[Any, ...]) -> list[Any]:
    """Every part of the story that holds the text at `path`, the innermost last."""
    node: Any = sc
    out = []
    for step in path[:-1]:
        if isinstance(node, (tuple, list, dict)):
            node = node[step]
        else:  # a model: the path names its fields as the YAML does (`from`, `if`)
            fields = type(node).model_fields
            node = getattr(node, next((n for n, f in fields.items() if (f.alias or n) == step), step))
        out.append(node)
    return out


def thread_name(sc: Scenario, tid: str) -> str:
    """A thread as a translator reads it: its id and what the phone calls it, `dad (Dad)`."""
    th = sc.threads.get(tid)
    if th is None:
        return tid
    shown = th.title.en if th.title is not None else ", ".join(dict.fromkeys(_name(sc, p) for p in th.people))
    return f"{tid} ({shown})"


def _action(sc: Scenario, choice: Choice) -> str:
    """What an action reply does, in the story's own words: `report, reason: threats`."""
    what = str(choice.act)
    if choice.act == "report" and choice.reason:
        what += f", reason: {choice.reason}"
    if choice.act == "tell" and choice.to:
        what += f", to: {thread_name(sc, choice.to)}"
    return what


def notes(sc: Scenario, path: tuple[Any, ...]) -> list[str]:
    """What a translator needs to know about the text at `path`: who says it, where (a format 2
    story's thread), what a reply does, and why it matters."""
    parts = _on_the_way(sc, path)
    holder = parts[-1] if parts else None
    if isinstance(holder, Character) and path[-1] == "name":
        return [_("a name: leave it empty when it stays the same in every language")]
    if isinstance(holder, Thread) and path[-1] == "title":
        people = ", ".join(dict.fromkeys(_name(sc, p) for p in holder.people))
        return [_("the name of a conversation on the phone: {thread}, with {people}").format(
            thread=path[1], people=people)]
    for part in reversed(parts):
        if isinstance(part, Message):
            out = [_("speaker: {name}").format(name=_name(sc, part.sender))]
            if sc.threads:
                out.append(_("in thread: {thread}").format(thread=thread_name(sc, sc.thread_of(part))))
            if isinstance(holder, Message) and holder.flag is not None and path[-1] == "text":
                out.append(_("red flag ({category}): {why}").format(category=holder.flag.category,
                                                                    why=holder.flag.why.en))
            return out
        if isinstance(part, Choice):
            safety = label(Safety, part.safety)
            if part.act == "act":
                return [_("an action the player takes, not a message sent ({safety})").format(safety=safety)]
            if part.act is not None:
                return [_("an action the player takes, not a message sent ({safety}): {action}").format(
                    safety=safety, action=_action(sc, part))]
            return [_("a reply the player can pick ({safety})").format(safety=safety)]
        if isinstance(part, Ending):
            return [_("an ending ({outcome})").format(outcome=label(Outcome, part.outcome))]
    return []


# --- writing a PO file -------------------------------------------------------------------------

def _reference(path: Path) -> str:
    """The story file as a `#:` reference: relative to here when it is below, and a name with
    spaces ("My stories") between the isolating marks gettext's tools put around it."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        shown = str(path)
    name = Path(shown).as_posix() if not shown.startswith("..") else path.as_posix()
    return f"\u2068{name}\u2069" if " " in name else name


def export_po(story: Story, lang: str) -> str:
    """The PO file of `story`'s text for translating into `lang`."""
    sc = story.scenario
    language, plurals = HEADERS.get(lang, (lang, "nplurals=2; plural=(n != 1);"))
    about = _("Red Flags story: {title} ({id})").format(title=" ".join(sc.title.en.split()), id=sc.id)
    then = _("Translate it, then: python -m game po import {id} FILE.po").format(id=sc.id)
    head = [f"# {about}", f"# {then}", 'msgid ""', 'msgstr ""', f'"Project-Id-Version: redflags-{sc.id}\\n"',
            '"PO-Revision-Date: \\n"', '"Last-Translator: \\n"', '"Language-Team: \\n"',
            f'"Language: {language}\\n"', '"MIME-Version: 1.0\\n"',
            '"Content-Type: text/plain; charset=UTF-8\\n"', '"Content-Transfer-Encoding: 8bit\\n"',
            f'"Plural-Forms: {plurals}\\n"', f'"{STORY_HEADER}: {sc.id}\\n"']
    out = ["\n".join(head)]
    ref = _reference(story.path)
    for where, site in story.sites.items():
        english = site.value("en") or ""
        lines = [f"#. {note}" for note in notes(sc, site.path)]
        lines.append(f"#: {ref}:{site.line}")
        if PLACEHOLDER.search(english):
            lines.append("#, python-brace-format")
        lines += [f"msgctxt {po_string(where)}", f"msgid {po_string(english)}",
                  f"msgstr {po_string(site.value(lang) or '')}"]
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


# --- importing ---------------------------------------------------------------------------------

@dataclass
class Outcomes:
    changes: dict[str, str] = field(default_factory=dict)  # place -> new translation
    same: int = 0
    fuzzy: int = 0
    empty: int = 0
    stale: list[str] = field(default_factory=list)  # one line per skipped entry


def sort_entries(story: Story, entries: list[Entry], lang: str, po_name: str) -> Outcomes:
    """What to do with each entry: change, keep, or skip (and why)."""
    out = Outcomes()
    for e in entries:
        if e.msgid == "" and e.context is None:
            continue  # the header
        where = f"{po_name}:{e.line}"
        site = story.sites.get(e.context or "")
        if e.fuzzy:
            out.fuzzy += 1
        elif not e.msgstr or e.plural:
            out.empty += 1
        elif site is None:
            out.stale.append(_("{where}: '{place}' is not in the story any more: skipped")
                             .format(where=where, place=e.context or ""))
        elif site.value("en") != e.msgid:
            out.stale.append(_("{where}: the English of '{place}' changed since the export: skipped")
                             .format(where=where, place=e.context))
        elif site.value(lang) == e.msgstr:
            out.same += 1
        else:
            out.changes[e.context or ""] = e.msgstr
    return out


def rewrite(story: Story, changes: dict[str, str], lang: str) -> tuple[str | None, list[str]]:
    """The story's text with `changes` made in place, checked by loading it again; or None and
    the places that can't be edited (or why the result would not load)."""
    edits, refused = [], []
    for where, value in changes.items():
        site = story.sites[where]
        try:
            edits.append(textedit.plan(story.text, site, lang, value))
        except textedit.Unsupported as exc:
            refused.append(f"{story.path}:{exc.line}: {exc}")
    if refused:
        return None, refused
    new_text = textedit.apply(story.text, edits)
    expected = copy.deepcopy(parse_yaml(story.text, str(story.path)).data)
    for where, value in changes.items():
        textedit.with_text(expected, story.sites[where].path, lang, value)
    loaded = parse_yaml(new_text, str(story.path))
    model = validate_model(Scenario, loaded)
    if model is None or loaded.data != expected:
        problems = [str(d) for d in loaded.diagnostics] or [_("the edited file does not read back as expected")]
        return None, problems
    return new_text, []


def import_po(args: argparse.Namespace) -> int:
    story, problems = load_story(args.scenario)
    if story is None:
        return _unusable(args.scenario, problems)
    try:
        po_text = Path(args.po).read_text(encoding="utf-8-sig")
        entries = read_entries(po_text)
    except OSError as exc:
        return _fail(_("cannot read {path}: {error}").format(path=args.po, error=exc.strerror or exc), [])
    except (UnicodeDecodeError, PoError) as exc:
        line = exc.line if isinstance(exc, PoError) else 0
        return _fail(_("{path}:{line}: this is not a PO file this command can read")
                     .format(path=args.po, line=line), [])
    head = header(entries)
    story_id = head.get(STORY_HEADER, story.scenario.id)
    if story_id != story.scenario.id:
        return _fail(_("{path} holds the text of '{other}', not of '{id}'")
                     .format(path=args.po, other=story_id, id=story.scenario.id), [])
    lang = args.lang or head.get("Language", "fr").split("_")[0].lower()
    if lang not in TARGETS:
        return _fail(_("{path} is in '{lang}': add --lang with one of {langs}")
                     .format(path=args.po, lang=lang, langs=", ".join(TARGETS)), [])
    result = sort_entries(story, entries, lang, str(args.po))
    out = Path(args.out) if args.out else story.path
    new_text, problems = rewrite(story, result.changes, lang)
    if new_text is None:
        return _fail(_("nothing was written to {path}:").format(path=out), problems)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(("\ufeff" if story.bom else "").encode() + new_text.encode("utf-8"))
    _report(result, out)
    return 0


def _report(result: Outcomes, out: Path) -> None:
    for skipped in result.stale:
        print(skipped, file=sys.stderr)
    n = len(result.changes)
    print(ngettext("{n} translation written to {path}", "{n} translations written to {path}", n)
          .format(n=n, path=out))
    counts = [(result.same, ngettext("{n} already in the story", "{n} already in the story", result.same)),
              (result.fuzzy, ngettext("{n} fuzzy entry skipped", "{n} fuzzy entries skipped", result.fuzzy)),
              (result.empty, ngettext("{n} untranslated entry skipped", "{n} untranslated entries skipped",
                                      result.empty)),
              (len(result.stale), ngettext("{n} out-of-date entry skipped", "{n} out-of-date entries skipped",
                                           len(result.stale)))]
    for count, words in counts:
        if count:
            print("  " + words.format(n=count))


def _unusable(ref: str, problems: list[str]) -> int:
    return _fail(_("'{ref}' can't be used until these are fixed:").format(ref=ref), problems)


def _fail(message: str, problems: list[str]) -> int:
    print(message, file=sys.stderr)
    for p in problems:
        print(p, file=sys.stderr)
    return 1


# --- the command -------------------------------------------------------------------------------

def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="export | import")
    story_help = _("a scenario id (e.g. game-teammate) or a .yaml file")
    exp = sub.add_parser("export", help=_("write a PO file of a story's text, for translators"))
    exp.add_argument("scenario", help=story_help)
    exp.add_argument("--lang", choices=TARGETS, default=TARGETS[0],
                     help=_("the language to translate into"))
    exp.add_argument("--out", type=Path, default=None, help=_("write to this file (default: print)"))
    imp = sub.add_parser("import", help=_("write a PO file's translations into the story"))
    imp.add_argument("scenario", help=story_help)
    imp.add_argument("po", type=Path, metavar="FILE.po", help=_("the translated PO file"))
    imp.add_argument("--lang", choices=TARGETS, default=None,
                     help=_("the language of the translations (default: the PO file's Language)"))
    imp.add_argument("--out", type=Path, default=None,
                     help=_("write the story to this file (default: over the story itself)"))


def run(args: argparse.Namespace) -> int:
    if args.action == "import":
        return import_po(args)
    story, problems = load_story(args.scenario)
    if story is None:
        return _unusable(args.scenario, problems)
    text = export_po(story, args.lang)
    write_output(text, args.out)
    if args.out is not None:
        total = len(story.sites)
        done = sum(bool(s.value(args.lang)) for s in story.sites.values())
        print(ngettext("{n} text, {done} already translated", "{n} texts, {done} already translated", total)
              .format(n=total, done=done))
    return 0
