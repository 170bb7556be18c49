"""Fixtures for the classroom tests: the shipped library and knowledge check, a fresh store."""

from __future__ import annotations

import pytest

from game.classroom.knowledge import load_check
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import ResultsStore


@pytest.fixture(scope="session")
def scenarios(library):
    found = library.playable()
    assert found, "no playable scenario shipped"
    return found


@pytest.fixture(scope="session")
def scenario(scenarios):
    return scenarios.get("game-teammate") or next(iter(scenarios.values()))


@pytest.fixture(scope="session")
def check():
    loaded, diags = load_check()
    assert loaded is not None, [str(d) for d in diags]
    return loaded


@pytest.fixture
def store(tmp_path):
    s = ResultsStore(tmp_path / "results.sqlite3")
    yield s
    s.close()


@pytest.fixture
def two_scenarios(scenarios, scenario):
    """A short plan (two scenarios) so whole-session tests stay fast."""
    other = next(s for sid, s in sorted(scenarios.items()) if sid != scenario.id)
    return {scenario.id: scenario, other.id: other}


@pytest.fixture
def session(store, two_scenarios, check):
    return ClassSession.start(store, ClassSettings(class_label="7B"), two_scenarios, check)


@pytest.fixture
def cheap_scrypt(monkeypatch):
    """Tests of behaviour, not cost: new PIN and key records use 1/32 of the real scrypt work."""
    from game.classroom import pin, vault

    monkeypatch.setattr(pin, "_N", 2**10)
    monkeypatch.setattr(vault, "_N", 2**10)


@pytest.fixture
def taught(request):
    """A teacher set the test module's PIN (the recovery code is returned) and a group played."""
    from game.classroom.gate import TeacherGate

    code = TeacherGate().setup(request.module.PIN)
    with ResultsStore() as store:
        store.add_group(store.new_session({}, "7B"), "Blue Foxes", 3)
    return code
