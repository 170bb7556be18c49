"""An optional class code that signs results files, so an edited file is refused.

The SHA-256 checksum in every results file catches damage (a half-copied file, a bad USB
stick), not forgery: anyone can recompute it. When the teacher sets the same class code on every
computer of the class (`python -m game results class-code`), exports also carry an HMAC-SHA256
made with a key derived from that code, and imports on a computer with a code refuse a file
whose signature is missing or wrong. What this guarantees, and what it can't, is in
docs/privacy.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from game.i18n import ngettext
from game.userdata import atomic_write_text, data_dir

FILE_NAME = "class-code.json"
MIN_LEN = 6
_SALT = b"redflags class code v1"  # the same on every computer: the same code gives the same key


def derive(code: str) -> bytes:
    return hashlib.scrypt(code.strip().encode("utf-8"), salt=_SALT, n=2**14, r=8, p=1, dklen=32)


def set_code(code: str) -> None:
    if len(code.strip()) < MIN_LEN:
        raise ValueError(ngettext("a class code has at least {n} character", "a class code has at least {n} characters",
                                  MIN_LEN).format(n=MIN_LEN))
    atomic_write_text(data_dir() / FILE_NAME, json.dumps({"kdf": "scrypt", "key": derive(code).hex()}))


def clear_code() -> bool:
    path = data_dir() / FILE_NAME
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed


def class_key() -> bytes | None:
    """This computer's signing key, or None when no class code is set."""
    try:
        record = json.loads((data_dir() / FILE_NAME).read_text(encoding="utf-8"))
        key = bytes.fromhex(record["key"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return key if len(key) == 32 else None


def signature(key: bytes, checksum: str) -> str:
    return "hmac-sha256:" + hmac.new(key, checksum.encode("ascii"), hashlib.sha256).hexdigest()


def signed_by(key: bytes, checksum: str, claimed: object) -> bool:
    return isinstance(claimed, str) and hmac.compare_digest(signature(key, checksum), claimed)
