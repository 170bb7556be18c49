"""The recovery code in the real app: shown once after an old PIN's unlock (with the offer of a
longer PIN), asked for when the PIN record was deleted or damaged on a computer with results,
and behind "Forgot the PIN?", even during the lock-out."""

from __future__ import annotations

import hashlib
import json
import os

import pygame
import pytest

from game.classroom import pin as pin_mod
from game.classroom.gate import TeacherGate
from game.classroom.store import ResultsStore

PIN = "246813"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    """These tests check behaviour, not cost: new records use 1/32 of the real scrypt work."""
    monkeypatch.setattr(pin_mod, "_N", 2**10)


def type_text(app, text: str) -> None:
    app.step([pygame.event.Event(pygame.TEXTINPUT, text=text)], 0)


def enter(app, ui, typed: str) -> None:
    assert app.top.name == "pin"
    type_text(app, typed)
    ui.key(app, pygame.K_RETURN)


def class_played() -> None:
    with ResultsStore() as store:
        store.add_group(store.new_session({}, "7B"), "Blue Foxes", 3)


def old_record(old_pin: str) -> None:
    """A PIN record as versions before recovery codes wrote it."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(old_pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    pin_mod.pin_path().write_text(json.dumps({"kdf": "scrypt", "n": 2**14, "r": 8, "p": 1,
                                              "salt": salt.hex(), "hash": digest.hex()}))


def test_an_old_pin_gets_a_recovery_code_once_and_the_offer_of_a_longer_pin(make_app, ui):
    old_record("2468")
    app = make_app()
    ui.key(app, pygame.K_t)
    enter(app, ui, "2468")
    assert app.top.name == "pin" and app.top.mode == "code"
    code = app.top.code
    assert code in ui.texts(app) and "Write down your recovery code" in ui.texts(app)
    ui.click(app, ui.find_target(app.top, "written").rect)
    assert app.top.mode == "longer" and "Choose a longer PIN?" in ui.texts(app)
    ui.click(app, ui.find_target(app.top, "longer").rect)
    enter(app, ui, "2468")
    assert "A PIN has 6 to 12 digits." in ui.texts(app)
    enter(app, ui, PIN)
    enter(app, ui, PIN)
    assert app.top.name == "teacher"
    assert pin_mod.verify(PIN) and pin_mod.verify_recovery(code)  # the code stays the same
    ui.key(app, pygame.K_ESCAPE)
    ui.key(app, pygame.K_t)
    enter(app, ui, PIN)
    assert app.top.name == "teacher"  # no code screen, no offer the second time


def test_keeping_a_short_pin(make_app, ui):
    pin_mod.set_pin("135791")
    record = json.loads(pin_mod.pin_path().read_text())
    salt = bytes.fromhex(record["salt"])
    record["hash"] = hashlib.scrypt(b"1357", salt=salt, n=record["n"], r=8, p=1, dklen=32).hex()
    pin_mod.pin_path().write_text(json.dumps(record))  # a 4-digit PIN that has a recovery code
    app = make_app()
    ui.key(app, pygame.K_t)
    enter(app, ui, "1357")
    assert app.top.mode == "longer"
    ui.key(app, pygame.K_ESCAPE)  # Esc keeps it, like "Keep this PIN"
    assert app.top.name == "teacher" and pin_mod.verify("1357")


@pytest.mark.parametrize("attack", ["deleted", "edited"])
def test_a_deleted_pin_file_with_results_asks_for_the_recovery_code(make_app, ui, attack):
    code = TeacherGate().setup(PIN)
    class_played()
    if attack == "deleted":
        pin_mod.pin_path().unlink()
    else:
        pin_mod.pin_path().write_text('{"kdf": "scrypt", "hash": "00"}')
    app = make_app()
    ui.key(app, pygame.K_t)
    assert app.top.name == "pin" and app.top.mode == "recover"
    shown = ui.texts(app)
    assert "missing or damaged" in shown and "Choose a teacher PIN" not in shown
    enter(app, ui, "1234123412341234")
    assert "That recovery code is not right." in ui.texts(app) and app.top.mode == "recover"
    enter(app, ui, PIN)  # the old PIN is no use without its record
    assert app.top.mode == "recover"
    enter(app, ui, code.replace("-", ""))
    assert app.top.mode == "newpin" and "Choose a new teacher PIN" in ui.texts(app)
    enter(app, ui, "135791")
    enter(app, ui, "135791")
    assert app.top.mode == "code" and app.top.code != code
    new_code = app.top.code
    ui.click(app, ui.find_target(app.top, "written").rect)
    assert app.top.name == "teacher" and "Blue Foxes" not in ui.texts(app)
    assert pin_mod.verify("135791") and pin_mod.verify_recovery(new_code) and not pin_mod.verify_recovery(code)


def test_no_record_and_no_recovery_code_sends_the_teacher_to_the_guide(make_app, ui):
    TeacherGate().setup(PIN)
    class_played()
    pin_mod.pin_path().unlink()
    pin_mod.marker_path().unlink()
    app = make_app()
    ui.key(app, pygame.K_t)
    assert app.top.name == "pin" and app.top.mode == "stuck"
    shown = ui.texts(app)
    assert "reset-pin" not in shown and "facilitator guide" in shown and "Choose a teacher PIN" not in shown
    type_text(app, "135791")  # nothing to type into
    assert app.top.mode == "stuck" and not pin_mod.is_set()
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "title"


def test_forgot_the_pin_works_during_the_lockout(make_app, ui):
    code = TeacherGate().setup(PIN)
    app = make_app()
    ui.key(app, pygame.K_t)
    for _ in range(5):
        enter(app, ui, "111111")
    assert "Too many wrong tries" in ui.texts(app)
    ui.click(app, ui.find_target(app.top, "forgot").rect)
    assert app.top.mode == "recover" and ui.find_target(app.top, "key-ok").enabled
    assert "16-digit recovery code" in ui.texts(app)
    enter(app, ui, code)
    enter(app, ui, "135791")
    enter(app, ui, "135791")
    ui.click(app, ui.find_target(app.top, "written").rect)
    assert app.top.name == "teacher" and app.classroom.teacher.gate.wait_seconds() == 0


def test_an_old_pin_forgotten_has_no_recovery_code_to_type(make_app, ui):
    old_record("2468")
    app = make_app()
    ui.key(app, pygame.K_t)
    ui.click(app, ui.find_target(app.top, "forgot").rect)
    assert app.top.mode == "stuck" and "older version" in ui.texts(app)
    assert "reset-pin" not in ui.texts(app) and "Ask your teacher" in ui.texts(app) and pin_mod.verify("2468")


def test_a_pin_that_cant_be_saved_says_so(make_app, ui, monkeypatch):
    def fail(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(pin_mod, "atomic_write_text", fail)
    app = make_app()
    ui.key(app, pygame.K_t)
    enter(app, ui, PIN)
    enter(app, ui, PIN)
    assert app.top.mode == "setup" and "could not be saved" in ui.texts(app) and not pin_mod.is_set()
