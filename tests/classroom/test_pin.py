"""The teacher PIN, its recovery code, the lasting lock-out, and teacher mode's protection.

PIN files deleted or edited by students on a shared computer account are in
test_pin_takeover.py.
"""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from game.classroom import lockout, pin
from game.classroom.gate import TeacherGate
from game.classroom.teacher import TeacherMode

PIN = "482193"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    """These tests check behaviour, not cost: new records use 1/32 of the real scrypt work."""
    monkeypatch.setattr(pin, "_N", 2**10)


def old_record(old_pin: str) -> None:
    """A PIN record as versions before recovery codes wrote it (n=2**14, no recovery, 4 digits)."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(old_pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    pin.pin_path().write_text(json.dumps({"kdf": "scrypt", "n": 2**14, "r": 8, "p": 1, "salt": salt.hex(),
                                          "hash": digest.hex()}))


def test_first_use_sets_salted_hashes_and_a_recovery_code(monkeypatch):
    monkeypatch.setattr(pin, "_N", pin.SCRYPT_COST[0])  # the real cost, for this test
    gate = TeacherGate()
    assert gate.needs_setup and gate.state() == "setup" and not pin.is_set()
    code = gate.setup(PIN)
    assert gate.unlocked and pin.is_set() and pin.ever_set()
    assert len(code) == 19 and [len(part) for part in code.split("-")] == [4, 4, 4, 4]
    text = pin.pin_path().read_text() + pin.marker_path().read_text()
    assert PIN not in text and code.replace("-", "") not in text
    record = json.loads(pin.pin_path().read_text())
    assert record["kdf"] == "scrypt" and record["n"] == 2**15 and len(bytes.fromhex(record["salt"])) == 16
    assert record["recovery"]["n"] == 2**15
    assert json.loads(pin.marker_path().read_text())["recovery"] == record["recovery"]
    # typed with or without dashes or spaces; nothing else
    assert pin.verify_recovery(code) and pin.verify_recovery(code.replace("-", ""))
    assert pin.verify_recovery(code.replace("-", " ")) and not pin.verify_recovery(code[:-1])
    assert not pin.verify_recovery("0" * 16) and not pin.verify_recovery(code + "1")
    # changing the PIN: a new salt, the same recovery code
    assert pin.set_pin("135791", current=PIN) is None
    after = json.loads(pin.pin_path().read_text())
    assert after["hash"] != record["hash"] and after["recovery"] == record["recovery"]
    with pytest.raises(pin.PinError):
        gate.setup("111111")  # first use is over


def test_verify_and_change():
    pin.set_pin("123456")
    assert pin.verify("123456") and not pin.verify("123457") and not pin.verify("")
    with pytest.raises(pin.PinError):
        pin.set_pin("999999")  # changing needs the current PIN
    with pytest.raises(pin.PinError):
        pin.set_pin("999999", current="000000")
    pin.set_pin("999999", current="123456")
    assert pin.verify("999999")


@pytest.mark.parametrize("bad", ["12", "1234", "12345", "abcdef", "12 345", "1234567890123", "١٢٣٤٥٦"])
def test_new_pins_have_6_to_12_digits(bad):
    with pytest.raises(pin.PinError):
        pin.set_pin(bad)


def test_an_old_short_pin_still_opens_and_gets_a_recovery_code():
    old_record("2468")
    gate = TeacherGate()
    assert gate.state() == "unlock" and not pin.has_recovery()
    assert gate.unlock("2468") and gate.short_pin and gate.needs_recovery_code
    assert pin.ever_set()  # the marker is written for old records too
    code = gate.new_recovery_code()
    assert not gate.needs_recovery_code and pin.verify_recovery(code) and pin.verify("2468")
    assert json.loads(pin.pin_path().read_text())["n"] == 2**14  # the PIN keeps its own parameters
    gate.change_pin("24681357")  # the offer of a longer PIN
    assert not gate.short_pin and pin.verify("24681357") and pin.verify_recovery(code)


def test_the_lockout_is_kept_in_the_record_and_grows():
    now = [1_700_000_000.0]
    pin.set_pin(PIN)
    gate = TeacherGate(clock=lambda: now[0])
    for _ in range(pin.MAX_TRIES):
        assert not gate.unlock("000000")
    assert gate.wait_seconds() == 30
    assert json.loads(pin.pin_path().read_text())["failures"] == 5
    relaunched = TeacherGate(clock=lambda: now[0])  # a new app (or process) waits too
    assert relaunched.wait_seconds() == 30
    assert not relaunched.unlock(PIN)  # even the right PIN waits, and isn't counted
    assert json.loads(pin.pin_path().read_text())["failures"] == 5
    for expected in (60, 120):
        now[0] += relaunched.wait_seconds()
        for _ in range(pin.MAX_TRIES):
            assert not relaunched.unlock("000000")
        assert relaunched.wait_seconds() == expected
    now[0] += 120
    assert TeacherGate(clock=lambda: now[0]).unlock(PIN)  # the right PIN starts the count again
    assert "failures" not in json.loads(pin.pin_path().read_text())
    assert [lockout.wait_after(n) for n in (4, 5, 9, 10, 15, 40, 45, 5000)] == [0, 30, 30, 60, 120, 3600, 3600, 3600]


def test_a_clock_set_back_waits_at_most_an_hour():
    pin.set_pin(PIN)
    record = json.loads(pin.pin_path().read_text())
    record.update(failures=5, locked_until=10**12)
    pin.pin_path().write_text(json.dumps(record))
    gate = TeacherGate(clock=lambda: 1000.0)
    assert gate.wait_seconds() == lockout.MAX_WAIT
    assert json.loads(pin.pin_path().read_text())["locked_until"] == 1000.0 + lockout.MAX_WAIT


def test_a_read_only_folder_still_locks_for_the_run(monkeypatch):
    pin.set_pin(PIN)
    gate = TeacherGate(clock=lambda: 50.0)

    def fail(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(pin, "atomic_write_text", fail)
    for _ in range(pin.MAX_TRIES):
        assert not gate.unlock("000000")
    assert gate.wait_seconds() == 30 and not gate.unlock(PIN)


@pytest.mark.parametrize("n", [2**30, 3, "16384", None])
def test_a_record_with_hostile_parameters_is_damaged_not_slow(n):
    pin.set_pin(PIN)
    record = json.loads(pin.pin_path().read_text())
    record["n"] = n
    pin.pin_path().write_text(json.dumps(record))
    assert pin.record_state() == "damaged" and not pin.verify(PIN)


def test_results_check_never_crashes():
    from game.classroom.store import ResultsStore

    assert not pin.results_exist()
    path = pin.data_dir() / pin.RESULTS_NAME
    path.write_bytes(b"")
    assert not pin.results_exist()  # an empty file: nothing recorded
    path.unlink()
    with ResultsStore() as store:
        assert not pin.results_exist()  # a fresh database, open in this process
        store.new_session({}, "7B")
        assert pin.results_exist()
    path.write_bytes(b"garbage" * 1000)  # damaged: there may be results in it
    assert pin.results_exist()
    path.unlink()
    (pin.data_dir() / "results.damaged-20250101-120000.sqlite3").write_bytes(b"x")
    assert pin.results_exist()  # a damaged copy kept aside holds results too


def test_teacher_mode_is_locked_without_the_pin(store, library, check, tmp_path):
    teacher = TeacherMode(store, library, check)
    for call in (lambda: teacher.settings, teacher.class_debrief, teacher.sessions,
                 teacher.delete_all_results, lambda: teacher.export(tmp_path / "x.json"),
                 lambda: teacher.import_files([]), teacher.start_session):
        with pytest.raises(PermissionError):
            call()
    teacher.gate.setup("135791")
    assert teacher.class_debrief().groups == ()
    s = teacher.settings
    s.region = "UK"
    teacher.save_settings(s)
    assert teacher.settings.region == "UK"
    teacher.gate.lock()
    with pytest.raises(PermissionError):
        teacher.save_settings(s)
