"""The teacher PIN on the command line: asking for it before `python -m game results ...`
shows or changes anything, and `results reset-pin`.

Secrets are read with getpass on a terminal, else as one line each from standard input, so a
script can pipe them (`printf '246813\\n' | python -m game results list`). Wrong tries count
toward the same lock-out as the game's PIN screen (it is kept in the PIN record).
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from game.i18n import _, ngettext
from game.userdata import data_dir

from . import pin, vault


def read_secret(prompt: str) -> str | None:
    """One secret: hidden typing on a terminal, else one line from stdin (None: nothing came)."""
    stdin = sys.stdin
    try:
        if stdin is not None and stdin.isatty():
            return getpass.getpass(prompt)
        line = stdin.readline() if stdin is not None else ""
    except (EOFError, KeyboardInterrupt, OSError, ValueError):
        return None
    return line.rstrip("\r\n") if line else None


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def duration(seconds: int) -> str:
    if seconds < 120:
        return ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
    minutes = -(-seconds // 60)
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


class Authorised:
    """What a command may use once the teacher is known: the data key that opens the sealed
    group names (None on a computer with nothing sealed yet)."""

    def __init__(self, key: bytes | None = None):
        self.key = key

    def __bool__(self) -> bool:
        return True


def authorise(action: str = "", files: list[str] | None = None) -> Authorised | None:
    """Ask for the teacher PIN when one is set (or results exist). None, after a one-line
    message on stderr, when it isn't given, is wrong, or the lock-out is running. On a computer
    with no PIN and no results there is nothing to protect, except that importing `files` would
    bring results: the teacher then chooses a PIN first, so results are never kept without one
    (the game would otherwise see results and no PIN: someone deleted it)."""
    if not pin.is_set():
        if pin.setup_allowed():
            if action != "import" or not _would_import(files or []):
                return Authorised()
            return _first_pin()
        _err(_("the teacher PIN record is missing or damaged: run 'python -m game results reset-pin' "
               "with the recovery code first"))
        return None
    wait = pin.lock_wait()
    if wait:
        _err(_("too many wrong PIN tries: try again in {duration} (or reset the PIN with the "
               "recovery code: python -m game results reset-pin)").format(duration=duration(wait)))
        return None
    typed = read_secret(_("Teacher PIN: "))
    if not typed or not typed.strip():
        _err(_("the teacher PIN is needed: type it, or give it on standard input"))
        return None
    try:
        ok, wait = pin.attempt(typed.strip())
    except OSError as exc:
        _err(_("the wrong try can't be counted ({error}): nothing was done").format(error=exc.strerror or exc))
        return None
    if not ok:
        _err(_("that is not the teacher PIN: try again in {duration}").format(duration=duration(wait)) if wait
             else _("that is not the teacher PIN"))
        return None
    if not pin.record_has_recovery():
        _err(_("note: this PIN has no recovery code yet; open teacher mode in the game once to get one"))
    key = vault.open_with_pin(typed.strip())
    if key is None and vault.exists():
        _err(_("note: this PIN does not open the group names sealed on this computer; they show as "
               "locked (reset the PIN with the recovery code to open them)"))
    return Authorised(key)


def _would_import(files: list[str]) -> bool:
    """Would importing these files add anything? (A dry run into a store kept in memory.)"""
    from .exchange import import_files
    from .store import ResultsStore

    with ResultsStore(ResultsStore.MEMORY) as scratch:
        return any(report.ok and report.new_rows for report in import_files(scratch, files))


def _first_pin() -> Authorised | None:
    print(_("Results are about to be kept on this computer: choose the teacher PIN first (the game "
            "asks for it to open teacher mode)."), file=sys.stderr)
    new = _new_pin()
    if new is None:
        return None
    try:
        code = pin.write_new(new) if pin.setup_allowed() else None
    except (pin.PinError, OSError) as exc:
        _err(_("{error}: nothing was done").format(error=exc))
        return None
    if code is None:
        _err(_("a teacher PIN was set meanwhile: nothing was done"))
        return None
    key = vault.create(new, code)
    _show_code(code, sys.stderr)  # stderr: stdout stays the command's own output
    return Authorised(key)


def _new_pin() -> str | None:
    first = read_secret(_("New teacher PIN ({a} to {b} digits): ").format(a=pin.MIN_LEN, b=pin.MAX_LEN))
    again = read_secret(_("Type it again: "))
    if first is None or again is None:
        _err(_("no new PIN given: nothing was changed"))
        return None
    try:
        pin.check_format(first.strip())
    except pin.PinError as exc:
        _err(_("{error}: nothing was changed").format(error=exc))
        return None
    if first.strip() != again.strip():
        _err(_("the two PINs differ: nothing was changed"))
        return None
    return first.strip()


def _show_code(code: str, stream: TextIO | None = None) -> None:
    print(_("teacher PIN set. The new recovery code (write it down and keep it away from students; "
            "it is shown only this once):") + f"\n\n    {code}\n", file=stream or sys.stdout)


def reset_pin(yes: bool, confirm: Callable[[str, bool], bool]) -> int:
    """A new PIN with the recovery code; without it, only after deleting every result."""
    if pin.setup_allowed():
        print(_("no teacher PIN is set: the app asks for a new one when teacher mode is opened"))
        return 0
    if pin.has_recovery():
        code = read_secret(_("Recovery code (16 digits; leave empty if it is lost): "))
        if code is None:
            _err(_("no recovery code given: nothing was changed"))
            return 1
        if code.strip():
            if not pin.verify_recovery(code):
                _err(_("that recovery code is not right: nothing was changed (if it is lost, run this "
                       "again and leave it empty: every result on this computer is then deleted)"))
                return 1
            new = _new_pin()
            if new is None:
                return 1
            key = vault.open_with_recovery(code)
            fresh = pin.recover(code, new)
            if key is None:  # no key record the code opens: names sealed before stay sealed
                vault.create(new, fresh)
            else:
                vault.save(key, pin=new, recovery=fresh)
            _show_code(fresh)
            return 0
    else:
        _err(_("this computer has no recovery code for the teacher PIN"))
    return _start_over(yes, confirm)


def _start_over(yes: bool, confirm: Callable[[str, bool], bool]) -> int:
    """No secret: a new PIN only once no result is left for it to open."""
    from .store import ResultsStore, StoreError

    try:
        store = ResultsStore()
    except StoreError as exc:
        _err(str(exc))
        return 1
    try:
        counts = store.counts()
        aside = sorted(data_dir().glob("results.damaged-*"))
        if any(counts.values()) or aside:
            extra = ngettext(", and {n} damaged copy kept aside", ", and {n} damaged copies kept aside",
                             len(aside)).format(n=len(aside)) if aside else ""
            question = _("Without the PIN or its recovery code, a new PIN can only be set once every "
                         "result is deleted. Delete all results on this computer ({groups}, {playthroughs}"
                         "{extra})? This cannot be undone.").format(
                groups=ngettext("{n} group", "{n} groups", counts["groups"]).format(n=counts["groups"]),
                playthroughs=ngettext("{n} playthrough", "{n} playthroughs", counts["playthroughs"]).format(
                    n=counts["playthroughs"]),
                extra=extra)
            if not confirm(question, yes):
                _err(_("nothing was changed"))
                return 1
            store.purge()
            for path in aside:
                path.unlink(missing_ok=True)
            print(_("all results deleted"))
    except (StoreError, OSError) as exc:
        _err(_("the results could not all be deleted ({error}): nothing else was changed").format(error=exc))
        return 1
    finally:
        store.close()
    new = _new_pin()
    if new is None:
        return 1
    try:
        code = pin.start_over(new)
    except pin.PinError as exc:
        _err(_("{error}: nothing was changed").format(error=exc))
        return 1
    vault.create(new, code)  # nothing sealed is left: a new key
    _show_code(code)
    return 0
