"""The engine (and the writer and teacher tools built on it) never import pygame: anything the
game can decide, a test or a terminal can do without a window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("engine", "authoring", "classroom")

CODE = """
import importlib, pkgutil, sys
sys.modules["pygame"] = None  # any `import pygame` now raises ImportError
import game
names = ["game.cli", "game.terminal", "game.settings", "game.i18n", "game.userdata"]
for pkg in {packages!r}:
    mod = importlib.import_module("game." + pkg)
    names += [f"game.{{pkg}}.{{m.name}}" for m in pkgutil.iter_modules(mod.__path__)]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_engine_authoring_and_classroom_import_without_pygame():
    run = subprocess.run([sys.executable, "-c", CODE.format(packages=PACKAGES)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert int(run.stdout.split()[-1]) >= 30  # really imported every module
