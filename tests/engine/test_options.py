"""Options declared once (game/engine/options.py): every other declaration of the same values
agrees with it, and every option has a label in each language."""

from __future__ import annotations

from typing import get_args

import pytest

from game import catalogue, i18n
from game.engine import options
from game.engine.options import Difficulty, Discussion, Feedback, Lang, Outcome, Region, Safety


def test_other_declarations_agree_with_the_options():
    from game import settings
    from game.authoring import transcripts
    from game.classroom import settings as class_settings
    from game.engine import model, runtime, taxonomy

    assert get_args(model.Safety) == options.values(Safety)
    assert get_args(model.Outcome) == options.values(Outcome)
    assert get_args(runtime.Difficulty) == options.values(Difficulty)
    assert get_args(runtime.Feedback) == options.values(Feedback)
    assert model.LANGS == i18n.LANGS == options.LANGS == ("en", "fr")
    assert tuple(taxonomy.REGIONS) == options.REGIONS == ("CA", "US", "UK")
    assert get_args(transcripts.Transcript.model_fields["lang"].annotation) == options.LANGS
    assert get_args(class_settings.Discussion) == class_settings.DISCUSSIONS == options.values(Discussion)
    assert settings.CHOICES["difficulty"] == class_settings.DIFFICULTIES == ("spot", "name")
    assert settings.CHOICES["feedback"] == class_settings.FEEDBACKS == ("coach", "challenge")


def test_members_are_their_stored_values():
    assert Difficulty.SPOT == "spot" and f"{Region.UK}" == "UK" and str(Lang.FR) == "fr"
    assert options.parse(Feedback, "challenge") is Feedback.CHALLENGE and options.parse(Feedback, "x") is None
    assert options.label(Safety, "nonsense", "fr") == "nonsense"


@pytest.mark.parametrize("option", [Region, Difficulty, Feedback, Discussion, Safety, Outcome])
def test_every_option_has_a_label_in_each_language(option):
    french = catalogue.read_po(catalogue.po_path("fr").read_text(encoding="utf-8"))
    english = options.labels(option, "en")
    assert list(english) == list(options.values(option))
    for value, name in english.items():
        assert french.get(name), f"{option.__name__}.{value}: {name!r} has no French"
        assert options.label(option, value, "fr") == french[name]


def test_labels_follow_the_screen_unless_a_language_is_given():
    try:
        i18n.set_language("fr")
        assert options.label(Difficulty, "spot") == "Repère-le" and options.label(Feedback, "challenge") == "Défi"
        assert options.label(Region, "US", "en") == "United States"
    finally:
        i18n.set_language("en")
    assert options.labels(Lang) == {"en": "English", "fr": "Français"}  # each in its own language
