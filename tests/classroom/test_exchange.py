"""Export and import: the class debrief from merged files equals the one from one machine."""

from __future__ import annotations

import csv
import io
import json

import pytest

from game.classroom.classdebrief import class_debrief
from game.classroom.exchange import CSV_COLUMNS, export_csv, export_json, import_files, import_text
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import ResultsStore

from .helpers import play_group


def _summary(model):
    """The comparable content of a class debrief."""
    return (sorted((g.name, g.points, g.max_points, g.caught, g.pre, g.post) for g in model.groups),
            [(f.scenario_id, f.key, f.seen, f.caught) for f in model.flags],
            [(c.category, c.seen, c.caught) for c in model.categories],
            [(c.scenario_id, c.beat, [o.count for o in c.options]) for c in model.choices],
            (model.pre, model.post, model.gain))


def test_round_trip_merges_to_the_same_class_debrief(tmp_path, two_scenarios, check):
    """Three computers, one group each; the teacher imports their files."""
    everyone = ResultsStore(tmp_path / "all.sqlite3")
    files = []
    for i, name in enumerate(["Blue Foxes", "Ravens", "Night Owls"]):
        laptop = ResultsStore(tmp_path / f"laptop{i}.sqlite3")
        play_group(ClassSession.start(laptop, ClassSettings(), two_scenarios, check), name, seed=i)
        # each laptop's group is its session's first (form A before): so is each one here
        play_group(ClassSession.start(everyone, ClassSettings(), two_scenarios, check), name, seed=i)
        path = tmp_path / f"group{i}.json"
        path.write_text(export_json(laptop), encoding="utf-8")
        files.append(path)
        laptop.close()

    teacher = ResultsStore(tmp_path / "teacher.sqlite3")
    reports = import_files(teacher, files)
    assert all(r.ok for r in reports), [r.error for r in reports]
    merged = class_debrief(teacher, two_scenarios, check)
    assert _summary(merged) == _summary(class_debrief(everyone, two_scenarios, check))

    again = import_files(teacher, files + files)  # importing twice changes nothing
    assert all(r.ok and r.new_rows == 0 for r in again)
    assert _summary(class_debrief(teacher, two_scenarios, check)) == _summary(merged)
    assert len(teacher.groups()) == 3

    # a re-export of the teacher's store round-trips too
    fresh = ResultsStore(tmp_path / "fresh.sqlite3")
    assert import_text(fresh, export_json(teacher)).ok
    assert _summary(class_debrief(fresh, two_scenarios, check)) == _summary(merged)


def test_export_of_one_group(store, session):
    a = play_group(session, "Blue Foxes", 1)
    play_group(session, "Ravens", 2)
    data = json.loads(export_json(store, group_ids=[a.info.id]))["data"]
    assert [g["name"] for g in data["groups"]] == ["Blue Foxes"]
    assert len(data["sessions"]) == 1
    assert {p["group_id"] for p in data["playthroughs"]} == {a.info.id}


def test_unfinished_then_finished_export_updates_the_ending(tmp_path, scenario, check):
    laptop = ResultsStore(tmp_path / "l.sqlite3")
    gid = laptop.add_group(laptop.new_session({}), "Owls", 2)
    pt = laptop.start_playthrough(gid, scenario)
    pt.run_until_input()
    early = export_json(laptop)
    while not pt.ended:
        event = pt.next()
        if hasattr(event, "options"):
            pt.choose(event.options[0][0])
    late = export_json(laptop)
    teacher = ResultsStore(tmp_path / "t.sqlite3")
    assert import_text(teacher, early).ok
    assert not teacher.playthroughs()[0].finished
    assert import_text(teacher, late).ok
    [info] = teacher.playthroughs()
    assert info.finished and info.state == pt.state


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not JSON"),
    (b"[1, 2, 3]", "not a Red Flags results file"),
    (b'{"kind": "something-else"}', "not a Red Flags results file"),
    (b'{"kind": "redflags-results", "version": 99, "data": {}}', "newer version"),
])
def test_foreign_files_give_clear_errors(store, content, message):
    report = import_text(store, content, "their.json")
    assert not report.ok and message in report.error and report.error.startswith("their.json")


