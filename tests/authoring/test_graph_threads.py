"""`graph` on a format 2 story: one lane per thread with a legend naming them, each beat in its
thread's lane (its messages in other threads as small boxes in theirs), actions on the arrows."""

from __future__ import annotations

import re
import shutil

import pytest

from game.authoring.graph import action_tag, build_map, to_dot, to_mermaid
from game.engine.loader import load_file
from game.engine.model import Scenario

from .conftest import ROOT, SCENARIOS


def _load(path) -> Scenario:
    sc, _where, problems = load_file(Scenario, path)
    assert sc is not None, problems
    return sc


@pytest.fixture(scope="module")
def phone():
    return _load(ROOT / "tests" / "data" / "phone.yaml")


@pytest.fixture(scope="module")
def priya():
    return _load(SCENARIOS / "sextortion-hacked-friend.yaml")


def test_each_beat_is_in_its_threads_lane(phone):
    m = build_map(phone)
    assert list(m.lanes) == ["nova", "crew", "mom", "nova2"]
    assert m.nodes["start"].lane == "nova"  # its last message, where the replies come
    assert m.nodes["blocked"].lane == "nova2" and m.nodes["told"].lane == "mom"
    assert m.nodes["kept"].lane == "nova"  # shows nothing: the lane of the beat before it
    crew = m.nodes["start@crew"]
    assert crew.kind == "thread" and crew.lane == "crew" and "✉ 1 message" in crew.lines
    assert any(e.source == "start" and e.target == "start@crew" and e.kind == "thread" for e in m.edges)
    assert "↗ opens nova2" in m.nodes["blocked"].lines


def test_a_beats_red_flags_are_counted_in_the_lane_they_are_in(priya):
    m = build_map(priya)
    tell = m.nodes["tell-dad"]
    assert tell.lane == "dad" and tell.flags == 0 and not any(line.startswith("⚑") for line in tell.lines)
    assert m.nodes["tell-dad@dm"].flags == 1 and m.nodes["tell-dad@dm"].lane == "dm"
    assert sum(n.flags for n in m.nodes.values()) == sum(
        m.flag is not None for b in priya.beats.values() for m in b.messages)


def test_actions_are_on_the_reply_arrows(phone, priya):
    labels = [e.label for e in build_map(phone).edges]
    assert "✔ safe [screenshot]: (take a screenshot of the chat)" in labels
    assert "✔ safe [report: threats]: (report nova_x for threats)" in labels
    assert "✔ safe [tell: mom]: (tell Mom)" in labels
    assert "✖ unsafe [pay]: (send the gift card)" in labels
    assert any(label.startswith("✔ safe [action]: ") for label in (e.label for e in build_map(priya).edges))
    assert action_tag(phone.beats["start"].choices[0]) == "[screenshot]"


def test_mermaid_has_a_lane_per_thread_and_a_legend(phone):
    text = to_mermaid(build_map(phone))
    assert re.search(r'legend\["Threads \(one lane each\)<br/>nova: nova_x \(DM\)<br/>crew: Skate crew '
                     r'\(group with Lee, Ari\)<br/>mom: Mom \(DM\)<br/>nova2: nova_x_2 \(DM with nova_x; '
                     r'opens later\)"\]', text)
    lanes = re.findall(r'subgraph lane\d+\["([^"]+)"\]', text)
    assert lanes == ["nova: nova_x", "crew: Skate crew", "mom: Mom", "nova2: nova_x_2"]
    assert text.count("\n  end\n") == 4
    crew = text.split('subgraph lane1["crew: Skate crew"]')[1].split("\n  end\n")[0]
    assert "start, in crew" in crew and "blocked" not in crew
    assert '|"✔ safe [report: threats]: (report nova_x for threats)"|' in text
    edges = build_map(phone).edges
    assert sum(line.strip().startswith("linkStyle") for line in text.splitlines()) == len(edges)


def test_dot_has_a_cluster_per_thread_and_a_legend(phone):
    text = to_dot(build_map(phone))
    assert text.count("subgraph \"cluster_") == 4 and 'label="crew: Skate crew";' in text
    assert '"__legend" [label="Threads (one lane each)\\lnova: nova_x (DM)' in text
    assert '"start" -> "start@crew" [style=dotted, arrowhead=none' in text
    nova2 = text.split('label="nova2: nova_x_2";')[1].split("\n  }\n")[0]
    assert '"blocked" [' in nova2
    assert text.count("->") == len(build_map(phone).edges) + 1


def test_a_format_1_story_has_no_lanes(library):
    m = build_map(library.playable()["game-teammate"])
    assert not m.lanes and all(n.lane is None for n in m.nodes.values())
    assert "subgraph" not in to_mermaid(m) and "cluster" not in to_dot(m) and "legend" not in to_mermaid(m)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
def test_svg_of_a_phone_story_draws_the_lanes(cli, tmp_path):
    out = tmp_path / "map.svg"
    status, text = cli("graph", "sextortion-hacked-friend", "--format", "svg", "--out", out)
    assert status == 0, text
    svg = out.read_text()
    assert svg.count('class="cluster"') == 4 and "dad: Dad" in svg and "[tell: dad]" in svg
