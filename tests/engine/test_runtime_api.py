"""The runtime's ink-like API (`can_continue`, `current_choices`, `rewind`), its action hook,
and saved states that no longer fit: refused with PlayError, never a crash later on."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

from game.authoring.paths import analyse
from game.engine.paths import all_paths, play
from game.engine.runtime import (
    STATE_VERSION,
    Action,
    ChoicesEvent,
    EndingEvent,
    MessageEvent,
    PlayError,
    PlayState,
    Playthrough,
    ReplyEvent,
    incompatibility,
)
from game.engine.validate import check_source

MINIMAL = (Path(__file__).resolve().parents[1] / "data" / "minimal.yaml").read_text(encoding="utf-8")
# the same story with the middle reply of `ask` hidden by a condition that never holds
HIDDEN_MIDDLE = MINIMAL.replace("        feedback: {en: Best., fr: Le mieux.}\n",
                                "        feedback: {en: Best., fr: Le mieux.}\n"
                                "        if: {var: mood, equals: stormy}\n")


def _load(source: str, library):
    checked = check_source(source, "minimal.yaml", library.taxonomy, library.resources)
    assert checked.ok, [str(d) for d in checked.diagnostics]
    return checked.scenario


@pytest.fixture(scope="module")
def minimal(library):
    return _load(MINIMAL, library)


# -- can_continue ------------------------------------------------------------------------------


def test_can_continue_until_the_choices_then_not(minimal):
    pt = Playthrough(minimal)
    seen = []
    while pt.can_continue:
        seen.append(pt.next())
    assert [type(e) for e in seen] == [MessageEvent] * 3
    assert isinstance(pt.next(), ChoicesEvent) and not pt.can_continue


def test_can_continue_looks_past_hidden_messages_and_routes(minimal):
    pt = play(minimal, [1])  # "ok": `why not?` is hidden, `middle` routes on to `ask`
    assert pt.state.beat == "ask" and not pt.can_continue
    pt = Playthrough(minimal)
    pt.run_until_input()
    pt.choose(1)
    assert pt.can_continue  # `what school` shows although `why not?` comes first
    assert pt.next().message.text.en == "what school do u go to"
    assert pt.can_continue  # the route to `ask` ends in a message
    assert pt.next().message.text.en == "send a pic"
    pt = Playthrough(minimal)
    pt.run_until_input()
    pt.choose(0)
    pt.next()  # why not?
    pt.next()  # what school do u go to
    assert not pt.can_continue  # the route to the ending shows nothing more
    assert isinstance(pt.next(), EndingEvent) and not pt.can_continue


def test_can_continue_tells_what_next_gives_and_changes_nothing(library):
    """On every shipped story, played at random: `can_continue` is exactly whether `next()`
    shows a message, and asking leaves the state as it was."""
    rng = random.Random(3)
    for scenario in library.playable().values():
        pt = Playthrough(scenario)
        while not pt.ended:
            before = pt.state.to_json()
            expected = pt.can_continue
            assert pt.state.to_json() == before
            event = pt.next()
            assert expected == isinstance(event, MessageEvent)
            if isinstance(event, ChoicesEvent):
                pt.choose(rng.choice(event.options)[0])


# -- current_choices ---------------------------------------------------------------------------


def test_current_choices_use_the_index_choose_takes(minimal):
    pt = Playthrough(minimal)
    assert pt.current_choices == {}
    event = pt.run_until_input()[-1]
    assert list(pt.current_choices) == [i for i, _ in event.options] == [0, 1]
    assert pt.current_choices[1].text.en == "ok"
    pt.choose(1)
    assert pt.current_choices == {}  # the story goes on first
    pt.run_until_input()
    assert list(pt.current_choices) == [0, 1, 2]
    pt.choose(0)
    pt.run_until_input()
    assert pt.ended and pt.current_choices == {}


def test_a_hidden_reply_leaves_a_gap_never_a_shift(library):
    sc = _load(HIDDEN_MIDDLE, library)
    pt = play(sc, [1])
    offered = pt.current_choices
    assert list(offered) == [0, 2] and offered[2].text.en == "maybe later"
    assert [i for i, _ in pt.next().options] == list(offered)
    with pytest.raises(PlayError):
        pt.choose(1)  # hidden: not offered, though it exists in the beat
    reply = pt.choose(2)
    assert reply.choice is offered[2] and pt.state.choices[-1] == ("ask", 2)


# -- rewind ------------------------------------------------------------------------------------


def _played_with_flags(scenario) -> Playthrough:
    """minimal: flag `you're so mature`, "ok", flag `what school` and `send a pic`, "no"."""
    pt = Playthrough(scenario, difficulty="name", feedback="challenge")
    pt.run_until_input()
    pt.flag(2, "flattery")
    pt.choose(1)
    pt.run_until_input()
    pt.flag(4, "personal-info")
    pt.flag(5)
    pt.choose(0)
    pt.run_until_input()
    assert pt.ended
    return pt


def test_rewind_goes_back_to_the_last_choice_keeping_earlier_flags(minimal):
    pt = _played_with_flags(minimal)
    finished = pt.state
    kept = copy.deepcopy(finished)
    pt.rewind()
    assert finished == kept  # the old state object is left as it was
    st = pt.state
    assert st.beat == "ask" and st.phase == "choices" and st.choices == [("start", 1)]
    assert isinstance(pt.next(), ChoicesEvent)
    assert st.flags == {2: "flattery", 4: "personal-info", 5: None}  # all raised before "no"
    assert (st.difficulty, st.feedback) == ("name", "challenge")
    pt.rewind()
    st = pt.state
    assert st.beat == "start" and st.phase == "choices" and st.choices == []
    assert st.flags == {2: "flattery"}  # the flags after "ok" went with it
    assert (st.difficulty, st.feedback) == ("name", "challenge")
    with pytest.raises(PlayError):
        pt.rewind()  # no reply left to take back


def test_rewind_is_the_rule_the_debrief_used(minimal):
    """Before the engine had it, the debrief's "Try another path" replayed the choices but the
    last, and kept the flags on the lines that replay still shows, and the play's modes."""
    for path in all_paths(minimal):
        if not path.choices:
            continue
        pt = Playthrough(minimal, difficulty="name", feedback="challenge")
        for choice in path.choices:
            for e in pt.run_until_input():
                if isinstance(e, MessageEvent) and pt.flaggable(e.index):
                    pt.flag(e.index)
            pt.choose(choice)
        pt.run_until_input()
        st = pt.state
        earlier = copy.deepcopy(play(minimal, [c for _b, c in st.choices[:-1]]).state)
        earlier.difficulty, earlier.feedback = st.difficulty, st.feedback
        earlier.flags = {i: v for i, v in st.flags.items() if i < len(earlier.transcript)}
        pt.rewind()
        assert pt.state == earlier


