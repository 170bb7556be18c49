"""PageScene: a scrolling page of blocks under an app bar (Back, the screen title, Get help),
used by every screen but the chat; FieldPage: a page with text fields.

Keyboard on a page: Tab / Shift+Tab and Up / Down move the focus ring, Enter or Space
activates, Left / Right change a setting, PgUp / PgDn / Home / End scroll, Esc backs out.
Mouse: click, wheel, or drag the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from ...i18n import _
from ..theme import theme
from ..widgets.base import Block, Card, TextBlock
from ..widgets.textfield import TextField
from .base import AppBar, DragScroll, Scene

if TYPE_CHECKING:
    from ..app import App


class PageScene(Scene):
    """A title bar and a vertically scrolling column of blocks."""

    title = ""
    show_back = True
    max_width_key = "page_max_w"

    def __init__(self, app: App):
        super().__init__(app)
        self.offset = 0.0
        self.blocks: list[Block] = []
        self.targets: list[Block] = []
        self.top_of: dict[int, int] = {}
        self.hotkeys: dict[int, Callable[[], None]] = {}
        self.bar = AppBar(self, self.title, self.show_back)
        self.drag = DragScroll()
        self._ensure = False
        self.view = pygame.Rect(0, 0, 0, 0)
        self._tops: list[int] = []
        self._content_h = 0
        self._content_w = 0
        self.rebuild()

    # -- content -----------------------------------------------------------------------------

    def build(self) -> list[Block]:
        return []

    def storage_notes(self) -> list[Block]:
        """On every page while results can't be saved (and once after a damaged file was
        recovered): what happened and what to do. Nothing a group does may vanish unnoticed."""
        from ...i18n import problem

        trouble = problem()
        language: list[Block] = [Card([TextBlock(trouble, "body", "text")], accent="warn", name="language")] \
            if trouble else []
        room = self.app._classroom
        if room is None:
            return language
        self._notes = getattr(self, "_notes", []) + room.take_notices()
        blocks: list[Block] = [Card([TextBlock(n, "body", "text")], accent="warn", name="notice")
                               for n in self._notes]
        if room.problem:
            blocks.insert(0, Card([TextBlock("⚠ " + _("Not being saved."), "body", "bad", True),
                                   TextBlock(room.problem, "body", "text")], accent="bad",
                                  name="not-saved"))
        return language + blocks

    def rebuild(self, keep_focus: bool = True) -> None:
        """Build the blocks again (after a setting changed), keeping the focus where it was."""
        old = self.ui.focused
        old_name = getattr(old, "name", None)
        old_index = self.targets.index(old) if old in self.targets else -1
        self.blocks = self.storage_notes() + self.build()  # build() first: it may set the title
        self.bar = AppBar(self, self.title, self.show_back)
        self.targets = []
        self.top_of = {}
        for i, b in enumerate(self.blocks):
            for f in b.focus_targets():
                self.top_of[id(f)] = i
                self.targets.append(f)
        self.targets += self.bar.buttons()
        self.ui.focused = None
        if keep_focus and old is not None:
            same = [f for f in self.targets if old_name and getattr(f, "name", None) == old_name]
            if same:
                self.ui.focused = same[0]
            elif 0 <= old_index < len(self.targets):
                self.ui.focused = self.targets[old_index]
        self._tops = []

    def layout(self) -> None:
        self.rebuild()

    def _measure(self, surf: pygame.Surface) -> None:
        t = theme()
        w, h = surf.get_size()
        bar_h = self.bar.height(w)
        m = t.px("margin")
        cw = min(w - 2 * m, t.px(self.max_width_key))
        self.view = pygame.Rect(0, bar_h, w, h - bar_h)
        gap = t.px("gap")
        tops, y = [], m
        for b in self.blocks:
            tops.append(y)
            y += b.height(cw) + gap
        self._tops, self._content_h, self._content_w = tops, y + m, cw
        self.offset = max(0.0, min(self.offset, self.max_offset()))

    def max_offset(self) -> float:
        return max(0, self._content_h - self.view.h)

    def scroll(self, dy: float) -> None:
        self.offset = max(0.0, min(self.offset + dy, self.max_offset()))

    # -- input -------------------------------------------------------------------------------

    def handle(self, ev: pygame.event.Event) -> None:
        t = theme()
        if ev.type == pygame.MOUSEWHEEL:
            self.scroll(-ev.y * t.px("body") * 3)
        elif ev.type == pygame.MOUSEMOTION:
            self.ui.hover = ev.pos
            offset = self.drag.move(ev.pos)
            if offset is not None:
                self.offset = max(0.0, min(offset, self.max_offset()))
        elif ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            self.drag.down(ev.pos, self.offset)
            self.ui.hover = ev.pos
        elif ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            if self.drag.up():
                self.click(ev.pos)
        elif ev.type == pygame.KEYDOWN:
            self.key(ev)

    def click(self, pos) -> bool:
        if self.bar.click(pos):
            return True
        if not self.view.collidepoint(pos):
            return False
        for b in self.blocks:
            if b.rect.h and b.click(pos):
                return True
        return False

    def key(self, ev) -> bool:
        t = theme()
        k = ev.key
        shift = bool(ev.mod & pygame.KMOD_SHIFT)
        if k in self.hotkeys:
            self.hotkeys[k]()
            return True
        if k == pygame.K_TAB:
            self.move_focus(-1 if shift else 1)
        elif k in (pygame.K_DOWN, pygame.K_UP):
            self.move_focus(1 if k == pygame.K_DOWN else -1, scroll_instead=True)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.ui.focused is not None:
                self.ui.focused.activate()
        elif k in (pygame.K_LEFT, pygame.K_RIGHT):
            if self.ui.focused is not None:
                self.ui.focused.key(ev)
        elif k == pygame.K_PAGEDOWN:
            self.scroll(self.view.h * 0.85)
        elif k == pygame.K_PAGEUP:
            self.scroll(-self.view.h * 0.85)
        elif k == pygame.K_HOME:
            self.offset = 0
        elif k == pygame.K_END:
            self.offset = self.max_offset()
        else:
            return False
        del t
        return True

    def move_focus(self, step: int, scroll_instead: bool = False) -> None:
        if not self.targets:
            if scroll_instead:
                self.scroll(step * theme().px("body") * 3)
            return
        if self.ui.focused not in self.targets:
            content = [f for f in self.targets if id(f) in self.top_of]
            if scroll_instead and content:
                # first focusable block in view
                visible = [f for f in content if f.rect.h and self.view.contains(f.rect)]
                self.ui.focused = (visible or content)[0 if step > 0 else -1]
            else:
                self.ui.focused = self.targets[0 if step > 0 else -1]
        else:
            i = self.targets.index(self.ui.focused)
            j = i + step
            if scroll_instead and not 0 <= j < len(self.targets):
                self.scroll(step * theme().px("body") * 3)
                return
            self.ui.focused = self.targets[j % len(self.targets)]
        self._ensure = True

    def focus(self, block: Block, reveal: bool = True) -> None:
        """Focus `block`, scrolled into view; `reveal=False` for a click: what is under the
        pointer never moves (a second quick click lands where it was aimed)."""
        self.ui.focused = block
        self._ensure = reveal

    def focus_named(self, name: str, reveal: bool = True) -> None:
        """Focus the control called `name` (nothing when there is none now); `reveal=False`
        leaves the page where it is (a page read from its top, its button below the fold)."""
        found = next((t for t in self.targets if getattr(t, "name", "") == name), None)
        if found is not None:
            self.focus(found, reveal)

    # -- drawing -----------------------------------------------------------------------------

    def _ensure_visible(self) -> None:
        f = self.ui.focused
        if f is None or id(f) not in self.top_of or not self._tops:
            return
        i = self.top_of[id(f)]
        top = self._tops[i]
        bottom = top + self.blocks[i].height(self._content_w)
        if f.rect.h and f.rect.w and self.blocks[i].rect.h:  # drawn before: use its own place
            top = f.rect.top - self.view.top + self.offset
            bottom = top + f.rect.h
        m = theme().px("margin")
        if top - m < self.offset:
            self.offset = max(0.0, top - m)
        elif bottom + m > self.offset + self.view.h:
            self.offset = min(self.max_offset(), bottom + m - self.view.h)

    def draw(self, surf: pygame.Surface) -> None:
        t = theme()
        self._measure(surf)
        if self._ensure:
            self._draw_blocks(surf)  # place focus targets, then scroll to the focused one
            self._ensure_visible()
            self._ensure = False
        self._draw_blocks(surf)
        self.bar.draw(surf, self.ui)
        if self.max_offset() > 0:  # a thin scroll indicator
            vh, ch = self.view.h, self._content_h
            bar_h = max(t.px("gap") * 3, vh * vh // ch)
            y = self.view.top + (vh - bar_h) * (self.offset / self.max_offset())
            pygame.draw.rect(surf, t.color("scrollbar"),
                             (surf.get_width() - t.px("gap"), y, t.px("gap") // 2, bar_h),
                             border_radius=t.px("gap"))

    def _draw_page(self, surf: pygame.Surface) -> None:
        """The page's background (a sheet over another screen draws only its part)."""
        surf.fill(theme().color("page"))

    def _draw_blocks(self, surf: pygame.Surface) -> None:
        self._draw_page(surf)
        x = self.view.x + (self.view.w - self._content_w) // 2
        old_clip = surf.get_clip()
        surf.set_clip(self.view)
        top = self.view.top - round(self.offset)
        for b, y in zip(self.blocks, self._tops, strict=False):  # no tops yet: nothing drawn
            h = b.height(self._content_w)
            if top + y + h < self.view.top or top + y > self.view.bottom:
                b.rect = pygame.Rect(0, 0, 0, 0)
                continue
            b.draw(surf, x, top + y, self._content_w, self.ui)
        surf.set_clip(old_clip)


