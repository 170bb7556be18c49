"""Fault injection: storage that fails under a class. Every case ends in a message that says
what happened and what to do, and nothing already recorded is lost (damaged files are kept
aside, never deleted; what SQLite can still read is recovered)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.classroom.store import ResultsStore, StoreError
from game.engine.runtime import ChoicesEvent
from game.userdata import instance_lock, release_instance_lock

ROOT = Path(__file__).resolve().parents[2]


def fill(store: ResultsStore, scenario, groups: int = 6) -> list[str]:
    """Groups that each play the scenario to its end."""
    names = []
    sid = store.new_session({}, "7B")
    rng = random.Random(5)
    for n in range(groups):
        name = f"Group {n}"
        pt = store.start_playthrough(store.add_group(sid, name, 3), scenario)
        while not pt.ended:
            ev = pt.next()
            if isinstance(ev, ChoicesEvent):
                pt.choose(rng.choice(ev.options)[0])
        names.append(name)
    return names


def damage(path: Path, at: float, size: int = 4096) -> None:
    data = bytearray(path.read_bytes())
    start = int(len(data) * at)
    data[start:start + size] = os.urandom(min(size, len(data) - start))
    path.write_bytes(bytes(data))


def checkpointed(store: ResultsStore) -> None:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


@pytest.mark.parametrize("where", [0.0, 0.5, 0.85])
def test_a_damaged_results_file_is_kept_aside_and_what_can_be_read_recovered(tmp_path, scenario, where):
    path = tmp_path / "results.sqlite3"
    store = ResultsStore(path)
    fill(store, scenario)
    checkpointed(store)
    original = path.read_bytes()
    damage(path, where)
    again = ResultsStore(path)
    assert again.notice and "damaged" in again.notice and "kept" in again.notice
    kept = again.kept_aside
    assert kept is not None and kept.exists() and kept.parent == tmp_path
    assert len(kept.read_bytes()) == len(original), "the damaged file is kept whole"
    assert again.integrity() == "ok"
    if where > 0.0:  # the header survived: some rows come back
        assert sum(again.recovered.values()) > 0
    # and it goes on working
    fill(again, scenario, 1)


def test_an_empty_results_file_is_not_silently_a_new_store(tmp_path):
    path = tmp_path / "results.sqlite3"
    path.write_bytes(b"")
    store = ResultsStore(path)
    assert store.notice and "damaged" in store.notice
    assert store.kept_aside is not None and store.kept_aside.stat().st_size == 0


def test_a_missing_data_folder_is_not_created_and_says_plug_it_in(tmp_path):
    usb = tmp_path / "media" / "usb-stick" / "redflags"
    with pytest.raises(StoreError) as err:
        ResultsStore(usb / "results.sqlite3")
    assert err.value.reason == "missing" and "plug it in" in err.value.advice
    assert not usb.parent.exists()


def test_a_newer_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "results.sqlite3"
    ResultsStore(path).close()
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        ResultsStore(path)
    assert err.value.reason == "newer" and path.read_bytes() == before


@pytest.fixture
def mounted(tmp_path):
    """A folder on a filesystem of its own (needs root, as CI is; else the test skips)."""
    made = []

    def mount(options: str) -> Path:
        target = tmp_path / f"mnt{len(made)}"
        target.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"can't mount a small filesystem here ({done.stderr.strip()}); CI runs as root")
        made.append(target)
        return target

    yield mount
    for target in made:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def test_a_full_disk_mid_story_keeps_playing_and_loses_nothing_stored(mounted, scenario):
    folder = mounted("size=512k")
    store = ResultsStore(folder / "results.sqlite3")
    pt = store.start_playthrough(store.add_group(store.new_session({}, ""), "Owls", 3), scenario)
    pt.next()
    # fill the disk, leaving almost nothing
    try:
        with open(folder / "filler", "wb", buffering=0) as f:
            while True:
                f.write(b"\0" * 4096)
    except OSError:
        pass
    told = []
    pt.on_unsaved = told.append
    stored_before = None
    rng = random.Random(1)
    while not pt.ended:
        if pt.unsaved is None:
            stored_before = pt.seq
        ev = pt.next()
        if isinstance(ev, ChoicesEvent):
            pt.choose(rng.choice(ev.options)[0])
    assert pt.unsaved is not None and pt.unsaved.reason == "full", pt.unsaved
    assert "disk is full" in pt.unsaved.advice and len(told) == 1
    (folder / "filler").unlink()
    again = ResultsStore(folder / "results.sqlite3")
    assert again.integrity() == "ok"
    assert max(s for s, *_ in again.actions(pt.playthrough_id)) == stored_before


def test_a_read_only_folder_says_so(mounted, scenario):
    folder = mounted("size=1m")
    ResultsStore(folder / "results.sqlite3").close()
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    with pytest.raises(StoreError) as err:
        store = ResultsStore(folder / "results.sqlite3")
        store.add_group(store.new_session({}, ""), "x", 3)
    assert err.value.reason == "readonly", err.value


def test_a_second_copy_of_the_game_is_told_and_writes_nothing(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("REDFLAGS_HOME", str(home))
    release_instance_lock()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; sys.path.insert(0, sys.argv[1]);"
                               "from game.userdata import instance_lock; assert instance_lock();"
                               "print('held', flush=True); time.sleep(60)", str(ROOT)],
                              stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        assert holder.stdout.readline().strip() == "held"
        assert not instance_lock()
        from game.ui.storage import Classroom

        room = Classroom(app=None)
        store = room.store
        assert str(store.path) == ResultsStore.MEMORY or store.path == Path(ResultsStore.MEMORY)
        assert room.problem and "already open" in room.problem
        assert not (home / "results.sqlite3").exists()
    finally:
        holder.kill()
        holder.wait()
    deadline = time.monotonic() + 10
    while not instance_lock() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance_lock(), "the lock goes with the process that held it"
    release_instance_lock()
