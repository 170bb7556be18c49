"""The roles card before each story of a class session: who does what this time (the roles
move one seat each story, so everyone reads, keeps time and takes notes in turn)."""

from __future__ import annotations

from ...classroom.session import ROLE_TEXT, GroupRun, Step
from ...i18n import _
from ..widgets.base import Block, Button, Card, Grid, Row, Spacer, TextBlock
from ..widgets.panels import panel
from .group_flow import play_step
from .page import PageScene


def role_name(role: str, lang: str) -> str:
    return ROLE_TEXT[role][0].get(lang)


class RolesScene(PageScene):
    """The roles card before each story: who does what this time (roles move one seat each story)."""

    name = "roles"

    def __init__(self, app, run: GroupRun, step: Step):
        self.run, self.step = run, step
        self.title = run.info.name
        super().__init__(app)
        self.focus(self.start_button, reveal=False)  # Enter starts; the page shows the roles first

    def build(self):
        lang = self.app.settings.lang
        st = self.step
        n = len(self.run.session.scenarios)
        self.start_button = Button(_("Continue the story") if st.resume else _("Start the story"),
                                   self.start, "primary", width="auto", key_hint="Enter", name="start")
        cards = []
        for seat, roles in st.roles:
            items: list[Block] = [TextBlock(_("Seat {n}").format(n=seat), "small", "muted", True)]
            if not roles:
                items.append(TextBlock(_("Discusses and helps decide"), "body", "text", True))
            for r in roles:
                items.append(TextBlock(role_name(r, lang), "large", "text", True))
                items.append(TextBlock(ROLE_TEXT[r][1].get(lang), "small", "text"))
            cards.append(Card(items, accent="online", name=f"seat-{seat}"))
        blocks: list[Block] = [
            TextBlock(_("Story {n} of {total}: {title}").format(n=st.round + 1, total=n,
                                                               title=st.scenario.title.get(lang)),
                      "heading", "text", True),
        ]
        if st.resume:
            blocks.append(panel([TextBlock(_("You're picking up where you left off."), "body", "text", True)],
                                "good", "resume"))
        blocks += [
            TextBlock(_("Your roles for this story"), "large", "text", True),
            TextBlock(_("Seats are counted from the left. Roles move one seat after each story."),
                      "small", "muted"),
            Grid(cards, min_w=250),
            Spacer(0.5),
            Row([self.start_button]),
        ]
        return blocks

    def start(self) -> None:
        self.app.pop()
        play_step(self.app, self.run, self.step)

    def back(self) -> None:
        self.app.pop_to("session")
