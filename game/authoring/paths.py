"""`python -m game check SCENARIO|PATH`: play every path, run transcripts, report statistics.

What a writer learns: how many paths there are; each ending with the number of paths that reach
it and its shortest route; beats, replies and messages no path ever reaches (conditions can
hide things the map shows as connected); red flags shown per path; the estimated play time in
each language (shortest, median, longest and the middle half of the paths) beside the file's
`minutes:`; words, choices and flags per category; the actions each path takes (how many, and
how many paths take each kind: screenshot, report, tell...); and whether every golden transcript
still plays. An ending with variants is reported variant by variant. `--record 1,2,1 --out FILE` writes a transcript of a route.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from game.authoring import transcripts
from game.authoring.common import Resolved, command_ref, require, write_output
from game.authoring.stats import PlayTime, Statistics, estimate_seconds, minutes_text, statistics
from game.engine.loader import load_file
from game.engine.model import ID_RE, Scenario
from game.engine.options import LANGS
from game.engine.paths import MAX_PATHS, TooManyPaths, all_paths
from game.engine.paths import Path as PlayPath
from game.engine.runtime import Action, ChoicesEvent, MessageEvent, ReplyEvent
from game.engine.validate import scenario_paths


@dataclass
class EndingReport:
    beat: str
    outcome: str
    title: str
    variant: int | None = None  # which of the ending's variants (None: the ending as written)
    paths: int = 0
    shortest: list[int] = field(default_factory=list)  # 1-based reply numbers, as in `walk`
    shortest_texts: list[str] = field(default_factory=list)


@dataclass
class Report:
    scenario: str
    file: str
    paths: int
    endings: list[EndingReport]
    unreached_beats: list[str]
    unreached_choices: list[str]  # "beat #n: text"
    unshown_messages: list[str]  # "beat message n: text"
    flags_min: int
    flags_max: int
    flags_in_file: int
    seconds_min: float
    seconds_max: float
    route_min: list[int]
    route_max: list[int]
    declared_minutes: int
    stats: Statistics
    transcripts: list[transcripts.Result] = field(default_factory=list)
    play_times: dict[str, PlayTime] = field(default_factory=dict)  # by language
    actions_min: int = 0  # action replies taken on a path (format 2's kinds, and `action: true`)
    actions_max: int = 0
    action_paths: dict[str, int] = field(default_factory=dict)  # kind ("act": action: true) -> paths taking it

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.transcripts)

    def as_dict(self) -> dict:
        out = {k: v for k, v in self.__dict__.items() if k not in ("stats", "transcripts", "endings", "play_times")}
        out["endings"] = [e.__dict__ for e in self.endings]
        out["play_times"] = {lang: t.as_dict() for lang, t in self.play_times.items()}
        out["stats"] = self.stats.as_dict()
        out["transcripts"] = [{"path": t.path, "ok": t.ok, "steps": t.steps,
                               "passed_steps": t.passed_steps, "failure": t.failure,
                               "problems": [d.as_dict() for d in t.problems]}
                              for t in self.transcripts]
        return out


def _route_numbers(p: PlayPath) -> list[int]:
    """The path's choices as reply numbers among those offered (what `walk` and `--record` take)."""
    out: list[int] = []
    offered: list[int] = []
    for ev in p.events:
        if isinstance(ev, ChoicesEvent):
            offered = [i for i, _ in ev.options]
        elif isinstance(ev, ReplyEvent):
            out.append(offered.index(p.choices[len(out)]) + 1)
    return out


