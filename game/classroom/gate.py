"""What the app holds while it runs: teacher mode locked until the right PIN or recovery code.

    gate = TeacherGate()
    gate.state()            # 'unlock', 'setup' (first use), 'recover' or 'stuck' (see below)
    code = gate.setup(pin)  # first use: show `code` once
    gate.unlock(pin)        # False when wrong or during the lock-out (kept in the PIN record)
    gate.recover(code); gate.choose_new_pin(pin)   # a forgotten PIN or a missing PIN record
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from game.i18n import _

from . import lockout, pin, vault
from .pin import MIN_LEN, PinError


class TeacherGate:
    """What the UI holds while the app runs: locked until the right PIN (or the recovery code),
    with the lock-out counted in the PIN record so that relaunching doesn't reset it.

    `state`: 'unlock' (a PIN is set), 'setup' (first use: choose one), 'recover' (the PIN record
    is missing or damaged: the recovery code is needed) or 'stuck' (the recovery hash is gone
    too: only the command line, which deletes the results, can set a new PIN)."""

    def __init__(self, clock: Callable[[], float] = time.time, has_results: Callable[[], bool] | None = None,
                 on_key: Callable[[bytes], object] | None = None):
        self._clock = clock
        self._has_results = has_results  # the app's own store, besides the data folder's file
        self._on_key = on_key  # given the data key that opens sealed names (vault.py)
        self.key: bytes | None = None
        self.names_locked = False  # unlocked, but this PIN doesn't open the sealed names
        self._recovery_key: bytes | None = None
        self._recovered = False
        self._local: dict[str, Any] = {}  # wrong tries counted here when the record can't be written
        self.unlocked = False
        self.short_pin = False  # opened with a PIN shorter than new ones must be

    def state(self) -> str:
        if pin.is_set():
            return "unlock"
        if self.setup_allowed():
            return "setup"
        return "recover" if pin.has_recovery() else "stuck"

    def setup_allowed(self) -> bool:
        if not pin.setup_allowed():
            return False
        try:
            return not (self._has_results and self._has_results())
        except Exception:  # noqa: BLE001 (a store that fails: there may be results)
            return False

    @property
    def needs_setup(self) -> bool:
        """No PIN yet on a computer that never had one: the UI asks the teacher to choose one."""
        return self.state() == "setup"

    def setup(self, new_pin: str) -> str:
        """First use: set the PIN, open teacher mode, return the recovery code to show once."""
        if not self.setup_allowed():
            raise PinError(_("a PIN is already set"))
        code = pin.write_new(new_pin)
        assert code is not None  # a new record without keep_recovery always has a new code
        self.unlocked, self.short_pin = True, False
        self._give(vault.create(new_pin, code))
        return code

    def _give(self, key: bytes | None) -> None:
        self.key = key
        self.names_locked = key is None
        if key is not None and self._on_key is not None:
            self._on_key(key)

    def _open_names(self, typed: str) -> None:
        """After the right PIN: the data key. A computer from before sealing gets one now (its
        recovery wrap comes with the next recovery code); a key record this PIN doesn't open
        (someone wrote their own PIN record) leaves the names sealed."""
        key = vault.open_with_pin(typed)
        if key is None and not vault.exists():
            key = vault.create(typed)
        self._give(key)

    def wait_seconds(self) -> int:
        now = self._clock()
        return max(pin.lock_wait(now), lockout.remaining(self._local, now))

    def unlock(self, typed: str) -> bool:
        now = self._clock()
        if lockout.remaining(self._local, now):
            return False
        try:
            ok, _wait = pin.attempt(typed, now)
        except OSError:  # a read-only data folder: count wrong tries for as long as the app runs
            self._local = lockout.failed(self._local, now)
            return False
        if ok:
            self._local = {}
            self.unlocked, self.short_pin = True, len(typed) < MIN_LEN
            self._open_names(typed)
        return ok

    def confirm(self, typed: str) -> bool:
        """The PIN typed again before something that can't be undone (Delete all results).
        Wrong tries count towards the lock-out as at unlock; teacher mode stays as it is."""
        if not self.unlocked:
            return self.unlock(typed)
        now = self._clock()
        if lockout.remaining(self._local, now):
            return False
        try:
            ok, _wait = pin.attempt(typed, now)
        except OSError:
            self._local = lockout.failed(self._local, now)
            return False
        return ok

    @property
    def needs_recovery_code(self) -> bool:
        """Opened with a PIN set by an older version, which has no recovery code yet (or whose
        data key has no recovery wrap yet)."""
        return self.unlocked and pin.is_set() and (
            not pin.record_has_recovery() or (self.key is not None and not vault.has_recovery_wrap()))

    def new_recovery_code(self) -> str:
        self.require()
        code = pin.new_recovery_code()
        if self.key is not None:
            vault.save(self.key, recovery=code)
        return code

    def change_pin(self, new_pin: str) -> None:
        """A new PIN while teacher mode is open (the recovery code stays the same)."""
        self.require()
        pin.write_new(new_pin, keep_recovery=True)
        if self.key is not None:
            vault.save(self.key, pin=new_pin)
        self.short_pin = False

    def recover(self, code: str) -> bool:
        """The recovery code: True when right; then `choose_new_pin` may be called."""
        self._recovered = pin.verify_recovery(code)
        self._recovery_key = vault.open_with_recovery(code) if self._recovered else None
        return self._recovered

    def choose_new_pin(self, new_pin: str) -> str:
        """After `recover`: set the new PIN, open teacher mode, return the new recovery code."""
        if not self._recovered:
            raise PermissionError("the recovery code is needed first")
        code = pin.write_new(new_pin)
        assert code is not None  # a new record without keep_recovery always has a new code
        key = self._recovery_key
        if key is None:  # no key record the code opens: names sealed before stay sealed
            key = vault.create(new_pin, code)
        else:
            vault.save(key, pin=new_pin, recovery=code)
        self._recovered, self._recovery_key = False, None
        self.unlocked, self.short_pin = True, False
        self._give(key)
        return code

    def lock(self) -> None:
        """Teacher mode closes; the data key stays for the class under way (groups keep adding
        names), until the game closes."""
        self.unlocked = False
        self._recovered, self._recovery_key = False, None

    def require(self) -> None:
        """Raise PermissionError unless teacher mode is open (for teacher-only API calls)."""
        if not self.unlocked:
            raise PermissionError("teacher mode is locked")
