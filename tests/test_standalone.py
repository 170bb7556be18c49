"""The standalone app (tools/build_app.py, PyInstaller): built into a temporary folder, it runs with
no Python and no checkout: the first frame headless, `validate` on the library it carries, a
whole story in the terminal, and a new story written into My stories in the data folder.

About 25 s to build on the project machine (2 cores), so it runs in CI too. To test an app that
is already built instead (the GitHub workflow builds once, tests it, then uploads it), set
REDFLAGS_STANDALONE to the folder that holds RedFlags/ (e.g. `dist`).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# stories the wheel ships (every .yaml in game/scenarios but the taxonomy and resources)
SHIPPED = len([p for p in (ROOT / "game" / "scenarios").glob("*.yaml")
               if p.name not in ("taxonomy.yaml", "resources.yaml")])
pytestmark = pytest.mark.slow


def _build_app():
    spec = importlib.util.spec_from_file_location("build_app", ROOT / "tools" / "build_app.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_app", module)
    spec.loader.exec_module(module)
    return module


build_app = _build_app()


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    prebuilt = os.environ.get("REDFLAGS_STANDALONE")
    if prebuilt:
        out = Path(prebuilt).resolve()
        assert build_app.executable(build_app.app_folder(out)).is_file(), f"no app in {out}"
        return out
    tmp = tmp_path_factory.mktemp("standalone")
    build_app.build(tmp / "dist", tmp / "work", log=lambda *_: None)
    return tmp / "dist"


@pytest.fixture(scope="module")
def app(dist) -> Path:
    return build_app.app_folder(dist)


@pytest.fixture(scope="module")
def cli(app) -> Path:
    """The program for commands: the app itself, or on Windows its console twin redflags-cli.exe."""
    return build_app.executable(app, cli=True)


def test_first_frame_headless(app, tmp_path):
    done = build_app.first_frame(build_app.executable(app), home=tmp_path / "home")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr


def test_validate_reads_the_library_it_carries(cli, tmp_path):
    """`validate` finds the stories through importlib.resources (game/shipped.py), which needs
    them as files on disk: the frozen package's files("game") is a pathlib.Path."""
    done = build_app.run_app(cli, "validate", home=tmp_path / "home")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert f"OK: {SHIPPED} scenario files, 0 errors" in done.stdout, done.stdout


def test_walk_plays_a_story_to_its_end(cli, tmp_path):
    done = build_app.run_app(cli, "walk", "game-teammate", stdin="1\n" * 40, home=tmp_path / "home")
    assert done.returncode == 0, done.stdout[-1500:] + done.stderr[-1500:]
    assert "Score" in done.stdout or "score" in done.stdout, done.stdout[-1500:]


def test_new_story_goes_to_my_stories_in_the_data_folder(cli, tmp_path):
    home = tmp_path / "home"
    done = build_app.run_app(cli, "new", "my-test", home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (home / "My stories" / "my-test.yaml").is_file(), done.stdout
    assert "My stories" in done.stdout
    done = build_app.run_app(cli, "validate", home=home)
    assert f"OK: {SHIPPED + 1} scenario files" in done.stdout, done.stdout + done.stderr


def test_the_app_carries_every_file_the_wheel_does(app):
    """The spec takes its data files from pyproject.toml's package-data, like the wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["game"]
    wanted = {p.relative_to(ROOT).as_posix() for pattern in patterns for p in (ROOT / "game").glob(pattern)
              if p.is_file()}
    inside = app / "_internal"
    assert wanted and not [f for f in wanted if not (inside / f).is_file()]
    for needed in ("game/scenarios/game-teammate.yaml", "game/assets/fonts/NotoSans-Regular.ttf",
                   "game/locale/fr/LC_MESSAGES/redflags.mo"):
        assert (inside / needed).is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a desktop always has a display")
def test_no_display_gives_one_line(app, tmp_path):
    """Like `python run_game.py` (tests/test_install.py): with no screen, one line and exit 1."""
    env = {k: v for k, v in build_app.headless_env(tmp_path / "home").items() if k != "SDL_VIDEODRIVER"}
    done = subprocess.run([str(build_app.executable(app))], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 1, done.stderr
    ours = [line for line in done.stderr.splitlines() if "Red Flags" in line]
    assert len(ours) == 1 and "can't open a window" in ours[0], done.stderr
    assert "Traceback" not in done.stderr
