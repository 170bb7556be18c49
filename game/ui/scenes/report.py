"""The fictional app's report sheet, opened by the chat when the player picks a reply whose action
is `report`: "Report <account>?", then "Why are you reporting?" with the app's reasons as big
buttons, as real apps ask, then a short confirmation; back in the chat the reply is taken with
the reason picked. The reasons, their words and which account it is are the engine's
(`engine.reports`); this screen only asks and hands the pick back.

A class at one keyboard: 1-5 pick a reason, the arrows or Tab move between them and Enter picks
the one in focus; Esc cancels (the reply is not taken). Nothing is focused at first: a highlighted
first reason would hint an answer; and nothing is picked in the sheet's first second (a number
pressed twice for the reply, or mashed, would report for a reason nobody read). It sits along the bottom of the chat like an app's sheet,
and scrolls when big text or a small window makes it taller than the room there is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from ...engine.reports import REPORT_REASONS, account_name, reason, report_app
from ...engine.runtime import Playthrough
from ...i18n import _
from .. import text as tx
from ..apps import app_color, app_style, draw_app_name
from ..theme import theme
from ..widgets.base import Block, Button, Card, Custom, Row, TextBlock, rrect, shade
from .page import TimedPage


class ReportScene(TimedPage):
    """Ask why, confirm, then hand the reason to `on_report` (nothing when cancelled)."""

    name = "report"
    opaque = False  # the chat stays in view, dimmed, above the sheet

    def __init__(self, app, pt: Playthrough, on_report: Callable[[str], None]):
        lang = app.settings.lang
        self.on_report = on_report
        self.app_name = report_app(pt.scenario, pt.state)  # the app of the conversation reported
        self.account = account_name(pt.scenario, pt.state, lang)
        self.picked: str | None = None
        self.sheet = pygame.Rect(0, 0, 0, 0)
        self._said: str | None = ""  # the step automatic reading last said ("": nothing yet)
        self.title = self.app_name
        super().__init__(app)
        self.hotkeys = {pygame.K_1 + n: partial(self.pick, r.id) for n, r in enumerate(REPORT_REASONS)}

    # -- content ---------------------------------------------------------------------------------

    def question(self) -> str:
        return _("Report {account}?").format(account=self.account)

    def thanks(self) -> str:
        return _("Thanks. {app}'s safety team reviews reports. {account} won't know it was you.").format(
            app=self.app_name, account=self.account)

    def build(self) -> list[Block]:
        lang = self.app.settings.lang
        if self.picked is not None:
            return [Card([TextBlock("✓ " + self.thanks(), "body", "text", True),
                          TextBlock(_("You reported it as: {reason}").format(
                              reason=reason(self.picked).label.get(lang)), "small", "muted")],
                         bg="good_bg", accent="good", name="thanks"),
                    Row([Button(_("Back to the chat"), self.done, "primary", width="auto", key_hint="Enter",
                                name="done")])]
        blocks: list[Block] = [self.app_bar(), TextBlock(_("Why are you reporting?"), "body", "text")]
        for n, r in enumerate(REPORT_REASONS, 1):
            blocks.append(Card([TextBlock(f"{n}   {r.label.get(lang)}", "body", "text", True),
                                TextBlock(r.meant_for.get(lang), "small", "muted")],
                               action=partial(self.pick, r.id), name=f"reason-{r.id}"))
        blocks.append(Row([Button(_("Cancel"), self.back, "secondary", width="auto", key_hint="Esc",
                                  name="cancel")]))
        return blocks

    def app_bar(self) -> Custom:
        """The top of the app's own sheet, "Report <account>?" in its colours with its icon and
        name, so the report is made in the app (as the chat's header is); the high-contrast theme
        keeps its own colours."""
        style = app_style(self.app_name)
        question = self.question()

        def measure(w: int) -> int:
            t = theme()
            return max(t.px("button_h"), tx.render(question, t.px("large"), pygame.Color("black"),
                                                   max(1, w * 2 // 3), True).get_height() + t.px("pad"))

        def draw(surf: pygame.Surface, r: pygame.Rect, _ui) -> None:
            t = theme()
            rrect(surf, app_color(style, "header_bg"), r, t.px("radius") // 2)
            inner = r.inflate(-2 * t.px("pad"), 0)
            taken = draw_app_name(surf, inner, style, app_color(style, "header_text"))
            img = tx.render(question, t.px("large"), app_color(style, "header_text"),
                            max(1, inner.w - taken - t.px("gap")), True)
            tx.blit(surf, img, (inner.x, r.centery - img.get_height() // 2), r, question)

        bar = Custom(measure, draw)
        bar.speech = f"{self.app_name}. {question}"
        return bar

    # -- actions ---------------------------------------------------------------------------------

    def pick(self, reason_id: str) -> None:
        """A reason was picked: the app says thanks (the reply is taken on the way back). Not in
        the sheet's first moment (`ready`): the number that chose the report reply, pressed twice
        or mashed, must not also pick a reason nobody has read."""
        if self.picked is not None or not self.ready:
            return
        self.picked = reason_id
        self.offset = 0
        self.rebuild(keep_focus=False)
        self.focus(next(f for f in self.targets if getattr(f, "name", "") == "done"))

    def done(self) -> None:
        """Back to the chat, where the reply is taken with the reason picked."""
        picked = self.picked
        if self.app.top is self:
            self.app.pop()
        if picked is not None:
            self.on_report(picked)

    def back(self) -> None:
        """Esc: before a reason is picked, nothing is reported and the replies stay offered; after,
        the report is made and Esc only closes the confirmation."""
        if self.picked is not None:
            self.done()
        elif self.app.top is self:
            self.app.pop()

    def key(self, ev) -> bool:
        if self.picked is not None and ev.key in self.hotkeys:
            return True  # a number after the pick changes nothing
        if ev.key in (pygame.K_LEFT, pygame.K_RIGHT):  # the arrows all move between the reasons
            self.move_focus(-1 if ev.key == pygame.K_LEFT else 1)
            return True
        return super().key(ev)

    # -- where it sits ---------------------------------------------------------------------------

    def _measure(self, surf: pygame.Surface) -> None:
        """The sheet: along the bottom, as tall as it needs (under the top bar at most)."""
        super()._measure(surf)
        w, h = surf.get_size()
        top = max(self.bar.height(w), h - self._content_h)
        self.sheet = self.view = pygame.Rect(0, top, w, h - top)
        self.offset = max(0.0, min(self.offset, self.max_offset()))

    def draw(self, surf: pygame.Surface) -> None:
        shade(surf, theme().color("overlay"))  # the chat, drawn under it, dims once a frame
        super().draw(surf)

    def _draw_page(self, surf: pygame.Surface) -> None:
        t = theme()
        surf.fill(t.color("page"), self.sheet)
        pygame.draw.line(surf, t.color("chat_border"), self.sheet.topleft, self.sheet.topright, 3)

    # -- read aloud ------------------------------------------------------------------------------

    def narration(self) -> list[str] | None:
        """Automatic reading: the question and every reason, then the confirmation."""
        if self._said == self.picked:
            return None
        self._said = self.picked
        if self.picked is not None:
            return [self.thanks()]
        lang = self.app.settings.lang
        return [self.question() + " " + _("Why are you reporting?")] + [
            f"{n}. {r.label.get(lang)}. {r.meant_for.get(lang)}" for n, r in enumerate(REPORT_REASONS, 1)]
