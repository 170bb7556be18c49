"""The top of the debrief: the score as meters (a bar and its points per part, in words too),
"the three you missed" and "what you did well" as the engine picks them, and "See the whole
chat again" moving to the replay, at every size, in high contrast and in the class session."""

from __future__ import annotations

import pygame
import pytest

from game.engine.paths import all_paths
from game.engine.runtime import Playthrough
from game.ui.widgets.debrief_lead import Landmark
from game.ui.widgets.meter import Meters

FORMAT_1, FORMAT_2 = "game-teammate", "sextortion-hacked-friend"


def finished(library, sid: str, n: int = 0) -> Playthrough:
    """Path `n` of the story, played to its end (with no flags raised)."""
    scenario = library.playable()[sid]
    path = all_paths(scenario, limit=100_000)[n]
    return Playthrough(scenario, path.state)


def open_debrief(make_app, library, sid: str, size=(1280, 720), session: bool = False, **settings):
    app = make_app(size, **settings)
    pt = finished(library, sid)
    if session:
        app.open("session-debrief", pt, None)
    else:
        app.open("debrief", pt)
    app.step([], 0)
    return app, app.top


def meters(scene) -> Meters:
    card = next(b for b in scene.blocks if getattr(b, "name", "") == "score")
    return next(it for it in card.items if isinstance(it, Meters))


def show(app, scene, block) -> None:
    """Scroll the page until `block` is drawn whole in the view."""
    scene.offset = 0
    app.step([], 0)
    while not (block.rect.h and scene.view.contains(block.rect)) and scene.offset < scene.max_offset():
        scene.scroll(scene.view.h / 3)
        app.step([], 0)
    assert block.rect.h and scene.view.contains(block.rect)


@pytest.mark.parametrize("sid,parts", [(FORMAT_1, 3), (FORMAT_2, 4)])
def test_a_meter_per_part_with_its_points_in_words(make_app, library, ui, sid, parts):
    app, scene = open_debrief(make_app, library, sid)
    m = meters(scene)
    s = scene.model.score
    assert len(m.rows) == parts
    values = [s.flag_points, s.choice_points] + ([s.did_points] if parts == 4 else []) + [s.outcome_points]
    assert [r.value for r in m.rows] == values
    assert sum(r.maximum for r in m.rows) == s.max_points == 100
    show(app, scene, m)
    shown = ui.texts(app)
    for r in m.rows:
        assert r.words == f"{r.value} of {r.maximum}" and r.words in shown
        assert r.label in shown
    assert len(m.bars) == parts and all(m.rect.contains(b) for b in m.bars)
    # read aloud says every part and its points
    assert all(f"{r.label}: {r.words}" in m.speech for r in m.rows)
    assert "of 30" in scene.describe() or "of 40" in scene.describe()


def test_the_bars_fill_to_the_points(make_app, library):
    app, scene = open_debrief(make_app, library, FORMAT_2)
    m = meters(scene)
    show(app, scene, m)
    from game.ui.theme import theme

    for row, bar in zip(m.rows, m.bars, strict=True):
        filled = [x for x in range(bar.x + 2, bar.right - 2) if app.screen.get_at((x, bar.centery))[:3]
                  == theme().color(row.tone)[:3]]
        expected = bar.w * row.share
        assert abs(len(filled) - expected) <= max(bar.h, 0.05 * bar.w), (row.label, len(filled), expected)


@pytest.mark.parametrize("sid", [FORMAT_1, FORMAT_2])
def test_the_lead_lists_at_most_three_of_each(make_app, library, ui, sid):
    app, scene = open_debrief(make_app, library, sid)
    lead = scene.lead
    assert 0 < len(lead.missed) <= 3 and len(lead.did_well) <= 3
    heads = [i for i, b in enumerate(scene.blocks) if getattr(b, "text", "") in
             ("The one you missed", "The two you missed", "The three you missed", "What you did well")]
    assert len(heads) == 2
    missed_cards = scene.blocks[heads[0] + 1:heads[1]]
    assert len(missed_cards) == len(lead.missed)
    assert scene.blocks[heads[0]].text == {1: "The one you missed", 2: "The two you missed",
                                           3: "The three you missed"}[len(lead.missed)]
    # the lead comes before the replay, right after the score
    names = [getattr(b, "name", "") for b in scene.blocks]
    assert names.index("score") < heads[0] < names.index("replay")
    for card in missed_cards:  # each says what it was, in the story's own words
        words = " ".join(getattr(it, "text", "") for it in card.items)
        h = lead.missed[missed_cards.index(card)]
        if h.flag is not None:
            assert h.flag.why.get("en") in words
        elif h.choice is not None:
            assert h.choice.choice.feedback.get("en") in words
    show(app, scene, scene.blocks[heads[1]])
    assert "What you did well" in ui.texts(app)


