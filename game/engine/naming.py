"""Which tactics "Name it" offers when a player flags a message: a rule of the game, not of a screen.

The list must not give the answer away, so it is the same for every message of a scenario: the
tactics flagged anywhere in it, topped up from the taxonomy so there is always a real choice.
"""

from __future__ import annotations

from .model import Scenario
from .taxonomy import Taxonomy

MOST = 8  # the tactics the scenario uses, at most this many
LEAST = 5  # topped up from the taxonomy to at least this many (when it has them)


def used_tactics(scenario: Scenario) -> list[str]:
    """The categories of the scenario's red flags, in the order the file first uses them."""
    used: list[str] = []
    for beat in scenario.beats.values():
        for m in beat.messages:
            if m.flag and m.flag.category not in used:
                used.append(m.flag.category)
    return used


def name_it_options(scenario: Scenario, taxonomy: Taxonomy | None) -> list[str]:
    """The short list of tactic ids for Name it, in the taxonomy's order: the ones this scenario
    uses (not just the flagged message's, so the list gives nothing away), at most MOST, topped up
    from the taxonomy to LEAST. Without a taxonomy: the scenario's own, alphabetically."""
    used = used_tactics(scenario)
    order = list(taxonomy.categories) if taxonomy else sorted(used)
    picked = [c for c in order if c in used][:MOST]
    for c in order:
        if len(picked) >= min(LEAST, len(order)):
            break
        if c not in picked:
            picked.append(c)
    return sorted(picked, key=lambda c: order.index(c) if c in order else 99)
