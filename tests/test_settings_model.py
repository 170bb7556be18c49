"""One settings model: a class's defaults are a typed record of the player's own settings
(`ClassDefaults`), read from the class settings without reflection, and the files of earlier
versions still load."""

from __future__ import annotations

import json
from dataclasses import fields

from game import settings as player
from game.classroom import settings as classroom
from game.engine.options import Difficulty, Lang
from game.settings import ClassDefaults, Settings


def test_class_defaults_are_the_player_settings_a_class_can_set():
    assert {f.name for f in fields(ClassDefaults)} == {f.name for f in fields(Settings)} - {"writer", "chosen"}
    cs = classroom.ClassSettings(language="fr", region="UK", difficulty="name", whole_class=True)
    assert cs.defaults == ClassDefaults(lang="fr", region="UK", difficulty="name", feedback="coach", text_size=150)
    assert classroom.ClassSettings().defaults.text_size is None


def test_a_record_with_options_or_nonsense_keeps_only_what_a_setting_can_take():
    record = ClassDefaults(lang=Lang.FR, difficulty=Difficulty.NAME, text_size=999, speed="warp",
                           sound=1, reduced_motion=True)  # type: ignore[arg-type]
    assert record.values() == {"lang": "fr", "difficulty": "name", "reduced_motion": True}
    assert type(record.lang) is str
    assert ClassDefaults(text_size="large").text_size == 125  # type: ignore[arg-type]  # an old size name


def test_merging_takes_a_record_a_mapping_or_class_settings_and_nothing_else():
    merged = Settings().with_class_defaults(ClassDefaults(lang="fr", speed="slow"))
    assert (merged.lang, merged.speed) == ("fr", "slow")
    assert Settings().with_class_defaults({"language": "fr", "whole_class": True}).text_size == 150

    class LooksLikeSettings:  # the same names, but no `defaults` record: not read by reflection
        language, difficulty = "fr", "name"

    assert Settings().with_class_defaults(LooksLikeSettings()) == Settings()


def test_old_class_settings_files_still_load(tmp_path, monkeypatch):
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path))
    old = {"topics": ["sextortion"], "difficulty": "name", "feedback": "challenge", "discussion": "all",
           "timer_seconds": 90, "language": "fr", "region": "US", "whole_class": False,
           "knowledge_check": True, "class_label": "7B", "from_a_newer_version": 1}
    classroom.settings_path().write_text(json.dumps(old), encoding="utf-8")
    cs = classroom.load_settings()
    assert (cs.language, cs.region, cs.difficulty, cs.feedback, cs.discussion) == ("fr", "US", "name", "challenge", "all")
    assert Settings().with_class_defaults(cs).lang == "fr"
    classroom.save_settings(cs)
    saved = json.loads(classroom.settings_path().read_text(encoding="utf-8"))
    assert saved["language"] == "fr" and saved["difficulty"] == "name" and "defaults" not in saved


def test_old_player_settings_files_still_load(tmp_path, monkeypatch):
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path))
    player.path().write_text('{"lang": "fr", "text_size": "large", "region": "UK", "difficulty": "name"}')
    loaded = player.load()
    assert (loaded.lang, loaded.text_size, loaded.region, loaded.difficulty) == ("fr", 125, "UK", "name")
