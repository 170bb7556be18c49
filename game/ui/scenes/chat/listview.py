"""Drawing the message list: only the lines in view (bisection over the log's prefix sums), each
bubble rendered once into a small LRU cache near the view, the "typing…" bubble under the last
line, and the "new messages" pill while the list holds still.

Every flagged bubble carries a ring and a line saying so; the keyboard's message wears the focus
ring and a badge naming the flag key, so a class at one keyboard sees what F will do.
"""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING

import pygame

from ....i18n import _
from ... import text as tx
from ...apps import app_color
from ...cache import SurfaceCache
from ...theme import theme
from ...widgets.base import avatar, focus_ring, rrect
from ...widgets.bubble import draw_tail, render_bubble
from ...widgets.marks import OUTCOME_TONES, outcome_label
from .header import draw_phone
from .items import Item, same_run
from .measure import bubble_max, list_width, reaction_overhang, reaction_size
from .wording import flag_line, new_messages

if TYPE_CHECKING:
    from .scene import ChatScene

BUBBLE_CACHE = 64  # rendered bubbles kept: a few screens' worth, never the whole history
BUBBLE_BYTES = 16 * 2**20  # and at most this many bytes (a screenful at 200 % on 1920x1080 is ~3 MB)


class ListView:
    """Draws the chat's log into the list's rectangle, keeping the bubbles it rendered."""

    def __init__(self, chat: ChatScene):
        self.chat = chat
        self.cache = SurfaceCache(BUBBLE_CACHE, BUBBLE_BYTES)

    def draw(self, surf: pygame.Surface, lst: pygame.Rect) -> None:
        t = theme()
        chat = self.chat
        log = chat.log
        style = chat.threads.style
        geo = chat.geometry.geo
        none = pygame.Rect(0, 0, 0, 0)
        draw_phone(surf, geo.get("frame", none), geo.get("status", none), style, chat.threads.clock())
        old = surf.get_clip()
        surf.set_clip(lst)
        surf.fill(app_color(style, "chat_bg"), lst)
        log.visible = {}
        self.flag_key: tuple[pygame.Rect, bool] | None = None  # drawn last: over the bubbles after it
        off = round(log.offset)
        top_y = lst.y - off + t.px("gap")
        # only the items that intersect the view: bisection over the prefix sums
        first = max(0, bisect.bisect_right(log.tops, off - t.px("gap")) - 1)
        i = first
        while i < len(log.items) and top_y + log.tops[i] < lst.bottom:
            self._draw_item(surf, i, lst, top_y + log.tops[i])
            i += 1
        if self.chat.threads.typing_here():
            self._draw_typing(surf, lst, top_y + log.tops[-1])
        if self.flag_key is not None:
            self._draw_flag_key(surf, *self.flag_key, lst)
        surf.set_clip(old)
        log.pill = pygame.Rect(0, 0, 0, 0)
        if (not log.stick or log.holding()) and log.unseen > 0:
            label = new_messages(log.unseen)
            img = tx.render(label, t.px("small"), t.color("pill_text"), lst.w, True)
            log.pill = img.get_rect(midbottom=(lst.centerx, lst.bottom - t.px("gap"))).inflate(
                t.px("pad") * 2, t.px("gap"))
            rrect(surf, t.color("pill"), log.pill, log.pill.h // 2)
            tx.blit(surf, img, img.get_rect(center=log.pill.center).topleft, log.pill, label)

    def _colors(self, outgoing: bool) -> tuple[pygame.Color, pygame.Color]:
        """A bubble's background and text in the app's colours (the theme's, in high contrast)."""
        style = self.chat.threads.style
        if outgoing:
            return app_color(style, "bubble_out"), app_color(style, "bubble_out_text")
        return app_color(style, "bubble_in"), app_color(style, "bubble_in_text")

    def _bubble(self, i: int, it: Item, max_w: int) -> pygame.Surface:
        key = (i, max_w, theme().generation)
        surf = self.cache.get(key)
        if surf is None:
            surf = self.cache.put(key, render_bubble(it.text, it.attachment, it.outgoing, max_w,
                                                     colors=self._colors(it.outgoing)))
        return surf

    def _draw_item(self, surf: pygame.Surface, i: int, lst: pygame.Rect, y: int) -> None:
        t = theme()
        chat, log = self.chat, self.chat.log
        it = log.items[i]
        pad, gap = t.px("pad"), t.px("gap")
        x0, lw = lst.x + pad, list_width(chat.geometry.geo["col"].w)
        if it.kind == "separator":
            img = tx.render(it.text, t.px("small"), t.color("separator_text"), lw - 4 * gap, True)
            r = img.get_rect(center=(lst.centerx, y + (log.heights[i] - gap) // 2 + gap // 2))
            rrect(surf, t.color("separator_bg"), r.inflate(2 * gap, gap), (r.h + gap) // 2)
            tx.blit(surf, img, r.topleft, r.inflate(2 * gap, gap), it.text)
            return
        if it.kind in ("system", "action"):  # an action: what the player did, in bold, no bubble
            img = tx.render(it.text, t.px("small"), t.color("system_text"), lw - 4 * gap, it.kind == "action",
                            "center")
            tx.blit(surf, img, (lst.centerx - img.get_width() // 2, y + gap // 2), lst, it.text)
            return
        if it.kind == "ending":
            self._draw_ending(surf, it, pygame.Rect(x0 + gap, y + gap, lw - 2 * gap, log.heights[i] - 2 * gap))
            return
        max_w = bubble_max(lw)
        img = self._bubble(i, it, max_w)
        av = t.px("avatar")
        characters = chat.scenario.characters
        if it.named:
            ch = characters.get(it.sender)
            name = ch.name.get(chat.lang) if ch else it.sender
            tx.draw_text(surf, name, "small", "muted", (x0 + av + gap, y), max_w, True, lst)
            y += tx.font_for("small", True).get_linesize()
        # the last bubble of a run has the tail, and (someone else's) the avatar: once per run
        last = i + 1 >= len(log.items) or not same_run(it, log.items[i + 1])
        if it.outgoing:
            bx = lst.right - pad - img.get_width()
        else:
            bx = x0 + av + gap
            ch = characters.get(it.sender)
            if ch is not None and last:
                asz = round(av * 0.8)
                avatar(surf, (x0 + av // 2, y + img.get_height() - asz // 2), asz, ch.avatar,
                       ch.name.get(chat.lang))
        surf.blit(img, (bx, y))
        rect = pygame.Rect(bx, y, img.get_width(), img.get_height())
        if last:
            draw_tail(surf, rect, it.outgoing, self._colors(it.outgoing)[0])
        if it.reaction:
            self._draw_reaction(surf, it, rect, lst)
        if tx.RECORDING and lst.top <= rect.top and rect.bottom <= lst.bottom:
            tx.RECORD.append((rect, pygame.Rect(lst.x, rect.y, lst.w, rect.h), it.text))
        log.visible[i] = rect
        flagged = it.index in chat.pt.state.flags
        radius = min(t.px("radius"), rect.h // 2)
        if flagged:
            rrect(surf, t.color("flag"), rect.inflate(4, 4), radius + 2, max(3, t.px("focus_width") - 1))
        elif it.flaggable and chat.ui.hover and rect.collidepoint(chat.ui.hover):
            rrect(surf, t.color("bubble_hover"), rect.inflate(4, 4), radius + 2, 2)
        if log.focus_item == i:
            focus_ring(surf, rect, radius)
        if log.focus_item == i and it.flaggable and log.pointer is None:  # the flag key: a badge
            self.flag_key = (rect, flagged)
        self._draw_meta(surf, it, rect, lst)

    def _draw_ending(self, surf: pygame.Surface, it: Item, box: pygame.Rect) -> None:
        """The ending card: its outcome (a word and an icon, never colour alone), title and text."""
        t = theme()
        gap = t.px("gap")
        tone = OUTCOME_TONES.get(it.outcome, "neutral")
        rrect(surf, t.color(f"{tone}_bg"), box)
        rrect(surf, t.color(tone if tone != "neutral" else "muted"), box, None, 2)
        r = tx.draw_text(surf, outcome_label(it.outcome), "small", tone if tone != "neutral" else "text",
                         (box.x + 2 * gap, box.y + 2 * gap), box.w - 4 * gap, True, box)
        r = tx.draw_text(surf, it.sender, "large", "text", (box.x + 2 * gap, r.bottom),
                         box.w - 4 * gap, True, box)
        tx.draw_text(surf, it.text, "body", "text", (box.x + 2 * gap, r.bottom),
                     box.w - 4 * gap, False, box)

    def _draw_flag_key(self, surf: pygame.Surface, rect: pygame.Rect, flagged: bool, lst: pygame.Rect) -> None:
        """Beside the keyboard's message, what F does to it (in short when that is what fits);
        with no room beside even for that (the widest bubbles), just below its lower right
        corner, over what follows and never over its own words (the list keeps room for it
        there: log.key_room)."""
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        lw = list_width(self.chat.geometry.geo["col"].w)
        for hint in (_("F: unflag") if flagged else _("F: flag this message"), _("F: unflag") if flagged
                     else _("F: flag")):
            img = tx.render(hint, t.px("small"), t.color("pill_text"), lw, True)
            badge = img.get_rect(midleft=(rect.right + 2 * gap, rect.centery)).inflate(gap, gap // 2)
            if badge.right <= lst.right - pad:
                break
        else:  # no room beside it: below it
            badge.topright = (rect.right - gap, rect.bottom + 2)
        rrect(surf, t.color("pill"), badge, badge.h // 2)
        tx.blit(surf, img, img.get_rect(center=badge.center).topleft, badge, hint)

    def _draw_meta(self, surf: pygame.Surface, it: Item, rect: pygame.Rect, lst: pygame.Rect) -> None:
        """The line under a bubble: its time, and the flag mark."""
        t = theme()
        gap = t.px("gap")
        chat = self.chat
        lw = list_width(chat.geometry.geo["col"].w)
        my = rect.bottom + 2
        parts = []
        if it.time:
            parts.append((it.time, "timestamp"))
        if it.seen:
            parts.append((_("Seen"), "timestamp"))
        label, color = flag_line(chat.pt, it.index, chat.taxonomy, chat.lang) if it.flaggable else ("", "")
        if label:
            parts.append((label, color))
        mx = rect.x if not it.outgoing else None
        if it.reaction:  # under the badge, not beside it
            my += reaction_overhang()
        if parts:
            texts = [tx.render(p, t.px("small"), t.color(c), lw) for p, c in parts]
            total = sum(im.get_width() for im in texts) + gap * 2 * (len(texts) - 1)
            x = mx if mx is not None else rect.right - total
            for (p, _c), im in zip(parts, texts, strict=True):
                tx.blit(surf, im, (x, my), lst, p)
                x += im.get_width() + gap * 2

    def _draw_reaction(self, surf: pygame.Surface, it: Item, rect: pygame.Rect, lst: pygame.Rect) -> None:
        """The reaction the player's bubble got: a round badge over its lower left edge."""
        t = theme()
        size = reaction_size()
        style = self.chat.threads.style
        badge = pygame.Rect(0, 0, size, size)
        badge.center = (rect.x + t.px("gap") + size // 2, rect.bottom)
        pygame.draw.circle(surf, t.color("card"), badge.center, size // 2)
        pygame.draw.circle(surf, app_color(style, "accent"), badge.center, size // 2, 2)
        img = tx.render(it.reaction, round(size * 0.68), t.color("text"), size * 2)
        label = _("Reaction: {emoji}").format(emoji=it.reaction)
        tx.blit(surf, img, img.get_rect(center=badge.center).topleft, lst, label)

    def _draw_typing(self, surf: pygame.Surface, lst: pygame.Rect, y: int) -> None:
        t = theme()
        chat = self.chat
        pad, gap = t.px("pad"), t.px("gap")
        av = t.px("avatar")
        ev = chat.pacer.pending
        ch = chat.scenario.characters.get(ev.message.sender) if ev else None
        name = ch.name.get(chat.lang) if ch else ""
        label = _("{name} is typing…").format(name=name)
        h = t.px("button_h")
        bx = lst.x + pad + av + gap
        r = pygame.Rect(bx, y, h * 2, h)
        rrect(surf, self._colors(False)[0], r, h // 2)
        rrect(surf, t.color("bubble_in_border"), r, h // 2, 1)
        if ch is not None:
            asz = round(av * 0.8)
            avatar(surf, (lst.x + pad + av // 2, y + h - asz // 2), asz, ch.avatar, ch.name.get(chat.lang))
        for k in range(3):  # three dots, gently pulsing
            phase = (chat.pacer.clock * 2.2 - k * 0.33) % 1.0
            lift = math.sin(phase * math.pi) * gap * 0.5 if not chat.app.settings.reduced_motion else 0
            pygame.draw.circle(surf, t.color("typing_dot"), (r.x + h * 0.55 + k * h * 0.45, r.centery - lift),
                               max(3, round(h * 0.1)))
        tx.draw_text(surf, label, "small", "muted", (bx, r.bottom + 2), lst.right - bx - pad, False, lst)
