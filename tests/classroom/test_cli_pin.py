"""The command line on a shared computer account: every results command needs the teacher PIN
(piped on stdin here, as a script would; hidden typing on a terminal), wrong tries count toward
the game's lock-out, and reset-pin needs the recovery code or deletes every result first."""

from __future__ import annotations

import io
import json

import pytest

from game.classroom import pin
from game.classroom.gate import TeacherGate
from game.classroom.store import ResultsStore
from game.cli import main

PIN = "246813"


pytestmark = pytest.mark.usefixtures("cheap_scrypt")  # `taught` (conftest) sets PIN


def piped(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


def run(monkeypatch, capsys, args: list[str], *lines: str) -> tuple[int, str, str]:
    piped(monkeypatch, *lines)
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("args", [["list"], ["export"], ["export", "--format", "csv"], ["debrief"],
                                  ["purge", "--yes"], ["class-code", "--clear"]])
def test_results_commands_need_the_pin(monkeypatch, capsys, taught, args):
    code, out, err = run(monkeypatch, capsys, ["results", *args])  # nothing on stdin
    assert code == 1 and "PIN is needed" in err and "Blue Foxes" not in out
    code, out, err = run(monkeypatch, capsys, ["results", *args], "000000")
    assert code == 1 and err.strip() == "that is not the teacher PIN" and "Blue Foxes" not in out
    assert "Traceback" not in err
    with ResultsStore() as store:
        assert store.counts()["groups"] == 1  # purge did nothing


def test_the_right_pin_lists_and_exports(monkeypatch, capsys, taught, tmp_path):
    code, out, _err = run(monkeypatch, capsys, ["results", "list"], PIN)
    assert code == 0 and "Blue Foxes" in out
    target = tmp_path / "r.json"
    code, _out, _err = run(monkeypatch, capsys, ["results", "export", "--out", str(target)], "000000")
    assert code == 1 and not target.exists()
    code, _out, _err = run(monkeypatch, capsys, ["results", "export", "--out", str(target)], PIN)
    assert code == 0 and json.loads(target.read_text())["data"]["groups"][0]["name"] == "Blue Foxes"


def test_a_terminal_gets_a_hidden_prompt(monkeypatch, capsys, taught):
    asked = []
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PIN)
    assert main(["results", "list"]) == 0
    assert asked == ["Teacher PIN: "] and "Blue Foxes" in capsys.readouterr().out


def test_wrong_pins_on_the_command_line_lock_the_game_too(monkeypatch, capsys, taught):
    for _ in range(pin.MAX_TRIES):
        assert run(monkeypatch, capsys, ["results", "list"], "000000")[0] == 1
    code, out, err = run(monkeypatch, capsys, ["results", "list"], PIN)  # the right PIN waits
    assert code == 1 and "try again in 30 seconds" in err and "Blue Foxes" not in out
    gate = TeacherGate()  # the game, launched now
    assert gate.wait_seconds() > 0 and not gate.unlock(PIN)


def test_a_missing_pin_record_refuses_the_command_line(monkeypatch, capsys, taught):
    pin.pin_path().unlink()
    code, out, err = run(monkeypatch, capsys, ["results", "list"], PIN)
    assert code == 1 and "reset-pin" in err and "Blue Foxes" not in out


def test_a_fresh_computer_needs_no_pin(monkeypatch, capsys):
    code, out, _err = run(monkeypatch, capsys, ["results", "list"])
    assert code == 0 and "no results" in out


def test_reset_pin_with_the_recovery_code(monkeypatch, capsys, taught):
    code, out, err = run(monkeypatch, capsys, ["results", "reset-pin"], taught, "135791", "135791")
    assert code == 0
    new_code = out.split()[-1]
    assert len(new_code) == 19 and new_code != taught and pin.verify_recovery(new_code)
    assert pin.verify("135791") and not pin.verify(PIN) and not pin.verify_recovery(taught)
    with ResultsStore() as store:
        assert store.counts()["groups"] == 1  # the results stay
    # typed without dashes works too; the PIN typed twice must match
    code, _out, err = run(monkeypatch, capsys, ["results", "reset-pin"], new_code.replace("-", ""),
                          "111111", "222222")
    assert code == 1 and "differ" in err and pin.verify("135791")


@pytest.mark.parametrize("flags", [[], ["--yes"]])
def test_reset_pin_without_the_right_code_changes_nothing(monkeypatch, capsys, taught, flags):
    before = pin.pin_path().read_bytes(), pin.marker_path().read_bytes()
    code, out, err = run(monkeypatch, capsys, ["results", "reset-pin", *flags], "1111-2222-3333-4444",
                         "135791", "135791")
    assert code == 1 and "not right" in err
    code, out, err = run(monkeypatch, capsys, ["results", "reset-pin", *flags])  # nothing typed
    assert code == 1
    assert (pin.pin_path().read_bytes(), pin.marker_path().read_bytes()) == before
    with ResultsStore() as store:
        assert store.counts()["groups"] == 1


def test_reset_pin_without_any_secret_deletes_every_result_first(monkeypatch, capsys, taught):
    pin.pin_path().unlink()
    pin.marker_path().unlink()  # the PIN record and both copies of the recovery hash are gone
    assert TeacherGate().state() == "stuck"
    code, _out, err = run(monkeypatch, capsys, ["results", "reset-pin"], "135791", "135791")
    assert code == 1 and "--yes" in err and not pin.is_set()  # not confirmed: nothing happens
    with ResultsStore() as store:
        assert store.counts()["groups"] == 1
    code, out, err = run(monkeypatch, capsys, ["results", "reset-pin", "--yes"], "135791", "135791")
    assert code == 0 and "all results deleted" in out and pin.verify("135791")
    assert pin.verify_recovery(out.split()[-1])
    with ResultsStore() as store:
        assert not any(store.counts().values())


def test_a_lost_code_left_empty_deletes_every_result_first(monkeypatch, capsys, taught):
    code, out, err = run(monkeypatch, capsys, ["results", "reset-pin", "--yes"], "", "135791", "135791")
    assert code == 0 and "all results deleted" in out and pin.verify("135791")
    assert not pin.results_exist()


@pytest.mark.slow  # writes a whole guide, about 4 s
def test_the_facilitator_guide_needs_no_pin(monkeypatch, capsys, taught, tmp_path):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["guide", "--out", str(tmp_path / "guide.pdf")]) == 0
    assert (tmp_path / "guide.pdf").stat().st_size > 1000


def test_importing_on_a_fresh_computer_chooses_the_pin_first(monkeypatch, capsys, taught, tmp_path):
    exported = tmp_path / "class.json"
    assert run(monkeypatch, capsys, ["results", "export", "--out", str(exported)], PIN)[0] == 0
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path / "fresh"))  # the teacher's own computer
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    code, _out, err = run(monkeypatch, capsys, ["results", "import", str(bad)])
    assert code == 1 and "not a Red Flags results file" in err and "PIN" not in err  # nothing to keep
    code, _out, err = run(monkeypatch, capsys, ["results", "import", str(exported)], "135791", "999999")
    assert code == 1 and "differ" in err and not pin.is_set() and not pin.results_exist()
    code, out, err = run(monkeypatch, capsys, ["results", "import", str(exported)], "135791", "135791")
    assert code == 0 and "Blue Foxes" in out and "recovery code" in err
    assert pin.verify("135791") and pin.results_exist()
    assert run(monkeypatch, capsys, ["results", "list"])[0] == 1  # from now on, the PIN is asked
