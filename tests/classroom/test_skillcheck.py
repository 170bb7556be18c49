"""The skill check in a class session: parallel forms counterbalanced over the groups, options
shown shuffled but stored as written, the spot check's rows, the later check, a crash mid-check,
and results of version 3 (no spots, answers without form or time) that still open and import."""

from __future__ import annotations

import json
import random
import sqlite3

import pytest

from game.classroom import schema
from game.classroom.exchange import KIND, checksum, export_json, import_text, read_exchange
from game.classroom.knowledge import written_index
from game.classroom.records import Spot
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.skillcheck import SPOT_CHATS, later_candidates, materials_for
from game.classroom.store import SCHEMA_VERSION, ResultsStore, StoreError
from game.engine.detection import tally
from game.engine.model import PLAYER

from .helpers import play_group, play_step, spot_chats

V3_ANSWERS = """CREATE TABLE answers (
    group_id    TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    phase       TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
    check_id    TEXT NOT NULL, question_id TEXT NOT NULL, answer INTEGER NOT NULL,
    correct     INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (group_id, phase, question_id))"""


def judged(chat) -> list[int]:
    return [i for i, m in enumerate(chat.messages) if m.sender != PLAYER]


# --- forms and order -----------------------------------------------------------------------------


def test_forms_are_counterbalanced_over_the_groups(session, check):
    runs = [session.add_group(name) for name in ("Foxes", "Owls", "Hawks", "Wolves")]
    assert [(r.form("pre"), r.form("post"), r.form("later")) for r in runs] == [
        ("A", "B", "A"), ("B", "A", "B"), ("A", "B", "A"), ("B", "A", "B")]
    for run in runs:
        pre, post = run.next_step(), run.check_for("post")
        assert pre.kind == "pre_check" and pre.check.form == run.form("pre") and post.form == run.form("post")
        assert pre.check.id == ("check" if run.form("pre") == "A" else "check-b")
        assert len(pre.check.questions) == len(post.questions)
        before, after = run.chats("pre"), run.chats("post")
        assert len(before) == len(after) == SPOT_CHATS
        assert {c.form for c in before} == {run.form("pre")} and {c.form for c in after} == {run.form("post")}
        assert not {c.id for c in before} & {c.id for c in after}, "after the stories: unseen chats"
        assert [c.difficulty for c in before] == [c.difficulty for c in after], "the same difficulties"
    # a restart finds the same groups in the same places, with the same chats
    again = ClassSession.open(session.store, session.id, {s.id: s for s in session.scenarios}, check)
    assert [(g.index, [c.id for c in g.chats("pre")]) for g in again.groups()] == \
        [(r.index, [c.id for c in r.chats("pre")]) for r in runs]


def test_shuffled_options_store_the_written_index(session):
    session.add_group("Foxes")
    run = session.add_group("Owls")  # the second group: form B before the stories
    check = run.check_for("pre")
    orders = {q.id: run.option_order("pre", q) for q in check.questions}
    assert any(order != tuple(range(len(order))) for order in orders.values()), "options are shuffled"
    assert all(sorted(o) == list(range(len(check.question(q).options))) for q, o in orders.items())
    for n, q in enumerate(check.questions):
        order = orders[q.id]
        shown = order.index(q.correct_index) if n % 2 == 0 else (order.index(q.correct_index) + 1) % len(order)
        assert run.answer("pre", q.id, written_index(order, shown), ms=1500 + n) == (n % 2 == 0)
    stored = [a for a in session.store.answers(run.info.id) if a.phase == "pre"]
    assert sorted((a.question_id, a.answer == check.question(a.question_id).correct_index, a.ms)
                  for a in stored) == sorted((q.id, n % 2 == 0, 1500 + n) for n, q in enumerate(check.questions))
    assert {a.form for a in stored} == {"B"} and {a.check_id for a in stored} == {"check-b"}
    assert run.check_score("pre").correct == (len(check.questions) + 1) // 2
    # the same group sees the same order again (a resumed check, a replayed file)
    assert all(run.option_order("pre", q) == orders[q.id] for q in check.questions)


