"""Accessibility: every screen at 200% text in French (and with the dyslexia font, high contrast,
wide line spacing) keeps every text inside its box and on screen; every screen can be worked by
keyboard with a visible focus ring; reduced motion; no time limit; class defaults."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from game import settings as settings_mod
from game.settings import Settings
from game.ui import text as tx

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "game-teammate"
SHOTS = os.environ.get("REDFLAGS_SHOTS")  # a folder: also save a PNG of every screen checked


def _to_choices(app):
    app.start_scenario(SCENARIO)
    app.step([], 0)
    return app.top


def _to_ending(app):
    chat = _to_choices(app)
    while chat.ending is None:
        chat.choose(chat.choices.options[0][0])
        app.step([], 0)
    return chat


def screens(app, broken_lib=None):
    """(name, opener) for every screen and dialog; each opener leaves it on top."""
    def chat_coach():
        chat = _to_choices(app)
        chat.toggle_flag(next(i for i, it in enumerate(chat.items) if it.flaggable))

    def chat_reply_coach():
        chat = _to_choices(app)
        chat.choose(chat.choices.options[0][0])
        app.step([], 0)

    def name_it():
        app.settings.difficulty = "name"
        chat = _to_choices(app)
        chat.toggle_flag(next(i for i, it in enumerate(chat.items) if it.flaggable))

    def debrief():
        _to_ending(app).open_debrief()

    def leave_dialog():
        _to_choices(app).back()

    return [
        ("title", lambda: None),
        ("quit-dialog", lambda: app.top.back()),
        ("picker", app.open_picker),
        ("settings", app.open_settings),
        ("help", app.open_help),
        ("chat-choices", lambda: _to_choices(app)),
        ("chat-coach-flag", chat_coach),
        ("chat-coach-reply", chat_reply_coach),
        ("chat-ending", lambda: _to_ending(app)),
        ("name-it-list", name_it),
        ("leave-dialog", leave_dialog),
        ("debrief", debrief),
        ("errors", lambda: app.start_scenario("no-such-story")),
    ]


def check_page(ui, app, label: str) -> int:
    """Record one frame; every text inside its box and on screen. Returns how many were drawn."""
    screen = app.screen.get_rect()
    rows = ui.recorded(app)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        pygame.image.save(app.screen, str(Path(SHOTS) / f"{label}.png"))
    for rect, box, text in rows:
        assert rect.w <= box.w + 1 and rect.h <= box.h + 1, (label, text[:60], rect, box)
        assert box.inflate(2, 2).contains(rect), (label, text[:60], rect, box)
        assert screen.contains(rect), (label, text[:60], rect, screen)
    return len(rows)


def check_all_pages(ui, app, label: str) -> None:
    """The screen, then (for a scrolling page) each further screenful."""
    assert check_page(ui, app, label) > 0, label
    top = app.top
    if hasattr(top, "max_offset") and hasattr(top, "blocks"):
        n = 1
        while top.offset < top.max_offset() and n < 40:
            app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="")], 0)
            n += 1
            check_page(ui, app, f"{label}-{n:02d}")


LOOKS = {
    "fr-200": dict(lang="fr", text_size=200),
    "fr-200-dyslexic-hc": dict(lang="fr", text_size=200, font="dyslexic", theme="high-contrast", line_spacing=150),
    "en-200-dyslexic-spacing": dict(lang="en", text_size=200, font="dyslexic", line_spacing=200),
}


@pytest.mark.slow  # every screen in six looks: 2 to 5 s each (15 s or more in all)
@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)])
@pytest.mark.parametrize("look", list(LOOKS))
def test_every_screen_at_200_percent_keeps_text_in_its_box(make_app, ui, size, look):
    probe = make_app(size, **LOOKS[look])
    for name, _opener in screens(probe):
        app = make_app(size, **LOOKS[look])
        dict(screens(app))[name]()
        app.step([], 0)
        check_all_pages(ui, app, f"{look}-{size[0]}x{size[1]}-{name}")


def test_french_screens_show_french(make_app, ui):
    app = make_app(lang="fr", text_size=200)
    assert app.top.play.label == "Jouer" and app.top.bar.title == "Red Flags"
    app.open_settings()
    app.step([], 0)
    shown = ui.texts(app)
    assert "Langue et lecture" in shown and "Paramètres" in shown and "Retour" in shown


def test_language_switch_in_settings_rerenders_at_once(make_app, ui):
    app = make_app()
    app.open_settings()
    app.step([], 0)
    scene = app.top
    scene.focus(ui.find_target(scene, "lang"))
    ui.key(app, pygame.K_RIGHT)
    assert app.settings.lang == "fr"
    shown = ui.texts(app)
    assert "Langue" in shown and "Paramètres" in shown and "Language" not in shown.split("\n")[0]
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "title" and "Jouer" in ui.texts(app)
    assert settings_mod.load().lang == "fr"


def test_dyslexia_font_draws_french_without_boxes():
    pygame.font.init()
    family = tx.style()
    try:
        tx.set_style("dyslexic", 1.0)
        sample = "« Tu viens ? » l’œuvre, déjà ; ça !"
        from game.engine.model import french_typography

        runs = tx.segments(french_typography(sample))
        # OpenDyslexic lacks U+202F: it is drawn by Noto Sans, not as a box
        assert ("n", "\u202f") in runs
        for kind, value in runs:
            for ch in value:
                if kind == "t":
                    assert tx.family_has(ch), ch
                elif kind == "n":
                    assert tx.font_has(ch), ch
        img = tx.render(french_typography(sample), 24, (0, 0, 0))
        assert img.get_width() > 100
    finally:
        tx.set_style(*family)


def ring_visible(app, ring: pygame.Rect) -> bool:
    """The focus colour is really on screen along the ring's top edge."""
    from game.ui.theme import theme

    want = theme().color("focus")
    y = ring.top + theme().px("focus_width") // 2
    xs = range(max(0, ring.centerx - 20), min(app.screen.get_width(), ring.centerx + 20))
    return 0 <= y < app.screen.get_height() and any(app.screen.get_at((x, y))[:3] == want[:3] for x in xs)


