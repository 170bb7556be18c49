"""Whole playthroughs of the real app, by mouse and by keyboard only, checked against the engine."""

from __future__ import annotations

import pygame
import pytest

from game.engine.scoring import debrief
from game.ui.theme import theme

SCENARIO = "game-teammate"


def red_flag_indexes(chat):
    """Transcript indexes of shown messages that carry a flag (test oracle from the scenario)."""
    out = []
    for it in chat.items:
        if it.kind == "message" and it.flaggable:
            if chat.pt.message_at(it.index).flag is not None:
                out.append(it.index)
    return out


def test_whole_scenario_by_mouse(make_app, ui):
    app = make_app()
    assert app.top.name == "title"
    ui.click(app, ui.find_target(app.top, "play").rect)
    assert app.top.name == "picker"
    card = ui.find_target(app.top, f"card-{SCENARIO}")
    if not (card.rect.h and app.top.view.contains(card.rect)):  # into view as a player would: wheel
        for _ in range(40):
            app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)], 0)
            if card.rect.h and app.top.view.contains(card.rect):
                break
    ui.click(app, card.rect)
    chat = app.top
    assert chat.name == "chat" and chat.scenario.id == SCENARIO
    flagged = []
    while chat.ending is None:
        for idx in red_flag_indexes(chat):
            if idx not in chat.pt.state.flags:
                chat.scroll_to_item_index(idx)
                app.step([], 0)
                rect = chat.bubble_rect(idx)
                assert rect is not None
                ui.click(app, rect)
                assert idx in chat.pt.state.flags
                flagged.append(idx)
        # the flagged bubble is outlined in the flag colour on screen
        if flagged and chat.bubble_rect(flagged[-1]):
            r = chat.bubble_rect(flagged[-1])
            assert app.screen.get_at((r.centerx, r.top - 1))[:3] == tuple(theme().color("flag"))[:3]
        assert chat.choices is not None
        safest = min(chat.choices.options, key=lambda o: ("safe", "risky", "unsafe").index(o[1].safety))
        n = [i for i, _c in chat.choices.options].index(safest[0])
        ui.click(app, ui.reply_button(app, chat, n).rect)
        app.step([], 0)
    assert chat.ending is not None
    assert flagged, "the scenario has red flags to catch"
    ui.click(app, chat.debrief_button.rect)
    assert app.top is chat  # in its first moment the button doesn't answer (mashed keys, clicks)
    app.step([], 1.0)
    ui.click(app, chat.debrief_button.rect)
    deb = app.top
    assert deb.name == "debrief"
    expected = debrief(chat.scenario, chat.pt.state)
    assert deb.model.score == expected.score
    assert expected.score.missed == 0 and expected.score.caught == len(flagged)
    shown = ui.texts(app)
    assert f"Your score: {expected.score.points} of {expected.score.max_points}" in shown


def test_whole_scenario_by_keyboard_only(make_app, ui):
    app = make_app()
    ui.key(app, pygame.K_TAB)  # focus ring on Play
    assert getattr(app.top.ui.focused, "name", "") == "play"
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "picker"
    for _ in range(30):
        ui.key(app, pygame.K_TAB)
        if getattr(app.top.ui.focused, "name", "") == f"card-{SCENARIO}":
            break
    ui.key(app, pygame.K_RETURN)
    chat = app.top
    assert chat.name == "chat"
    while chat.ending is None:
        wanted = set(red_flag_indexes(chat)) - set(chat.pt.state.flags)
        # walk the message focus up through the chat, flagging the red flags with F
        chat.focus_item = None
        for _ in range(len(chat.items) + 1):
            ui.key(app, pygame.K_UP)
            item = chat.items[chat.focus_item]
            if item.index in wanted:
                ui.key(app, pygame.K_f)
                wanted.discard(item.index)
            if not wanted:
                break
        assert not wanted
        ui.key(app, pygame.K_1)
    ui.key(app, pygame.K_RETURN)
    assert app.top is chat  # Enter mashed as the ending arrives doesn't carry the group past it
    app.step([], 1.0)
    ui.key(app, pygame.K_RETURN)
    deb = app.top
    assert deb.name == "debrief"
    assert deb.model.score.missed == 0
    assert deb.model.score == debrief(chat.scenario, chat.pt.state).score


