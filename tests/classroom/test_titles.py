"""Sessions are told apart wherever they are listed."""

from __future__ import annotations

import os
import time

import pytest

from game.classroom.store import SessionInfo
from game.classroom.titles import session_titles


@pytest.fixture
def zone():
    """Set this computer's time zone for a test, and put it back after."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def _session(sid: str, created: str, label: str) -> SessionInfo:
    return SessionInfo(sid, created, label, {})


def test_two_sessions_of_a_class_on_one_day_get_their_times_then_numbers(zone):
    zone("UTC")
    sessions = [_session("a", "2026-11-29T09:05:00+00:00", "7B"),
                _session("b", "2026-11-29T13:40:00+00:00", "7B"),
                _session("c", "2026-11-29T13:40:30+00:00", "7B"),
                _session("d", "2026-11-29T10:00:00+00:00", "8C"),
                _session("e", "2026-11-30T09:05:00+00:00", "7B"),
                _session("f", "2026-11-29T11:00:00+00:00", "")]
    titles = session_titles(sessions)
    assert titles == {"a": "2026-11-29 09:05 · 7B", "b": "2026-11-29 13:40 · 7B",
                      "c": "2026-11-29 13:40 (2) · 7B", "d": "2026-11-29 · 8C", "e": "2026-11-30 · 7B",
                      "f": "2026-11-29"}
    assert len(set(titles.values())) == len(sessions)


def test_days_are_this_computers_days(zone):
    """Stored in UTC: an evening class in Canada is the next day in UTC, and is listed on its own day."""
    zone("America/Toronto")
    assert session_titles([_session("a", "2026-11-30T01:30:00+00:00", "7B")]) == {"a": "2026-11-29 · 7B"}


def test_the_spreadsheet_tells_two_sessions_of_a_class_on_one_day_apart(store, scenario, check, zone):
    import csv
    import io

    from game.classroom.exchange import export_csv
    from game.classroom.session import ClassSession
    from game.classroom.settings import ClassSettings

    from .helpers import play_group

    zone("UTC")
    for n in range(2):  # two periods of 7B the same day
        session = ClassSession.start(store, ClassSettings(class_label="7B", scenarios=[scenario.id]),
                                     {scenario.id: scenario}, check)
        play_group(session, f"Owls {n}", n)
    store.db.execute("UPDATE sessions SET created = '2026-11-29T09:05:00+00:00' WHERE rowid = 1")
    store.db.execute("UPDATE sessions SET created = '2026-11-29T13:40:00+00:00' WHERE rowid = 2")
    rows = list(csv.DictReader(io.StringIO(export_csv(store, {scenario.id: scenario}, check))))
    assert [r["session_date"] for r in rows] == ["2026-11-29 09:05", "2026-11-29 13:40"]
