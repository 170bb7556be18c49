"""Scoring the spot check (signal detection), counterbalancing, and the knowledge forms' shuffle and lint."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.classroom.knowledge import load_check, load_check_source, load_forms, score
from game.engine.detection import Counts, by_tactic, form_for, tally
from game.engine.quiz import longest_is_right, option_order, shuffle_seed, written_index
from game.engine.spotcheck import SpotCheck, SpotMessage


def test_d_prime_by_hand_three_hits_of_four_one_false_alarm_of_six():
    c = Counts(hits=3, misses=1, false_alarms=1, correct_rejections=5)
    # log-linear: H = 3.5 / 5 = 0.7, F = 1.5 / 7 = 0.2143; from a z table, z(0.7) = 0.5244 and
    # z(0.2143) = -0.7917 (between -0.79 and -0.80)
    assert c.hit_rate == pytest.approx(0.7)
    assert c.false_alarm_rate == pytest.approx(1.5 / 7)
    assert c.d_prime == pytest.approx(0.5244 + 0.7917, abs=1e-3)
    assert c.criterion == pytest.approx(-(0.5244 - 0.7917) / 2, abs=1e-3)


def test_perfect_and_empty_scores_stay_finite():
    perfect = Counts(hits=4, misses=0, false_alarms=0, correct_rejections=6)
    # H = 4.5 / 5 = 0.9 -> z 1.2816; F = 0.5 / 7 = 0.0714 -> z -1.4652 (table)
    assert perfect.d_prime == pytest.approx(1.2816 + 1.4652, abs=2e-3)
    flags_everything = Counts(hits=5, misses=0, false_alarms=5, correct_rejections=0)
    assert flags_everything.d_prime == pytest.approx(0.0)  # H = F = 5.5 / 6: no better than chance
    assert flags_everything.criterion < -1  # flags freely
    assert Counts().d_prime == 0.0 and Counts().criterion == 0.0


def _msg(sender: str, red_flag: str | None = None, fine: bool = False) -> SpotMessage:
    return SpotMessage.model_validate({"from": sender, "text": "x", "red_flag": red_flag, "fine": fine,
                                       "why": "y" if red_flag or fine else None})


def _chat(cid: str, *messages: SpotMessage) -> SpotCheck:
    return SpotCheck.model_validate({
        "kind": "spotcheck", "format": 1, "id": cid, "form": "A", "difficulty": 1, "topics": ["grooming"],
        "title": "t", "platform": {"name": "P", "kind": "game_chat"}, "characters": {"k": {"name": "k"}},
        "messages": messages})


CHATS = [
    _chat("one", _msg("k", "flattery"), _msg("you"), _msg("k", "secrecy"), _msg("k", fine=True), _msg("k")),
    _chat("two", _msg("k", "flattery"), _msg("k"), _msg("k", "threats"), _msg("k"), _msg("you"), _msg("k", fine=True)),
]


def test_tally_counts_hits_misses_false_alarms_and_rejections():
    # signals: one/0, one/2, two/0, two/2 (4); noise: one/3, one/4, two/1, two/3, two/5 (5)
    flagged = {("one", 0), ("one", 2), ("two", 0), ("one", 3), ("one", 1), ("three", 0)}
    c = tally(CHATS, flagged)
    assert (c.hits, c.misses, c.false_alarms, c.correct_rejections) == (3, 1, 1, 4)
    # the student's own message (one/1) and a chat not shown ("three") count for nothing


def test_by_tactic_uses_each_tactics_hits_and_the_phases_false_alarms():
    tactics = by_tactic(CHATS, {("one", 0), ("two", 2), ("two", 1)})
    assert set(tactics) == {"flattery", "secrecy", "threats"}
    assert (tactics["flattery"].hits, tactics["flattery"].misses) == (1, 1)
    assert (tactics["secrecy"].hits, tactics["secrecy"].misses) == (0, 1)
    assert (tactics["threats"].hits, tactics["threats"].misses) == (1, 0)
    assert all((t.false_alarms, t.correct_rejections) == (1, 4) for t in tactics.values())


@pytest.mark.parametrize("group, pre, post", [(0, "A", "B"), (1, "B", "A"), (2, "A", "B"), (7, "B", "A")])
def test_form_for_counterbalances_and_later_repeats_before(group, pre, post):
    assert (form_for(group, "pre"), form_for(group, "post"), form_for(group, "later")) == (pre, post, pre)


# --- the knowledge check's forms --------------------------------------------------------------


@pytest.fixture(scope="module")
def forms():
    found, diags = load_forms()
    assert diags == [], "\n".join(map(str, diags))
    return found


def test_two_parallel_forms_cover_the_same_tactics(forms):
    a, b = forms["A"], forms["B"]
    assert len(a.questions) == len(b.questions) >= 6
    assert [q.tactic for q in a.questions] == [q.tactic for q in b.questions]
    assert None not in [q.tactic for q in a.questions]
    assert not {q.id for q in a.questions} & {q.id for q in b.questions}
    assert a.id != b.id


def test_old_answers_to_form_a_still_score(forms):
    # a results file from before the forms: form A's ids and the options' written places
    old = {"secret-gift": 1, "private-app": 0, "who-checks": 0, "open-adult": 1, "threat-pay": 2,
           "small-requests": 0}
    assert score(forms["A"], old).correct == 6
    assert load_check()[0] == forms["A"]  # the default check is still form A


def test_shuffle_is_deterministic_and_keeps_the_answer(forms):
    orders = set()
    for check in forms.values():
        for q in check.questions:
            for group in ("g1", "g2", "g3"):
                order = option_order(len(q.options), shuffle_seed(group, "pre", q.id))
                assert sorted(order) == list(range(len(q.options)))
                assert order == option_order(len(q.options), shuffle_seed(group, "pre", q.id))
                shown = order.index(q.correct_index)  # where the group sees the right answer
                stored = written_index(order, shown)  # what the store keeps when they pick it
                assert score(check, {q.id: stored}).correct == 1
                orders.add(order)
    assert len(orders) > 1  # not the written order every time


def test_shuffle_is_the_same_in_another_process():
    here = option_order(5, shuffle_seed("group-7", "post", "threat-pay"))
    code = ("from game.engine.quiz import option_order, shuffle_seed;"
            "print(option_order(5, shuffle_seed('group-7', 'post', 'threat-pay')))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == str(here)


LONGEST = """kind: knowledge
format: 1
id: quiz
form: A
title: {en: Quiz, fr: Quiz}
questions:
  - id: q1
    text: {en: Which?, fr: Laquelle?}
    options:
      - {en: No, fr: Non}
      - {en: The long right answer, fr: La longue bonne réponse}
    answer: 2
    explain: {en: Because., fr: Parce que.}
  - id: q2
    text: {en: Which?, fr: Laquelle?}
    options:
      - {en: The long right answer, fr: La longue bonne réponse}
      - {en: No, fr: Non}
    answer: 1
    explain: {en: Because., fr: Parce que.}
  - id: q3
    text: {en: Which?, fr: Laquelle?}
    options:
      - {en: Yes, fr: Oui}
      - {en: A longer wrong answer, fr: Une réponse fausse plus longue}
    answer: 1
    explain: {en: Because., fr: Parce que.}
"""


def test_longest_answer_lint_fires_on_a_crafted_form():
    check, diags = load_check_source(LONGEST, "quiz.yaml")
    assert check is not None  # a warning: the form still loads
    assert [str(d).split("\n")[0] for d in diags] == [
        "quiz.yaml:6:1: warning RF054: the right answer is the longest option in 2 of 3 questions (q1, q2)"]


def test_longest_answer_lint_counts_french_too():
    text = LONGEST.replace("{en: No, fr: Non}", "{en: No no no no no no no no, fr: Non}")
    assert longest_is_right(load_check_source(text, "quiz.yaml")[0]) == ["q1", "q2"]  # French gives it away


def test_longest_answer_lint_quiet_on_shipped_forms_and_a_fair_form(forms):
    assert all(longest_is_right(check) == [] for check in forms.values())
    fair = LONGEST.replace("{en: No, fr: Non}", "{en: A short wrong answer here, fr: Une réponse fausse et assez longue}")
    assert load_check_source(fair, "quiz.yaml")[1] == []
