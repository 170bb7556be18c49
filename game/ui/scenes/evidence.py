"""The evidence gallery: every screenshot the player took so far, each drawn as a small phone
screen (the conversation's name and the lines it caught, as bubbles) with its time; one opens
large. What each screenshot caught is the engine's (`engine.reports.evidence_in`): this screen
only draws it.

Opened from the chat (G, or its "Evidence" button) and from the debrief. Keyboard: Tab or the
arrows move between screenshots, Enter opens one, Left and Right go to the previous or next one
while it is open, Esc goes back (from one screenshot to all of them, then to where it was opened).
"""

from __future__ import annotations

from functools import partial

import pygame

from ...engine.model import SYSTEM
from ...engine.reports import Screenshot, evidence_in, thread_name
from ...engine.runtime import Playthrough
from ...i18n import _, ngettext
from .. import text as tx
from ..theme import theme
from ..widgets.base import Block, Button, Card, Custom, Grid, Row, TextBlock, rrect
from ..widgets.bubble import attachment_label, bubble_size, render_bubble
from .page import PageScene

PHONE_W = 340  # a screenshot's width at 100 % (scaled with the text), as a phone screen
THUMB_MIN_W = 260  # a gallery card's narrowest (the grid fits as many as it can)


class Phone:
    """One screenshot drawn as a phone screen: measured and drawn at any width (a thumbnail is
    drawn at the phone's own width off screen, then scaled down)."""

    def __init__(self, shot: Screenshot, title: str, lang: str, group: bool):
        self.shot, self.title, self.lang, self.group = shot, title, lang, group

    def _bubbles(self, w: int) -> list[tuple[str, str, str, tuple[str, str] | None, bool, bool]]:
        """(name, text, clock, attachment, outgoing, system) for each line."""
        out = []
        for ln in self.shot.lines:
            att = (attachment_label(ln.attachment.kind), ln.attachment.alt.get(self.lang)) if ln.attachment else None
            name = ln.name.get(self.lang) if ln.name is not None and self.group else ""
            out.append((name, ln.text.get(self.lang), ln.clock(self.lang), att, ln.outgoing, ln.sender == SYSTEM))
        return out

    def _header_h(self) -> int:
        t = theme()
        return tx.font_for("body", True).get_linesize() + tx.font_for("small").get_linesize() + 2 * t.px("gap")

    def _parts(self, w: int) -> list[tuple[int, int]]:
        """Each line's (height, bubble max width) at width `w`."""
        t = theme()
        inner = w - 2 * t.px("gap")
        max_w = round(inner * 0.82)
        out = []
        for name, text, clock, att, _o, system in self._bubbles(w):
            if system:
                h = tx.text_height(text, "small", inner)
            else:
                h = bubble_size(text, att, max_w)[1]
                h += tx.font_for("small").get_linesize() * (bool(name) + bool(clock))
            out.append((h, max_w))
        return out

    def height(self, w: int) -> int:
        gap = theme().px("gap")
        return self._header_h() + sum(h + gap for h, _m in self._parts(w)) + 2 * gap

    def draw(self, surf: pygame.Surface, rect: pygame.Rect, record: bool = True) -> None:
        """The phone screen in `rect` (its texts noted for the layout tests when `record`)."""
        t = theme()
        gap, radius = t.px("gap"), t.px("radius")
        rrect(surf, t.color("chat_bg"), rect, radius)
        head = pygame.Rect(rect.x, rect.y, rect.w, self._header_h())
        old = surf.get_clip()
        surf.set_clip(rect.clip(old))
        rrect(surf, t.color("chat_header"), head, radius)
        self._text(surf, self.title, "body", "text", (head.x + gap, head.y + gap), head.w - 2 * gap, True, rect, record)
        when = self.shot.clock(self.lang)
        sub = _("Screenshot {n}").format(n=self.shot.number) + (f" · {when}" if when else "")
        self._text(surf, sub, "small", "muted", (head.x + gap, head.y + gap + tx.font_for("body", True).get_linesize()),
                   head.w - 2 * gap, False, rect, record)
        y = head.bottom + gap
        inner = rect.w - 2 * gap
        for (name, text, clock, att, outgoing, system), (h, max_w) in zip(self._bubbles(rect.w), self._parts(rect.w),
                                                                           strict=True):
            if system:
                self._text(surf, text, "small", "system_text", (rect.x + gap, y), inner, False, rect, record, "center")
                y += h + gap
                continue
            line_h = tx.font_for("small").get_linesize()
            if name:
                self._text(surf, name, "small", "muted", (rect.x + gap, y), inner, True, rect, record)
                y += line_h
            img = render_bubble(text, att, outgoing, max_w)
            x = rect.right - gap - img.get_width() if outgoing else rect.x + gap
            surf.blit(img, (x, y))
            if record:
                tx.note(surf, pygame.Rect(x, y, img.get_width(), img.get_height()), rect, text)
            y += img.get_height()
            if clock:
                self._text(surf, clock, "small", "faint", (rect.x + gap, y), inner, False, rect, record,
                           "right" if outgoing else "left")
                y += line_h
            y += gap
        surf.set_clip(old)
        pygame.draw.rect(surf, t.color("chat_border"), rect, 2, border_radius=radius)

    @staticmethod
    def _text(surf, text, size, color, pos, w, bold, box, record, align="left") -> None:
        if record:
            tx.draw_text(surf, text, size, color, pos, w, bold, box, align)
            return
        t = theme()
        img = tx.render(text, t.px(size), t.color(color), w, bold, align)
        x = pos[0] + (w - img.get_width() if align == "right" else (w - img.get_width()) // 2 if align == "center" else 0)
        surf.blit(img, (x, pos[1]))

    def speech(self) -> str:
        """What read aloud says for it: the conversation, when, then each line with who wrote it."""
        parts = [_("Screenshot {n} of {name}").format(n=self.shot.number, name=self.title)]
        when = self.shot.clock(self.lang)
        if when:
            parts.append(when)
        for ln in self.shot.lines:
            who = _("You") if ln.outgoing else ln.name.get(self.lang) if ln.name is not None else ""
            parts.append(f"{who}: {ln.text.get(self.lang)}" if who else ln.text.get(self.lang))
        return ". ".join(parts)


class EvidenceScene(PageScene):
    """The screenshots taken so far: a gallery of small phone screens, or one of them large."""

    name = "evidence"

    def __init__(self, app, pt: Playthrough):
        lang = app.settings.lang
        sc = pt.scenario
        self.phones = [Phone(s, thread_name(sc, s.thread, lang), lang,
                             s.thread in sc.threads and sc.threads[s.thread].kind == "group")
                       for s in evidence_in(sc, pt.state)]
        self.shown: int | None = None  # the screenshot open large, if one is
        self._thumbs: dict[tuple[int, int, int], pygame.Surface] = {}
        self._said: int | None = -1  # what automatic reading said last (-1: nothing yet)
        self.title = _("Evidence")
        super().__init__(app)
        self.hotkeys = {pygame.K_LEFT: lambda: self.step(-1), pygame.K_RIGHT: lambda: self.step(1)}

    # -- content ---------------------------------------------------------------------------------

    def build(self) -> list[Block]:
        if self.shown is not None:
            return self._one(self.shown)
        n = len(self.phones)
        blocks: list[Block] = [TextBlock(ngettext("{n} screenshot", "{n} screenshots", n).format(n=n), "heading",
                                         "text", True),
                               TextBlock(_("Screenshots keep what was said, even if the account or the chat is "
                                           "gone. Show them to a safe adult and use them when you report."),
                                         "body", "muted")]
        if not n:
            blocks.append(TextBlock(_("No screenshots yet."), "body", "text", True))
        cards: list[Block] = []
        for i, ph in enumerate(self.phones):
            thumb = Custom(lambda w: round(w * 1.25), partial(self._draw_thumb, phone=ph))
            thumb.speech = ph.speech()
            cards.append(Card([thumb, TextBlock(ph.title, "body", "text", True),
                               TextBlock(_("Screenshot {n}").format(n=ph.shot.number)
                                         + (f" · {ph.shot.clock(ph.lang)}" if ph.shot.clock(ph.lang) else ""),
                                         "small", "muted")],
                              action=partial(self.open_one, i), name=f"shot-{i + 1}"))
        if cards:
            blocks.append(Grid(cards, THUMB_MIN_W))
        return blocks

    def _one(self, i: int) -> list[Block]:
        ph = self.phones[i]
        t = theme()
        row = [Button(_("All screenshots"), self.close_one, "secondary", width="auto", key_hint="Esc", name="all")]
        if len(self.phones) > 1:
            row += [Button(_("Previous"), lambda: self.step(-1), "secondary", width="auto", key_hint="←",
                           name="previous"),
                    Button(_("Next"), lambda: self.step(1), "secondary", width="auto", key_hint="→", name="next")]

        def width(w: int) -> int:
            return min(w, round(PHONE_W * 1.4 * t.scale))

        def draw(surf: pygame.Surface, rect: pygame.Rect, ui) -> None:
            pw = width(rect.w)
            ph.draw(surf, pygame.Rect(rect.x + (rect.w - pw) // 2, rect.y, pw, rect.h))

        big = Custom(lambda w: ph.height(width(w)), draw)
        big.speech = ph.speech()
        return [Row(row), big]

    def _draw_thumb(self, surf: pygame.Surface, rect: pygame.Rect, _ui: object, phone: Phone) -> None:
        """The phone drawn at its own width off screen, then scaled to the card (cached)."""
        t = theme()
        ph = phone
        key = (id(ph), rect.w, t.generation)
        img = self._thumbs.get(key)
        if img is None:
            pw = max(rect.w, round(PHONE_W * t.scale))
            ph_h = round(pw * rect.h / max(1, rect.w))
            full = pygame.Surface((pw, ph_h), pygame.SRCALPHA)
            ph.draw(full, full.get_rect(), record=False)
            img = pygame.transform.smoothscale(full, rect.size)
            self._thumbs = {key: img} | {k: v for k, v in self._thumbs.items() if k[1:] == key[1:]}
        surf.blit(img, rect.topleft)

    # -- actions ---------------------------------------------------------------------------------

    def open_one(self, i: int) -> None:
        self.shown = i
        self.offset = 0
        self.rebuild(keep_focus=False)

    def close_one(self) -> None:
        was = self.shown
        self.shown = None
        self.rebuild(keep_focus=False)
        if was is not None:
            self.focus(next(f for f in self.targets if getattr(f, "name", "") == f"shot-{was + 1}"))

    def step(self, by: int) -> None:
        """Left / Right: the previous or next screenshot, while one is open."""
        if self.shown is not None and len(self.phones) > 1:
            self.open_one((self.shown + by) % len(self.phones))

    def back(self) -> None:
        if self.shown is not None:
            self.close_one()
            return
        self.app.pop()

    # -- read aloud ------------------------------------------------------------------------------

    def narration(self) -> list[str] | None:
        """Automatic reading: the gallery when it opens, each screenshot as it opens large."""
        if self._said == self.shown:
            return None
        self._said = self.shown
        if self.shown is not None:
            return [self.phones[self.shown].speech()]
        n = len(self.phones)
        return [self.title + ". " + ngettext("{n} screenshot", "{n} screenshots", n).format(n=n)]