@pytest.mark.parametrize("name", ["title", "picker", "settings", "help", "quit-dialog", "leave-dialog",
                                  "name-it-list", "debrief", "errors", "chat-choices", "chat-ending"])
def test_tab_reaches_every_control_with_a_visible_ring(make_app, ui, name):
    app = make_app((1024, 600), lang="fr", text_size=150)
    dict(screens(app))[name]()
    app.step([], 0)
    scene = app.top
    targets = getattr(scene, "targets", None) or getattr(scene, "buttons", None) or scene._buttons()
    assert targets, name
    # in the chat, Tab also stops on the messages on screen (to flag them with Enter)
    messages = [i for i in scene.visible if scene.items[i].flaggable] if scene.name == "chat" else []
    seen, seen_messages = set(), set()
    for _n in range(len(targets) + len(messages) + 2):
        ui.key(app, pygame.K_TAB)
        rings = ui.focus_rings(app)
        focus_item = getattr(scene, "focus_item", None)
        assert scene.ui.focused is not None or focus_item is not None, name
        assert not (scene.ui.focused is not None and focus_item is not None), "one focus at a time"
        if scene.ui.focused is not None:
            seen.add(id(scene.ui.focused))
        else:
            seen_messages.add(focus_item)
        what = getattr(scene.ui.focused, "name", "") or f"message {focus_item}"
        assert rings, (name, what)
        assert any(ring_visible(app, r) for r in rings), (name, what)
    assert seen == {id(t) for t in targets}, name
    assert set(messages) <= seen_messages, name


def test_chat_by_keyboard_flag_ring_and_reply(make_app, ui):
    app = make_app(lang="fr", text_size=200)
    chat = _to_choices(app)
    ui.key(app, pygame.K_UP)
    assert chat.focus_item is not None
    assert ui.focus_rings(app)
    ui.key(app, pygame.K_f)
    assert chat.pt.state.flags
    ui.key(app, pygame.K_x)
    assert chat.feedback is None
    ui.key(app, pygame.K_1)
    assert chat.pt.state.choices


def test_choices_wait_forever_no_time_limit(make_app):
    app = make_app(speed="slow")
    chat = _to_choices(app)
    for _n in range(20):
        app.step([], 60.0)  # twenty minutes
    while chat.choices is None:
        app.step([], 5.0)
    for _n in range(20):
        app.step([], 60.0)
    assert chat.choices is not None and not chat.pt.state.choices


def test_reduced_motion_keeps_the_typing_dots_still(make_app):
    frames = {}
    for reduced in (False, True):
        app = make_app(speed="slow", reduced_motion=reduced)
        app.start_scenario(SCENARIO)
        chat = app.top
        chat.update(0.0)
        chat.wait_left = chat.typing_for * 0.5  # typing shown
        app.step([], 0.0)  # the typing bubble appears (the list scrolls to it once)
        chat.wait_left = chat.typing_for * 0.5
        shots = []
        for _n in range(4):
            app.step([], 0.07)
            chat.wait_left = chat.typing_for * 0.5
            shots.append(pygame.image.tobytes(app.screen, "RGB"))
        frames[reduced] = len(set(shots))
    assert frames[False] > 1 and frames[True] == 1


def test_class_defaults_go_under_the_players_choices():
    from game.classroom.settings import ClassSettings

    cs = ClassSettings(language="fr", difficulty="name", whole_class=True)
    player = Settings()
    merged = player.with_class_defaults(cs)
    assert (merged.lang, merged.difficulty, merged.text_size) == ("fr", "name", 150)
    player.set("lang", "en")
    player.cycle("text_size")
    merged = player.with_class_defaults(cs)
    assert merged.lang == "en" and merged.text_size == 125 and merged.difficulty == "name"
    assert player.lang == "en" and player.difficulty == "spot"  # the player's own object is untouched
    later = {"text_size": 175, "speed": "instant", "theme": "high-contrast", "font": "dyslexic",
             "read_aloud": "auto", "bogus": 1, "speed_typo": "x"}
    merged = Settings().with_class_defaults(later)
    assert (merged.text_size, merged.speed, merged.theme, merged.font, merged.read_aloud) == \
        (175, "instant", "high-contrast", "dyslexic", "auto")
    assert Settings().with_class_defaults({"text_size": 999, "speed": "warp"}) == Settings()
    # the player's choices are saved with the settings, so they still win next time
    player.forget_choices()
    assert player.with_class_defaults(cs).lang == "fr"


