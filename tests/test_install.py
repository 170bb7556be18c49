"""Installed like an app: the built wheel works outside the checkout, offline, from any folder;
and with no screen the game says so at once instead of running invisibly."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# stories the wheel ships (every .yaml in game/scenarios but the taxonomy and resources)
SHIPPED = len([p for p in (ROOT / "game" / "scenarios").glob("*.yaml")
               if p.name not in ("taxonomy.yaml", "resources.yaml")])


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "PYTHONPATH")}
    env.update(extra)
    return env


def test_no_display_gives_one_line_and_a_way_to_play(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "run_game.py")], cwd=tmp_path, capture_output=True,
                         text=True, timeout=60, env=_env(REDFLAGS_HOME=str(tmp_path / "home"),
                                                         PYTHONPATH=str(ROOT)))
    assert run.returncode == 1
    ours = [line for line in run.stderr.splitlines() if "Red Flags" in line]
    assert len(ours) == 1, run.stderr
    assert "can't open a window" in ours[0] and "python -m game walk" in ours[0]
    assert "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-2000:]
    (found,) = out.glob("redflags-*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_carries_everything_the_game_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p.relative_to(ROOT).as_posix() for sub in ("game/scenarios", "game/assets", "game/locale")
               for p in (ROOT / sub).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert shipped and not [n for n in shipped if n not in names]
    for needed in ("game/scenarios/game-teammate.yaml", "game/scenarios/taxonomy.yaml",
                   "game/scenarios/knowledge/check.yaml", "game/scenarios/schema/scenario.schema.json",
                   "game/assets/fonts/NotoSans-Regular.ttf", "game/assets/emoji/emoji.png",
                   "game/assets/themes/default.yaml", "game/locale/fr/LC_MESSAGES/redflags.mo"):
        assert needed in names


@pytest.mark.slow
def test_the_wheel_installed_outside_the_checkout_validates_walks_and_draws(wheel, tmp_path):
    """A fresh virtual environment with the locked dependencies (from pip's cache: offline after
    the README's install), the wheel, and every command run from a folder that is not a checkout."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    install = subprocess.run([str(py), "-m", "pip", "install", "-q", "--require-hashes", "-r",
                              str(ROOT / "requirements.lock")], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-2000:]
    install = subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-2000:]
    away = tmp_path / "somewhere"
    away.mkdir()
    env = _env(REDFLAGS_HOME=str(tmp_path / "home"), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYTHONIOENCODING="utf-8")

    def game(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([str(py), "-m", "game", *args], cwd=away, input=stdin, capture_output=True,
                              text=True, timeout=300, env=env)

    where = subprocess.run([str(py), "-c", "import game; print(game.__file__)"], cwd=away, env=env,
                           capture_output=True, text=True, timeout=60).stdout
    assert str(venv) in where and str(ROOT) not in where, where
    done = game("validate")
    assert done.returncode == 0 and f"OK: {SHIPPED} scenario files, 0 errors" in done.stdout, done.stdout + done.stderr
    done = game("walk", "game-teammate", stdin="1\n" * 40)
    assert done.returncode == 0, done.stdout[-1500:] + done.stderr
    assert "Score" in done.stdout or "score" in done.stdout
    done = game("new", "my-test")
    assert done.returncode == 0 and "My stories" in done.stdout
    done = game("validate")
    assert f"OK: {SHIPPED + 1} scenario files" in done.stdout, done.stdout
    first = subprocess.run([str(py), "-m", "game", "play"], cwd=away, capture_output=True, text=True,
                           timeout=120, env={**env, "REDFLAGS_EXIT_AFTER_FIRST_FRAME": "1"})
    assert first.returncode == 0, first.stderr
    preview = game("preview", "game-teammate", "--out", str(tmp_path / "png"))
    assert preview.returncode == 0, preview.stderr
    assert len(list((tmp_path / "png").glob("*.png"))) > 3
