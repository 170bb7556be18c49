"""The spot check: short unseen chats in which a group flags the messages that are red flags.

A skill check, not a memory check: before the first story and after the last, each group reads
two or three chats it has never seen (5-8 messages, fictional app and people) and flags the
messages it thinks are warning signs. Curriculum writers keep each chat in
`scenarios/spotcheck/NAME.yaml` (`kind: spotcheck`), each message either a red flag
(`red_flag: CATEGORY`, from taxonomy.yaml), or `fine: true` (it looks odd but is fine: a
coach's reminder, a parent checking in), or plain; both marks need a `why`. Each chat belongs
to parallel form A or B. Files are read with the stories' loader and checked with the stories'
language and content checks (French typography, RF030-RF032), so a writer sees the same codes.
Scoring is detection.py.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import ConfigDict, Field

from ..shipped import scenarios
from .basetypes import Ident, _Strict
from .cast import Character, Platform
from .diagnostics import Diagnostic, has_errors, make
from .loader import build_model, parse_yaml, read_source
from .localtext import Text
from .model import PLAYER, Scenario, _collect_texts
from .quiz import FORMS, Form
from .story_checks import StoryChecks
from .structure_checks import suggest
from .taxonomy import Taxonomy, load_taxonomy
from .yamlsource import Loaded

FORMAT_VERSION = 1
MIN_MESSAGES, MAX_MESSAGES = 5, 8
FOLDER = "spotcheck"
Topic = Literal["grooming", "sextortion"]


class SpotMessage(_Strict):
    """One message of a spot-check chat, and what a group should make of it."""

    sender: Ident = Field(alias="from", description="A character id, or 'you' for the student.")
    text: Text
    red_flag: Ident | None = Field(default=None, description="The red-flag category this message "
                                   "shows (taxonomy.yaml): flagging it is a hit, missing it a miss.")
    fine: bool = Field(default=False, description="It looks odd but is fine: flagging it is a "
                       "false alarm, and the debrief says why.")
    why: Text | None = Field(default=None, description="Why it is a red flag, or why it is fine.")

    model_config = ConfigDict(populate_by_name=True)


class SpotCheck(_Strict):
    """One short chat of the spot check."""

    kind: Literal["spotcheck"] = Field(description="What this file is: 'spotcheck'.")
    format: int = Field(description="Format version: 1.")
    id: Ident
    form: Form | None = Field(default=None, description="Parallel form A or B: half the groups "
                              "see A before and B after, the other half the reverse.")
    difficulty: int = Field(ge=1, le=3, description="The writer's estimate: 1 plain, 2 takes a "
                            "second look, 3 subtle. Each form should average the same.")
    topics: tuple[Topic, ...] = Field(min_length=1, description="grooming, sextortion or both.")
    title: Text = Field(description="The chat's name as the phone shows it.")
    platform: Platform = Field(description="The fictional app the chat imitates.")
    characters: dict[Ident, Character] = Field(min_length=1)
    messages: tuple[SpotMessage, ...]

    def texts(self) -> list[tuple[tuple[Any, ...], Any]]:
        """Every student-visible text with its path (the stories' language checks read these)."""
        out: list[tuple[tuple[Any, ...], Any]] = []
        _collect_texts(self, (), out)
        return out

    def signals(self) -> list[int]:
        """Indexes of the messages a group should flag."""
        return [i for i, m in enumerate(self.messages) if m.red_flag is not None]

    def noise(self) -> list[int]:
        """Indexes of the messages a group may flag but should not (everything not the student's
        own and not a red flag: the odd-but-fine ones and the ordinary ones)."""
        return [i for i, m in enumerate(self.messages) if m.red_flag is None and m.sender != PLAYER]


def check_source(raw: bytes | str, name: str, taxonomy: Taxonomy | None) -> tuple[SpotCheck | None, list[Diagnostic]]:
    """Load and check one spot-check chat's text: the chat (None if it has errors) and every
    problem found, sorted by position. Never raises for any input."""
    return check_loaded(parse_yaml(raw, name), taxonomy)


def check_loaded(loaded: Loaded, taxonomy: Taxonomy | None) -> tuple[SpotCheck | None, list[Diagnostic]]:
    """`check_source` on YAML already parsed (validate.py parses once, then looks at `kind`)."""
    chat, patch = build_model(SpotCheck, loaded)
    diags = loaded.diagnostics
    if chat is not None:
        diags += _Checks(chat, loaded, taxonomy).run()
    diags.sort(key=lambda d: (d.line, d.col))
    ok = chat is not None and patch is None and not has_errors(diags)
    return (chat if ok else None), diags


def validate_spotcheck(path: str | Path, taxonomy: Taxonomy | None = None) -> tuple[SpotCheck | None, list[Diagnostic]]:
    """Load and check one spot-check file (the shipped taxonomy when none is given)."""
    raw, problem = read_source(path)
    if problem is not None or raw is None:
        return None, [problem] if problem is not None else []
    if taxonomy is None:
        taxonomy, _ = load_taxonomy(scenarios() / "taxonomy.yaml")
    return check_source(raw, str(path), taxonomy)


def is_spotcheck(data: Any) -> bool:
    """Is this loaded YAML a spot-check chat (how `validate` tells it from a story)?"""
    return isinstance(data, dict) and data.get("kind") == "spotcheck"


class _Checks:
    """What the model alone can't say, each problem located by its data path."""

    def __init__(self, chat: SpotCheck, loaded: Loaded, taxonomy: Taxonomy | None):
        self.chat, self.loaded, self.taxonomy = chat, loaded, taxonomy
        self.diags: list[Diagnostic] = []

    def add(self, path: tuple[Any, ...], code: str, message: str, hint: str = "", key: bool = False) -> None:
        self.diags.append(make(self.loaded.name, self.loaded.source.position(path, key=key), code, message, hint))

    def run(self) -> list[Diagnostic]:
        chat = self.chat
        if chat.format != FORMAT_VERSION:
            self.add(("format",), "RF008", f"format {chat.format} is not supported: this version "
                     f"reads format {FORMAT_VERSION}", "write 'format: 1' at the top")
        if chat.form is None:
            self.add(("id",), "RF053", "this spot-check chat belongs to no form",
                     "add 'form: A' or 'form: B': each form is shown to half the groups first")
        count = len(chat.messages)
        if not MIN_MESSAGES <= count <= MAX_MESSAGES:
            self.add(("messages",), "RF051", f"this chat has {count} messages; a spot check has "
                     f"{MIN_MESSAGES} to {MAX_MESSAGES}", "short enough to read in a minute, long "
                     "enough to need judging: split it or add ordinary messages", key=True)
        for i, msg in enumerate(chat.messages):
            self.message(i, msg)
        if not any(m.red_flag or m.fine for m in chat.messages):
            self.add(("messages",), "RF052", "no message is a red flag and none is marked fine: "
                     "there is nothing to judge", "mark the warning signs with 'red_flag: CATEGORY', "
                     "or a message that looks odd but is fine with 'fine: true' and a 'why'", key=True)
        stem = Path(self.loaded.name).stem
        if Path(self.loaded.name).suffix == ".yaml" and stem != chat.id:
            self.add(("id",), "RF036", f"the file is called '{stem}.yaml' but the id is '{chat.id}'",
                     f"rename the file to '{chat.id}.yaml'")
        # the stories' own language and content checks (French, explicit words, bubble length)
        texts = StoryChecks(cast(Scenario, chat), self.loaded, self.taxonomy, None)
        texts.languages_and_content()
        return self.diags + texts.diags

    def message(self, i: int, msg: SpotMessage) -> None:
        at = ("messages", i)
        if msg.sender != PLAYER and msg.sender not in self.chat.characters:
            self.add(at + ("from",), "RF020", f"unknown character '{msg.sender}'",
                     suggest(msg.sender, self.chat.characters) or
                     f"add '{msg.sender}' under characters, or use 'you'")
        if msg.red_flag is not None and msg.fine:
            self.add(at, "RF033", "this message is both a red flag and fine",
                     "a red flag is a real warning sign; fine marks one that only looks odd: keep one")
        elif msg.sender == PLAYER and (msg.red_flag is not None or msg.fine):
            self.add(at + ("red_flag" if msg.red_flag else "fine",), "RF037",
                     "a message from 'you' is marked", "students judge what others send them")
        cats = self.taxonomy.categories if self.taxonomy else None
        if msg.red_flag is not None and cats is not None and msg.red_flag not in cats:
            self.add(at + ("red_flag",), "RF021", f"unknown red-flag category '{msg.red_flag}'",
                     suggest(msg.red_flag, cats) or "see scenarios/taxonomy.yaml for the list")
        if (msg.red_flag is not None or msg.fine) and msg.why is None:
            mark = "red flag" if msg.red_flag is not None else "fine message"
            self.add(at, "RF055", f"this {mark} has no 'why'", "add 'why:' in both languages: the "
                     "debrief shows it when a group flagged it or missed it")


# --- the shipped set ---------------------------------------------------------------------------


def spotcheck_paths(folder: Path | None = None) -> list[Path]:
    """The chat files of a scenarios folder (the shipped one by default)."""
    where = (folder or scenarios()) / FOLDER
    try:
        return sorted(p for p in where.glob("*.yaml") if not p.name.startswith("."))
    except OSError:
        return []


def load_spotchecks(folder: Path | None = None) -> tuple[list[SpotCheck], list[Diagnostic]]:
    """Every valid chat of a scenarios folder's spot check, and every problem found."""
    folder = folder or scenarios()
    taxonomy, diags = load_taxonomy(folder / "taxonomy.yaml")
    chats: list[SpotCheck] = []
    for path in spotcheck_paths(folder):
        chat, found = validate_spotcheck(path, taxonomy)
        diags += found
        if chat is not None:
            chats.append(chat)
    return chats, diags


@dataclass(frozen=True)
class FormSummary:
    """What a form asks of a group, to compare the forms."""

    form: str
    chats: int
    difficulty: float  # mean of the writers' estimates
    flags_by_family: dict[str, int]  # red flags per taxonomy kind (grooming, sextortion, both, peer)
    fine: int  # messages that look odd but are fine


def summarise(chats: list[SpotCheck], taxonomy: Taxonomy) -> dict[str, FormSummary]:
    """Each form's summary, by form letter."""
    out: dict[str, FormSummary] = {}
    for form in FORMS:
        mine = [c for c in chats if c.form == form]
        families: Counter[str] = Counter()
        for c in mine:
            for m in c.messages:
                if m.red_flag is not None:
                    cat = taxonomy.categories.get(m.red_flag)
                    families[cat.kind if cat else "unknown"] += 1
        mean = sum(c.difficulty for c in mine) / len(mine) if mine else 0.0
        out[form] = FormSummary(form, len(mine), mean, dict(families),
                                sum(m.fine for c in mine for m in c.messages))
    return out


MAX_DIFFICULTY_GAP = 0.25  # mean estimate on a 1-3 scale


def balance_problems(chats: list[SpotCheck], taxonomy: Taxonomy) -> list[str]:
    """Why forms A and B are not parallel (nothing when they are): the same number of chats, of
    red flags in each tactic family and of odd-but-fine messages, and mean difficulty within
    MAX_DIFFICULTY_GAP."""
    a, b = (summarise(chats, taxonomy)[f] for f in FORMS)
    problems = []
    if a.chats != b.chats:
        problems.append(f"form A has {a.chats} chats, form B {b.chats}")
    for family in sorted(set(a.flags_by_family) | set(b.flags_by_family)):
        na, nb = a.flags_by_family.get(family, 0), b.flags_by_family.get(family, 0)
        if na != nb:
            problems.append(f"{family} red flags: {na} in form A, {nb} in form B")
    if a.fine != b.fine:
        problems.append(f"odd-but-fine messages: {a.fine} in form A, {b.fine} in form B")
    if abs(a.difficulty - b.difficulty) > MAX_DIFFICULTY_GAP:
        problems.append(f"mean difficulty {a.difficulty:.2f} in form A, {b.difficulty:.2f} in form B")
    return problems


def pick(chats: list[SpotCheck], form: str, seed: str, count: int = 3) -> list[SpotCheck]:
    """The `count` chats of `form` a group reads. `seed` is the group's (its id), not the phase's:
    the same places are taken in each form's list sorted by (difficulty, id), so a group's before
    and after chats ask the same difficulties of it when the forms are balanced, and a results
    file replays. Sorting first also keeps the pick from depending on the order files were found."""
    mine = sorted((c for c in chats if c.form == form), key=lambda c: (c.difficulty, c.id))
    places = sorted(random.Random(seed).sample(range(len(mine)), min(count, len(mine))))
    return [mine[i] for i in places]
