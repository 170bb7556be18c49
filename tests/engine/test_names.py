"""One definition of a tactic's display name, for every screen, report and command."""

from __future__ import annotations

from game.engine.taxonomy import category_name


def test_a_tactic_reads_the_same_everywhere(library):
    tax = library.taxonomy
    some = next(iter(tax.categories))
    assert category_name(tax, some, "en") == tax.categories[some].name.en
    assert category_name(tax, some, "fr") == tax.categories[some].name.fr
    assert category_name(tax, "made-up-tactic", "en") == "Made up tactic"  # never a raw id
    assert category_name(None, "fake-identity", "fr") == "Fake identity"
    assert category_name(tax, None, "en") == ""


def test_screens_reports_and_commands_use_it():
    """No copy left: the chat, debriefs, report, terminal and results command import this one
    (the class debrief screen, report and results command through the class debrief presenter)."""
    import game.classroom.presenter as presenter
    import game.terminal as terminal

    for module in (presenter, terminal):
        assert module.category_name is category_name
