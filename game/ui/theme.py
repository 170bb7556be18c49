"""Colours and sizes from a theme file (assets/themes/<name>.yaml); nothing is hard-coded.

`theme()` is the current theme. Sizes are given at 1280x720 with medium text and scaled by
`Theme.set_scale` when the window or the text-size setting changes; `generation` changes then
(and when the theme, the font or the line spacing changes: `apply_settings`), so layouts cached
against it know to measure again.

Themes: default.yaml and high-contrast.yaml have the same keys; tests/ui/test_themes.py checks
every text/background pair and key UI colour against WCAG 2.2 AA in every theme.
"""

from __future__ import annotations


import pygame
import yaml

from ..shipped import assets

ASSETS = assets()
THEMES = ASSETS / "themes"
BASE_SIZE = (1280, 720)


class Theme:
    def __init__(self, data: dict):
        self.name = data.get("name", "theme")
        self._colors = {k: pygame.Color(v) for k, v in data["colors"].items()}
        self._sizes = dict(data["sizes"])
        self.scale = 1.0
        self.generation = 0

    def color(self, name: str) -> pygame.Color:
        return self._colors[name]

    def has_color(self, name: str) -> bool:
        return name in self._colors

    def px(self, name: str) -> int:
        """A size in pixels at the current scale."""
        return max(1, round(self._sizes[name] * self.scale))

    def raw(self, name: str):
        return self._sizes[name]

    def set_scale(self, window: tuple[int, int], text_scale: float = 1.0, force: bool = False) -> None:
        """Scale with the window (1024x600 .. 1920x1080 and beyond) and the text-size setting."""
        w, h = window
        fit = min(w / BASE_SIZE[0], h / BASE_SIZE[1])
        scale = round(max(0.72, min(1.6, fit)) * text_scale, 3)
        if scale != self.scale or force:
            self.scale = scale
            self.generation += 1

    def colors(self) -> dict[str, pygame.Color]:
        return dict(self._colors)


def load_theme(name: str = "default") -> Theme:
    path = THEMES / f"{name}.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as f:
        return Theme(yaml.load(f, Loader=loader))


_current: Theme | None = None


def theme() -> Theme:
    global _current
    if _current is None:
        _current = load_theme()
    return _current


def theme_names() -> list[str]:
    return sorted(p.stem for p in THEMES.glob("*.yaml"))


def use_theme(t: Theme) -> None:
    """Make `t` current; its generation moves past the old theme's so no cached layout is reused."""
    global _current
    if _current is not None and t is not _current:
        t.scale = _current.scale
        t.generation = max(t.generation, _current.generation) + 1
    _current = t


def apply_settings(settings, window: tuple[int, int]) -> None:
    """Apply the player's look: theme, font family, line spacing and text size, for `window`."""
    from . import text as tx

    name = settings.theme if (THEMES / f"{settings.theme}.yaml").exists() else "default"
    changed = False
    if theme().name != name:
        use_theme(load_theme(name))
        changed = True
    changed = tx.set_style(settings.font, settings.line_scale) or changed
    theme().set_scale(window, settings.text_scale, force=changed)
