"""A shared computer account: students who delete or edit the teacher's PIN files never get to
choose a PIN of their own while there are results to protect; the recovery code gets the teacher
back in."""

from __future__ import annotations

import json

import pytest

from game.classroom import pin
from game.classroom.gate import TeacherGate
from game.classroom.teacher import TeacherMode

PIN = "482193"


pytestmark = pytest.mark.usefixtures("cheap_scrypt")  # `taught` (conftest) sets PIN


ATTACKS = {
    "deleted": lambda path: path.unlink(),
    "garbage": lambda path: path.write_text("{not json"),
    "emptied": lambda path: path.write_text(""),
    "no hash": lambda path: path.write_text(json.dumps({"kdf": "scrypt"})),
    "a list": lambda path: path.write_text("[]"),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_deleted_or_edited_pin_file_asks_for_the_recovery_code(taught, attack):
    ATTACKS[attack](pin.pin_path())
    gate = TeacherGate()
    assert gate.state() == "recover" and not gate.needs_setup
    with pytest.raises(pin.PinError):
        gate.setup("111111")
    with pytest.raises(pin.PinError):
        pin.set_pin("111111")
    assert not gate.unlock(PIN) and not gate.unlocked
    with pytest.raises(PermissionError):
        gate.choose_new_pin("111111")  # not without the code
    assert not gate.recover("1234-5678-1234-5678") and not gate.recover("")
    with pytest.raises(PermissionError):
        gate.choose_new_pin("111111")
    assert gate.recover(taught)
    new_code = gate.choose_new_pin("246813")
    assert gate.unlocked and new_code != taught
    assert pin.verify("246813") and pin.verify_recovery(new_code) and not pin.verify_recovery(taught)
    assert TeacherGate().state() == "unlock"


def test_without_results_the_marker_still_guards(tmp_path):
    TeacherGate().setup(PIN)
    pin.pin_path().unlink()
    assert not pin.results_exist() and TeacherGate().state() == "recover"
    pin.marker_path().write_text("garbage")  # a damaged marker still says a PIN was set
    assert TeacherGate().state() == "stuck"
    pin.marker_path().unlink()  # both files gone and no results: a fresh computer again
    assert TeacherGate().state() == "setup"


def test_pin_and_recovery_both_gone_with_results_is_stuck(taught):
    pin.pin_path().unlink()
    pin.marker_path().unlink()
    gate = TeacherGate()
    assert gate.state() == "stuck" and not gate.recover(taught)
    with pytest.raises(pin.PinError):
        pin.start_over("111111")  # only once every result is deleted


def test_the_apps_own_store_counts_as_results(store, library, check):
    """A store somewhere else than the data folder (or a file that opened in this process)."""
    store.new_session({}, "7B")
    assert not pin.results_exist()
    teacher = TeacherMode(store, library, check)
    assert teacher.gate.state() == "stuck" and not teacher.gate.needs_setup
    with pytest.raises(pin.PinError):
        teacher.gate.setup("111111")


def test_a_wrong_recovery_code_changes_nothing(taught):
    before = pin.pin_path().read_bytes(), pin.marker_path().read_bytes()
    with pytest.raises(pin.PinError):
        pin.recover("0000-0000-0000-0000", "111111")
    assert not TeacherGate().recover("0000000000000000")
    assert (pin.pin_path().read_bytes(), pin.marker_path().read_bytes()) == before
    assert pin.verify(PIN)


def test_the_recovery_code_works_despite_the_lockout(taught):
    """Students hammering wrong PINs can't keep the teacher out: the code bypasses the wait."""
    gate = TeacherGate()
    for _ in range(pin.MAX_TRIES):
        gate.unlock("000000")
    assert gate.wait_seconds() > 0
    assert gate.recover(taught)
    gate.choose_new_pin("135791")
    assert gate.unlocked and gate.wait_seconds() == 0
