"""RF050: `open:` on a beat that shows nothing and routes straight on, entered by `next:` (or
at the start), is lost when a saved game resumes (the threads opened follow from the
transcript), so the validator refuses it; a beat a reply leads to is seen and stays allowed."""

from __future__ import annotations

from game.engine.runtime import Playthrough

from .conftest import DATA, PHONE, checked

GAP = """  pre:
    messages:
      - {from: lee, thread: crew, text: {en: "u ok?", fr: "ça va?"}}
    next: gap
  gap:
    open: nova2
    next: blocked
  blocked:
"""


def _routed_open(text: str = PHONE) -> str:
    """phone.yaml with the block reply going through a silent beat that opens nova2."""
    return text.replace("  blocked:\n    open: nova2\n", GAP).replace("action: block, goto: blocked",
                                                                     "action: block, goto: pre")


def test_open_on_a_silent_routed_beat_is_an_error(library):
    found = checked(_routed_open(), library, "phone.yaml")
    codes = [d for d in found.diagnostics if d.code == "RF050"]
    assert not found.ok and len(codes) == 1
    assert "'gap' opens nova2" in codes[0].message
    assert "the beat whose first message is in that thread" in codes[0].hint


def test_why_a_resumed_game_loses_that_thread(library):
    """The reason for RF050: played live the thread opens; restored from a save, it does not."""
    from game.engine.loader import parse_yaml, validate_model
    from game.engine.model import Scenario

    sc = validate_model(Scenario, parse_yaml(_routed_open(), "phone.yaml"))
    assert sc is not None
    pt = Playthrough(sc)
    pt.run_until_input()
    pt.choose(0)  # screenshot
    pt.run_until_input()
    pt.choose(0)  # block: pre, then gap opens nova2 on the way to blocked
    pt.run_until_input()
    assert "nova2" in pt.threads
    assert "nova2" not in Playthrough.restore(sc, pt.state.to_json()).threads


def test_open_on_a_silent_beat_a_reply_leads_to_is_fine(library):
    text = PHONE.replace("  blocked:\n    open: nova2\n", "  gap:\n    open: nova2\n    next: blocked\n  blocked:\n")
    text = text.replace("action: block, goto: blocked", "action: block, goto: gap")
    found = checked(text, library, "phone.yaml")
    assert found.ok and "RF050" not in {d.code for d in found.diagnostics}, [str(d) for d in found.diagnostics]
    pt = Playthrough(found.scenario)
    for _ in range(2):
        pt.run_until_input()
        pt.choose(0)
    pt.run_until_input()
    assert "nova2" in Playthrough.restore(found.scenario, pt.state.to_json()).threads


def test_open_on_a_silent_start_beat_is_an_error(library):
    text = PHONE.replace("beats:\n  start:\n", "start: intro\nbeats:\n  intro:\n    open: nova2\n"
                         "    next: start\n  start:\n")
    assert "RF050" in {d.code for d in checked(text, library, "phone.yaml").diagnostics}


def test_shipped_and_test_stories_have_no_rf050(library):
    for c in library.files:
        assert "RF050" not in {d.code for d in c.diagnostics}, c.path
    for name in ("phone.yaml", "writer-tools.yaml"):
        found = checked((DATA / name).read_text(encoding="utf-8"), library, name)
        assert "RF050" not in {d.code for d in found.diagnostics}
