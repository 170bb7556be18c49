"""`python -m game graph SCENARIO`: the story map as Mermaid or DOT text, or SVG/PNG via Graphviz.

Beats are boxes, choices are arrows coloured *and* labelled by safety (safe / risky / unsafe, so
the map reads without colour too), automatic `next` routes are dashed, endings are coloured by
outcome, beats with red flags show how many and which categories, and broken `goto`s and
beats nothing leads to are drawn as such. Both renderers draw one `StoryMap`.

A format 2 story (threads) is drawn in lanes, one per thread, named in a legend: a beat sits in
the lane of its last message's thread, where the player is when its replies come (a beat that
shows no message, in the lane of the beat before it), and its messages in other threads are a
small box in their own lane, joined to it by a dotted line. An action reply's arrow says what
it does: `[screenshot]`, `[report: threats]`, `[tell: dad]`, `[action]` for `action: true`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from game.authoring.common import scenario_file, write_output
from game.engine.loader import load_file
from game.engine.model import Choice, Scenario
from game.engine.options import LANGS, Outcome, Safety
from game.i18n import _

SAFETY_COLOUR: dict[str, str] = {Safety.SAFE: "#2e7d32", Safety.RISKY: "#b26a00", Safety.UNSAFE: "#c62828"}
SAFETY_MARK: dict[str, str] = {Safety.SAFE: "✔ safe", Safety.RISKY: "⚠ risky", Safety.UNSAFE: "✖ unsafe"}
OUTCOME_FILL: dict[str, str] = {Outcome.SAFE: "#c8e6c9", Outcome.RISKY: "#ffe0b2", Outcome.HARMFUL: "#ffcdd2"}
FLAG_BORDER = "#c62828"
LABEL_CHARS = 38


@dataclass
class Node:
    id: str  # beat id
    lines: list[str]  # label lines, the beat id first
    kind: str = "beat"  # beat | ending | missing | thread (a beat's messages in another lane)
    outcome: str | None = None
    flags: int = 0
    reachable: bool = True
    lane: str | None = None  # the thread whose lane it is drawn in (format 2)


@dataclass
class Edge:
    source: str
    target: str
    label: str
    kind: str  # safe | risky | unsafe | next | thread (a beat to its messages in another lane)
    conditional: bool = False


@dataclass
class Lane:
    """A thread's lane: its heading, and its line in the legend."""

    title: str  # "dad: Dad"
    legend: str  # "dad: Dad (DM with Dad)"


@dataclass
class StoryMap:
    title: str
    start: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    lanes: dict[str, Lane] = field(default_factory=dict)  # by thread id (format 2)


def thread_title(sc: Scenario, tid: str, lang: str = "en") -> str:
    """What the phone calls a thread: its title, else the names of the people in it."""
    th = sc.threads[tid]
    if th.title is not None:
        return th.title.get(lang)
    return ", ".join(dict.fromkeys(sc.characters[p].name.get(lang) if p in sc.characters else p
                                   for p in th.people))


def action_tag(choice: Choice) -> str:
    """What an action reply does, for its arrow: `[report: threats]`; "" for a message."""
    act = choice.act
    if act is None:
        return ""
    if act == "act":
        return "[action]"
    detail = choice.reason if act == "report" else choice.to if act == "tell" else None
    return f"[{act}: {detail}]" if detail else f"[{act}]"


def short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cond_text(cond) -> str:
    if cond.all is not None or cond.any is not None:
        word = " and " if cond.all is not None else " or "
        return "(" + word.join(_cond_text(c) for c in (cond.all or cond.any or ())) + ")"
    if cond.equals is not None:
        return f"{cond.var} = {cond.equals}"
    bounds = [f"{cond.var} ≥ {cond.at_least}"] * (cond.at_least is not None) + \
        [f"{cond.var} ≤ {cond.at_most}"] * (cond.at_most is not None)
    if bounds:  # a counter's range
        return " and ".join(bounds)
    return ("not " if cond.negate else "") + str(cond.var)


