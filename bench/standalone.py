"""Launch to first frame of the standalone app (tools/build_app.py) beside the source run, and the
app folder's size.

    python bench/standalone.py [--launches 5] [--out DIR]

Builds the app into DIR (default dist/) unless the one there was built from exactly this
checkout (tools/build_app.py's fingerprint), then times, alternately A B A B in one run:
- A: the standalone program, `dist/RedFlags/RedFlags` (RedFlags.exe on Windows);
- B: the source run, `python run_game.py`;
each with REDFLAGS_EXIT_AFTER_FIRST_FRAME=1, headless (SDL dummy drivers): wall time of the whole
process, from start to exit after the first frame (both sides exit the same way, so the ratio
compares start-up; bench/frames.py times the source run to its first flip instead). One
untimed launch of each comes first, so neither pays for a cold disk cache (the first start after
a build reads the whole folder). Prints both medians, their ratio (target: <= 1.5) and the size.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5


def _build_app():
    spec = importlib.util.spec_from_file_location("build_app", ROOT / "tools" / "build_app.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_app", module)
    spec.loader.exec_module(module)
    return module


def _launch(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def measure_standalone(launches: int = 5, out: str | None = None) -> dict:
    """Median seconds from launch to first frame, standalone and from source, their ratio, and
    the app folder's size. Keys: standalone_s, source_s, ratio, runs, size_mb, built (built in
    this call), build_s (how long its build took), pyinstaller, target."""
    ba = _build_app()
    dist = Path(out) if out else ROOT / "dist"
    stamp, built_now = ba.ensure_app(dist, log=lambda msg: print(msg, file=sys.stderr, flush=True))
    exe = ba.executable(ba.app_folder(dist.resolve()))
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               REDFLAGS_EXIT_AFTER_FIRST_FRAME="1")
    env.setdefault("REDFLAGS_HOME", tempfile.mkdtemp(prefix="redflags-bench-"))
    env.pop("PYTHONPATH", None)
    standalone_cmd = [str(exe)]
    source_cmd = [sys.executable, str(ROOT / "run_game.py")]
    _launch(standalone_cmd, env)  # warm-up, not timed
    _launch(source_cmd, env)
    standalone, source = [], []
    for _ in range(launches):
        standalone.append(_launch(standalone_cmd, env))
        source.append(_launch(source_cmd, env))
    a, b = statistics.median(standalone), statistics.median(source)
    return {"standalone_s": a, "source_s": b, "ratio": a / b, "runs": launches,
            "size_mb": ba.folder_size(ba.app_folder(dist.resolve())) / 1e6, "built": built_now,
            "build_s": stamp["seconds"], "pyinstaller": stamp["pyinstaller"], "target": TARGET_RATIO}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--launches", type=int, default=5)
    ap.add_argument("--out", default=None, help="where the app is built or reused (default: dist)")
    args = ap.parse_args()
    m = measure_standalone(args.launches, args.out)
    print(f"standalone app (PyInstaller {m['pyinstaller']}, {'built now' if m['built'] else 'reused'}; "
          f"its build took {m['build_s']:.0f} s): {m['size_mb']:.1f} MB")
    print(f"launch to first frame: standalone {m['standalone_s'] * 1000:.0f} ms; from source "
          f"{m['source_s'] * 1000:.0f} ms; ratio {m['ratio']:.2f} (target <= {TARGET_RATIO}; median of "
          f"{m['runs']}, alternating)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
