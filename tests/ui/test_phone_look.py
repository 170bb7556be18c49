"""The chat looks like a phone: each fictional app's colours and icon (from its file, at WCAG AA,
never over the high-contrast theme), a frame on wide screens and the whole window on small ones
or with big text, no banner over the chat tabs, names once per run, "Seen" and reactions only in
apps that have them, "typing…" only in the thread it comes in, and the tabs in the Tab ring."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
import yaml

from game.engine.validate import check_source
from game.ui.apps import (
    APPS,
    TEXT_PAIRS,
    AppFileError,
    app_color,
    app_names,
    app_style,
    contrast,
    load_app,
    parse_app,
)
from game.ui.scenes.chat.items import Item, same_run
from game.ui.scenes.chat.log import ChatLog
from game.ui.theme import load_theme, theme

from .conftest import frame, key, texts

SCENARIOS = Path(__file__).resolve().parents[2] / "game" / "scenarios"
# the theme's own texts drawn on an app's chat background (times, system lines, names, flags)
ON_CHAT_BG = ("text", "muted", "faint", "timestamp", "system_text", "flag")

STORY = """\
format: 2
id: look
title: {en: The look, fr: Le look}
summary: {en: A chat on a phone., fr: Une jasette sur un téléphone.}
grades: [7, 8]
topics: [grooming]
minutes: 5
content_note: {en: Nothing worrying is shown., fr: Rien d’inquiétant n’est montré.}
goals:
  - {en: "Notice who you talk to.", fr: "Remarquer à qui tu parles."}
platform: {name: APP, kind: social_dm}
characters:
  sam: {name: Sam, avatar: S}
  lee: {name: Lee, avatar: L}
  ari: {name: Ari, avatar: A}
threads:
  sam: {with: sam}
  crew: {with: [lee, ari], kind: group, title: {en: Crew, fr: La gang}}
beats:
  start:
    messages:
      - {from: lee, thread: crew, time: "7:15 PM", typing: 2, text: {en: "first from lee", fr: "premier de lee"}}
      - {from: lee, thread: crew, text: {en: "second from lee", fr: "deuxième de lee"}}
      - {from: ari, thread: crew, text: {en: "then ari", fr: "puis ari"}}
      - {from: sam, time: "7:20 PM", typing: 2, text: {en: "hey there", fr: "salut toi"}}
    choices:
      - {text: {en: "hi sam", fr: "salut sam"}, goto: answered, safety: safe, feedback: {en: Fine., fr: Correct.}}
      - {text: {en: "who is this?", fr: "c’est qui?"}, goto: answered, safety: safe, feedback: {en: Fine., fr: Correct.}}
  answered:
    messages:
      - {from: sam, reaction: "👍", text: {en: "cool cool", fr: "cool cool"}}
    ending:
      outcome: safe
      title: {en: Done, fr: Fini}
      text: {en: "You can always talk to a safe adult.", fr: "Tu peux toujours parler à un adulte de confiance."}
debrief:
  summary: {en: A friendly chat., fr: Une jasette amicale.}
  questions:
    - {en: What did you notice?, fr: Qu’as-tu remarqué?}
"""


def story(library, app: str = "Chatterly", text: str = STORY):
    result = check_source(text.replace("APP", app), "look.yaml", library.taxonomy, library.resources)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.scenario


def open_chat(make_app, scenario, size=(1280, 720), **settings):
    app = make_app(size, **settings)
    app.open("chat", scenario)
    for _ in range(6):
        app.step([], 0.5)
    return app, app.top


def answered(make_app, scenario, **settings):
    """The chat after the player's reply and the answer to it."""
    app, chat = open_chat(make_app, scenario, **settings)
    chat.choose(chat.choices.options[0][0])
    for _ in range(6):
        app.step([], 0.5)
    return app, chat


# -- the apps' files -------------------------------------------------------------------------------

