"""Scene base classes: a Scene on the app's stack, and PageScene, a scrolling page of blocks
under an app bar (Back, the screen title, Get help) used by every screen but the chat.

Keyboard on a page: Tab / Shift+Tab and Up / Down move the focus ring, Enter or Space
activates, Left / Right change a setting, PgUp / PgDn / Home / End scroll, Esc backs out.
Mouse: click, wheel, or drag the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pygame

from ...i18n import _
from .. import text as tx
from ..theme import theme
from ..widgets.base import Block, Button, Card, TextBlock, UIState, shade

if TYPE_CHECKING:
    from ..app import App

DRAG_START = 8  # pixels the pointer must move before a press becomes a drag


class DragScroll:
    """Press-and-drag scrolling for scrollable scenes: a press that moves more than DRAG_START
    pixels scrolls the view; one that doesn't is a click."""

    def __init__(self) -> None:
        self.press: tuple[int, float] | None = None  # (pointer y, offset) at the press
        self.dragging = False

    def down(self, pos, offset: float) -> None:
        self.press, self.dragging = (pos[1], offset), False

    def move(self, pos) -> float | None:
        """The offset the view should have now, or None when not dragging."""
        if self.press is None:
            return None
        y, offset = self.press
        if self.dragging or abs(pos[1] - y) > DRAG_START:
            self.dragging = True
            return offset - (pos[1] - y)
        return None

    def up(self) -> bool:
        """End the press; True unless it was a drag (a release is a click)."""
        was_click = not self.dragging
        self.press, self.dragging = None, False
        return was_click


class Scene:
    opaque = True
    name = "scene"

    def __init__(self, app: App):
        self.app = app
        self.ui = UIState()

    def layout(self) -> None:
        """The window size or the text size changed."""

    def handle(self, event: pygame.event.Event) -> None:
        pass

    def update(self, dt: float) -> bool:
        return False

    def draw(self, surf: pygame.Surface) -> None:
        pass

    def animating(self) -> bool:
        return False

    def back(self) -> None:
        self.app.pop()

    def on_top(self) -> None:
        """This scene is on top again (a scene above it closed)."""


