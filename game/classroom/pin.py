"""The teacher PIN: set on first use, stored only as a salted scrypt hash in the data folder.

A forgotten PIN is reset from the command line on that machine (`python -m game results
reset-pin`): whoever can run commands there could delete the data folder anyway, so the PIN
guards the classroom (students at the keyboard), not the machine.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from pathlib import Path

from game.userdata import atomic_write_text, data_dir

FILE_NAME = "teacher-pin.json"
MIN_LEN, MAX_LEN = 4, 12
# scrypt cost: ~50 ms on a school laptop; a 4-digit PIN is still guessable offline by someone
# who has the file, which is why the file stays on the teacher's machine (see module doc).
_N, _R, _P = 2**14, 8, 1
MAX_TRIES, LOCKOUT_SECONDS = 5, 30


class PinError(ValueError):
    """A PIN that cannot be used (too short, not digits...). The message is for the teacher."""


def pin_path() -> Path:
    return data_dir() / FILE_NAME


def _hash(pin: str, salt: bytes, n: int = _N, r: int = _R, p: int = _P) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def check_format(pin: str) -> None:
    if not pin.isdigit() or not pin.isascii():
        raise PinError("a PIN is made of digits only")
    if not MIN_LEN <= len(pin) <= MAX_LEN:
        raise PinError(f"a PIN has {MIN_LEN} to {MAX_LEN} digits")


def is_set() -> bool:
    return _load() is not None


def set_pin(pin: str, *, current: str | None = None) -> None:
    """Set the PIN. Changing an existing PIN needs the current one (resetting does not)."""
    check_format(pin)
    if is_set() and (current is None or not verify(current)):
        raise PinError("the current PIN is not right")
    salt = os.urandom(16)
    record = {"kdf": "scrypt", "n": _N, "r": _R, "p": _P, "salt": salt.hex(),
              "hash": _hash(pin, salt).hex()}
    atomic_write_text(pin_path(), json.dumps(record))


def verify(pin: str) -> bool:
    """True when `pin` is the teacher's PIN (constant-time comparison). False if none is set."""
    record = _load()
    if record is None:
        return False
    try:
        got = _hash(pin, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"])
        return hmac.compare_digest(got, bytes.fromhex(record["hash"]))
    except (KeyError, ValueError, TypeError):
        return False


def reset() -> bool:
    """Forget the PIN (command line only); the next teacher to open teacher mode sets a new one.
    Returns whether there was one."""
    path = pin_path()
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed


def _load() -> dict | None:
    try:
        record = json.loads(pin_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and "hash" in record else None


class TeacherGate:
    """What the UI holds while the app runs: locked until the right PIN, with a short lockout
    after repeated wrong tries so a class can't guess a 4-digit PIN by hammering the keypad."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0
        self.unlocked = False

    @property
    def needs_setup(self) -> bool:
        """No PIN yet: the UI asks the teacher to choose one (first use)."""
        return not is_set()

    def setup(self, pin: str) -> None:
        """First use: set the PIN and open teacher mode."""
        if is_set():
            raise PinError("a PIN is already set")
        set_pin(pin)
        self.unlocked = True

    def wait_seconds(self) -> int:
        return max(0, round(self._locked_until - self._clock()))

    def unlock(self, pin: str) -> bool:
        if self.wait_seconds() > 0:
            return False
        if verify(pin):
            self._failures, self.unlocked = 0, True
            return True
        self._failures += 1
        if self._failures >= MAX_TRIES:
            self._failures, self._locked_until = 0, self._clock() + LOCKOUT_SECONDS
        return False

    def lock(self) -> None:
        self.unlocked = False

    def require(self) -> None:
        """Raise PermissionError unless teacher mode is open (for teacher-only API calls)."""
        if not self.unlocked:
            raise PermissionError("teacher mode is locked")