def shipped_platforms() -> set[str]:
    """Every app a shipped story happens on: its own, and any a thread names (`app:`)."""
    names = set()
    for path in SCENARIOS.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("platform"), dict):
            names.add(data["platform"]["name"])
            names |= {t["app"] for t in (data.get("threads") or {}).values() if isinstance(t, dict) and "app" in t}
    return names


def test_every_shipped_story_has_its_own_app_file():
    names = shipped_platforms()
    assert len(names) >= 10 and "Flikka" in names  # (a thread's app: A Friend in Trouble's ava.lynn)
    for name in names:
        style = app_style(name)
        assert style.name == name
        assert (APPS / f"{''.join(c for c in name.lower() if c.isalnum())}.yaml").is_file(), name


def test_an_app_without_a_file_is_neutral_with_its_own_initial():
    style = app_style("Zappo Chat")
    neutral = load_app("neutral")
    assert style.name == "Zappo Chat" and style.glyph == "Z"
    assert style.colors == neutral.colors and not style.receipts and not style.reactions


@pytest.mark.parametrize("stem", app_names())
def test_every_app_meets_wcag_aa(stem):
    style = load_app(stem)
    hexes = dict(style.colors)
    theme = load_theme("default")
    failures = []
    for fg, bg in TEXT_PAIRS:
        r = contrast(pygame.Color(hexes[fg]), pygame.Color(hexes[bg]))
        if r < 4.5:
            failures.append(f"{fg} on {bg}: {r:.2f}")
    for name in ON_CHAT_BG:  # the theme's texts over the app's chat background
        r = contrast(theme.color(name), pygame.Color(hexes["chat_bg"]))
        if r < 4.5:
            failures.append(f"theme {name} on chat_bg: {r:.2f}")
    # the open tab (accent) on the strip, and the icon, stand out by 3:1 (a UI component)
    r = contrast(pygame.Color(hexes["accent"]), theme.color("chat_header"))
    if r < 3.0:
        failures.append(f"accent on the tab strip: {r:.2f}")
    assert not failures, f"{stem}: " + "; ".join(failures)


def test_a_broken_app_file_is_a_clear_error():
    good = yaml.safe_load((APPS / "chatterly.yaml").read_text(encoding="utf-8"))
    with pytest.raises(AppFileError, match="missing colours: chat_bg"):
        parse_app({**good, "colors": {k: v for k, v in good["colors"].items() if k != "chat_bg"}}, "x.yaml")
    with pytest.raises(AppFileError, match="unknown icon shape"):
        parse_app({**good, "icon": {"shape": "star"}}, "x.yaml")
    with pytest.raises(AppFileError, match="not a colour"):
        parse_app({**good, "colors": {**good["colors"], "accent": "teal-ish"}}, "x.yaml")


def test_high_contrast_keeps_its_own_colours_over_the_app(make_app, library):
    sc = story(library)
    app, chat = open_chat(make_app, sc, theme="high-contrast")
    lst = chat.geometry.geo["list"]
    hc = load_theme("high-contrast")
    assert app_color(app_style("Chatterly"), "bubble_out") == hc.color("bubble_out")
    assert app.screen.get_at((lst.right - 3, lst.bottom - 3)) == hc.color("chat_bg")
    app, chat = open_chat(make_app, sc)
    lst = chat.geometry.geo["list"]
    assert app.screen.get_at((lst.right - 3, lst.bottom - 3)) == pygame.Color(app_style("Chatterly").hex("chat_bg"))


# -- the phone's frame -----------------------------------------------------------------------------