# --- a whole session -------------------------------------------------------------------------------


def test_a_session_by_script_before_a_story_after_and_later(store, scenario, check):
    session = ClassSession.start(store, ClassSettings(class_label="7B"), {scenario.id: scenario}, check)
    rng = random.Random(7)
    runs = [session.add_group(name) for name in ("Foxes", "Owls")]
    for run in runs:
        kinds = []
        while (kind := play_step(run, rng)) != "done":
            kinds.append(kind)
        assert kinds == ["pre_check", "pre_spot", "scenario", "post_spot", "post_check"]
    assert later_candidates(store) == [store.session(session.id)]
    # weeks later: the teacher runs the later check of that session
    later = ClassSession.open(store, session.id, {scenario.id: scenario}, check)
    assert later.call_later_check() and later.later
    for run in later.groups():
        step = run.next_step()
        assert step.kind == "later_spot" and [c.id for c in step.chats] == [c.id for c in run.chats("pre")]
        spot_chats(run, step, rng)
        step = run.next_step()
        assert step.kind == "later_check" and step.check.form == run.form("pre")
        for qid in step.unanswered:
            run.answer("later", qid, 0)
        assert run.next_step().kind == "done"
    reopened = ClassSession.open(store, session.id, {scenario.id: scenario}, check)
    assert reopened.later and all(g.next_step().kind == "done" for g in reopened.groups())
    for run in later.groups():
        answers = store.answers(run.info.id)
        spots = store.spots(run.info.id)
        for phase in ("pre", "post", "later"):
            mine = [a for a in answers if a.phase == phase]
            asked = run.check_for(phase)
            assert sorted(a.question_id for a in mine) == sorted(q.id for q in asked.questions)
            assert {a.form for a in mine} == {run.form(phase)} and {a.check_id for a in mine} == {asked.id}
            rows = [s for s in spots if s.phase == phase]
            chats = run.chats(phase)
            assert sorted((s.chat_id, s.message) for s in rows) == sorted(
                (c.id, i) for c in chats for i in judged(c)), "every judged message has a row"
            assert {s.form for s in rows} == {run.form(phase)}
            assert all((s.ms is not None) == s.flagged for s in rows), "a time for each flag only"
            counts = tally(chats, [(s.chat_id, s.message) for s in rows if s.flagged])
            assert counts.signals + counts.noise == len(rows)
        assert [s.phase for s in spots] == sorted((s.phase for s in spots), key=["pre", "post", "later"].index)


def test_a_crash_mid_check_loses_nothing_stored_and_resumes_at_what_is_left(store, two_scenarios, check,
                                                                            monkeypatch):
    session = ClassSession.start(store, ClassSettings(), two_scenarios, check)
    run = session.add_group("Foxes")
    step = run.next_step()
    for qid in step.unanswered[:2]:
        run.answer("pre", qid, 1)
    again = ClassSession.open(store, session.id, two_scenarios, check).group(run.info.id)
    assert again.next_step().unanswered == step.unanswered[2:]
    for qid in step.unanswered[2:]:
        again.answer("pre", qid, 0)
    chats = again.next_step().chats
    again.spot("pre", chats[0].id, {judged(chats[0])[0]: 2100})
    # the computer stops while the next chat is being stored: none of it is, the first is kept
    real = store.db.executemany

    class Stopped(sqlite3.OperationalError):
        pass

    def cut(sql, rows):
        real(sql, list(rows)[:1])  # one row written, then the drive is gone
        raise Stopped("disk I/O error")

    monkeypatch.setattr(store, "db", _Wrapped(store.db, cut))
    with pytest.raises(StoreError):
        again.spot("pre", chats[1].id, {})
    monkeypatch.undo()
    after = ClassSession.open(store, session.id, two_scenarios, check).group(run.info.id)
    step = after.next_step()
    assert step.kind == "pre_spot" and [c.id for c in step.chats] == [c.id for c in chats[1:]] and step.total == 3
    assert {s.chat_id for s in store.spots(run.info.id)} == {chats[0].id}
    assert [s.ms for s in store.spots(run.info.id) if s.flagged] == [2100]
    assert len(after.answered("pre")) == len(check.questions)


