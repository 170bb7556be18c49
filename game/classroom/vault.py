"""Group names and class labels sealed at rest, so that only the teacher's secret opens them.

Students often share the teacher's computer account, so they can open the results database
with any SQLite browser. What would make its rows personal is who they belong to: the names the
groups typed and the class label. Those are encrypted (AES-256-GCM, from the `cryptography`
library) with a random data key. The data key is stored only wrapped: once under a key derived
from the teacher PIN and once under a key derived from the recovery code (scrypt), so either
secret opens it and neither is stored. The scores, flags and answers stay readable, anonymous:
the game records them unattended and resumes a story after a crash without the teacher.

The game holds the data key in memory from the moment the teacher unlocks teacher mode until it
closes, so groups can be added during a class; continuing a class session after a restart asks
for the PIN again. See docs/privacy.md for what this protects against and what it can't.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.userdata import atomic_write_text, data_dir

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FILE_NAME = "teacher-key.json"
PREFIX = "enc1:"  # a sealed value in the database: "enc1:" + base64(nonce | ciphertext+tag)
_N, _R, _P = 2**15, 8, 1  # scrypt cost for wrapping keys (~0.1 s: once per unlock)
_AAD = b"redflags data key v1"


class VaultError(RuntimeError):
    """The key record is missing, damaged, or the secret does not open it."""


def _aes(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # loaded when first needed

    return AESGCM(key)


def _kek(secret: str, salt: bytes, n: int = _N, r: int = _R, p: int = _P) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2**26, dklen=32)


def _wrap(key: bytes, secret: str) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    ct = _aes(_kek(secret, salt)).encrypt(nonce, key, _AAD)
    return {"kdf": "scrypt", "n": _N, "r": _R, "p": _P, "salt": salt.hex(), "nonce": nonce.hex(),
            "key": ct.hex()}


def _unwrap(record: dict[str, Any], secret: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag

    try:
        kek = _kek(secret, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"])
        return _aes(kek).decrypt(bytes.fromhex(record["nonce"]), bytes.fromhex(record["key"]), _AAD)
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None


def path() -> Path:
    return data_dir() / FILE_NAME


def exists() -> bool:
    return path().exists()


def create(pin: str, recovery: str | None = None) -> bytes:
    """A new data key, wrapped by the PIN (and the recovery code); returns the key. Names sealed
    with an earlier key can't be opened any more: only for a first PIN, or when no secret is left."""
    key = os.urandom(32)
    save(key, pin, recovery, fresh=True)
    return key


def save(key: bytes, pin: str | None = None, recovery: str | None = None, fresh: bool = False) -> None:
    """Wrap `key` anew by `pin` and/or by `recovery`, keeping the other wrap there is."""
    record: dict[str, Any] = {} if fresh else (_load() or {})
    record["version"] = 1
    if pin is not None:
        record["by_pin"] = _wrap(key, pin)
    if recovery is not None:
        record["by_recovery"] = _wrap(key, _digits(recovery))
    atomic_write_text(path(), json.dumps(record))


def has_recovery_wrap() -> bool:
    record = _load()
    return bool(record and "by_recovery" in record)


def forget() -> None:
    """Delete the key record (with every result: the command line's start-over)."""
    path().unlink(missing_ok=True)


def open_with_pin(pin: str) -> bytes | None:
    record = _load()
    return _unwrap(record["by_pin"], pin) if record and "by_pin" in record else None


def open_with_recovery(code: str) -> bytes | None:
    record = _load()
    return _unwrap(record["by_recovery"], _digits(code)) if record and "by_recovery" in record else None


def _digits(code: str) -> str:
    return "".join(c for c in code if c.isdigit())


def _load() -> dict[str, Any] | None:
    try:
        record = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


# --- values in the database -------------------------------------------------------------------


def seal(key: bytes, text: str) -> str:
    nonce = os.urandom(12)
    return PREFIX + base64.b64encode(nonce + _aes(key).encrypt(nonce, text.encode("utf-8"), None)).decode()


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX)


def opener(key: bytes) -> Callable[[str], str | None]:
    """`unseal` for many values under one key (a school board's thousands of group names): the
    cipher is made once."""
    from cryptography.exceptions import InvalidTag

    aes = _aes(key)

    def unseal_one(value: str) -> str | None:
        if not is_sealed(value):
            return value
        try:
            raw = base64.b64decode(value[len(PREFIX):], validate=True)
            return aes.decrypt(raw[:12], raw[12:], None).decode("utf-8")
        except (InvalidTag, ValueError, UnicodeDecodeError):
            return None

    return unseal_one


def unseal(key: bytes | None, value: str) -> str | None:
    """The text of a sealed value (a plain one as it is); None when it can't be opened."""
    if not is_sealed(value):
        return value
    if key is None:
        return None
    from cryptography.exceptions import InvalidTag

    try:
        raw = base64.b64decode(value[len(PREFIX):], validate=True)
        return _aes(key).decrypt(raw[:12], raw[12:], None).decode("utf-8")
    except (InvalidTag, ValueError, UnicodeDecodeError):
        return None
