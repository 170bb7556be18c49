"""The teacher PIN's lock-out: wrong tries counted in the PIN record itself, so it holds across
relaunches of the game and the command line.

After 5 wrong tries the PIN is refused for 30 seconds, then for twice as long after each further
5 wrong tries, up to an hour: 40 guesses take about 2 hours, and from then on 5 guesses an hour
is all a script gets (see docs/privacy.md for what that means for a 6-digit PIN). A right PIN
starts the count again. Times are wall-clock (seconds since the epoch) because they must survive
a restart; a deadline more than the longest wait in the future (the clock was set back) counts as
the longest wait from now.

These are pure functions on the record's dict; pin.py reads and writes the file.
"""

from __future__ import annotations

from typing import Any

MAX_TRIES = 5  # wrong tries before each wait
FIRST_WAIT = 30  # seconds, after the first 5
MAX_WAIT = 3600  # the longest wait: an hour


def wait_after(failures: int) -> int:
    """How long the PIN is refused once there have been `failures` wrong tries in a row."""
    rounds = failures // MAX_TRIES
    if rounds <= 0:
        return 0
    factor: int = 2 ** min(rounds - 1, 20)  # int ** int is typed Any: the exponent is never negative
    return min(FIRST_WAIT * factor, MAX_WAIT)


def _failures(record: dict[str, Any]) -> int:
    value = record.get("failures", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _deadline(record: dict[str, Any]) -> float:
    value = record.get("locked_until", 0)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def remaining(record: dict[str, Any], now: float) -> int:
    """Seconds before the PIN may be tried again (0: now)."""
    left = min(_deadline(record) - now, MAX_WAIT)
    return -int(-left // 1) if left > 0 else 0  # round up: "try again in 0 seconds" helps no one


def clamped(record: dict[str, Any], now: float) -> dict[str, Any] | None:
    """The record with a deadline no later than the longest wait from now, or None when it is
    fine as it is (a clock set back must not lock the PIN for days)."""
    if _deadline(record) - now > MAX_WAIT:
        return dict(record, locked_until=now + MAX_WAIT)
    return None


def failed(record: dict[str, Any], now: float) -> dict[str, Any]:
    """The record after one more wrong try (a new dict)."""
    count = _failures(record) + 1
    out = dict(record, failures=count)
    if count % MAX_TRIES == 0:
        out["locked_until"] = now + wait_after(count)
    return out


def succeeded(record: dict[str, Any]) -> dict[str, Any]:
    """The record after the right PIN: no wrong tries, no wait."""
    out = dict(record)
    out.pop("failures", None)
    out.pop("locked_until", None)
    return out
