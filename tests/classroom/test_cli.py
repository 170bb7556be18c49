"""`python -m game results ...` through the real CLI entry point. The teacher PIN is piped on
standard input, as a script would; asking for it (and reset-pin) is in test_cli_pin.py."""

from __future__ import annotations

import io
import json

import pytest

from game.classroom import pin
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import ResultsStore
from game.cli import main

from .helpers import play_group

PIN = "246813"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    """These tests check behaviour, not cost: new records use 1/32 of the real scrypt work."""
    monkeypatch.setattr(pin, "_N", 2**10)


def with_pin(monkeypatch, args: list[str], typed: str = PIN) -> int:
    """Run a command with the PIN on stdin (one line), as a script pipes it."""
    monkeypatch.setattr("sys.stdin", io.StringIO(typed + "\n"))
    return main(args)


def _class(scenarios, check, names=("Blue Foxes", "Ravens")):
    with ResultsStore() as store:
        plan = dict(sorted(scenarios.items())[:2])
        session = ClassSession.start(store, ClassSettings(class_label="7B"), plan, check)
        for i, name in enumerate(names):
            play_group(session, name, i)


def test_list_export_import_purge(capsys, tmp_path, scenarios, check, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["results", "list"]) == 0  # a fresh computer: no PIN, nothing to protect
    assert "no results" in capsys.readouterr().out
    pin.set_pin(PIN)
    _class(scenarios, check)
    assert with_pin(monkeypatch, ["results", "list"]) == 0
    out = capsys.readouterr().out
    assert "7B" in out and "Blue Foxes" in out and "2 scenarios finished" in out

    out_json, out_csv = tmp_path / "r.json", tmp_path / "r.csv"
    assert with_pin(monkeypatch, ["results", "export", "--format", "json", "--out", str(out_json)]) == 0
    assert with_pin(monkeypatch, ["results", "export", "--format", "csv", "--out", str(out_csv)]) == 0
    assert json.loads(out_json.read_text())["kind"] == "redflags-results"
    assert out_csv.read_text().count("\n") == 5
    assert with_pin(monkeypatch, ["results", "export", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("session_date,")

    assert with_pin(monkeypatch, ["results", "debrief"]) == 0
    text = capsys.readouterr().out
    assert "2 groups" in text and "by tactic" in text

    assert with_pin(monkeypatch, ["results", "purge"]) == 1  # no terminal to confirm: nothing deleted
    assert "--yes" in capsys.readouterr().err
    assert with_pin(monkeypatch, ["results", "purge", "--yes"]) == 0
    with ResultsStore() as store:
        assert not any(store.counts().values())

    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert with_pin(monkeypatch, ["results", "import", str(out_json), str(out_json), str(bad)]) == 1
    captured = capsys.readouterr()
    assert "Blue Foxes" in captured.out and "already imported" in captured.out
    assert "bad.json: not a Red Flags results file" in captured.err
    assert "Traceback" not in captured.err
    with ResultsStore() as store:
        assert len(store.groups()) == 2
    # a folder (a USB stick, a class folder) stands for the results files in it
    folder = tmp_path / "stick"
    folder.mkdir()
    out_json.rename(folder / "r.json")
    assert with_pin(monkeypatch, ["results", "import", str(folder)]) == 0
    assert "r.json" in capsys.readouterr().out
    assert with_pin(monkeypatch, ["results", "import", str(tmp_path / "nothing-here")]) == 1


def test_export_one_session(capsys, scenarios, check, monkeypatch):
    pin.set_pin(PIN)
    _class(scenarios, check, ("Owls",))
    _class(scenarios, check, ("Bears",))
    with ResultsStore() as store:
        first = store.sessions()[0].id
    assert with_pin(monkeypatch, ["results", "export", "--session", first[:8]]) == 0
    data = json.loads(capsys.readouterr().out)["data"]
    assert [g["name"] for g in data["groups"]] == ["Owls"]
    assert with_pin(monkeypatch, ["results", "export", "--session", "zzzz"]) == 1
    assert "no such session" in capsys.readouterr().err


def test_import_a_folder_of_results_files(tmp_path, capsys):
    """`results import FOLDER` takes the .json files in it (a USB stick, a class folder); an
    empty folder says so and fails."""
    from game.classroom.results_cmd import _expand

    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert [p.name for p in _expand([str(tmp_path)])] == ["a.json", "b.json"]
    assert _expand([str(tmp_path / "a.json")]) == [tmp_path / "a.json"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _expand([str(empty)]) == []
