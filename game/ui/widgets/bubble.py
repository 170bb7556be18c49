"""Chat bubbles: wrapped text with emoji, and attachments shown only as placeholder cards with
their alt text (the game never shows a real image). Used by the chat and the debrief replay.
"""

from __future__ import annotations

import pygame

from ...i18n import attachment_name
from .. import text as tx
from ..theme import theme

ICONS = {"image": "🖼", "video": "🎥", "voice": "🎤", "file": "📄", "link": "🔗",
         "screenshot": "📱", "gift": "🎁", "call": "📞"}


def attachment_label(kind: str) -> str:
    return f"{ICONS.get(kind, '📎')} {attachment_name(kind)}"


def _sizes(text: str, attachment: tuple[str, str] | None, max_w: int, px: int, spx: int):
    t = theme()
    pad_x, pad_y = t.px("pad"), round(t.px("pad") * 0.7)
    inner = max_w - 2 * pad_x
    tw, th = tx.measure(text, px, inner) if text else (0, 0)
    aw = ah = 0
    if attachment:
        label, alt = attachment
        apad = t.px("gap")
        lw, lh = tx.measure(label, px, inner - 2 * apad, True)
        alw, alh = tx.measure(alt, spx, inner - 2 * apad)
        aw = min(inner, max(lw, alw) + 2 * apad)
        ah = lh + alh + 2 * apad
    w = max(tw, aw, px) + 2 * pad_x
    gap = t.px("gap") if text and attachment else 0
    h = th + ah + gap + 2 * pad_y
    return w, h, pad_x, pad_y, tw, th, aw, ah, gap


def bubble_size(text: str, attachment: tuple[str, str] | None, max_w: int,
                size: str = "body") -> tuple[int, int]:
    t = theme()
    w, h, *_rest = _sizes(text, attachment, max_w, t.px(size), t.px("small"))
    return w, h


def render_bubble(text: str, attachment: tuple[str, str] | None, outgoing: bool, max_w: int,
                  size: str = "body", colors: tuple[pygame.Color, pygame.Color] | None = None) -> pygame.Surface:
    """One bubble on a transparent surface (callers cache it: it is the costly part); `colors`
    (background, text) are an app's instead of the theme's."""
    t = theme()
    px, spx = t.px(size), t.px("small")
    w, h, pad_x, pad_y, tw, th, aw, ah, gap = _sizes(text, attachment, max_w, px, spx)
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    radius = min(t.px("radius"), h // 2)
    bg = t.color("bubble_out" if outgoing else "bubble_in")
    fg = t.color("bubble_out_text" if outgoing else "bubble_in_text")
    if colors is not None:
        bg, fg = colors
    pygame.draw.rect(surf, bg, surf.get_rect(), border_radius=radius)
    if not outgoing:
        pygame.draw.rect(surf, t.color("bubble_in_border"), surf.get_rect(), 1, border_radius=radius)
    y = pad_y
    if text:
        surf.blit(tx.render(text, px, fg, w - 2 * pad_x), (pad_x, y))
        y += th + gap
    if attachment:
        label, alt = attachment
        apad = t.px("gap")
        box = pygame.Rect(pad_x, y, aw, ah)
        pygame.draw.rect(surf, t.color("attachment_bg"), box, border_radius=t.px("gap"))
        pygame.draw.rect(surf, t.color("attachment_border"), box, 2, border_radius=t.px("gap"))
        img = tx.render(label, px, t.color("attachment_text"), aw - 2 * apad, True)
        surf.blit(img, (box.x + apad, box.y + apad))
        surf.blit(tx.render(alt, spx, t.color("attachment_text"), aw - 2 * apad),
                  (box.x + apad, box.y + apad + img.get_height()))
    return surf


def draw_tail(surf: pygame.Surface, rect: pygame.Rect, outgoing: bool, color: pygame.Color) -> None:
    """The tail of the last bubble of a run: its lower corner on the sender's side made square,
    with a small point out towards the sender (the player's to the right, others' to the left)."""
    t = theme()
    radius = min(t.px("radius"), rect.h // 2)
    tip = max(4, t.px("gap") * 3 // 4)
    edge = t.color("bubble_in_border")
    b = rect.bottom - 1
    if outgoing:
        x = rect.right - 1
        pygame.draw.rect(surf, color, (x - radius, b - radius, radius + 1, radius + 1))
        pygame.draw.polygon(surf, color, [(x, b - radius), (x + tip, b), (x - radius, b)])
    else:
        x = rect.left
        pygame.draw.rect(surf, color, (x, b - radius, radius + 1, radius + 1))
        points = [(x, b - radius), (x - tip, b), (x + radius, b)]
        pygame.draw.polygon(surf, color, points)
        pygame.draw.lines(surf, edge, False, points)
