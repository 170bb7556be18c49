"""Group names and class labels sealed at rest: a student with an SQLite browser sees no name;
the teacher's PIN or recovery code opens them; exports carry them in the clear."""

from __future__ import annotations

import json
import sqlite3

import pytest

from game.classroom import vault
from game.classroom.exchange import export_json, import_text
from game.classroom.store import LOCKED, ResultsStore

PIN, CODE = "246810", "4821-9037-5512-6640"


@pytest.fixture
def key():
    return vault.create(PIN, CODE)


def _raw(path) -> bytes:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_names_recorded_before_are_sealed_and_wiped_from_the_file(tmp_path, key):
    path = tmp_path / "results.sqlite3"
    store = ResultsStore(path)
    sid = store.new_session({}, "Room 7B Maple")
    for name in ("Blue Foxes", "Night Owls"):
        store.add_group(sid, name, 3)
    assert b"Night Owls" in _raw(path)
    assert store.use_key(key) == 3
    store.close()
    raw = _raw(path)
    assert b"Night Owls" not in raw and b"Blue Foxes" not in raw and b"Maple" not in raw
    rows = sqlite3.connect(path).execute("SELECT name FROM groups").fetchall()
    assert all(r[0].startswith(vault.PREFIX) for r in rows)


def test_locked_names_show_a_padlock_and_either_secret_opens_them(tmp_path, key):
    path = tmp_path / "results.sqlite3"
    store = ResultsStore(path)
    store.use_key(key)
    sid = store.new_session({}, "7B")
    store.add_group(sid, "Ravens", 3)
    store.close()
    locked = ResultsStore(path)
    (g,) = locked.groups()
    assert g.name.startswith(LOCKED) and "Ravens" not in g.name
    assert locked.sessions()[0].label.startswith(LOCKED)
    assert vault.open_with_pin("000000") is None and vault.open_with_recovery("1234") is None
    for opened in (vault.open_with_pin(PIN), vault.open_with_recovery(CODE.replace("-", ""))):
        again = ResultsStore(path)
        again.use_key(opened)
        assert [x.name for x in again.groups()] == ["Ravens"] and again.sessions()[0].label == "7B"


def test_export_needs_the_key_and_carries_names_in_the_clear(tmp_path, key):
    store = ResultsStore(tmp_path / "a.sqlite3")
    store.use_key(key)
    store.add_group(store.new_session({}, "7B"), "Ravens", 3)
    doc = json.loads(export_json(store))
    assert doc["data"]["groups"][0]["name"] == "Ravens"
    other = ResultsStore(tmp_path / "b.sqlite3")
    other.use_key(key)
    assert import_text(other, json.dumps(doc)).ok
    stored = other.db.execute("SELECT name FROM groups").fetchone()[0]
    assert vault.is_sealed(stored) and other.groups()[0].name == "Ravens"
    locked = ResultsStore(tmp_path / "a.sqlite3")
    from game.classroom.store import StoreError

    with pytest.raises(StoreError, match="locked"):
        export_json(locked)


def test_a_changed_pin_keeps_the_same_key(key):
    vault.save(key, "13579135")
    assert vault.open_with_pin("13579135") == key and vault.open_with_pin(PIN) is None
    assert vault.open_with_recovery(CODE) == key


def test_tampered_values_and_records_open_to_nothing(key):
    sealed = vault.seal(key, "Ravens")
    flipped = sealed[:-4] + ("A" if sealed[-4] != "A" else "B") + sealed[-3:]
    assert vault.unseal(key, sealed) == "Ravens" and vault.unseal(key, flipped) is None
    assert vault.unseal(None, sealed) is None and vault.unseal(key, "plain") == "plain"
    vault.path().write_text("{not json")
    assert vault.open_with_pin(PIN) is None
