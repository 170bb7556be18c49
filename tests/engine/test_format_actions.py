"""Replies that are actions, not messages: `action: true` on a choice. The runtime's ReplyEvent
says so, `walk` shows an action line, and a reply written in parentheses but not marked is
pointed out as advice (RF045, severity info: never a problem, even with --strict)."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.engine.paths import play
from game.engine.runtime import ReplyEvent
from game.engine.writing_checks import parenthesised
from game.terminal import Walker

from .conftest import MINIMAL, checked


def test_the_reply_event_says_it_is_an_action(tools):
    pt = play(tools, [0])
    pt.run_until_input()
    action = pt.choose(1)
    assert action.action and action.choice.action and action.choice.text.en.startswith("screenshot")
    replies = [e for e in pt.replay() if isinstance(e, ReplyEvent)]
    assert [r.action for r in replies] == [False, True]  # a resumed chat redraws it as an action


def test_choices_are_messages_unless_marked(library):
    sc = checked(MINIMAL, library, "minimal.yaml").scenario
    assert not any(c.action for b in sc.beats.values() for c in b.choices or ())


def test_walk_shows_an_action_as_an_action_line(tools, library):
    said: list[str] = []
    answers = iter(["1", "2"])
    Walker(tools, library, read=lambda _prompt: next(answers), write=said.append).play()
    text = "\n".join(said)
    assert "[2] You: not telling" in text
    assert "[4] * Your action: screenshot the chat and show my mom" in text
    assert "You: screenshot" not in text
    assert "== You told your mom (safe) ==" in text  # the ending's variant


@pytest.mark.parametrize("text, whole", [
    ("(tell my mom)", True), ("  (block Kai and report him)  ", True), ("(a (nested) aside)", True),
    ("(a) or (b)", False), ("tell my mom", False), ("ok (fine)", False), ("()", True), ("(", False),
])
def test_what_counts_as_written_in_parentheses(text, whole):
    assert parenthesised(text) is whole


def test_a_parenthesised_reply_not_marked_is_advice(library):
    result = checked(MINIMAL, library, "minimal.yaml")
    assert result.ok and result.diagnostics == []  # advice is not a problem
    (note,) = result.advice
    assert note.code == "RF045" and note.severity == "info"
    assert note.line == MINIMAL.splitlines().index('      - text: {en: "(tell my mom)", fr: "(le dire à ma mère)"}') + 1
    marked = MINIMAL.replace('      - text: {en: "(tell my mom)", fr: "(le dire à ma mère)"}\n',
                             '      - text: {en: "(tell my mom)", fr: "(le dire à ma mère)"}\n        action: true\n')
    assert checked(marked, library, "minimal.yaml").advice == []


def test_the_shipped_stories_are_left_alone_and_still_clean(library):
    """Written before actions existed: their parenthesised replies are advice, not problems."""
    assert library.all_diagnostics() == []
    advice = library.all_advice()
    assert advice and {d.code for d in advice} == {"RF045"}


def test_validate_prints_advice_but_strict_and_json_do_not_fail_on_it(tmp_path, capsys):
    story = tmp_path / "minimal.yaml"
    story.write_text(MINIMAL, encoding="utf-8")
    assert main(["validate", "--strict", str(story)]) == 0
    out = capsys.readouterr().out
    assert "info RF045:" not in out and "1 suggestion: add --advice" in out and "0 errors, 0 warnings" in out
    assert main(["validate", "--strict", "--advice", str(story)]) == 0
    out = capsys.readouterr().out
    assert "info RF045:" in out and "0 errors, 0 warnings" in out
    assert main(["validate", "--format", "json", str(story)]) == 0
    assert json.loads(capsys.readouterr().out) == []
