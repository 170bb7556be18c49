"""Scene base classes: a Scene on the app's stack (what the app and read aloud may ask of every
screen), the app bar at the top of screens, drag scrolling, and Dialog, a small modal card.
PageScene, the scrolling page most screens are, is in page.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from ...i18n import _
from .. import text as tx
from ..theme import theme
from ..widgets.base import Button, UIState, shade

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
    """A screen on the app's stack. The app draws the top one (and the ones under it while it is
    not `opaque`), sends it input and asks it what is below; read aloud asks it too."""

    opaque = True  # it covers the window: the scenes under it are not drawn
    name = "scene"  # its name in registry.py, and what app.pop_to(name) looks for
    holds_story = False  # a story plays on it: closing it frees memory; automatic reading follows it

    def __init__(self, app: App):
        self.app = app
        self.ui = UIState()

    @property
    def wants_text(self) -> bool:
        """Typing goes to it: letters are text then, not shortcuts (H, V)."""
        return False

    def layout(self) -> None:
        """The window size or the text size changed."""

    def rebuild(self, keep_focus: bool = True) -> None:
        """Make its content again: the engine has loaded since it was made (the title's Resume)."""

    def handle(self, event: pygame.event.Event) -> None:
        pass

    def update(self, dt: float) -> bool:
        return False

    def draw(self, surf: pygame.Surface) -> None:
        pass

    def animating(self) -> bool:
        return False

    def wake_after(self) -> float | None:
        """Seconds until it needs a frame with no input (a timer, a file watched), or None to
        sleep until an event."""
        return None

    def back(self) -> None:
        self.app.pop()

    def on_top(self) -> None:
        """This scene is on top again (a scene above it closed)."""

    def describe(self) -> str:
        """What "read this screen" (V) says: the focused control, else what the screen shows (a
        page's title and the blocks in view; a card's title, body and buttons). A screen with
        more to say speaks for itself by overriding this; read aloud never looks inside it."""
        from ..speech import block_speech  # loaded with read aloud, not with every screen

        focused = self.ui.focused
        if focused is not None:
            return block_speech(focused)
        title, body = getattr(self, "title", ""), getattr(self, "body", "")
        if hasattr(self, "blocks") and hasattr(self, "view"):  # a page: the title, the blocks in view
            shown = [b for b in self.blocks if b.rect.h and b.rect.colliderect(self.view)]
            return ". ".join(x for x in [title] + [block_speech(b) for b in shown] if x)
        buttons = [block_speech(b) for b in getattr(self, "buttons", [])]
        return ". ".join(x for x in [title, body] + buttons if x)

    def narration(self) -> list[str] | None:
        """Automatic reading: what is new to say since the last call, in order; None for a
        screen that doesn't narrate (its controls are read as the focus reaches them)."""
        return None


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
        for row, rh in zip(rows, bhs, strict=True):
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
        for row, rh in zip(rows, bhs, strict=True):
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