def test_flag_and_unflag_by_click(make_app, ui):
    app = make_app()
    app.start_scenario(SCENARIO)
    app.step([], 0)
    chat = app.top
    item = next(it for it in reversed(chat.items) if it.flaggable)
    rect = chat.bubble_rect(item.index)
    ui.click(app, rect)
    assert item.index in chat.pt.state.flags
    assert "Flagged" in ui.texts(app) or "Red flag" in ui.texts(app)
    ui.click(app, chat.bubble_rect(item.index))
    assert item.index not in chat.pt.state.flags
    r = chat.bubble_rect(item.index)
    assert app.screen.get_at((r.centerx, r.top - 1))[:3] != tuple(theme().color("flag"))[:3]


def test_system_lines_and_own_replies_cannot_be_flagged(make_app, ui):
    app = make_app()
    app.start_scenario(SCENARIO)
    app.step([], 0)
    chat = app.top
    ui.key(app, pygame.K_1)
    reply = next(it for it in chat.items if it.kind == "reply")
    chat.scroll_to_item_index(reply.index)
    app.step([], 0)
    ui.click(app, chat.bubble_rect(reply.index))
    assert reply.index not in chat.pt.state.flags


def test_name_it_mode_picks_a_tactic(make_app, ui):
    app = make_app(difficulty="name")
    app.start_scenario(SCENARIO)
    app.step([], 0)
    chat = app.top
    item = next(it for it in reversed(chat.items) if it.flaggable)
    ui.click(app, chat.bubble_rect(item.index))
    assert app.top.name == "dialog"  # the short list of tactics
    assert "Which tactic is this?" in ui.texts(app)
    ui.key(app, pygame.K_ESCAPE)  # cancel: nothing flagged
    assert app.top is chat and item.index not in chat.pt.state.flags
    ui.click(app, chat.bubble_rect(item.index))
    options = chat.tactic_options()
    assert 2 <= len(options) <= 8
    ui.key(app, pygame.K_2)
    assert app.top is chat
    assert chat.pt.state.flags[item.index] == options[1]
    # the engine, not the UI, says whether the name was right
    v = chat.pt.verdict(item.index)
    assert chat.feedback is not None
    if v.correct and v.named:
        assert chat.feedback[0] == "good"


def test_coach_tells_at_once_challenge_waits(make_app, ui):
    for mode in ("coach", "challenge"):
        app = make_app(feedback=mode)
        app.start_scenario(SCENARIO)
        app.step([], 0)
        chat = app.top
        item = next(it for it in reversed(chat.items) if it.flaggable)
        ui.click(app, chat.bubble_rect(item.index))
        shown = ui.texts(app)
        v = chat.pt.verdict(item.index)
        if mode == "coach":
            assert chat.feedback is not None
            assert ("Not a red flag" in shown) != v.correct
            if v.why:
                assert v.why.get("en") in shown
        else:
            assert chat.feedback is None
            assert "Not a red flag" not in shown and "Red flag:" not in shown
        option = chat.choices.options[0][1]
        ui.key(app, pygame.K_1)
        shown = ui.texts(app)
        if mode == "coach":
            assert option.feedback.get("en") in shown
        else:
            assert option.feedback.get("en") not in shown


def test_debrief_shows_every_flag_choice_and_the_help(make_app, ui, library):
    app = make_app(region="UK")
    app.start_scenario(SCENARIO)
    app.step([], 0)
    chat = app.top
    first = next(it for it in chat.items if it.flaggable)
    chat.toggle_flag(chat.items.index(first))
    while chat.ending is None:
        ui.key(app, pygame.K_2 if len(chat.choices.options) > 1 else pygame.K_1)
    chat.open_debrief()
    deb = app.top
    model = debrief(chat.scenario, chat.pt.state)
    words = []

    def walk(blocks):
        for b in blocks:
            if hasattr(b, "text") and isinstance(b.text, str):
                words.append(b.text)
            walk(getattr(b, "items", []))

    walk(deb.blocks)
    allt = "\n".join(words)
    for f in model.flags:
        if f.why is not None:
            assert f.why.get("en") in allt
    for c in model.choices:
        assert c.choice.feedback.get("en") in allt
    for q in chat.scenario.debrief.questions:
        assert q.get("en") in allt
    for tip in chat.scenario.debrief.real_life:
        assert tip.get("en") in allt
    assert model.ending.title.get("en") in allt
    assert "Childline" in allt  # the UK helplines, from resources.yaml
    assert {"caught", "missed"} & {f.status for f in model.flags}
    # Try another path: back at the last choice, earlier flags kept
    ui.click(app, ui.find_target(deb, "path").rect) if ui.find_target(deb, "path").rect.h else \
        ui.find_target(deb, "path").activate()
    again = app.top
    assert again.name == "chat" and again.choices is not None
    assert len(again.pt.state.choices) == len(chat.pt.state.choices) - 1
    assert again.pt.state.flags == {k: v for k, v in chat.pt.state.flags.items()
                                    if k < len(again.pt.state.transcript)}


