"""The chat's keys, mouse and wheel, for a class at one keyboard (or one switch).

Space only shows the next message: it never flags or answers (F flags the message in focus, Enter
presses the focused button, 1-9 answer). The list holds still while the mouse is over it. Tab goes
round one ring of every message and button, so two keys, or one switch with scanning, reach every
action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...theme import theme
from ...widgets.base import Button
from ..base import DragScroll
from .items import is_players_turn

if TYPE_CHECKING:
    from .scene import ChatScene


class Controls:
    """Turns input events into the chat's actions."""

    def __init__(self, chat: ChatScene):
        self.chat = chat
        self.drag = DragScroll()

    def point(self, pos: tuple[int, int]) -> None:
        """The mouse moved or pressed: it holds the list if it is over it. Judged where the mouse
        is now, not later: a drawer that opens under a resting pointer doesn't let the list jump."""
        chat = self.chat
        chat.ui.hover = pos
        lst = chat.geometry.geo.get("list")
        chat.log.pointer = pos if lst is not None and lst.collidepoint(pos) else None

    def handle(self, ev: pygame.event.Event) -> None:
        t = theme()
        chat, log = self.chat, self.chat.log
        if ev.type == pygame.MOUSEWHEEL:
            dock = chat.geometry.geo.get("dock")
            if dock is not None and chat.ui.hover and dock.collidepoint(chat.ui.hover):
                chat.dock.dock_offset = max(0, chat.dock.dock_offset - ev.y * t.px("body") * 3)
            else:
                log.scroll(-ev.y * t.px("body") * 3)
        elif ev.type == pygame.WINDOWLEAVE:
            log.pointer = None
        elif ev.type == pygame.MOUSEMOTION:
            self.point(ev.pos)
            offset = self.drag.move(ev.pos)
            if offset is not None:
                log.scroll(offset - log.offset)
        elif ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            self.point(ev.pos)
            if log.view_rect().collidepoint(ev.pos):
                self.drag.down(ev.pos, log.offset)
        elif ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            if self.drag.up():
                self.click(ev.pos)
        elif ev.type == pygame.KEYDOWN:
            log.pointer = None  # the keyboard is in use: the list follows new messages again
            self.key(ev)

    def click(self, pos: tuple[int, int]) -> None:
        chat, log, dock = self.chat, self.chat.log, self.chat.dock
        if log.pill.collidepoint(pos):
            log.scroll_to_bottom()
            return
        if chat.threads.click(pos):  # a thread's tab, or the notice of a message in another
            return
        if dock.feedback and dock.feedback_rect.collidepoint(pos):
            chat.dock.close_feedback()
            return
        for b in chat._buttons():
            hidden = b in dock.choice_buttons and not chat.geometry.geo.get("dock", b.rect).collidepoint(pos)
            if not hidden and b.click(pos):  # a reply scrolled out of the dock can't be clicked
                return
        if log.view_rect().collidepoint(pos):
            i = log.item_at(pos)
            if i is not None and log.items[i].flaggable:
                chat.toggle_flag(i)
            elif chat.pacer.typing_visible():
                chat.pacer.skip()

    def move_message_focus(self, step: int) -> None:
        """Up and Down: the previous or next flaggable message (entering at the ones on screen)."""
        chat, log = self.chat, self.chat.log
        cands = log.flaggable()
        if not cands:
            return
        chat.ui.focused = None
        if log.focus_item is None or log.focus_item not in cands:
            vis = [i for i in cands if i in log.visible]
            log.focus_item = (vis or cands)[-1 if step < 0 or not vis else 0] if vis else cands[-1]
            if step < 0 and vis:
                log.focus_item = vis[-1]
        else:
            j = cands.index(log.focus_item) + step
            log.focus_item = cands[max(0, min(j, len(cands) - 1))]
        log.scroll_to_item(log.focus_item)

    def tab(self, step: int) -> None:
        """Tab / Shift+Tab: one ring through the messages and then the buttons (replies, the
        debrief, Back, Get help), so two keys, or one switch with scanning, reach every action.
        Coming round (or starting) it enters at this turn's first new message or the first one
        on screen, whichever is earlier, not at the top of the history (none: the buttons), so
        scanning reaches every new message each turn; Shift+Tab, or Up, goes further back."""
        chat, log = self.chat, self.chat.log
        cands = log.flaggable()
        buttons = chat._buttons()
        stops: list[tuple[str, int | Button]] = [("item", i) for i in cands] + [("button", b) for b in buttons]
        if not stops:
            return
        if log.focus_item is not None and log.focus_item in cands:
            j = cands.index(log.focus_item) + step
        elif chat.ui.focused in buttons:
            j = len(cands) + buttons.index(chat.ui.focused) + step
        else:
            j = None
        if j is None or not 0 <= j < len(stops):
            if step < 0:
                j = len(stops) - 1
            else:  # this turn's messages and those on screen, or with none, the buttons
                last_reply = max((i for i, it in enumerate(log.items) if is_players_turn(it)), default=-1)
                entry = [i for i in cands if i > last_reply][:1] + [i for i in cands if i in log.visible][:1]
                j = cands.index(min(entry)) if entry else (len(cands) if buttons else 0)
        kind, target = stops[j]
        if isinstance(target, int):
            chat.ui.focused = None
            log.focus_item = target
            log.scroll_to_item(target)
        else:
            log.focus_item = None
            chat.ui.focused = target

    def key(self, ev: pygame.event.Event) -> None:
        chat, log = self.chat, self.chat.log
        k, shift = ev.key, bool(ev.mod & pygame.KMOD_SHIFT)
        if chat.choices is not None and pygame.K_1 <= k <= pygame.K_9:
            n = k - pygame.K_1
            if n < len(chat.choices.options):
                chat.choose(chat.choices.options[n][0])
            return
        threads = chat.threads.enabled and (k in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET) or (
            k == pygame.K_TAB and ev.mod & pygame.KMOD_CTRL))
        if threads:  # [ ] or Ctrl+Tab: the previous or next conversation
            chat.threads.switch(-1 if k == pygame.K_LEFTBRACKET or (k == pygame.K_TAB and shift) else 1)
        elif k in (pygame.K_UP, pygame.K_DOWN):
            self.move_message_focus(-1 if k == pygame.K_UP else 1)
        elif k == pygame.K_f:
            if log.focus_item is not None:
                chat.toggle_flag(log.focus_item)
        elif k == pygame.K_x:
            chat.dock.close_feedback()
        elif k == pygame.K_g:  # the evidence gallery (once a screenshot was taken)
            chat.gallery.open()
        elif k == pygame.K_TAB:
            self.tab(-1 if shift else 1)
        elif k == pygame.K_SPACE and chat.app.settings.scan_seconds is None:
            chat.pacer.skip()  # Space only ever shows the next message: it never flags or answers
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            # Enter presses the focused button; a message is flagged with F (or a click). With
            # switch scanning on, Space is the switch: it also flags the message in focus.
            if chat.ui.focused is not None:
                chat.ui.focused.activate()
            elif k == pygame.K_SPACE and log.focus_item is not None:
                chat.toggle_flag(log.focus_item)
            elif chat.pacer.pending is not None:
                chat.pacer.skip()
            elif chat.ending is not None:
                chat.press_debrief()
        elif k == pygame.K_PAGEUP:
            log.scroll(-log.view_rect().h * 0.85)
        elif k == pygame.K_PAGEDOWN:
            log.scroll(log.view_rect().h * 0.85)
        elif k == pygame.K_HOME:
            log.scroll(-log.content_h())
        elif k == pygame.K_END:
            log.scroll_to_bottom()