def test_a_wide_window_shows_a_phone_with_the_side_panel_beside_it(make_app, library):
    app, chat = open_chat(make_app, story(library))
    geo = chat.geometry.geo
    assert chat.geometry.framed()
    frame_r, col, status, side = geo["frame"], geo["col"], geo["status"], geo["side"]
    assert frame_r.contains(col) and col.contains(status) and geo["header"].contains(status)
    assert geo["header"].h > status.h  # the header proper, under the status bar
    assert frame_r.h > frame_r.w  # taller than wide: a phone
    assert side.w and not side.colliderect(frame_r)
    shown = texts(app)
    clock = chat.threads.clock()
    assert clock.replace("\xa0", " ") == "7:20 PM"  # the latest time seen, in any thread
    assert shown.split("\n")[:2] == [clock, "Chatterly"]  # the status bar: the story's time, the app


@pytest.mark.parametrize("size, settings", [((1024, 600), {}), ((1280, 720), {"text_size": 200}),
                                            ((1280, 720), {"projector": True})])
def test_small_windows_big_text_and_projectors_fill_the_window(make_app, library, size, settings):
    projector = settings.pop("projector", False)
    app = make_app(size, **settings)
    app.classroom.projector = projector
    app.open("chat", story(library))
    app.step([], 0.5)
    chat = app.top
    geo = chat.geometry.geo
    assert not chat.geometry.framed() and not geo["frame"].w and not geo["status"].w
    side = geo["side"].w + (2 * geo["side"].x if geo["side"].w else 0)
    # no frame margins wasted: the column is as wide as the window (or the longest readable line)
    assert geo["col"].w + side >= min(size[0] * 0.9, theme().px("chat_max_w"))


@pytest.mark.parametrize("size, settings", [((1280, 720), {}), ((1024, 600), {}), ((1280, 720), {"text_size": 200})])
def test_the_not_saved_banner_leaves_the_chat_tabs_uncovered(make_app, library, size, settings):
    app, chat = open_chat(make_app, story(library), size, **settings)
    app.classroom.problem = "The results folder is full."
    blits, _rings = frame(app)
    banner = [r for r, _box, text in blits if "The results folder is full." in text]
    assert banner and chat.threads.tabs
    for _thread, tab in chat.threads.tabs:
        assert not banner[0].colliderect(tab)
    assert not banner[0].colliderect(chat.geometry.geo["header"])


# -- bubbles ---------------------------------------------------------------------------------------

def test_a_group_names_each_sender_once_per_run(make_app, library):
    app, chat = open_chat(make_app, story(library))
    key(app, pygame.K_RIGHTBRACKET)
    assert chat.threads.open == "crew"
    msgs = [it for it in chat.log.items if it.kind == "message"]
    assert [(it.text, it.named) for it in msgs] == [
        ("first from lee", True), ("second from lee", False), ("then ari", True)]
    assert not same_run(msgs[1], msgs[2]) and same_run(msgs[0], msgs[1])
    names = [t for _r, _b, t in frame(app)[0] if t in ("Lee", "Ari")]
    assert names == ["Lee", "Ari"]
    key(app, pygame.K_LEFTBRACKET)  # a direct message: no names over the bubbles
    assert chat.threads.open == "sam" and not any(it.named for it in chat.log.items)


def test_seen_and_the_reaction_show_where_the_app_has_them(make_app, library):
    app, chat = answered(make_app, story(library, "Chatterly"))
    reply = next(it for it in chat.log.items if it.kind == "reply")
    assert reply.seen and reply.reaction == "👍"
    shown = texts(app)
    assert "Seen" in shown.split("\n") and "Reaction: 👍" in shown


def test_no_seen_and_no_reaction_where_the_app_has_none(make_app, library):
    app, chat = answered(make_app, story(library, "PixelQuest"))
    reply = next(it for it in chat.log.items if it.kind == "reply")
    assert not reply.seen and not reply.reaction
    shown = texts(app)
    assert "Seen" not in shown.split("\n") and "Reaction" not in shown


