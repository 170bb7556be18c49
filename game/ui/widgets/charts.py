"""Numbers drawn for reading at a glance: bars with their words, and a plain table. The class
debrief draws its chart, flags, choices and scores with them; the words beside each bar say
the number, so nothing depends on colour alone."""

from __future__ import annotations

import pygame

from .. import text as tx
from ..theme import theme
from .blocks import Custom
from .drawing import rrect


def bar_rows(rows: list[tuple[str, float, str, str]], label_share: float = 0.34) -> Custom:
    """Horizontal bars, one per row: (label, share 0..1, words, tone). The words say the number,
    so nothing depends on colour alone."""

    def layout(w: int) -> tuple[int, int, int, list[int]]:
        t = theme()
        gap = t.px("gap")
        lw = round(w * label_share)
        ww = max(tx.text_width(words, "small", True) for _l, _s, words, _t in rows) if rows else 0
        ww = min(ww, round(w * 0.3))
        bw = w - lw - ww - 2 * gap
        heights = [max(tx.text_height(label, "body", lw), tx.text_height(words, "small", ww, True),
                       t.px("button_h") - gap) for label, _s, words, _t in rows]
        return lw, ww, bw, heights

    def measure(w: int) -> int:
        gap = theme().px("gap")
        _lw, _ww, _bw, heights = layout(w)
        return sum(heights) + gap * max(0, len(rows) - 1)

    def draw(surf: pygame.Surface, rect: pygame.Rect, ui: object) -> None:
        t = theme()
        gap = t.px("gap")
        lw, ww, bw, heights = layout(rect.w)
        y = rect.y
        for (label, share, words, tone), h in zip(rows, heights, strict=True):
            tx.draw_text(surf, label, "body", "text", (rect.x, y), lw, False, rect)
            bar = pygame.Rect(rect.x + lw + gap, y + (h - t.px("body")) // 2, bw, t.px("body"))
            rrect(surf, t.color("neutral_bg"), bar, 4)
            if share > 0:
                rrect(surf, t.color(tone), pygame.Rect(bar.x, bar.y, max(4, round(bw * share)), bar.h), 4)
            tx.draw_text(surf, words, "small", "text", (bar.right + gap, y + (h - t.px("small")) // 2 - 2),
                         ww, True, rect)
            y += h + gap

    return Custom(measure, draw)


def table(headers: list[str], rows: list[list[str]]) -> Custom:
    """A plain table: the first column takes the room left; the others fit their numbers."""

    def widths(w: int) -> list[int]:
        t = theme()
        pad = t.px("pad")
        cols = []
        for c in range(1, len(headers)):
            vals = [tx.text_width(r[c], "body") for r in rows] + \
                [tx.text_width(word, "small", True) for word in headers[c].split()]
            cols.append(max(vals) + pad)
        cap = (w * 2 // 3) // max(1, len(cols))
        cols = [min(max(c, round(60 * t.scale)), cap) for c in cols]
        return [w - sum(cols)] + cols

    def row_h(cells: list[str], ws: list[int], size: str, bold: bool) -> int:
        gap = theme().px("gap")
        return max(tx.text_height(cell, size, cw - gap, bold) for cell, cw in zip(cells, ws, strict=False)) + gap

    def measure(w: int) -> int:
        ws = widths(w)
        return row_h(headers, ws, "small", True) + sum(row_h(r, ws, "body", False) for r in rows)

    def draw(surf: pygame.Surface, rect: pygame.Rect, ui: object) -> None:
        t = theme()
        gap = t.px("gap")
        ws = widths(rect.w)
        y = rect.y
        for n, cells in enumerate([headers] + rows):
            size, bold = ("small", True) if n == 0 else ("body", False)
            h = row_h(cells, ws, size, bold)
            if n % 2 == 0 and n:
                rrect(surf, t.color("neutral_bg"), pygame.Rect(rect.x, y, rect.w, h), 4)
            x = rect.x
            for c, (cell, cw) in enumerate(zip(cells, ws, strict=False)):
                if c == 0:
                    tx.draw_text(surf, cell, size, "text" if n else "muted", (x + gap // 2, y + gap // 2), cw - gap,
                                 bold or (c == 0 and n > 0), rect)
                else:
                    tx.draw_text(surf, cell, size, "text" if n else "muted", (x, y + gap // 2), cw - gap // 2,
                                 bold, rect, "right")
                x += cw
            if n == 0:
                pygame.draw.line(surf, t.color("card_border"), (rect.x, y + h - 1), (rect.right, y + h - 1), 2)
            y += h

    return Custom(measure, draw)
