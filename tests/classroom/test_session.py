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
    assert kinds == ["pre_check", "pre_spot", "scenario", "scenario", "post_spot", "post_check"]
    assert run.check_score("pre").total == len(check.questions)
    assert {p.round for p in run.playthroughs()} == {0, 1}
    assert run.next_step().kind == "done"


def test_interrupted_group_resumes_in_the_right_step(store, session, two_scenarios, check):
    run = session.add_group("Ravens", 2)
    rng = random.Random(1)
    assert [play_step(run, rng), play_step(run, rng)] == ["pre_check", "pre_spot"]
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
    for chat in run.next_step().chats:
        run.spot("pre", chat.id, {})
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


# --- the lesson the teacher chooses -----------------------------------------------------------------


def test_a_story_with_a_switched_off_topic_is_not_offered(scenarios):
    mixed = next(s for s in scenarios.values() if len(s.topics) > 1)
    others = sorted({t for s in scenarios.values() for t in s.topics} - {mixed.topics[1]})
    settings = ClassSettings(topics=others)  # one of its topics switched off, the other still on
    assert mixed.topics[0] in settings.topics and not settings.offers(mixed) and not settings.allows(mixed)
    offered = settings.offered(scenarios)
    assert offered and all(set(s.topics) <= set(others) for s in offered)
    assert all(ClassSettings().offers(s) for s in scenarios.values() if not s.draft)
    # a writer's draft is allowed under Play but never offered to a class
    draft = mixed.model_copy(update={"draft": True})
    assert ClassSettings().allows(draft) and not ClassSettings().offers(draft)


def test_the_teacher_chooses_one_to_three_stories(store, scenarios, check):
    ids = sorted(scenarios)
    settings = ClassSettings(class_label="7B")
    for bad in ([], ids[:4], [ids[0], ids[0]], ["no-such-story"]):
        with pytest.raises(ValueError):
            ClassSession.start(store, settings, scenarios, check, lesson=bad)
    off = ClassSettings(topics=[scenarios[ids[0]].topics[0]])
    unoffered = next(i for i in ids if not off.offers(scenarios[i]))
    with pytest.raises(ValueError, match="not offered"):
        ClassSession.start(store, off, scenarios, check, lesson=[unoffered])
    lesson = [ids[2], ids[0]]
    session = ClassSession.start(store, settings, scenarios, check, lesson=lesson)
    assert [s.id for s in session.scenarios] == lesson and session.chosen
    assert store.session(session.id).settings["lesson"] == lesson
    kinds = []
    run = session.add_group("Owls")
    rng = random.Random(4)
    while (kind := play_step(run, rng)) != "done":
        kinds.append(kind)
    assert kinds == ["pre_check", "pre_spot", "scenario", "scenario", "post_spot", "post_check"]
    again = ClassSession.open(store, session.id, scenarios, check)
    assert again.chosen and [s.id for s in again.scenarios] == lesson


def test_an_older_session_without_a_choice_plays_every_story_it_planned(store, two_scenarios, check):
    plan = sorted(two_scenarios)
    sid = store.new_session(ClassSettings().to_dict() | {"plan": plan, "check": check.id}, "7B")
    session = ClassSession.open(store, sid, two_scenarios, check)
    assert not session.chosen and not session.after_check and [s.id for s in session.scenarios] == plan
    run = session.add_group("Owls")
    rng = random.Random(1)
    assert [play_step(run, rng) for _ in range(4)] == ["pre_check", "scenario", "scenario", "post_check"]
    hostile = store.new_session({"plan": None, "lesson": 7}, "")  # an imported file's odd snapshot
    odd = ClassSession.open(store, hostile, two_scenarios, check)
    assert odd.scenarios == [] and not odd.chosen


