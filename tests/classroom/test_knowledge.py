"""The knowledge check: the shipped questions, located errors, scoring and gain."""

from __future__ import annotations

from game.classroom.knowledge import CheckScore, gain, load_check, load_check_source, score

GOOD = """format: 1
id: check
title: {en: Quiz, fr: Quiz}
questions:
  - id: q1
    text: {en: Which?, fr: Laquelle?}
    options:
      - {en: A, fr: A}
      - {en: B, fr: B}
    answer: 2
    explain: {en: Because., fr: Parce que.}
"""


def test_shipped_check_is_complete(check):
    assert 5 <= len(check.questions) <= 10
    for q in check.questions:
        assert q.text.fr and q.explain.fr and all(o.fr for o in q.options)
        assert 0 <= q.correct_index < len(q.options)
    assert load_check()[1] == []


def test_good_source_loads():
    check, diags = load_check_source(GOOD, "check.yaml")
    assert diags == [] and check.questions[0].correct_index == 1


def _errors(text):
    check, diags = load_check_source(text, "check.yaml")
    assert check is None
    return [(d.line, d.col, d.code, d.message) for d in diags if d.severity == "error"]


def test_answer_past_the_options_is_located():
    [(line, col, _, message)] = _errors(GOOD.replace("answer: 2", "answer: 3"))
    assert (line, col) == (10, 13) and "past the last option" in message


def test_typo_in_a_key_is_located():
    errors = _errors(GOOD.replace("explain:", "explian:"))
    assert (11, 5, "RF010") in [e[:3] for e in errors]
    assert any("did you mean" not in e[3] and "explian" in e[3] for e in errors)


def test_yaml_syntax_error_is_located():
    [(line, _, code, _)] = _errors(GOOD.replace("text: {en: Which?, fr: Laquelle?}",
                                                "text: Which: this?"))
    assert (line, code) == (6, "RF003")


def test_duplicate_ids_and_missing_french():
    [(line, _, _, message)] = _errors(GOOD + GOOD.split("questions:\n")[1])
    assert line == 5 and "'q1' is used twice" in message
    text = GOOD + """  - id: q2
    text: Again?
    options: [Yes, No]
    answer: 1
    explain: {en: Because., fr: Parce que.}
"""
    check, diags = load_check_source(text, "check.yaml")
    assert check is not None  # missing French is a warning
    assert [(d.line, d.code) for d in diags][:2] == [(13, "RF030"), (14, "RF030")]


def test_scoring_and_gain(check):
    right = {q.id: q.correct_index for q in check.questions}
    total = len(check.questions)
    assert score(check, right) == CheckScore(total, total)
    assert score(check, {}).percent == 0
    half = dict(list(right.items())[: total // 2])
    pre, post = score(check, half), score(check, right)
    assert gain(pre, post) == 100 - pre.percent
    assert gain(None, post) is None


def test_option_and_question_counts():
    [(_, _, _, message)] = _errors(GOOD.replace("      - {en: B, fr: B}\n", ""))
    assert "2 to 5 options" in message
    head = GOOD.split("questions:")[0]
    [(_, _, _, message)] = _errors(head + "questions: []\n")
    assert "at least one question" in message
