"""Golden transcripts: a small YAML file pins one route through a scenario, and `check` says
exactly where an edit broke it.

    # scenarios/transcripts/game-teammate.told-adult.yaml
    scenario: game-teammate
    lang: en                       # optional: en (default) or fr
    steps:
      - say: {from: kai, text: "gg!! that last round was insane"}
      - choose: "like 2 years lol. u were good too"
      - ending: safe

Each `say` must be the next message shown (messages can't be skipped), each `choose` must be
one of the replies offered there (its text or its button label), and `ending` the outcome
reached. A transcript may stop before the ending to pin just the start of a route. Transcripts
of a scenario live in `<scenarios folder>/transcripts/<scenario id>.<name>.yaml`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from game.engine.diagnostics import Diagnostic
from game.engine.loader import SourceMap, load_file
from game.engine.model import Outcome, Scenario
from game.engine.runtime import ChoicesEvent, EndingEvent, Event, MessageEvent, Playthrough
from game.i18n import ngettext

FOLDER = "transcripts"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Say(_Strict):
    """A message the scenario must show next."""

    sender: str = Field(alias="from", min_length=1, description="The character id (or 'system').")
    text: str = Field(min_length=1, description="The message, exactly as shown (in `lang`).")


class Step(_Strict):
    """One step of the route: exactly one of say, choose or ending."""

    say: Say | None = None
    choose: str | None = Field(default=None, min_length=1,
                               description="The reply to pick: its text or its button label.")
    ending: Outcome | None = Field(default=None, description="The outcome of the ending reached.")

    @model_validator(mode="after")
    def _one(self) -> Step:
        if sum(x is not None for x in (self.say, self.choose, self.ending)) != 1:
            raise PydanticCustomError("rf_step", "a step is exactly one of say, choose or ending")
        return self


class Transcript(_Strict):
    """A route pinned through one scenario."""

    scenario: str = Field(description="The id of the scenario this route goes through.")
    lang: Literal["en", "fr"] = Field(default="en", description="The language of the texts.")
    steps: tuple[Step, ...] = Field(min_length=1, description="What happens, in order.")


def _norm(text: str) -> str:
    """Compare text as a reader sees it: French spacing and runs of spaces don't matter."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


@dataclass
class Result:
    """What running one transcript found: `failure` is None when the route still plays."""

    path: str
    scenario: str
    steps: int
    passed_steps: int = 0
    failure: str | None = None
    problems: list[Diagnostic] = field(default_factory=list)  # the transcript file itself is broken

    @property
    def ok(self) -> bool:
        return self.failure is None and not self.problems

    def __str__(self) -> str:
        if self.problems:
            return "\n".join(str(d) for d in self.problems)
        if self.failure:
            return self.failure
        return ngettext("{path}: OK ({n} step)", "{path}: OK ({n} steps)", self.steps).format(
            path=self.path, n=self.steps)


def load(path: str | Path) -> tuple[Transcript | None, SourceMap, list[Diagnostic]]:
    return load_file(Transcript, path)


def find(scenario_path: Path, scenario_id: str) -> list[Path]:
    """The transcripts kept for a scenario, in name order."""
    return sorted((scenario_path.parent / FOLDER).glob(f"{scenario_id}.*.yaml"))


def _describe(sc: Scenario, ev: Event, lang: str) -> str:
    if isinstance(ev, MessageEvent):
        return f"a message from {ev.message.sender}: \"{ev.message.text.get(lang)}\""
    if isinstance(ev, ChoicesEvent):
        opts = "; ".join(f"\"{c.text.get(lang)}\"" for _, c in ev.options)
        return f"the choices {opts}"
    if isinstance(ev, EndingEvent):
        return f"the ending '{ev.beat}' ({ev.ending.outcome})"
    return type(ev).__name__


