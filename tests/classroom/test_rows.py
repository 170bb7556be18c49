"""One row model: the columns a results file carries are declared in schema.EXPORTED (what the
store writes and reads), and the file checker's row types (filerows.py) and the records the
store hands its readers (records.py) must name exactly those, so the three cannot drift."""

from __future__ import annotations

import dataclasses
from typing import get_type_hints

from game.classroom import filerows, records
from game.classroom.schema import EXPORTED, TABLES

ROW_TYPES = {"sessions": filerows.SessionRow, "groups": filerows.GroupRow,
             "playthroughs": filerows.PlaythroughRow, "actions": filerows.ActionRow,
             "answers": filerows.AnswerRow, "spots": filerows.SpotRow}


def test_every_table_is_exported_and_checked():
    assert set(EXPORTED) == set(TABLES) == set(ROW_TYPES) == set(get_type_hints(filerows.Tables))


def test_the_file_checker_checks_exactly_the_exported_columns():
    for table, row in ROW_TYPES.items():
        assert list(get_type_hints(row, include_extras=True)) == list(EXPORTED[table]), table


def test_the_records_carry_the_exported_columns():
    """A record may add what the store derives (a playthrough's last seq, the store it came
    from) but never miss an exported column, or an export of what was read would lose it."""
    record = {"sessions": records.SessionInfo, "groups": records.GroupInfo,
              "playthroughs": records.PlaythroughInfo}
    for table, cls in record.items():
        fields = {f.name for f in dataclasses.fields(cls)}
        assert set(EXPORTED[table]) <= fields, (table, set(EXPORTED[table]) - fields)
    answer = {f.name for f in dataclasses.fields(records.Answer)}
    assert answer == set(EXPORTED["answers"]) - {"group_id", "at"}
    spot = {f.name for f in dataclasses.fields(records.Spot)}
    assert spot == set(EXPORTED["spots"]) - {"group_id", "at"}


def test_the_database_has_exactly_the_exported_columns(tmp_path):
    """What the store writes is what a file carries: no column the export would drop."""
    from game.classroom.store import ResultsStore

    with ResultsStore(tmp_path / "r.sqlite3") as store:
        for table, cols in EXPORTED.items():
            have = [r[1] for r in store.db.execute(f"PRAGMA table_info({table})")]
            derived = {"playthroughs": {"result"}}.get(table, set())  # exported, and made again
            assert set(have) - derived <= set(cols) | derived and set(cols) <= set(have), table