def test_pacing_follows_the_scenario_and_idles_at_choices(make_app, ui):
    app = make_app(speed="normal")
    app.start_scenario(SCENARIO)
    chat = app.top
    app.step([], 0.0)
    assert chat.pending is not None and chat.animating()
    shown_before = len(chat.items)
    app.step([], 0.05)
    assert len(chat.items) == shown_before  # still waiting (pause / typing)
    app.step([], 3.5)  # typing indicator visible at some point, then the message
    for _ in range(200):
        if chat.choices is not None:
            break
        if chat._typing_visible():
            assert "is typing" in ui.texts(app)
        app.step([], 0.5)
    assert chat.choices is not None
    assert not app.animating()  # nothing moves: the loop will wait for events


def test_scroll_back_and_new_messages_marker(make_app, ui):
    app = make_app(speed="normal", size=(1024, 600))
    app.start_scenario(SCENARIO)
    chat = app.top
    for _turn in range(3):  # a few turns: more chat than the window holds
        for _ in range(40):
            app.step([], 10.0)
        ui.key(app, pygame.K_1)
        app.step([], 0)
    assert chat.max_offset() > 0
    app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False)], 0)
    assert not chat.stick
    up = chat.offset
    assert 0 < up < chat.max_offset()
    # drag the conversation down with the mouse: scrolls further back
    lst = chat.view_rect()
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(lst.centerx, lst.top + 20), button=1),
              pygame.event.Event(pygame.MOUSEMOTION, pos=(lst.centerx, lst.top + 40), rel=(0, 20), buttons=(1, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(lst.centerx, lst.top + 40), button=1)], 0)
    assert chat.offset < up
    app.step([], 10.0)
    app.step([], 10.0)
    if chat.unseen:
        assert "new message" in ui.texts(app)
        ui.click(app, chat.pill)
        assert chat.stick and chat.unseen == 0
    ui.key(app, pygame.K_HOME)
    assert chat.offset == 0
    ui.key(app, pygame.K_END)
    assert chat.offset == chat.max_offset()


@pytest.mark.parametrize("sid", ["game-teammate", "sextortion-fake-peer"])
def test_french_and_other_scenarios_play(make_app, ui, sid, library):
    if sid not in library.playable():
        pytest.skip(f"{sid} not in this library")
    app = make_app(lang="fr")
    assert app.start_scenario(sid)
    chat = app.top
    app.step([], 0)
    while chat.ending is None:
        ui.key(app, pygame.K_1)
    sc = library.playable()[sid]
    first_msg = next(it for it in chat.items if it.kind == "message")
    assert first_msg.text == chat.pt.message_at(first_msg.index).text.get("fr")
    del sc


def test_writer_mode_is_a_row_of_the_players_settings(make_app, ui):
    """The tutorial's way in: Settings, For scenario writers, Writer mode (no teacher PIN)."""
    from game import settings as settings_mod

    app = make_app()
    assert not app.watch
    app.open_settings()
    row = ui.find_target(app.top, "writer")
    assert row is not None
    app.top.focus(row)  # the page scrolls to it
    app.step([], 0)
    ui.click(app, row.rect)
    assert app.watch and app.settings.writer and settings_mod.load().writer  # saved at once
    assert "For scenario writers" in ui.texts(app) and "Writer mode" in ui.texts(app)
    ui.key(app, pygame.K_ESCAPE)
    app.start_scenario(SCENARIO)
    assert app.top.name == "chat" and app.top.watcher is not None  # reloads when the file is saved
    app.open_settings()
    app.top.change("writer", 1)
    assert not app.watch and not settings_mod.load().writer
