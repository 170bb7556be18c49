"""What the class learned (learning.py): a group's spot check scored by hand, the change over
the same groups and the one verdict rule, the section's sentences, and the research file."""

from __future__ import annotations

import csv
import io

import pytest

from game.classroom import pin
from game.classroom.classdebrief import GroupResult, build
from game.classroom.learning import (
    MIN_GROUPS,
    PHASES,
    Change,
    group_learning,
)
from game.classroom.pooling import class_learning
from game.classroom.presenter import present
from game.classroom.records import Answer, Spot
from game.classroom.research import RESEARCH_COLUMNS, research_rows, session_key
from game.classroom.results_cmd import format_debrief
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import ResultsStore
from game.cli import main
from game.engine.detection import Counts
from game.engine.spotcheck import SpotCheck

PIN = "246813"


def _chat(chat_id: str, marks: list[str]) -> SpotCheck:
    """A chat from marks: 'flag:CATEGORY', 'fine', 'plain' (from someone else) or 'you'."""
    messages = []
    for mark in marks:
        m: dict = {"from": "you" if mark == "you" else "ava", "text": {"en": mark, "fr": mark}}
        if mark.startswith("flag:"):
            m |= {"red_flag": mark[5:], "why": {"en": "why", "fr": "pourquoi"}}
        elif mark == "fine":
            m |= {"fine": True, "why": {"en": "why", "fr": "pourquoi"}}
        messages.append(m)
    return SpotCheck.model_validate({
        "kind": "spotcheck", "format": 1, "id": chat_id, "form": "A", "difficulty": 1, "topics": ["grooming"],
        "title": {"en": "t", "fr": "t"}, "platform": {"name": "Chatly", "kind": "social_dm"},
        "characters": {"ava": {"name": "Ava", "avatar": "A"}}, "messages": messages})


# signals: 0 (flattery) and 3 (secrecy); noise: 1, 4 (fine) and 5; 2 is the student's own
CHAT = _chat("t1", ["flag:flattery", "plain", "you", "flag:secrecy", "fine", "plain"])
CHATS = {CHAT.id: CHAT}


def _judged(phase: str, flagged: set[int], chat: SpotCheck = CHAT) -> list[Spot]:
    return [Spot(phase, "A", chat.id, i, i in flagged, 900 if i in flagged else None)
            for i in chat.signals() + chat.noise()]


def _answers(phase: str, right: int, wrong: int) -> list[Answer]:
    return [Answer(phase, "check", f"q{i}", 0, i < right, "A", 2000) for i in range(right + wrong)]


def test_a_groups_phase_is_scored_as_signal_detection_by_hand():
    g = group_learning("g", _judged("pre", {0, 4}) + _judged("post", {0, 3}),
                       _answers("pre", 2, 1), CHATS)
    pre, post = g.phases["pre"], g.phases["post"]
    assert pre.counts == Counts(hits=1, misses=1, false_alarms=1, correct_rejections=2)
    # H = (1 + .5) / (2 + 1) = .5, F = (1 + .5) / (3 + 1) = .375; z(.5) = 0, z(.375) = -0.318639
    assert pre.counts.d_prime == pytest.approx(0.318639, abs=1e-6)
    assert pre.counts.criterion == pytest.approx(0.159320, abs=1e-6)
    # after: both red flags, no false alarm: H = 2.5 / 3 = .8333 (z 0.967422), F = .5 / 4 = .125 (z -1.150349)
    assert post.counts == Counts(2, 0, 0, 3) and g.d_prime("post") == pytest.approx(2.117771, abs=1e-6)
    assert pre.tactics["flattery"] == Counts(1, 0, 1, 2) and pre.tactics["secrecy"] == Counts(0, 1, 1, 2)
    assert (pre.right, pre.asked, post.asked) == (2, 3, 0) and g.knowledge("pre") == pytest.approx(200 / 3)
    assert g.knowledge("post") is None and pre.form == "A"
    # a chat not installed here counts for nothing; a phase with nothing is left out
    other = group_learning("g", [Spot("pre", "B", "gone", 0, True)], [], CHATS)
    assert other.phases == {}