class FieldPage(PageScene):
    """A page with text fields: typing goes to the focused field, and letters are text there,
    not shortcuts (only F1 opens Get help while typing)."""

    @property
    def wants_text(self) -> bool:
        return isinstance(self.ui.focused, TextField)

    def focus_field(self, field: TextField) -> None:
        self.focus(field)

    def handle(self, ev) -> None:
        f = self.ui.focused
        if isinstance(f, TextField):
            if ev.type == pygame.TEXTINPUT:
                f.insert(ev.text)
                self.text_changed(f)
                return
            if ev.type == pygame.KEYDOWN:
                if f.key(ev):
                    self.text_changed(f)
                    return
                if 32 <= ev.key < 127 and not ev.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
                    return  # the character arrives as TEXTINPUT
        super().handle(ev)

    def text_changed(self, field: TextField) -> None:
        pass


READ_SECONDS = 1.0  # what a timed page asks can't be answered before it has been on screen this long


class TimedPage(PageScene):
    """A page that times what it shows: the seconds since the current question or chat appeared
    (`waited`), on the app's clock (`App.now`): real time as of the frame's events, so an answer
    given after a still moment is timed when it was given (the quiz and the spot check store
    these times for the research file). It is `ready` to be answered after READ_SECONDS: keys
    pressed for the screen before, or mashed by a class, never answer what nobody has read."""

    def __init__(self, app) -> None:
        self.shown_at = app.now
        super().__init__(app)

    def shown_now(self) -> None:
        """A new question or chat is on screen: time from now."""
        self.shown_at = self.app.now

    @property
    def waited(self) -> float:
        """Seconds since the current question or chat appeared."""
        return self.app.now - self.shown_at

    @property
    def ready(self) -> bool:
        return self.waited >= READ_SECONDS

    def until_ready(self) -> float | None:
        """Seconds until it is `ready` (None: it is), for a page's `wake_after`."""
        return None if self.ready else max(0.01, READ_SECONDS - self.waited)
