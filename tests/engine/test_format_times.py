"""Times and minutes by language: a message's `time:` is a clock each language shows its own way
(7:42 PM, 19 h 42) or a label written per language; `minutes:` is one number or one per
language, which the picker, the lesson planner and the guide read in their language; `check`
reports the play time of all paths in each language: shortest, median, middle half, longest."""

from __future__ import annotations

import json
import statistics

import pytest

from game.authoring.paths import analyse, format_report
from game.authoring.stats import PlayTime
from game.classroom.lesson import estimate
from game.engine.basetypes import Minutes
from game.i18n import format_time
from game.terminal import Walker

from .conftest import MINIMAL, TOOLS, checked

# -- time: ---------------------------------------------------------------------------------------


def test_a_clock_stays_as_written_and_each_language_shows_it(tools):
    clock, label = tools.beats["start"].messages[0], tools.beats["start"].messages[1]
    assert clock.time == "7:42 PM" and clock.time_label("fr") == "7:42 PM"
    assert format_time(clock.time_label("en"), "en") == "7:42\u00a0PM"
    assert format_time(clock.time_label("fr"), "fr") == "19\u00a0h\u00a042"
    assert (label.time_label("en"), label.time_label("fr")) == ("yesterday", "hier")
    assert format_time(label.time_label("fr"), "fr") == "hier"  # a word is shown as written
    assert tools.beats["again"].messages[0].time_label("fr") == ""  # no time


def test_walk_shows_the_time_in_its_language(tools, library):
    for lang, clock, word in (("en", "7:42\u00a0PM", "yesterday"), ("fr", "19\u00a0h\u00a042", "hier")):
        said: list[str] = []
        Walker(tools, library, lang=lang, read=lambda _prompt: "q", write=said.append).play()
        assert f"[0] Sam ({clock}): " in said[3] and f"[1] Sam ({word}): " in said[4], said[3:5]


def test_a_label_by_language_needs_french_a_clock_does_not(library):
    assert not [d for d in checked(TOOLS, library).diagnostics if d.code == "RF030"]
    text = TOOLS.replace("time: {en: yesterday, fr: hier}", "time: {en: yesterday}")
    (d,) = [d for d in checked(text, library).diagnostics if d.code == "RF030"]
    assert d.line == text.splitlines().index("        time: {en: yesterday}") + 1


@pytest.mark.parametrize("bad, code", [("{en: yesterday, de: gestern}", "RF010"), ("{fr: hier}", "RF011"),
                                       ("[8, 30]", "RF013")])
def test_a_badly_written_time_is_located(library, bad, code):
    text = TOOLS.replace("time: {en: yesterday, fr: hier}", f"time: {bad}")
    result = checked(text, library)
    assert code in {d.code for d in result.diagnostics} and not result.ok, [str(d) for d in result.diagnostics]


def test_french_typography_leaves_a_clock_alone(library):
    text = TOOLS.replace("time: {en: yesterday, fr: hier}", 'time: {en: "8:30 PM", fr: "20:30"}')
    sc = checked(text, library).scenario
    assert sc.beats["start"].messages[1].time_label("fr") == "20:30"


# -- minutes: ------------------------------------------------------------------------------------


def test_minutes_by_language(tools, library):
    assert isinstance(tools.minutes, Minutes) and tools.minutes == 8 and tools.minutes.fr == 10
    assert (tools.minutes_for("en"), tools.minutes_for("fr")) == (8, 10)
    one = checked(MINIMAL, library, "minimal.yaml").scenario
    assert one.minutes == 8 and one.minutes.fr is None and one.minutes_for("fr") == 8
    assert one.model_dump(mode="json")["minutes"] == 8
    assert tools.model_dump(mode="json")["minutes"] == {"en": 8, "fr": 10}


