"""The debrief's lead (engine/highlights.py): at most three missed and three done well, the most
important first by the rubric's own weights, one of each kind before a second of any, and a
reply that is itself a "what you did" action counted once."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.deeds import what_you_did
from game.engine.highlights import GOOD_RULES, MISSED_RULES, highlights
from game.engine.paths import all_paths, play
from game.engine.scoring import DID, DID_REPLIES, DID_SPOTTING, REPLIES, SPOTTING, debrief
from game.engine.validate import check_source

DATA = Path(__file__).resolve().parents[1] / "data"


def lead(scenario, state):
    model = debrief(scenario, state)
    return model, highlights(model, what_you_did(scenario, state))


@pytest.fixture(scope="module")
def phone(library):
    name = "phone.yaml"
    result = check_source((DATA / name).read_text(encoding="utf-8"), name, library.taxonomy, library.resources)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.scenario


def check_lead(scenario, state) -> None:
    """The rule's promises, for any playthrough."""
    model, h = lead(scenario, state)
    for items, good in ((h.missed, False), (h.did_well, True)):
        assert len(items) <= 3
        weights = [x.weight for x in items]
        assert weights == sorted(weights, reverse=True), weights
        assert all(x.weight > 0 for x in items)
        assert len({id(x.flag or x.choice or x.rule) for x in items}) == len(items)
        for x in items:
            if x.kind == "flag":
                assert x.flag is not None and x.flag.status == ("caught" if good else "missed")
                assert x.flag.why is not None  # why it was a red flag
            elif x.kind == "reply":
                assert x.choice is not None and (x.choice.choice.safety == "safe") == good
            else:
                assert x.choice is None and x.rule in (GOOD_RULES if good else MISSED_RULES)
        # one of each kind before a second of any: a kind left out had nothing to show
        assert {x.kind for x in _candidates(model, good)} <= {x.kind for x in items}
    if model.did is None:
        assert all(x.rule is None for x in h.missed + h.did_well)


def _candidates(model, good):
    """Every candidate of the lead: the same call with no limit."""
    everything = highlights(model, model.did, limit=1000)
    return everything.did_well if good else everything.missed


@pytest.mark.parametrize("sid", ["game-teammate", "sextortion-hacked-friend", "grooming-fan-group",
                                 "judgement-new-classmate"])
def test_every_path_keeps_the_rule(library, sid):
    scenario = library.playable()[sid]
    for path in all_paths(scenario)[:60]:
        check_lead(scenario, path.state)
        flagged = path.state
        for i, e in enumerate(flagged.transcript):  # and with every red flag caught
            if e.kind == "message" and scenario.beats[e.beat].messages[e.index].flag is not None:
                flagged.flags[i] = None
        check_lead(scenario, flagged)
        assert not any(x.kind == "flag" for x in lead(scenario, flagged)[1].missed)


def test_weights_are_the_rubrics(library):
    scenario = library.playable()["game-teammate"]
    first = all_paths(scenario)[0]  # the first reply each time
    assert set(first.choices) == {0}
    model, h = lead(scenario, first.state)
    real = [f for f in model.flags if f.category is not None]
    assert model.did is None
    for x in h.missed:
        if x.kind == "flag":
            assert x.weight == pytest.approx(SPOTTING / len(real))
        else:
            lost = {"unsafe": 1.0, "risky": 0.5}[x.choice.choice.safety]
            assert x.weight == pytest.approx(REPLIES / len(model.choices) * lost)
    # both kinds show, even where three unsafe replies weigh more than one red flag
    assert {x.kind for x in h.missed} == {"flag", "reply"}


def test_nothing_missed_means_an_empty_list(library):
    scenario = library.playable()["game-teammate"]
    best = next(p for p in all_paths(scenario) if p.ending.ending.outcome == "safe"
                and all(c.choice.safety == "safe" for c in debrief(scenario, p.state).choices))
    for i, e in enumerate(best.state.transcript):
        if e.kind == "message" and scenario.beats[e.beat].messages[e.index].flag is not None:
            best.state.flags[i] = None
    model, h = lead(scenario, best.state)
    assert h.missed == () and model.score.percent == 100
    assert len(h.did_well) == 3 and {x.kind for x in h.did_well} == {"flag", "reply"}


def test_a_careful_playthrough_misses_only_what_it_left_undone(phone):
    pt = play(phone, [0, 1, 0])  # screenshot, report, tell Mom: all safe
    for i, e in enumerate(pt.state.transcript):
        if e.kind == "message" and phone.beats[e.beat].messages[e.index].flag is not None:
            pt.state.flags[i] = None
    model, h = lead(phone, pt.state)
    # only "not blocked" is left: the story offered blocking on another branch
    assert [x.rule for x in h.missed] == ["not_blocked"]
    assert len(h.did_well) == 3


def test_paying_twice_is_one_item_weighing_the_reply_and_the_rule(phone):
    pt = play(phone, [1, 1])  # pay, then pay again
    model, h = lead(phone, pt.state)
    did = model.did
    assert did is not None and did.paid == 2
    per_mark = DID / did.raw_max
    share = DID_REPLIES / len(model.choices)
    pays = [x for x in h.missed if x.choice is not None and x.choice.choice.act == "pay"]
    assert len(pays) == 1 and pays[0].rule == "paid_again"
    assert pays[0].weight == pytest.approx(share + 2 * per_mark)
    assert h.missed[0] is pays[0]  # the heaviest: first
    assert not any(x.kind == "action" and x.rule == "paid_again" for x in h.missed)
    # the example in docs/scoring.md: one of each kind, though the second payment weighs more
    assert [(x.kind, x.weight, x.rule or (x.flag.category if x.flag else None)) for x in h.missed] == [
        ("reply", pytest.approx(19), "paid_again"), ("flag", pytest.approx(10), "flattery"),
        ("action", pytest.approx(4), "no_evidence")]
    everything = highlights(model, did, limit=100).missed
    assert len(everything) == 9 and everything[1].weight == pytest.approx(15)


def test_format_2_lists_missed_actions_and_good_ones(phone):
    pt = play(phone, [2, 1])  # delete the chat, then leave the group: no evidence, nobody told
    model, h = lead(phone, pt.state)
    rules = {x.rule for x in h.missed}
    assert "deleted_evidence" in rules  # joined to the delete reply
    deleted = next(x for x in h.missed if x.rule == "deleted_evidence")
    assert deleted.kind == "reply" and deleted.choice is not None and deleted.choice.choice.act == "delete"
    assert any(x.kind == "flag" for x in h.missed) and any(x.kind == "action" for x in h.missed)
    flag = next(x for x in h.missed if x.kind == "flag")
    assert flag.weight == pytest.approx(DID_SPOTTING / len([f for f in model.flags if f.category]))
    assert [x.rule for x in h.did_well if x.kind == "action"] == ["never_paid"]


def test_before_any_reply_no_action_is_judged(phone):
    from game.engine.runtime import Playthrough

    pt = Playthrough(phone)
    pt.run_until_input()
    model, h = lead(phone, pt.state)
    assert not model.choices
    assert all(x.kind == "flag" for x in h.missed) and len(h.missed) <= 3
    assert h.did_well == ()
