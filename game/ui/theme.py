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

from ..shipped import assets

ASSETS = assets()
THEMES = ASSETS / "themes"
BASE_SIZE = (1280, 720)
# (and the widths that hold a line of text)
TEXT_SIZES = frozenset({"body", "small", "large", "title", "heading", "chat_max_w", "page_max_w", "side_min_w"})
# Bigger text makes room for itself, but margins, paddings and chrome grow only half as much:
# at 200 % the words double and the chat keeps room for whole messages.
CHROME_SHARE = 0.5


class Theme:
    def __init__(self, data: dict):
        self.name = data.get("name", "theme")
        # "own": each app's colours show in the chat (apps.py); "theme": this theme's colours
        # everywhere (high contrast: an app never lowers it)
        self.apps = str(data.get("apps", "own"))
        self._colors = {k: pygame.Color(v) for k, v in data["colors"].items()}
        self._sizes = dict(data["sizes"])
        self.scale = 1.0
        self.chrome_scale = 1.0
        self.text_scale = 1.0  # the text-size setting (2.0 at 200 %)
        self.generation = 0

    def color(self, name: str) -> pygame.Color:
        return self._colors[name]

    def has_color(self, name: str) -> bool:
        return name in self._colors

    def px(self, name: str) -> int:
        """A size in pixels at the current scale (text sizes follow the text-size setting fully,
        everything else by half as much)."""
        return max(1, round(self._sizes[name] * (self.scale if name in TEXT_SIZES else self.chrome_scale)))

    def raw(self, name: str):
        return self._sizes[name]

    def set_scale(self, window: tuple[int, int], text_scale: float = 1.0, force: bool = False) -> None:
        """Scale with the window (1024x600 .. 1920x1080 and beyond) and the text-size setting."""
        w, h = window
        fit = min(w / BASE_SIZE[0], h / BASE_SIZE[1])
        fit = max(0.72, min(1.6, fit))
        scale = round(fit * text_scale, 3)
        self.text_scale = text_scale
        if scale != self.scale or force:
            self.scale = scale
            self.chrome_scale = round(fit * (1 + (text_scale - 1) * CHROME_SHARE), 3)
            self.generation += 1

    def colors(self) -> dict[str, pygame.Color]:
        return dict(self._colors)


def load_theme(name: str = "default") -> Theme:
    path = THEMES / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    data = parse_simple(text)
    if data is None:  # anything beyond the simple subset: YAML itself (imported only then)
        import yaml

        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return Theme(data)


# YAML reads these plain words as booleans or null, not strings: a theme using one (as a key or a
# value) goes to PyYAML
_NOT_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def _word(s: str) -> bool:
    """A plain YAML word that reads as a string: a letter (or _ for keys), then letters, digits, _ or -."""
    return bool(s) and (s[0].isascii() and (s[0].isalpha() or s[0] == "_")) and set(s) <= _WORD_CHARS \
        and s.lower() not in _NOT_WORDS


def _number(s: str) -> int | float | None:
    """A decimal integer or float as YAML reads it (no leading zeros: YAML 1.1 reads 010 as octal)."""
    digits, dot, frac = (s[1:] if s.startswith("-") else s).partition(".")
    if not (digits.isascii() and digits.isdecimal()) or (len(digits) > 1 and digits[0] == "0"):
        return None
    if dot:
        return float(s) if frac.isascii() and frac.isdecimal() else None
    return int(s)


def parse_simple(text: str) -> dict | None:
    """A theme file read without importing PyYAML (~15 ms of the launch): the same dict as
    `yaml.safe_load` gives for a file in the simple subset themes are written in, or None for
    anything else (the caller then uses PyYAML, so a theme written otherwise still loads exactly
    as YAML reads it). The subset: `key: value` at the top, `section:` followed by two-space
    indented `key: value` lines, comments; values are double-quoted strings without escapes,
    decimal integers and floats, and plain words YAML reads as strings."""
    data: dict = {}
    section: dict | None = None
    value: str | int | float | None
    for line in text.split("\n"):
        line = line[:-1] if line.endswith("\r") else line
        if not line.isprintable():  # tabs, other line breaks, control characters: YAML's business
            return None
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        key, colon, rest = body.partition(":")
        if not colon or not _word(key) or (rest and rest[0] != " "):
            return None
        rest = rest.strip(" ")
        if not rest or rest.startswith("#"):
            value = None
        else:
            if rest.startswith('"'):
                close = rest.find('"', 1)
                raw, tail = (rest[:close + 1], rest[close + 1:]) if close > 0 else ("", "")
                value = raw[1:-1] if raw and "\\" not in raw else None
            else:
                raw = rest.split(" ", 1)[0]
                tail = rest[len(raw):]
                value = _number(raw) if raw[0] in "-0123456789" else (raw if _word(raw) else None)
            if value is None or (tail and not tail.lstrip(" ").startswith("#")) or (tail and tail[0] != " "):
                return None
        if indent == 0:
            if key in data:
                return None
            if value is None:  # a section: its `key: value` lines follow, indented
                section = data[key] = {}
            else:
                section = None
                data[key] = value
        elif indent == 2 and section is not None and value is not None and key not in section:
            section[key] = value
        else:
            return None
    if not data or any(v == {} for v in data.values()):  # YAML: None for an empty file or section
        return None
    return data


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
        t.scale, t.chrome_scale, t.text_scale = _current.scale, _current.chrome_scale, _current.text_scale
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
