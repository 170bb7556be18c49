"""A reply that is an action (`action: true`) is an action line in the chat, not the player's
bubble: drawn like a system line, read aloud as the player's action, redrawn so on resume; and a
message's time label is shown in the screen's language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine.runtime import ReplyEvent
from game.ui.scenes.chat import narration
from game.ui.scenes.chat.items import Item, is_players_turn, reply_item

ROOT = Path(__file__).resolve().parents[2]
STORY = "writer-tools"


@pytest.fixture
def tools_library(tmp_path):
    from game.engine.validate import load_library

    for name in ("taxonomy.yaml", "resources.yaml"):
        shutil.copy(ROOT / "game" / "scenarios" / name, tmp_path / name)
    shutil.copy(ROOT / "tests" / "data" / f"{STORY}.yaml", tmp_path / f"{STORY}.yaml")
    lib = load_library(tmp_path)
    assert STORY in lib.playable(), [str(d) for d in lib.all_diagnostics()]
    return lib


def to_choices(app, chat) -> None:
    for _ in range(200):
        if chat.choices is not None or chat.ending is not None:
            return
        app.step([], 0.5)
    raise AssertionError("the chat never reached its replies")


def test_an_action_is_a_line_not_a_bubble(make_app, ui, tools_library):
    app = make_app(lib=tools_library)
    app.start_scenario(STORY)
    chat = app.top
    to_choices(app, chat)
    chat.choose(0)  # "not telling": a message, the player's bubble
    to_choices(app, chat)
    chat.choose(1)  # "screenshot the chat and show my mom": an action
    to_choices(app, chat)
    kinds = [(it.kind, it.text) for it in chat.log.items if it.kind in ("reply", "action")]
    assert kinds == [("reply", "not telling"), ("action", "screenshot the chat and show my mom")]
    action_i = next(i for i, it in enumerate(chat.log.items) if it.kind == "action")
    action = chat.log.items[action_i]
    assert not action.outgoing and not action.flaggable and is_players_turn(action)
    chat.log.scroll_to_item(action_i)
    shown = ui.recorded(app)
    (rect, _box, _text), = [r for r in shown if r[2] == "screenshot the chat and show my mom"]
    lst = chat.log.view_rect()
    assert abs(rect.centerx - lst.centerx) <= 2  # centred like a system line, not right-aligned
    assert chat.log.bubble_rect(action.index) is None  # no bubble to flag or click
    assert narration.item_speech(action, chat.scenario, "en", {}) == \
        "Your action: screenshot the chat and show my mom"
    assert chat.ending is not None and chat.ending.ending.title.en == "You told your mom"


def test_a_resumed_chat_redraws_the_action_as_an_action(make_app, tools_library):
    app = make_app(lib=tools_library)
    app.start_scenario(STORY)
    chat = app.top
    to_choices(app, chat)
    chat.choose(1)
    to_choices(app, chat)
    chat.choose(1)
    replies = [ev for ev in chat.pt.replay() if isinstance(ev, ReplyEvent)]
    assert [reply_item(ev, "en").kind for ev in replies] == ["reply", "action"]


def test_the_time_label_is_shown_in_the_screens_language(make_app, tools_library):
    for lang, clock, word in (("en", "7:42\u00a0PM", "yesterday"), ("fr", "19\u00a0h\u00a042", "hier")):
        app = make_app(lib=tools_library, lang=lang)
        app.start_scenario(STORY)
        chat = app.top
        to_choices(app, chat)
        times = [it.time for it in chat.log.items if it.kind == "message"]
        assert times == [clock, word], lang


def test_the_last_line_read_with_the_replies_is_not_the_players_own():
    items = [Item("message", 0, "hi", "sam"), Item("action", 1, "show my mom")]
    assert [it.kind for it in items if not is_players_turn(it)] == ["message"]
