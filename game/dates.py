"""Times and dates in words, in each language's convention: "7:42 PM" and "March 4, 2025" in
English, "19 h 42" and "4 mars 2025" in French. One place writes them, so the chat, the debriefs,
the terminal player and the printed documents agree.

Stored times are UTC (the results store): they are shown in this computer's time zone. The
language defaults to the screen's; the printed documents pass their own. game.i18n re-exports
these, so callers write `from game.i18n import format_date`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}
_CLOCK = re.compile(r"\s*(\d{1,2})[:h.]\s?(\d{2})\s*(?:([AaPp])\.?\s?[Mm]\.?)?\s*")


def _screen_language() -> str:
    from . import i18n  # at call time: i18n imports this module

    return i18n.language()


def _when(value: datetime | date | time | str) -> datetime | date | time | None:
    """`value` as a date, a time or a datetime in local time; None if it can't be read."""
    if isinstance(value, str):
        text = value.strip()
        clock = _CLOCK.fullmatch(text)
        if clock:  # a chat's timestamp label: "7:42 PM", "19:42", "19 h 42"
            hour, minute, half = int(clock[1]), int(clock[2]), (clock[3] or "").lower()
            if half:
                if not 1 <= hour <= 12:
                    return None
                hour = hour % 12 + (12 if half == "p" else 0)
            return time(hour, minute) if hour < 24 and minute < 60 else None
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        if len(text) == 10:  # "2025-03-04": a date, whatever the time zone
            return value.date()
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone()  # stored in UTC: shown as this computer's clock says
    return value


def format_time(value: datetime | time | str, lang: str | None = None) -> str:
    """A time of day in `lang` (default: the UI's): 7:42 PM / 19 h 42. A label that is not a
    time (a story may say "yesterday") is returned as it is."""
    when = _when(value)
    if when is None or (isinstance(when, date) and not isinstance(when, datetime)):
        return value if isinstance(value, str) else str(value)
    if (lang or _screen_language()) == "fr":
        return f"{when.hour}\u00a0h\u00a0{when.minute:02d}"
    return f"{(when.hour - 1) % 12 + 1}:{when.minute:02d}\u00a0{'PM' if when.hour >= 12 else 'AM'}"


def format_date(value: datetime | date | str, lang: str | None = None) -> str:
    """A day in `lang` (default: the UI's): March 4, 2025 / 4 mars 2025 (1er mars 2025)."""
    when = _when(value)
    if when is None or isinstance(when, time):
        return value if isinstance(value, str) else str(value)
    if (lang or _screen_language()) == "fr":
        return f"{'1er' if when.day == 1 else when.day}\u00a0{_MONTHS['fr'][when.month - 1]}\u00a0{when.year}"
    return f"{_MONTHS['en'][when.month - 1]}\u00a0{when.day}, {when.year}"


def format_datetime(value: datetime | str, lang: str | None = None) -> str:
    """A day and a time: March 4, 2025, 9:15 AM / 4 mars 2025 à 9 h 15."""
    when = _when(value)
    if not isinstance(when, datetime):
        return format_date(value, lang)
    lang = lang or _screen_language()
    return format_date(when, lang) + (" à " if lang == "fr" else ", ") + format_time(when, lang)