class _Wrapped:
    """A connection whose executemany fails part-way (what a pulled drive does)."""

    def __init__(self, db, executemany):
        self._db, self.executemany = db, executemany

    def __getattr__(self, name):
        return getattr(self._db, name)


def test_a_flag_on_the_groups_own_message_or_an_unknown_chat_is_refused(session):
    run = session.add_group("Owls")
    chat = run.chats("pre")[0]
    own = next((i for i, m in enumerate(chat.messages) if m.sender == PLAYER), None)
    with pytest.raises(KeyError):
        run.spot("pre", "no-such-chat", {})
    if own is not None:
        with pytest.raises(ValueError):
            run.spot("pre", chat.id, {own: 100})
    with pytest.raises(ValueError):
        run.spot("pre", chat.id, {99: 100})
    assert session.store.spots(run.info.id) == []
    with pytest.raises(ValueError):
        session.store.spot(run.info.id, [Spot("during", "A", chat.id, 0, True)])


def test_a_session_from_before_the_skill_check_asks_the_one_form_as_it_did(store, two_scenarios, check):
    sid = store.new_session(ClassSettings().to_dict() | {"plan": sorted(two_scenarios), "check": check.id}, "7B")
    session = ClassSession.open(store, sid, two_scenarios, check)
    runs = [session.add_group(n) for n in ("Foxes", "Owls")]
    assert all(r.next_step().check is check and r.chats("pre") == [] for r in runs)
    assert materials_for(None) is None


# --- results of version 3 ----------------------------------------------------------------------


def _v3_database(store: ResultsStore, path) -> None:
    """This store's file as version 3 kept it: answers without phase 'later', form or time, no
    spots table."""
    store.db.execute("VACUUM INTO ?", (str(path),))
    db = sqlite3.connect(path)
    db.executescript(V3_ANSWERS.replace("CREATE TABLE answers", "CREATE TABLE answers_v3") + ";"
                     "INSERT INTO answers_v3 SELECT group_id, phase, check_id, question_id, answer, correct, at "
                     "FROM answers WHERE phase != 'later'; DROP TABLE answers; "
                     "ALTER TABLE answers_v3 RENAME TO answers; DROP TABLE spots; PRAGMA user_version=3;")
    db.close()


def test_a_version_3_database_upgrades_keeping_every_answer(store, session, tmp_path):
    runs = [play_group(session, name, seed=n) for n, name in enumerate(("Foxes", "Owls"))]
    old = tmp_path / "old.sqlite3"
    _v3_database(store, old)
    before = {r.info.id: [(a.phase, a.check_id, a.question_id, a.answer, a.correct)
                          for a in store.answers(r.info.id)] for r in runs}
    board = store.db.execute("SELECT line FROM board ORDER BY created, seq").fetchall()
    with ResultsStore(old) as upgraded:
        assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        for gid, rows in before.items():
            got = upgraded.answers(gid)
            assert [(a.phase, a.check_id, a.question_id, a.answer, a.correct) for a in got] == rows
            assert {(a.form, a.ms) for a in got} == {("", None)}, "not recorded then"
            assert upgraded.spots(gid) == []
        lines = [r[0].split("\t", 8) for r in upgraded.db.execute("SELECT line FROM board ORDER BY created, seq")]
        assert [f[:7] + f[8:] for f in lines] == [r[0].split("\t", 8)[:7] + r[0].split("\t", 8)[8:] for r in board]
        parts = [p.split(":") for f in lines for p in f[7].split(";") if p]  # checks: answers, no chat judged
        assert parts and all(p[0] in ("pre", "post") and p[1:4] == ["", "0", ""] for p in parts)
        # made again from what version 3 holds: answers without a form, no spot check
        gid = runs[0].info.id
        upgraded.answer(gid, "later", "check", "q-later", 1, True, "A", 900)  # the new phase is allowed
        upgraded.spot(gid, [Spot("later", "A", "gem-gift", 1, True, 800)])
        assert upgraded.spots(gid) == [Spot("later", "A", "gem-gift", 1, True, 800)]
        assert upgraded.integrity() == "ok"


