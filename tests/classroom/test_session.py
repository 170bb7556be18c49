"""Session flow: steps, roles rotation, discussion pauses, group names, settings."""

from __future__ import annotations

import random

import pytest

from game.classroom.session import (
    GENERIC_PROMPT,
    ClassSession,
    discussion_pause,
    name_warning,
    roles_card,
)
from game.classroom.settings import ClassSettings, load_settings, save_settings, settings_path
from game.engine.runtime import ChoicesEvent

from .helpers import play_step


@pytest.mark.parametrize("name, warning", [
    ("Emma Tremblay", "full_name"), ("Zoé Côté-Roy", "full_name"), ("the Ravens", None),
    ("Blue Foxes", None), ("Les Renards", None), ("team 3", None), ("emma", None),
    ("call 5551234567", "contact"), ("me@school.ca", "contact"),
])
def test_group_name_warning(name, warning):
    assert name_warning(name) == warning


def test_roles_rotate_between_scenarios():
    three = [roles_card(3, r) for r in range(3)]
    for seat in range(3):  # over three scenarios each seat holds every role once
        assert sorted(card[seat][1][0] for card in three) == ["keyboard", "recorder", "timekeeper"]
    two = roles_card(2, 0)
    assert sorted(r for _, roles in two for r in roles) == ["keyboard", "recorder", "timekeeper"]
    assert roles_card(2, 0)[0][1] != roles_card(2, 1)[0][1]
    assert roles_card(4, 0)[3] == (4, ())


def test_whole_session_flow(store, session, check, two_scenarios):
    run = session.add_group("  Blue   Foxes ", 3)
    assert run.info.name == "Blue Foxes"
    rng = random.Random(3)
    kinds = []
    while (kind := play_step(run, rng)) != "done":
        kinds.append(kind)
    assert kinds == ["pre_check", "scenario", "scenario", "post_check"]
    assert run.check_score("pre").total == len(check.questions)
    assert {p.round for p in run.playthroughs()} == {0, 1}
    assert run.next_step().kind == "done"


def test_interrupted_group_resumes_in_the_right_step(store, session, two_scenarios, check):
    run = session.add_group("Ravens", 2)
    rng = random.Random(1)
    play_step(run, rng)  # pre-check
    step = run.next_step()
    assert step.kind == "scenario" and step.round == 0 and step.resume is None
    assert step.roles == tuple(roles_card(2, 0))
    pt = run.play(step)
    pt.run_until_input()
    # the app restarts: reopen the session from the store
    again = ClassSession.open(store, session.id, two_scenarios, check)
    [run2] = again.groups()
    step2 = run2.next_step()
    assert step2.kind == "scenario" and step2.resume == pt.playthrough_id
    resumed = run2.play(step2)
    assert resumed.state == pt.state
    assert again.settings.class_label == "7B"


def test_discussion_pauses(scenario):
    marked = [b for b, beat in scenario.beats.items() if beat.discuss]
    plain = [b for b, beat in scenario.beats.items() if beat.choices and not beat.discuss]
    assert marked and plain
    off, on, every = (ClassSettings(discussion=d, timer_seconds=90) for d in ("off", "marked", "all"))
    assert discussion_pause(scenario, marked[0], off) is None
    pause = discussion_pause(scenario, marked[0], on)
    assert pause.prompt == scenario.beats[marked[0]].discuss.prompt and pause.seconds == 90
    assert pause.note(teacher_view=False) is None
    assert pause.note(teacher_view=True) == scenario.beats[marked[0]].discuss.teacher_note
    assert discussion_pause(scenario, plain[0], on) is None
    assert discussion_pause(scenario, plain[0], every).prompt == GENERIC_PROMPT
    ends = [b for b, beat in scenario.beats.items() if beat.ending]
    assert discussion_pause(scenario, ends[0], every) is None


def test_pause_before_a_choices_event(store, two_scenarios, scenario, check):
    session = ClassSession.start(store, ClassSettings(discussion="all"), two_scenarios, check)
    run = session.add_group("Owls")
    pt = run.play(_scenario_step(run))
    event = pt.run_until_input()[-1]
    assert isinstance(event, ChoicesEvent)
    assert run.pause_before(pt, event) is not None


def _scenario_step(run):
    for qid in run.next_step().unanswered:
        run.answer("pre", qid, 0)
    return run.next_step()


def test_whole_class_mode_has_no_roles(store, two_scenarios):
    session = ClassSession.start(store, ClassSettings(whole_class=True, knowledge_check=False),
                                 two_scenarios)
    run = session.add_group("7B", 4)
    step = run.next_step()
    assert step.kind == "scenario" and step.roles == () and run.info.members == 1


def test_settings_choose_the_scenarios(scenarios, store):
    sids = sorted(scenarios)
    assert [s.id for s in ClassSettings(scenarios=sids[::-1][:2]).offered(scenarios)] == sids[::-1][:2]
    topic = next(iter(scenarios.values())).topics[0]
    assert all(topic in s.topics for s in ClassSettings(topics=[topic]).offered(scenarios))
    with pytest.raises(ValueError, match="no scenario"):
        ClassSession.start(store, ClassSettings(grades=[1]), scenarios)
    with pytest.raises(ValueError):
        ClassSettings(region="FR")
    with pytest.raises(ValueError):
        ClassSettings(difficulty="hard")


def test_settings_saved_atomically_and_tolerant():
    assert load_settings() == ClassSettings()
    s = ClassSettings(topics=["sextortion"], grades=[7], difficulty="name", feedback="challenge",
                      discussion="all", language="fr", region="US", whole_class=True)
    save_settings(s)
    assert load_settings() == s
    settings_path().write_text('{"language": "fr", "future_option": 1}')
    assert load_settings().language == "fr"
    settings_path().write_text("garbage")
    assert load_settings() == ClassSettings()


def test_group_name_rules(session):
    with pytest.raises(ValueError):
        session.add_group("   ")
    with pytest.raises(ValueError):
        session.add_group("x" * 31)
    run = session.add_group("Owls")
    with pytest.raises(KeyError):
        run.answer("pre", "no-such-question", 0)
    with pytest.raises(ValueError):
        run.answer("pre", session.check.questions[0].id, 9)
