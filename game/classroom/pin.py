"""The teacher PIN and its recovery code, stored only as salted scrypt hashes in the data folder.

    teacher-pin.json   the PIN's hash, the recovery code's hash, the wrong tries (lockout.py)
    teacher.json       a marker that a PIN was set here, with a copy of the recovery code's hash
    teacher-key.json   the data key that seals group names, wrapped by the PIN and by the code

On a shared computer account students can read, edit and delete these files, so:
- a new PIN is chosen without a secret only on a computer that never had one: no PIN record, no
  marker and no class results (`setup_allowed`). Deleting or damaging the PIN record otherwise
  asks for the 16-digit recovery code shown once when the PIN was set; without the code, the
  only way back is `python -m game results reset-pin`, which deletes every result first;
- wrong tries are counted in the record itself, so relaunching doesn't reset the lock-out.

The app holds a TeacherGate (gate.py); the command line asks through pin_cmd.py.
Group names are sealed with a data key that the PIN and the recovery code unwrap (vault.py), so a
forged PIN record opens teacher mode but not the names. What this can't stop (anyone with the
account can copy or delete the data folder, or guess a PIN offline from its hash) is in
docs/privacy.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import time
from pathlib import Path
from typing import Any

from game.i18n import _
from game.userdata import atomic_write_text, data_dir

from . import lockout, vault

FILE_NAME = "teacher-pin.json"
MARKER_NAME = "teacher.json"
RESULTS_NAME = "results.sqlite3"  # store.DB_NAME (not imported: this module stays small)
MIN_LEN, MAX_LEN = 6, 12  # new PINs
CODE_DIGITS = 16
# scrypt cost for new records: ~100 ms and 32 MiB per guess (figures in docs/privacy.md).
# Records keep their own parameters, so older ones (n=2**14) still verify.
SCRYPT_COST = (2**15, 8, 1)  # n, r, p
_N, _R, _P = SCRYPT_COST
MAX_TRIES, LOCKOUT_SECONDS = lockout.MAX_TRIES, lockout.FIRST_WAIT


class PinError(ValueError):
    """A PIN that cannot be used (too short, not digits...). The message is for the teacher."""


def pin_path() -> Path:
    return data_dir() / FILE_NAME


def marker_path() -> Path:
    return data_dir() / MARKER_NAME


# -- hashing ----------------------------------------------------------------------------------


def _params_ok(n: object, r: object, p: object) -> bool:
    """Bounded so that an edited record can't make a check take gigabytes or minutes."""
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (n, r, p)):
        return False
    return 2**10 <= n <= 2**16 and n & (n - 1) == 0 and 1 <= r <= 8 and 1 <= p <= 2  # type: ignore[operator]


def _digest(secret: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    return {"kdf": "scrypt", "n": _N, "r": _R, "p": _P, "salt": salt.hex(),
            "hash": _scrypt(secret, salt, _N, _R, _P).hex()}


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=256 * n * r * p + 2**20)


def _valid_digest(d: object) -> bool:
    if not isinstance(d, dict) or not _params_ok(d.get("n"), d.get("r"), d.get("p")):
        return False
    try:
        return len(bytes.fromhex(d["salt"])) >= 8 and len(bytes.fromhex(d["hash"])) == 32
    except (KeyError, TypeError, ValueError):
        return False


def _matches(secret: str, d: object) -> bool:
    """Constant-time check of `secret` against a stored digest (False for a damaged one)."""
    if not _valid_digest(d):
        return False
    got = _scrypt(secret, bytes.fromhex(d["salt"]), d["n"], d["r"], d["p"])  # type: ignore[index]
    return hmac.compare_digest(got, bytes.fromhex(d["hash"]))  # type: ignore[index]


# -- the files --------------------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _load() -> dict[str, Any] | None:
    """The PIN record, or None when there is none or it is damaged."""
    record = _read(pin_path())
    return record if record is not None and record.get("kdf") == "scrypt" and _valid_digest(record) else None


