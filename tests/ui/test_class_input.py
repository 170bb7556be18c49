"""A class at the keyboard: mashed Space and Enter, clicks while messages arrive, a stray key on
a discussion pause. Nothing a group did may be undone by it, and nothing may be skipped."""

from __future__ import annotations

import pygame
import pytest

from game.classroom.session import Pause
from game.engine.model import LocalText
from game.ui.scenes import chat as chat_mod
from game.ui.scenes import pause as pause_mod

SCENARIO = "game-teammate"


def _mash(ui, app, keys=(pygame.K_SPACE, pygame.K_RETURN), times: int = 10, dt: float = 0.05) -> None:
    for _ in range(times):
        for k in keys:
            ui.key(app, k, dt=dt)


def test_space_only_shows_the_next_message_and_never_touches_a_flag(make_app, ui):
    app = make_app(speed="normal")
    app.start_scenario(SCENARIO)
    chat = app.top
    for _ in range(60):  # to the first decision, Space pressed all the way
        if chat.choices is not None:
            break
        ui.key(app, pygame.K_SPACE, dt=0.3)
    assert chat.choices is not None
    ui.key(app, pygame.K_UP)  # a message in focus: Space used to flag (and unflag) it
    focused = chat.items[chat.focus_item].index
    ui.key(app, pygame.K_f)
    assert focused in chat.pt.state.flags
    _mash(ui, app, (pygame.K_SPACE,), times=9)
    assert focused in chat.pt.state.flags  # nine presses later: still flagged
    assert chat.choices is not None and not any(it.kind == "reply" for it in chat.items)
    assert "F: unflag" in ui.texts(app)  # the flag key shows where the eyes are
    ui.key(app, pygame.K_f)
    assert focused not in chat.pt.state.flags


def test_mashing_while_messages_arrive_answers_nothing(make_app, ui):
    app = make_app(speed="normal")
    app.start_scenario(SCENARIO)
    chat = app.top
    _mash(ui, app, times=80, dt=0.1)
    assert chat.choices is not None, "Space showed the messages up to the decision"
    assert not chat.pt.state.flags and not any(it.kind == "reply" for it in chat.items)
    ui.key(app, pygame.K_1)  # a reply is only ever a deliberate choice
    assert any(it.kind == "reply" for it in chat.items)


def test_the_list_holds_still_under_the_pointer_and_says_what_is_new(make_app, ui):
    app = make_app(size=(1024, 600), speed="normal")
    app.start_scenario(SCENARIO)
    chat = app.top
    for _turn in range(2):  # enough history to scroll
        while chat.choices is None:
            app.step([], 0.5)
        ui.key(app, pygame.K_1)
    lst = chat.view_rect()
    spot = (lst.centerx, lst.top + lst.h // 3)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=spot, rel=(0, 0), buttons=(0, 0, 0))], 0)
    under = chat.item_at(spot)
    before = chat.offset, dict(chat.visible)
    arrived = len(chat.items)
    for _ in range(40):
        app.step([], 0.5)
        if len(chat.items) > arrived + 1 and chat.max_offset() > before[0] + 1:
            break
    assert len(chat.items) > arrived, "messages arrived"
    assert chat.offset == before[0]  # nothing under the pointer moved
    if under is not None:
        assert chat.item_at(spot) == under and chat.visible[under] == before[1][under]
    assert chat.unseen > 0 and "new message" in ui.texts(app)
    # the pointer leaves the chat (or a key is pressed): it follows the conversation again
    app.step([pygame.event.Event(pygame.WINDOWLEAVE)], 0)
    app.step([], 0)
    assert chat.offset == chat.max_offset() and chat.unseen == 0


def test_the_ending_waits_a_moment_and_says_flags_still_count(make_app, ui):
    app = make_app(speed="normal")
    app.start_scenario(SCENARIO)
    chat = app.top
    while True:
        while chat.choices is None and chat.ending_due is None and chat.ending is None:
            app.step([], 0.25)
        if chat.choices is None:
            break
        ui.key(app, pygame.K_1)
    assert chat.ending is None and chat.ending_due is not None  # the last message first, alone
    app.step([], chat_mod.ENDING_DELAY * app.settings.speed_factor + 0.01)
    assert chat.ending is not None
    assert "You can still flag messages above" in ui.texts(app)
    _mash(ui, app, times=5, dt=0.05)  # Enter and Space in the button's first moment
    assert app.top is chat
    last = max(i for i, it in enumerate(chat.items) if it.flaggable)
    chat.toggle_flag(last)  # still counts after the ending card
    assert chat.items[last].index in chat.pt.state.flags
    app.step([], chat_mod.SETTLE)
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "debrief"


@pytest.fixture
def pause_over_chat(make_app):
    def make(**settings):
        from game.ui.scenes.pause import PauseScene

        app = make_app(**settings)
        app.start_scenario(SCENARIO)
        app.step([], 0)
        chat = app.top
        note = LocalText(en="Ask who Kai really is.", fr="Demandez qui est vraiment Kai.")
        app.push(PauseScene(app, Pause("b", LocalText(en="What is going on?", fr="Que se passe-t-il?"),
                                       note, 120)))
        app.step([], 0)
        return app, chat, app.top
    return make


def test_a_stray_key_never_ends_a_discussion(pause_over_chat, ui):
    app, chat, pause = pause_over_chat()
    assert pause.ui.focused is None  # nothing to press by accident
    _mash(ui, app, (pygame.K_SPACE, pygame.K_RETURN, pygame.K_ESCAPE), times=9, dt=0.1)
    assert app.top is pause, "three seconds of mashing, still talking"
    ui.click(app, pause.ready.rect)
    assert app.top is pause
    app.step([], pause_mod.MIN_TALK)
    _mash(ui, app, (pygame.K_SPACE, pygame.K_RETURN, pygame.K_ESCAPE), times=5)
    assert app.top is pause  # Enter with nothing in focus, Space and Esc never: the group decides
    pause.focus(pause.ready)
    ui.key(app, pygame.K_SPACE)
    assert app.top is pause
    ui.key(app, pygame.K_RETURN)
    assert app.top is chat and chat.cover is None


def test_the_chat_stays_in_view_during_the_discussion(pause_over_chat, ui):
    for size, text in (((1280, 720), 100), ((1024, 600), 200), ((1920, 1080), 150)):
        app, chat, pause = pause_over_chat(size=size, text_size=text)
        shown = ui.texts(app)
        newest = next(it for it in reversed(chat.items) if it.kind == "message")
        assert "What is going on?" in shown and newest.text in shown, size
        rect = chat.visible[chat.items.index(newest)]
        assert chat.geo["list"].contains(rect) and not rect.colliderect(pause.sheet), size


def test_the_teacher_note_hides_when_the_teacher_steps_away(pause_over_chat, ui):
    from game.classroom import pin as pin_mod

    pin_mod.set_pin("482916")
    app, chat, pause = pause_over_chat()
    gate = app.classroom.teacher.gate
    assert gate.unlock("482916")  # the teacher's PIN on a group's computer (the PIN screen: test_session)
    pause.show_note = True
    pause.rebuild()
    assert "Ask who Kai really is." in ui.texts(app)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(0, 0), buttons=(0, 0, 0))],
             pause_mod.NOTE_IDLE - 1)
    ui.key(app, pygame.K_p)  # someone still at it: the wait starts again
    app.step([], pause_mod.NOTE_IDLE - 1)
    assert pause.show_note
    app.step([], 1.5)  # then nobody touches anything
    assert not pause.show_note and "Ask who Kai really is." not in ui.texts(app)
    assert not gate.unlocked  # and the group's computer is locked again
