"""Build the standalone app (no Python needed on the target computer), then smoke-test it.

    python tools/build_app.py [--out DIR] [--work DIR] [--no-test]
    python tools/build_app.py --icons          # redraw tools/icon/ (a red flag, drawn in code)

Runs PyInstaller (from requirements-test.lock) with tools/redflags.spec into DIR/RedFlags/
(default dist/; on macOS also DIR/RedFlags.app), then starts what it built, headless and from a
folder outside this checkout with a fresh data folder: it must draw the first frame and quit
with exit code 0, and `validate` must pass on the library it ships. Prints the build time and
the folder's size. Build for each system on that system: PyInstaller does not cross-compile.

The functions are used by tests/test_standalone.py and bench/standalone.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "tools"
SPEC = TOOLS / "redflags.spec"
ICONS = TOOLS / "icon"
NAME = "RedFlags"
WINDOWS = sys.platform == "win32"
MAC = sys.platform == "darwin"
STAMP = f"{NAME}.build.json"  # beside the app folder, not in it: what was built from what, and how long it took


class BuildError(RuntimeError):
    pass


class SmokeTestFailed(AssertionError):
    pass


# -- the icon -------------------------------------------------------------------------------------

def draw_icon(size: int = 1024):
    """A red flag on a pole, on a rounded light tile: drawn at 4x and scaled down (smooth edges)."""
    import math

    from PIL import Image, ImageDraw

    big = size * 4
    s = big / 1024  # the design is on a 1024 grid
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([40 * s, 40 * s, 984 * s, 984 * s], radius=200 * s, fill=(250, 246, 240, 255),
                        outline=(40, 44, 52, 255), width=round(28 * s))
    d.rounded_rectangle([250 * s, 170 * s, 316 * s, 870 * s], radius=30 * s, fill=(40, 44, 52, 255))  # pole
    d.ellipse([236 * s, 130 * s, 330 * s, 224 * s], fill=(40, 44, 52, 255))  # the knob on top
    # the flag: a wave along its top and bottom edges, from the pole to the fly end
    top, bottom, steps = [], [], 48
    for i in range(steps + 1):
        t = i / steps
        x = 316 + t * (800 - 316)
        wave = 34 * math.sin(t * 2 * math.pi)
        top.append((x * s, (230 - wave + 18 * t) * s))
        bottom.append((x * s, (600 - wave - 18 * t) * s))
    d.polygon(top + bottom[::-1], fill=(214, 40, 40, 255))
    # a darker fold, so it reads as cloth at 16 px too
    fold = top[steps // 2:] + bottom[steps // 2:][::-1]
    d.polygon(fold, fill=(178, 28, 32, 255))
    return img.resize((size, size), Image.LANCZOS)


def make_icons(folder: Path = ICONS) -> list[Path]:
    """tools/icon/redflags.png (1024 px), .ico (Windows, 16-256 px) and .icns (macOS)."""
    folder.mkdir(parents=True, exist_ok=True)
    img = draw_icon(1024)
    out = [folder / "redflags.png", folder / "redflags.ico", folder / "redflags.icns"]
    img.save(out[0], optimize=True)
    img.save(out[1], sizes=[(n, n) for n in (16, 24, 32, 48, 64, 128, 256)])
    img.save(out[2])
    return out


# -- building -------------------------------------------------------------------------------------

def app_folder(out: Path) -> Path:
    return Path(out) / NAME


def executable(app: Path, cli: bool = False) -> Path:
    """The game's program in the app folder; `cli`: the one for commands (a console on Windows)."""
    if WINDOWS:
        return app / ("redflags-cli.exe" if cli else f"{NAME}.exe")
    return app / NAME


def mac_bundle_executable(out: Path) -> Path:
    return Path(out) / f"{NAME}.app" / "Contents" / "MacOS" / NAME


def folder_size(path: Path) -> int:
    """Bytes in a folder (a symlink counts as itself, not what it points to: macOS bundles have many)."""
    total = 0
    for p in Path(path).rglob("*"):
        if p.is_symlink():
            continue
        if p.is_file():
            total += p.stat().st_size
    return total


