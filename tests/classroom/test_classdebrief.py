"""Class debrief math on hand-made playthroughs whose numbers are known."""

from __future__ import annotations

import os

import pytest

from game.classroom.classdebrief import (
    GroupResult,
    GroupRow,
    PlayRecord,
    Tally,
    build,
    class_debrief,
    collect,
    pick_plays,
)
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import Answer
from game.engine.paths import all_paths
from game.engine.runtime import Playthrough
from game.engine.scoring import debrief

from .helpers import play_group
from .helpers import play_path as _play
from .test_versions import edited


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


def test_before_and_after_are_compared_over_the_groups_that_answered_both(scenario, check):
    """Only the quick groups reach the check after: comparing their after with everyone's before
    would show a gain nobody made."""
    total = len(check.questions)
    both = GroupResult("g1", "s", "Both", (), _answers("pre", 2, total - 2) + _answers("post", total, 0))
    before_only = GroupResult("g2", "s", "Before", (), _answers("pre", total, 0))
    after_only = GroupResult("g3", "s", "After", (), _answers("post", total, 0))
    model = build([both, before_only, after_only], {scenario.id: scenario}, check)
    change = model.change
    assert (change.groups, change.only_before, change.only_after) == (1, 1, 1)
    assert change.before == round(100 * 2 / total) and change.after == 100
    assert change.gain == change.after - change.before
    assert model.post == 100 and model.pre != change.before  # what the old summary compared
    from game.classroom.results_cmd import check_change_text

    text = check_change_text(change)
    assert f"1 group answered both: before {change.before}%, after 100% (+{change.gain} points)" in text
    assert "2 more answered one only" in text
    assert "no group answered both" in check_change_text(build([before_only], {}, check).change)
    assert build([], {}, check).change.groups == 0 and build([], {}, check).change.gain is None


def test_a_group_row_made_quickly_is_a_real_read_only_row(scenario):
    tally = Tally({scenario.id: scenario})
    tally.group("g", "Owls", [], 40, 70)
    (row,) = tally.finish().groups
    assert row == GroupRow("g", "Owls", (), 0, 0, 0, 0, 0, 0, 40, 70) and row.gain == 30
    with pytest.raises(AttributeError):  # (a named tuple: made in one step, read-only)
        row.name = "x"


def _board_class(store, scenarios, check):
    """Two sessions on two stories: finished, interrupted and never-started groups."""
    from .legacy import Live, play

    live = Live()
    sessions = []
    for k, plan in enumerate((sorted(scenarios)[:2], sorted(scenarios)[1:3])):
        session = ClassSession.start(store, ClassSettings(class_label=f"7{k}", scenarios=list(plan),
                                                          difficulty="name" if k else "spot"), scenarios, check)
        sessions.append(session.id)
        for n in range(4):
            play(session.add_group(f"G{k}{n}"), live, seed=10 * k + n, flag_rate=0.25 * n,
                 stop_after=15 if n == 3 else None)
        session.add_group("Late")  # never played
    return sessions


def test_the_debrief_from_the_board_equals_the_one_from_the_states(store, scenarios, check):
    sessions = _board_class(store, scenarios, check)
    assert class_debrief(store, scenarios, check) == build(collect(store), scenarios, check)
    for sid in sessions:
        assert (class_debrief(store, scenarios, check, [sid])
                == build(collect(store, [sid]), scenarios, check))
    # a story changed since, and one not installed here: counted as before, the long way
    first = sorted(scenarios)[0]
    fewer = {k: v for k, v in scenarios.items() if k != sorted(scenarios)[2]}
    fewer[first] = edited(scenarios[first])
    model = class_debrief(store, fewer, check)
    assert model == build(collect(store), fewer, check)
    assert model.missing_scenarios == (sorted(scenarios)[2],) and model.other_versions


