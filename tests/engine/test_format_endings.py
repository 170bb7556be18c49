"""Endings that vary with the story's variables: an ending's `variants:`, the first whose `if`
holds replacing its outcome, title or text. The runtime shows the chosen variant, the score and
the debrief use it, and the validator checks the variants (RF026, RF046)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.authoring.paths import analyse
from game.engine.loader import load_file
from game.engine.model import Scenario
from game.engine.paths import all_paths, play
from game.engine.runtime import EndingEvent, Playthrough
from game.engine.scoring import OUTCOME_POINTS, debrief
from game.engine.validate import check_source

DATA = Path(__file__).resolve().parents[1] / "data"
TOOLS = (DATA / "writer-tools.yaml").read_text(encoding="utf-8")
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")


def checked(text: str, library):
    return check_source(text, "writer-tools.yaml", library.taxonomy, library.resources)


@pytest.fixture(scope="module")
def tools(library):
    result = checked(TOOLS, library)
    assert result.ok and result.diagnostics == [], [str(d) for d in result.diagnostics]
    return result.scenario


def ending_of(sc, choices) -> EndingEvent:
    pt = play(sc, choices)
    ev = pt.next()
    assert isinstance(ev, EndingEvent)
    return ev


def test_the_first_variant_whose_condition_holds_is_shown(tools):
    told = ending_of(tools, [0, 1])  # "not telling", then the action: told_mom
    assert told.variant == 0 and told.ending.outcome == "safe"
    assert told.ending.title.en == "You told your mom" and told.ending.text.fr.startswith("Avec ta mère")
    assert told.ending.variants == ()  # the ending as the player sees it
    plain = ending_of(tools, [1, 2])  # "Lakeview", "ok fine": no variant holds
    written = tools.beats["end"].ending
    assert plain.variant is None and plain.ending.outcome == written.outcome == "risky"
    assert (plain.ending.title, plain.ending.text) == (written.title, written.text)


def test_a_variant_keeps_what_it_does_not_replace(tools):
    three = ending_of(tools, [0, 0, 0, 2])  # said no three times (warnings 3), then "ok fine"
    written = tools.beats["end"].ending
    assert three.variant == 1
    assert three.ending.outcome == written.outcome and three.ending.title == written.title
    assert three.ending.text.en == "You said no three times. Sam gave up."


def test_the_score_and_the_debrief_use_the_chosen_variant(tools):
    safe = play(tools, [0, 1])
    model = debrief(tools, safe.state)
    assert model.ending is not None and model.ending.outcome == "safe"
    assert model.score.outcome_points == OUTCOME_POINTS["safe"]
    risky = debrief(tools, play(tools, [1, 2]).state)
    assert risky.ending is not None and risky.score.outcome_points == OUTCOME_POINTS["risky"]


def test_a_saved_playthrough_ends_in_the_same_variant(tools):
    pt = play(tools, [0, 1])
    first = pt.next()
    again = Playthrough.restore(tools, pt.state.to_json()).next()
    assert again == first and isinstance(again, EndingEvent) and again.variant == 0


def test_the_ending_action_carries_the_variant(tools):
    heard = []
    pt = Playthrough(tools, on_action=heard.append)
    for index in (0, 1):
        pt.run_until_input()
        pt.choose(index)
    pt.run_until_input()
    (ending,) = [a for a in heard if a.kind == "ending"]
    assert isinstance(ending.event, EndingEvent) and ending.event.ending.outcome == "safe"


def test_every_variant_is_reached_and_check_reports_each(tools):
    reached = {(p.ending.beat, p.ending.variant) for p in all_paths(tools)}
    assert reached == {("end", None), ("end", 0), ("end", 1)}
    report = analyse(tools)
    assert [(e.beat, e.variant, e.outcome) for e in report.endings] == [
        ("end", 0, "safe"), ("end", None, "risky"), ("end", 1, "risky")]
    assert all(e.paths for e in report.endings)


def test_a_variant_no_path_reaches_is_never_reached(library):
    text = TOOLS.replace("        - if: {var: warnings, at_least: 3}", "        - if: {var: warnings, at_least: 9}")
    report = analyse(checked(text, library).scenario)
    assert [e.paths for e in report.endings if e.variant == 1] == [0]


def test_a_condition_on_an_unknown_variable_is_rf026(library):
    text = TOOLS.replace("        - if: told_mom", "        - if: told_mum")
    found = [d for d in checked(text, library).diagnostics if d.code == "RF026"]
    assert len(found) == 1 and "told_mum" in found[0].message and "told_mom" in found[0].hint
    assert found[0].line == text.splitlines().index("        - if: told_mum") + 1


def test_a_variant_that_changes_nothing_is_rf046(library):
    text = TOOLS.replace("          text: {en: You said no three times. Sam gave up., "
                         "fr: Tu as dit non trois fois. Sam a abandonné.}\n", "")
    result = checked(text, library)
    assert [d.code for d in result.diagnostics] == ["RF046"] and result.ok  # a warning


@pytest.mark.parametrize("variant, code", [
    ("        - outcome: safe\n", "RF011"),  # no `if`
    ("        - if: told_mom\n          outcome: great\n", "RF014"),
    ("        - if: told_mom\n          colour: red\n", "RF010"),
])
def test_a_badly_written_variant_is_located(library, variant, code):
    text = TOOLS.replace("        - if: told_mom\n", variant, 1)
    result = checked(text, library)
    assert code in {d.code for d in result.diagnostics} and not result.ok


def test_stories_without_variants_keep_their_fingerprint(library):
    """Saves and class results carry the story's fingerprint: the keys the format gained
    (variants, add, action, at_least, at_most) leave it alone until a story uses them."""
    minimal, _source, problems = load_file(Scenario, DATA / "minimal.yaml")
    assert minimal is not None and not problems
    assert minimal.fingerprint == "718a2c641efdc046"  # what it was before those keys existed
    assert '"variants"' in json.dumps(minimal.model_dump(mode="json"))
    with_variant = checked(MINIMAL.replace(
        "      text: {en: You told an adult., fr: Tu en as parlé à un adulte.}\n",
        "      text: {en: You told an adult., fr: Tu en as parlé à un adulte.}\n"
        "      variants:\n        - {if: said_no, title: {en: Said no, fr: Refusé}}\n"), library).scenario
    assert with_variant is not None and with_variant.fingerprint != minimal.fingerprint