def _lanes(sc: Scenario, m: StoryMap, lang: str) -> None:
    """Put each beat in its thread's lane (format 2): see the module's docstring."""
    for tid, th in sc.threads.items():
        people = ", ".join(dict.fromkeys(sc.characters[p].name.get(lang) if p in sc.characters else p
                                         for p in th.people))
        kind = "group" if th.kind == "group" else "DM"
        with_ = f" with {people}" if th.title is not None else ""
        later = "; opens later" if th.opens == "later" else ""
        title = f"{tid}: {thread_title(sc, tid, lang)}"
        m.lanes[tid] = Lane(title, f"{title} ({kind}{with_}{later})")
    for bid, beat in sc.beats.items():
        parts: dict[str, list] = {}
        for msg in beat.messages:
            parts.setdefault(sc.thread_of(msg), []).append(msg)
        node = m.nodes[bid]
        at = 2 if node.kind == "ending" else 1  # the lines after the beat's name
        if beat.open:
            node.lines.insert(at, f"↗ opens {', '.join(beat.open)}")
            at += 1
        own = next(reversed(parts), None)  # where the player is when the replies (or next beat) come
        for tid, msgs in parts.items():
            flags = [msg.flag.category for msg in msgs if msg.flag]
            mark = f"⚑ {len(flags)} red flag{'s' * (len(flags) != 1)}: {', '.join(dict.fromkeys(flags))}"
            if tid == own:  # the beat's own box: only its own lane's red flags
                node.lane = tid
                if len(parts) > 1:
                    node.lines = [line for line in node.lines if not line.startswith("⚑")]
                    node.lines[at:at] = [mark] if flags else []
                    node.flags = len(flags)
                continue
            lines = [f"{bid}, in {tid}", f"✉ {len(msgs)} message{'s' * (len(msgs) != 1)}"] + [mark] * bool(flags)
            m.nodes[f"{bid}@{tid}"] = Node(f"{bid}@{tid}", lines, "thread", None, len(flags), lane=tid)
            m.edges.append(Edge(bid, f"{bid}@{tid}", "", "thread"))
    first = next(iter(sc.threads))
    if m.start in m.nodes and m.nodes[m.start].lane is None:
        m.nodes[m.start].lane = first
    todo, seen = [m.start] if m.start in m.nodes else [], {m.start}
    while todo:  # a beat that shows nothing: the lane of the beat before it (first found)
        here = todo.pop(0)
        for e in m.edges:
            if e.source != here or e.target in seen:
                continue
            seen.add(e.target)
            todo.append(e.target)
            target = m.nodes[e.target]
            if target.lane is None and target.kind != "missing":
                target.lane = m.nodes[here].lane
    for node in m.nodes.values():
        if node.lane is None and node.kind != "missing":  # never reached from the start
            node.lane = first


def build_map(sc: Scenario, lang: str = "en") -> StoryMap:
    """The scenario as nodes and edges, ready for any renderer."""
    m = StoryMap(sc.title.get(lang), sc.start_beat)
    for bid, beat in sc.beats.items():
        flags = [msg.flag.category for msg in beat.messages if msg.flag]
        notes = sum(msg.note is not None for msg in beat.messages)
        lines = [bid]
        if beat.ending is not None:
            lines = [f"END ({beat.ending.outcome}): {short(beat.ending.title.get(lang), 30)}", bid]
            for v in beat.ending.variants:  # tried in order; the first whose condition holds
                title = short(v.title.get(lang), 30) if v.title is not None else "same title"
                lines.append(f"↳ if {_cond_text(v.when)}: {v.outcome or beat.ending.outcome}, {title}")
        if flags:
            cats = ", ".join(dict.fromkeys(flags))
            lines.append(f"⚑ {len(flags)} red flag{'s' * (len(flags) != 1)}: {cats}")
        if notes:
            lines.append(f"○ {notes} looks-suspicious note{'s' * (notes != 1)}")
        kind = "ending" if beat.ending is not None else "beat"
        m.nodes[bid] = Node(bid, lines, kind, beat.ending.outcome if beat.ending else None, len(flags))
        for c in beat.choices or ():
            tag = action_tag(c)
            label = f"{SAFETY_MARK[c.safety]}{' ' + tag if tag else ''}: {short((c.label or c.text).get(lang))}"
            if c.when is not None:
                label += f" [if {_cond_text(c.when)}]"
            m.edges.append(Edge(bid, c.goto, label, c.safety, c.when is not None))
        for r in beat.next or ():
            label = f"if {_cond_text(r.when)}" if r.when is not None else "then"
            m.edges.append(Edge(bid, r.goto, label, "next", r.when is not None))
    for e in m.edges:
        if e.target not in m.nodes:
            m.nodes[e.target] = Node(e.target, [f"MISSING beat '{e.target}'"], "missing")
    if sc.threads:
        _lanes(sc, m, lang)
    reach, todo = {m.start}, [m.start]
    while todo:
        here = todo.pop()
        for e in m.edges:
            if e.source == here and e.target not in reach:
                reach.add(e.target)
                todo.append(e.target)
    for node in m.nodes.values():
        node.reachable = node.id in reach
        if not node.reachable and node.kind != "missing":
            node.lines.append("(never reached)")
    return m


