"""Score meters: one bar per part of a score, read at a glance, its words beside it.

Each row is a label (what the part counted, in words), a bar filled to the share earned,
outlined so the empty part shows in high contrast too, and the points as text ("15 of 30") at
its end. Nothing depends on colour alone: the points are always written, and read aloud says
every row (`speech`). At 200 % text or in a narrow column the label goes above its bar, then
the points under it, never over it."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from .. import text as tx
from ..theme import theme
from .blocks import Block
from .drawing import UIState, rrect


@dataclass(frozen=True)
class MeterRow:
    label: str  # what the part counted ("Spotting: 3 of 8 red flags caught")
    value: int
    maximum: int
    words: str  # the points in words ("15 of 30"), drawn at the bar's end and read aloud

    @property
    def share(self) -> float:
        return max(0.0, min(1.0, self.value / self.maximum)) if self.maximum else 0.0

    @property
    def tone(self) -> str:
        """The fill's colour: how full, told again by the words (never by colour alone)."""
        return "good" if self.share >= 0.65 else "warn" if self.share >= 0.35 else "bad"


class Meters(Block):
    """Meter rows in three columns (label, bar, points) where they fit; else each label above
    its bar, and the points under the bar when even they leave it too short."""

    def __init__(self, rows: list[MeterRow], name: str = "meters"):
        super().__init__()
        self.rows = rows
        self.name = name
        self.speech = ". ".join(f"{r.label}: {r.words}" for r in rows)
        self.bars: list[pygame.Rect] = []  # where each bar was drawn (tests)

    def _columns(self, w: int) -> tuple[int, int, str]:
        """(label width, points width, layout): "columns", "stacked" or "under"."""
        gap = theme().px("gap")
        ww = max((tx.text_width(r.words, "body", True) for r in self.rows), default=0)
        lw = min(max((tx.text_width(r.label, "body") for r in self.rows), default=0), w // 2)
        if w - lw - ww - 2 * gap >= w // 4:
            return lw, ww, "columns"
        if w - ww - gap >= w // 2:
            return w, ww, "stacked"
        return w, ww, "under"

    def _bar_h(self) -> int:
        return max(8, round(theme().px("body") * 0.8))

    def _row_h(self, row: MeterRow, w: int) -> int:
        gap = theme().px("gap") // 2
        lw, _ww, how = self._columns(w)
        label = tx.text_height(row.label, "body", lw)
        words = tx.text_height(row.words, "body", w, True)
        if how == "columns":
            return max(label, words, self._bar_h())
        if how == "stacked":
            return label + gap + max(self._bar_h(), words)
        return label + gap + self._bar_h() + gap + words

    def measure(self, w: int) -> int:
        gap = theme().px("gap")
        return sum(self._row_h(r, w) for r in self.rows) + gap * max(0, len(self.rows) - 1)

    def draw(self, surf: pygame.Surface, x: int, y: int, w: int, ui: UIState) -> None:
        super().draw(surf, x, y, w, ui)
        t = theme()
        gap = t.px("gap")
        lw, ww, how = self._columns(w)
        bh = self._bar_h()
        self.bars = []
        for row in self.rows:
            h = self._row_h(row, w)
            words_h = tx.text_height(row.words, "body", w, True)
            tx.draw_text(surf, row.label, "body", "text", (x, y), lw, False, self.rect)
            if how == "columns":
                bar = pygame.Rect(x + lw + gap, y + (h - bh) // 2, w - lw - ww - 2 * gap, bh)
                words_at = (bar.right + gap, y + (h - words_h) // 2)
            else:
                line_y = y + tx.text_height(row.label, "body", lw) + gap // 2
                line_h = max(bh, words_h) if how == "stacked" else bh
                bar = pygame.Rect(x, line_y + (line_h - bh) // 2, w - (ww + gap if how == "stacked" else 0), bh)
                words_at = (bar.right + gap, line_y + (line_h - words_h) // 2) if how == "stacked" \
                    else (x + w - ww, bar.bottom + gap // 2)
            rrect(surf, t.color("neutral_bg"), bar, bh // 2)
            if row.share > 0:
                fill = pygame.Rect(bar.x, bar.y, max(bh, round(bar.w * row.share)), bh)
                rrect(surf, t.color(row.tone), fill, bh // 2)
            rrect(surf, t.color("text"), bar, bh // 2, max(1, bh // 8))  # the outline: the empty part shows
            self.bars.append(bar)
            tx.draw_text(surf, row.words, "body", "text", words_at, ww, True, self.rect, "right")
            y += h + gap
