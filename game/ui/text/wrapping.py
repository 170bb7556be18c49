"""Where a text breaks into lines at a width: layouts are cheap and cached in bulk.

A layout is a tuple of runs per line (see emoji.segments), measured with the font that draws
each run; words break at ordinary spaces only, so no-break spaces keep French marks attached.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import NamedTuple

import pygame

from .emoji import segments
from .fonts import _fallback_for, font, line_height, symbol_font


class Layout(NamedTuple):  # immutable, compared by value (a frozen dataclass took 1.5 ms of the launch)
    lines: tuple[tuple[tuple[str, str], ...], ...]  # runs per line
    widths: tuple[int, ...]
    line_h: int
    width: int
    height: int


_TOKEN = re.compile(r"[^ ]+ *| +")
_layouts: OrderedDict = OrderedDict()
LAYOUT_CACHE = 2048  # line breaks kept (~1.4 KB each): a long chat lays out its history once and
# keeps its own heights, so only what is near the view needs to stay


def _emoji_px(f: pygame.font.Font) -> int:
    return round(f.get_height() * 0.9)


def _run_w(f: pygame.font.Font, run: tuple[str, str]) -> int:
    if run[0] == "e":
        return _emoji_px(f) + 2
    if run[0] == "s":
        return symbol_font(f.point_size).size(run[1])[0]
    if run[0] == "n":
        return _fallback_for(f).size(run[1])[0]
    return f.size(run[1])[0]


def layout(text: str, px: int, max_w: int, bold: bool = False) -> Layout:
    """Where `text` breaks into lines at `max_w` pixels (cached)."""
    key = (text, px, max_w, bold)  # family and spacing: set_style empties the cache
    lay = _layouts.get(key)
    if lay is not None:
        _layouts.move_to_end(key)
        return lay
    f = font(px, bold)
    max_w = max(8, max_w)
    lines: list[tuple] = []
    widths: list[int] = []
    for para in text.split("\n"):
        runs = segments(para)
        if len(runs) <= 1 and (not runs or runs[0][0] == "t"):
            w = f.size(runs[0][1])[0] if runs else 0
            if w <= max_w:
                lines.append(tuple(runs))
                widths.append(w)
                continue
        _wrap(f, runs, max_w, lines, widths)
    lh = line_height(f)
    height = lh * (max(1, len(lines)) - 1) + f.get_linesize()
    lay = Layout(tuple(lines), tuple(widths), lh, max(widths, default=0), height)
    _layouts[key] = lay
    if len(_layouts) > LAYOUT_CACHE:
        _layouts.popitem(last=False)
    return lay


def _joined_w(f, runs) -> int:
    merged: list[tuple[str, str]] = []
    for r in runs:
        if merged and merged[-1][0] == r[0] == "t":
            merged[-1] = ("t", merged[-1][1] + r[1])
        else:
            merged.append(r)
    return sum(_run_w(f, r) for r in merged)


def _wrap(f, runs, max_w, lines, widths) -> None:
    # words: lists of runs, split at ordinary spaces only (no-break spaces keep words together)
    words: list[list[tuple[str, str]]] = [[]]
    for kind, value in runs:
        if kind != "t":
            words[-1].append((kind, value))
            continue
        for tok in _TOKEN.findall(value):
            words[-1].append(("t", tok))
            if tok.endswith(" "):
                words.append([])
    line: list[tuple[str, str]] = []
    line_w = 0

    def flush():
        nonlocal line, line_w
        # drop trailing spaces from the line's width
        if line and line[-1][0] == "t" and line[-1][1].endswith(" "):
            last = line[-1][1].rstrip(" ")
            line = line[:-1] + ([("t", last)] if last else [])
        lines.append(tuple(line))
        widths.append(sum(_run_w(f, r) for r in line))
        line, line_w = [], 0

    for word in words:
        if not word:
            continue
        w_full = sum(_run_w(f, r) for r in word)
        trimmed = word[:-1] + [("t", word[-1][1].rstrip(" "))] if word[-1][0] == "t" else word
        w_trim = sum(_run_w(f, r) for r in trimmed if r[1])
        # measure the joined line (kerning makes it differ from the sum of its words)
        if line and _joined_w(f, line + [r for r in trimmed if r[1]]) > max_w:
            flush()
        if not line and w_trim > max_w:  # a word longer than the line: break it by characters
            for kind, value in word:
                pieces = list(value) if kind == "t" else [value]
                for p in pieces:
                    r = (kind, p)
                    rw = _run_w(f, r)
                    if line and line_w + rw > max_w and p != " ":
                        flush()
                    if line and line[-1][0] == "t" and kind == "t":
                        line[-1] = ("t", line[-1][1] + p)
                    else:
                        line.append(r)
                    line_w += rw
            continue
        for r in word:
            if line and line[-1][0] == "t" and r[0] == "t":
                line[-1] = ("t", line[-1][1] + r[1])
            else:
                line.append(r)
        line_w += w_full
    if line or not lines:
        flush()


def measure(text: str, px: int, max_w: int, bold: bool = False) -> tuple[int, int]:
    lay = layout(text, px, max_w, bold)
    return lay.width, lay.height