class AppBar:
    """The dark bar at the top of every screen: Back, a title, Get help."""

    def __init__(self, scene: Scene, title: str, show_back: bool = True):
        self.scene, self.title = scene, title
        self.back = Button(_("Back"), scene.back, "secondary", key_hint="Esc", name="back") \
            if show_back else None
        self.help = Button(_("Get help"), scene.app.open_help, "help", key_hint="F1", name="help")
        self.rect = pygame.Rect(0, 0, 0, 0)

    def buttons(self) -> list[Button]:
        return [b for b in (self.back, self.help) if b is not None]

    def _sizes(self, w: int) -> tuple[int, int, int]:
        """(back width, help width, button height): big text may wrap a label, never cut it."""
        t = theme()
        help_w = min(self.help.natural_width(), w // 3)
        back_w = min(self.back.natural_width(), w // 3) if self.back else 0
        bh = max([t.px("button_h") - t.px("gap") // 2, self.help.height(help_w)]
                 + ([self.back.height(back_w)] if self.back else []))
        return back_w, help_w, bh

    def height(self, w: int) -> int:
        t = theme()
        return max(t.px("appbar_h"), t.px("button_h") + t.px("gap"), self._sizes(w)[2] + t.px("gap"))

    def draw(self, surf: pygame.Surface, ui: UIState) -> None:
        t = theme()
        w = surf.get_width()
        h = self.height(w)
        self.rect = pygame.Rect(0, 0, w, h)
        pygame.draw.rect(surf, t.color("appbar"), self.rect)
        m, gap = t.px("margin"), t.px("gap")
        bw, help_w, bh = self._sizes(w)
        y = (h - bh) // 2
        x = m // 2
        right = w - m // 2 - help_w
        if self.back:
            self.back.draw(surf, x, y, bw, ui)
            self.back.rect.h = bh
            x += bw + gap * 2
        self.help.draw(surf, right, y, help_w, ui)
        avail = right - gap * 2 - x
        if avail > 40 and self.title:
            img = tx.render(self.title, t.px("body"), t.color("appbar_text"), avail, True)
            if img.get_height() <= h:
                tx.blit(surf, img, (x, (h - img.get_height()) // 2), pygame.Rect(x, 0, avail, h), self.title)

    def click(self, pos) -> bool:
        return any(b.click(pos) for b in self.buttons())


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

        language = [Card([TextBlock(problem(), "body", "text")], accent="warn", name="language")] \
            if problem() else []
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

    def focus(self, block: Block) -> None:
        self.ui.focused = block
        self._ensure = True

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
        for b, y in zip(self.blocks, self._tops):
            h = b.height(self._content_w)
            if top + y + h < self.view.top or top + y > self.view.bottom:
                b.rect = pygame.Rect(0, 0, 0, 0)
                continue
            b.draw(surf, x, top + y, self._content_w, self.ui)
        surf.set_clip(old_clip)


class Dialog(Scene):
    """A small modal card over the screen below: a message and buttons (keys 1-9 pick)."""

    opaque = False
    name = "dialog"

    def __init__(self, app: App, title: str, body: str, buttons: list[tuple[str, Callable[[], None]]],
                 cancel: Callable[[], None] | None = None, numbered: bool = False):
        super().__init__(app)
        self.title, self.body = title, body
        self.cancel = cancel
        # a numbered list (e.g. tactics) gets no highlighted first option: it would hint an answer
        self.buttons = [Button(label, self._wrap(action), "primary" if i == 0 and not numbered else "secondary",
                               key_hint=str(i + 1) if numbered and i < 9 else "", name=f"dialog-{i}")
                        for i, (label, action) in enumerate(buttons)]
        self.numbered = numbered
        self.ui.focused = self.buttons[0] if self.buttons and not numbered else None
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.scroll_y = 0

    def _wrap(self, action: Callable[[], None]) -> Callable[[], None]:
        def run():
            if self.app.top is self:
                self.app.pop()
            action()
        return run

    def back(self) -> None:
        self.app.pop()
        if self.cancel:
            self.cancel()

    def handle(self, ev) -> None:
        if ev.type == pygame.MOUSEMOTION:
            self.ui.hover = ev.pos
        elif ev.type == pygame.MOUSEWHEEL:
            self.scroll_y = max(0, self.scroll_y - ev.y * theme().px("body") * 3)
        elif ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            for b in self.buttons:
                if b.click(ev.pos):
                    return
            if not self.rect.collidepoint(ev.pos):
                self.back()
        elif ev.type == pygame.KEYDOWN:
            k = ev.key
            if k in (pygame.K_TAB, pygame.K_DOWN, pygame.K_UP, pygame.K_LEFT, pygame.K_RIGHT):
                step = -1 if (k in (pygame.K_UP, pygame.K_LEFT) or
                              (k == pygame.K_TAB and ev.mod & pygame.KMOD_SHIFT)) else 1
                i = self.buttons.index(self.ui.focused) if self.ui.focused in self.buttons else -1
                self.ui.focused = self.buttons[(i + step) % len(self.buttons)]
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.ui.focused:
                self.ui.focused.activate()
            elif self.numbered and pygame.K_1 <= k <= pygame.K_9:
                i = k - pygame.K_1
                if i < len(self.buttons):
                    self.buttons[i].activate()

    def draw(self, surf: pygame.Surface) -> None:
        t = theme()
        shade(surf, t.color("overlay"))
        sw, sh = surf.get_size()
        pad, gap = t.px("pad") * 2, t.px("gap")
        w = min(sw - 2 * t.px("margin"), round((820 if self.numbered else 640) * t.scale))
        iw = w - 2 * pad
        body_h = tx.text_height(self.body, "body", iw) if self.body else 0
        title_h = tx.text_height(self.title, "large", iw, True)
        cols = 2 if (len(self.buttons) == 2 and not self.numbered) or len(self.buttons) > 4 else 1
        if cols == 2 and max(b.natural_width() for b in self.buttons) > (iw - gap) // 2:
            cols = 1  # long labels (big text, French): one button a row, wrapped, never cut
        bw = (iw - gap * (cols - 1)) // cols
        rows = [self.buttons[i:i + cols] for i in range(0, len(self.buttons), cols)]
        bhs = [max(b.height(bw) for b in row) for row in rows]
        content = title_h + gap + (body_h + gap * 2 if self.body else gap) + sum(bhs) + gap * (len(rows) - 1)
        h = min(pad * 2 + content, sh - 2 * gap)  # taller than the window: the card scrolls
        self.rect = pygame.Rect((sw - w) // 2, max(gap, (sh - h) // 2), w, h)
        inner = self.rect.inflate(0, -2 * pad)
        over = max(0, content - inner.h)
        # keep the focused button, and its focus ring, in view
        y0 = title_h + gap + (body_h + gap * 2 if self.body else gap)
        ring = t.px("focus_width") * 2 + 4
        for row, rh in zip(rows, bhs):
            if self.ui.focused in row:
                if y0 - ring < self.scroll_y:
                    self.scroll_y = y0 - ring
                elif y0 + rh + ring > self.scroll_y + inner.h:
                    self.scroll_y = y0 + rh + ring - inner.h
            y0 += rh + gap
        self.scroll_y = max(0, min(self.scroll_y, over))
        pygame.draw.rect(surf, t.color("dialog"), self.rect, border_radius=t.px("radius"))
        pygame.draw.rect(surf, t.color("card_border"), self.rect, 2, border_radius=t.px("radius"))
        old_clip = surf.get_clip()
        surf.set_clip(inner.clip(old_clip))
        x, y = self.rect.x + pad, inner.y - self.scroll_y
        r = tx.draw_text(surf, self.title, "large", "text", (x, y), iw, True, self.rect)
        y = r.bottom + gap
        if self.body:
            r = tx.draw_text(surf, self.body, "body", "muted", (x, y), iw, False, self.rect)
            y = r.bottom + gap * 2
        else:
            y += gap
        for row, rh in zip(rows, bhs):
            for i, b in enumerate(row):
                b.draw(surf, x + i * (bw + gap), y, bw, self.ui)
                if not inner.colliderect(b.rect):
                    b.rect = pygame.Rect(0, 0, 0, 0)  # scrolled away: not clickable
            y += rh + gap
        surf.set_clip(old_clip)
        if over:
            bar_h = max(gap * 3, inner.h * inner.h // content)
            by = inner.y + (inner.h - bar_h) * self.scroll_y / over
            pygame.draw.rect(surf, t.color("scrollbar"), (self.rect.right - gap, by, gap // 2, bar_h),
                             border_radius=gap)
