"""Scoring follows the documented rubric (docs/scoring.md) and explains itself."""

from pathlib import Path

import pytest

from game.engine import scoring
from game.engine.runtime import Playthrough
from game.engine.scoring import debrief
from game.engine.validate import check_source

MINIMAL = (Path(__file__).resolve().parents[1] / "data" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def minimal(library):
    return check_source(MINIMAL, "minimal.yaml", library.taxonomy, library.resources).scenario


def finish(sc, flags, choices, difficulty="spot"):
    """Play `choices`, flagging transcript lines in `flags` ({index: category}) when shown."""
    pt = Playthrough(sc, difficulty=difficulty)
    for choice in list(choices) + [None]:
        for ev in pt.run_until_input():
            if getattr(ev, "index", None) in flags and pt.flaggable(ev.index):
                pt.flag(ev.index, flags[ev.index])
        if choice is not None:
            pt.choose(choice)
    return debrief(sc, pt.state)


def test_perfect_play_scores_full_marks(minimal):
    # path [0]: flattery (2) and school (5) caught, the note (1) left alone, one safe choice
    d = finish(minimal, {2: None, 5: None}, [0])
    s = d.score
    assert (s.caught, s.missed, s.false_alarms) == (2, 0, 0)
    assert (s.flag_points, s.choice_points, s.outcome_points) == (40, 40, 20)
    assert s.points == s.max_points == 100 and s.percent == 100 and s.band == "great"


def test_three_parts_each_count(minimal):
    d = finish(minimal, {}, [1, 2])  # nothing caught; unsafe then risky replies; risky ending
    s = d.score
    assert (s.caught, s.missed) == (0, 3)
    assert s.flag_points == 0
    assert s.choice_points == round(scoring.REPLIES * (0 + 5) / 20)
    assert s.outcome_points == scoring.OUTCOME_POINTS["risky"] == 10
    assert s.max_points == 100 and s.points == 20
    assert [f.status for f in d.flags] == ["fine", "missed", "missed", "missed"]
    assert d.flags[0].why.en == "Saying hi is fine."
    assert [c.choice.feedback.en for c in d.choices] == ["Risky.", "Not great."]


def test_catching_every_flag_does_not_hide_unsafe_replies(minimal):
    d = finish(minimal, {2: None, 4: None, 5: None}, [1, 2])  # on this path: 2, 4, 5
    assert d.score.caught == 3 and d.score.flag_points == 40
    assert d.score.band == "practise"  # spotting alone is not enough


def test_false_alarms_cost_points_but_never_below_zero(minimal):
    d = finish(minimal, {1: None}, [1, 1])
    assert d.score.false_alarms == 1 and d.score.flag_points == 0
    d = finish(minimal, {1: None, 2: None}, [1, 1])
    raw = scoring.CAUGHT + scoring.FALSE_ALARM
    assert d.score.flag_points == round(scoring.SPOTTING * raw / (3 * scoring.CAUGHT))
    fa = [f for f in d.flags if f.status == "false_alarm"][0]
    assert fa.why.en == "Saying hi is fine." and fa.category is None


def test_judgement_stories_score_not_crying_wolf(library):
    sc = library.playable()["judgement-team-coach"]
    pt = Playthrough(sc)
    shown = [e.index for e in pt.run_until_input() if getattr(e, "index", None) is not None
             and pt.flaggable(e.index)]
    assert debrief(sc, pt.state).score.flag_points == scoring.SPOTTING
    pt.flag(shown[0])
    pt.flag(shown[1])
    d = debrief(sc, pt.state)
    assert d.score.false_alarms == 2
    assert d.score.flag_points == scoring.SPOTTING - 2 * scoring.NO_FLAGS_FALSE_ALARM
    assert [f.index for f in d.flags if f.status == "false_alarm"] == shown[:2]


def test_checking_an_unverified_account_is_never_a_false_alarm(library):
    """judgement-new-classmate: flagging the unverified account's first messages is a fair
    judgement call (borderline), never a false alarm, and never costs points."""
    sc = library.playable()["judgement-new-classmate"]
    pt = Playthrough(sc)
    shown = [e.index for e in pt.run_until_input() if getattr(e, "index", None) is not None
             and pt.flaggable(e.index)]
    clean = debrief(sc, pt.state).score.points
    for i in shown:
        pt.flag(i)
    d = debrief(sc, pt.state)
    assert d.score.false_alarms == 0 and d.score.points == clean
    assert any(f.status == "borderline" and f.flagged for f in d.flags)


def test_name_it_mode_rewards_the_right_tactic(minimal):
    right = finish(minimal, {2: "romance", 5: "personal-info"}, [0], difficulty="name")
    wrong = finish(minimal, {2: "threats", 5: None}, [0], difficulty="name")
    assert right.score.named_right == 2 and right.score.flag_points == 40
    assert wrong.score.named_right == 0
    assert wrong.score.flag_points == round(40 * 2 * scoring.CAUGHT / (2 * 15))
    assert right.score.max_points == wrong.score.max_points == 100
    assert wrong.flags[1].named == "threats" and wrong.flags[1].named_right is False


def test_partial_playthrough_scores_what_was_seen(minimal):
    pt = Playthrough(minimal)
    pt.run_until_input()
    pt.flag(2)
    d = debrief(minimal, pt.state)
    assert not d.finished and d.ending is None
    assert d.score.max_points == scoring.SPOTTING and d.score.percent == 100


def test_flag_keys_are_stable_across_playthroughs(minimal):
    a = finish(minimal, {}, [0])
    b = finish(minimal, {}, [1, 0])
    assert {f.key for f in a.flags} & {f.key for f in b.flags} == {"start/1", "start/2", "middle/1"}


def test_bands():
    assert scoring.BANDS[0] == (85, "great")
    s = scoring.Score(0, 0, 0, 0, 0, 0, 0, points=59, max_points=100)
    assert s.band == "practise"
