"""How sessions are named wherever they are listed, so that two can always be told apart.

A session is its day and its class ("2026-11-29 · 7B"). A teacher who runs two periods of 7B on
the same day, or imports the same class from two computers, would see two identical entries:
those get their start time too ("2026-11-29 09:05 · 7B"), and sessions that still look alike
(started the same minute) a number: "(2)", "(3)", in the order they started.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from .records import SessionInfo


def _local(created: str) -> tuple[str, str]:
    """(day, HH:MM) of a stored UTC time, on this computer's clock."""
    try:
        when = datetime.fromisoformat(created).astimezone()
    except ValueError:
        return created[:10], created[11:16]
    return when.date().isoformat(), when.strftime("%H:%M")


def session_titles(sessions: list[SessionInfo]) -> dict[str, str]:
    """Session id -> a title no other of these sessions has: its day (and time) and its class."""
    when = session_days(sessions)
    return {s.id: f"{when[s.id]} · {s.label}" if s.label else when[s.id] for s in sessions}


def session_days(sessions: list[SessionInfo]) -> dict[str, str]:
    """Session id -> its day, with its start time when another session of the same class has the
    same day, and a number when it also started the same minute (the CSV's session column)."""
    parts = {s.id: (*_local(s.created), s.label) for s in sessions}
    same_day = Counter((day, label) for day, _time, label in parts.values())
    out: dict[str, str] = {}
    count: Counter[tuple[str, str]] = Counter()
    for s in sorted(sessions, key=lambda s: (s.created, s.id)):
        day, time, label = parts[s.id]
        when = f"{day} {time}" if same_day[(day, label)] > 1 else day
        count[(when, label)] += 1
        out[s.id] = f"{when} ({count[(when, label)]})" if count[(when, label)] > 1 else when
    return out
