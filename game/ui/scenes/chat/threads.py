"""The phone's conversations in the chat (format 2 stories): which thread is open, the unread
counts, the notice a message in another thread brings, and the strip of thread tabs under the
header. A format 1 story is one implicit thread: `enabled` is False and nothing here shows.

Which threads are on the phone is the engine's (`Playthrough.threads`); which are unread and
which is open is the screen's. Every line is kept here with its thread; the ChatLog holds the
open thread's lines only (and each thread keeps where it was scrolled to).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from ....engine.cast import Character
from ....engine.model import Scenario
from ....i18n import _
from ... import text as tx
from ...apps import AppStyle, app_color, app_style, draw_app_icon
from ...theme import theme
from ...widgets.base import Button, focus_ring, rrect
from .header import story_time
from .items import Item

if TYPE_CHECKING:
    from .scene import ChatScene

NOTICE_SECONDS = 4.0  # how long a notice of a message in another thread stays up
NOTICE_WORDS = 6  # a notice shows the first few words of the message


def thread_title(scenario: Scenario, thread: str, lang: str) -> str:
    """The name the phone shows: the thread's title, else the names of the people in it."""
    th = scenario.threads[thread]
    if th.title is not None:
        return th.title.get(lang)
    return ", ".join(scenario.characters[p].name.get(lang) for p in th.people if p in scenario.characters)


def thread_header(scenario: Scenario, thread: str, lang: str, typing: bool) -> tuple[str, str]:
    """The header of a thread: its name, and the members of a group (a contact's status for a DM)."""
    th = scenario.threads[thread]
    people = [scenario.characters[p] for p in th.people if p in scenario.characters]
    if th.kind == "group":
        status = ", ".join(c.name.get(lang) for c in people)
    else:
        status = people[0].status.get(lang) if people and people[0].status else ""
    return thread_title(scenario, thread, lang), _("typing…") if typing else status


def first_words(text: str) -> str:
    words = text.split()
    short = " ".join(words[:NOTICE_WORDS])
    return short + ("…" if len(words) > NOTICE_WORDS else "")