def record_state() -> str:
    """'ok', 'missing' (no file) or 'damaged' (a file that isn't a usable record)."""
    if _load() is not None:
        return "ok"
    try:
        pin_path().stat()
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "damaged"
    return "damaged"


def _write(record: dict[str, Any]) -> None:
    atomic_write_text(pin_path(), json.dumps(record))


def _mark(recovery: dict[str, Any] | None) -> None:
    """Remember that this computer has a teacher PIN (and keep a copy of the recovery hash)."""
    marker: dict[str, Any] = {"pin_set": True}
    if recovery is not None:
        marker["recovery"] = recovery
    atomic_write_text(marker_path(), json.dumps(marker))


def ever_set() -> bool:
    """Was a PIN ever set here? A marker that is there but damaged counts as yes."""
    try:
        marker_path().stat()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


def results_exist() -> bool:
    """Are there class results in the data folder? Anything that can't be read for sure (a
    damaged or locked file, a damaged copy kept aside) counts as yes: this only decides whether
    a PIN may be chosen without a secret, so when in doubt it says there is something to keep."""
    folder = data_dir()
    path = folder / RESULTS_NAME
    try:
        if any(folder.glob("results.damaged-*")):
            return True
        if path.stat().st_size == 0 and not Path(f"{path}-wal").exists():
            return False
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            row = con.execute("SELECT EXISTS (SELECT 1 FROM sessions)").fetchone()
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        return "no such table" not in str(exc)  # a fresh, empty database has no results
    except (sqlite3.Error, OSError, ValueError):
        return True
    return bool(row and row[0])


def setup_allowed() -> bool:
    """May a new PIN be chosen without the PIN or the recovery code? Only on first use."""
    return record_state() == "missing" and not ever_set() and not results_exist()


# -- the PIN ----------------------------------------------------------------------------------


def check_format(pin: str) -> None:
    """A new PIN: 6 to 12 digits."""
    if not pin.isdigit() or not pin.isascii():
        raise PinError(_("a PIN is made of digits only"))
    if not MIN_LEN <= len(pin) <= MAX_LEN:
        raise PinError(_("a PIN has {a} to {b} digits").format(a=MIN_LEN, b=MAX_LEN))


def is_set() -> bool:
    return _load() is not None


def write_new(new_pin: str, *, keep_recovery: bool = False) -> str | None:
    """Write a new PIN record (new salt, no wrong tries) without checking any secret: only for
    callers that checked one. Keeps the recovery code if asked and there is one (returns None),
    else makes a new one and returns it, to be shown once."""
    check_format(new_pin)
    old = _load() if keep_recovery else None
    recovery = old.get("recovery") if old is not None and _valid_digest(old.get("recovery")) else None
    code = None
    if recovery is None:
        code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
        recovery = _digest(code)
    _write(dict(_digest(new_pin), recovery=recovery))
    _mark(recovery)
    return format_code(code) if code else None


def set_pin(pin: str, *, current: str | None = None) -> str | None:
    """Set the PIN. Returns the new recovery code when the PIN is set for the first time (to be
    shown once). Changing a PIN needs the current one; choosing one where a PIN record is missing
    or damaged, or where results exist, needs the recovery code (`recover`)."""
    check_format(pin)
    record = _load()
    if record is None:
        if not setup_allowed():
            raise PinError(_("the teacher PIN record is missing: use the recovery code"))
        code = write_new(pin)
        vault.create(pin, code)  # the data key that seals group names (vault.py)
        return code
    if current is None or not _matches(current, record):
        raise PinError(_("the current PIN is not right"))
    key = vault.open_with_pin(current)
    write_new(pin, keep_recovery=True)
    if key is not None:
        vault.save(key, pin=pin)
    return None


