"""Files that are not what their name says: a FIFO or a link to /dev/zero called story.yaml,
and links that lead outside the library. Refused at once, never a hang or a memory blow-up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from game.engine.loader import read_source
from game.engine.validate import load_library, scenario_paths

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "game" / "scenarios"


def test_a_fifo_and_a_device_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        raw, problem = read_source(path)
        assert raw is None and problem.code == "RF001" and "not a regular file" in problem.message


def test_validate_a_folder_with_a_fifo_finishes_in_a_subprocess(tmp_path):
    """Run where a hang would show as a timeout, not a stuck test run."""
    for name in ("taxonomy.yaml", "resources.yaml", "game-teammate.yaml"):
        shutil.copy(SHIPPED / name, tmp_path / name)
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    done = subprocess.run([sys.executable, "-m", "game", "validate", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "pipe.yaml: error RF001: this is not a regular file" in done.stdout
    assert "zero.yaml: error RF001: this is a link to a file outside the story folder" in done.stdout


def test_links_outside_the_library_are_not_followed(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    for name in ("taxonomy.yaml", "resources.yaml"):
        shutil.copy(SHIPPED / name, lib / name)
    elsewhere = tmp_path / "secret"
    elsewhere.mkdir()
    shutil.copy(SHIPPED / "game-teammate.yaml", elsewhere / "game-teammate.yaml")
    (lib / "game-teammate.yaml").symlink_to(elsewhere / "game-teammate.yaml")
    shutil.copy(SHIPPED / "grooming-fan-group.yaml", lib / "real.yaml")
    (lib / "grooming-fan-group.yaml").symlink_to(lib / "real.yaml")  # inside: fine
    (lib / "loop.yaml").symlink_to(lib / "loop.yaml")
    loaded = load_library(lib)
    by_name = {Path(c.path).name: c for c in loaded.files}
    for name in ("game-teammate.yaml", "loop.yaml"):
        (problem,) = by_name[name].diagnostics
        assert problem.code == "RF001" and "outside the story folder" in problem.message
    assert set(loaded.playable()) == {"grooming-fan-group"}
    assert "real.yaml" in [p.name for p in scenario_paths(lib)]
