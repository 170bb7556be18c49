"""The game's link to its class folder (classfolder.py): when this computer's file is written,
from a thread of its own so that a slow or vanished network drive never stops play, and the
other computers' files read for the class debrief, also off the main thread.

Results always go to the local store first. The file is written after each step that matters
(a group added, a story's ending, a finished knowledge check) and at most every INTERVAL
seconds while a story is played (each action would be too much for a network drive); when the
folder can't be written it is tried again, later and later, and caught up when it is back, or
at the next start.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.i18n import _
from game.userdata import data_dir

from .classfolder import (
    FolderView,
    FolderWriter,
    computer_id,
    fetch,
    file_name,
    read_record,
    share_session,
    shared_sessions,
    watch,
)
from .store import ResultsStore, StoreError

if TYPE_CHECKING:
    from .knowledge import KnowledgeCheck

INTERVAL = 10.0  # seconds between writes while a story is played
RETRY = (2.0, 5.0, 15.0, 30.0)  # waits before trying an unreachable folder again
READ_EVERY = 3.0  # the class debrief looks at the folder this often


def unreachable_text() -> str:
    return _("Class folder unreachable: results are kept on this computer and will be written "
             "when it is back.")


@dataclass(frozen=True)
class WriteStatus:
    """How this computer's file is doing, for the screens."""

    folder: Path
    name: str
    written: datetime | None  # when it last was written
    error: str  # why the last try failed ("" if it worked)
    failures: int  # tries that failed in a row (a first one is tried again at once)
    locked: bool  # waiting for teacher mode: the group names can't be opened until then
    sessions: int  # how many sessions go to the file

    @property
    def unreachable(self) -> bool:
        return self.failures >= 2


class _WriteThread(threading.Thread):
    """Writes when something is due, so the game never waits on the folder."""

    def __init__(self, path: Path, key: Callable[[], bytes | None], folder: Path, sessions: list[str],
                 home: Path):
        super().__init__(name="class-folder-writer", daemon=True)
        self.path, self.key, self.folder, self.home = path, key, folder, home
        self.sessions = list(sessions)
        self.computer = computer_id(home)
        self.cond = threading.Condition()
        self.dirty = self.urgent = bool(sessions)  # at start: what was kept while it was away
        self.stopping = self.busy = self.locked = False
        self.next_at, self.failures, self.error, self.started = 0.0, 0, "", 0
        self.written: datetime | None = None

    def poke(self, urgent: bool) -> None:
        with self.cond:
            self.dirty = True
            self.urgent = self.urgent or urgent
            self.cond.notify_all()

    def _due(self) -> bool:
        return self.dirty and (self.stopping or time.monotonic() >= self.next_at
                               or (self.urgent and self.failures == 0)
                               or (self.locked and self.key() is not None))

    def _wait(self) -> float | None:
        return None if not self.dirty or self.next_at == math.inf else max(0.05, self.next_at - time.monotonic())

    def run(self) -> None:
        writer: FolderWriter | None = None
        try:
            while self._attempt_due():
                writer = self._attempt(writer)
        finally:
            if writer is not None:
                writer.store.close()

    def _attempt_due(self) -> bool:
        """Wait until a write is due; False when the link is closed and nothing is left."""
        with self.cond:
            while not self._due():
                if self.stopping:
                    return False
                self.cond.wait(self._wait())
            self.dirty = self.urgent = False
            self.busy, self.started = True, self.started + 1
            return True

    def _attempt(self, writer: FolderWriter | None) -> FolderWriter | None:
        error, locked = "", False
        with self.cond:
            sessions = list(self.sessions)
        try:
            if writer is None:
                writer = FolderWriter(ResultsStore(self.path, recover=False), self.folder, self.computer,
                                      self.home)
            writer.store.key = self.key()
            writer.write(sessions)
        except StoreError as exc:
            error, locked = str(exc), exc.reason == "locked"
        except OSError as exc:
            error = exc.strerror or str(exc)
        except Exception as exc:  # noqa: BLE001  (the thread must outlive any surprise)
            error = str(exc) or type(exc).__name__
        with self.cond:
            self.busy, self.locked = False, locked
            if writer is not None:
                self.computer = writer.computer
            if not error:
                self.failures, self.error, self.written = 0, "", datetime.now()
                self.next_at = time.monotonic() + INTERVAL
            elif locked:  # not the folder's fault: tried again when something happens
                self.dirty, self.error, self.next_at = True, error, math.inf
            else:
                self.dirty, self.error = True, error
                self.failures += 1
                self.next_at = time.monotonic() + RETRY[min(self.failures, len(RETRY)) - 1]
            if self.stopping:
                self.dirty = False  # that was the last try
            self.cond.notify_all()
        return writer


