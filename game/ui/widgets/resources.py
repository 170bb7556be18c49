"""Help resources as cards (helplines, reporting sites): on Get help and at the end of every
debrief, so a player who was worried by a story always sees where to turn."""

from __future__ import annotations

from ...i18n import _
from .base import Block, Card, TextBlock


def resource_cards(resources, region: str, lang: str, ids: tuple[str, ...] = ()) -> list[Block]:
    """One card per help resource for `region` (the always-shown ones plus `ids`)."""
    cards: list[Block] = []
    if resources is None:
        return [TextBlock(_("The list of helplines could not be loaded. Talk to a teacher or "
                            "another adult you trust."), "body", "text")]
    for rid, r in resources.for_region(region, ids):
        lines: list[Block] = [TextBlock(r.name.get(lang), "body", "text", True),
                              TextBlock(r.what.get(lang), "small", "muted")]
        how = []
        if r.phone:
            how.append(_("Call {phone}").format(phone=r.phone))
        if r.text:
            how.append(r.text.get(lang))
        if r.web:
            how.append(r.web.get(lang))
        if how:
            lines.append(TextBlock("  ·  ".join(how), "body", "text", True))
        cards.append(Card(lines, accent="online", name=f"resource-{rid}"))
    return cards
