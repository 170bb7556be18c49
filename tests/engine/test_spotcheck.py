"""The spot check's chats: the shipped ones validate and are balanced, broken ones are located."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from game.cli import main
from game.engine.spotcheck import (
    MAX_MESSAGES,
    MIN_MESSAGES,
    balance_problems,
    load_spotchecks,
    pick,
    spotcheck_paths,
    summarise,
    validate_spotcheck,
)
from game.engine.validate import check_source

SHIPPED = Path(__file__).resolve().parents[2] / "game" / "scenarios"

GOOD = """kind: spotcheck
format: 1
id: squad
form: A
difficulty: 1
topics: [grooming]
title: {en: Squad chat, fr: Clavardage d’escouade}
platform: {name: PixelQuest, kind: game_chat}
characters:
  kai: {name: kai_builds, avatar: K}
  sam: {name: sam_22, avatar: S}
messages:
  - from: kai
    text: {en: "gg! ur the best builder here", fr: "gg! t’es le meilleur ici"}
    red_flag: flattery
    why: {en: Big praise from a stranger., fr: De gros compliments d’un inconnu.}
  - from: you
    text: {en: "thx", fr: "merci"}
  - from: kai
    text: {en: "dont tell anyone we talk ok?", fr: "le dis à personne, ok?"}
    red_flag: secrecy
    why: {en: Secrets keep adults from helping., fr: Les secrets empêchent d’aider.}
  - from: sam
    text: {en: "rematch at 8?", fr: "revanche à 8 h?"}
    fine: true
    why: {en: A teammate you know., fr: Un coéquipier que tu connais.}
  - from: you
    text: {en: "sure", fr: "ok"}
