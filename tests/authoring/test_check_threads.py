"""`check` and `walk` on a format 2 story: the actions each path takes are counted, and the
terminal says which thread each message is in and what each action reply does."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from game.authoring.paths import analyse, format_report
from game.engine.loader import load_file
from game.engine.model import Scenario
from game.engine.paths import all_paths
from game.engine.runtime import ReplyEvent
from game.terminal import Walker

from .conftest import ROOT

PHONE = ROOT / "tests" / "data" / "phone.yaml"


@pytest.fixture(scope="module")
def phone():
    sc, _where, problems = load_file(Scenario, PHONE)
    assert sc is not None, problems
    return sc


def test_check_counts_actions_per_path(phone):
    r = analyse(phone)
    paths = all_paths(phone)
    per_path = [[ev.choice.act for ev in p.events if isinstance(ev, ReplyEvent) and ev.choice.act] for p in paths]
    assert r.actions_min == min(map(len, per_path)) and r.actions_max == max(map(len, per_path))
    assert r.action_paths == dict(Counter(k for acts in per_path for k in set(acts)))
    assert list(r.action_paths)[0] == "screenshot" and 0 < r.action_paths["tell"] < r.paths
    line = next(line for line in format_report(r).splitlines() if "Actions per path" in line)
    assert line.startswith(f"  Actions per path: {r.actions_min} to {r.actions_max}; paths taking each "
                           f"(of {r.paths}): screenshot {r.action_paths['screenshot']}")
    assert f"tell {r.action_paths['tell']}" in line and f"report {r.action_paths['report']}" in line


def test_check_json_has_the_action_counts(cli):
    status, out = cli("check", PHONE, "--format", "json")
    assert status == 0, out
    (report,) = json.loads(out)
    assert report["actions_max"] >= report["actions_min"] > 0 and report["action_paths"]["pay"] > 0


def test_generic_actions_are_counted_as_action(library):
    r = analyse(library.playable()["sextortion-hacked-friend"])
    assert r.action_paths["act"] > 0
    assert " action " in next(line for line in format_report(r).splitlines() if "Actions per path" in line) + " "


def test_a_story_without_actions_has_no_actions_line(library):
    teammate = library.playable()["game-teammate"]
    assert not any(c.act for b in teammate.beats.values() for c in b.choices or ())
    r = analyse(teammate)
    assert r.action_paths == {} and "Actions per path" not in format_report(r)


def test_walk_names_each_messages_thread_and_each_actions_kind(library):
    """A screen reader user plays the same story: every message is under the name of its thread."""
    sc = library.playable()["sextortion-hacked-friend"]
    answers = iter(["1", "1", "1", "2", "1", "1", "3"])  # call, pay, screenshot, tell Dad, report: threats
    out: list[str] = []
    Walker(sc, library, read=lambda _p: next(answers, "q"), write=out.append).play()
    text = "\n".join(out)
    shown: list[str] = []  # the thread each numbered message was printed under
    current = None
    for line in text.splitlines():
        if line.startswith("=> Thread: "):
            current = line.removeprefix("=> Thread: ")
        elif line.startswith("[") and "* Your action" not in line:
            shown.append(current or "")
    assert shown and all(shown), "every message comes after the name of its thread"
    assert "=> Thread: priya.k" in text and "=> Thread: Dad" in text
    for kind in ("pay", "screenshot", "tell", "report"):
        assert f"* Your action ({kind}): " in text
        assert f") [{kind}] " in text  # the reply list names an action's kind before it is chosen
    assert "Why are you reporting?" in text and "3) Threats: " in text  # the app's report sheet, in text


def test_walk_of_a_format_1_story_names_no_thread(library):
    sc = library.playable()["game-teammate"]
    out: list[str] = []
    Walker(sc, library, read=lambda _p: "q", write=out.append).play()
    assert any(line.startswith("[1] ") for line in out) and not any("Thread:" in line for line in out)


def test_walk_cancelling_the_report_sheet_takes_nothing(library):
    sc = library.playable()["sextortion-hacked-friend"]
    answers = iter(["1", "1", "1", "2", "1", "1", "0"])  # ... report, then cancel at "why?"
    out: list[str] = []
    Walker(sc, library, read=lambda _p: next(answers, "q"), write=out.append).play()
    text = "\n".join(out)
    assert "Why are you reporting?" in text and "* Your action (report)" not in text
    assert text.rindex("Your reply:") > text.rindex("Why are you reporting?")  # back to the replies