# -- the action hook ---------------------------------------------------------------------------


def test_the_hook_hears_every_change_in_order(minimal):
    heard: list[Action] = []
    pt = Playthrough(minimal, on_action=heard.append)
    pt.run_until_input()
    pt.next()  # the same choices again: nothing changes
    pt.flag(2, "flattery")
    pt.flag(2, "flattery")  # again, the same: nothing changes
    pt.flag(2, "romance")  # renamed
    pt.unflag(1)  # never flagged: nothing changes
    reply = pt.choose(1)
    pt.run_until_input()
    pt.toggle_flag(5)
    pt.toggle_flag(5)
    pt.choose(0)
    ending = pt.run_until_input()[-1]
    pt.next()
    assert [(a.kind, a.beat) for a in heard] == [
        ("enter", "start"), ("message", "start"), ("message", "start"), ("message", "start"),
        ("choices", "start"), ("flag", "start"), ("flag", "start"), ("choice", "start"),
        ("enter", "middle"), ("message", "middle"), ("enter", "ask"), ("message", "ask"),
        ("choices", "ask"), ("flag", "ask"), ("unflag", "ask"), ("choice", "ask"),
        ("enter", "good-end"), ("ending", "good-end")]
    flags = [a for a in heard if a.kind in ("flag", "unflag")]
    assert [(a.index, a.category) for a in flags] == [(2, "flattery"), (2, "romance"), (5, None), (5, None)]
    assert heard[7].event == reply and heard[-1].event == ending
    assert isinstance(heard[1].event, MessageEvent) and heard[1].event.index == 0