def test_a_version_4_database_upgrades_its_board_lines_to_scored_checks(store, session, tmp_path):
    """Version 4's board lines carried every judgement ('S:' and 'K:' parts, read against the
    chats at each debrief); version 5's carry each phase's numbers. The upgrade makes every line
    again: the same learning, now read from the numbers."""
    from game.classroom import board
    from game.classroom.classdebrief import store_learning

    for n, name in enumerate(("Foxes", "Owls", "Hawks")):
        play_group(session, name, seed=n)
    old = tmp_path / "old.sqlite3"
    store.db.execute("VACUUM INTO ?", (str(old),))
    db = sqlite3.connect(old)
    parts: dict[str, list[str]] = {}
    for gid, part in db.execute(board._CHECKS.format(where=""), ()):
        parts.setdefault(gid, []).append(part)
    for gid, line in db.execute("SELECT group_id, line FROM board").fetchall():
        fields = line.split("\t", 8)
        fields[7] = ";".join(parts.get(gid, ()))
        db.execute("UPDATE board SET line = ? WHERE group_id = ?", ("\t".join(fields), gid))
    db.execute("PRAGMA user_version=4")
    db.commit()
    assert any(line.split("\t")[7].startswith("S:") for (line,) in db.execute("SELECT line FROM board"))
    db.close()
    with ResultsStore(old) as upgraded:
        assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        lines = upgraded.db.execute("SELECT line FROM board ORDER BY created, seq").fetchall()
        assert lines == store.db.execute("SELECT line FROM board ORDER BY created, seq").fetchall()
        learned = store_learning(upgraded)
        assert learned == store_learning(store) and learned.spot.groups == 3


def test_an_upgrade_to_4_cut_off_leaves_the_version_3_file_whole(store, session, tmp_path, monkeypatch):
    play_group(session, "Foxes", seed=1)
    old = tmp_path / "old.sqlite3"
    _v3_database(store, old)
    count = store.db.execute("SELECT count(*) FROM answers").fetchone()[0]

    def broken(name: str) -> str:
        if name == "spots":
            raise sqlite3.OperationalError("disk I/O error")
        return real(name)

    real = schema._table
    monkeypatch.setattr(schema, "_table", broken)
    with pytest.raises(StoreError):
        ResultsStore(old)
    db = sqlite3.connect(old)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == count
    assert "form" not in {r[1] for r in db.execute("PRAGMA table_info(answers)")}
    db.close()
    monkeypatch.undo()
    with ResultsStore(old) as upgraded:
        assert upgraded.db.execute("SELECT count(*) FROM answers").fetchone()[0] == count


def _as_version_3(text: str) -> str:
    """An exchange file as version 3 exported it: no spots, answers without form or time."""
    doc = json.loads(text)
    data = doc["data"]
    del data["spots"]
    for a in data["answers"]:
        del a["form"], a["ms"]
    out = {"kind": KIND, "version": 3, "schema": 3, "exported": doc["exported"], "data": data,
           "checksum": checksum(data)}
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True)


def test_a_version_3_file_imports_and_a_version_4_file_carries_the_spots(store, session, tmp_path):
    run = play_group(session, "Foxes", seed=2)
    text = export_json(store)
    doc = json.loads(text)
    assert doc["version"] == 4 and len(doc["data"]["spots"]) == len(store.spots(run.info.id)) > 0
    with ResultsStore(tmp_path / "teacher.sqlite3") as teacher:
        report = import_text(teacher, _as_version_3(text), "old.json")
        assert report.ok, report.error
        assert teacher.spots(run.info.id) == []
        got = teacher.answers(run.info.id)
        assert [(a.phase, a.question_id, a.answer) for a in got] == \
            [(a.phase, a.question_id, a.answer) for a in store.answers(run.info.id)]
        assert {(a.form, a.ms) for a in got} == {("", None)}
        # the same group's version 4 file then adds its spots; its answers were already there
        again = import_text(teacher, text, "new.json")
        assert again.ok and again.added["spots"] == len(store.spots(run.info.id)) and again.added["answers"] == 0
        assert teacher.spots(run.info.id) == store.spots(run.info.id)
    with ResultsStore(tmp_path / "fresh.sqlite3") as fresh:
        assert import_text(fresh, text).ok
        assert fresh.answers(run.info.id) == store.answers(run.info.id)
        assert fresh.spots(run.info.id) == store.spots(run.info.id)