def analyse(sc: Scenario, file: str = "", limit: int = MAX_PATHS, lang: str = "en") -> Report:
    """Play every path of `sc` (raises TooManyPaths past `limit`) and gather the report."""
    entered: set[str] = set()  # every beat any path is in, routing beats that show nothing too

    def visit(action: Action) -> None:
        if action.kind == "enter":
            entered.add(action.beat)

    paths = all_paths(sc, limit, on_action=visit)
    endings = {(b, v): EndingReport(b, e.outcome, e.title.get(lang), v)
               for b, beat in sc.beats.items() if beat.ending is not None
               for v in (None, *range(len(beat.ending.variants)))
               for e in (beat.ending.variant(v),)}
    offered: set[tuple[str, int]] = set()
    shown: set[tuple[str, int]] = set()
    flags, times = [], []
    seconds: dict[str, list[float]] = {lg: [] for lg in LANGS}
    for p in paths:
        end = endings[(p.ending.beat, p.ending.variant)]
        end.paths += 1
        route = _route_numbers(p)
        if end.paths == 1 or len(route) < len(end.shortest):
            end.shortest = route
            end.shortest_texts = [ev.choice.text.get(lang) for ev in p.events if isinstance(ev, ReplyEvent)]
        for ev in p.events:
            if isinstance(ev, ChoicesEvent):
                offered |= {(ev.beat, i) for i, _ in ev.options}
        for entry in p.state.transcript:
            if entry.kind == "message":
                shown.add((entry.beat, entry.index))
        flags.append(sum(isinstance(ev, MessageEvent) and ev.message.flag is not None for ev in p.events))
        for lg in seconds:
            seconds[lg].append(estimate_seconds(sc, p.events, lg))
        times.append((seconds[lang][-1] if lang in seconds else estimate_seconds(sc, p.events, lang), route))
    unreached_choices = [f"{b} reply {i + 1}: \"{c.text.get(lang)}\""
                         for b, beat in sc.beats.items() for i, c in enumerate(beat.choices or ())
                         if b in entered and (b, i) not in offered]
    unshown = [f"{b} message {i + 1} ({m.sender}): \"{m.text.get(lang)}\""
               for b, beat in sc.beats.items() for i, m in enumerate(beat.messages)
               if b in entered and (b, i) not in shown]
    fastest, slowest = min(times, key=lambda t: t[0]), max(times, key=lambda t: t[0])
    stats = statistics(sc)
    acts = [len(p.state.acts) for p in paths]
    kinds = Counter(kind for p in paths for kind in dict.fromkeys(a.kind for a in p.state.acts))
    return Report(
        scenario=sc.id, file=file, paths=len(paths),
        endings=sorted(endings.values(), key=lambda e: ("safe", "risky", "harmful").index(e.outcome)),
        unreached_beats=[b for b in sc.beats if b not in entered],
        unreached_choices=unreached_choices, unshown_messages=unshown,
        flags_min=min(flags), flags_max=max(flags), flags_in_file=sum(stats.flags.values()),
        seconds_min=fastest[0], seconds_max=slowest[0], route_min=fastest[1], route_max=slowest[1],
        declared_minutes=sc.minutes_for(lang), stats=stats,
        play_times={lg: PlayTime.of(lg, s, sc.minutes_for(lg)) for lg, s in seconds.items()},
        actions_min=min(acts), actions_max=max(acts),
        action_paths={k: kinds[k] for k in sorted(kinds, key=_kind_order)},
    )


def _kind_order(kind: str) -> tuple[int, str]:
    """Action kinds in the order the format lists them, `action: true` last."""
    order = ("screenshot", "block", "report", "mute", "leave", "delete", "deactivate", "pay", "tell")
    return (order.index(kind) if kind in order else len(order), kind)


def actions_line(r: Report) -> str | None:
    """`check`'s line about actions, or None when the story has no action replies."""
    if not r.action_paths and not r.actions_max:
        return None
    each = ", ".join(f"{'action' if k == 'act' else k} {n}" for k, n in r.action_paths.items())
    return (f"  Actions per path: {r.actions_min} to {r.actions_max}; paths taking each (of {r.paths}): "
            f"{each}")