def verify(pin: str) -> bool:
    """True when `pin` is the teacher's PIN (constant-time comparison), ignoring the lock-out.
    False if none is set. Screens and commands use `attempt`, which counts wrong tries."""
    record = _load()
    return record is not None and _matches(pin, record)


def lock_wait(now: float | None = None) -> int:
    """Seconds before the PIN may be tried again after too many wrong tries (0: now)."""
    record = _load()
    if record is None:
        return 0
    now = time.time() if now is None else now
    fixed = lockout.clamped(record, now)
    if fixed is not None:
        _save_quietly(fixed)
        record = fixed
    return lockout.remaining(record, now)


def attempt(pin: str, now: float | None = None) -> tuple[bool, int]:
    """Try a PIN, counting wrong tries in the record: (right?, seconds to wait now). While a
    wait is running nothing is checked or counted."""
    now = time.time() if now is None else now
    wait = lock_wait(now)
    record = _load()
    if wait or record is None:
        return False, wait
    if _matches(pin, record):
        if record.get("failures") or record.get("locked_until"):
            _save_quietly(lockout.succeeded(_load() or record))
        if not ever_set():
            _save_marker_quietly(record.get("recovery"))
        return True, 0
    latest = _load() or record  # another window or command may have counted a try meanwhile
    after = lockout.failed(latest, now)
    _write(after)  # not quietly: a try that can't be counted must not be allowed to go on
    return False, lockout.remaining(after, now)


def _save_quietly(record: dict[str, Any]) -> None:
    try:
        _write(record)
    except OSError:
        pass


def _save_marker_quietly(recovery: object) -> None:
    try:
        _mark(recovery if _valid_digest(recovery) else None)  # type: ignore[arg-type]
    except OSError:
        pass


# -- the recovery code ------------------------------------------------------------------------


def format_code(digits: str) -> str:
    """4821903755126640 -> 4821-9037-5512-6640"""
    return "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def normalise_code(text: str) -> str | None:
    """The 16 digits of a typed recovery code (dashes and spaces allowed), or None."""
    digits = "".join(ch for ch in text if ch not in "- \t")
    return digits if len(digits) == CODE_DIGITS and digits.isdigit() and digits.isascii() else None


def _recovery_digests() -> list[dict[str, Any]]:
    found = []
    for holder in (_load(), _read(marker_path())):
        if holder is not None and _valid_digest(holder.get("recovery")):
            found.append(holder["recovery"])
    return found


def has_recovery() -> bool:
    """Is there a recovery code to check against (in the PIN record or the marker)?"""
    return bool(_recovery_digests())


def record_has_recovery() -> bool:
    """False for PINs set by versions without recovery codes: the next unlock makes one."""
    record = _load()
    return record is not None and _valid_digest(record.get("recovery"))


def verify_recovery(code: str) -> bool:
    digits = normalise_code(code)
    if digits is None:
        return False
    return any(_matches(digits, d) for d in _recovery_digests())


def new_recovery_code() -> str:
    """Make a new recovery code for the PIN that is set (after an unlock), store its hash and
    return it to be shown once."""
    record = _load()
    if record is None:
        raise PinError(_("no teacher PIN is set"))
    digits = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    recovery = _digest(digits)
    _write(dict(record, recovery=recovery))
    _mark(recovery)
    return format_code(digits)


def recover(code: str, new_pin: str) -> str:
    """Choose a new PIN with the recovery code. Returns the new recovery code (the old one was
    typed, maybe in front of the class)."""
    check_format(new_pin)
    if not verify_recovery(code):
        raise PinError(_("that recovery code is not right"))
    return write_new(new_pin)  # type: ignore[return-value]


def start_over(new_pin: str) -> str:
    """Set a new PIN without any secret: only once every result has been deleted (the command
    line's way out when both the PIN and the recovery code are lost)."""
    check_format(new_pin)
    if results_exist():
        raise PinError(_("results are still on this computer: delete them first"))
    return write_new(new_pin)  # type: ignore[return-value]
