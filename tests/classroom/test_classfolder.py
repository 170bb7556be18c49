"""The class folder: computers (each its own data folder and store) write one file each into a
shared folder while groups play, and the teacher's merge of the folder equals the union of
what they played; reading again adds nothing; damaged, half-written and foreign files are
skipped and named; an unreachable folder never stops play and gets everything when it is back."""

from __future__ import annotations

import errno
import json
import os
import random
import time
from pathlib import Path

import pytest

from game.classroom import classfolder, folderlink, signing
from game.classroom.classdebrief import class_debrief
from game.classroom.classfolder import FolderWriter, computer_id, fetch, file_name
from game.classroom.exchange import export_json
from game.classroom.folderlink import FolderLink
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings, load_settings, save_settings
from game.classroom.store import ResultsStore
from game.engine.runtime import ChoicesEvent, MessageEvent

from .helpers import play_group, play_step


class Computer:
    """One classroom computer: its own data folder (REDFLAGS_HOME while it acts), store, link."""

    def __init__(self, root: Path, name: str, folder: Path, monkeypatch, check):
        self.home, self.monkeypatch = root / name, monkeypatch
        self.home.mkdir()
        self.act()
        self.store = ResultsStore(self.home / "results.sqlite3")
        self.link = FolderLink(self.store, lambda: check, self.home)
        self.link.configure(folder)

    def act(self) -> Computer:
        self.monkeypatch.setenv("REDFLAGS_HOME", str(self.home))
        return self

    def start(self, scenarios, check) -> ClassSession:
        self.act()
        session = ClassSession.start(self.store, ClassSettings(class_label="7B"), scenarios, check)
        self.link.share(session.id)
        return session

    def close(self) -> None:
        self.link.close()
        self.store.close()


@pytest.fixture
def room(tmp_path, monkeypatch, check):
    """make(name) -> a Computer using the class folder `tmp_path / "class"`."""
    folder = tmp_path / "class"
    folder.mkdir()
    made: list[Computer] = []

    def make(name: str) -> Computer:
        made.append(Computer(tmp_path, name, folder, monkeypatch, check))
        return made[-1]

    make.folder = folder
    yield make
    for c in made:
        c.close()


def names(store: ResultsStore) -> list[str]:
    return sorted(g.name for g in store.groups())


def rows(store: ResultsStore) -> dict[str, list]:
    """Every exported row, sorted, to compare stores."""
    return {t: sorted(json.dumps(r, sort_keys=True) for r in v) for t, v in store.dump().items()}


def summary(model):
    return (sorted((g.name, g.points, g.caught, g.pre, g.post) for g in model.groups),
            [(f.scenario_id, f.key, f.seen, f.caught) for f in model.flags])