# --- Mermaid -----------------------------------------------------------------------------------

def _mermaid_text(text: str) -> str:
    return text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def to_mermaid(m: StoryMap) -> str:
    ids = {bid: f"b{i}" for i, bid in enumerate(m.nodes)}  # beat ids like 'end' break Mermaid
    out = ["flowchart TD", f"  %% Story map: {_mermaid_text(m.title)}",
           "  %% arrows: ✔ safe (green), ⚠ risky (amber), ✖ unsafe (red); dashed = automatic next",
           '  start(("start"))']
    nodes: dict[str | None, list[str]] = {}
    classes_out: list[str] = []
    for bid, node in m.nodes.items():
        label = "<br/>".join(_mermaid_text(line) for line in node.lines)
        shape = ('(["', '"])') if node.kind == "ending" else ('{{"', '"}}') if node.kind == "missing" \
            else ('>"', '"]') if node.kind == "thread" else ('["', '"]')
        css = node.outcome if node.kind == "ending" else node.kind
        classes = [f"{css}"] + (["flagged"] if node.flags else []) + ([] if node.reachable else ["unreached"])
        nodes.setdefault(node.lane, []).append(f"  {ids[bid]}{shape[0]}{label}{shape[1]}:::{classes[0]}")
        classes_out += [f"  class {ids[bid]} {c}" for c in classes[1:]]
    if m.lanes:  # format 2: one lane per thread, and a legend naming them
        out.insert(3, "  %% lanes: one per thread (the legend names them); dotted = the beat's messages in another thread")
        legend = "<br/>".join(_mermaid_text(line) for line in
                              ["Threads (one lane each)", *(lane.legend for lane in m.lanes.values())])
        out.append(f'  legend["{legend}"]:::legend')
        for i, (tid, lane) in enumerate(m.lanes.items()):
            out += [f'  subgraph lane{i}["{_mermaid_text(lane.title)}"]', "    direction TB"]
            out += ["  " + line for line in nodes.get(tid, [])]
            out.append("  end")
    out += nodes.get(None, [])
    out += classes_out
    out.append(f"  start --> {ids[m.start]}")
    styles = []
    for i, e in enumerate(m.edges, start=1):  # link 0 is the start arrow
        if e.kind == "thread":
            out.append(f"  {ids[e.source]} -.- {ids[e.target]}")
            styles.append(f"  linkStyle {i} stroke:#90a4ae,stroke-dasharray:2 3")
            continue
        arrow = "-.->" if e.kind == "next" else "==>" if e.kind == "unsafe" else "-->"
        out.append(f'  {ids[e.source]} {arrow}|"{_mermaid_text(e.label)}"| {ids[e.target]}')
        colour = SAFETY_COLOUR.get(e.kind, "#555555")
        styles.append(f"  linkStyle {i} stroke:{colour},color:{colour}")
    out += styles
    out += [
        "  classDef beat fill:#ffffff,stroke:#555555,color:#111111",
        *(f"  classDef {o} fill:{fill},stroke:#333333,color:#111111" for o, fill in OUTCOME_FILL.items()),
        f"  classDef flagged stroke:{FLAG_BORDER},stroke-width:3px",
        "  classDef missing fill:#eeeeee,stroke:#c62828,stroke-dasharray:4 3,color:#c62828",
        "  classDef unreached stroke-dasharray:4 3,color:#777777",
    ]
    if m.lanes:
        out += ["  classDef thread fill:#eceff1,stroke:#90a4ae,color:#111111",
                "  classDef legend fill:#fafafa,stroke:#90a4ae,color:#111111,text-align:left"]
    return "\n".join(out) + "\n"


# --- DOT (Graphviz) ----------------------------------------------------------------------------

