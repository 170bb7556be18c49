"""The look of each fictional app a story happens in: its colours, its icon and what it has
(read receipts, reactions), from assets/themes/apps/<app>.yaml.

A story names its app (`platform: {name: Chatterly}`); `app_style` finds that app's file, or the
neutral one for an app without a file (a writer's new app still plays, in neutral colours, with
its own initial on the icon). The chat asks for a colour through `app_color`, so the player's
theme has the last word: the high-contrast theme (`apps: theme` in its file) keeps its own
colours and an app never lowers contrast there. tests/ui/test_phone_look.py checks every app
file's text pairs against WCAG 2.2 AA.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import pygame

from . import text as tx
from .theme import THEMES, theme

APPS = THEMES / "apps"
NEUTRAL = "neutral"
# an app's colour -> the theme's colour used instead where the theme keeps its own (and the
# theme's colour the app's stands for)
THEME_KEYS = {
    "accent": "pill", "accent_text": "pill_text",
    "header_bg": "chat_header", "header_text": "text", "header_muted": "muted",
    "bubble_out": "bubble_out", "bubble_out_text": "bubble_out_text",
    "bubble_in": "bubble_in", "bubble_in_text": "bubble_in_text",
    "chat_bg": "chat_bg",
}
# the pairs drawn as text on a background (the test holds each app to 4.5:1)
TEXT_PAIRS = (("accent_text", "accent"), ("header_text", "header_bg"), ("header_muted", "header_bg"),
              ("bubble_out_text", "bubble_out"), ("bubble_in_text", "bubble_in"))
SHAPES = ("circle", "rounded", "bubble", "diamond", "hexagon")


class AppFileError(ValueError):
    """An app file that can't be used (a missing colour, an unknown shape)."""


@dataclass(frozen=True)
class AppStyle:
    """One app's look. `colors` holds (name, "#RRGGBB") pairs for every key of THEME_KEYS."""

    name: str
    colors: tuple[tuple[str, str], ...]
    shape: str = "rounded"
    glyph: str = "?"
    receipts: bool = False  # "Seen" under the player's last message once it is answered
    reactions: bool = False  # a reaction badge on the player's message

    def hex(self, key: str) -> str:
        return dict(self.colors)[key]


