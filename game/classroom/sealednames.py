"""Group names and session labels sealed at rest, the one part of the results a person typed.

Once teacher mode has given the store the teacher's data key, every name is written sealed
(vault.py) and opened as it is read; without the key a sealed name shows as 🔒 and the row's
id. Kept apart from the store's tables and queries because it is the only part that holds a
secret, and the only part an export must open (a file leaves the computer that has the key).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.i18n import _

from . import board, vault
from .records import LOCKED
from .recovery import StoreError


class SealedNames:
    """The results store's names, sealed with the teacher's data key. A part of ResultsStore
    (which gives it `db`, `path`, `MEMORY` and `transaction`)."""

    key: bytes | None = None  # the teacher's data key, once teacher mode was unlocked
    _names: tuple[bytes, Callable[[str], str | None], dict[str, str | None]] | None = None  # see name_of
    MEMORY: str
    path: Path
    db: sqlite3.Connection

    if TYPE_CHECKING:
        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def _put(self, text: str) -> str:
        return vault.seal(self.key, text) if self.key is not None and text else text

    def _get(self, value: str, row_id: str) -> str:
        opened = vault.unseal(self.key, value)
        return opened if opened is not None else f"{LOCKED} {row_id[:4]}"

    def use_key(self, key: bytes) -> int:
        """Hold the teacher's data key: names read and written from now on are sealed, and any
        name still stored in the clear (recorded before, or while locked) is sealed now, and the
        old text wiped from the file. Returns how many were sealed."""
        self.key = key
        with self.transaction() as db:
            plain = [("groups", "name", i, v) for i, v in db.execute("SELECT id, name FROM groups")
                     if not vault.is_sealed(v)]
            plain += [("sessions", "label", i, v) for i, v in db.execute("SELECT id, label FROM sessions")
                      if v and not vault.is_sealed(v)]
            for table, column, row_id, value in plain:
                db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (self._put(value), row_id))
            if plain:
                board.refresh(db)  # the board keeps a copy of each name: sealed too
        if plain and str(self.path) != self.MEMORY:
            self.db.execute("VACUUM")  # secure_delete is on, and VACUUM rewrites every page
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(plain)

    def name_of(self, stored: str, row_id: str) -> str:
        """A group's name or a label as stored, opened (a sealed one while locked: 🔒 and the id).
        Opened names are kept for as long as the key is held: a board's class debrief lists
        tens of thousands, again each time it is shown."""
        if self.key is None:
            return self._get(stored, row_id)
        open_one, opened = self._opener()
        if stored not in opened:  # (None kept too: a name that would not open is not tried again)
            opened[stored] = open_one(stored)
        found = opened[stored]
        return found if found is not None else f"{LOCKED} {row_id[:4]}"

    def opened_names(self) -> dict[str, str | None]:
        """The names `name_of` has opened with the key held (None: one that would not open), by
        their stored text; empty while locked. A board's debrief looks its names up here first:
        a call per group is a tenth of its time."""
        return self._opener()[1] if self.key is not None else {}

    def _opener(self) -> tuple[Callable[[str], str | None], dict[str, str | None]]:
        """The key's opener and the names it opened, made again when the key changes."""
        assert self.key is not None  # (callers check: locked, nothing opens)
        if self._names is None or self._names[0] is not self.key:
            self._names = (self.key, vault.opener(self.key), {})
        return self._names[1], self._names[2]

    def opened(self, table: str, item: dict[str, Any]) -> dict[str, Any]:
        """A row for an export: its name or label in the clear (a file leaves this computer,
        whose key no other computer has)."""
        column = {"groups": "name", "sessions": "label"}.get(table)
        if column is None or not vault.is_sealed(item[column]):
            return item
        opened = vault.unseal(self.key, item[column])
        if opened is None:
            raise StoreError(_("teacher mode is locked: unlock it to export results"), "locked")
        return item | {column: opened}

    def seal(self, text: str) -> str:
        """A name or label as this store keeps it (sealed once teacher mode holds the key)."""
        return self._put(text)