@pytest.mark.parametrize("how", ["click", "keyboard"])
def test_see_the_whole_chat_again_moves_to_the_replay(make_app, library, ui, how):
    app, scene = open_debrief(make_app, library, FORMAT_2)
    button = ui.find_target(scene, "to-replay")
    show(app, scene, button)
    before = scene.offset
    if how == "click":
        ui.click(app, button.rect)
    else:
        scene.focus(button)
        app.step([], 0)
        ui.key(app, pygame.K_RETURN)
    mark = scene.replay_mark
    assert isinstance(mark, Landmark) and scene.ui.focused is mark
    assert scene.offset > before
    assert scene.view.contains(mark.rect) and mark.rect.top - scene.view.top < scene.view.h // 4
    assert ui.focus_rings(app)  # the focus shows where it went
    assert "The conversation, replayed" in scene.describe()  # read aloud says where it is
    ui.key(app, pygame.K_TAB)  # Tab (and switch scanning) carries on from the replay, not the top
    assert scene.targets.index(scene.ui.focused) > scene.targets.index(mark)


@pytest.mark.parametrize("size,look", [((1024, 600), dict(text_size=200, lang="fr")),
                                       ((1024, 600), dict(text_size=200, theme="high-contrast")),
                                       ((1280, 720), dict(theme="high-contrast", font="dyslexic")),
                                       ((1024, 600), dict())])
def test_nothing_overlaps_at_small_sizes_and_big_text(make_app, library, ui, size, look):
    app, scene = open_debrief(make_app, library, FORMAT_2, size, **look)
    screen = app.screen.get_rect()
    m = meters(scene)
    lead_end = scene.blocks.index(scene.replay_mark)
    seen_meters = False
    while True:
        rows = ui.recorded(app)
        for rect, box, text in rows:
            assert box.inflate(2, 2).contains(rect), (text[:50], rect, box)
            assert screen.contains(rect), (text[:50], rect)
        if m.rect.h and scene.view.contains(m.rect):
            inside = [r for r, _b, _t in rows if m.rect.contains(r)]
            assert len(inside) == 2 * len(m.rows)  # a label and the points per part
            for bar in m.bars:
                assert not any(bar.colliderect(r) for r in inside), bar
            seen_meters = True
        drawn = [b for b in scene.blocks[:lead_end + 1] if b.rect.h]
        for a, b in zip(drawn, drawn[1:], strict=False):
            assert a.rect.bottom <= b.rect.top, (a, b)
        if scene.offset >= scene.max_offset() or scene.blocks[lead_end].rect.h:
            break
        scene.scroll(scene.view.h / 3)
    assert seen_meters


def test_the_class_session_debrief_has_the_lead_too(make_app, library, ui):
    app, scene = open_debrief(make_app, library, FORMAT_1, session=True)
    assert scene.in_session and app.top is scene
    assert ui.find_target(scene, "continue") and ui.find_target(scene, "to-replay")
    assert meters(scene).rows and scene.lead.missed
    button = ui.find_target(scene, "to-replay")
    show(app, scene, button)
    ui.click(app, button.rect)
    assert scene.ui.focused is scene.replay_mark


def test_switch_scanning_reaches_the_button_and_a_switch_press_jumps(make_app, library, ui):
    app, scene = open_debrief(make_app, library, FORMAT_2, scanning="fast")
    reached = []
    for _n in range(len(scene.targets) + 1):
        app.step([], 1.3)  # a scanning step: the focus moves on by itself
        reached.append(getattr(scene.ui.focused, "name", ""))
        if reached[-1] == "to-replay":
            break
    assert reached[-1] == "to-replay", reached
    assert scene.view.contains(scene.ui.focused.rect)  # scanned into view
    ui.key(app, pygame.K_SPACE)  # the switch
    assert scene.ui.focused is scene.replay_mark
    app.step([], 1.3)
    assert scene.targets.index(scene.ui.focused) == scene.targets.index(scene.replay_mark) + 1