def test_seen_moves_to_the_players_newest_message():
    log = ChatLog(False, lambda: pygame.Rect(0, 0, 400, 400), lambda: 0)
    log.receipts = True
    first = Item("reply", 1, "hi")
    log.append(Item("message", 0, "hey", "sam"))
    log.append(first)
    assert not first.seen  # not answered yet
    log.append(Item("message", 2, "yo", "sam"))
    assert first.seen and log.seen == 1
    second = Item("reply", 3, "ok")
    log.append(second)
    assert not first.seen and not second.seen
    log.append(Item("message", 4, "k", "sam", reacts="❤️"))
    assert second.seen and not second.reaction  # reactions off: nothing to show


def test_typing_shows_only_in_the_thread_the_message_comes_in(make_app, library):
    app = make_app(speed="normal")
    app.open("chat", story(library))
    chat = app.top
    seen = set()
    for _ in range(200):
        app.step([], 0.1)
        pending = chat.pacer.pending
        if pending is None or not chat.pacer.typing_visible():
            continue
        here = pending.thread == chat.threads.open
        assert chat.threads.typing_here() == here
        assert (chat.who()[1] == "typing…") == here
        seen.add(here)
        if chat.choices is not None:
            break
    assert seen == {True, False}  # a message came in elsewhere, and one here


# -- reaching every element ------------------------------------------------------------------------

def test_tab_reaches_the_chat_tabs_and_enter_opens_one(make_app, library):
    app, chat = open_chat(make_app, story(library))
    names = [b.name for b in chat._buttons()]
    assert "thread:sam" in names and "thread:crew" in names
    for _ in range(len(names) + len(chat.log.items) + 2):
        key(app, pygame.K_TAB)
        if getattr(chat.ui.focused, "name", "") == "thread:crew":
            break
    assert getattr(chat.ui.focused, "name", "") == "thread:crew"
    assert "Chat: Crew" in chat.describe()
    tab = dict(chat.threads.tabs)["crew"]
    assert any(r.contains(tab) for r in frame(app)[1])  # its focus ring
    key(app, pygame.K_RETURN)
    assert chat.threads.open == "crew"


def test_a_reaction_is_format_2_and_one_emoji(library):
    one = STORY.replace("format: 2", "format: 1")
    result = check_source(one.replace("APP", "Chatterly"), "look.yaml", library.taxonomy, library.resources)
    assert any(d.code == "RF008" and "reaction" in d.message for d in result.diagnostics)
    worded = STORY.replace('reaction: "👍"', "reaction: like")
    result = check_source(worded.replace("APP", "Chatterly"), "look.yaml", library.taxonomy, library.resources)
    assert not result.ok and any("not a reaction" in d.message for d in result.diagnostics)


def test_the_keyboards_ring_and_flag_key_are_never_cut_by_the_list(make_app, ui, library):
    """At 1024×600 and 200 %, going through a phone chat's messages with the arrow keys: the
    focused bubble's ring and its "F: flag this message" key (beside it, or hanging below a wide
    bubble) are drawn whole inside the list, whatever the message."""
    from .conftest import focus_rings, recorded

    app = make_app((1024, 600), text_size=200)
    app.open("chat", library.playable()["bystander-friend-threatened"])
    for _ in range(10):
        app.step([], 0.5)
    chat = app.top
    chat.choose(chat.choices.options[0][0])
    for _ in range(20):
        app.step([], 0.5)
    ui.key(app, pygame.K_x)  # the coach's card read and closed
    app.step([], 0.5)
    seen = set()
    for press in [pygame.K_UP] * 8 + [pygame.K_DOWN] * 8:
        ui.key(app, press)
        view = chat.log.view_rect()
        drawn = recorded(app)
        hint = [r for r, _box, text in drawn if text in ("F: flag this message", "F: flag")]
        rings = [r for r in focus_rings(app) if view.colliderect(r)]
        assert hint and view.contains(hint[0]), (chat.log.focus_item, hint, view)
        assert rings and all(view.contains(r) for r in rings), (chat.log.focus_item, rings, view)
        seen.add(chat.log.focus_item)
    assert len(seen) >= 5