"""


@pytest.fixture(scope="module")
def shipped():
    chats, diags = load_spotchecks(SHIPPED)
    assert diags == [], "\n".join(map(str, diags))
    return chats


def _found(text: str, library, name: str = "squad.yaml") -> list[str]:
    checked = check_source(text, name, library.taxonomy, library.resources)
    assert checked.scenario is None  # a spot check is never taken for a story
    return [str(d) for d in checked.diagnostics + checked.advice]


def test_every_shipped_chat_validates_with_no_problem(shipped, library):
    paths = spotcheck_paths(SHIPPED)
    assert len(paths) == len(shipped) >= 12
    for path in paths:
        chat, diags = validate_spotcheck(path, library.taxonomy)
        assert chat is not None and diags == [], "\n".join(map(str, diags))
        assert chat.id == path.stem
        assert MIN_MESSAGES <= len(chat.messages) <= MAX_MESSAGES


def test_shipped_chats_are_bilingual_and_explain_every_mark(shipped):
    for chat in shipped:
        for path, text in chat.texts():
            is_name = path[0] == "characters" and path[-1] == "name"  # a username is the same in French
            assert text.fr or is_name, f"{chat.id}: missing French at {path}"
        for m in chat.messages:
            if m.red_flag or m.fine:
                assert m.why is not None and m.why.fr


def test_shipped_forms_are_balanced(shipped, library):
    assert balance_problems(shipped, library.taxonomy) == []
    a, b = (summarise(shipped, library.taxonomy)[f] for f in "AB")
    assert a.chats >= 6 and b.chats >= 6
    assert a.fine >= 2 and b.fine >= 2  # odd-but-fine messages in both forms
    for form in (a, b):
        assert form.flags_by_family.get("grooming", 0) > 0 and form.flags_by_family.get("sextortion", 0) > 0


def test_shipped_chats_cover_both_topics_and_the_named_tactics(shipped, library):
    topics = Counter((c.form, t) for c in shipped for t in c.topics)
    assert all(topics[(f, t)] >= 2 for f in "AB" for t in ("grooming", "sextortion"))
    tactics = {m.red_flag for c in shipped for m in c.messages if m.red_flag}
    assert tactics >= {"flattery", "secrecy", "private-app", "gifts", "fake-profile", "image-request",
                       "threats", "urgency", "money-demand"}
    assert tactics <= set(library.taxonomy.categories)
    assert any(not c.signals() for c in shipped), "a chat with nothing wrong in it teaches restraint"


def test_balance_problems_name_what_differs(shipped, library):
    only_a = [c for c in shipped if c.form == "A" or c.id != max(c.id for c in shipped if c.form == "B")]
    problems = balance_problems(only_a, library.taxonomy)
    assert any("form A has 6 chats, form B 5" in p for p in problems)


def test_a_good_file_is_clean_and_checked_as_a_spot_check(library):
    assert _found(GOOD, library) == []


@pytest.mark.parametrize("change, expected", [
    # (text replaced, by) -> the first line the validator prints
    (("  - from: you\n    text: {en: \"sure\", fr: \"ok\"}\n", ""), "squad.yaml:12:1: error RF051: this chat has 4 messages"),
    (("form: A\n", ""), "squad.yaml:3:5: error RF053: this spot-check chat belongs to no form"),
    (("    why: {en: Secrets keep adults from helping., fr: Les secrets empêchent d’aider.}\n", ""),
     "squad.yaml:19:5: error RF055: this red flag has no 'why'"),
    (("red_flag: secrecy", "red_flag: secrcy"), "squad.yaml:21:15: error RF021: unknown red-flag category 'secrcy'"),
    (("  - from: sam\n", "  - from: sammy\n"), "squad.yaml:23:11: error RF020: unknown character 'sammy'"),
    (("    fine: true\n", "    fine: true\n    red_flag: gifts\n"), "squad.yaml:23:5: error RF033: this message is both"),
    (("  - from: you\n    text: {en: \"thx\"", "  - from: you\n    red_flag: gifts\n    why: {en: x, fr: x}\n"
      "    text: {en: \"thx\""), "squad.yaml:18:15: warning RF037: a message from 'you' is marked"),
    (("fr: \"ok\"}", "fr: \"ok\"}\n  - from: sam\n    text: {en: \"naked\", fr: \"ok\"}"),
     "squad.yaml:30:11: error RF031: 'naked' is not suitable"),
    (("{en: \"thx\", fr: \"merci\"}", "{en: \"thx\"}"), "squad.yaml:18:11: warning RF030: no French text"),
    (("format: 1", "format: 2"), "squad.yaml:2:9: error RF008: format 2 is not supported"),
    (("id: squad", "id: squads"), "squad.yaml:3:5: warning RF036: the file is called 'squad.yaml'"),
    (("difficulty: 1", "difficulty: 5"), "squad.yaml:5:13: error RF014: 5 is out of range in difficulty"),
    (("name: PixelQuest", "name: Fortnite"), "squad.yaml:8:18: warning RF056: 'Fortnite' is a real app"),
    (("rematch at 8?", "rematch on discord at 8?"), "squad.yaml:24:11: warning RF056: 'discord' is a real app (en)"),
])
def test_each_mistake_is_reported_with_file_and_line(library, change, expected):
    old, new = change
    assert old in GOOD
    found = _found(GOOD.replace(old, new, 1), library)
    assert any(line.startswith(expected) for line in found), "\n".join(found)


def test_nothing_to_judge_is_rf052(library):
    text = GOOD
    for mark in ("    red_flag: flattery\n", "    red_flag: secrecy\n", "    fine: true\n"):
        text = text.replace(mark, "")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("    why:")) + "\n"
    found = _found(text, library)
    assert [line.split("\n")[0] for line in found] == [
        "squad.yaml:12:1: error RF052: no message is a red flag and none is marked fine: there is nothing to judge"]


def test_a_story_is_still_a_story(library):
    checked = check_source(GOOD.replace("kind: spotcheck\n", ""), "squad.yaml", library.taxonomy, library.resources)
    assert any(d.code == "RF010" for d in checked.diagnostics)  # read as a story: unknown keys


def test_validate_command_accepts_spot_check_files(capsys):
    status = main(["validate", "--strict", str(SHIPPED / "spotcheck")])
    out = capsys.readouterr().out
    assert status == 0 and "0 errors, 0 warnings" in out


def test_validate_command_reports_a_broken_spot_check(tmp_path, capsys):
    bad = tmp_path / "squad.yaml"
    bad.write_text(GOOD.replace("form: A\n", ""), encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    assert f"{bad}:3:5: error RF053" in capsys.readouterr().out


def test_pick_is_deterministic_and_keeps_to_the_form(shipped):
    first = pick(shipped, "A", "group-1")
    assert [c.id for c in first] == [c.id for c in pick(list(reversed(shipped)), "A", "group-1")]
    assert len(first) == 3 and all(c.form == "A" for c in first)
    picks = {tuple(c.id for c in pick(shipped, "B", f"group-{n}")) for n in range(10)}
    assert len(picks) > 1  # groups don't all read the same three


def test_a_groups_before_and_after_chats_are_equally_hard(shipped):
    for n in range(20):
        before, after = pick(shipped, "A", f"group-{n}"), pick(shipped, "B", f"group-{n}")
        assert [c.difficulty for c in before] == [c.difficulty for c in after]