class FolderLink:
    """This computer and its class folder: its own file kept current from a thread, and (for the
    class debrief) every computer's file merged into the store, read off the main thread."""

    def __init__(self, store: ResultsStore, check: Callable[[], KnowledgeCheck | None] = lambda: None,
                 home: Path | None = None):
        self.store, self.home = store, home or data_dir()
        self.folder: Path | None = None
        self.view: FolderView | None = None
        self._thread: _WriteThread | None = None
        self._told = False  # the "unreachable" notice was given
        self._reading: threading.Thread | None = None
        self._result: tuple[FolderView, Any] | None = None  # (view looked for, what was found)
        self._read_at = -math.inf
        watch(store, self.changed, check)

    def configure(self, folder: str | Path | None) -> None:
        """Use this folder from now on ("" or None: none)."""
        self.close()
        ok = isinstance(folder, (str, Path)) and str(folder).strip()
        self.folder = Path(str(folder).strip()).expanduser() if ok else None
        self.view = FolderView(self.folder) if self.folder else None
        self._told, self._read_at, self._result = False, -math.inf, None
        if self.folder is not None and str(self.store.path) != ResultsStore.MEMORY:
            self._thread = _WriteThread(self.store.path, lambda: self.store.key, self.folder,
                                        shared_sessions(self.folder, self.home), self.home)
            self._thread.start()

    def share(self, session_id: str) -> None:
        """This session's results go to the folder (its earlier groups too), from now on."""
        t = self._thread
        if t is None or self.folder is None:
            return
        ids = share_session(self.folder, session_id, self.home)
        with t.cond:
            t.sessions = ids
            t.next_at = 0.0 if t.next_at == math.inf else t.next_at  # unlocked since: try now
        t.poke(True)

    def changed(self, urgent: bool) -> None:
        if self._thread is not None:
            self._thread.poke(urgent)

    def status(self) -> WriteStatus | None:
        t = self._thread
        if t is None:
            return None
        with t.cond:
            return WriteStatus(t.folder, file_name(t.computer), t.written, t.error, t.failures, t.locked,
                               len(t.sessions))

    def take_notices(self) -> list[str]:
        """Once when the folder becomes unreachable, once when it is back."""
        st = self.status()
        if st is not None and st.unreachable and not self._told:
            self._told = True
            return [unreachable_text()]
        if st is not None and self._told and st.failures == 0 and st.written is not None:
            self._told = False
            return [_("The class folder is back: this computer's results were written to it.")]
        return []

    def flush(self, timeout: float = 5.0) -> bool:
        """Write now (an unreachable folder too) and wait for it, at most `timeout` seconds:
        True when the file holds everything this computer has."""
        t = self._thread
        if t is None:
            return True
        with t.cond:
            mark = t.started
            t.urgent, t.next_at = t.urgent or t.dirty, 0.0 if t.next_at != math.inf else t.next_at
            t.cond.notify_all()
            t.cond.wait_for(lambda: not t.busy and (not t.dirty or (t.started > mark and bool(t.error))), timeout)
            return not t.dirty and not t.busy

    def close(self) -> None:
        t, self._thread = self._thread, None
        if t is not None:
            with t.cond:
                t.stopping = True
                t.cond.notify_all()
            t.join(timeout=2.0)  # a last write; a hung network drive is left to its daemon thread

    # -- reading, for the class debrief ---------------------------------------------------------------

    def _own(self) -> str:
        st = self.status()
        if st is not None:
            return st.name
        cid = read_record(self.home).get("computer")
        return file_name(cid) if isinstance(cid, str) else ""

    def read_now(self) -> FolderView | None:
        """Read and merge the folder at once (the command line, tests)."""
        view = self.view
        if view is None:
            return None
        try:
            stamps, files = fetch(view.folder, view.seen, self._own())
        except OSError as exc:
            view.unreadable(exc.strerror or str(exc))
        else:
            view.merge(self.store, stamps, files)
        return view

    def poll(self) -> bool:
        """For the class debrief, each frame: merge what the last look at the folder found, and
        look again every READ_EVERY seconds, off the main thread. True when there is news."""
        view = self.view
        if view is None:
            return False
        news = False
        done, self._result = self._result, None
        if done is not None:
            self._reading, self._read_at = None, time.monotonic()
            seen_by, result = done
            if seen_by is view:  # not a look at a folder used before
                news = view.unreadable(result) if isinstance(result, str) else view.merge(self.store, *result)
        if self._reading is None and time.monotonic() - self._read_at >= READ_EVERY:
            seen, own = dict(view.seen), self._own()

            def look() -> None:
                try:
                    self._result = (view, fetch(view.folder, seen, own))
                except OSError as exc:
                    self._result = (view, exc.strerror or str(exc))
                except Exception as exc:  # noqa: BLE001  (never leave the debrief waiting)
                    self._result = (view, str(exc) or type(exc).__name__)

            self._reading = threading.Thread(target=look, name="class-folder-reader", daemon=True)
            self._reading.start()
        return news

    def wake_after(self) -> float | None:
        """When the class debrief next needs a frame: soon while a look is under way."""
        if self.view is None:
            return None
        if self._reading is not None:
            return 0.2
        return max(0.05, READ_EVERY - (time.monotonic() - self._read_at))