def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(m: StoryMap) -> str:
    out = [f"digraph {_dot_text(m.title)} {{",
           "  rankdir=TB;",
           '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
           '  edge [fontname="Helvetica", fontsize=10];',
           '  "__start" [label="start", shape=circle, fillcolor="#eeeeee"];',
           f"  \"__start\" -> {_dot_text(m.start)};"]
    nodes: dict[str | None, list[str]] = {}
    for bid, node in m.nodes.items():
        attrs = {"label": "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in node.lines)}
        if node.kind == "ending":
            attrs.update(shape="box", style="filled,bold", fillcolor=OUTCOME_FILL[node.outcome or "safe"])
        elif node.kind == "missing":
            attrs.update(shape="hexagon", style="dashed", color=FLAG_BORDER, fontcolor=FLAG_BORDER)
        elif node.kind == "thread":
            attrs.update(shape="note", style="filled", fillcolor="#eceff1", color="#90a4ae")
        if node.flags:
            attrs.update(color=FLAG_BORDER, penwidth="3")
        if not node.reachable and node.kind != "missing":
            attrs.update(style="rounded,dashed", fontcolor="#777777")
        body = ", ".join(f'{k}="{v}"' if k == "label" else f"{k}={_dot_text(v)}" for k, v in attrs.items())
        nodes.setdefault(node.lane, []).append(f"  {_dot_text(bid)} [{body}];")
    if m.lanes:  # format 2: one cluster (lane) per thread, and a legend naming them
        legend = "\\l".join(line.replace("\\", "\\\\").replace('"', '\\"')
                             for line in ["Threads (one lane each)", *(lane.legend for lane in m.lanes.values())])
        out.append(f'  "__legend" [label="{legend}\\l", shape=note, fillcolor="#fafafa", color="#90a4ae"];')
        for i, (tid, lane) in enumerate(m.lanes.items()):
            out += [f"  subgraph {_dot_text(f'cluster_{i}')} {{", f"    label={_dot_text(lane.title)};",
                    '    style="rounded,dashed"; color="#90a4ae"; fontname="Helvetica";']
            out += ["  " + line for line in nodes.get(tid, [])]
            out.append("  }")
    out += nodes.get(None, [])
    for e in m.edges:
        if e.kind == "thread":
            out.append(f"  {_dot_text(e.source)} -> {_dot_text(e.target)} [style=dotted, arrowhead=none, "
                       'color="#90a4ae"];')
            continue
        colour = SAFETY_COLOUR.get(e.kind, "#555555")
        style = "dashed" if e.kind == "next" else "bold" if e.kind == "unsafe" else "solid"
        out.append(f"  {_dot_text(e.source)} -> {_dot_text(e.target)} [label={_dot_text(e.label)}, "
                   f"color={_dot_text(colour)}, fontcolor={_dot_text(colour)}, style={style}];")
    out.append("}")
    return "\n".join(out) + "\n"


# --- the command -------------------------------------------------------------------------------

def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help=_("a scenario id (e.g. game-teammate) or a .yaml file"))
    parser.add_argument("--format", choices=("mermaid", "dot", "svg", "png"), default="mermaid",
                        help=_("mermaid (default; paste into mermaid.live or a Markdown file), dot "
                               "(Graphviz text), or svg/png (needs Graphviz and --out)"))
    parser.add_argument("--out", type=Path, default=None, help=_("write to this file (default: print)"))
    parser.add_argument("--lang", choices=LANGS, default="en")


def load_for_map(ref: str) -> tuple[Scenario | None, list]:
    """The scenario's model even when story checks fail (a map shows broken links best)."""
    path = scenario_file(ref)
    if path is None:
        return None, [f"no scenario '{ref}'"]
    sc, _, problems = load_file(Scenario, path)
    return sc, problems


def run(args: argparse.Namespace) -> int:
    sc, problems = load_for_map(args.scenario)
    if sc is None:
        print(_("'{ref}' can't be drawn until these are fixed:").format(ref=args.scenario), file=sys.stderr)
        for p in problems:
            print(p, file=sys.stderr)
        return 1
    story = build_map(sc, args.lang)
    if args.format == "mermaid":
        write_output(to_mermaid(story), args.out)
        return 0
    if args.format == "dot":
        write_output(to_dot(story), args.out)
        return 0
    return render_image(to_dot(story), args.format, args.out)


def render_image(dot_source: str, fmt: str, out: Path | None) -> int:
    """Run Graphviz `dot` to make an SVG or PNG file."""
    if out is None:
        print(_("--format {name} writes a file: add --out map.{name}").format(name=fmt), file=sys.stderr)
        return 2
    dot = shutil.which("dot")
    if dot is None:
        print(_("Graphviz is not installed, so I can't make the {kind} file.\n"
                "Install it (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install "
                "graphviz; Windows: winget install graphviz), or use --format mermaid and paste the "
                "text into https://mermaid.live or a Markdown file.").format(kind=fmt.upper()), file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([dot, f"-T{fmt}", "-o", str(out)], input=dot_source.encode("utf-8"),
                          capture_output=True, timeout=60, check=False)
    if done.returncode != 0:
        print(_("Graphviz failed: {error}").format(error=done.stderr.decode("utf-8", "replace").strip()),
              file=sys.stderr)
        return 1
    print(_("wrote {path}").format(path=out))
    return 0
