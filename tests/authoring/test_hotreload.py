"""Hot reload without a window: save the file, get the same place on the new version."""

import os

import pytest

from game.authoring.hotreload import Watcher, replay_on
from game.engine.paths import play
from game.engine.runtime import ChoicesEvent, EndingEvent, MessageEvent, Playthrough, ReplyEvent
from game.engine.validate import check_file

from .conftest import ROOT, SCENARIOS


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


@pytest.fixture
def setup(tmp_path, library):
    """A copy of game-teammate, played to the switch-app choices with one flag raised."""
    path = tmp_path / "game-teammate.yaml"
    original = (SCENARIOS / "game-teammate.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    sc = check_file(path, library.taxonomy, library.resources).scenario
    pt = play(sc, [0, 1])  # "like 2 years", "nah I'm good"
    flagged = next(i for i, e in enumerate(pt.state.transcript)
                   if e.kind == "message" and pt.message_at(i).flag and e.beat == "gems")
    pt.flag(flagged, "fake-profile")
    clock = Clock()
    watcher = Watcher(path, pt, taxonomy=library.taxonomy, resources=library.resources,
                      interval=0.5, settle=0.1, clock=clock)
    return path, original, watcher, clock


def save(path, text):
    st = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a later save


def poll_until(watcher, clock, steps=10):
    for _ in range(steps):
        clock.now += 0.5
        result = watcher.poll()
        if result is not None:
            return result
    return None


def test_nothing_happens_until_the_file_changes(setup):
    _, _, watcher, clock = setup
    assert poll_until(watcher, clock) is None and watcher.version == 0


def test_polls_are_throttled(setup):
    path, original, watcher, clock = setup
    save(path, original.replace("haha ur funny", "haha ur SO funny"))
    clock.now += 0.1
    assert watcher.poll() is None  # too soon after the last look


def test_a_good_save_replays_choices_and_flags(setup):
    path, original, watcher, clock = setup
    old = watcher.playthrough
    save(path, original.replace("haha ur funny", "haha ur SO funny"))
    result = poll_until(watcher, clock)
    assert result is not None and result.ok and watcher.version == 1
    new = result.playthrough
    assert watcher.playthrough is new and new is not old
    assert new.state.choices == old.state.choices and result.replayed == 2 and result.dropped == 0
    assert result.flags_kept == 1 and list(new.state.flags.values()) == ["fake-profile"]
    texts = [ev.message.text.en for ev in result.events if isinstance(ev, MessageEvent)]
    assert "haha ur SO funny" in texts  # the edit is on screen
    assert len(new.state.transcript) == len(old.state.transcript)  # same place
    assert isinstance(new.next(), ChoicesEvent) and new.state.beat == "switch-app"
    assert result.summary.startswith("Reloaded: replayed 2 replies")


def test_a_broken_save_keeps_the_old_version_and_reports(setup):
    path, original, watcher, clock = setup
    old = watcher.playthrough
    save(path, original.replace("goto: switch-app", "goto: swich-app", 1))
    result = poll_until(watcher, clock)
    assert result is not None and not result.ok
    assert result.playthrough is old and watcher.playthrough is old
    assert [d.code for d in watcher.errors] == ["RF012"] and "swich-app" in str(watcher.errors[0])
    assert "Not reloaded: 1 error" in result.summary
    save(path, original)  # fixed: errors go, the game moves to the new version
    result = poll_until(watcher, clock)
    assert result.ok and watcher.errors == [] and result.replayed == 2


def test_yaml_syntax_error_is_shown(setup):
    path, original, watcher, clock = setup
    save(path, original.replace("title: {en: The Teammate", "title: {en: The: Teammate"))
    result = poll_until(watcher, clock)
    assert not result.ok and watcher.errors and watcher.errors[0].line > 0


def test_reworded_and_vanished_choices(setup):
    path, original, watcher, clock = setup
    edited = original.replace('- text: {en: "nah I\'m good, send them back"',
                              '- text: {en: "no thanks, keep them"')
    edited = edited.replace('fr: "non merci, reprends-les"', 'fr: "non merci, garde-les"')
    assert edited != original
    save(path, edited)
    result = poll_until(watcher, clock)
    assert result.ok
    # reworded in place: the same reply (by position) is replayed
    assert result.replayed == 2
    gone = original.replace("  gems:\n", "  gemz:\n").replace("goto: gems", "goto: gemz")
    save(path, gone.replace("next: gems", "next: gemz"))
    result = poll_until(watcher, clock)
    # the first reply still exists; the second was in a beat that is gone: stop there
    assert result.ok and result.replayed == 1 and result.dropped == 1
    assert "stopped before 1 that changed" in result.summary
    waiting = result.playthrough.next()
    assert isinstance(waiting, ChoicesEvent) and waiting.beat == "gemz"


def test_a_moved_choice_is_found_by_its_text(library):
    sc = library.playable()["game-teammate"]
    pt = play(sc, [2])  # "(say nothing and leave the chat)"
    beats = dict(sc.beats)
    m = beats["match"]
    beats["match"] = m.model_copy(update={"choices": (m.choices[2], m.choices[0], m.choices[1])})
    moved = sc.model_copy(update={"beats": beats})
    result = replay_on(moved, pt)
    assert result.replayed == 1 and result.playthrough.state.choices == [("match", 0)]
    beats["match"] = m.model_copy(update={"choices": m.choices[:2]})  # the reply was deleted
    result = replay_on(sc.model_copy(update={"beats": beats}), pt)
    assert result.ok and result.replayed == 0 and result.dropped == 1
    assert isinstance(result.playthrough.next(), ChoicesEvent)


def test_an_ended_playthrough_reloads_to_its_ending(library):
    sc = library.playable()["game-teammate"]
    pt = play(sc, [0, 0, 0, 0, 2])
    assert pt.ended
    result = replay_on(sc, pt)
    assert result.replayed == 5 and isinstance(result.playthrough.next(), EndingEvent)
    assert [type(e) for e in result.events] == [type(e) for e in pt.replay()]


def test_settings_carry_over(library):
    sc = library.playable()["game-teammate"]
    pt = Playthrough(sc, difficulty="name", feedback="challenge")
    result = replay_on(sc, pt)
    assert result.playthrough.state.difficulty == "name"
    assert result.playthrough.state.feedback == "challenge"
    assert not [e for e in result.events if isinstance(e, ReplyEvent)]


def test_watcher_finds_the_library_itself_and_survives_a_missing_file(tmp_path, library):
    path = tmp_path / "game-teammate.yaml"
    path.write_text((SCENARIOS / "game-teammate.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    pt = Playthrough(library.playable()["game-teammate"])
    clock = Clock()
    watcher = Watcher(path, pt, interval=0, settle=0, clock=clock)
    assert watcher.taxonomy is not None and watcher.resources is not None
    path.unlink()  # some editors delete, then write
    assert watcher.poll() is None
    assert watcher.reload().ok is False  # forced reload of a missing file: reported, not raised
    assert watcher.playthrough is pt


def test_a_watcher_made_on_real_time_can_be_driven_by_another_clock(tmp_path, library):
    path = tmp_path / "game-teammate.yaml"
    original = (SCENARIOS / "game-teammate.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    watcher = Watcher(path, Playthrough(library.playable()["game-teammate"]),
                      taxonomy=library.taxonomy, resources=library.resources)  # time.monotonic
    clock = Clock()
    watcher.use_clock(clock)
    save(path, original.replace("haha ur funny", "haha ur SO funny"))
    result = poll_until(watcher, clock)
    assert result is not None and result.ok and watcher.version == 1


def test_a_picked_report_reason_survives_a_reload(library):
    """The reason picked in the app's report sheet is part of what was played: a reload keeps it."""
    phone = ROOT / "tests" / "data" / "phone.yaml"
    sc = check_file(phone, library.taxonomy, library.resources).scenario
    pt = Playthrough(sc)
    while True:
        ev = pt.next()
        if isinstance(ev, ChoicesEvent):
            report = next((i for i, c in ev.options if c.act == "report"), None)
            if report is not None:
                pt.choose(report, "pretending")
                break
            pt.choose(ev.options[0][0])
        assert not isinstance(ev, EndingEvent), "the test story should offer a report"
    result = replay_on(sc, pt)
    assert result.replayed == len(pt.state.choices)
    assert [e.reason for e in result.playthrough.state.transcript if e.kind == "reply"][-1] == "pretending"