def test_an_action_is_heard_exactly_when_the_state_changes(library):
    """What the results store used to find by comparing the state before and after each call."""
    rng = random.Random(11)
    for scenario in library.playable().values():
        heard: list[Action] = []
        pt = Playthrough(scenario, on_action=heard.append)
        while True:
            before, count = pt.state.to_json(), len(heard)
            event = pt.next()
            assert (pt.state.to_json() != before) == (len(heard) > count)
            if isinstance(event, EndingEvent):
                break
            if isinstance(event, MessageEvent) and pt.flaggable(event.index):
                category = rng.choice([None, "flattery"])
                for name, args in (("flag", (event.index, category)), ("flag", (event.index, category)),
                                   ("toggle_flag", (event.index,)), ("unflag", (event.index,))):
                    if rng.random() < 0.6:
                        before, count = pt.state.to_json(), len(heard)
                        getattr(pt, name)(*args)
                        assert (pt.state.to_json() != before) == (len(heard) > count)
            elif isinstance(event, ChoicesEvent):
                count = len(heard)
                index, choice = rng.choice(event.options)
                pt.choose(index)
                named = choice.act is not None  # an action (format 2) is heard too
                kinds = [a.kind for a in heard[count:]]
                head = ["choice", "act", "enter"] if named else ["choice", "enter"]
                # then the threads the new beat opens (format 2), if any
                assert kinds[:len(head)] == head and set(kinds[len(head):]) <= {"open"}, kinds


def test_listen_can_stop_and_a_handler_error_reaches_the_caller(minimal):
    heard: list[str] = []
    pt = Playthrough(minimal)
    stop = pt.listen(lambda a: heard.append(a.kind))
    pt.next()
    stop()
    stop()  # twice is harmless
    pt.next()
    assert heard == ["message"]

    def refuse(action: Action) -> None:
        raise RuntimeError(action.kind)

    pt.listen(refuse)
    with pytest.raises(RuntimeError, match="message"):
        pt.next()


def test_rewind_is_heard(minimal):
    heard: list[Action] = []
    pt = _played_with_flags(minimal)
    pt.listen(heard.append)
    pt.rewind()
    assert [(a.kind, a.beat) for a in heard] == [("rewind", "ask")]


def test_every_path_hears_the_beats_it_enters(minimal):
    entered: list[str] = []
    paths = all_paths(minimal, on_action=lambda a: entered.append(a.beat) if a.kind == "enter" else None)
    assert entered[0] == "start" and entered.count("start") == 1  # the start, once
    assert set(entered) == {"start", "middle", "ask", "good-end", "risky-end"}
    assert len(paths) == len(all_paths(minimal))


class _Lookups(dict):
    """How the path check found visited beats before the hook: a beats mapping that remembers
    every beat the runtime looks up."""

    def __init__(self, beats):
        super().__init__(beats)
        self.seen: set[str] = set()

    def __getitem__(self, key):
        self.seen.add(key)
        return super().__getitem__(key)


