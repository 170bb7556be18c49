"""Get help: who to talk to and where to report, for the chosen region. Reachable from every
screen (F1, H, or the yellow button); Esc returns to where you were."""

from __future__ import annotations

from ...i18n import _
from ..widgets.base import Card, OptionRow, Spacer, TextBlock
from .base import PageScene



def region_name(region: str) -> str:
    return {"CA": _("Canada"), "US": _("United States"), "UK": _("United Kingdom")}.get(region, region)

EMERGENCY = {"CA": "911", "US": "911", "UK": "999"}


def resource_cards(resources, region: str, lang: str, ids: tuple[str, ...] = ()) -> list:
    """One card per help resource for `region` (the always-shown ones plus `ids`)."""
    cards = []
    if resources is None:
        return [TextBlock(_("The list of helplines could not be loaded. Talk to a teacher or "
                            "another adult you trust."), "body", "text")]
    for rid, r in resources.for_region(region, ids):
        lines = [TextBlock(r.name.get(lang), "body", "text", True),
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


class HelpScene(PageScene):
    name = "help"

    def build(self):
        self.title = _("Get help")
        s = self.app.settings
        lib = self.app.library
        region = s.region
        blocks = [
            Card([TextBlock(_("You are not in trouble."), "large", "text", True),
                  TextBlock(_("If someone online is pressuring you, threatening you or asking for "
                              "pictures, it is not your fault. Stop replying, don't pay or send "
                              "anything, keep the messages, and tell an adult you trust: a parent, "
                              "a teacher, a coach."), "body", "text"),
                  TextBlock(_("In danger right now? Call {number}.").format(number=EMERGENCY[region]),
                            "body", "bad", True)], accent="flag"),
            Spacer(0.5),
            OptionRow(_("Region"), lambda: region_name(s.region), self.change_region,
                      _("Show helplines for another country."), name="region"),
            Spacer(0.5),
        ]
        blocks += resource_cards(lib.resources, region, s.lang)
        return blocks

    def change_region(self, step: int) -> None:
        self.app.settings.cycle("region", step)
        self.app.settings_changed()
        self.rebuild()
