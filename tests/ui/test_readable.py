"""Readable at every supported size: whole messages, not just text inside its box.

At each decision of a story (replies folded when they don't fit), the newest message is whole,
and as many of the last three whole as the list can hold at all; any other bubble on screen is
whole or is the top one, partly scrolled away. Projector mode is really large."""

from __future__ import annotations

import pytest

from game.ui.theme import theme

MESSAGES = ("message", "reply", "ending")
CONFIGS = [  # (window, text size %, language, whole class at one screen)
    ((1024, 600), 100, "en", False),
    ((1024, 600), 200, "fr", False),
    ((1280, 720), 100, "en", False),
    ((1280, 720), 200, "en", False),
    ((1920, 1080), 200, "fr", False),
    ((1920, 1080), 100, "en", True),
]
FAST_STORIES = ["game-teammate", "sextortion-fake-peer", "grooming-fan-group"]


def _check_whole(chat, where: str) -> tuple[int, int]:
    """Assert the readability rule at this moment; returns (whole messages, how many could fit)."""
    lst = chat.geo["list"]
    items = chat.items
    last = [i for i in range(len(items)) if items[i].kind in MESSAGES][-3:]
    fit = 0
    for j in range(1, len(last) + 1):  # how many of the newest could be whole at once
        if chat.tops[-1] - chat.tops[last[-j]] <= lst.h:
            fit = j
    whole = [i for i in last if i in chat.visible and lst.contains(chat.visible[i])]
    if items[last[-1]].kind != "ending":
        assert last[-1] in whole, f"{where}: the newest message is not whole"
    assert len(whole) >= min(3, fit), f"{where}: {len(whole)} whole of the last three, {fit} fit"
    shown = sorted(i for i in chat.visible if items[i].kind in ("message", "reply"))
    for i in shown[1:]:  # below the top one, every bubble on screen is whole: no half messages
        assert lst.contains(chat.visible[i]), f"{where}: message {i} cut off"
    return len(whole), fit


def _walk(make_app, ui, sid: str, size, text: int, lang: str, projector: bool) -> list[tuple[int, int]]:
    app = make_app(size, lang=lang, text_size=text)
    app.classroom.projector = projector
    assert app.start_scenario(sid)
    chat = app.top
    app.step([], 0)
    out, turn = [], 0
    while chat.choices is not None and turn < 30:
        if chat.compact:
            chat.drawer_open = False
            chat.feedback = None
        app.step([], 0)
        if turn % 2 == 0 and chat.compact:  # the folded dock: everything else is the chat's
            col, header = chat.geo["col"], chat.geo["header"]  # (and a phone story's thread strip)
            strip = chat.threads.strip_height()
            assert chat.geo["list"].h >= col.h - header.h - strip - chat._compact_dock_h(col.w) - 2
        out.append(_check_whole(chat, f"{sid} {size} {text}% {lang} turn {turn}"))
        ui.key(app, __import__("pygame").K_1 + (turn % len(chat.choices.options)))
        app.step([], 0)
        turn += 1
    if projector:
        assert not chat.geo["side"].w, "projector: no side panel"
    return out


@pytest.mark.parametrize("size,text,lang,projector", CONFIGS)
def test_whole_messages_at_every_size(make_app, ui, size, text, lang, projector):
    for sid in FAST_STORIES:
        _walk(make_app, ui, sid, size, text, lang, projector)


@pytest.mark.slow
@pytest.mark.parametrize("size,text,lang,projector", CONFIGS)
def test_whole_messages_in_every_story(make_app, ui, library, size, text, lang, projector):
    counts = []
    for sid in sorted(library.playable()):
        counts += _walk(make_app, ui, sid, size, text, lang, projector)
    three = sum(1 for whole, _fit in counts if whole >= 3)
    print(f"{size} {text}% {lang}{' projector' if projector else ''}: three whole messages at "
          f"{three} of {len(counts)} decisions")


def test_projector_text_is_large_enough_for_the_back_row(make_app):
    """1080p, whole class: body text at least 1/27 of the screen's height (about 40 px), the
    smallest text at least 30 px, whatever text size the computer's player chose."""
    from game.classroom.settings import ClassSettings

    app = make_app((1920, 1080), text_size=100)
    app.settings.chosen.append("text_size")  # someone set 100 % on this computer before
    app.classroom.apply_session_settings(ClassSettings(whole_class=True))
    assert app.classroom.projector
    t = theme()
    assert t.px("body") >= 1080 / 27 and t.px("small") >= 30
    app.classroom.restore_settings()
    assert not app.classroom.projector and theme().px("body") < 1080 / 27
