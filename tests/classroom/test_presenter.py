"""The class debrief's lines: one presenter gives the screen, the PDF report and the text of
`results debrief` the same names, titles, order and knowledge-check gain."""

from __future__ import annotations

from game.classroom.classdebrief import GroupResult, OtherVersion, build
from game.classroom.knowledge import CheckScore, gain, gain_between, questions_gained
from game.classroom.presenter import present, share, snippet
from game.classroom.results_cmd import format_debrief
from game.classroom.store import Answer
from game.engine.paths import all_paths
from game.engine.taxonomy import category_name

from .helpers import play_path as _play


def _answers(phase: str, right: int, wrong: int) -> tuple[Answer, ...]:
    return tuple(Answer(phase, "check", f"q{i}", 0, i < right) for i in range(right + wrong))


def _model(scenario, check):
    paths = all_paths(scenario)
    ga = GroupResult("g1", "s", "Catchers", (_play(scenario, paths[0], True),),
                     _answers("pre", 2, 4) + _answers("post", 6, 0))
    gb = GroupResult("g2", "s", "Missers", (_play(scenario, paths[-1], False),), _answers("pre", 3, 3))
    return build([ga, gb], {scenario.id: scenario}, check)


def test_one_rule_for_the_gain():
    pre, post = CheckScore(2, 8), CheckScore(6, 8)
    assert gain_between(25, 75) == 50 and gain_between(None, 75) is None and gain_between(25, None) is None
    assert gain(pre, post) == post.percent - pre.percent == 50  # percentage points: the class debrief
    assert questions_gained(pre, post) == 4  # questions: a group's own screen
    assert questions_gained(None, post) is None and questions_gained(post, pre) == -4


def test_the_lines_name_and_order_what_the_class_debrief_counted(scenario, check, library):
    model = _model(scenario, check)
    lines = present(model, {scenario.id: scenario}, library.taxonomy, "fr")
    assert [g.name for g in lines.groups] == ["Catchers", "Missers"] and lines.percent == model.percent
    catchers, missers = lines.groups
    assert catchers.gain == catchers.post - catchers.pre and missers.gain is None
    assert lines.gain == lines.change.after - lines.change.before
    assert catchers.stories == ()  # only when asked for
    assert [t.name for t in lines.tactics] == [category_name(library.taxonomy, c.category, "fr")
                                              for c in model.categories]
    (story,) = lines.stories
    assert story.title == scenario.title.get("fr")
    assert [(f.text, f.caught, f.seen) for f in story.flags] == [(f.text.get("fr"), f.caught, f.seen)
                                                                 for f in model.flags]
    assert [d.number for d in story.decisions] == list(range(1, len(model.choices) + 1))
    assert [d.total for d in story.decisions] == [c.total for c in model.choices]
    first = story.decisions[0]
    assert [o.count for o in first.options] == [o.count for o in model.choices[0].options]


def test_by_group_lists_each_groups_stories_with_the_tactics_it_missed(scenario, check, library):
    model = _model(scenario, check)
    lines = present(model, {scenario.id: scenario}, library.taxonomy, "en", by_group=True)
    catchers, missers = lines.groups
    assert catchers.stories[0].title == scenario.title.en and catchers.stories[0].missed_tactics == ()
    missed = missers.stories[0].missed_tactics
    assert missed and list(missed) == sorted(set(missed))  # each tactic once, sorted
    assert missers.stories[0].score == model.groups[1].scenarios[0].score


def test_a_story_not_installed_here_is_named_by_its_id(scenario, check, library):
    model = _model(scenario, check)
    model = type(model)(model.groups, model.flags, model.categories, model.choices, model.scenario_ids,
                        ("gone-story",), (OtherVersion("old-story", 2, 1),))
    lines = present(model, {scenario.id: scenario}, library.taxonomy, "en")
    assert lines.missing == ("gone-story",) and len(lines.notes) == 1 and "old-story" in lines.notes[0]


def test_the_text_debrief_draws_the_lines(scenario, check, library):
    model = _model(scenario, check)
    lines = present(model, library.playable(), library.taxonomy, "en")
    text = format_debrief(model, library, "en")
    for t in lines.tactics:
        assert f"{t.percent:>3}% ({t.caught}/{t.seen})" in text and t.name in text
    for d in lines.stories[0].decisions:
        assert f"{lines.stories[0].title} · {d.beat}" in text


def test_snippet_and_share():
    assert snippet("short", 10) == "short"
    assert snippet("a long sentence here", 8) == "a long…" and len(snippet("x" * 50, 8)) == 8
    assert share(1, 4) == 0.25 and share(3, 0) == 0.0