def test_chat_by_chat_with_the_cache_gives_the_engines_numbers_over_all_chats():
    import random

    from game.classroom.skillcheck import shipped_chats
    from game.engine.detection import by_tactic, tally

    chats = {c.id: c for c in shipped_chats()}
    rng, cache = random.Random(7), {}
    for _ in range(40):
        shown = rng.sample(sorted(chats), 3)
        flagged = {(c, i) for c in shown for i in chats[c].signals() + chats[c].noise() if rng.random() < 0.5}
        spots = [Spot("pre", "A", c, i, (c, i) in flagged) for c in shown
                 for i in chats[c].signals() + chats[c].noise()]
        got = group_learning("g", spots, [], chats, cache).phases["pre"]
        assert got.counts == tally([chats[c] for c in shown], flagged)
        assert dict(got.tactics) == by_tactic([chats[c] for c in shown], flagged)
    assert len(cache) < 40 * 3  # the same chat judged the same way is scored once


def test_the_change_and_the_one_verdict_rule():
    six = Change((0.0,) * 6, (1.0, 1.0, 1.0, 1.0, 0.1, -1.0), steady=0.25)
    assert (six.improved, six.stayed, six.dropped) == (4, 1, 1)  # 0.1 is within 0.25: about the same
    assert six.spread == (-1.0, 1.0, 1.0) and six.mean_change == pytest.approx(3.1 / 6)
    assert six.verdict == "most_improved"  # 4 of 6 is two in three, and the median is +1
    assert Change((0.0,) * 5, (1.0,) * 5, 0.25).verdict == "too_few" and MIN_GROUPS == 6
    assert Change((0.0,) * 6, (1.0, 1.0, 1.0, 0.0, 0.0, -1.0), 0.25).verdict == "unclear"  # 3 of 6
    assert Change((1.0,) * 6, (0.0, 0.0, 0.0, 0.0, 1.0, 1.0), 0.25).verdict == "most_dropped"
    # a bare majority is not a clear one: 4 of 7 improved (the median is +1 all the same)
    assert Change((0.0,) * 7, (1.0,) * 4 + (0.0,) * 3, 0.0).verdict == "unclear"
    assert Change((0.0,) * 6, (1.0,) * 4 + (0.0,) * 2, 0.0).verdict == "most_improved"
    assert Change((), (), 0.25).verdict == "none" and Change((), ()).spread is None


def test_only_the_same_groups_count_and_later_only_those_present_each_time():
    both = group_learning("a", _judged("pre", {0}) + _judged("post", {0, 3}) + _judged("later", {0, 3, 4}),
                          _answers("pre", 1, 2) + _answers("post", 3, 0) + _answers("later", 2, 1), CHATS)
    before_only = group_learning("b", _judged("pre", {0, 1, 4, 5}), _answers("pre", 0, 3), CHATS)
    two = group_learning("c", _judged("pre", set()) + _judged("post", {3}), _answers("post", 2, 1), CHATS)
    learning = class_learning([both, before_only, two, group_learning("d", [], [], CHATS)])
    assert [g.group_id for g in learning.groups] == ["a", "b", "c"]  # "d" took no check
    assert learning.skill.groups == 2 and learning.skill.others == 1
    assert learning.spot.group_ids == ("a", "c")
    # pooled over a and c: before 1 hit of 4, 0 false alarms of 6; after 3 of 4, 0 of 6
    assert learning.spot.counts == (Counts(1, 3, 0, 6), Counts(3, 1, 0, 6))
    assert learning.spot.d_primes[0] == pytest.approx((both.d_prime("pre") + two.d_prime("pre")) / 2)
    assert learning.knowledge.groups == 1 and learning.known.right == (1, 3) and learning.known.asked == (3, 3)
    assert learning.later_spot.group_ids == ("a",) and learning.later_known.right == (1, 3, 2)
    flattery = next(t for t in learning.tactics if t.category == "flattery")
    assert (flattery.before.hits, flattery.before.signals, flattery.after.hits) == (1, 2, 1)
    assert learning.headline is learning.skill


def _class(results: list[GroupResult], scenario, library, lang: str = "en"):
    model = build(results, {scenario.id: scenario}, None, CHATS)
    return model, present(model, {scenario.id: scenario}, library.taxonomy, lang)


