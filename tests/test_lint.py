"""Type checks and lint, run by the test command so CI checks them with the locked versions.

The configuration lives in pyproject.toml ([tool.mypy]: the engine and the classroom strict, the
rest of the game default; [tool.ruff]). A failure prints the checker's own report.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.fail(f"{module} is not installed: install the test lock file "
                    "(pip install --require-hashes -r requirements-test.lock)")
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.mark.slow
def test_mypy_is_clean(tmp_path: Path) -> None:
    done = _run("mypy", "--cache-dir", str(tmp_path / "cache"), "--no-error-summary")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_is_clean() -> None:
    done = _run("ruff", "check", "--no-cache", "game", "tests", "bench", "tools")
    assert done.returncode == 0, done.stdout + done.stderr


def test_strict_packages_are_the_engine_and_the_classroom() -> None:
    """The strict part of the type check covers exactly the two pygame-free layers below the UI;
    if the section is renamed or emptied, the check above would pass while checking less."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    strict = [o for o in config["overrides"] if o.get("disallow_untyped_defs")]
    assert [o["module"] for o in strict] == [["game.engine.*", "game.classroom.*"]]
    assert config["files"] == ["game"]