@pytest.mark.slow
def test_the_path_check_finds_what_spying_on_lookups_found(library, minimal):
    """`check`'s beats never reached, on every shipped story and on stories with a hidden reply
    and with a routing beat that shows nothing, are what spying on lookups found."""
    start, end = MINIMAL.index("  middle:\n") + len("  middle:\n"), MINIMAL.index("    next:\n      - {if: said_no")
    routing = _load(MINIMAL[:start] + MINIMAL[end:], library)  # `middle` only routes
    assert not routing.beats["middle"].messages
    assert "middle" not in analyse(routing).unreached_beats  # reached, though it shows nothing
    for sc in [minimal, routing, _load(HIDDEN_MIDDLE, library), *library.playable().values()]:
        lookups = _Lookups(sc.beats)
        all_paths(sc.model_copy(update={"beats": lookups}))
        assert analyse(sc).unreached_beats == [b for b in sc.beats if b not in lookups.seen], sc.id


# -- saved states that don't fit ---------------------------------------------------------------


def test_an_unknown_key_in_a_saved_state_is_ignored(minimal):
    pt = play(minimal, [1])
    data = json.loads(pt.state.to_json())
    data["from_a_newer_minor_version"] = {"anything": [1, 2]}
    restored = Playthrough.restore(minimal, json.dumps(data))
    assert restored.state == pt.state


def test_a_state_from_a_newer_format_is_refused(minimal):
    data = json.loads(Playthrough(minimal).state.to_json())
    data["version"] = STATE_VERSION + 1
    with pytest.raises(PlayError, match="newer version"):
        PlayState.from_json(json.dumps(data))
    for damaged in ("{", "[]", json.dumps({"version": "2"}), json.dumps({"version": 2})):
        with pytest.raises(PlayError):
            PlayState.from_json(damaged)


def _edited(scenario, beat: str, **changes):
    beats = dict(scenario.beats)
    if changes:
        beats[beat] = beats[beat].model_copy(update=changes)
    else:
        del beats[beat]
    return scenario.model_copy(update={"beats": beats})


@pytest.mark.parametrize("legacy", [False, True], ids=["fingerprinted", "older-save"])
def test_a_state_on_an_edited_story_is_refused_never_an_index_error(minimal, legacy):
    """A beat removed or a beat with fewer messages: restoring says why it can't continue
    (PlayError), instead of failing later in `replay()` or `next()`."""
    at_ask = play(minimal, [1]).state  # waiting at `ask`, having seen `middle`
    at_start = play(minimal, []).state  # waiting at `start`'s replies
    cases = [  # (state, edited story, whether an older save of it is refused too)
        (at_ask, _edited(minimal, "middle", messages=minimal.beats["middle"].messages[:1]), True),
        (at_ask, _edited(minimal, "ask", messages=()), True),
        (at_ask, _edited(minimal, "risky-end"), False),  # not on its path: an older save still fits
        (at_start, _edited(minimal, "start", messages=minimal.beats["start"].messages[:2]), True),
        (at_start, _edited(minimal, "start", choices=None, next=minimal.beats["middle"].next), True),
    ]
    for state, edited, refused_when_older in cases:
        saved = copy.deepcopy(state)
        if legacy:
            saved.fingerprint = ""  # an older save: only its transcript can say it doesn't fit
            if not refused_when_older:
                assert incompatibility(edited, saved) is None
                assert Playthrough.restore(edited, saved.to_json()).replay()
                continue
        assert incompatibility(edited, saved)
        with pytest.raises(PlayError, match="can't continue"):
            Playthrough.restore(edited, saved.to_json())
    ended = play(minimal, [0]).state
    ended.fingerprint = ""
    no_ending = _edited(minimal, "good-end", ending=None, next=minimal.beats["middle"].next)
    assert incompatibility(no_ending, ended)
    with pytest.raises(PlayError):
        Playthrough(no_ending, ended)


def test_a_restored_state_that_fits_replays_without_error(minimal):
    for path in all_paths(minimal):
        restored = Playthrough.restore(minimal, path.state.to_json())
        shown = restored.replay()
        assert [type(e) for e in shown] == [type(e) for e in path.events
                                           if isinstance(e, (MessageEvent, ReplyEvent))]
