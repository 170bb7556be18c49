"""Hostile or broken results files and group names: refused before anything is written, or made
harmless where they go (a spreadsheet, a terminal, a PDF). Never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from game.classroom import pin, signing
from game.classroom.cells import clean, csv_cell, terminal_safe
from game.classroom.exchange import checksum, export_csv, export_json, import_files, import_text
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import ResultsStore
from game.cli import main

from .helpers import play_group

FORMULAS = ["=HYPERLINK(\"http://x.co\",\"ok\")", "@SUM(A1:A9)", "+1+2", "-2+3", "\tTab",
            "＝1+1"]


def test_formulas_never_reach_the_spreadsheet_as_formulas(store, scenario, check):
    session = ClassSession.start(store, ClassSettings(scenarios=[scenario.id]), {scenario.id: scenario}, check)
    for i, name in enumerate(FORMULAS):
        play_group(session, name, i)
    # a bare carriage return, stored by an older version that did not clean names
    store.db.execute("INSERT INTO groups VALUES ('g-cr', ?, ?, 3, '2026-01-01T00:00:00+00:00')",
                     (session.id, "Cats\rDogs"))
    text = export_csv(store, {scenario.id: scenario}, check)
    rows = list(csv.reader(io.StringIO(text)))
    assert all(len(r) == len(rows[0]) for r in rows), "no row is broken by a carriage return"
    groups = [r[2] for r in rows[1:]]
    for cell in groups:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝")), cell
    assert "'=HYPERLINK(\"http://x.co\",\"ok\")" in groups and "Cats Dogs" in groups
    assert "'-2+3" in groups
    assert csv_cell(-3) == -3 and csv_cell("Owls") == "Owls"


def _file(store) -> dict:
    return json.loads(export_json(store))


def _resigned(doc: dict) -> str:
    doc["checksum"] = checksum(doc["data"])
    return json.dumps(doc)


@pytest.fixture
def exported(store, scenario, check):
    session = ClassSession.start(store, ClassSettings(scenarios=[scenario.id]), {scenario.id: scenario}, check)
    play_group(session, "Owls", 1)
    return _file(store)


@pytest.mark.parametrize("breakage, why", [
    (lambda d: d["data"]["groups"][0].update(name="x" * 2000), "name"),
    (lambda d: d["data"]["groups"][0].update(name="Owls\x1b[2J"), "control"),
    (lambda d: d["data"]["groups"][0].update(name="Blue\ufeff"), "zero-width"),
    (lambda d: d["data"]["sessions"][0].update(label="7B\x00\x1b[31m"), "label"),
    (lambda d: d["data"]["groups"][0].update(members=10 ** 30), "members"),
    (lambda d: d["data"]["playthroughs"][0].update(round=-1), "round"),
    (lambda d: d["data"]["answers"][0].update(answer=2 ** 70), "answer"),
    (lambda d: d["data"]["sessions"][0].update(settings="not json"), "settings"),
    (lambda d: d["data"]["sessions"][0].update(settings="[1, 2]"), "settings"),
    (lambda d: d["data"]["actions"][0].update(state="[" * 100_000), "state"),
    (lambda d: d["data"]["actions"][0].update(data="{" * 50_000), "details"),
    (lambda d: d["data"]["actions"][0].update(kind="rm -rf"), "kind"),
    (lambda d: d["data"]["groups"][0].update(id="../../etc"), "id"),
    (lambda d: d["data"]["playthroughs"][0].update(started="yesterday"), "started"),
])
def test_a_hostile_row_refuses_the_whole_file(tmp_path, exported, breakage, why):
    breakage(exported)
    target = ResultsStore(tmp_path / "teacher.sqlite3")
    report = import_text(target, _resigned(exported), "evil.json")
    assert not report.ok and report.error.startswith("evil.json:"), report.error
    assert not any(target.counts().values()), "nothing is written"


@pytest.mark.parametrize("version", [0, -1, True, "1", 1.0, None, 99])
def test_the_version_must_be_a_real_one(tmp_path, exported, version):
    exported["version"] = version
    report = import_text(ResultsStore(tmp_path / "t.sqlite3"), json.dumps(exported), "v.json")
    assert not report.ok and ("version" in report.error or "newer" in report.error)


def test_deep_nesting_and_huge_numbers_are_refused_without_a_traceback(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    huge = tmp_path / "huge.json"
    huge.write_text('{"kind": "redflags-results", "version": 1' + "0" * 5000 + '}')
    assert main(["results", "import", str(deep), str(huge)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert "deep.json" in out.out + out.err and "huge.json" in out.out + out.err


def test_a_fifo_or_a_device_is_not_read(tmp_path):
    fifo = tmp_path / "results.json"
    os.mkfifo(fifo)
    (report,) = import_files(ResultsStore(tmp_path / "t.sqlite3"), [fifo, "/dev/zero"][:1])
    assert not report.ok and "not a regular file" in report.error
    (report,) = import_files(ResultsStore(tmp_path / "u.sqlite3"), ["/dev/zero"])
    assert not report.ok


def test_results_list_never_prints_terminal_escapes(capsys, tmp_path, monkeypatch):
    pin.set_pin("246813")  # results are kept only with a teacher PIN, which the CLI asks for
    with ResultsStore() as store:
        sid = store.new_session({}, "7B\x1b]0;pwned\x07")
        store.db.execute("INSERT INTO groups VALUES ('g1', ?, ?, 3, '2026-01-01T00:00:00+00:00')",
                         (sid, "Owls\x1b[31m\u202eevil"))
    monkeypatch.setattr("sys.stdin", io.StringIO("246813\n"))
    assert main(["results", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\\x1b" in out
    assert terminal_safe("ok") == "ok" and clean("  a\r\nb\t c ") == "a b c"


def test_a_class_code_signs_exports_and_refuses_edited_files(tmp_path, exported, store):
    signing.set_code("maple-7B-2026")
    signed = json.loads(export_json(store))
    assert signed["signature"].startswith("hmac-sha256:")
    other = ResultsStore(tmp_path / "teacher.sqlite3")
    assert import_text(other, json.dumps(signed)).ok
    # a student edits an answer and recomputes the checksum: the signature no longer matches
    signed["data"]["answers"][0]["correct"] = 1 - signed["data"]["answers"][0]["correct"]
    forged = import_text(ResultsStore(tmp_path / "t2.sqlite3"), _resigned(signed))
    assert not forged.ok and "edited" in forged.error
    unsigned = import_text(ResultsStore(tmp_path / "t3.sqlite3"), json.dumps(exported))
    assert not unsigned.ok and "not signed" in unsigned.error
    signing.clear_code()
    assert import_text(ResultsStore(tmp_path / "t4.sqlite3"), json.dumps(exported)).ok
