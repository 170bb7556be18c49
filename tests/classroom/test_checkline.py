"""The board line's checks (checkline.py): each phase's numbers written when the line is made and
read back as the same phases; anything else is refused, so the group's own rows are read."""

from __future__ import annotations

import random

import pytest

from game.classroom import checkline
from game.classroom.learning import group_learning
from game.classroom.records import Answer, Spot
from game.classroom.skillcheck import shipped_chats
from game.classroom.store import ResultsStore

CHATS = {c.id: c for c in shipped_chats()}


def _rows_of(spots: list[Spot], answers: list[Answer]) -> list[str]:
    """The parts board.py's query makes of these rows."""
    parts = []
    for phase in ("pre", "post", "later"):
        chats = dict.fromkeys(s.chat_id for s in spots if s.phase == phase)
        for chat_id in chats:
            mine = [s for s in spots if s.phase == phase and s.chat_id == chat_id]
            parts.append(f"S:{phase}:{mine[0].form}:{chat_id}:" + ",".join(str(s.message) for s in mine if s.flagged))
        got = [a for a in answers if a.phase == phase]
        if got:
            parts.append(f"K:{phase}:{got[0].form}:{len(got)}:{sum(a.correct for a in got)}")
    return parts


def _random_group(rng: random.Random) -> tuple[list[Spot], list[Answer]]:
    spots, answers = [], []
    for phase in rng.sample(("pre", "post", "later"), rng.randint(1, 3)):
        form = rng.choice("AB")
        if rng.random() < 0.8:
            for chat_id in rng.sample(sorted(CHATS), 3):
                spots += [Spot(phase, form, chat_id, i, rng.random() < 0.4)
                          for i in CHATS[chat_id].signals() + CHATS[chat_id].noise()]
        if rng.random() < 0.8:
            answers += [Answer(phase, "check", f"q{i}", 0, rng.random() < 0.5, form) for i in range(6)]
    return spots, answers


def test_a_field_reads_back_as_the_phases_of_the_groups_rows():
    rng, reader, read = random.Random(5), checkline.Reader(), 0
    for n in range(60):
        spots, answers = _random_group(rng)
        text = checkline.field(_rows_of(spots, answers))
        got = reader[text]
        assert got is not None and got == group_learning(f"g{n}", spots, answers, CHATS).phases
        assert text.count(";") == max(len(got) - 1, 0) and bool(text) == bool(got)
        read += bool(got)
    assert read > 40


def test_a_chat_not_installed_counts_for_nothing_and_no_check_is_an_empty_field():
    assert checkline.field([]) == ""
    assert checkline.Reader()[""] == {}
    text = checkline.field(["S:pre:A:no-such-chat:0,1", "K:pre:A:6:4"])
    assert text == "pre:A:0::4,6:"  # the answers count; the unknown chat doesn't
    assert checkline.field(["S:pre:A:no-such-chat:0,1"]) == ""


@pytest.mark.parametrize("damaged", [
    "S:pre:A:gem-gift:1",  # a version 4 field: every judgement
    "pre:A:1,2,3,4:4,6:",  # no number of chats
    "pre:A:3:1,2,3:4,6:",  # three counts
    "pre:A:3:1,2,3,4:7,6:",  # more right than answered
    "pre:A:3:1,2,3,-4:4,6:",  # a negative count
    "soon:A:3:1,2,3,4:4,6:",  # not a phase
    "pre:A:3:1,2,3,4:4,6:flattery,1",  # a tactic without its misses
    "pre:A:0::0,0:",  # nothing in it
    "pre:A:0::4,6:flattery,1,0",  # a tactic with no chat judged
    "pre:A:0:1,2,3,4:4,6:",  # counts without a chat
    "pre:A:2::4,6:",  # chats without counts
    "pre:A:3:1,2,3,4:4,6:;pre:A:3:1,2,3,4:4,6:",  # a phase twice
    "pre:A:3:x,2,3,4:4,6:",
    "pre:A:3:1,2,3,4²:4,6:",  # a digit int() refuses
    "pre:A:3:1,2,3, 4:4,6:",  # a space
    "pre:A:3:1,2,3,4:4,6:flattery,1,0,0",  # three numbers for a tactic
])
def test_a_field_that_is_not_this_versions_reads_as_none(damaged):
    assert checkline.Reader()[damaged] is None


def test_a_damaged_line_is_counted_from_the_groups_rows(tmp_path):
    """The class debrief reads a group whose line it can't read from its own rows: the same
    learning as when its line was whole."""
    from game.classroom.classdebrief import store_learning

    rng = random.Random(9)
    with ResultsStore(tmp_path / "r.sqlite3") as store:
        session = store.new_session({})
        for n in range(4):
            gid = store.add_group(session, f"G{n}", 3)
            spots, answers = _random_group(rng)
            for a in answers:
                store.answer(gid, a.phase, a.check_id, a.question_id, a.answer, a.correct, a.form)
            for key in dict.fromkeys((s.phase, s.chat_id) for s in spots):
                store.spot(gid, [s for s in spots if (s.phase, s.chat_id) == key])
        whole = store_learning(store)
        gid, line = store.db.execute("SELECT group_id, line FROM board ORDER BY created, seq").fetchone()
        fields = line.split("\t", 8)
        assert fields[7]
        fields[7] = "pre:A:oops"
        store.db.execute("UPDATE board SET line = ? WHERE group_id = ?", ("\t".join(fields), gid))
        assert store_learning(store) == whole and whole.groups[0].group_id == gid
