"""Story checks over a loaded scenario, and loading a whole library of them.

The loader answers "is this well-formed?"; these checks answer "does this story work?":
targets exist, every beat is reachable and can end, variables are set before they are read,
French is complete, and the content is fit for a Grade 7 classroom.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, has_errors, make
from .loader import Loaded, SourceMap, parse_yaml, read_source, validate_model
from .model import PLAYER, RESERVED_SENDERS, SYSTEM, Scenario
from ..shipped import scenarios
from .service_checks import check_services
from .taxonomy import Resources, Taxonomy, load_resources, load_taxonomy

# Student-facing lines longer than this don't fit a chat bubble on a projector.
MAX_MESSAGE_CHARS = 280
MAX_CHOICE_CHARS = 140
MIN_CHOICES, MAX_CHOICES = 2, 4

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


@dataclass
class Checked:
    """One scenario file after loading and checking: the model is None if it has errors."""

    path: str
    scenario: Scenario | None
    diagnostics: list[Diagnostic]
    origin: str = "shipped"  # "shipped", "mine" (the writer's own stories) or "file" (given by path)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not has_errors(self.diagnostics)


@dataclass
class Library:
    """Every scenario in a folder, with the taxonomy and resources they refer to."""

    folder: Path
    taxonomy: Taxonomy | None
    resources: Resources | None
    files: list[Checked] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # taxonomy, resources, library

    def playable(self) -> dict[str, Scenario]:
        return {c.scenario.id: c.scenario for c in self.files if c.ok and c.scenario}

    def all_diagnostics(self) -> list[Diagnostic]:
        return self.diagnostics + [d for c in self.files for d in c.diagnostics]


SUPPORT_FILES = ("taxonomy.yaml", "resources.yaml")


def default_folder() -> Path:
    """The shipped scenarios folder (inside the game package)."""
    return scenarios()


def load_library(folder: str | Path | None = None, paths: list[Path] | None = None,
                 more: Sequence[tuple[Path, str]] = ()) -> Library:
    """Load the taxonomy and resources of `folder` and check every scenario in it (or `paths`),
    then the files of `more`, each with where it came from ("mine", "file"). They all use the
    taxonomy and resources of `folder`."""
    folder = Path(folder) if folder else default_folder()
    taxonomy, tdiags = load_taxonomy(folder / "taxonomy.yaml")
    resources, rdiags = load_resources(folder / "resources.yaml")
    lib = Library(folder, taxonomy, resources, diagnostics=tdiags + rdiags)
    if paths is None:
        paths = scenario_paths(folder)
    for path in paths:
        lib.files.append(check_file(path, taxonomy, resources, folder))
    for path, origin in more:
        checked = check_file(path, taxonomy, resources, None if origin == "file" else Path(path).parent)
        checked.origin = origin
        lib.files.append(checked)
    _check_unique_ids(lib)
    return lib


def scenario_paths(folder: Path) -> list[Path]:
    """Scenario files in a folder, without the support files. Subfolders (schema/,
    transcripts/, knowledge/) hold other kinds of files and are not scenarios. A link that leads
    outside the folder is listed, and refused when it is checked (see `check_file`)."""
    try:
        return sorted(p for p in folder.glob("*.yaml")
                      if p.name not in SUPPORT_FILES and not p.name.startswith("."))
    except OSError:
        return []


def _escapes(path: Path, folder: Path) -> bool:
    """Is `path` a link that leads outside `folder` (or nowhere: a loop)?"""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve(strict=True).is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return True


def _check_unique_ids(lib: Library) -> None:
    seen: dict[str, str] = {}
    for c in lib.files:
        if c.scenario is None:
            continue
        first = seen.setdefault(c.scenario.id, c.path)
        if first != c.path:
            c.diagnostics.append(make(c.path, (1, 1), "RF035",
                                      f"scenario id '{c.scenario.id}' is already used by {first}",
                                      "give each scenario its own id"))
            c.scenario = None


def check_file(path: str | Path, taxonomy: Taxonomy | None, resources: Resources | None,
               library: Path | None = None) -> Checked:
    """Load and check one file. With `library`, a link leading outside that folder is refused:
    a shared library never makes the game read a file elsewhere on the computer."""
    if library is not None and _escapes(Path(path), library):
        return Checked(str(path), None, [make(str(path), (0, 0), "RF001",
                                              "this is a link to a file outside the story folder",
                                              "copy the story into the folder instead of linking it")])
    raw, problem = read_source(path)
    if problem:
        return Checked(str(path), None, [problem])
    return check_source(raw, str(path), taxonomy, resources)


def check_source(raw: bytes | str, name: str, taxonomy: Taxonomy | None,
                 resources: Resources | None) -> Checked:
    """Load and check one scenario's text. Never raises for any input."""
    loaded = parse_yaml(raw, name)
    scenario = validate_model(Scenario, loaded)
    diags = loaded.diagnostics
    if scenario is not None:
        diags.extend(StoryChecks(scenario, loaded, taxonomy, resources).run())
        stem = Path(name).stem
        if Path(name).suffix == ".yaml" and stem != scenario.id:
            diags.append(make(name, loaded.source.position(("id",)), "RF036",
                              f"the file is called '{stem}.yaml' but the id is '{scenario.id}'",
                              f"rename the file to '{scenario.id}.yaml' so teachers can find it"))
    diags.sort(key=lambda d: (d.line, d.col))
    ok = scenario is not None and not has_errors(diags)
    return Checked(name, scenario if ok else None, diags)