def _slug(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def parse_app(data: object, where: str) -> AppStyle:
    """An app file's data as an AppStyle; AppFileError says what is wrong (never a traceback)."""
    if not isinstance(data, dict):
        raise AppFileError(f"{where}: not a mapping")
    colors, icon, features = data.get("colors"), data.get("icon") or {}, data.get("features") or {}
    if not isinstance(colors, dict) or not isinstance(icon, dict) or not isinstance(features, dict):
        raise AppFileError(f"{where}: colors, icon and features must be sections")
    missing = sorted(set(THEME_KEYS) - set(colors))
    if missing:
        raise AppFileError(f"{where}: missing colours: {', '.join(missing)}")
    pairs = []
    for key in THEME_KEYS:
        value = str(colors[key])
        try:
            pygame.Color(value)
        except ValueError:
            raise AppFileError(f"{where}: {key} is not a colour: {value!r}") from None
        pairs.append((key, value))
    shape = str(icon.get("shape", "rounded"))
    if shape not in SHAPES:
        raise AppFileError(f"{where}: unknown icon shape {shape!r} (one of {', '.join(SHAPES)})")
    name = str(data.get("name", where))
    return AppStyle(name, tuple(pairs), shape, str(icon.get("glyph", name[:1].upper() or "?")),
                    bool(features.get("receipts", False)), bool(features.get("reactions", False)))


def load_app(stem: str) -> AppStyle:
    """The app file `apps/<stem>.yaml`."""
    import yaml

    path = APPS / f"{stem}.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return parse_app(data, path.name)


def app_names() -> list[str]:
    """The stems of the app files (the neutral one included)."""
    return sorted(p.stem for p in APPS.glob("*.yaml"))


@functools.lru_cache(maxsize=32)
def app_style(platform_name: str) -> AppStyle:
    """The look of the app called `platform_name`; an app without a file looks neutral, with its
    own name and initial."""
    stem = _slug(platform_name)
    if stem and stem != NEUTRAL and (APPS / f"{stem}.yaml").is_file():
        return load_app(stem)
    neutral = load_app(NEUTRAL)
    glyph = next((c.upper() for c in platform_name if c.isalnum()), neutral.glyph)
    return dataclasses.replace(neutral, name=platform_name, glyph=glyph)


def apps_colored() -> bool:
    """Whether the current theme lets apps use their own colours (the high-contrast theme doesn't)."""
    return getattr(theme(), "apps", "own") == "own"


def app_color(style: AppStyle, key: str) -> pygame.Color:
    """The colour the chat draws `key` (one of THEME_KEYS) in: the app's, unless the theme keeps its own."""
    if apps_colored():
        return _palette(style)[key]
    return theme().color(THEME_KEYS[key])


@functools.lru_cache(maxsize=32)
def _palette(style: AppStyle) -> dict[str, pygame.Color]:
    """An app's colours, made once (the chat asks for them every frame)."""
    return {k: pygame.Color(v) for k, v in style.colors}


def _shape_points(shape: str, r: pygame.Rect) -> list[tuple[float, float]]:
    cx, cy, hw = r.centerx, r.centery, r.w / 2
    if shape == "diamond":
        return [(cx, r.top), (r.right, cy), (cx, r.bottom), (r.left, cy)]
    # hexagon, flat sides left and right
    return [(cx - hw / 2, r.top), (cx + hw / 2, r.top), (r.right, cy), (cx + hw / 2, r.bottom),
            (cx - hw / 2, r.bottom), (r.left, cy)]


def contrast(a: pygame.Color, b: pygame.Color) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    def lum(c: pygame.Color) -> float:
        ch = [(v / 255) / 12.92 if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4
              for v in (c.r, c.g, c.b)]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def draw_app_icon(surface: pygame.Surface, rect: pygame.Rect, style: AppStyle,
                  on: pygame.Color | None = None) -> None:
    """The app's icon in `rect` (a square works best): its shape in the accent colour, its glyph
    on it in the accent's text colour; on a surface `on` of nearly the accent's colour (a header
    in the app's colour), the other way round, so it still shows. Drawn, not loaded: no image files."""
    bg, fg = app_color(style, "accent"), app_color(style, "accent_text")
    if on is not None and contrast(bg, on) < 2.0:
        bg, fg = fg, bg
    r = pygame.Rect(rect)
    size = min(r.w, r.h)
    r = pygame.Rect(0, 0, size, size)
    r.center = rect.center
    if style.shape == "circle":
        pygame.draw.circle(surface, bg, r.center, size // 2)
    elif style.shape == "rounded":
        pygame.draw.rect(surface, bg, r, border_radius=max(2, size // 4))
    elif style.shape == "bubble":  # a speech bubble: a circle with a tail at its lower left
        body = r.inflate(-max(2, size // 10), -max(2, size // 10))
        pygame.draw.ellipse(surface, bg, body)
        pygame.draw.polygon(surface, bg, [(body.left + size * 0.12, body.centery), (body.left, r.bottom),
                                          (body.centerx, body.bottom - size * 0.08)])
    else:
        pygame.draw.polygon(surface, bg, _shape_points(style.shape, r))
    px = max(6, round(size * (0.5 if style.shape in ("diamond", "hexagon") else 0.56)))
    img = tx.render(style.glyph, px, fg, size * 2, True)
    surface.blit(img, img.get_rect(center=r.center))


def draw_app_name(surf: pygame.Surface, r: pygame.Rect, style: AppStyle, color: pygame.Color) -> int:
    """The app's icon and name against the right edge of `r`: the width taken."""
    t = theme()
    gap = t.px("gap")
    size = min(r.h, tx.font_for("small", True).get_linesize())
    img = tx.render(style.name, t.px("small"), color, max(1, r.w // 3), True)
    img = img.subsurface((0, 0, min(img.get_width(), max(1, r.w // 3)), min(img.get_height(), r.h)))
    w = size + gap // 2 + img.get_width()
    x = r.right - w
    draw_app_icon(surf, pygame.Rect(x, r.centery - size // 2, size, size), style, on=app_color(style, "header_bg"))
    tx.blit(surf, img, (x + size + gap // 2, r.centery - img.get_height() // 2), r, style.name)
    return w
