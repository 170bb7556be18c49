"""The chat's header, as a messenger app shows it: who the chat is with, their status (or
"typing…"), their avatar and the app's name. A short window or big text has no room for it:
then the top bar says who the chat is with."""

from __future__ import annotations

import pygame

from ....engine.cast import Character
from ....engine.model import Scenario
from ....i18n import _
from ... import text as tx
from ...theme import theme
from ...widgets.base import avatar, rrect


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
                name: str, status: str, who: Character | None = None) -> None:
    """The header; `who` is whose avatar shows (default: the story's first character)."""
    t = theme()
    pad, gap = t.px("pad"), t.px("gap")
    old = surf.get_clip()
    surf.set_clip(r)
    rrect(surf, t.color("chat_header"), r.inflate(0, t.px("radius")).move(0, t.px("radius") // 2))
    surf.set_clip(old)
    pygame.draw.line(surf, t.color("chat_border"), (r.x, r.bottom - 1), (r.right - 1, r.bottom - 1), 2)
    sc = scenario
    first = who or next(iter(sc.characters.values()))
    size = t.px("avatar")
    avatar(surf, (r.x + pad + size // 2, r.centery), size, first.avatar, first.name.get(lang))
    x = r.x + pad + size + gap
    plat = sc.platform.name
    pw = min(tx.text_width(plat, "small", True), r.w // 4)
    avail = r.right - pad - pw - gap - x
    name_img = tx.render(name, t.px("body"), t.color("text"), avail, True)
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
        img = tx.render(status, t.px("small"), t.color("muted"), 100000)
        img = img.subsurface((0, 0, min(img.get_width(), r.right - pad - pw - gap - sx), img.get_height()))
        tx.blit(surf, img, (sx, y + name_img.get_height()), r, status)
    tx.draw_text(surf, plat, "small", "faint", (r.right - pad - pw, r.centery - t.px("small") // 2 - 2),
                 pw, True, r, "right")
