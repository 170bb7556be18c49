"""The runtime: a deterministic state machine whose whole state round-trips through JSON."""

import random
from pathlib import Path

import pytest

from game.engine.paths import all_paths, play
from game.engine.runtime import (
    ChoicesEvent,
    EndingEvent,
    MessageEvent,
    PlayError,
    PlayState,
    Playthrough,
)
from game.engine.validate import check_source

MINIMAL = (Path(__file__).resolve().parents[1] / "data" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def minimal(library):
    checked = check_source(MINIMAL, "minimal.yaml", library.taxonomy, library.resources)
    assert checked.ok
    return checked.scenario


def texts(events):
    return [e.message.text.en for e in events if isinstance(e, MessageEvent)]


def test_steps_messages_then_choices_and_repeats_choices_until_chosen(minimal):
    pt = Playthrough(minimal)
    events = pt.run_until_input()
    assert texts(events) == ["Sam added you", "hey", "you're so mature"]
    assert events[0].separator.en == "Monday" and events[1].separator is None
    assert isinstance(events[-1], ChoicesEvent)
    assert [i for i, _ in events[-1].options] == [0, 1]
    again = pt.next()
    assert isinstance(again, ChoicesEvent) and again.options == events[-1].options


def test_choice_sets_variables_that_conditions_read(minimal):
    said_no = play(minimal, [0])
    assert said_no.state.vars["said_no"] is True  # a YAML `true`, not the text "true"
    assert "why not?" in [e.message.text.en for e in said_no.replay() if isinstance(e, MessageEvent)]
    assert said_no.ended and said_no.state.beat == "good-end"  # the conditional route
    went_ok = play(minimal, [1])
    assert "why not?" not in texts(went_ok.replay())
    assert not went_ok.ended  # the fallback route led to another choice
    options = went_ok.next().options
    assert [i for i, _ in options] == [0, 1, 2]  # `if: {var: mood, equals: calm}` holds


def test_replies_join_the_transcript_as_the_players_own(minimal):
    pt = Playthrough(minimal)
    pt.run_until_input()
    reply = pt.choose(1)
    assert reply.index == 3 and reply.choice.text.en == "ok"
    assert pt.state.transcript[3].kind == "reply"
    assert not pt.flaggable(3)  # your own reply
    assert not pt.flaggable(0)  # a system line
    assert pt.flaggable(1) and not pt.flaggable(99)


def test_flag_unflag_and_verdicts(minimal):
    pt = Playthrough(minimal, difficulty="name")
    pt.run_until_input()
    assert pt.toggle_flag(2, "romance") is True
    v = pt.verdict(2)
    assert v.correct and v.named is True and v.category == "flattery"  # `also` counts
    pt.flag(2, "threats")
    assert pt.verdict(2).named is False
    pt.flag(1)
    v = pt.verdict(1)
    assert not v.correct and v.why.en == "Saying hi is fine."  # the note explains
    assert pt.toggle_flag(1) is False and 1 not in pt.state.flags
    with pytest.raises(PlayError):
        pt.flag(0)


def test_invalid_actions_raise_play_error(minimal):
    pt = Playthrough(minimal)
    with pytest.raises(PlayError):
        pt.choose(0)  # no choices yet
    pt.run_until_input()
    with pytest.raises(PlayError):
        pt.choose(7)
    with pytest.raises(PlayError):
        Playthrough(minimal, PlayState("other", "start"))


def test_state_round_trips_through_json_at_every_step(minimal):
    for path in all_paths(minimal):
        pt = Playthrough(minimal)
        for choice in path.choices:
            pt.run_until_input()
            pt.flag(2)
            saved = pt.state.to_json()
            pt = Playthrough.restore(minimal, saved)
            assert pt.state.to_json() == saved
            pt.choose(choice)
        assert isinstance(pt.run_until_input()[-1], EndingEvent)
        restored = Playthrough.restore(minimal, pt.state.to_json())
        assert restored.state == pt.state and restored.ended


def test_a_resumed_playthrough_continues_identically(minimal):
    straight = play(minimal, [1, 2])
    pt = Playthrough(minimal)
    pt.run_until_input()
    pt.choose(1)
    resumed = Playthrough.restore(minimal, pt.state.to_json())
    resumed.run_until_input()
    resumed.choose(2)
    resumed.run_until_input()
    assert resumed.state == straight.state
    assert resumed.next().ending.outcome == "risky"


def test_random_play_of_every_shipped_scenario_reaches_an_ending(library):
    rng = random.Random(7)
    scenarios = library.playable()
    assert scenarios, "no playable scenarios shipped"
    for sc in scenarios.values():
        for _ in range(30):
            pt = Playthrough(sc)
            for _step in range(500):
                ev = pt.next()
                if isinstance(ev, MessageEvent) and pt.flaggable(ev.index) and rng.random() < 0.3:
                    pt.toggle_flag(ev.index)
                if isinstance(ev, ChoicesEvent):
                    pt.choose(rng.choice(ev.options)[0])
                if isinstance(ev, EndingEvent):
                    break
            else:
                pytest.fail(f"{sc.id}: no ending within 500 steps")


def test_every_path_of_every_shipped_scenario_ends(library):
    for sc in library.playable().values():
        paths = all_paths(sc)
        assert paths, sc.id
        for p in paths:
            assert isinstance(p.events[-1], EndingEvent)
            assert p.state.phase == "ended"


def test_french_text_gets_narrow_no_break_spaces():
    from game.engine.model import NNBSP, LocalText, french_typography

    assert french_typography("t’es où?") == f"t’es où{NNBSP}?"
    assert french_typography("Pourquoi ?!") == f"Pourquoi{NNBSP}?!"
    assert french_typography("« ok »") == f"«{NNBSP}ok{NNBSP}»"
    for untouched in ("à 8:30", "lol :)", "https://x.ca", ";-)"):
        assert french_typography(untouched) == untouched
    text = LocalText.model_validate({"en": "Why?", "fr": "Pourquoi?"})
    assert text.get("fr") == f"Pourquoi{NNBSP}?" and text.get("en") == "Why?"


def test_replay_redraws_exactly_what_was_shown_live(library):
    """Resuming or hot-reloading redraws the chat from replay(): separators included."""
    for sc in library.playable().values():
        for path in all_paths(sc)[:20]:
            live = [e for e in path.events if not isinstance(e, (ChoicesEvent, EndingEvent))]
            assert Playthrough(sc, path.state).replay() == live, sc.id