class Threads:
    """The open thread, every line with its thread, the unread counts and the notice."""

    def __init__(self, chat: ChatScene) -> None:
        self.chat = chat
        self.reset()

    def reset(self) -> None:
        sc = self.chat.scenario
        self.enabled = sc.format >= 2 and bool(sc.threads)
        self.open = sc.first_thread
        log = self.chat.log
        log.receipts, log.reactions = self.style.receipts, self.style.reactions
        self.last = sc.first_thread  # the thread the last message arrived in (a reply answers it)
        self.items: list[Item] = []
        self.unread: dict[str, int] = {}
        self.fresh = 0  # how many were unread in the thread last opened
        self.notice: tuple[str, str, float] | None = None  # (thread, text, seconds left)
        self.notices: list[str] = []  # the threads notified, in order (read aloud)
        self.views: dict[str, tuple[float, bool]] = {}  # thread -> (offset, following the newest)
        self.tabs: list[tuple[str, pygame.Rect]] = []
        self._buttons: dict[str, Button] = {}
        self.notice_rect = pygame.Rect(0, 0, 0, 0)
        if self.enabled:
            log.multi = self.multi(self.open)

    @property
    def style(self) -> AppStyle:
        """The look of the app the open thread is on (a thread may be on another app than the
        story's: its colours, icon and name, its receipts and reactions)."""
        return app_style(self.chat.scenario.app_of(self.open))

    def multi(self, thread: str) -> bool:
        """Several people talk in this thread (a group): each run shows its sender's name."""
        th = self.chat.scenario.threads.get(thread)
        return th is not None and th.kind == "group"

    def clock(self) -> str:
        """The phone's clock: the latest time the player has seen, in any thread."""
        return story_time(self.items if self.enabled else self.chat.log.items)

    def title(self, thread: str) -> str:
        return thread_title(self.chat.scenario, thread, self.chat.lang)

    def avatar(self) -> Character | None:
        """Whose avatar the header shows: the open thread's first member (None: a format 1 story)."""
        if not self.enabled:
            return None
        people = self.chat.scenario.threads[self.open].people
        return self.chat.scenario.characters.get(people[0]) if people else None

    def typing_here(self) -> bool:
        """The "typing…" bubble shows: the message on its way is in the open thread."""
        pacer = self.chat.pacer
        pending = pacer.pending
        return pacer.typing_visible() and (not self.enabled or pending is None or pending.thread == self.open)

    def on_phone(self) -> tuple[str, ...]:
        return self.chat.pt.threads if self.enabled else ()

    def tab_label(self, thread: str) -> str:
        """A tab's words (shown and read aloud): the thread's name and its unread count."""
        count = self.unread.get(thread, 0)
        return self.title(thread) + (f" ({count})" if count else "")

    def buttons(self) -> list[Button]:
        """The tabs as buttons, so Tab, switch scanning and read aloud reach every conversation
        (their place on screen is set as the strip draws them)."""
        out = []
        for thread in self.on_phone():
            b = self._buttons.get(thread)
            if b is None:
                b = self._buttons[thread] = Button("", partial(self.select, thread), "secondary",
                                                   name=f"thread:{thread}")
            b.label = _("Chat: {name}").format(name=self.tab_label(thread))
            out.append(b)
        return out if len(out) > 1 else []

    # -- lines --------------------------------------------------------------------------------------

    def add(self, item: Item, quiet: bool = False) -> None:
        """A new line: listed when its thread is open (or it belongs to all, as the ending does),
        else counted unread, with a notice (not when a saved game is shown again: `quiet`)."""
        if not self.enabled:
            self.chat.log.append(item)
            return
        if item.kind == "message" and item.thread:
            self.last = item.thread
        self.items.append(item)
        if item.thread in ("", self.open):
            self.chat.log.append(item)
        elif item.kind == "message" and not quiet:
            self.unread[item.thread] = self.unread.get(item.thread, 0) + 1
            ch = self.chat.scenario.characters.get(item.sender)
            name = ch.name.get(self.chat.lang) if ch is not None else self.title(item.thread)
            self.notice = (item.thread, f"{name}: {first_words(item.text)}", NOTICE_SECONDS)
            self.notices.append(item.thread)

    def settle(self) -> None:
        """After a saved game is shown again: open where the last message arrived, nothing unread."""
        if self.enabled:
            self.select(self.last)
            self.unread.clear()

    def tick(self, dt: float) -> bool:
        """The notice's clock; True while it shows (the screen draws it going)."""
        if self.notice is None:
            return False
        thread, text, left = self.notice
        self.notice = (thread, text, left - dt) if left - dt > 0 else None
        return True

    # -- switching --------------------------------------------------------------------------------

    def switch(self, step: int) -> None:
        """The next (or previous) thread on the phone, going round."""
        ids = self.on_phone()
        if len(ids) < 2:
            return
        i = ids.index(self.open) if self.open in ids else 0
        self.select(ids[(i + step) % len(ids)])

    def to_replies(self) -> None:
        """Replies answer the chat the last message came in: it opens when they are offered, as a
        phone is opened on a chat to reply (a class never answers a chat it can't see)."""
        if self.enabled and self.last != self.open and self.last in self.on_phone():
            self.select(self.last)

    def select(self, thread: str) -> None:
        """Open a thread: its lines are listed (where it was scrolled to) and it is read."""
        chat, log = self.chat, self.chat.log
        self.views[self.open] = (log.offset, log.stick)
        self.open = thread
        self.fresh = self.unread.get(thread, 0)  # read aloud when the thread opens
        self.unread[thread] = 0
        if self.notice is not None and self.notice[0] == thread:
            self.notice = None
        measure = log.measure
        log.clear(self.multi(thread))
        log.receipts, log.reactions = self.style.receipts, self.style.reactions
        for it in self.items:
            if it.thread in ("", thread):
                log.append(it)
        if measure is not None:
            log.remeasure(measure)
        log.offset, log.stick = self.views.get(thread, (log.max_offset(), True))
        log.unseen = 0
        chat.listview.cache.clear()
        name = getattr(chat.ui.focused, "name", "")
        if chat.ui.focused is not None and not name.startswith(("choice", "thread:")):
            chat.ui.focused = None

    # -- drawing ----------------------------------------------------------------------------------

    def strip_height(self) -> int:
        t = theme()
        return tx.font_for("small").get_linesize() + 2 * t.px("gap") if self.enabled else 0

    def draw_strip(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        """A tab a thread, the open one marked, each with its unread count."""
        t = theme()
        gap = t.px("gap")
        accent, accent_text = app_color(self.style, "accent"), app_color(self.style, "accent_text")
        pygame.draw.rect(surf, t.color("chat_header"), r)
        pygame.draw.line(surf, t.color("chat_border"), (r.x, r.bottom - 1), (r.right - 1, r.bottom - 1), 2)
        ids = self.on_phone()
        self.tabs = []
        if not ids:
            return
        self.buttons()  # (made before they are placed)
        if not self.chat.geometry.geo["header"].h:  # no header (big text): the app's icon starts the row
            size = r.h - gap
            draw_app_icon(surf, pygame.Rect(r.x + gap // 2, r.y + gap // 2, size, size), self.style)
            r = pygame.Rect(r.x + size + gap // 2, r.y, r.w - size - gap // 2, r.h)
        w = (r.w - gap) // len(ids)
        focused = self.chat.ui.focused
        for n, thread in enumerate(ids):
            tab = pygame.Rect(r.x + gap // 2 + n * w, r.y + gap // 2, w - gap // 2, r.h - gap)
            self.tabs.append((thread, tab))
            button = self._buttons.get(thread)
            if button is not None:
                button.rect = tab
            is_open = thread == self.open
            rrect(surf, accent if is_open else t.color("neutral_bg"), tab, tab.h // 2)
            label = self.tab_label(thread)
            count = self.unread.get(thread, 0)
            color = accent_text if is_open else t.color("text")
            img = tx.render(label, t.px("small"), color, 100000, is_open or bool(count))
            inner = tab.inflate(-gap, 0)
            img = img.subsurface((0, 0, min(img.get_width(), inner.w), min(img.get_height(), inner.h)))
            tx.blit(surf, img, img.get_rect(center=inner.center).topleft, tab, label)
            if count:  # a dot too: never the number alone
                pygame.draw.circle(surf, t.color("flag"), (tab.right - gap // 2, tab.top + gap // 2),
                                   max(3, gap // 2))
            if button is not None and focused is button:
                focus_ring(surf, tab, tab.h // 2)

    def draw_notice(self, surf: pygame.Surface, lst: pygame.Rect) -> None:
        """The notice of a message in another thread, at the top of the list (a click opens it)."""
        self.notice_rect = pygame.Rect(0, 0, 0, 0)
        if self.notice is None:
            return
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        text = self.notice[1]
        w = lst.w - 2 * pad
        h = tx.text_height(text, "small", w - 2 * pad, True) + 2 * gap
        box = pygame.Rect(lst.x + pad, lst.y + gap, w, min(h, max(0, lst.h - gap)))
        rrect(surf, t.color("card"), box)
        rrect(surf, app_color(self.style, "accent"), box, None, 2)
        old = surf.get_clip()
        surf.set_clip(box)
        tx.draw_text(surf, text, "small", "text", (box.x + pad, box.y + gap), w - 2 * pad, True, box)
        surf.set_clip(old)
        self.notice_rect = box

    def click(self, pos: tuple[int, int]) -> bool:
        """A tab or the notice was clicked: that thread opens."""
        if not self.enabled:
            return False
        if self.notice is not None and self.notice_rect.collidepoint(pos):
            self.select(self.notice[0])
            return True
        for thread, tab in self.tabs:
            if tab.collidepoint(pos):
                self.select(thread)
                return True
        return False