def _suggest(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean '{close[0]}'?" if close else ""


class StoryChecks:
    """One pass per concern over a valid model, each adding located diagnostics."""

    def __init__(self, sc: Scenario, loaded: Loaded, taxonomy: Taxonomy | None,
                 resources: Resources | None):
        self.sc, self.src, self.name = sc, loaded.source, loaded.name
        self.taxonomy, self.resources = taxonomy, resources
        self.diags: list[Diagnostic] = []

    def add(self, path: tuple, code: str, message: str, hint: str = "", key: bool = False) -> None:
        self.diags.append(make(self.name, self.src.position(path, key=key), code, message, hint))

    def run(self) -> list[Diagnostic]:
        self.senders_and_flags()
        self.beat_shapes()
        self.graph()
        self.variables()
        self.languages_and_content()
        self.resource_ids()
        check_services(self.sc, self.resources, lambda path, code, msg, hint: self.add(path, code, msg, hint))
        self.asset_paths()
        return self.diags

    def senders_and_flags(self) -> None:
        known = set(self.sc.characters) | set(RESERVED_SENDERS)
        cats = self.taxonomy.categories if self.taxonomy else None
        for bid, beat in self.sc.beats.items():
            for i, msg in enumerate(beat.messages):
                at = ("beats", bid, "messages", i)
                if msg.sender not in known:
                    self.add(at + ("from",), "RF020", f"unknown character '{msg.sender}'",
                             _suggest(msg.sender, known) or
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
                                     _suggest(cat, cats) or "see scenarios/taxonomy.yaml for the list")

    def beat_shapes(self) -> None:
        for bid, beat in self.sc.beats.items():
            at = ("beats", bid)
            ways = [w for w in ("choices", "next", "ending") if getattr(beat, w) is not None]
            if not ways:
                self.add(at, "RF023", f"beat '{bid}' has no choices, no next and no ending",
                         "add 'choices:', 'next: BEAT' or 'ending:'", key=True)
            elif len(ways) > 1:
                self.add(at + (ways[1],), "RF027",
                         f"beat '{bid}' has both {ways[0]} and {ways[1]}", "keep only one of them",
                         key=True)
            if beat.choices is not None:
                n = len(beat.choices)
                if not MIN_CHOICES <= n <= MAX_CHOICES:
                    self.add(at + ("choices",), "RF028",
                             f"beat '{bid}' has {n} choice{'s' * (n != 1)}; a reply needs "
                             f"{MIN_CHOICES} to {MAX_CHOICES}",
                             "for one way on, use 'next: BEAT' instead", key=True)
                elif all(c.when is not None for c in beat.choices):
                    self.add(at + ("choices",), "RF029", "every choice has an 'if': the player may "
                             "be left with none", "give at least one choice no 'if'", key=True)
            if beat.next is not None and beat.next and beat.next[-1].when is not None:
                self.add(at + ("next",), "RF029", "every route has an 'if': the story may stop here",
                         "end the list with a route that has no 'if'", key=True)
            if beat.discuss is not None and beat.choices is None:
                self.add(at + ("discuss",), "RF027", "a discussion pause goes before choices",
                         "move 'discuss:' to a beat with choices", key=True)

    def edges(self) -> dict[str, list[tuple[tuple, str]]]:
        out: dict[str, list[tuple[tuple, str]]] = {}
        for bid, beat in self.sc.beats.items():
            targets = []
            for i, c in enumerate(beat.choices or ()):
                targets.append((("beats", bid, "choices", i, "goto"), c.goto))
            for i, r in enumerate(beat.next or ()):
                path = ("beats", bid, "next") if len(beat.next) == 1 and r.when is None else (
                    "beats", bid, "next", i, "goto")
                targets.append((path, r.goto))
            out[bid] = targets
        return out

    def graph(self) -> None:
        beats = self.sc.beats
        edges = self.edges()
        ok = True
        if self.sc.start is not None and self.sc.start not in beats:
            self.add(("start",), "RF012", f"unknown beat '{self.sc.start}'",
                     _suggest(self.sc.start, beats) or "start must name a beat")
            ok = False
        for targets in edges.values():
            for path, target in targets:
                if target not in beats:
                    self.add(path, "RF012", f"unknown beat '{target}'",
                             _suggest(target, beats) or "add a beat with that id, or fix the name")
                    ok = False
        if not ok:
            return
        succ = {b: [t for _, t in edges[b]] for b in beats}
        self.automatic_loops()
        reach = _closure([self.sc.start_beat], succ)
        for bid in beats:
            if bid not in reach:
                self.add(("beats", bid), "RF022", f"beat '{bid}' can never be reached",
                         "point a choice or 'next' at it, or remove it", key=True)
        enders = [b for b, beat in beats.items() if beat.ending is not None]
        pred: dict[str, list[str]] = {b: [] for b in beats}
        for b, ts in succ.items():
            for t in ts:
                pred[t].append(b)
        can_end = _closure(enders, pred)
        if self.sc.start_beat not in can_end:
            self.add(("start",) if self.sc.start else ("beats",), "RF024",
                     "no ending can be reached from the start", "add a beat with 'ending:'",
                     key=True)
            return
        for bid in beats:
            beat = beats[bid]
            dead = beat.choices is None and beat.next is None and beat.ending is None
            if bid in reach and bid not in can_end and not dead:
                self.add(("beats", bid), "RF025", f"from beat '{bid}' the story can never end "
                         "(it only loops)", "give one of the beats in this loop a way to an ending",
                         key=True)

    def automatic_loops(self) -> None:
        """A cycle of `next` routes alone changes no variable, so once entered it never ends."""
        auto = {b: [r.goto for r in beat.next or ()] for b, beat in self.sc.beats.items()}
        state: dict[str, int] = {}  # 1 = on the current DFS path, 2 = done
        for root in auto:
            if state.get(root):
                continue
            state[root] = 1
            stack, path = [(root, iter(auto[root]))], [root]
            while stack:
                node, it = stack[-1]
                nxt = next(it, None)
                if nxt is None:
                    state[node] = 2
                    stack.pop()
                    path.pop()
                elif state.get(nxt) == 1:
                    loop = path[path.index(nxt):] + [nxt]
                    self.add(("beats", nxt, "next"), "RF025", "these beats loop by 'next' alone: "
                             + " -> ".join(loop), "nothing changes inside such a loop, so the "
                             "story would never leave it: end it with choices or an ending",
                             key=True)
                    state[node] = 2
                    stack.pop()
                    path.pop()
                elif state.get(nxt, 0) == 0:
                    state[nxt] = 1
                    stack.append((nxt, iter(auto[nxt])))
                    path.append(nxt)

    def variables(self) -> None:
        defined = set(self.sc.variables)
        for beat in self.sc.beats.values():
            for c in beat.choices or ():
                defined |= set(c.set)
        for bid, beat in self.sc.beats.items():
            conds = [(("beats", bid, "messages", i, "if"), m.when) for i, m in enumerate(beat.messages)]
            conds += [(("beats", bid, "choices", i, "if"), c.when) for i, c in enumerate(beat.choices or ())]
            conds += [(("beats", bid, "next", i, "if"), r.when) for i, r in enumerate(beat.next or ())]
            for path, cond in conds:
                for var in sorted(cond.variables() if cond else ()):
                    if var not in defined:
                        self.add(path, "RF026", f"the condition reads '{var}', which no choice sets",
                                 _suggest(var, defined) or
                                 f"set it in a choice ('set: {{{var}: true}}') or under 'variables:'")

    def languages_and_content(self) -> None:
        texts = self.sc.texts()
        # one search over everything; only on a hit, find which texts hold the term
        explicit = EXPLICIT_RE.search("\n".join(f"{t.en}\n{t.fr or ''}" for _, t in texts))
        for path, text in texts:
            if text.fr is None and not _is_name(path):
                self.add(path, "RF030", "no French text", "add 'fr:' beside 'en:'")
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

    def resource_ids(self) -> None:
        if self.resources is None:
            return
        for i, rid in enumerate(self.sc.debrief.resources):
            if rid not in self.resources.resources:
                self.add(("debrief", "resources", i), "RF034", f"unknown help resource '{rid}'",
                         _suggest(rid, self.resources.resources) or "see scenarios/resources.yaml")


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


def _is_name(path: tuple) -> bool:
    """A character's name may be the same in both languages (Kai_Storm), so it needs no French."""
    return len(path) == 3 and path[0] == "characters" and path[2] == "name"


def _limit_for(path: tuple) -> int | None:
    if len(path) >= 2 and path[-1] == "text" and "messages" in path:
        return MAX_MESSAGE_CHARS
    if "choices" in path and path[-1] in ("text", "label"):
        return MAX_CHOICE_CHARS
    return None


def _closure(starts, succ: dict[str, list[str]]) -> set[str]:
    seen, todo = set(starts), list(starts)
    while todo:
        for nxt in succ.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


__all__ = ["Checked", "Library", "check_file", "check_source", "load_library", "SourceMap"]
