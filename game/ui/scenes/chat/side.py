"""The side panel beside the phone column (when the window has room and no projector is in use):
the flag count, how to play, the keys, the mode, and on top of it the Coach card."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ....engine.runtime import PlayState
from ....i18n import _, ngettext
from ... import text as tx
from ...theme import theme
from ...widgets.base import rrect

if TYPE_CHECKING:
    from .dock import ReplyDock


def side_blocks(st: PlayState, threads: bool = False) -> list[tuple[str, str, str, bool]]:
    """The panel's texts: (text, size, colour, bold), most important first (the rest may not fit)."""
    mode = (_("Spot it") if st.difficulty == "spot" else _("Name it")) + " · " + \
        (_("Coach") if st.feedback == "coach" else _("Challenge"))
    mode_help = _("Flag what worries you. In Name it, also pick the tactic.") if st.difficulty == "name" \
        else _("Flag every message that worries you.")
    if st.feedback == "coach":
        mode_help += " " + _("You'll hear at once if a flag is right.")
    else:
        mode_help += " " + _("You'll find out at the debrief.")
    n = len(st.flags)
    keys = _("↑ ↓ pick a message · F flag it · Tab go through everything · 1–4 reply · Space next "
             "message · PgUp PgDn scroll · Esc leave · F1 help · V read aloud")
    if threads:  # a phone with several conversations (format 2)
        keys += " · " + _("[ ] or Ctrl+Tab switch chats")
    return [
        ("🚩 " + ngettext("{n} message flagged", "{n} messages flagged", n).format(n=n), "body", "flag", True),
        (_("How to play"), "body", "text", True),
        (_("Read the chat. If a message is a warning sign, click it to flag it. Click again to "
           "unflag. Then pick a reply."), "small", "text", False),
        (_("Keyboard"), "small", "text", True),
        (keys, "small", "muted", False),
        (_("Mode"), "small", "text", True),
        (_("{mode}: {help}").format(mode=mode, help=mode_help), "small", "muted", False),
    ]


def draw_side(surf: pygame.Surface, r: pygame.Rect, st: PlayState, dock: ReplyDock,
              threads: bool = False) -> None:
    t = theme()
    pad, gap = t.px("pad"), t.px("gap")
    blocks = side_blocks(st, threads)
    y = r.y
    if dock.feedback:
        y += dock.draw_feedback(surf, r.x, y, r.w) + gap
        r = pygame.Rect(r.x, y, r.w, r.bottom - y)
    rrect(surf, t.color("card"), r)
    rrect(surf, t.color("card_border"), r, None, 2)
    y = r.y + pad
    old = surf.get_clip()
    surf.set_clip(r)
    for text, size, color, bold in blocks:
        h = tx.text_height(text, size, r.w - 2 * pad, bold)
        if y + h > r.bottom - pad:
            break
        tx.draw_text(surf, text, size, color, (r.x + pad, y), r.w - 2 * pad, bold, r)
        y += h + gap
    surf.set_clip(old)
