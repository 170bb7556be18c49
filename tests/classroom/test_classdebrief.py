"""Class debrief math on hand-made playthroughs whose numbers are known."""

from __future__ import annotations

from game.classroom.classdebrief import GroupResult, PlayRecord, build, pick_plays
from game.classroom.store import Answer
from game.engine.paths import all_paths
from game.engine.runtime import MessageEvent, Playthrough
from game.engine.scoring import debrief


def _play(scenario, path, flag_all: bool):
    """Replay `path`, flagging every real red flag (or none)."""
    pt = Playthrough(scenario)
    choices = iter(path.choices)
    while not pt.ended:
        event = pt.next()
        if isinstance(event, MessageEvent) and flag_all and event.message.flag:
            pt.flag(event.index)
        elif hasattr(event, "options"):
            pt.choose(next(choices))
    return PlayRecord(scenario.id, 0, pt.state, True)


def _answers(phase, right, wrong):
    return tuple(Answer(phase, "check", f"q{i}", 0, i < right) for i in range(right + wrong))


def test_numbers_add_up(scenario, check):
    paths = all_paths(scenario)
    a, b = paths[0], paths[-1]
    ga = GroupResult("g1", "s", "Catchers", (_play(scenario, a, True),),
                     _answers("pre", 2, 4) + _answers("post", 6, 0))
    gb = GroupResult("g2", "s", "Missers", (_play(scenario, b, False),), _answers("pre", 3, 3))
    model = build([ga, gb], {scenario.id: scenario}, check)
    total = len(check.questions)

    catchers, missers = model.groups
    assert catchers.missed == 0 and catchers.caught > 0 and missers.caught == 0
    assert catchers.points == debrief(scenario, ga.plays[0].state).score.points
    assert catchers.pre == round(100 * 2 / total) and catchers.post == round(100 * 6 / total)
    assert catchers.gain == catchers.post - catchers.pre
    assert missers.post is None and missers.gain is None
    assert model.gain == catchers.gain  # only groups with both checks count
    assert model.pre == round((catchers.pre + missers.pre) / 2)

    for row in model.flags:  # every flag seen on a path was caught by the catchers only
        assert row.caught == (1 if any(f.key == row.key and f.category
                                       for f in debrief(scenario, ga.plays[0].state).flags) else 0)
        assert 1 <= row.seen <= 2 and row.caught <= row.seen
    for cat in model.categories:
        assert cat.seen == sum(r.seen for r in model.flags if r.category == cat.category)
    percents = [c.percent for c in model.categories]
    assert percents == sorted(percents)  # weakest tactic first

    first_beat = scenario.start_beat
    [first] = [c for c in model.choices if c.beat == first_beat]
    assert first.total == 2
    assert {o.index: o.count for o in first.options if o.count} == (
        {a.choices[0]: 2} if a.choices[0] == b.choices[0] else {a.choices[0]: 1, b.choices[0]: 1})


def test_latest_finished_playthrough_counts(scenario):
    path = all_paths(scenario)[0]
    done = _play(scenario, path, True)
    unfinished = PlayRecord(scenario.id, 0, Playthrough(scenario).state, False)
    assert pick_plays((done, unfinished)) == [done]
    assert pick_plays((unfinished,)) == [unfinished]


def test_missing_scenarios_are_reported_not_counted(scenario):
    record = PlayRecord("not-installed", 0, Playthrough(scenario).state, True)
    model = build([GroupResult("g", "s", "Owls", (record,))], {}, None)
    assert model.missing_scenarios == ("not-installed",)
    assert model.groups[0].max_points == 0 and model.percent is None


def test_empty_class():
    model = build([], {}, None)
    assert model.groups == () and model.pre is None and model.gain is None