def test_a_damaged_or_forged_result_line_is_counted_from_the_state(store, scenarios, check):
    from game.classroom import board

    _board_class(store, scenarios, check)
    plays = store.db.execute("SELECT id, result FROM playthroughs WHERE ended IS NOT NULL").fetchall()
    damaged = {plays[0][0]: "1|garbage", plays[1][0]: plays[1][1].replace("|safe|", "|great|")}
    parts = plays[2][1].split("|")
    parts[4] = "nowhere/9 " + parts[4]  # a red flag the story doesn't have, among those seen
    damaged[plays[2][0]] = "|".join(parts)
    parts = plays[3][1].split("|")
    parts[6] = "nowhere/0"  # a reply to a decision that isn't there
    damaged[plays[3][0]] = "|".join(parts)
    with store.transaction() as db:
        for pid, line in damaged.items():
            db.execute("UPDATE playthroughs SET result = ? WHERE id = ?", (line, pid))
        board.refresh(db)
        db.execute("DELETE FROM board WHERE group_id = (SELECT group_id FROM board LIMIT 1)")  # one line lost
    assert class_debrief(store, scenarios, check) == build(collect(store), scenarios, check)


def test_sealed_names_are_opened_with_the_key_and_locked_without(store, scenario, check):
    session = ClassSession.start(store, ClassSettings(scenarios=[scenario.id]), {scenario.id: scenario}, check)
    play_group(session, "Owls", 1)
    play_group(session, "Ravens", 2)
    assert store.use_key(os.urandom(32)) == 2
    assert not [line for (line,) in store.db.execute("SELECT line FROM board") if "Owls" in line]
    for _again in range(2):  # the second time from the names opened the first
        assert [g.name for g in class_debrief(store, {scenario.id: scenario}, check).groups] == ["Owls", "Ravens"]
    with type(store)(store.path) as locked:  # another copy of the game, teacher mode locked
        names = [g.name for g in class_debrief(locked, {scenario.id: scenario}, check).groups]
        assert all(n.startswith("🔒 ") for n in names)
        locked.use_key(os.urandom(32))  # another teacher's key: no name opens, each group keeps its own label
        for _again in range(2):
            model = class_debrief(locked, {scenario.id: scenario}, check)
            assert [g.name for g in model.groups] == [f"🔒 {g.group_id[:4]}" for g in model.groups] == names


def test_phone_stories_are_counted_from_their_lines_not_replayed(store, scenarios, check, monkeypatch):
    """A format 2 story's result line carries its "what you did" points, so the debrief of a
    board reads the line (a school board's 30,000 groups in a fraction of a second) instead of
    replaying every playthrough; a line written before those points existed is replayed."""
    from game.classroom import board, tally

    phone = [sid for sid in sorted(scenarios) if scenarios[sid].format == 2][:2]
    assert len(phone) == 2, "shipped phone stories"
    session = ClassSession.start(store, ClassSettings(scenarios=phone, knowledge_check=False), scenarios, check)
    for n in range(3):
        play_group(session, f"G{n}", n)
    replayed: list[str] = []
    real = tally._long_way
    monkeypatch.setattr(tally, "_long_way", lambda s, t, lines, gid: replayed.append(gid) or real(s, t, lines, gid))
    fast = class_debrief(store, scenarios, check)
    assert replayed == [] and fast == build(collect(store), scenarios, check)
    with store.transaction() as db:  # lines as the previous version wrote them: no `did` value
        for pid, line in db.execute("SELECT id, result FROM playthroughs").fetchall():
            parts = line.split("|")
            parts[1] = parts[1].rsplit(",", 1)[0]
            db.execute("UPDATE playthroughs SET result = ? WHERE id = ?", ("|".join(parts), pid))
        board.refresh(db)
    assert class_debrief(store, scenarios, check) == fast and len(set(replayed)) == 3


def test_the_debrief_of_a_board_leaves_nothing_for_the_cyclic_collector(store, scenarios, check):
    """The debrief runs with the collector paused (tally.no_cycles): anything it left in a cycle
    would be found only when the collector is back, walking everything made since (the reader of
    the checks once did, a thousand objects each time)."""
    import gc

    _board_class(store, scenarios, check)
    class_debrief(store, scenarios, check)  # (the stories' caches made)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        model = class_debrief(store, scenarios, check)
        assert model.groups and model.learning is not None
        del model
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
