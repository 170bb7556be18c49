"""What every widget draws with: the pointer and focus state, rounded rectangles, the focus
ring, dimming and avatars. Kept apart from the blocks so one-off drawing code (the chat, the
speech bubble) can use the same look without the block machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from .. import text as tx
from ..theme import theme

if TYPE_CHECKING:
    from .blocks import Block


class UIState:
    """What draw code needs to know about the pointer and the keyboard focus."""

    def __init__(self):
        self.focused: Block | None = None
        self.hover: tuple[int, int] | None = None
        self.pressed: object | None = None

    def is_hover(self, rect: pygame.Rect) -> bool:
        return self.hover is not None and rect.collidepoint(self.hover)


def rrect(surf: pygame.Surface, color, rect, radius: int | None = None, width: int = 0) -> None:
    pygame.draw.rect(surf, color, rect, width, border_radius=theme().px("radius") if radius is None
                     else radius)


def focus_ring(surf: pygame.Surface, rect: pygame.Rect, radius: int | None = None) -> None:
    """The visible keyboard focus: a thick two-tone outline just outside `rect` (amber outside,
    dark inside in the default theme), so it stands out on light and dark surfaces alike."""
    t = theme()
    fw = t.px("focus_width")
    inner = max(2, fw // 2)
    base = t.px("radius") if radius is None else radius
    r = rect.inflate(2 * inner + 2, 2 * inner + 2)
    rrect(surf, t.color("focus_inner"), r, base + inner, inner)
    outer = r.inflate(2 * fw, 2 * fw)
    rrect(surf, t.color("focus"), outer, base + inner + fw, fw)
    if tx.RECORDING:
        FOCUS_RECORD.append(outer)


FOCUS_RECORD: list[pygame.Rect] = []  # focus rings drawn while text.RECORDING (tests)


def shade(surf: pygame.Surface, color) -> None:
    """Dim the whole surface (behind a dialog)."""
    overlay = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    overlay.fill(color)
    surf.blit(overlay, (0, 0))


def initials(name: str) -> str:
    parts = [p for p in name.replace("_", " ").replace(".", " ").split() if p[:1].isalnum()]
    if not parts:
        return (name[:1] or "?").upper()
    if len(parts) == 1:
        return parts[0][:2].upper() if len(parts[0]) > 1 and parts[0][1].isupper() else parts[0][:1].upper()
    return (parts[0][:1] + parts[1][:1]).upper()


AVATAR_COLORS = 6  # theme colours avatar_1 .. avatar_6


def avatar(surf: pygame.Surface, center, size: int, label: str, name: str) -> None:
    """A round avatar: an emoji, 1-2 initials, or (fallback) the name's initials."""
    t = theme()
    label = (label or "").strip()
    runs = tx.segments(label) if label else []
    is_emoji = bool(runs) and runs[0][0] == "e"
    if not label or (not is_emoji and (len(label) > 2 or "/" in label or "." in label)):
        label = initials(name)
    color = t.color(f"avatar_{sum(map(ord, name)) % AVATAR_COLORS + 1}") if not is_emoji \
        else t.color("neutral_bg")
    pygame.draw.circle(surf, color, center, size // 2)
    px = round(size * (0.52 if is_emoji else 0.4))
    img = tx.render(label, px, t.color("avatar_text"), size * 2, bold=True)
    surf.blit(img, img.get_rect(center=center))
