"""Actions with meaning (format 2): a reply's `action:` names what it does, the runtime records
each action taken (PlayState.acts, derived from the transcript, so saves carry only that), the hook reports
it, and the debrief's "what you did" part scores it (docs/scoring.md). Stories without named
actions (every format 1 story) keep today's scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.deeds import NAMED_ACTS, offered_acts, what_you_did
from game.engine.paths import play
from game.engine.runtime import Action, Playthrough
from game.engine.scoring import debrief
from game.engine.state import Act, PlayState
from game.engine.validate import check_source

DATA = Path(__file__).resolve().parents[1] / "data"


def load(name: str, library):
    result = check_source((DATA / name).read_text(encoding="utf-8"), name, library.taxonomy, library.resources)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.scenario


@pytest.fixture(scope="module")
def phone(library):
    return load("phone.yaml", library)


# Paths through phone.yaml, by choice index at each stop.
SHOT_REPORT_TELL = [0, 1, 0]
SHOT_BLOCK_TELL = [0, 0, 0]
SHOT_BLOCK_MUTE = [0, 0, 1]
PAY_TELL, PAY_PAY, PAY_DEACTIVATE = [1, 0], [1, 1], [1, 2]
DELETE_TELL, DELETE_LEAVE = [2, 0], [2, 1]


def test_every_action_kind_is_offered_and_recorded(phone):
    assert offered_acts(phone) == frozenset(NAMED_ACTS)
    taken = set()
    for path in (SHOT_REPORT_TELL, SHOT_BLOCK_MUTE, PAY_PAY, PAY_DEACTIVATE, DELETE_LEAVE):
        pt = play(phone, path)
        taken |= {a.kind for a in pt.state.acts}
    assert taken == set(NAMED_ACTS)


def test_acts_carry_report_reason_and_who_was_told(phone):
    pt = play(phone, SHOT_REPORT_TELL)
    assert [(a.kind, a.reason, a.to) for a in pt.state.acts] == [
        ("screenshot", None, None), ("report", "threats", None), ("tell", None, "mom")]
    assert all(pt.state.transcript[a.index].kind == "reply" for a in pt.state.acts)


def test_the_hook_reports_each_action_with_its_kind(phone):
    heard: list[Action] = []
    pt = Playthrough(phone, on_action=heard.append)
    pt.run_until_input()
    reply = pt.choose(0)
    kinds = [a.kind for a in heard]
    assert kinds[-3:] == ["choice", "act", "enter"]
    act = heard[-2]
    assert act.act == "screenshot" and act.event == reply and reply.action and reply.choice.act == "screenshot"


def test_a_generic_action_is_still_an_act(library):
    tools = load("writer-tools.yaml", library)
    pt = play(tools, [0])
    pt.run_until_input()
    heard: list[Action] = []
    pt.listen(heard.append)
    pt.choose(1)  # `action: true`
    assert [a.act for a in heard if a.kind == "act"] == ["act"]
    assert pt.state.acts[-1].kind == "act"
    assert debrief(tools, pt.state).did is None  # no named actions: no "what you did"


def test_rewind_takes_the_action_back(phone):
    pt = play(phone, [0, 0])
    assert [a.kind for a in pt.state.acts] == ["screenshot", "block"]
    pt.rewind()
    assert [a.kind for a in pt.state.acts] == ["screenshot"]


def test_saves_round_trip_and_old_saves_still_load(phone, library):
    pt = play(phone, SHOT_REPORT_TELL)
    data = json.loads(pt.state.to_json())
    # a save carries the transcript only: what was done and which threads opened follow from it
    assert data["version"] == 2 and "acts" not in data and "opened" not in data
    old = Playthrough(phone, PlayState.from_json(json.dumps(data)))
    assert [a.kind for a in old.state.acts] == ["screenshot", "report", "tell"]
    assert old.state.acts == pt.state.acts and old.state.opened == pt.state.opened
    assert old.threads == pt.threads
    minimal = load("minimal.yaml", library)
    v2 = json.loads(Playthrough(minimal).state.to_json())
    assert v2["version"] == 2 and "acts" not in v2 and "opened" not in v2  # format 1: saved as before
    v1 = {k: v for k, v in v2.items() if k not in ("version", "fingerprint")}
    assert Playthrough(minimal, PlayState.from_json(json.dumps(v1))).state.acts == []


def test_a_save_whose_acts_point_past_the_transcript_is_refused(phone):
    from game.engine.runtime import PlayError
    state = play(phone, [0]).state
    state.acts.append(Act("block", 99, "kept"))
    with pytest.raises(PlayError):
        Playthrough(phone, state)


def did(phone, path):
    pt = play(phone, path)
    pt.run_until_input()
    return debrief(phone, pt.state)


def test_what_you_did_rewards_evidence_report_and_telling_soon(phone):
    d = did(phone, SHOT_REPORT_TELL)
    w = d.did
    assert w is not None and w.kept_evidence and w.reported and w.told and w.stayed_unpaid
    assert w.blocked is False and w.tell_delay == 1 and not w.deleted_evidence
    assert (w.raw, w.raw_max) == (8, 10) and d.score.did_points == 16
    assert d.score.max_points == 100 and d.score.flag_points == 0 and d.score.choice_points == 30


def test_blocking_after_evidence_and_paying(phone):
    assert did(phone, SHOT_BLOCK_TELL).did.blocked is True
    once, twice = did(phone, PAY_TELL).did, did(phone, PAY_PAY).did
    assert (once.paid, once.stayed_unpaid, once.kept_evidence) == (1, False, False)
    assert twice.paid == 2 and twice.raw < once.raw
    assert did(phone, PAY_DEACTIVATE).did.told is False


def test_deleting_without_evidence_costs_marks(phone):
    deleted = did(phone, DELETE_TELL).did
    assert deleted.deleted_evidence and deleted.kept_evidence is False
    assert deleted.raw == 2 + 2 - 2  # told soon, never paid, less deleting the evidence
    assert did(phone, DELETE_LEAVE).did.raw == 0  # never below zero


def test_what_you_did_is_computed_from_the_recorded_actions_only(phone):
    pt = play(phone, SHOT_REPORT_TELL)
    assert what_you_did(phone, pt.state) == debrief(phone, pt.state).did


def test_format_1_scores_are_unchanged(library):
    minimal = load("minimal.yaml", library)
    d = debrief(minimal, play(minimal, [0]).state)
    assert d.did is None and d.score.did_points == 0
    assert d.score.max_points in (40, 80, 100)


def test_generic_actions_are_saved_as_version_2_and_read_back(library):
    tools = load("writer-tools.yaml", library)
    pt = play(tools, [0])
    pt.run_until_input()
    pt.choose(1)  # `action: true`
    data = json.loads(pt.state.to_json())
    assert data["version"] == 2 and "acts" not in data
    assert [a.kind for a in Playthrough.restore(tools, pt.state.to_json()).state.acts] == ["act"]
