"""The results store keeps the report reason a group picked in the app's report sheet: recorded
with the reply (only when picked) and replayed from the actions, with no whole state stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.classroom import history
from game.classroom.store import ResultsStore
from game.engine.runtime import ChoicesEvent
from game.engine.validate import check_source

PHONE = Path(__file__).resolve().parents[1] / "data" / "phone.yaml"


@pytest.fixture(scope="module")
def phone(library):
    result = check_source(PHONE.read_text(encoding="utf-8"), "phone.yaml", library.taxonomy, library.resources)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.scenario


@pytest.mark.parametrize("picked", ["spam", None])
def test_a_picked_reason_is_recorded_and_replayed(store, phone, picked):
    group = store.add_group(store.new_session({"language": "en"}, "7B"), "Blue Foxes", 3)
    pt = store.start_playthrough(group, phone)
    replies = iter([(0, None), (1, picked), (0, None)])  # screenshot, report, tell Mom
    while not pt.ended:
        if isinstance(pt.next(), ChoicesEvent):
            pt.choose(*next(replies))
    actions = store.actions(pt.playthrough_id)
    assert not [d for _s, _k, d, _st in actions if history.SNAPSHOT in d], "replay folds every action"
    choices = [d for _s, kind, d, _st in actions if kind == "choice"]
    assert [d.get("reason") for d in choices] == [None, picked, None]
    assert [("reason" in d) for d in choices] == [False, picked is not None, False]
    replayed = store.playthrough(pt.playthrough_id).state
    assert replayed.to_json() == pt.state.to_json()
    assert replayed.transcript[pt.state.acts[1].index].reason == picked
    with ResultsStore(store.path) as again:  # read back from the file: the same
        assert again.playthrough(pt.playthrough_id).state.to_json() == pt.state.to_json()
