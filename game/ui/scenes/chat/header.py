"""The chat's header, as a messenger app shows it, in the app's colours: who the chat is with,
their status (or "typing…"), their avatar and the app's icon and name. A short window or big text
has no room for it: then the top bar says who the chat is with. On a wide window the phone's frame
and status bar (the story's time, the app) are drawn here too (`draw_phone`)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from ....engine.cast import Character
from ....engine.model import Scenario
from ....i18n import _
from ... import text as tx
from ...apps import AppStyle, app_color, app_style, draw_app_name
from ...theme import theme
from ...widgets.base import avatar, rrect
from .items import Item


def who_and_status(scenario: Scenario, lang: str, typing: bool) -> tuple[str, str]:
    """Who the chat is with, and their status (or "typing…"), as the header says."""
    sc = scenario
    first = next(iter(sc.characters.values()))
    if sc.platform.kind == "group_chat" and len(sc.characters) > 1:
        name = sc.platform.name
        status = ", ".join(c.name.get(lang) for c in sc.characters.values())
    else:
        name = first.name.get(lang)
        status = first.status.get(lang) if first.status else ""
    if typing:
        status = _("typing…")
    return name, status


def header_compact(col: pygame.Rect) -> bool:
    """A short window or big text: no room for the two-line header (see header_height)."""
    t = theme()
    return t.px("header_h") > col.h * 0.16


def header_height(col: pygame.Rect) -> int:
    """A short window or big text: no header; the top bar says who the chat is with."""
    return 0 if header_compact(col) else theme().px("header_h")


def draw_header(surf: pygame.Surface, r: pygame.Rect, scenario: Scenario, lang: str,
                name: str, status: str, who: Character | None = None, style: AppStyle | None = None) -> None:
    """The header, in the app's colours (`style`: the open thread's app, default the story's);
    `who` is whose avatar shows (default: the story's first character). Its right end names the
    app (with its icon) unless the phone's status bar does."""
    t = theme()
    pad, gap = t.px("pad"), t.px("gap")
    style = style or app_style(scenario.platform.name)
    status_bar = phone_status(r)
    if status_bar is not None:  # the phone's status bar is the top of `r`: the header goes under it
        r = pygame.Rect(r.x, status_bar.bottom, r.w, r.bottom - status_bar.bottom)
        if r.h <= 0:
            return
        pygame.draw.rect(surf, app_color(style, "header_bg"), r)  # one band of colour with the bar
    else:
        old = surf.get_clip()
        surf.set_clip(r)
        rrect(surf, app_color(style, "header_bg"), r.inflate(0, t.px("radius")).move(0, t.px("radius") // 2))
        surf.set_clip(old)
    pygame.draw.line(surf, t.color("chat_border"), (r.x, r.bottom - 1), (r.right - 1, r.bottom - 1), 2)
    sc = scenario
    first = who or next(iter(sc.characters.values()))
    size = t.px("avatar")
    avatar(surf, (r.x + pad + size // 2, r.centery), size, first.avatar, first.name.get(lang))
    x = r.x + pad + size + gap
    pw = 0 if status_bar is not None else draw_app_name(
        surf, pygame.Rect(r.x, r.y, r.w - pad, r.h), style, app_color(style, "header_muted"))
    avail = r.right - pad - pw - gap - x
    name_img = tx.render(name, t.px("body"), app_color(style, "header_text"), avail, True)
    name_img = name_img.subsurface((0, 0, name_img.get_width(), min(name_img.get_height(),
                                                                     tx.font_for("body").get_linesize())))
    status_h = tx.font_for("small").get_linesize() if status else 0
    y = r.centery - (name_img.get_height() + status_h) // 2
    tx.blit(surf, name_img, (x, y), r, name)
    if status:
        online = status.lower() in ("online", "en ligne", "typing…")
        sx = x
        if online:
            pygame.draw.circle(surf, t.color("online"), (x + gap // 2, y + name_img.get_height() + status_h // 2),
                               max(3, gap // 2))
            sx += gap + 2
        img = tx.render(status, t.px("small"), app_color(style, "header_muted"), 100000)
        img = img.subsurface((0, 0, min(img.get_width(), r.right - pad - pw - gap - sx), img.get_height()))
        tx.blit(surf, img, (sx, y + name_img.get_height()), r, status)


# The phone's status bar drawn this frame (none when the chat fills the window): the header and
# what comes over the chat are drawn after it, by the scene, with only the column's rectangles.
_STATUS_BARS: list[pygame.Rect] = []


def phone_status(header: pygame.Rect) -> pygame.Rect | None:
    """The phone's status bar when it is the top of this header (it names the app then)."""
    bars = [b for b in _STATUS_BARS if b.topleft == header.topleft and b.w == header.w]
    return bars[0] if bars else None


def header_top(col: pygame.Rect) -> int:
    """Where the header proper starts in the chat column: under the phone's status bar, if it shows."""
    bars = [b for b in _STATUS_BARS if b.topleft == col.topleft]
    return bars[0].bottom if bars else col.y


def story_time(items: Sequence[Item]) -> str:
    """The phone's clock: the time on the latest line the player has seen that gives one (a clock,
    not a word such as "yesterday"), else nothing."""
    for it in reversed(items):
        if it.time and any(c.isdigit() for c in it.time):
            return it.time
    return ""


def draw_phone(surf: pygame.Surface, frame: pygame.Rect, status: pygame.Rect, style: AppStyle,
               clock: str) -> None:
    """The phone around the chat: its rounded frame and, on top of the screen, the status bar with
    the story's time and the app's icon and name (in the app's header colours)."""
    _STATUS_BARS[:] = [status] if status.w else []
    if not frame.w:
        return
    t = theme()
    gap = t.px("gap")
    inner = t.px("radius")  # the screen's corners (the chat column's)
    radius = inner + (status.x - frame.x)
    rrect(surf, t.color("appbar"), frame, radius, status.x - frame.x + 2)  # an edge: the screen is drawn
    rrect(surf, t.color("chat_border"), frame, radius, 2)
    pygame.draw.rect(surf, app_color(style, "header_bg"), status, border_top_left_radius=inner,
                     border_top_right_radius=inner)
    fg = app_color(style, "header_text")
    row = status.inflate(-2 * max(gap, inner // 2), 0)
    if clock:
        _draw_clock(surf, clock, fg, row, status)
    draw_app_name(surf, row, style, fg)


def _draw_clock(surf: pygame.Surface, clock: str, fg: pygame.Color, row: pygame.Rect, box: pygame.Rect) -> None:
    t = theme()
    img = tx.render(clock, t.px("small"), fg, max(1, row.w // 2), True)
    tx.blit(surf, img, (row.x, row.centery - img.get_height() // 2), box, clock)