def test_the_after_check_mid_story_keeps_the_story_unfinished(store, scenarios, check):
    lesson = sorted(scenarios)[:2]
    session = ClassSession.start(store, ClassSettings(class_label="7B"), scenarios, check, lesson=lesson)
    rng = random.Random(5)
    done = session.add_group("Blue Foxes")
    while play_step(done, rng) != "post_check":
        pass
    playing = session.add_group("Owls")
    play_step(playing, rng)  # the before-check: its questions
    play_step(playing, rng)  # and its chats
    pt = playing.play(playing.next_step())
    pt.run_until_input()  # in the middle of the first story
    late = session.add_group("Hawks")  # has not started the before-check
    half = session.add_group("Wolves")
    half.answer("pre", half.check_for("pre").questions[0].id, 0)  # one question of the before-check
    assert session.call_after_check() and session.after_check
    for run in (playing, late, half):
        step = run.next_step()
        assert step.kind == "post_spot" and len(step.chats) == step.total == 3
        play_step(run, rng)
        step = run.next_step()
        assert step.kind == "post_check" and step.form == run.form("post")
        assert step.unanswered == tuple(q.id for q in run.check_for("post").questions)
    assert done.next_step().kind == "done"
    assert [m for _s, m in playing.story_marks()] == ["unfinished", "not_started"]
    assert [m for _s, m in done.story_marks()] == ["finished", "finished"]
    [info] = playing.playthroughs()
    assert not info.finished  # kept as it was, never marked finished
    # after a restart (the choice is remembered on this computer) the groups still go to the after-check
    again = ClassSession.open(store, session.id, scenarios, check)
    assert again.after_check and again.group(playing.info.id).next_step().kind == "post_check"
    assert again.group(done.info.id).next_step().kind == "done"
    other = ClassSession.start(store, ClassSettings(), scenarios, check, lesson=lesson[:1])
    assert not other.after_check and other.add_group("Owls").next_step().kind == "pre_check"


def test_the_after_check_with_the_checks_off_ends_the_stories(store, two_scenarios):
    session = ClassSession.start(store, ClassSettings(knowledge_check=False), two_scenarios,
                                 lesson=sorted(two_scenarios))
    run = session.add_group("Owls")
    assert run.next_step().kind == "scenario"
    session.call_after_check()
    assert run.next_step().kind == "done"


def test_stories_a_class_played_in_earlier_lessons(store, scenarios, check):
    from game.classroom.lesson import played_by_class, played_by_group

    ids = sorted(scenarios)
    first = ClassSession.start(store, ClassSettings(class_label="7B"), scenarios, check, lesson=ids[:1])
    rng = random.Random(6)
    foxes = first.add_group("Blue Foxes")
    while play_step(foxes, rng) != "done":
        pass
    first.add_group("Owls")  # played nothing
    other_class = ClassSession.start(store, ClassSettings(class_label="8A"), scenarios, check, lesson=ids[1:2])
    play_step(other_class.add_group("Blue Foxes"), rng)
    assert played_by_class(store, "7b ") == {ids[0]: 1}  # the same class, however it was typed
    assert played_by_class(store, "") == {} and played_by_class(store, "9C") == {}
    second = ClassSession.start(store, ClassSettings(class_label="7B"), scenarios, check, lesson=ids[:2])
    assert second.earlier_plays("blue foxes") == {ids[0]} and second.earlier_plays("Owls") == set()
    run = second.add_group("Blue Foxes")
    assert [m for _s, m in run.story_marks(second.earlier_plays("Blue Foxes"))] == ["earlier", "not_started"]
    # only sessions before this one count
    assert played_by_group(store, "7B", "Blue Foxes", first.id) == set()


def test_the_lesson_estimate_counts_the_checks_and_the_discussion(scenarios, check):
    from game.classroom.lesson import (
        DISCUSSION_MINUTES,
        LESSON_MINUTES,
        check_minutes,
        estimate,
        spot_minutes,
    )

    two = [scenarios[i] for i in sorted(scenarios)[:2]]
    est = estimate(two, check)
    assert est.check == check_minutes(check) >= 1
    assert est.spot == spot_minutes() >= 1  # the unseen chats, before and after too
    assert est.total == sum(s.minutes for s in two) + 2 * (est.check + est.spot) + DISCUSSION_MINUTES
    assert est.fits == (est.total <= LESSON_MINUTES)
    assert estimate(two, check, checks_on=False).total == est.total - 2 * (est.check + est.spot)
    assert estimate(two[:1], None).check == estimate(two[:1], None).spot == 0
