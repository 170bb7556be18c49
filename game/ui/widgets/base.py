"""Building blocks of every screen: drawing helpers, and blocks that stack in a scrolling page.

A block measures its height for a width (`height(w)`, cached per theme generation), draws
itself at (x, y, w) and remembers the screen rect it took, so clicks and the focus ring find it.
Focusable blocks take clicks and Enter/Space; containers hand focus to their children.

The pieces live beside this module, one concept each: drawing.py (pointer state, shapes, focus
ring, avatars), blocks.py (the base block and plain ones), containers.py (rows, cards, grids)
and controls.py (buttons, setting rows). Screens import them all from here.
"""

from __future__ import annotations

from .blocks import Block, Custom, Spacer, TextBlock
from .containers import Card, Grid, Group, Row
from .controls import Button, OptionRow, key_label
from .drawing import AVATAR_COLORS, FOCUS_RECORD, UIState, avatar, focus_ring, initials, rrect, shade

__all__ = [
    "AVATAR_COLORS", "FOCUS_RECORD", "UIState", "avatar", "focus_ring", "initials", "rrect", "shade",
    "Block", "Custom", "Spacer", "TextBlock", "Card", "Grid", "Group", "Row", "Button", "OptionRow",
    "key_label",
]
