"""Keeping the game's memory flat over a lesson: glibc's allocator tuned at start-up, and freed
heap pages handed back to the system when a story's chat closes (bench/soak.py measures both)."""

from __future__ import annotations

import sys

_libc = None  # glibc, once tune_malloc() has tuned it


def tune_malloc() -> None:
    """On glibc, fix the mmap threshold at 128 KB so big freed surfaces (rendered text, bubbles)
    go straight back to the system. By default glibc raises the threshold after each big free and
    then serves big surfaces from the heap, which fragments: resident memory crept up by a third
    over a 30-minute soak (bench/soak.py) with nothing leaking."""
    global _libc
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD
        libc.malloc_trim  # noqa: B018  (glibc has it; musl does not)
        _libc = libc
    except (OSError, AttributeError):
        pass


def release_memory() -> None:
    """Hand freed heap pages back to the system (glibc's malloc_trim, well under a millisecond).
    Called when a story's chat closes: its bubbles and texts were freed, and the small surfaces
    among them leave holes in the heap that glibc keeps otherwise."""
    if _libc is not None:
        _libc.malloc_trim(0)