def test_spot_rows_are_checked_and_signed(store, session, monkeypatch, tmp_path, cheap_scrypt):
    from game.classroom import signing

    run = play_group(session, "Foxes", seed=3)
    signing.set_code("blue-foxes-7b")
    text = export_json(store)
    assert read_exchange(text, "f", signing.class_key())["spots"]
    doc = json.loads(text)
    doc["data"]["spots"][0]["flagged"] = 1 - doc["data"]["spots"][0]["flagged"]
    doc["checksum"] = checksum(doc["data"])  # recomputed: only the signature can tell
    with ResultsStore(tmp_path / "t.sqlite3") as other:
        report = import_text(other, json.dumps(doc), "edited.json")
    assert not report.ok and "signed with another class code" in report.error
    signing.clear_code()
    for bad, why in ((dict(doc["data"]["spots"][0], phase="during"), "spots"),
                     (dict(doc["data"]["spots"][0], ms=-5), "spots"),
                     (dict(doc["data"]["spots"][0], group_id="nobody"), "no group")):
        doc["data"]["spots"][0] = bad
        doc["checksum"] = checksum(doc["data"])
        with ResultsStore(tmp_path / "t2.sqlite3") as other:
            report = import_text(other, json.dumps(doc), "bad.json")
            assert not report.ok and why in report.error, report.error
            assert other.counts()["groups"] == 0, "all or nothing"
    assert store.spots(run.info.id)


def test_recovery_reads_spots_and_the_answers_of_a_version_3_file(store, session, tmp_path):
    """What `salvage` copies from a damaged file (here a readable one: the copying is the same)."""
    from game.classroom.recovery import salvage
    from game.classroom.schema import TABLES

    run = play_group(session, "Foxes", seed=4)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old = tmp_path / "old.sqlite3"
    _v3_database(store, old)
    for source, spots in ((store.path, store.spots(run.info.id)), (old, [])):
        with ResultsStore(tmp_path / f"new-{source.stem}.sqlite3") as fresh:
            with fresh.transaction() as db:
                counts = salvage(source, db, TABLES)
            assert counts["spots"] == len(spots) and fresh.spots(run.info.id) == spots
            got = fresh.answers(run.info.id)
            assert [(a.phase, a.question_id, a.answer) for a in got] == \
                [(a.phase, a.question_id, a.answer) for a in store.answers(run.info.id)]
            assert {a.form for a in got} == ({""} if source == old else {"A", "B"})


def test_the_bulk_readers_give_each_groups_rows_as_the_per_group_readers_do(tmp_path):
    """The class debrief reads every group's checks in one query each (a board has thousands)."""
    with ResultsStore(tmp_path / "r.sqlite3") as store:
        groups = {}
        for label in ("A", "B"):
            sid = store.new_session({}, label)
            for name in ("Owls", "Foxes"):
                gid = groups[(label, name)] = store.add_group(sid, name, 3)
                store.spot(gid, [Spot("pre", "A", "gem-gift", m, m % 2 == 0, 900 if m % 2 == 0 else None)
                                 for m in range(4)])
                store.answer(gid, "pre", "check", "secret-gift", 1, True, "A", 1200)
                store.answer(gid, "post", "check-b", "q1", 0, False, "B")
        spots, answers = store.spots_by_group(), store.answers_by_group()
        assert set(spots) == set(answers) == set(groups.values())
        for gid in groups.values():
            assert spots[gid] == store.spots(gid) and answers[gid] == store.answers(gid)
        first = next(s.id for s in store.sessions() if s.label == "A")
        only_a = store.spots_by_group([first])
        assert set(only_a) == {groups[("A", "Owls")], groups[("A", "Foxes")]}
        assert store.answers_by_group([]) == {} and store.spots_by_group([]) == {}
