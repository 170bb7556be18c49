"""The conversation so far as a scrolling list: its lines, their heights, where it is scrolled to.

Drawing cost follows what is visible: heights are kept in a prefix-sum list (`tops[i]` is line i's
top, `tops[-1]` the total), so the visible range is found by bisection. The list follows new
messages unless the player scrolled up or the mouse is in use over it: then it holds still, so
what is under the pointer never moves, and counts what arrived below for the "new messages" pill.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ... import text as tx
from ...theme import theme
from .items import Item

WHOLE_MESSAGES = 3  # the message list always has room for this many whole messages


def key_room() -> int:
    """Room kept round the keyboard's message: its ring, and the "F: flag" key that hangs below
    a wide bubble (listview.py)."""
    t = theme()
    return tx.text_height("F", "small", 10_000, True) + t.px("gap") + 4  # (the key: its line, inflated)

class ChatLog:
    """The chat's lines and their geometry. `view` gives the list's rectangle on screen, `tail`
    the height of what shows under the last line (the "typing…" bubble, or 0)."""

    def __init__(self, multi: bool, view: Callable[[], pygame.Rect], tail: Callable[[], int]):
        self.items: list[Item] = []
        self.heights: list[int] = []
        self.tops: list[int] = [0]  # prefix sums: tops[i] is item i's top; tops[-1] the total
        self.measure: Callable[[Item], int] | None = None  # set once the screen is laid out
        self.multi = multi  # several people talk: each run of lines shows its sender's name
        self.offset = 0.0
        self.stick = True  # following the newest line
        self.unseen = 0  # lines that arrived below while the list held still
        self.pointer: tuple[int, int] | None = None  # the mouse, while it is in use over the list
        self.visible: dict[int, pygame.Rect] = {}  # line -> its bubble on screen (last frame)
        self.pill = pygame.Rect(0, 0, 0, 0)  # the "new messages" pill (empty when hidden)
        self.focus_item: int | None = None  # the message the keyboard is on
        # what the app has (apps.py): "Seen" under the player's answered last bubble, reactions
        self.receipts = False
        self.reactions = False
        self.last_out: int | None = None  # the player's last bubble in the list
        self.seen: int | None = None  # the bubble that says "Seen"
        self._view, self._tail = view, tail

    def clear(self, multi: bool) -> None:
        """A new version of the story (writer mode): the lines go, to be replayed."""
        self.items, self.heights, self.tops = [], [], [0]
        self.measure = None
        self.multi = multi
        self.focus_item = None
        self.last_out = self.seen = None

    def append(self, item: Item) -> None:
        prev = self.items[-1] if self.items else None
        item.named = self.multi and item.kind == "message" and not item.outgoing and not (
            prev is not None and prev.kind == "message" and prev.sender == item.sender)
        self._marks(item)
        self.items.append(item)
        if self.measure is not None:
            h = self.measure(item)
            self.heights.append(h)
            self.tops.append(self.tops[-1] + h)
        if (not self.stick or self.holding()) and item.kind != "separator":
            self.unseen += 1

    def _marks(self, item: Item) -> None:
        """Before `item` joins the list: the player's new bubble takes "Seen" off the one before;
        a message answering the player's last bubble marks it "Seen" and brings it its reaction
        (each only where the app has it). The bubble marked is measured again."""
        if item.kind in ("message", "reply") and item.outgoing:
            if self.seen is not None and self.items[self.seen].seen:
                self.items[self.seen].seen = False
                self.measure_again(self.seen)
            self.last_out, self.seen = len(self.items), len(self.items) if item.seen else None
            return
        j = self.last_out
        if item.kind != "message" or j is None:
            return
        mine = self.items[j]
        if self.receipts and not mine.seen:
            mine.seen, self.seen = True, j
            self.measure_again(j)
        if self.reactions and item.reacts and mine.reaction != item.reacts:
            mine.reaction = item.reacts
            self.measure_again(j)

    def remeasure(self, measure: Callable[[Item], int]) -> None:
        """A new layout (window, text size, theme): every line measured again."""
        self.measure = measure
        self.heights = [measure(it) for it in self.items]
        self.tops = [0]
        for hh in self.heights:
            self.tops.append(self.tops[-1] + hh)

    def measure_again(self, i: int) -> None:
        """A flag adds (or removes) the line under its message: that item's height changes. The
        list's top stays put, so the message under the pointer doesn't move."""
        if self.measure is None or i >= len(self.heights):
            return
        h = self.measure(self.items[i])
        if h != self.heights[i]:
            at_bottom = self.offset >= self.max_offset() - 2
            self.heights[i] = h
            for j in range(i, len(self.heights)):
                self.tops[j + 1] = self.tops[j] + self.heights[j]
            if at_bottom and i == len(self.items) - 1:  # the newest message: its flag line shows
                self.offset = self.max_offset()

    def measure_message(self, index: int) -> None:
        """Measure again the bubble of transcript line `index`."""
        for i, it in enumerate(self.items):
            if it.index == index and it.kind == "message":
                self.measure_again(i)

    # -- holding and scrolling --------------------------------------------------------------------

    def holding(self) -> bool:
        """Whether the list holds still: the mouse is in use over it, so what is under the pointer
        never moves when a message arrives (a "new messages" pill says there is more below)."""
        return self.pointer is not None

    def view_rect(self) -> pygame.Rect:
        return self._view()

    def content_h(self) -> int:
        """The list's height; while the keyboard is on a message, with room below the last for
        the ring and the "F: flag" key (`key_room`)."""
        keyboard = self.focus_item is not None and self.pointer is None
        return self.tops[-1] + self._tail() + theme().px("gap") + (key_room() if keyboard else 0)

    def max_offset(self) -> float:
        return max(0.0, self.content_h() - self.view_rect().h)

    def scroll(self, dy: float) -> None:
        self.offset = max(0.0, min(self.offset + dy, self.max_offset()))
        self.stick = self.offset >= self.max_offset() - 2
        if self.stick:
            self.unseen = 0

    def scroll_to_bottom(self) -> None:
        self.stick = True
        self.unseen = 0
        self.offset = self.max_offset()

    def follow(self) -> None:
        """Before drawing: keep to the newest line unless the list holds still, and in range."""
        if self.stick and not self.holding():
            self.offset = self.max_offset()
        self.offset = max(0.0, min(self.offset, self.max_offset()))
        if self.offset >= self.max_offset() - 2:
            self.unseen = 0

    def scroll_to_item(self, i: int) -> None:
        """Scroll so item `i` is in view with the keyboard's ring round it and the "F: flag" key
        that hangs below a wide bubble (listview.py), never cut by the list's edges."""
        room, vh = key_room(), self.view_rect().h
        start, end = self.tops[i], self.tops[i + 1] + room  # the key hangs below: room first there
        top = start - max(0, min(room, vh - (end - start))) if i else 0  # then above, if it fits
        if end - start > vh:  # taller than the view: its start shows
            self.offset = start
        elif top < self.offset:
            self.offset = top
        elif end > self.offset + vh:
            self.offset = end - vh
        self.scroll(0)

    def scroll_to_item_index(self, transcript_index: int) -> None:
        """Scroll so the bubble of a transcript line is in view."""
        for i, it in enumerate(self.items):
            if it.index == transcript_index and it.kind in ("message", "reply", "action", "system"):
                self.scroll_to_item(i)
                return

    def whole_messages_h(self) -> int:
        """Room for the last few messages whole (the list never gets less, while it has them)."""
        count, j = 0, len(self.items)
        while j > 0 and count < WHOLE_MESSAGES:
            j -= 1
            if self.items[j].kind in ("message", "reply", "action", "ending", "system"):
                count += 1
        return self.tops[-1] - self.tops[j] + 2 * theme().px("gap")

    # -- what is where ----------------------------------------------------------------------------

    def item_at(self, pos: tuple[int, int]) -> int | None:
        for i, r in self.visible.items():
            if r.collidepoint(pos):
                return i
        return None

    def bubble_rect(self, transcript_index: int) -> pygame.Rect | None:
        """Where the bubble of a transcript line is on screen (None if not in view)."""
        for i, r in self.visible.items():
            if self.items[i].index == transcript_index and self.items[i].kind in ("message", "reply"):
                return r
        return None

    def flaggable(self) -> list[int]:
        """The lines that can be flagged, in order."""
        return [i for i, it in enumerate(self.items) if it.flaggable]