def wait_for(condition, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_three_computers_merge_to_the_union(room, two_scenarios, check):
    laptops = [room(f"laptop{i}") for i in range(3)]
    sessions = [c.start(two_scenarios, check) for c in laptops]
    play_group(sessions[0], "Blue Foxes", seed=1)
    play_group(sessions[1], "Ravens", seed=2)
    play_group(sessions[2], "Night Owls", seed=3)
    play_group(sessions[0], "Hawks", seed=4)  # a second group on the first computer
    for c in laptops:
        assert c.act().link.flush()
    files = sorted(p.name for p in room.folder.iterdir())
    assert files == sorted(file_name(computer_id(c.home)) for c in laptops)  # one file per computer
    assert not any(room.folder.glob("*.sqlite3*"))  # never a database on the share

    teacher = room("teacher").act()
    view = teacher.link.read_now()
    assert view.computers == 3 and not view.problems and view.newest is not None
    assert names(teacher.store) == ["Blue Foxes", "Hawks", "Night Owls", "Ravens"]
    union = {t: sorted(sum((rows(c.store)[t] for c in laptops), [])) for t in rows(teacher.store)}
    assert rows(teacher.store) == union  # the merge is exactly what the computers played
    everyone = ResultsStore(teacher.home / "reference.sqlite3")
    reference = ClassSession.start(everyone, ClassSettings(class_label="7B"), two_scenarios, check)
    for name, seed in (("Blue Foxes", 1), ("Ravens", 2), ("Night Owls", 3), ("Hawks", 4)):
        play_group(reference, name, seed)
    assert summary(class_debrief(teacher.store, two_scenarios, check)) == \
        summary(class_debrief(everyone, two_scenarios, check))
    everyone.close()

    before = teacher.store.counts()  # reading again: nothing re-read, nothing added
    assert fetch(room.folder, view.seen) == (view.seen, [])
    assert teacher.link.read_now().added == view.added and teacher.store.counts() == before
    view.seen.clear()  # even reading every file again adds nothing
    teacher.link.read_now()
    assert teacher.store.counts() == before


def test_the_file_follows_play_steps_and_at_most_every_interval(room, two_scenarios, check, monkeypatch):
    monkeypatch.setattr(folderlink, "INTERVAL", 60.0)
    laptop = room("laptop")
    run = laptop.start(two_scenarios, check).add_group("Blue Foxes")
    own = room.folder / file_name(computer_id(laptop.home))
    assert wait_for(lambda: own.exists() and "Blue Foxes" in own.read_text(encoding="utf-8"))  # group added

    def stamp():
        return own.stat().st_mtime_ns, own.read_text(encoding="utf-8")

    rng = random.Random(5)
    step = run.next_step()
    assert step.kind == "pre_check"
    for qid in step.unanswered[:-1]:  # a check half answered: not yet
        run.answer("pre", qid, 0)
    written = stamp()
    time.sleep(0.3)
    assert stamp() == written
    run.answer("pre", step.unanswered[-1], 0)  # the check's last answer: written at once
    assert wait_for(lambda: stamp() != written)
    before = stamp()
    for chat in run.next_step().chats:  # the spot check's chats (each written at once), then the story
        run.spot("pre", chat.id, {})
    assert wait_for(lambda: stamp() != before) and laptop.link.flush()
    assert laptop.link.flush()  # (all written: a flush then leaves the next write due at once)
    before = stamp()
    pt = run.play(run.next_step())
    pt.next()  # the story's first action: written at once
    assert wait_for(lambda: stamp() != before)
    written = stamp()
    while not pt.ended:  # a story played: its actions wait for the interval...
        event = pt.next()
        if isinstance(event, MessageEvent) and pt.flaggable(event.index):
            pt.flag(event.index)
        elif isinstance(event, ChoicesEvent):
            pt.choose(rng.choice(event.options)[0])
        if not pt.ended:
            assert stamp() == written
    assert wait_for(lambda: stamp() != written)  # ...its ending is written at once
    assert laptop.link.flush()
    teacher = room("teacher").act()
    teacher.link.read_now()
    assert [p.finished for p in teacher.store.playthroughs()] == [True]

    monkeypatch.setattr(folderlink, "INTERVAL", 1.0)  # an action after a write: written after the interval
    laptop.act()
    pt = run.play(run.next_step())
    written = stamp()
    pt.next()  # written at once: the last write is long past
    assert wait_for(lambda: stamp() != written)
    first, written = time.monotonic(), stamp()
    pt.next()  # no other step comes: still written, once the interval has passed
    assert wait_for(lambda: stamp() != written)
    assert time.monotonic() - first >= 0.8


def test_damaged_half_written_and_foreign_files_are_skipped_and_named(room, two_scenarios, check):
    laptop = room("laptop")
    play_group(laptop.start(two_scenarios, check), "Blue Foxes", seed=1)
    assert laptop.link.flush()
    good = (room.folder / file_name(computer_id(laptop.home))).read_text(encoding="utf-8")
    other = ResultsStore(laptop.home / "other.sqlite3")
    play_group(ClassSession.start(other, ClassSettings(), two_scenarios, check), "Ravens", seed=2)
    half = room.folder / "redflags-0123456789ab.json"
    whole = export_json(other)
    half.write_text(whole[: len(whole) // 2], encoding="utf-8")  # a copy cut short
    (room.folder / "redflags-notes.json").write_text("[1, 2", encoding="utf-8")
    edited = room.folder / "redflags-fedcba987654.json"
    edited.write_text(whole.replace('"members":3', '"members":4'), encoding="utf-8")  # whole, but changed
    (room.folder / ".redflags-0123456789ab.json.x1.tmp").write_text(whole, encoding="utf-8")  # a write under way
    (room.folder / "notes.txt").write_text("not results", encoding="utf-8")

    teacher = room("teacher").act()
    view = teacher.link.read_now()
    assert names(teacher.store) == ["Blue Foxes"]  # the good file, nothing of the others
    assert set(view.problems) == {half.name, edited.name, "redflags-notes.json"}
    assert all(problem.startswith(name + ":") for name, problem in view.problems.items())  # named
    assert "incomplete or damaged" in view.problems[half.name] + view.problems["redflags-notes.json"]
    assert "checksum does not match" in view.problems[edited.name]
    assert view.computers == 3  # the computers' files; notes are not a computer
    assert good == (room.folder / file_name(computer_id(laptop.home))).read_text(encoding="utf-8")

    half.write_text(whole, encoding="utf-8")  # that computer wrote it again, whole
    view = teacher.link.read_now()
    assert names(teacher.store) == ["Blue Foxes", "Ravens"]
    assert set(view.problems) == {edited.name, "redflags-notes.json"}
    for gone in (edited, room.folder / "redflags-notes.json"):
        gone.unlink()
    assert not teacher.link.read_now().problems
    other.close()


def _unwritable(folder: Path, how: str, monkeypatch) -> Path:
    """Make the class folder unreachable: gone (a network drive down, a USB stick pulled out) or
    read-only. Returns where it was moved, to bring it back."""
    away = folder.with_name("away")
    if how == "removed":
        folder.rename(away)
    elif os.geteuid() != 0:
        folder.chmod(0o555)
    else:  # root writes anywhere: refuse as a read-only folder would
        real = classfolder.tempfile.mkstemp

        def refuse(*args, dir=None, **kwargs):
            if Path(dir) == folder and folder.stat().st_mode & 0o222 == 0:
                raise PermissionError(errno.EACCES, "Permission denied", str(folder))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(classfolder.tempfile, "mkstemp", refuse)
        folder.chmod(0o555)
    return away


def _reachable(folder: Path, away: Path, how: str) -> None:
    if how == "removed":
        away.rename(folder)
    else:
        folder.chmod(0o755)


@pytest.mark.parametrize("how", ["removed", "read-only"])
def test_an_unreachable_folder_keeps_results_here_and_gets_them_later(room, two_scenarios, check, how,
                                                                     monkeypatch):
    monkeypatch.setattr(folderlink, "RETRY", (0.05, 0.05))
    laptop = room("laptop")
    session = laptop.start(two_scenarios, check)
    play_group(session, "Blue Foxes", seed=1)
    assert laptop.link.flush() and laptop.link.take_notices() == []
    away = _unwritable(room.folder, how, monkeypatch)
    rng = random.Random(2)
    run = session.add_group("Ravens")  # play goes on
    while play_step(run, rng) != "done":
        pass
    assert names(laptop.store) == ["Blue Foxes", "Ravens"]  # kept on this computer
    assert not laptop.link.flush(timeout=1)
    assert wait_for(lambda: laptop.link.status().unreachable)
    status = laptop.link.status()
    assert status.error and status.written is not None
    notices = laptop.link.take_notices()
    assert notices == [folderlink.unreachable_text()] and laptop.link.take_notices() == []  # said once
    assert "kept on this computer" in notices[0]

    _reachable(room.folder, away, how)
    assert wait_for(lambda: laptop.link.status().failures == 0)  # tried again by itself
    assert laptop.link.flush()
    assert laptop.link.take_notices() == ["The class folder is back: this computer's results were written to it."]
    teacher = room("teacher").act()
    teacher.link.read_now()
    assert names(teacher.store) == ["Blue Foxes", "Ravens"]
    assert rows(teacher.store) == rows(laptop.store)


def test_results_kept_while_away_are_written_at_the_next_start(room, two_scenarios, check, monkeypatch):
    laptop = room("laptop")
    session = laptop.start(two_scenarios, check)
    away = _unwritable(room.folder, "removed", monkeypatch)
    play_group(session, "Blue Foxes", seed=1)
    assert not laptop.link.flush(timeout=1)
    laptop.close()  # the game closed while the drive was down
    _reachable(room.folder, away, "removed")
    own = file_name(computer_id(laptop.home))
    stale = room.folder / f".{own}.k3x9q.tmp"  # left by a crash in the middle of a write
    stale.write_text("{", encoding="utf-8")
    laptop.store = ResultsStore(laptop.home / "results.sqlite3")  # the next start
    laptop.link = FolderLink(laptop.store, lambda: check, laptop.home)
    laptop.link.configure(room.folder)
    assert laptop.link.flush()
    assert sorted(p.name for p in room.folder.iterdir()) == [own]
    teacher = room("teacher").act()
    teacher.link.read_now()
    assert names(teacher.store) == ["Blue Foxes"]


def test_sealed_names_wait_for_teacher_mode_without_alarm(room, two_scenarios, check):
    laptop = room("laptop")
    key = os.urandom(32)
    laptop.store.use_key(key)  # teacher mode opened: names sealed in the store
    play_group(laptop.start(two_scenarios, check), "Blue Foxes", seed=1)
    stored = b"".join(p.read_bytes() for p in laptop.home.glob("results.sqlite3*"))
    assert b"Blue Foxes" not in stored
    laptop.store.key = None  # the game restarted, teacher mode not yet unlocked
    laptop.link.changed(True)
    assert not laptop.link.flush(timeout=1)
    status = laptop.link.status()
    assert status.locked and not status.unreachable and laptop.link.take_notices() == []
    laptop.store.key = key  # unlocked: the next step writes it
    laptop.link.changed(False)
    assert laptop.link.flush()
    teacher = room("teacher").act()
    teacher.link.read_now()
    assert names(teacher.store) == ["Blue Foxes"]  # names in the clear in the file, as in an export


def test_a_class_code_signs_the_files_and_refuses_others(room, two_scenarios, check, monkeypatch):
    monkeypatch.setattr(signing, "derive", lambda code: code.encode().ljust(32, b"."))  # cheap, same idea
    laptop, stranger, teacher = room("laptop"), room("stranger"), room("teacher")
    for c in (laptop, teacher):
        c.act()
        signing.set_code("7B-2026")
    for c, name in ((laptop, "Blue Foxes"), (stranger, "Intruders")):
        play_group(c.start(two_scenarios, check), name, seed=1)
        assert c.link.flush()  # before another computer acts: the signing key is its data folder's
    assert '"signature"' in (room.folder / file_name(computer_id(laptop.home))).read_text(encoding="utf-8")
    view = teacher.act().link.read_now()
    assert names(teacher.store) == ["Blue Foxes"]
    assert list(view.problems) == [file_name(computer_id(stranger.home))]
    assert "not signed with a class code" in next(iter(view.problems.values()))


def test_two_computers_with_one_id_stop_overwriting_each_other(tmp_path, two_scenarios, check):
    """A data folder copied with a disk image gives two computers the same id: the first to see
    the other's file in its place takes a new id."""
    folder = tmp_path / "class"
    folder.mkdir()
    writers = []
    for i, name in enumerate(("Blue Foxes", "Ravens")):
        home = tmp_path / f"pc{i}"
        home.mkdir()
        store = ResultsStore(home / "results.sqlite3")
        session = ClassSession.start(store, ClassSettings(), two_scenarios, check)
        play_group(session, name, seed=i)
        writers.append((FolderWriter(store, folder, "aaaaaaaaaaaa", home), session.id))
    for writer, sid in writers + writers:
        writer.write([sid])
    assert writers[0][0].computer != "aaaaaaaaaaaa" and writers[1][0].computer == "aaaaaaaaaaaa"
    assert computer_id(tmp_path / "pc0") == writers[0][0].computer  # kept for next time
    assert len(list(folder.iterdir())) == 2
    teacher = ResultsStore(tmp_path / "teacher.sqlite3")
    link = FolderLink(teacher, home=tmp_path)
    link.configure(folder)
    link.read_now()
    assert names(teacher) == ["Blue Foxes", "Ravens"]
    link.close()
    for writer, _sid in writers:
        writer.store.close()
    teacher.close()


def test_the_folder_is_a_setting_of_this_computer_never_of_a_session(two_scenarios, check, store):
    settings = ClassSettings(class_label="7B", class_folder="/mnt/class/7B")
    assert "class_folder" not in settings.to_dict()
    save_settings(settings)
    assert load_settings().class_folder == "/mnt/class/7B"
    session = ClassSession.start(store, load_settings(), two_scenarios, check)
    assert "class_folder" not in store.session(session.id).settings
    assert "/mnt/class" not in export_json(store)


def test_a_judged_spot_check_chat_is_written_at_once(tmp_path):
    """A spot-check chat is stored whole when the group presses Done: the class folder hears it
    then (urgent), not only with the group's next story action."""
    from game.classroom.records import Spot

    heard: list[bool] = []
    with ResultsStore(tmp_path / "r.sqlite3") as store:
        classfolder.watch(store, heard.append)
        gid = store.add_group(store.new_session({}), "Owls", 3)
        store.spot(gid, [Spot("pre", "A", "gem-gift", 0, True, 800), Spot("pre", "A", "gem-gift", 1, False)])
        assert heard == [True, True]  # the group added, then the chat judged
        assert len(store.spots(gid)) == 2
