"""Package size: the wheel, and the `game` package once installed, with what takes the room.

    python bench/install.py

Builds the wheel from this checkout the way tests/test_install.py does (`pip wheel --no-deps
--no-build-isolation`), installs it with `pip install --no-deps --target` into an empty folder
(pip compiles the .pyc files, as any install does) and measures the installed `game` folder:
fonts, emoji, stories (game/scenarios), code (.py and .pyc) and the rest (catalogues, themes...).
Sizes are in MB of 2**20 bytes (as bench/memory.py); the installed size is the sum of the files'
sizes, not the disk blocks they take. Targets: wheel <= 10 MB, installed `game` <= 20 MB: a download
and an install that fit a school's slow network and a USB stick with room to spare.
Nothing is written to the checkout but setuptools' own build/ and *.egg-info folders.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 2**20
WHEEL_TARGET_MB = 10.0
INSTALLED_TARGET_MB = 20.0
# parts of the installed package: name -> folder inside game/
PARTS = {"fonts": "assets/fonts", "emoji": "assets/emoji", "scenarios": "scenarios"}


def _run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:5])}... failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")


def _size(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def measure_install() -> dict:
    """Build the wheel, install it into a fresh folder, and measure. Keys: wheel (file name),
    wheel_mb, installed_mb (the whole `game` package), fonts_mb, emoji_mb, scenarios_mb, code_mb
    (.py and .pyc), other_mb, files (in the installed package), and the targets wheel_target_mb
    and installed_target_mb with wheel_met and installed_met."""
    with tempfile.TemporaryDirectory(prefix="redflags-install-") as tmp:
        dist, target = Path(tmp) / "dist", Path(tmp) / "site"
        _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir",
              "-q", "-w", str(dist), str(ROOT)])
        (wheel,) = dist.glob("redflags-*.whl")
        _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-cache-dir", "--no-index", "-q",
              "--target", str(target), str(wheel)])
        game = target / "game"
        out: dict = {"wheel": wheel.name, "wheel_mb": wheel.stat().st_size / MB,
                     "installed_mb": _size(game) / MB,
                     "files": sum(1 for p in game.rglob("*") if p.is_file())}
        for name, sub in PARTS.items():
            out[f"{name}_mb"] = _size(game / sub) / MB
        out["code_mb"] = (_size(game, "*.py") + _size(game, "*.pyc")) / MB
        out["other_mb"] = out["installed_mb"] - out["code_mb"] - sum(out[f"{n}_mb"] for n in PARTS)
    out["wheel_target_mb"], out["installed_target_mb"] = WHEEL_TARGET_MB, INSTALLED_TARGET_MB
    out["wheel_met"] = out["wheel_mb"] <= WHEEL_TARGET_MB
    out["installed_met"] = out["installed_mb"] <= INSTALLED_TARGET_MB
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.parse_args(argv)
    m = measure_install()
    met = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    print(f"wheel {m['wheel']}: {m['wheel_mb']:.2f} MB (target <= {m['wheel_target_mb']:.0f} MB: "
          f"{met(m['wheel_met'])})")
    print(f"installed game package: {m['installed_mb']:.2f} MB in {m['files']} files (target <= "
          f"{m['installed_target_mb']:.0f} MB: {met(m['installed_met'])})")
    print(f"  fonts {m['fonts_mb']:.2f} MB, emoji {m['emoji_mb']:.2f} MB, stories {m['scenarios_mb']:.2f} MB, "
          f"code (.py + .pyc) {m['code_mb']:.2f} MB, other {m['other_mb']:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