def test_edited_or_damaged_files_are_refused(store, session, tmp_path):
    play_group(session, "Blue Foxes", 1)
    doc = json.loads(export_json(store))
    doc["data"]["groups"][0]["name"] = "Someone Else"
    other = ResultsStore(tmp_path / "o.sqlite3")
    report = import_text(other, json.dumps(doc))
    assert not report.ok and "checksum" in report.error
    # a file whose checksum matches but whose rows are wrong is refused whole
    from game.classroom.exchange import checksum
    doc["data"]["groups"][0]["members"] = "three"
    doc["checksum"] = checksum(doc["data"])
    report = import_text(other, json.dumps(doc))
    assert not report.ok and "unexpected content" in report.error
    del doc["data"]["sessions"][0]
    doc["data"]["groups"][0]["members"] = 3
    doc["checksum"] = checksum(doc["data"])
    report = import_text(other, json.dumps(doc))
    assert not report.ok and "no session" in report.error
    assert not any(other.counts().values())
    missing = import_files(other, [tmp_path / "nope.json"])[0]
    assert not missing.ok and "cannot read" in missing.error


def test_csv_export(store, session, two_scenarios, check):
    play_group(session, "Blue Foxes", 1)
    play_group(session, "Ravens", 2)
    rows = list(csv.DictReader(io.StringIO(export_csv(store, two_scenarios, check))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 4  # 2 groups x 2 scenarios
    assert {r["group"] for r in rows} == {"Blue Foxes", "Ravens"}
    assert all(r["class"] == "7B" and r["finished"] == "yes" for r in rows)
    assert all(int(r["max_points"]) > 0 and r["pre_check_percent"] for r in rows)


def test_importing_a_file_again_says_nothing_new_was_added(tmp_path, store, session, capsys, monkeypatch):
    play_group(session, "Blue Foxes", 1)
    path = tmp_path / "class.json"
    path.write_text(export_json(store), encoding="utf-8")
    teacher = ResultsStore(tmp_path / "teacher.sqlite3")
    (first,) = import_files(teacher, [path])
    assert first.ok and first.new_rows and not first.nothing_new
    (again,) = import_files(teacher, [path])
    assert again.ok and again.nothing_new and again.groups == ["Blue Foxes"]
    # what the screen says
    from game.ui.scenes.classdebrief import import_results

    class Teacher:
        def import_files(self, paths):
            return import_files(teacher, paths)

    tone, text = import_results(Teacher(), path)
    assert tone == "good" and text == "Nothing new was added: this file was already imported."
    # and the command line
    from game.classroom import results_cmd

    monkeypatch.setattr(results_cmd, "import_files", lambda store, files: import_files(teacher, files))
    assert results_cmd._import(teacher, type("Args", (), {"files": [str(path), str(path)]})()) == 0
    out = capsys.readouterr().out
    assert "nothing new: it was already imported" in out and "2 files: 0 with new results, 2 with nothing new" in out


def test_a_file_is_lean_and_checked_on_the_bytes_of_its_data(tmp_path, store, session):
    from game.classroom.exchange import checksum

    play_group(session, "Blue Foxes", 1)
    text = export_json(store)
    head, _, data = text.partition('"data": ')
    assert '"kind": "redflags-results"' in head and '"version": 4' in head, "the header comes first"
    doc = json.loads(text)
    assert doc["checksum"] == checksum(doc["data"])
    assert all(set(a) == {"playthrough_id", "seq", "at", "kind", "data"} for a in doc["data"]["actions"])
    assert all(p["result"].startswith("1|") for p in doc["data"]["playthroughs"])
    # written again by another program (indented, keys in another order): still the same data
    assert import_text(ResultsStore(tmp_path / "a.sqlite3"), json.dumps(doc, indent=2)).ok
    # one character of the data changed: refused, whichever way it is read
    edited = text.replace('"name":"Blue Foxes"', '"name":"Blue Fixes"')
    assert edited != text
    report = import_text(ResultsStore(tmp_path / "b.sqlite3"), edited)
    assert not report.ok and "checksum" in report.error