def run(path: str | Path, sc: Scenario, scenario_source: SourceMap | None = None,
        scenario_file: str = "") -> Result:
    """Play `sc` along the transcript at `path` and report the first step that differs."""
    transcript, source, diags = load(path)
    if transcript is None:
        return Result(str(path), sc.id, 0, problems=diags)
    result = Result(str(path), sc.id, len(transcript.steps))
    if transcript.scenario != sc.id:
        result.failure = (f"{path}:1:1: this transcript is for '{transcript.scenario}', "
                          f"not '{sc.id}'")
        return result
    lang, pt = transcript.lang, Playthrough(sc)
    for i, step in enumerate(transcript.steps):
        ev = pt.next()
        expected, found = _expect(step, ev, lang)
        if expected is not None:
            line, col = source.position(("steps", i))
            where = _scenario_where(sc, ev, scenario_source, scenario_file)
            result.failure = (f"{path}:{line}:{col}: step {i + 1} expected {expected}, "
                              f"but the scenario now gives {found or _describe(sc, ev, lang)}{where}")
            return result
        if step.choose is not None:
            assert isinstance(ev, ChoicesEvent)
            pt.choose(_match_choice(ev, step.choose, lang))  # type: ignore[arg-type]
        result.passed_steps = i + 1
    return result


def _expect(step: Step, ev: Event, lang: str) -> tuple[str | None, str | None]:
    """(what the step wanted, what was there instead) or (None, None) when they agree."""
    if step.say is not None:
        want = f"a message from {step.say.sender}: \"{step.say.text}\""
        if isinstance(ev, MessageEvent) and ev.message.sender == step.say.sender and \
                _norm(ev.message.text.get(lang)) == _norm(step.say.text):
            return None, None
        return want, None
    if step.choose is not None:
        want = f"the choice \"{step.choose}\""
        if isinstance(ev, ChoicesEvent) and _match_choice(ev, step.choose, lang) is not None:
            return None, None
        return want, None
    want = f"an ending with outcome '{step.ending}'"
    if isinstance(ev, EndingEvent) and ev.ending.outcome == step.ending:
        return None, None
    return want, None


def _match_choice(ev: ChoicesEvent, text: str, lang: str) -> int | None:
    for index, choice in ev.options:
        if _norm(text) in (_norm(choice.text.get(lang)), _norm(choice.label.get(lang) if choice.label else "")):
            return index
    return None


def _scenario_where(sc: Scenario, ev: Event, source: SourceMap | None, file: str) -> str:
    """Where in the scenario file the differing event comes from, for the writer to look."""
    if source is None or not file:
        return ""
    if isinstance(ev, MessageEvent):
        messages = sc.beats[ev.beat].messages
        index = next((i for i, m in enumerate(messages) if m is ev.message), None)
        path: tuple = ("beats", ev.beat, "messages", index) if index is not None else ("beats", ev.beat)
    elif isinstance(ev, ChoicesEvent):
        path = ("beats", ev.beat, "choices")
    elif isinstance(ev, EndingEvent):
        path = ("beats", ev.beat, "ending")
    else:
        return ""
    line, col = source.position(path)
    return f" (see {file}:{line}:{col})"


# --- recording ---------------------------------------------------------------------------------

def record(sc: Scenario, picks: list[int], lang: str = "en") -> str:
    """A transcript (YAML text) of the route taking the `picks`-th offered reply (1-based, as
    numbered in `python -m game walk`) at each choice point, up to the ending."""
    pt = Playthrough(sc)
    steps: list[str] = []
    picks = list(picks)
    while True:
        ev = pt.next()
        if isinstance(ev, MessageEvent):
            steps.append(f"say: {{from: {ev.message.sender}, text: {_quote(ev.message.text.get(lang))}}}")
        elif isinstance(ev, ChoicesEvent):
            if not picks:
                break
            n = picks.pop(0)
            if not 1 <= n <= len(ev.options):
                raise ValueError(f"at beat '{ev.beat}' there are {len(ev.options)} replies; "
                                 f"{n} is not one of them")
            index, choice = ev.options[n - 1]
            steps.append(f"choose: {_quote(choice.text.get(lang))}")
            pt.choose(index)
        elif isinstance(ev, EndingEvent):
            steps.append(f"ending: {ev.ending.outcome}")
            break
    if picks:
        raise ValueError(f"the story ended with {len(picks)} choice(s) left over")
    return "\n".join([
        "# yaml-language-server: $schema=../schema/transcript.schema.json",
        f"# A transcript pinning one route through {sc.id}. `python -m game check {sc.id}` plays it",
        "# and names the first step an edit changes; re-record it when the change is meant.",
        f"scenario: {sc.id}", f"lang: {lang}", "steps:", *(f"  - {s}" for s in steps)]) + "\n"


def _quote(text: str) -> str:
    """A YAML double-quoted string (JSON's escapes are YAML's)."""
    return json.dumps(str(text), ensure_ascii=False)
