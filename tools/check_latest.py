"""Run the test suite against the newest versions pyproject.toml allows, not the lock files.

`python tools/check_latest.py [pytest args]` builds a throw-away virtual environment, installs
Red Flags with `pip install ".[test]"` (whatever is newest today), prints which versions differ
from `requirements-test.lock`, and runs the fast suite there. A failure here means the next
`python tools/lock.py` would turn main red: fix it (or cap the version in pyproject.toml) first.
Main itself never sees these versions until the lock files are refreshed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements-test.lock"


def pinned(text: str) -> dict[str, str]:
    """`name==version` lines of a lock file or of `pip freeze`, by normalised name."""
    found = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", text, re.MULTILINE)
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in found}


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="redflags-latest-") as tmp:
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        py = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        subprocess.run([py, "-m", "pip", "install", "-q", "--upgrade", f"{ROOT}[test]"], check=True)
        latest = pinned(subprocess.run([py, "-m", "pip", "freeze"], capture_output=True, text=True,
                                       check=True).stdout)
        locked = pinned(LOCK.read_text(encoding="utf-8"))
        changed = [(n, locked[n], v) for n, v in sorted(latest.items()) if n in locked and locked[n] != v]
        new = [(n, v) for n, v in sorted(latest.items()) if n not in locked and n != "redflags"]
        print("newer than the lock:" if changed or new else "the lock is up to date")
        for name, old, now in changed:
            print(f"  {name}: {old} -> {now}")
        for name, now in new:
            print(f"  {name}: new, {now}")
        run = subprocess.run([py, "-m", "pytest", "-q", "-m", "not slow", "-p", "no:cacheprovider",
                              *argv], cwd=ROOT)
        return run.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
