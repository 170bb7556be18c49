"""What comes over the chat: the banner when results can't be stored, writer mode's errors and
reload toast, and the dialogs it asks through (which tactic, for Name it; leave or pause)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from ....engine.diagnostics import Diagnostic
from ....i18n import _
from ... import text as tx
from ...theme import theme
from ...widgets.base import rrect
from ..base import Dialog
from .header import header_height, header_top

if TYPE_CHECKING:
    from ...app import App


def below_strip(col: pygame.Rect) -> int:
    """Where the messages start in the column: under the header and the row of chat tabs (room
    for the tabs is kept in every story, so a banner never covers them)."""
    t = theme()
    return header_top(col) + header_height(col) + tx.font_for("small").get_linesize() + 2 * t.px("gap")


def draw_unsaved(surf: pygame.Surface, col: pygame.Rect, problem: str) -> None:
    """Results can't be stored: say so at the top of the messages, where it can't be missed."""
    t = theme()
    text = "⚠ " + _("Not being saved.") + " " + problem
    w = col.w - 4 * t.px("pad")
    img = tx.render(text, t.px("small"), t.color("bad"), w, True, "left")
    r = img.get_rect(midtop=(col.centerx, below_strip(col) + t.px("gap") // 2)).inflate(
        t.px("pad") * 2, t.px("gap"))
    rrect(surf, t.color("bad_bg"), r, t.px("radius"))
    rrect(surf, t.color("bad"), r, t.px("radius"), 2)
    tx.blit(surf, img, img.get_rect(center=r.center).topleft, r, text)


def draw_errors(surf: pygame.Surface, col: pygame.Rect, errors: Sequence[Diagnostic]) -> None:
    """Writer mode, broken file: its errors over the chat (the old version keeps running)."""
    t = theme()
    pad, gap = t.px("pad"), t.px("gap")
    w = col.w - 2 * pad
    title = _("This file has errors: the previous version is still running. Fix and save to reload.")
    lines = [str(d) for d in errors]
    h = tx.text_height(title, "body", w - 2 * pad, True) + 2 * pad + sum(
        tx.text_height(line, "small", w - 2 * pad) + gap for line in lines)
    box = pygame.Rect(col.x + pad, below_strip(col) + gap, w, min(h, round(col.h * 0.6)))
    rrect(surf, t.color("bad_bg"), box)
    rrect(surf, t.color("bad"), box, None, 2)
    old = surf.get_clip()
    surf.set_clip(box)
    y = tx.draw_text(surf, title, "body", "bad", (box.x + pad, box.y + pad), w - 2 * pad, True, box).bottom + gap
    for line in lines:
        if y >= box.bottom - pad:
            break
        y = tx.draw_text(surf, line, "small", "text", (box.x + pad, y), w - 2 * pad, False, box).bottom + gap
    surf.set_clip(old)


def draw_toast(surf: pygame.Surface, col: pygame.Rect, text: str, low: bool) -> None:
    """A short note over the chat's top (`low`: at its foot, under an errors box)."""
    t = theme()
    img = tx.render(text, t.px("small"), t.color("pill_text"), col.w - 4 * t.px("pad"), True, "center")
    r = img.get_rect(midtop=(col.centerx, below_strip(col) + t.px("gap"))).inflate(
        t.px("pad") * 2, t.px("gap"))
    if low:
        r.bottom = col.bottom - t.px("gap")
    rrect(surf, t.color("pill"), r, min(r.h // 2, t.px("radius")))
    tx.blit(surf, img, img.get_rect(center=r.center).topleft, r, text)


def ask_tactic(app: App, names: Sequence[tuple[str, Callable[[], None]]], unsure: Callable[[], None]) -> None:
    """Name it: which tactic is this? (numbered, no option highlighted: it would hint an answer)."""
    buttons = list(names) + [(_("Not sure: just flag it"), unsure)]
    app.push(Dialog(app, _("Which tactic is this?"), _("Pick the warning sign this message shows. Esc cancels."),
                    buttons, numbered=True))


def ask_pause(app: App) -> None:
    """A class session: every action is saved already, so leaving is only a pause."""
    def to_session() -> None:
        app.pop_to("session")

    app.push(Dialog(app, _("Pause this story?"),
                    _("Everything so far is saved. Continue later from the session screen."),
                    [(_("Keep playing"), lambda: None), (_("Back to the session screen"), to_session)]))


def ask_leave(app: App, leave: Callable[[], None]) -> None:
    app.push(Dialog(app, _("Leave this chat?"), _("Your flags and replies in this chat will be lost."),
                    [(_("Keep playing"), lambda: None), (_("Leave"), leave)]))
