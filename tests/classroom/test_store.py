"""The results store: recording, resuming, schema version, purge, rollback on failure."""

from __future__ import annotations

import sqlite3

import pytest

from game.classroom import history
from game.classroom.records import Spot
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import SCHEMA_VERSION, RecordingPlaythrough, ResultsStore, StoreError
from game.engine.paths import all_paths
from game.engine.runtime import ChoicesEvent, MessageEvent, Playthrough

from .legacy import Live, play


def _group(store):
    return store.add_group(store.new_session({"language": "en"}, "7B"), "Blue Foxes", 3)


def test_pragmas_and_schema_version(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "r.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match="newer version"):
        ResultsStore(path)


def test_default_path_is_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path / "home"))
    with ResultsStore() as s:
        assert s.path == tmp_path / "home" / "results.sqlite3"


def test_every_action_is_recorded_and_matches_a_plain_playthrough(store, scenario):
    """Recording changes nothing about the game: same events and state as the engine alone."""
    path = all_paths(scenario)[0]
    pt = store.start_playthrough(_group(store), scenario)
    plain = Playthrough(scenario)
    kinds = []
    pt.listener = lambda seq, kind, data: kinds.append(kind)
    choices = iter(path.choices)
    while not pt.ended:
        event, same = pt.next(), plain.next()
        assert event == same
        if isinstance(event, MessageEvent) and pt.flaggable(event.index):
            pt.flag(event.index, "flattery")
            plain.flag(event.index, "flattery")
            pt.toggle_flag(event.index)
            plain.toggle_flag(event.index)
            pt.flag(event.index)
            plain.flag(event.index)
        if isinstance(event, ChoicesEvent):
            c = next(choices)
            assert pt.choose(c) == plain.choose(c)
    assert pt.state == plain.state
    actions = store.actions(pt.playthrough_id)
    assert [a[0] for a in actions] == list(range(len(actions)))
    assert actions[0][1] == "start" and actions[-1][1] == "ending"
    assert {"message", "flag", "unflag", "choices", "choice"} <= {a[1] for a in actions}
    assert kinds == [a[1] for a in actions[1:]]
    assert store.playthrough(pt.playthrough_id).finished
    assert store.unfinished() == []


def test_resume_exactly_where_it_stopped(store, scenario):
    gid = _group(store)
    pt = store.start_playthrough(gid, scenario, difficulty="name", feedback="challenge")
    events = pt.run_until_input()
    flaggable = [e.index for e in events if isinstance(e, MessageEvent) and pt.flaggable(e.index)]
    pt.flag(flaggable[0], "flattery")
    saved = pt.state.to_json()
    del pt  # the lid closes

    with ResultsStore(store.path) as again:
        [info] = again.unfinished(gid)
        resumed = again.resume(info.id, scenario)
        assert resumed.state.to_json() == saved
        assert resumed.state.difficulty == "name"
        assert isinstance(resumed.next(), ChoicesEvent)
        assert [type(e) for e in resumed.replay()] == [type(e) for e in events[:-1]]
        resumed.choose(resumed.next().options[0][0])
        assert again.actions(info.id)[-1][1] == "choice"


def test_nothing_recorded_for_a_refused_action(store, scenario):
    pt = store.start_playthrough(_group(store), scenario)
    with pytest.raises(Exception):  # noqa: B017 (whatever the refusal is, nothing is recorded)
        pt.choose(0)  # no choices yet
    pt.unflag(0)  # unflagging what was never flagged changes nothing
    assert len(store.actions(pt.playthrough_id)) == 1


def test_a_failed_write_lets_the_story_go_on_and_says_so_once(store, scenario, tmp_path):
    """The disk went away mid-story: the group keeps playing (in memory), the screen is told once,
    and what was already stored stays exactly as it was."""
    pt = store.start_playthrough(_group(store), scenario)
    pt.next()
    told = []
    pt.on_unsaved = told.append
    stored = store.actions(pt.playthrough_id)
    store.close()
    first = pt.next()
    pt.next()
    assert first is not None and len(pt.state.transcript) == 3
    assert isinstance(pt.unsaved, StoreError) and len(told) == 1
    again = ResultsStore(store.path)
    assert again.actions(pt.playthrough_id) == stored


def test_plain_recording_playthrough_works_without_a_store(scenario):
    pt = RecordingPlaythrough(scenario)
    assert pt.run_until_input()


def test_answers_replace_and_purge_deletes_everything(store, scenario):
    gid = _group(store)
    store.answer(gid, "pre", "check", "q1", 0, False)
    store.answer(gid, "pre", "check", "q1", 1, True)  # changed their mind
    assert [(a.answer, a.correct) for a in store.answers(gid)] == [(1, True)]
    with pytest.raises(ValueError):
        store.answer(gid, "during", "check", "q1", 1, True)
    store.start_playthrough(gid, scenario).run_until_input()
    store.spot(gid, [Spot("pre", "A", "gem-gift", 1, True, 1200), Spot("pre", "A", "gem-gift", 2, False)])
    assert all(store.counts().values())
    store.purge()
    assert not any(store.counts().values())
    assert store.integrity() == "ok"
    raw = store.path.read_bytes()
    assert b"Blue Foxes" not in raw  # VACUUM left no trace of the group name


def test_stored_data_is_minimal(store, scenario):
    """Only group names and results: no columns for people or devices."""
    cols = {row[1] for t in ("sessions", "groups", "playthroughs", "actions", "answers")
            for row in store.db.execute(f"PRAGMA table_info({t})")}
    assert not cols & {"student", "students", "device", "host", "hostname", "user", "email"}


def test_every_action_replays_to_the_engines_state_without_storing_it(store, scenarios):
    """On every shipped story, with flags named, renamed and taken back: the state replayed after
    each action is the one the engine had, and no action needed the whole state stored."""
    live = Live()
    for n, (sid, scenario) in enumerate(sorted(scenarios.items())):
        session = ClassSession.start(store, ClassSettings(scenarios=[sid], knowledge_check=False,
                                                          difficulty="name" if n % 2 else "spot"),
                                     {sid: scenario}, None)
        play(session.add_group(f"Group {n}"), live, seed=n, flag_rate=0.7)
    assert len(live.states) == len(scenarios)
    for pid, states in live.states.items():
        stored = store.actions(pid)
        assert {seq: state for seq, _k, _d, state in stored} == states
        assert not [d for _s, _k, d, _st in stored if history.SNAPSHOT in d], "a change replay can't fold"
        assert store.playthrough(pid).state.to_json() == states[max(states)]


def test_a_playthrough_grows_by_its_actions_not_their_square(store, scenario):
    """Storage per action stays small however long the story has run."""
    pt = store.start_playthrough(_group(store), scenario)
    while not pt.ended:
        event = pt.next()
        if isinstance(event, MessageEvent) and pt.flaggable(event.index):
            pt.flag(event.index)
        elif isinstance(event, ChoicesEvent):
            pt.choose(event.options[0][0])
    sizes = [len(data) for (data,) in store.db.execute(
        "SELECT data FROM actions WHERE playthrough_id = ? AND kind != 'ending'", (pt.playthrough_id,))]
    assert len(sizes) > 20 and max(sizes) < 200