def format_report(r: Report) -> str:
    s = r.stats
    out = [f"{r.scenario} ({r.file})" if r.file else r.scenario,
           f"  Paths: {r.paths} from the start to an ending"]
    out.append("  Endings:")
    for e in r.endings:
        where = e.beat if e.variant is None else f"{e.beat} (variant {e.variant + 1})"
        if e.paths:
            route = " > ".join(f"\"{t}\"" for t in e.shortest_texts) or "(no choices)"
            numbers = ",".join(map(str, e.shortest)) or "-"
            out.append(f"    {e.outcome:<7} {where} \"{e.title}\": {e.paths} path{'s' * (e.paths != 1)}; "
                       f"shortest ({len(e.shortest)} choice{'s' * (len(e.shortest) != 1)}, --record {numbers}): "
                       f"{route}")
        else:
            out.append(f"    {e.outcome:<7} {where} \"{e.title}\": NEVER REACHED")
    never = ([f"beat {b}" for b in r.unreached_beats] + r.unreached_choices + r.unshown_messages)
    out.append("  Never reached on any path: " + ("nothing" if not never else ""))
    out += [f"    {n}" for n in never]
    out.append(f"  Red flags shown per path: {r.flags_min} to {r.flags_max} "
               f"(of {r.flags_in_file} in the file)")
    acted = actions_line(r)
    if acted is not None:
        out.append(acted)
    out.append(f"  Play time (estimate, docs/authoring.md): {minutes_text(r.seconds_min)} to "
               f"{minutes_text(r.seconds_max)}; the file says minutes: {r.declared_minutes}")
    out.append(f"    shortest: --record {','.join(map(str, r.route_min)) or '-'}   "
               f"longest: --record {','.join(map(str, r.route_max)) or '-'}")
    out += [f"    {t.line()}" for t in r.play_times.values()]
    cats = ", ".join(f"{c} {n}" for c, n in s.flags.items()) or "none"
    outcomes = ", ".join(f"{o} {n}" for o, n in s.endings.items())
    out.append(f"  Words: {s.words_en} English, {s.words_fr} French")
    out.append(f"  Beats {s.beats}, messages {s.messages}, choice points {s.choice_points}, "
               f"replies {s.choices}, notes {s.notes}, endings {sum(s.endings.values())} ({outcomes})")
    out.append(f"  Red flags by category: {cats}")
    if r.transcripts:
        passed = sum(t.ok for t in r.transcripts)
        out.append(f"  Transcripts: {passed} of {len(r.transcripts)} still play")
        out += [f"    {t}".replace("\n", "\n    ") for t in r.transcripts]
    else:
        out.append(f"  Transcripts: none (pin a route with: python -m game check {command_ref(r.scenario, r.file)} "
                   f"--record {','.join(map(str, r.route_min)) or '1'} --name NAME)")
    return "\n".join(out)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", nargs="?", default=None,
                        help="a scenario id, a .yaml file, or a folder (default: every shipped scenario)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=LANGS, default="en")
    parser.add_argument("--limit", type=int, default=MAX_PATHS,
                        help=f"stop after this many paths (default {MAX_PATHS})")
    parser.add_argument("--transcript", type=Path, action="append", default=None,
                        help="run this transcript (repeatable) instead of the scenario's own")
    parser.add_argument("--record", metavar="1,2,1", default=None,
                        help="write a transcript of the route taking these reply numbers (as "
                             "numbered in `walk`) instead of checking; use with --name or --out")
    parser.add_argument("--name", metavar="NAME", default=None,
                        help="keep the recorded route beside the story, as transcripts/ID.NAME.yaml, "
                             "where `check` runs it every time")
    parser.add_argument("--out", type=Path, default=None,
                        help="where --record writes (default: print it, or see --name)")


def run(args: argparse.Namespace) -> int:
    refs = _targets(args.scenario)
    if args.record is not None:
        return _record(refs[0], args)
    status, results = 0, []
    for ref in refs:
        found = require(ref)
        if found.scenario is None:
            status = 1
            continue
        try:
            report = analyse(found.scenario, str(found.path), args.limit, args.lang)
        except TooManyPaths:
            print(f"{ref}: more than {args.limit} paths; the report would be too long to read. "
                  "Check with a higher --limit, or join branches back together sooner.", file=sys.stderr)
            status = 1
            continue
        report.transcripts = run_transcripts(found, args.transcript)
        status = status or (0 if report.ok else 1)
        results.append(report)
        if args.format == "text":
            print(format_report(report))
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    return status


def _targets(ref: str | None) -> list[str]:
    if ref is None:
        from game.engine.validate import default_folder
        from game.library import my_stories

        mine = my_stories()
        return [str(p) for folder in (default_folder(), mine) if folder.is_dir()
                for p in scenario_paths(folder)]
    if Path(ref).is_dir():
        return [str(p) for p in scenario_paths(Path(ref))]
    return [ref]


def run_transcripts(found: Resolved, given: list[Path] | None) -> list[transcripts.Result]:
    """Run the given transcripts, or every transcript kept for the scenario."""
    assert found.scenario is not None and found.path is not None
    files = given if given is not None else transcripts.find(found.path, found.scenario.id)
    _, source, _ = load_file(Scenario, found.path)
    return [transcripts.run(f, found.scenario, source, str(found.path)) for f in files]


def _record(ref: str, args: argparse.Namespace) -> int:
    found = require(ref)
    if found.scenario is None:
        return 1
    try:
        picks = [int(n) for n in args.record.replace(" ", "").split(",") if n]
        text = transcripts.record(found.scenario, picks, args.lang)
    except ValueError as exc:
        print(f"can't record that route: {exc}", file=sys.stderr)
        return 2
    out = args.out
    if out is None and args.name:
        assert found.path is not None  # a scenario found is read from a file
        if not ID_RE.match(args.name):
            print(f"--name '{args.name}': use lowercase letters, digits, '-' and '_'", file=sys.stderr)
            return 2
        out = found.path.parent / transcripts.FOLDER / f"{found.scenario.id}.{args.name}.yaml"
    write_output(text, out)  # re-recording a route overwrites it: that is the point
    return 0
