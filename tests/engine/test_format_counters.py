"""Counters: a choice's `add:` counts how many times something happened, and conditions compare a
counter with `{var: NAME, at_least: N}` / `{var: NAME, at_most: N}`. The validator keeps a
counter a whole number everywhere (RF044); `check` follows a counting loop a few times round."""

from __future__ import annotations

import pytest

from game.engine.conditions import Condition, count_of
from game.engine.paths import MAX_ROUNDS, all_paths, play
from game.engine.runtime import ChoicesEvent, MessageEvent, Playthrough

from .conftest import MINIMAL, TOOLS, checked

# -- conditions ------------------------------------------------------------------------------


@pytest.mark.parametrize("written, env, holds", [
    ({"var": "warnings", "at_least": 2}, {"warnings": 2}, True),
    ({"var": "warnings", "at_least": 2}, {"warnings": 1}, False),
    ({"var": "warnings", "at_least": 1}, {}, False),  # never added to: 0
    ({"var": "warnings", "at_most": 0}, {}, True),
    ({"var": "warnings", "at_most": 1}, {"warnings": 2}, False),
    ({"var": "warnings", "at_least": 1, "at_most": 3}, {"warnings": 3}, True),
    ({"var": "warnings", "at_least": 1, "at_most": 3}, {"warnings": 4}, False),
    ({"all": [{"var": "warnings", "at_least": 1}, "told"]}, {"warnings": 1, "told": True}, True),
    ({"var": "warnings", "equals": 2}, {"warnings": 2}, True),
])
def test_a_counter_is_compared_with_numbers(written, env, holds):
    assert Condition.model_validate(written).holds(env) is holds


def test_a_counter_that_is_not_a_number_counts_as_zero():
    assert [count_of(v) for v in (3, None, True, "3")] == [3, 0, 0, 0]


def test_the_numbers_a_condition_reads():
    cond = Condition.model_validate({"any": [{"var": "a", "at_least": 1}, {"var": "b", "equals": "x"}, "c"]})
    assert cond.counters() == {"a"} and cond.variables() == {"a", "b", "c"}
    assert cond.comparisons() == [("b", "x")]


@pytest.mark.parametrize("bad", [{"var": "w", "at_least": "two"}, {"var": "w", "at_least": True},
                                 {"var": "w"}, {"var": "w", "equals": 1, "at_least": 1},
                                 {"var": "w", "more_than": 1}])
def test_a_badly_written_comparison_is_rf017(bad, library):
    text = MINIMAL.replace("if: {var: mood, equals: calm}", "if: " + repr(bad).replace("'", ""))
    result = checked(text, library, "minimal.yaml")
    assert "RF017" in {d.code for d in result.diagnostics}, [str(d) for d in result.diagnostics]


# -- the runtime -----------------------------------------------------------------------------


def test_add_counts_from_zero_after_set(tools):
    pt = play(tools, [0])  # "not telling": warnings 0 -> 1
    assert pt.state.vars["warnings"] == 1
    pt = play(tools, [0, 0, 0])  # and "stop asking" twice
    assert pt.state.vars["warnings"] == 3
    assert play(tools, [1]).state.vars == {"warnings": 0, "told_school": True}


def test_a_counter_never_declared_starts_at_zero(library):
    text = TOOLS.replace("variables: {warnings: 0}\n", "")
    sc = checked(text, library).scenario
    assert sc is not None and "warnings" not in sc.variables
    assert play(sc, [0, 0]).state.vars["warnings"] == 2


def test_conditions_on_the_counter_show_and_hide(tools):
    pt = play(tools, [0, 0])  # warnings 2: the system line shows, "stop asking" is still offered
    texts = [e.message.text.en for e in pt.replay() if isinstance(e, MessageEvent)]
    assert texts[-1] == "You said no twice."
    assert 0 in pt.current_choices
    pt.choose(0)  # warnings 3: "stop asking" (at_most 2) is no longer offered
    ev = pt.run_until_input()[-1]
    assert isinstance(ev, ChoicesEvent) and [i for i, _ in ev.options] == [1, 2]


def test_rewind_takes_the_count_back(tools):
    pt = play(tools, [0, 0])
    assert pt.state.vars["warnings"] == 2
    pt.rewind()
    assert pt.state.vars["warnings"] == 1


def test_a_saved_count_round_trips(tools):
    pt = play(tools, [0, 0])
    again = Playthrough.restore(tools, pt.state.to_json())
    assert again.state.vars == pt.state.vars and again.state.vars["warnings"] == 2


def test_every_path_of_a_counting_loop_is_finite(library):
    """A loop that only counts never repeats a state: `check` goes round it MAX_ROUNDS times."""
    endless = TOOLS.replace("        if: {var: warnings, at_most: 2}\n", "")  # "stop asking" forever
    sc = checked(endless, library).scenario
    paths = all_paths(sc)
    rounds = max(p.choices.count(0) for p in paths)
    assert 0 < len(paths) < 100 and rounds == MAX_ROUNDS


# -- the validator ---------------------------------------------------------------------------


def rf044(text: str, library) -> list:
    return [d for d in checked(text, library).diagnostics if d.code == "RF044"]


def test_a_counter_must_start_as_a_number(library):
    (d,) = rf044(TOOLS.replace("variables: {warnings: 0}", "variables: {warnings: false}"), library)
    assert d.line == 14 and "starts as false" in d.message and "at_least" in d.hint


def test_a_counter_must_be_set_to_a_number(library):
    text = TOOLS.replace("        set: {told_school: true}", "        set: {told_school: true, warnings: lots}")
    (d,) = rf044(text, library)
    assert "sets it to 'lots'" in d.message


def test_a_counter_must_be_compared_with_a_number(library):
    text = TOOLS.replace("        - if: told_mom", "        - if: {var: warnings, equals: many}")
    (d,) = rf044(text, library)
    assert "compares it with 'many'" in d.message


def test_a_variable_compared_with_at_least_is_a_counter(library):
    text = MINIMAL.replace("if: {var: mood, equals: calm}", "if: {var: mood, at_least: 1}")
    found = rf044(text, library)
    assert found and "'mood' is a counter, but it starts as 'calm'" in found[0].message


def test_add_needs_whole_numbers(library):
    text = TOOLS.replace("        add: {warnings: 1}\n        if:", "        add: {warnings: one}\n        if:")
    result = checked(text, library)
    assert "RF015" in {d.code for d in result.diagnostics} and not result.ok


def test_a_variable_only_added_to_is_known_to_conditions(library):
    text = TOOLS.replace("variables: {warnings: 0}\n", "")
    result = checked(text, library)
    assert result.ok and not [d for d in result.diagnostics if d.code == "RF026"]
