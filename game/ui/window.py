"""The game's window: its size and the smallest it may be, fullscreen (F11), resizing, and
opening the display at all, with one plain sentence when there is no screen to open it on.
Every size change lays the screens out again for the new size (theme scale, text size)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pygame

from ..i18n import _
from .theme import apply_settings

if TYPE_CHECKING:
    from .. import settings as settings_mod
    from .scenes.base import Scene

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (800, 500)
# SDL falls back to these when it finds no screen: the game would run with no window, silently
HEADLESS_DRIVERS = ("offscreen", "dummy")


class Window:
    """The App's window part: `screen` is drawn on; `headless` (tests, previews) has no window."""

    screen: pygame.Surface
    headless: bool
    fullscreen: bool
    windowed_size: tuple[int, int]
    settings: settings_mod.Settings
    scenes: list[Scene]

    def _set_mode(self, size) -> pygame.Surface:
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def _apply_scale(self) -> None:
        apply_settings(self.settings, self.screen.get_size())  # theme, font, spacing, text size
        for s in self.scenes:
            s.layout()

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        shown = pygame.display.get_surface()
        if self.headless:
            self.screen = pygame.Surface(size)
        elif shown is None or shown.get_size() != size:
            self.windowed_size = size
            self.screen = self._set_mode(size)
        else:
            self.screen = shown
        self._apply_scale()

    def toggle_fullscreen(self) -> None:
        if self.headless:
            return
        self.fullscreen = not self.fullscreen
        self.screen = self._set_mode(self.windowed_size)
        self._apply_scale()

    def window_event(self, ev: pygame.event.Event) -> bool:
        """The window was resized (by its edges, or by the system): True when `ev` said so."""
        if ev.type == pygame.VIDEORESIZE and not self.fullscreen:
            self.resize(ev.size)
            return True
        if ev.type == pygame.WINDOWSIZECHANGED and not self.headless:
            surf = pygame.display.get_surface()
            if surf is not None and surf.get_size() != self.screen.get_size():
                self.screen = surf
                self._apply_scale()
            return True
        return False


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"--size must look like 1280x720, not '{text}'") from None
    return max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)


def open_display() -> str | None:
    """Start the video system, or say in one line why there is no screen and what to do instead.
    SDL_VIDEODRIVER=dummy (tests, previews, the standalone build's self-test) asks for no screen."""
    try:
        pygame.display.init()
    except pygame.error as exc:
        return _no_display(str(exc))
    asked = os.environ.get("SDL_VIDEODRIVER", "")
    if pygame.display.get_driver() in HEADLESS_DRIVERS and pygame.display.get_driver() != asked:
        pygame.display.quit()
        return _no_display(_("no display was found"))
    return None


def _no_display(why: str) -> str:
    return _("Red Flags can't open a window: {why}. Run it on a computer with a screen, or play in "
             "this terminal instead: python -m game walk game-teammate").format(why=why)
