"""Version 3 keeps actions, not states: older databases and files come in with the same class
debrief, the same states, and interrupted stories that still resume."""

from __future__ import annotations

import json
import sqlite3

import pytest

from game.classroom import history, schema
from game.classroom.classdebrief import build, class_debrief, collect
from game.classroom.exchange import export_json, import_text
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import SCHEMA_VERSION, ResultsStore, StoreError
from game.engine.runtime import ChoicesEvent, PlayState

from . import legacy


@pytest.fixture
def played(tmp_path, two_scenarios, check):
    """A class played now (four groups, one interrupted), with the engine's own states."""
    store, live = ResultsStore(tmp_path / "played.sqlite3"), legacy.Live()
    legacy.play_class(ClassSession.start(store, ClassSettings(class_label="7B"), two_scenarios, check), live)
    yield store, live
    store.close()


def _comparable(state_json: str) -> str:
    """A state as versions before 2 saved it: without its version and fingerprint."""
    data = json.loads(state_json)
    data.pop("version"), data.pop("fingerprint")
    return json.dumps(data, sort_keys=True)


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_database_upgrades_with_the_same_class_debrief_and_states(played, tmp_path, two_scenarios,
                                                                         check, version):
    store, live = played
    then = legacy.debrief_then(store, live, two_scenarios, check)
    path = legacy.database(store, live, tmp_path / "old.sqlite3", version)
    size_before = path.stat().st_size
    with ResultsStore(path) as upgraded:
        assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert "state" not in {r[1] for r in upgraded.db.execute("PRAGMA table_info(actions)")}
        assert class_debrief(upgraded, two_scenarios, check) == then
        assert build(collect(upgraded), two_scenarios, check) == then
        for pid, states in live.states.items():
            replayed = {seq: state for seq, _k, _d, state in upgraded.actions(pid)}
            assert set(replayed) == set(states)
            for seq, state in states.items():
                if version == 2:
                    assert replayed[seq] == state
                else:  # version 1 kept no fingerprint: the same state as it was saved
                    assert _comparable(replayed[seq]) == _comparable(state)
        assert upgraded.integrity() == "ok"
    assert path.stat().st_size < size_before / 2, "the states are gone from the file"


def test_an_interrupted_story_resumes_after_the_upgrade(played, tmp_path, two_scenarios, check):
    store, live = played
    path = legacy.database(store, live, tmp_path / "old.sqlite3", 1)
    with ResultsStore(path) as upgraded:
        (info,) = upgraded.unfinished()
        scenario = two_scenarios[info.scenario_id]
        pt = upgraded.resume(info.id, scenario)
        assert _comparable(pt.state.to_json()) == _comparable(live.final(info.id))
        assert pt.state.fingerprint == scenario.fingerprint  # an older save takes the story's version
        while not pt.ended:
            event = pt.next()
            if isinstance(event, ChoicesEvent):
                pt.choose(event.options[0][0])
        # the action after the resume carried the state whole (it can't be said as a change):
        # replay still gives exactly what was played
        # (compared as saved: what was done and which chats are open follow from the transcript)
        assert upgraded.playthrough(info.id).state.to_json() == pt.state.to_json()
        assert any(history.SNAPSHOT in d for _s, _k, d, _st in upgraded.actions(info.id))
        assert build(collect(upgraded), two_scenarios, check) == class_debrief(upgraded, two_scenarios, check)


def test_an_upgrade_cut_off_part_way_leaves_the_old_database_whole(played, tmp_path, monkeypatch):
    store, live = played
    path = legacy.database(store, live, tmp_path / "old.sqlite3", 2)
    calls = []

    def power_cut(actions):
        calls.append(1)
        if len(calls) > 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(actions)

    real = history.lean
    monkeypatch.setattr(schema.history, "lean", power_cut)
    with pytest.raises(StoreError):
        ResultsStore(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "state" in {r[1] for r in db.execute("PRAGMA table_info(actions)")}
    assert db.execute("SELECT count(*) FROM actions").fetchone()[0] == sum(map(len, live.states.values()))
    db.close()
    monkeypatch.setattr(schema.history, "lean", real)
    with ResultsStore(path) as upgraded:
        assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize("version", [1, 2])
def test_older_files_import_with_the_same_class_debrief(played, tmp_path, two_scenarios, check, version):
    store, live = played
    then = legacy.debrief_then(store, live, two_scenarios, check)
    teacher = ResultsStore(tmp_path / "teacher.sqlite3")
    report = import_text(teacher, legacy.file(store, live, version), "old.json")
    assert report.ok, report.error
    assert class_debrief(teacher, two_scenarios, check) == then
    assert import_text(teacher, legacy.file(store, live, version)).nothing_new
    # and what it exports now is lean, and imports to the same again
    lean = export_json(teacher)
    assert '"state"' not in lean.replace('\\"state\\"', "")
    fresh = ResultsStore(tmp_path / "fresh.sqlite3")
    assert import_text(fresh, lean).ok
    assert class_debrief(fresh, two_scenarios, check) == then


def test_a_database_newer_than_this_version_is_refused(tmp_path):
    path = tmp_path / "results.sqlite3"
    ResultsStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError) as err:
        ResultsStore(path)
    assert err.value.reason == "newer"


def test_state_json_of_the_upgrade_reads_back(played, tmp_path):
    """Every state replay gives after the upgrade is one the engine reads (no damage made)."""
    store, live = played
    with ResultsStore(legacy.database(store, live, tmp_path / "old.sqlite3", 2)) as upgraded:
        for pid in live.states:
            for _seq, _kind, _data, state in upgraded.actions(pid):
                assert PlayState.from_json(state).scenario_id


def test_what_is_saved_from_a_damaged_older_file_still_replays(played, tmp_path, two_scenarios, check):
    """A damaged file is kept aside and its rows copied into a new database of this version: from
    an older version's file, the actions come with details replay can fold."""
    from game.classroom import board
    from game.classroom.recovery import salvage
    from game.classroom.schema import TABLES

    store, live = played
    old = legacy.database(store, live, tmp_path / "old.sqlite3", 2)
    with ResultsStore(tmp_path / "new.sqlite3") as fresh:
        with fresh.transaction() as db:
            counts = salvage(old, db, TABLES)
            board.refresh(db)
        assert counts["actions"] == sum(map(len, live.states.values())) and counts["groups"] == 4
        assert class_debrief(fresh, two_scenarios, check) == legacy.debrief_then(store, live, two_scenarios, check)
        (info,) = fresh.unfinished()
        assert info.state.to_json() == live.final(info.id)
