"""The teacher PIN and teacher mode's protection."""

from __future__ import annotations

import json

import pytest

from game.classroom import pin
from game.classroom.teacher import TeacherMode


def test_first_use_sets_a_salted_hash():
    gate = pin.TeacherGate()
    assert gate.needs_setup and not pin.is_set()
    gate.setup("4821")
    assert gate.unlocked and pin.is_set()
    record = json.loads(pin.pin_path().read_text())
    assert "4821" not in pin.pin_path().read_text()
    assert record["kdf"] == "scrypt" and len(bytes.fromhex(record["salt"])) == 16
    first_hash = record["hash"]
    pin.reset()
    pin.set_pin("4821")
    assert json.loads(pin.pin_path().read_text())["hash"] != first_hash  # new salt


def test_verify_and_change():
    pin.set_pin("123456")
    assert pin.verify("123456") and not pin.verify("123457") and not pin.verify("")
    with pytest.raises(pin.PinError):
        pin.set_pin("9999")  # changing needs the current PIN
    with pytest.raises(pin.PinError):
        pin.set_pin("9999", current="000000")
    pin.set_pin("9999", current="123456")
    assert pin.verify("9999")


@pytest.mark.parametrize("bad", ["12", "abcd", "12 34", "1234567890123", "١٢٣٤"])
def test_pin_format(bad):
    with pytest.raises(pin.PinError):
        pin.set_pin(bad)


def test_lockout_after_repeated_wrong_tries():
    now = [1000.0]
    pin.set_pin("2468")
    gate = pin.TeacherGate(clock=lambda: now[0])
    for _ in range(pin.MAX_TRIES):
        assert not gate.unlock("0000")
    assert gate.wait_seconds() > 0
    assert not gate.unlock("2468")  # even the right PIN waits
    now[0] += pin.LOCKOUT_SECONDS + 1
    assert gate.unlock("2468") and gate.unlocked
    gate.lock()
    assert not gate.unlocked


def test_damaged_pin_file_means_no_pin():
    pin.pin_path().write_text("{not json")
    assert not pin.is_set() and not pin.verify("1234")


def test_teacher_mode_is_locked_without_the_pin(store, library, check, tmp_path):
    teacher = TeacherMode(store, library, check)
    for call in (lambda: teacher.settings, teacher.class_debrief, teacher.sessions,
                 teacher.delete_all_results, lambda: teacher.export(tmp_path / "x.json"),
                 lambda: teacher.import_files([]), teacher.start_session):
        with pytest.raises(PermissionError):
            call()
    teacher.gate.setup("1357")
    assert teacher.class_debrief().groups == ()
    s = teacher.settings
    s.region = "UK"
    teacher.save_settings(s)
    assert teacher.settings.region == "UK"
    teacher.gate.lock()
    with pytest.raises(PermissionError):
        teacher.save_settings(s)
