"""`po export | import` on a format 2 story: each message's comment names its thread, each action
reply says what it does, thread titles go out and come back, and a round trip is byte-identical."""

from __future__ import annotations

import shutil

from game.authoring.pofile import po_string, read_entries

from .conftest import ROOT, SCENARIOS

PHONE_STORY = SCENARIOS / "sextortion-hacked-friend.yaml"
PHONE_DATA = ROOT / "tests" / "data" / "phone.yaml"


def _entries(po: str) -> dict[str, str]:
    """context -> the entry's whole block (comments and all)."""
    return {e.context: block for block in po.split("\n\n") for e in read_entries(block) if e.context}


def _export(cli, tmp_path, story) -> str:
    po = tmp_path / "story.po"
    status, said = cli("po", "export", story, "--out", po)
    assert status == 0, said
    return po.read_text(encoding="utf-8")


def test_round_trip_of_a_format_2_story_copy_is_byte_identical(cli, tmp_path):
    story = tmp_path / PHONE_STORY.name
    shutil.copyfile(PHONE_STORY, story)
    (tmp_path / "taxonomy.yaml").write_bytes((SCENARIOS / "taxonomy.yaml").read_bytes())
    (tmp_path / "resources.yaml").write_bytes((SCENARIOS / "resources.yaml").read_bytes())
    po = tmp_path / "story.po"
    assert cli("po", "export", story, "--out", po)[0] == 0
    status, said = cli("po", "import", story, po)  # written over the copy itself
    assert status == 0, said
    assert "0 translations written" in said
    assert story.read_bytes() == PHONE_STORY.read_bytes()


def test_each_message_names_its_thread(cli, tmp_path):
    entries = _entries(_export(cli, tmp_path, PHONE_STORY))
    dad = [b for c, b in entries.items() if c.endswith(".text") and "#. in thread: dad (Dad)" in b]
    assert dad, "the messages in Dad's thread say so"
    messages = [b for c, b in entries.items() if ".messages[" in c and c.endswith("].text")]
    assert messages and all("#. in thread: " in b for b in messages)
    assert any("#. in thread: cell (Priya (cell))" in b for b in messages)


def test_action_replies_say_what_they_do(cli, tmp_path):
    entries = _entries(_export(cli, tmp_path, PHONE_DATA))
    said = {c: b for c, b in entries.items() if c.startswith("beats.") and ".choices[" in c and c.endswith(".text")}
    comments = "\n".join(said.values())
    assert "an action the player takes, not a message sent (safe): screenshot" in comments
    assert "an action the player takes, not a message sent (safe): report, reason: threats" in comments
    assert "an action the player takes, not a message sent (safe): tell, to: mom (Mom)" in comments
    assert "an action the player takes, not a message sent (unsafe): pay" in comments
    assert "a reply the player can pick" not in comments  # every reply of phone.yaml is an action


def test_a_format_1_story_names_no_thread(cli, tmp_path):
    po = _export(cli, tmp_path, SCENARIOS / "game-teammate.yaml")
    assert "in thread:" not in po and "conversation on the phone" not in po


def test_thread_titles_go_out_and_come_back(cli, tmp_path):
    story = tmp_path / "phone.yaml"
    shutil.copyfile(PHONE_DATA, story)
    po_text = _export(cli, tmp_path, story)
    entries = _entries(po_text)
    block = entries["threads.crew.title"]
    assert "#. the name of a conversation on the phone: crew, with Lee, Ari" in block
    assert 'msgid "Skate crew"' in block
    po_text = po_text.replace(block, block.replace('msgstr "La gang de skate"', 'msgstr "La gang du parc"'))
    po = tmp_path / "fr.po"
    po.write_text(po_text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    status, said = cli("po", "import", story, po, "--out", out)
    assert status == 0 and "1 translation written" in said, said
    before, after = story.read_text("utf-8").splitlines(), out.read_text("utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [(
        "  crew: {with: [lee, ari], kind: group, title: {en: Skate crew, fr: La gang de skate}}",
        "  crew: {with: [lee, ari], kind: group, title: {en: Skate crew, fr: La gang du parc}}")]
    assert po_string("La gang du parc") in po_text
