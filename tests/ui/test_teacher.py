"""Teacher mode in the real app: the PIN (first use with its recovery code, unlock, wrong tries,
lockout), what students can't reach without it, and class settings taking effect. The recovery
code screens and a deleted PIN file are in test_teacher_recovery.py."""

from __future__ import annotations

import json

import pygame
import pytest

from game.classroom import pin as pin_mod
from game.classroom.settings import load_settings

PIN = "246813"


def type_text(app, text: str) -> None:
    app.step([pygame.event.Event(pygame.TEXTINPUT, text=text)], 0)


def enter_pin(app, ui, pin: str = PIN) -> None:
    assert app.top.name == "pin"
    type_text(app, pin)
    ui.key(app, pygame.K_RETURN)


def open_teacher(app, ui, pin: str = PIN) -> None:
    """From the title: T, then the PIN (chosen on first use, typed twice, then the recovery code
    is written down)."""
    first = pin_mod.is_set() is False
    ui.key(app, pygame.K_t)
    enter_pin(app, ui, pin)
    if first:
        enter_pin(app, ui, pin)
        assert app.top.mode == "code"
        ui.click(app, ui.find_target(app.top, "written").rect)
    assert app.top.name == "teacher", app.top.name


def test_pin_setup_then_unlock_masked_and_wrong_pin_refused(make_app, ui):
    app = make_app()
    assert not pin_mod.is_set()
    ui.click(app, ui.find_target(app.top, "teacher").rect)
    assert app.top.name == "pin" and app.top.mode == "setup"
    shown = ui.texts(app)
    assert "Choose a teacher PIN" in shown
    # the on-screen keypad types too, and the PIN is shown as dots only
    for d in "13":
        ui.click(app, ui.find_target(app.top, f"key-{d}").rect)
    type_text(app, "57")
    shown = ui.texts(app)
    assert "●●●●" in shown and "1357" not in shown
    ui.click(app, ui.find_target(app.top, "key-ok").rect)
    assert "A PIN has 6 to 12 digits." in ui.texts(app)  # new PINs are longer
    type_text(app, "135791")
    ui.click(app, ui.find_target(app.top, "key-ok").rect)
    assert "Type the same PIN again" in ui.texts(app)
    type_text(app, "999999")
    ui.key(app, pygame.K_RETURN)
    assert "different" in ui.texts(app) and not pin_mod.is_set()
    for _ in range(2):
        enter_pin(app, ui, "135791")
    # the recovery code, once: Esc doesn't skip it
    assert app.top.name == "pin" and app.top.mode == "code" and pin_mod.is_set()
    code = app.top.code
    assert len(code) == 19 and code.count("-") == 3 and code in ui.texts(app)
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.mode == "code"
    ui.click(app, ui.find_target(app.top, "written").rect)
    assert app.top.name == "teacher"
    assert pin_mod.verify_recovery(code)
    stored = pin_mod.pin_path().read_text() + pin_mod.marker_path().read_text()
    assert "135791" not in stored and code.replace("-", "") not in stored  # salted hashes only
    # leaving the menu locks teacher mode again
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "title" and not app.classroom.teacher.gate.unlocked
    ui.key(app, pygame.K_t)
    assert app.top.name == "pin" and app.top.mode == "unlock"
    assert "reset-pin" not in ui.texts(app)  # the command isn't shown to students
    enter_pin(app, ui, "000000")
    assert app.top.name == "pin" and "not right" in ui.texts(app)
    enter_pin(app, ui, "135791")
    assert app.top.name == "teacher"  # no second recovery code


def test_letters_are_typed_not_shortcuts_and_f1_still_helps(make_app, ui):
    app = make_app()
    ui.key(app, pygame.K_t)
    ui.key(app, pygame.K_h)  # H is Get help elsewhere; here it is ignored (digits only)
    assert app.top.name == "pin"
    ui.key(app, pygame.K_F1)
    assert app.top.name == "help"
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "pin"


def test_five_wrong_pins_lock_the_keypad(make_app, ui):
    pin_mod.set_pin(PIN)
    app = make_app()
    ui.key(app, pygame.K_t)
    for _ in range(5):
        enter_pin(app, ui, "111111")
    shown = ui.texts(app)
    assert "Too many wrong tries" in shown
    assert not ui.find_target(app.top, "key-ok").enabled
    enter_pin(app, ui, PIN)  # even the right PIN waits
    assert app.top.name == "pin" and not app.classroom.teacher.gate.unlocked
    assert app.top.wake_after() == 0.5  # the countdown redraws without events
    # the wait is in the PIN record: a new app (a relaunch) waits too
    ui.key(app, pygame.K_ESCAPE)
    again = make_app()
    ui.key(again, pygame.K_t)
    assert "Too many wrong tries" in ui.texts(again)
    record = json.loads(pin_mod.pin_path().read_text())
    record["locked_until"] = 0  # 30 seconds later
    pin_mod.pin_path().write_text(json.dumps(record))
    again.step([], 0.5)
    enter_pin(again, ui, PIN)
    assert again.top.name == "teacher"


