"""How tall each line of the chat is, and how wide a bubble may be, at the theme's text size.

The list keeps these heights in a prefix-sum list (log.py), so they are measured once per layout
(and again for one line when a flag adds or removes the line under its bubble).
"""

from __future__ import annotations

from ... import text as tx
from ...theme import theme
from ...widgets.bubble import bubble_size
from ...widgets.marks import outcome_label
from .items import Item


def list_width(col_w: int) -> int:
    """The list's inner width in a phone column `col_w` wide."""
    return col_w - 2 * theme().px("pad")


def bubble_max(list_w: int) -> int:
    """The widest a bubble may be in a list `list_w` wide."""
    t = theme()
    # big text in a narrow column: bubbles take almost the whole width, so fewer lines wrap
    share = t.raw("bubble_max") if list_w > 36 * t.px("body") else 0.9
    return round((list_w - t.px("avatar") - t.px("gap")) * share)


def item_height(it: Item, list_w: int, flagged: bool) -> int:
    """The height of one line of the list, gap included (`flagged`: a flag line shows under it)."""
    t = theme()
    gap, lw = t.px("gap"), list_w
    if it.kind == "separator":
        return tx.text_height(it.text, "small", lw - 4 * gap, True) + 3 * gap
    if it.kind in ("system", "action"):
        return tx.text_height(it.text, "small", lw - 4 * gap, it.kind == "action") + 2 * gap
    if it.kind == "ending":
        return (tx.text_height(outcome_label(it.outcome), "small", lw - 6 * gap, True)
                + tx.text_height(it.sender, "large", lw - 6 * gap, True)
                + tx.text_height(it.text, "body", lw - 6 * gap) + 6 * gap)
    h = bubble_size(it.text, it.attachment, bubble_max(lw))[1] + gap
    if it.named:
        h += tx.font_for("small", True).get_linesize()
    if it.time or flagged or it.seen:
        h += tx.font_for("small").get_linesize()
    if it.reaction:  # the badge hangs below the bubble's edge
        h += reaction_overhang()
    return h


def reaction_size() -> int:
    """The reaction badge's diameter."""
    return round(tx.font_for("small").get_linesize() * 1.4)


def reaction_overhang() -> int:
    """How far the reaction badge reaches below its bubble."""
    return reaction_size() // 2


def typing_height() -> int:
    """The "typing…" bubble and its caption under the last line."""
    t = theme()
    return t.px("button_h") + tx.font_for("small").get_linesize() + t.px("gap")
