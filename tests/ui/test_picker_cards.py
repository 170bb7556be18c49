"""Story cards in the picker: a picture drawn in code (the story's app and people), the minutes and
the "played" mark (in words and as a check on the picture), the picture described for read
aloud, worked by keyboard, and nothing overlapping at 1024x600, 200 % text and high contrast."""

from __future__ import annotations

import pygame
import pytest

from game.classroom import played as played_stories
from game.ui.theme import theme
from game.ui.widgets.story_card import StoryCard, StoryPicture

PLAYED = "game-teammate"


def open_picker(make_app, size=(1280, 720), **settings):
    played_stories.remember(PLAYED)
    app = make_app(size, **settings)
    app.open_picker()
    app.step([], 0)
    return app, app.top


def story_cards(scene) -> dict[str, StoryCard]:
    cards = {t.name[5:]: t for t in scene.targets if getattr(t, "name", "").startswith("card-")}
    assert all(isinstance(c, StoryCard) for c in cards.values())
    return cards


def parts(card: StoryCard) -> tuple[StoryPicture, StoryCard]:
    assert card.picture in card.items  # a block of the card, as its words are
    return card.picture, card


def test_every_story_card_has_a_picture_its_minutes_and_words_for_it(make_app, library):
    from game.ui.speech import block_speech

    app, scene = open_picker(make_app)
    cards = story_cards(scene)
    assert set(cards) == set(library.playable())
    for sid, card in cards.items():
        sc = library.playable()[sid]
        picture, beside = parts(card)
        words = " ".join(getattr(b, "text", "") for b in beside.words)
        assert f"{sc.minutes_for('en')} min" in words
        said = block_speech(card)
        assert picture.speech in said and sc.platform.name in picture.speech
        assert all(name in picture.speech for _face, name in picture.cast) and picture.cast


def test_the_played_mark_is_a_check_on_the_picture_and_words(make_app, ui):
    app, scene = open_picker(make_app)
    cards = story_cards(scene)
    for sid, card in cards.items():
        picture, beside = parts(card)
        played = sid == PLAYED
        assert picture.played == played
        assert any(getattr(b, "text", "").endswith("Played on this computer") for b in beside.words) == played
    card = cards[PLAYED]
    scene.focus(card)
    app.step([], 0)
    picture, _beside = parts(card)
    r = picture.rect
    badge = round(r.w * 0.36)
    centre = (r.right - badge // 2, r.y + badge // 2)
    good = theme().color("good")
    near = [app.screen.get_at((centre[0] + dx, centre[1] + dy))[:3] for dx in range(-badge // 3, badge // 3)
            for dy in (-badge // 3, badge // 3)]
    assert near.count(good[:3]) > len(near) // 2  # the badge's green ring is there
    other = next(c for s, c in cards.items() if s != PLAYED)
    scene.focus(other)
    app.step([], 0)
    o = parts(other)[0].rect
    spot = [app.screen.get_at((o.right - badge // 2 + dx, o.y + badge // 2 - badge // 3))[:3] for dx in range(-3, 4)]
    assert good[:3] not in spot


def test_pictures_tell_the_stories_apart(make_app):
    app, scene = open_picker(make_app)
    seen: dict[bytes, str] = {}
    for sid, card in story_cards(scene).items():
        picture, _beside = parts(card)
        w, h = picture.size()
        img = pygame.Surface((w, h), pygame.SRCALPHA)
        picture.paint(img)
        seen.setdefault(pygame.image.tobytes(img, "RGBA"), sid)
    assert len(seen) == len(story_cards(scene))


def test_enter_on_a_focused_card_starts_its_story(make_app, ui):
    app, scene = open_picker(make_app, (1024, 600), text_size=200)
    card = story_cards(scene)["sextortion-hacked-friend"]
    scene.focus(card)
    app.step([], 0)
    assert scene.view.contains(card.rect) or card.rect.h > scene.view.h
    assert ui.focus_rings(app)
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "chat" and app.top.pt.scenario.id == "sextortion-hacked-friend"


LOOKS = [((1024, 600), dict()), ((1024, 600), dict(text_size=200)),
         ((1024, 600), dict(text_size=200, lang="fr", font="dyslexic")),
         ((1280, 720), dict(theme="high-contrast")), ((1024, 600), dict(text_size=200, theme="high-contrast"))]


@pytest.mark.parametrize("size,look", LOOKS)
def test_nothing_overlaps_at_small_sizes_and_big_text(make_app, ui, size, look):
    app, scene = open_picker(make_app, size, **look)
    screen = app.screen.get_rect()
    checked = set()
    while True:
        rows = ui.recorded(app)
        for rect, box, text in rows:
            assert box.inflate(2, 2).contains(rect), (text[:50], rect, box)
            assert screen.contains(rect), (text[:50], rect)
        for sid, card in story_cards(scene).items():
            picture, beside = parts(card)
            if not (card.rect.h and scene.view.contains(picture.rect)):
                continue
            assert card.rect.contains(picture.rect), sid
            assert not any(picture.rect.colliderect(r) for r, _b, _t in rows), sid
            checked.add(sid)
        drawn = [c for c in story_cards(scene).values() if c.rect.h]
        for a in drawn:
            assert not any(a is not b and a.rect.colliderect(b.rect) for b in drawn)
        if scene.offset >= scene.max_offset():
            break
        scene.scroll(scene.view.h / 3)
        app.step([], 0)
    assert len(checked) == len(story_cards(scene))


def test_in_a_narrow_card_the_picture_goes_above_the_words(make_app, library):
    from game.ui.widgets.base import TextBlock, UIState

    make_app((1024, 600), text_size=200)
    sc = library.playable()["sextortion-hacked-friend"]
    card = StoryCard(TextBlock("Title", "large"), StoryPicture(sc, "en", True),
                     [TextBlock("Words long enough to wrap on a narrow card", "body")], action=lambda: None)
    pw, ph = card.picture.size()
    surf = pygame.Surface((1000, 1200))
    narrow = pw + 80
    inner = card._inner(narrow)[1]
    assert card.above(inner) and not card.above(card._inner(900)[1])
    card.draw(surf, 0, 0, narrow, UIState())
    words, title = card.words[0].rect, card.title.rect
    assert title.bottom <= card.picture.rect.top and card.picture.rect.bottom <= words.top
    assert words.w == inner and card.rect.contains(words)
    assert card.body_height(inner) == ph + theme().px("gap") + words.h
    card.draw(surf, 0, 0, 900, UIState())
    words = card.words[0].rect
    assert card.picture.rect.right <= words.left and words.top == card.picture.rect.top