def test_students_cannot_reach_settings_or_results_without_the_pin(make_app, ui):
    pin_mod.set_pin(PIN)
    app = make_app()
    teacher = app.classroom.teacher
    for call in (lambda: teacher.settings, teacher.sessions, teacher.class_debrief, teacher.delete_all_results):
        with pytest.raises(PermissionError):
            call()
    from game.ui.scenes.classdebrief import ClassDebriefScene
    from game.ui.scenes.teacher_settings import TeacherSettingsScene

    for scene in (TeacherSettingsScene, ClassDebriefScene):  # a screen opened by mistake fails closed
        with pytest.raises(PermissionError):
            scene(app)
    ui.key(app, pygame.K_t)
    ui.key(app, pygame.K_ESCAPE)  # backing out of the PIN gives nothing
    assert app.top.name == "title" and not teacher.gate.unlocked


def test_class_settings_change_what_is_offered_and_how(make_app, ui, library):
    app = make_app()
    open_teacher(app, ui)
    ui.click(app, ui.find_target(app.top, "settings").rect)
    scene = app.top
    assert scene.name == "teacher-settings"
    all_ids = set(library.playable())
    # keyboard only: focus a topic row, Left/Right switch it off
    for topic in ("grooming", "sextortion", "bystander", "peer-pressure"):
        scene.focus(ui.find_target(scene, f"topic-{topic}"))
        ui.key(app, pygame.K_RIGHT)
    cs = load_settings()
    assert cs.topics == ["judgement"]
    offered = {s.id for s in cs.offered(library.playable())}
    assert offered == {"judgement-new-classmate", "judgement-team-coach"} and offered < all_ids
    assert "2 stories offered" in ui.texts(app)
    # the last topic can't be switched off
    scene.focus(ui.find_target(scene, "topic-judgement"))
    ui.key(app, pygame.K_RIGHT)
    assert load_settings().topics == ["judgement"] and "At least one topic" in ui.texts(app)
    for name, want in (("difficulty", "name"), ("feedback", "challenge"), ("discussion", "all"),
                       ("whole_class", True), ("language", "fr"), ("region", "US")):
        scene.focus(ui.find_target(scene, name))
        ui.key(app, pygame.K_RIGHT)
        assert getattr(load_settings(), name) == want, name
    scene.focus(ui.find_target(scene, "class-label"))
    type_text(app, "7B")
    assert load_settings().class_label == "7B"
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "teacher"
    assert "2 stories offered" in ui.texts(app)
    # a session takes these settings: French, larger text, no roles card, Name it / Challenge
    scale_before = __import__("game.ui.theme", fromlist=["theme"]).theme().scale
    ui.click(app, ui.find_target(app.top, "start").rect)
    assert app.top.name == "lesson"
    for sid in ("judgement-team-coach", "judgement-new-classmate"):  # the order they are picked in
        ui.click(app, ui.find_target(app.top, f"story-{sid}").rect)
    ui.click(app, ui.find_target(app.top, "begin").rect)
    assert app.top.name == "session"
    assert app.settings.lang == "fr" and app.settings.region == "US"
    from game.ui.theme import theme

    assert theme().scale > scale_before  # whole class: bigger text
    session = app.top.session
    assert [s.id for s in session.scenarios] == ["judgement-team-coach", "judgement-new-classmate"]
    ui.click(app, ui.find_target(app.top, "add-group").rect)  # whole class: "Start"
    assert app.top.name == "group-name" and app.top.field.text == "7B"
    ui.key(app, pygame.K_RETURN)
    while app.top.name == "check":  # the knowledge check comes first
        app.top.answer(0)
        app.top.next_question()
    assert app.top.name == "spot-check"  # then the spot check's chats
    app.top.begin()
    while app.top.name == "spot-check":
        app.step([], 1.5)
        app.top.done()
    assert app.top.name == "chat"  # whole class: straight to the chat, no roles card
    assert app.top.pt.state.difficulty == "name" and app.top.pt.state.feedback == "challenge"
    # leaving the session gives the player's own settings back (nothing was saved)
    app.pop_to("session")
    app.top.leave()
    assert app.top.name == "title" and app.settings.lang == "en"
    assert theme().scale == pytest.approx(scale_before)


def test_writer_mode_is_a_teacher_setting(make_app, ui):
    app = make_app()
    open_teacher(app, ui)
    ui.click(app, ui.find_target(app.top, "settings").rect)
    assert not app.watch
    app.top.focus(ui.find_target(app.top, "writer"))
    ui.key(app, pygame.K_RETURN)
    assert app.watch
    from game import settings as settings_mod
    assert settings_mod.load().writer  # remembered for the next start
    assert make_app(writer=True).watch


def test_a_first_class_takes_the_games_language_and_saved_settings_stay(make_app, ui):
    """A teacher who set the game to French and opens teacher mode for the first time gets
    French lessons; once class settings are saved, the game's language no longer changes them."""
    from game.classroom.settings import settings_path

    assert not settings_path().exists()
    app = make_app(lang="fr")
    open_teacher(app, ui)
    assert app.top.name == "teacher" and load_settings().language == "fr"
    app.classroom.teacher.first_language("en")  # the game in English another day
    assert load_settings().language == "fr"  # the teacher's, saved: unchanged


def test_a_read_only_data_folder_still_opens_teacher_mode(make_app, ui, monkeypatch):
    """The first class settings can't be written (a read-only or full data folder): teacher mode
    opens all the same, with the default class settings, and nothing is said to be saved."""
    import errno

    from game.classroom import teacher as teacher_mod
    from game.classroom.settings import settings_path

    def read_only(_settings) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(teacher_mod, "save_settings", read_only)
    app = make_app(lang="fr")
    open_teacher(app, ui)
    assert app.top.name == "teacher" and not settings_path().exists()
    assert load_settings().language == "en"  # the defaults, for now
