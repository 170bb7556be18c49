"""Story checks over a loaded scenario: references, variables, language, content and assets.

The loader answers "is this well-formed?"; these checks answer "does this story work?":
targets exist, every beat is reachable and can end (structure_checks.py), variables are set
before they are read, French is complete, and the content is fit for a Grade 7 classroom.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .app_checks import check_apps
from .diagnostics import Diagnostic
from .loader import named
from .model import PLAYER, RESERVED_SENDERS, SYSTEM
from .service_checks import check_services
from .structure_checks import StructureChecks, suggest
from .thread_checks import check_threads
from .writing_checks import check_writing

# Student-facing lines longer than this don't fit a chat bubble on a projector.
MAX_MESSAGE_CHARS = 280
MAX_CHOICE_CHARS = 140

# Terms that have no place in a Grade 7-8 scenario, in either language. Tactics are shown,
# acts are not: write "a private pic" or "an intimate image", never these.
_EXPLICIT = [
    "sex", "sexy", "sexting", "nude", "nudes", "naked", "porn", "porno", "pornography", "xxx",
    "boobs", "tits", "penis", "vagina", "dick", "horny", "orgasm", "masturbate", "masturbating",
    "blowjob", "onlyfans", "lingerie", "undress", "undressed", "topless",
    "sexe", "nu", "nue", "nus", "nues", "nudité", "pornographie", "seins", "pénis", "vagin",
    "bite", "excitée", "excité", "branler", "déshabille", "déshabillée", "sous-vêtements",
]
EXPLICIT_RE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, _EXPLICIT)) + r")(?![\w-])",
                         re.IGNORECASE)


class StoryChecks(StructureChecks):
    """One pass per concern over a valid model, each adding located diagnostics."""

    def run(self) -> list[Diagnostic]:
        self.senders_and_flags()
        self.beat_shapes()
        self.graph()
        self.variables()
        self.languages_and_content()
        self.resource_ids()
        check_services(self.sc, self.resources, lambda path, code, msg, hint: self.add(path, code, msg, hint))
        check_writing(self.sc, lambda path, code, msg, hint: self.add(path, code, msg, hint))
        check_threads(self.sc, lambda path, code, msg, hint: self.add(path, code, msg, hint))
        self.asset_paths()
        return self.diags

    def senders_and_flags(self) -> None:
        known = set(self.sc.characters) | set(RESERVED_SENDERS)
        cats = self.taxonomy.categories if self.taxonomy else None
        for bid, beat in self.sc.beats.items():
            for i, msg in enumerate(beat.messages):
                at = ("beats", bid, "messages", i)
                if msg.sender not in known:
                    by_name = named(msg.sender, {c: [ch.name.en, ch.name.fr or ""]
                                                 for c, ch in self.sc.characters.items()})
                    self.add(at + ("from",), "RF020", f"unknown character '{msg.sender}'",
                             (f"use the character's id: from: {by_name} ('{msg.sender}' is the "
                              "name the chat shows)" if by_name else "") or
                             suggest(msg.sender, known) or
                             f"add '{msg.sender}' under characters, or use 'you' or 'system'")
                marks = [k for k, v in (("flag", msg.flag), ("note", msg.note),
                                        ("borderline", msg.borderline)) if v is not None]
                if len(marks) > 1:
                    self.add(at, "RF033", f"this message has both a {marks[0]} and a {marks[1]}",
                             "a flag marks a real red flag, a note explains why something only looks "
                             "suspicious, borderline marks a judgement call: keep one")
                who = self.sc.characters.get(msg.sender)
                if who is not None and who.offender and not marks:
                    self.add(at, "RF043", f"a message from '{msg.sender}', who is doing harm, has "
                             "no flag, note or borderline mark",
                             "decide: flag it if it is a warning sign, mark it borderline if "
                             "flagging it is a fair judgement call, or add a note saying why it is "
                             "ordinary on its own")
                if msg.flag and msg.sender in (PLAYER, SYSTEM):
                    self.add(at + ("flag",), "RF037",
                             f"a message from '{msg.sender}' carries a red flag",
                             "students flag what others send them")
                if msg.flag and cats is not None:
                    for j, cat in enumerate((msg.flag.category,) + msg.flag.also):
                        if cat not in cats:
                            path = at + ("flag", "category") if j == 0 else at + ("flag", "also", j - 1)
                            self.add(path, "RF021", f"unknown red-flag category '{cat}'",
                                     suggest(cat, cats) or "see scenarios/taxonomy.yaml for the list")

    def variables(self) -> None:
        defined = set(self.sc.variables)
        for beat in self.sc.beats.values():
            for c in beat.choices or ():
                defined |= set(c.set) | set(c.add)
        for bid, beat in self.sc.beats.items():
            conds = [(("beats", bid, "messages", i, "if"), m.when) for i, m in enumerate(beat.messages)]
            conds += [(("beats", bid, "choices", i, "if"), c.when) for i, c in enumerate(beat.choices or ())]
            conds += [(("beats", bid, "next", i, "if"), r.when) for i, r in enumerate(beat.next or ())]
            for path, cond in conds:
                for var in sorted(cond.variables() if cond else ()):
                    if var not in defined:
                        self.add(path, "RF026", f"the condition reads '{var}', which no choice sets",
                                 suggest(var, defined) or
                                 f"set it in a choice ('set: {{{var}: true}}') or under 'variables:'")

    def languages_and_content(self) -> None:
        texts = self.sc.texts()
        # one search over everything; only on a hit, find which texts hold the term
        explicit = EXPLICIT_RE.search("\n".join(f"{t.en}\n{t.fr or ''}" for _, t in texts))
        for path, text in texts:
            if text.fr is None and not _is_name(path):
                self.add(path, "RF030", "no French text", _french_hint(self.src.node(path)))
            limit = _limit_for(path)
            for lang, value in (("en", text.en), ("fr", text.fr)):
                if value is None:
                    continue
                m = EXPLICIT_RE.search(value) if explicit else None
                if m:
                    self.add(path, "RF031", f"'{m.group(0)}' is not suitable for a Grade 7-8 "
                             f"classroom ({lang})", "show the tactic, not the act: e.g. 'a private "
                             "pic', 'an intimate image'")
                if limit and len(value) > limit:
                    self.add(path, "RF032", f"this line is {len(value)} characters ({lang}); a "
                             f"bubble fits {limit}", "split it into two messages")
        check_apps(self.sc, texts, lambda path, code, msg, hint: self.add(path, code, msg, hint))

    def resource_ids(self) -> None:
        if self.resources is None:
            return
        for i, rid in enumerate(self.sc.debrief.resources):
            if rid not in self.resources.resources:
                self.add(("debrief", "resources", i), "RF034", f"unknown help resource '{rid}'",
                         suggest(rid, self.resources.resources) or "see scenarios/resources.yaml")

    def asset_paths(self) -> None:
        """Images a scenario names must be files inside its own folder: a shared scenario can't
        make the game read anything else on the machine."""
        folder = Path(self.name).resolve().parent
        for cid, char in self.sc.characters.items():
            if not char.avatar_is_image:
                continue
            at = ("characters", cid, "avatar")
            target = resolve_asset(folder, char.avatar)
            if target is None:
                self.add(at, "RF038", f"'{char.avatar}' points outside the scenarios folder",
                         "put the image in the scenarios folder (e.g. avatars/) and use a "
                         "relative path without '..'")
            elif not target.is_file():
                self.add(at, "RF039", f"no image at '{char.avatar}'",
                         "check the spelling; paths are relative to the scenarios folder")


def resolve_asset(folder: Path, relative: str) -> Path | None:
    """The file a scenario's asset path names, or None if it would leave `folder`."""
    if Path(relative).is_absolute() or "\\" in relative or relative.startswith("~"):
        return None
    target = (folder / relative).resolve()
    return target if target.is_relative_to(folder.resolve()) else None


def _french_hint(node: yaml.Node | None) -> str:
    """Say what is there: a plain text (read as English) has no 'en:' to put 'fr:' beside."""
    if isinstance(node, yaml.MappingNode):
        return "add 'fr:' beside 'en:'"
    return ("this is plain text, read as English: write it as {en: ..., fr: ...}, or as 'en:' and "
            "'fr:' lines under the key")


def _is_name(path: tuple[Any, ...]) -> bool:
    """A character's name may be the same in both languages (Kai_Storm), so it needs no French."""
    return len(path) == 3 and path[0] == "characters" and path[2] == "name"


def _limit_for(path: tuple[Any, ...]) -> int | None:
    if len(path) >= 2 and path[-1] == "text" and "messages" in path:
        return MAX_MESSAGE_CHARS
    if "choices" in path and path[-1] in ("text", "label"):
        return MAX_CHOICE_CHARS
    return None