def test_the_section_says_the_counts_the_spread_and_the_verdict(scenario, library):
    results = [GroupResult(f"g{i}", "s", f"Group {i}", (), tuple(_answers("pre", 1, 2) + _answers("post", 2, 1)),
                           tuple(_judged("pre", {0, 4}) + _judged("post", {0, 3}))) for i in range(6)]
    model, lines = _class(results, scenario, library)
    spot = lines.spot
    assert spot is not None and model.learning is not None and spot.intro
    text = "\n".join(spot.text())
    assert "Over the 6 groups that judged chats both before and after:" in text
    assert "Before (6 groups): red flags flagged 6 of 12, false alarms 6 of 18, mean d′ 0.32" in text
    assert "After (6 groups): red flags flagged 12 of 12, false alarms 0 of 18, mean d′ 2.12" in text
    assert "Mean change in d′: +1.80 (from 0.32 to 2.12)" in text
    assert "lowest +1.80, median +1.80, highest +1.80; 6 improved, 0 stayed about the same, 0 dropped" in text
    # the knowledge change is the one the debrief shows above it (rounded means: 33 % -> 67 %)
    assert lines.gain == 34 and "6 of 18 right before, 12 of 18 after (mean change +34 points)" in text
    assert spot.verdict.startswith("Most groups improved (6 of 6")
    # each judged one chat where a session gives three: counted, and said so, group by group
    assert "6 groups judged fewer than 3 chats before or after (the check was cut short)" in text
    assert [g.name for g in spot.groups] == [f"Group {i} (1 of 3 chats before; 1 of 3 chats after)"
                                             for i in range(6)]
    assert spot.groups[0].text == ("0.32", "2.12", "+1.80")
    _, fr = _class(results, scenario, library, "fr")
    assert fr.spot is not None and fr.spot.groups[0].text == ("0,32", "2,12", "+1,80")
    # five groups: too few to conclude anything, said once, with the number
    _, few = _class(results[:5], scenario, library)
    assert few.spot is not None and few.spot.verdict.startswith("Too few groups to conclude anything: 5 groups")


def test_old_sessions_show_knowledge_only_and_no_checks_show_nothing(scenario, library):
    old = [GroupResult("g1", "s", "Owls", (), tuple(_answers("pre", 1, 2) + _answers("post", 3, 0)))]
    _, lines = _class(old, scenario, library)
    assert lines.spot is not None and not lines.spot.intro and not lines.spot.groups
    assert not any("d′" in line for line in lines.spot.text())
    assert "1 of 3 right before, 3 of 3 after" in lines.spot.lines[0]
    assert lines.spot.verdict.startswith("Too few groups")  # about the knowledge questions, then
    _, none = _class([GroupResult("g1", "s", "Owls", ())], scenario, library)
    assert none.spot is None


def test_the_text_debrief_shows_the_section(scenario, library):
    results = [GroupResult("g1", "s", "Owls", (), (), tuple(_judged("pre", {0}) + _judged("post", {0, 3})))]
    model, lines = _class(results, scenario, library)
    text = format_debrief(model, library)
    assert lines.spot is not None and all(line in text for line in lines.spot.text())


# --- the research file ----------------------------------------------------------------------


def test_research_rows_are_one_per_response(check):
    spots = [Spot("pre", "A", "t1", 0, True, 1200), Spot("pre", "A", "t1", 1, False),
             Spot("pre", "A", "gone", 3, True, 50)]
    q = check.questions[0]
    answers = [Answer("pre", check.id, q.id, q.correct_index, True, "", 4100)]
    rows = research_rows("abc", "G1", spots, answers, CHATS, {check.id: check})
    assert rows == [["abc", "G1", "pre", "A", "spot", "t1#0", "flattery", 1, 1, 1, 1200],
                    ["abc", "G1", "pre", "A", "spot", "t1#1", "", 0, 0, 1, ""],
                    ["abc", "G1", "pre", "A", "spot", "gone#3", "", "", 1, "", 50],  # not installed: blank
                    ["abc", "G1", "pre", check.form, "quiz", q.id, q.tactic or "", "", q.correct_index, 1, 4100]]


def _judge_phase(run, phase: str, good: bool) -> None:
    """Answer a check step or judge a spot step: `good` flags the red flags only and answers right;
    else flags the first message of each chat and answers wrong."""
    step = run.next_step()
    while step.phase == phase:
        if step.kind.endswith("_check"):
            for qid in step.unanswered:
                q = step.check.question(qid)
                run.answer(phase, qid, q.correct_index if good else (q.correct_index + 1) % len(q.options), ms=3000)
        else:
            for chat in step.chats:
                flags = dict.fromkeys(chat.signals(), 700) if good else {chat.noise()[0] if chat.noise()
                                                                          else chat.signals()[0]: 400}
                run.spot(phase, chat.id, flags)
        step = run.next_step()


