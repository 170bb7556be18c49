"""Checks on the writer's newer tools: counters, ending variants, and replies that read as actions.

Run by the story checks (story_checks.py) beside the help-service checks, each problem located
by its data path: a counter must stay a whole number wherever it is started, set or compared
(RF044); an ending variant's condition reads variables the story has (RF026) and changes
something (RF046); a reply written in parentheses, like a stage direction, is probably an
action and is pointed out, gently (RF045, info: it never fails a story).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .conditions import Condition
from .model import Scenario
from .structure_checks import suggest

Add = Callable[[tuple[Any, ...], str, str, str], None]  # (data path, code, message, hint)


def check_writing(sc: Scenario, add: Add) -> None:
    """Every check of this module, reported through `add`."""
    counters(sc, add)
    ending_variants(sc, add)
    action_replies(sc, add)


def conditions(sc: Scenario) -> Iterator[tuple[tuple[Any, ...], Condition]]:
    """Every condition of the story with its path: on messages, choices, routes and ending variants."""
    for bid, beat in sc.beats.items():
        at = ("beats", bid)
        for i, m in enumerate(beat.messages):
            if m.when is not None:
                yield at + ("messages", i, "if"), m.when
        for i, c in enumerate(beat.choices or ()):
            if c.when is not None:
                yield at + ("choices", i, "if"), c.when
        for i, r in enumerate(beat.next or ()):
            if r.when is not None:
                yield at + ("next", i, "if"), r.when
        for i, v in enumerate(beat.ending.variants if beat.ending else ()):
            yield at + ("ending", "variants", i, "if"), v.when


def _shown(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else repr(value)


def counters(sc: Scenario, add: Add) -> None:
    """A counter (added to with `add:`, or compared with at_least/at_most) is a whole number
    everywhere: where it starts, where a choice sets it, where a condition compares it."""
    names = {name for beat in sc.beats.values() for c in beat.choices or () for name in c.add}
    for _path, cond in conditions(sc):
        names |= cond.counters()
    if not names:
        return
    hint = "a counter holds a whole number: start it at 0 (or leave it out: it starts at 0), " \
           "set it to a number, and compare it with at_least or at_most"
    for name in sorted(names & set(sc.variables)):
        value = sc.variables[name]
        if type(value) is not int:
            add(("variables", name), "RF044", f"'{name}' is a counter, but it starts as {_shown(value)}", hint)
    for bid, beat in sc.beats.items():
        for i, c in enumerate(beat.choices or ()):
            for name, value in c.set.items():
                if name in names and type(value) is not int:
                    add(("beats", bid, "choices", i, "set", name), "RF044",
                        f"'{name}' is a counter, but this choice sets it to {_shown(value)}", hint)
    for path, cond in conditions(sc):
        for name, value in cond.comparisons():
            if name in names and type(value) is not int:
                add(path, "RF044", f"'{name}' is a counter, but this condition compares it with "
                    f"{_shown(value)}", hint)


def ending_variants(sc: Scenario, add: Add) -> None:
    """Each variant of an ending reads variables the story has, and changes something."""
    defined = set(sc.variables)
    for beat in sc.beats.values():
        for c in beat.choices or ():
            defined |= set(c.set) | set(c.add)
    for bid, beat in sc.beats.items():
        for i, v in enumerate(beat.ending.variants if beat.ending else ()):
            at = ("beats", bid, "ending", "variants", i)
            for var in sorted(v.when.variables() - defined):
                add(at + ("if",), "RF026", f"the condition reads '{var}', which no choice sets",
                    suggest(var, defined) or f"set it in a choice ('set: {{{var}: true}}') or under 'variables:'")
            if v.outcome is None and v.title is None and v.text is None:
                add(at, "RF046", "this ending variant changes nothing",
                    "give it the 'outcome', 'title' or 'text' that differs when its 'if' holds")


def action_replies(sc: Scenario, add: Add) -> None:
    """A reply written wholly in parentheses, "(screenshot the chat)", describes what the player
    does: unless it is marked `action: true`, the chat sends it as a message."""
    for bid, beat in sc.beats.items():
        for i, c in enumerate(beat.choices or ()):
            if not c.action and parenthesised(c.text.en):
                add(("beats", bid, "choices", i, "text"), "RF045",
                    "this reply is written in parentheses, like something the player does, but the "
                    "chat will show it as a message sent",
                    "if it is an action, add 'action: true' to the choice (the parentheses can go)")


def parenthesised(text: str) -> bool:
    """The whole text is one pair of parentheses: "(show my dad)", not "(a) or (b)"."""
    text = text.strip()
    if len(text) < 2 or text[0] != "(" or text[-1] != ")":
        return False
    depth = 0
    for n, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and n < len(text) - 1:
            return False
    return depth == 0
