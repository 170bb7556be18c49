"""Which tactics Name it offers: the same short list for every message of a scenario (so it never
gives the answer away), the scenario's own tactics topped up from the taxonomy."""

from __future__ import annotations

from game.engine.naming import LEAST, MOST, name_it_options, used_tactics


def test_the_list_holds_every_tactic_the_story_uses_in_taxonomy_order(library):
    taxonomy = library.taxonomy
    order = list(taxonomy.categories)
    for sid, sc in library.playable().items():
        used = used_tactics(sc)
        options = name_it_options(sc, taxonomy)
        assert options == sorted(options, key=order.index), sid
        assert len(set(options)) == len(options), sid
        assert min(LEAST, len(order)) <= len(options) <= max(MOST, LEAST), sid
        if len(used) <= MOST:
            assert set(used) <= set(options), sid


def test_without_a_taxonomy_the_storys_own_tactics_alphabetically_up_to_most(library):
    sc = library.playable()["game-teammate"]
    assert name_it_options(sc, None) == sorted(used_tactics(sc))[:MOST]  # this story uses more than MOST