def test_a_scripted_class_gives_the_expected_research_rows_and_no_name(tmp_path, scenarios, check, monkeypatch):
    pin.set_pin(PIN)
    monkeypatch.setattr(pin, "_N", 2**10)
    names = ("Zebra Crew", "Falcon Squad", "Otter Team")
    with ResultsStore() as store:
        plan = dict(sorted(scenarios.items())[:1])
        session = ClassSession.start(store, ClassSettings(class_label="Room 7B"), plan, check)
        runs = [session.add_group(name) for name in names]
        for run in runs:
            _judge_phase(run, "pre", good=False)
        session.call_after_check()
        for run in runs:
            _judge_phase(run, "post", good=True)
        expected = []
        for n, run in enumerate(runs, 1):
            for phase, good in (("pre", False), ("post", True)):
                form = run.form(phase)
                flagged = {(c.id, i) for c in run.chats(phase)
                           for i in (c.signals() if good else [c.noise()[0] if c.noise() else c.signals()[0]])}
                for c in run.chats(phase):
                    for i in sorted(c.signals() + c.noise()):
                        signal = int(c.messages[i].red_flag is not None)
                        hit = (c.id, i) in flagged
                        expected.append([session_key(session.id), f"G{n}", phase, form, "spot", f"{c.id}#{i}",
                                         c.messages[i].red_flag or "", str(signal), str(int(hit)),
                                         str(int(hit == bool(signal))), "700" if hit and good else "400" if hit
                                         else ""])
                for q in run.check_for(phase).questions:
                    expected.append([session_key(session.id), f"G{n}", phase, form, "quiz", q.id, q.tactic or "",
                                     "", str(q.correct_index if good else (q.correct_index + 1) % len(q.options)),
                                     str(int(good)), "3000"])
        sid = session.id
    out = tmp_path / "research.csv"
    monkeypatch.setattr("sys.stdin", io.StringIO(PIN + "\n"))
    assert main(["results", "research", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert tuple(header) == RESEARCH_COLUMNS
    assert len(expected) > 3 * 2 * 6 and sorted(rows) == sorted(expected) and len(rows) == len(expected)
    assert {r[3] for r in rows if r[1] == "G1" and r[2] == "pre"} == {"A"}  # counterbalanced: G2 starts on B
    assert {r[3] for r in rows if r[1] == "G2" and r[2] == "pre"} == {"B"}
    for secret in (*names, "Room 7B", sid):
        assert secret not in text
    monkeypatch.setattr("sys.stdin", io.StringIO(PIN + "\n"))
    assert main(["results", "research", str(out), "--session", "nosuch"]) == 1


def test_the_board_lines_give_the_same_learning_as_the_rows(tmp_path, scenarios, check):
    """The class debrief reads each group's checks from its board line (board.py), one row a
    group: the same numbers as from every judgement and answer, group by group."""
    from game.classroom.classdebrief import _chats, store_learning
    from game.classroom.learning import group_learning
    from game.classroom.pooling import class_learning

    with ResultsStore(tmp_path / "r.sqlite3") as store:
        session = ClassSession.start(store, ClassSettings(), dict(sorted(scenarios.items())[:1]), check)
        runs = [session.add_group(name) for name in ("Zebras", "Falcons", "Otters", "Owls")]
        for n, run in enumerate(runs):
            _judge_phase(run, "pre", good=n % 2 == 0)
        session.call_after_check()
        for n, run in enumerate(runs[:3]):  # one group never takes the check after
            _judge_phase(run, "post", good=n != 1)
        chats = _chats(None)
        rows = class_learning([group_learning(r.info.id, store.spots(r.info.id), store.answers(r.info.id), chats)
                               for r in runs])
        lines = store_learning(store)
        assert lines == rows and lines.cut_short == {}  # every group judged its three chats
        assert lines.skill.groups == 3 and any(g.phases["pre"].tactics for g in lines.groups)


def test_the_class_csv_has_each_groups_spot_check_before_and_after(tmp_path, scenarios, check):
    """The class CSV (one row per group and story) carries the group's own spot check: red flags
    flagged of those shown, false alarms of the other messages, d′ before and after, the change."""
    from game.classroom.exchange import CSV_COLUMNS, export_csv

    with ResultsStore(tmp_path / "r.sqlite3") as store:
        session = ClassSession.start(store, ClassSettings(), dict(sorted(scenarios.items())[:1]), check)
        good, poor = session.add_group("Good"), session.add_group("Poor")
        _judge_phase(good, "pre", good=False)
        _judge_phase(poor, "pre", good=False)
        session.call_after_check()
        _judge_phase(good, "post", good=True)
        rows = {r["group"]: r for r in csv.DictReader(io.StringIO(export_csv(store, scenarios, check)))}
    assert tuple(next(iter(rows.values()))) == CSV_COLUMNS
    g, p = rows["Good"], rows["Poor"]
    assert g["spot_hits_after"] == g["spot_red_flags_after"] != "0" and g["spot_false_alarms_after"] == "0"
    assert int(g["spot_hits_before"]) < int(g["spot_red_flags_before"]) and float(g["spot_d_prime_change"]) > 0
    assert abs(float(g["spot_d_prime_after"]) - float(g["spot_d_prime_before"])
               - float(g["spot_d_prime_change"])) <= 0.011
    assert p["spot_d_prime_before"] != "" and p["spot_hits_after"] == p["spot_d_prime_change"] == ""  # never after


def test_groups_that_judged_alike_share_one_reading_and_count_one_each(tmp_path):
    """A school board's groups repeat each other's judgements: groups whose board lines carry the
    same checks share one reading (weighed by their number), and every number of the class is
    the one of counting each group from its own rows. Five ways of answering, 40 groups."""
    import random

    from game.classroom.classdebrief import _chats, store_learning
    from game.classroom.skillcheck import shipped_chats

    chats = {c.id: c for c in shipped_chats()}
    rng = random.Random(11)
    ways = []
    for _ in range(5):
        spots, answers = [], []
        for phase in rng.sample(PHASES, rng.randint(1, 3)):
            for chat_id in rng.sample(sorted(chats), 3):
                chat = chats[chat_id]
                spots += [Spot(phase, "A", chat_id, i, rng.random() < 0.5, 500)
                          for i in chat.signals() + chat.noise()]
            answers += [Answer(phase, "check", f"q{i}", 0, rng.random() < 0.6, "A", 900) for i in range(6)]
        ways.append((spots, answers))
    with ResultsStore(tmp_path / "r.sqlite3") as store:
        session = store.new_session({})
        ids = []
        for n in range(40):
            gid = store.add_group(session, f"G{n}", 3)
            spots, answers = ways[rng.randrange(5)]
            for a in answers:
                store.answer(gid, a.phase, a.check_id, a.question_id, a.answer, a.correct, a.form, a.ms)
            for chat_id in dict.fromkeys((s.phase, s.chat_id) for s in spots):
                store.spot(gid, [s for s in spots if (s.phase, s.chat_id) == chat_id])
            ids.append(gid)
        cache: dict = {}
        from_lines = store_learning(store)
        one_by_one = class_learning([group_learning(g, store.spots(g), store.answers(g), _chats(chats), cache)
                                     for g in ids])
    assert len({id(g.phases) for g in from_lines.groups}) <= 5 < len(from_lines.groups)  # shared readings
    assert from_lines.skill.groups > 5 and from_lines.later_spot.groups + from_lines.later_known.groups > 0
    assert from_lines == one_by_one  # to the last digit: each mean is an exact sum (fsum) of the groups


def test_a_spot_check_cut_short_is_counted_and_named():
    """A group that judged 2 of its 3 chats after the stories (the teacher ended the session)
    still counts in the change, and the report says which group it is and how many it judged."""
    from game.classroom.skillcheck import SPOT_CHATS, shipped_chats

    chats = {c.id: c for c in shipped_chats()}
    ids = sorted(chats)
    assert SPOT_CHATS == 3

    def judged(phase: str, some: list[str]) -> list[Spot]:
        return [Spot(phase, "A", c, i, i in chats[c].signals()) for c in some
                for i in chats[c].signals() + chats[c].noise()]

    whole = group_learning("a", judged("pre", ids[:3]) + judged("post", ids[3:6]), [], chats)
    short = group_learning("b", judged("pre", ids[:3]) + judged("post", ids[3:5]), [], chats)
    learning = class_learning([whole, short])
    assert learning.spot.group_ids == ("a", "b") and learning.cut_short == {"b": (3, 2)}
    assert short.phases["post"].chats == 2 and whole.phases["post"].chats == 3
