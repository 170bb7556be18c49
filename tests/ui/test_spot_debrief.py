"""The class debrief screen shows "What the class can spot" in the presenter's own sentences
(the same as the PDF and `results debrief`), with each group's d′ before and after."""

from __future__ import annotations

from game.classroom.classdebrief import class_debrief
from game.classroom.presenter import present

from .test_session import open_results, played  # noqa: F401 (played is a fixture)


def test_the_screen_shows_what_the_class_can_spot(played, ui, library):  # noqa: F811
    app = played
    scene = open_results(app, ui)
    room = app.classroom
    model = class_debrief(room.store, library.playable(), room.check)
    spot = present(model, library.playable(), library.taxonomy, "en").spot
    assert spot is not None and spot.groups and spot.verdict
    shown = ui.whole_page(app, scene)
    for sentence in spot.text():
        assert sentence.strip() in shown, sentence
    assert spot.verdict.startswith("Too few groups to conclude anything: 3 groups")
    for g in spot.groups:
        assert g.name in shown and all(t in shown for t in g.text)