def fingerprint() -> str:
    """A hash of everything a build is made from: the game, the spec, the icons, the locks, the
    PyInstaller and Python in use. The same fingerprint means the same app."""
    h = hashlib.sha256()
    files = [p for p in sorted((ROOT / "game").rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    files += [SPEC, TOOLS / "redflags_app.py", ROOT / "pyproject.toml", ROOT / "requirements-test.lock",
              *sorted(ICONS.glob("*"))]
    for p in files:
        if p.is_file():
            h.update(p.relative_to(ROOT).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    h.update(f"{pyinstaller_version()} {sys.version} {platform.platform()}".encode())
    return h.hexdigest()


def pyinstaller_version() -> str:
    try:
        from importlib.metadata import version

        return version("pyinstaller")
    except Exception:  # noqa: BLE001  (not installed: the build says so)
        return "none"


def build(out: Path | str = ROOT / "dist", work: Path | str | None = None, log=print) -> dict:
    """Run PyInstaller with the spec into `out`; return the stamp: folder, seconds, size, ...
    `work` holds PyInstaller's intermediate files (default: build/pyinstaller in this checkout)."""
    out = Path(out).resolve()
    work = Path(work).resolve() if work else ROOT / "build" / "pyinstaller"
    if pyinstaller_version() == "none":
        raise BuildError("PyInstaller is not installed: pip install --require-hashes -r requirements-test.lock")
    for needed in ("redflags.png", "redflags.ico", "redflags.icns"):
        if not (ICONS / needed).is_file():
            make_icons()
            break
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    (out / STAMP).unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(out), "--workpath", str(work), str(SPEC)]
    log(f"building {app_folder(out)} with PyInstaller {pyinstaller_version()}...")
    made_from = fingerprint()  # before building: a file edited meanwhile makes the stamp stale
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          env=_clean_env(PYTHONIOENCODING="utf-8"))
    seconds = time.perf_counter() - t0
    (work / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0 or not executable(app_folder(out)).is_file():
        raise BuildError(f"PyInstaller failed (exit {done.returncode}); log: {work / 'build.log'}\n"
                         + (done.stdout + done.stderr)[-4000:])
    stamp = {"folder": str(app_folder(out)), "seconds": round(seconds, 1),
             "bytes": folder_size(app_folder(out)), "pyinstaller": pyinstaller_version(),
             "python": platform.python_version(), "platform": platform.platform(),
             "fingerprint": made_from}
    if MAC:
        stamp["bundle"] = str(Path(out) / f"{NAME}.app")
        stamp["bundle_bytes"] = folder_size(Path(out) / f"{NAME}.app")
    (out / STAMP).write_text(json.dumps(stamp, indent=2), encoding="utf-8")
    return stamp


def built(out: Path | str = ROOT / "dist") -> dict | None:
    """The stamp of the app in `out` if it was built from exactly this checkout and tools, else None."""
    try:
        stamp = json.loads((Path(out) / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    app = app_folder(Path(out).resolve())
    if stamp.get("fingerprint") != fingerprint() or not executable(app).is_file():
        return None
    return stamp


def ensure_app(out: Path | str = ROOT / "dist", work: Path | str | None = None, log=print) -> tuple[dict, bool]:
    """The app in `out`, built only if missing or out of date. Returns (stamp, whether it was built now)."""
    stamp = built(out)
    if stamp:
        return stamp, False
    return build(out, work, log=log), True


# -- running what was built -----------------------------------------------------------------------

def _clean_env(**extra: str) -> dict[str, str]:
    """This environment less anything that would make the app find Python code or a screen it
    should not: PYTHONPATH, PYTHONHOME, a display."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "DISPLAY", "WAYLAND_DISPLAY",
                        "REDFLAGS_EXIT_AFTER_FIRST_FRAME")}
    env.update(extra)
    return env


def headless_env(home: Path | str, **extra: str) -> dict[str, str]:
    return _clean_env(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
                      REDFLAGS_HOME=str(home), **extra)


def run_app(exe: Path, *args: str, home: Path | str, stdin: str = "", cwd: Path | str | None = None,
            timeout: float = 180, **extra_env: str) -> subprocess.CompletedProcess:
    """Run the built program headless with data folder `home`, from `cwd` (default: a fresh
    empty folder, so nothing can be read from this checkout by accident)."""
    with tempfile.TemporaryDirectory(prefix="redflags-away-") as away:
        return subprocess.run([str(exe), *args], cwd=str(cwd or away), input=stdin, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=timeout,
                              env=headless_env(home, **extra_env))


def first_frame(exe: Path, home: Path | str, timeout: float = 180) -> subprocess.CompletedProcess:
    return run_app(exe, home=home, timeout=timeout, REDFLAGS_EXIT_AFTER_FIRST_FRAME="1")


def smoke_test(out: Path | str = ROOT / "dist", log=print) -> None:
    """Start the app in `out` headless: first frame then quit (exit 0), and `validate` passes.
    `validate` reads the shipped library through importlib.resources, so it also proves the data
    files are in the bundle where `game.shipped` finds them, as files on disk."""
    out = Path(out).resolve()
    targets = [(executable(app_folder(out)), executable(app_folder(out), cli=True))]
    if MAC and mac_bundle_executable(out).is_file():
        targets.append((mac_bundle_executable(out), mac_bundle_executable(out)))
    for game, cli in targets:
        with tempfile.TemporaryDirectory(prefix="redflags-home-") as home:
            t0 = time.perf_counter()
            done = first_frame(game, home)
            if done.returncode != 0:
                raise SmokeTestFailed(f"{game}: first frame: exit {done.returncode}\n{done.stderr[-3000:]}")
            log(f"  first frame, headless: exit 0 in {time.perf_counter() - t0:.1f} s  ({game})")
            done = run_app(cli, "validate", home=home)
            summary = next((line for line in done.stdout.splitlines() if line.startswith("OK:")), "")
            if done.returncode != 0 or not summary:
                raise SmokeTestFailed(f"{cli} validate: exit {done.returncode}\n"
                                      f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
            log(f"  validate: {summary}")
            # every command's module imports (a library left out of the bundle shows up here)
            names = commands(cli, home)
            for name in names:
                done = run_app(cli, name, "--help", home=home)
                if done.returncode != 0:
                    raise SmokeTestFailed(f"{cli} {name} --help: exit {done.returncode}\n{done.stderr[-3000:]}")
            log(f"  {len(names)} commands start: {', '.join(names)}")


def commands(cli: Path, home: Path | str) -> list[str]:
    """The command names the app's `--help` lists."""
    done = run_app(cli, "--help", home=home)
    lines = done.stdout.splitlines()
    if done.returncode != 0 or "commands:" not in lines:
        raise SmokeTestFailed(f"{cli} --help: exit {done.returncode}\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    names = []
    for line in lines[lines.index("commands:") + 1:]:
        if not line.startswith("  "):
            break
        names.append(line.split()[0])
    return names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "dist", help="where the app folder goes (default: dist)")
    ap.add_argument("--work", type=Path, default=None,
                    help="PyInstaller's intermediate files (default: build/pyinstaller)")
    ap.add_argument("--no-test", action="store_true", help="build only, no smoke test")
    ap.add_argument("--icons", action="store_true", help="only redraw the icons in tools/icon/")
    args = ap.parse_args(argv)
    if args.icons:
        for path in make_icons():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    try:
        stamp = build(args.out, args.work)
        print(f"built {stamp['folder']} in {stamp['seconds']:.0f} s: {stamp['bytes'] / 1e6:.1f} MB")
        if "bundle" in stamp:
            print(f"built {stamp['bundle']}: {stamp['bundle_bytes'] / 1e6:.1f} MB")
        if not args.no_test:
            print("smoke test:")
            smoke_test(args.out)
            print("smoke test passed")
    except (BuildError, SmokeTestFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    exe = executable(app_folder(Path(args.out)))
    print(f"run it: {exe}   (commands: {executable(app_folder(Path(args.out)), cli=True)} validate, walk ...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