@pytest.mark.parametrize("bad, code", [("{en: 0, fr: 9}", "RF014"), ("{en: 8, fr: 61}", "RF014"),
                                       ("{fr: 9}", "RF013"), ("{en: 8, de: 9}", "RF013"),
                                       ("ten", "RF015"), ("{en: ten}", "RF015"), ("0", "RF014")])
def test_badly_written_minutes(library, bad, code):
    text = TOOLS.replace("minutes: {en: 8, fr: 10}", f"minutes: {bad}")
    result = checked(text, library)
    found = [d for d in result.diagnostics if d.code == code]
    assert found and not result.ok, [str(d) for d in result.diagnostics]
    assert found[0].line == 7 and "minutes" in found[0].message


def test_the_lesson_planner_counts_the_minutes_of_its_language(tools):
    assert estimate([tools], None, lang="en").story_minutes == 8
    assert estimate([tools], None, lang="fr").story_minutes == 10


def test_the_schema_takes_both_forms():
    jsonschema = pytest.importorskip("jsonschema")
    from game.authoring import schema

    s = json.loads(schema.render())
    minutes = {"$schema": s["$schema"], "definitions": s["definitions"], **s["properties"]["minutes"]}
    v = jsonschema.Draft7Validator(minutes)
    assert v.is_valid(12) and v.is_valid({"en": 12, "fr": 14}) and v.is_valid({"en": 12})
    assert not v.is_valid({"fr": 14}) and not v.is_valid({"en": 12, "de": 1}) and not v.is_valid(0)


# -- check's play time, language by language ---------------------------------------------------------


def test_play_time_quartiles():
    t = PlayTime.of("en", [300.0, 100.0, 200.0, 400.0, 500.0], 6)
    assert (t.shortest, t.q1, t.median, t.q3, t.longest) == (100.0, 200.0, 300.0, 400.0, 500.0)
    assert t.spread == 200.0 and t.paths == 5 and t.declared == 6
    one = PlayTime.of("fr", [90.0], 3)
    assert (one.shortest, one.q1, one.median, one.q3, one.longest, one.spread) == (90.0, 90.0, 90.0, 90.0, 90.0, 0.0)


def test_check_reports_each_language_beside_its_minutes(tools):
    r = analyse(tools)
    assert set(r.play_times) == {"en", "fr"}
    en, fr = r.play_times["en"], r.play_times["fr"]
    assert (en.declared, fr.declared) == (8, 10) and en.paths == fr.paths == r.paths
    assert (en.shortest, en.longest) == (r.seconds_min, r.seconds_max)
    assert en.shortest <= en.q1 <= en.median <= en.q3 <= en.longest
    assert fr.median > en.median  # the French texts are longer
    text = format_report(r)
    assert "en: shortest" in text and "fr: shortest" in text and "median" in text
    assert "the file says minutes: 10" in text
    data = r.as_dict()["play_times"]
    assert set(data["fr"]) >= {"shortest", "q1", "median", "q3", "longest", "spread", "declared"}
    json.dumps(data)


def test_the_median_is_the_median_of_all_paths(tools):
    from game.authoring.stats import estimate_seconds
    from game.engine.paths import all_paths

    seconds = [estimate_seconds(tools, p.events, "fr") for p in all_paths(tools)]
    assert analyse(tools, lang="fr").play_times["fr"].median == statistics.median(seconds)
    assert analyse(tools, lang="fr").declared_minutes == 10


def test_the_editor_accepts_every_writer_tool_and_rejects_a_bad_counter():
    """writer-tools.yaml uses them all: times by language, minutes by language, add:, at_least,
    at_most, action: and ending variants. The schema agrees with the loader, as an editor sees it."""
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from game.authoring import schema

    v = jsonschema.Draft7Validator(json.loads(schema.render()))
    data = yaml.safe_load(TOOLS)
    assert not [e.message for e in v.iter_errors(data)]
    data["beats"]["start"]["choices"][0]["add"] = {"warnings": "one"}
    data["beats"]["end"]["ending"]["variants"][0].pop("if")
    assert len(list(v.iter_errors(data))) == 2
