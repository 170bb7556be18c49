"""Get help: who to talk to and where to report, for the chosen region. Reachable from every
screen (F1, H, or the yellow button); Esc returns to where you were."""

from __future__ import annotations

from ...i18n import _
from ..widgets.base import Card, OptionRow, Spacer, TextBlock
from ..widgets.resources import resource_cards
from .labels import region_name
from .page import PageScene

EMERGENCY = {"CA": "911", "US": "911", "UK": "999"}


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