def test_choices_survive_save_and_load():
    s = Settings()
    s.set("font", "dyslexic")
    s.set("text_size", 200)
    settings_mod.save(s)
    back = settings_mod.load()
    assert back == s and set(back.chosen) == {"font", "text_size"}
    settings_mod.path().write_text('{"text_size": "x-large", "chosen": ["lang", 3, "nope"]}')
    old = settings_mod.load()
    assert old.text_size == 150 and old.chosen == ["lang"]


@pytest.mark.parametrize("look", ["high-contrast", "dyslexic"])
def test_looks_apply_and_persist(make_app, ui, look):
    app = make_app()
    app.open_settings()
    app.step([], 0)
    scene = app.top
    key = "theme" if look == "high-contrast" else "font"
    scene.focus(ui.find_target(scene, key))
    ui.key(app, pygame.K_RIGHT)
    from game.ui.theme import theme

    if key == "theme":
        assert theme().name == "high-contrast" and app.screen.get_at((2, app.screen.get_height() - 2))[:3] == (0, 0, 0)
    else:
        assert tx.style()[0] == "dyslexic"
    assert getattr(settings_mod.load(), key) == look
    ui.key(app, pygame.K_LEFT)  # back to standard for the other tests
    assert theme().name == "default" and tx.style()[0] == "standard"


def test_errors_screen_for_a_broken_file_at_200_percent(make_app, ui, broken_library):
    app = make_app((1024, 600), lib=broken_library, lang="fr", text_size=200)
    app.start_scenario("broken-story")
    app.step([], 0)
    assert app.top.name == "errors"
    check_all_pages(ui, app, "fr-200-errors-broken")


@pytest.mark.parametrize("sid", ["game-teammate", "grooming-fan-group", "sextortion-fake-peer",
                                 "judgement-new-classmate"])
def test_one_switch_scanning_plays_a_whole_scenario(make_app, ui, sid):
    """Scanning on, the only input is Space (a switch): the focus moves on by itself, and the
    player presses when it reaches a red flag, the safest reply, and the debrief button."""
    from game.engine.scoring import debrief

    app = make_app((1024, 600), scanning="fast", text_size=150)
    every = app.settings.scan_seconds
    assert every and app.wake_after() == pytest.approx(every)  # the idle loop wakes for the next step
    app.start_scenario(sid)
    app.step([], 0)
    chat = app.top

    def space():
        return ui.key(app, pygame.K_SPACE)

    steps = 0
    while app.top is chat and steps < 2000:
        app.step([], every / 2)
        before = (chat.focus_item, chat.ui.focused)
        app.step([], every / 2)  # a whole interval with no input: the focus moved on
        steps += 1
        assert (chat.focus_item, chat.ui.focused) != before or not chat._buttons()
        if chat.focus_item is not None:
            it = chat.items[chat.focus_item]
            if it.kind == "message" and chat.pt.message_at(it.index).flag is not None \
                    and it.index not in chat.pt.state.flags:
                space()
                assert it.index in chat.pt.state.flags
        elif chat.choices is not None and chat.ui.focused in chat.choice_buttons:
            n = chat.choice_buttons.index(chat.ui.focused)
            ratings = [("safe", "risky", "unsafe").index(c.safety) for _i, c in chat.choices.options]
            if ratings[n] == min(ratings):
                space()
        elif chat.ui.focused is chat.drawer_button and (chat.choices is not None or chat.feedback is not None):
            space()  # big text folds the replies (and the Coach card) into a drawer: open, or close the card
        elif chat.ending is not None and chat.ui.focused is chat.debrief_button:
            space()
    assert app.top.name == "debrief", f"not finished after {steps} scanning steps"
    score = debrief(chat.scenario, chat.pt.state).score
    assert score.missed == 0 and score.false_alarms == 0
    assert app.top.model.score == score


def test_scanning_waits_for_the_player_and_stays_off_by_default(make_app, ui):
    app = make_app()
    assert app.settings.scanning == "off" and app.wake_after() is None
    focused = app.top.ui.focused
    app.step([], 30.0)
    assert app.top.ui.focused is focused  # off: nothing moves by itself
    app = make_app(scanning="slow")
    every = app.settings.scan_seconds
    app.step([], every * 0.9)
    assert app.top.ui.focused is None
    ui.key(app, pygame.K_LEFT, dt=every * 0.5)  # a key press starts the wait again
    assert app.top.ui.focused is None and app.wake_after() == pytest.approx(every * 0.5)
    app.step([], every * 0.6)
    first = app.top.ui.focused
    assert first is not None
    app.step([], every)
    assert app.top.ui.focused is not None and app.top.ui.focused is not first
