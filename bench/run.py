"""Every benchmark in one run, one table: measure, ours, baseline, ratio, target, met.

    python bench/run.py [--quick] [--soak-minutes N] [--check]

Runs, each in a fresh Python process so one cannot warm up (or pollute) another:
- load (bench/load.py): load + validate 100 and 1,000 generated ~8 KB scenarios vs bare
  `yaml.load(CSafeLoader)` of the same bytes, and how time grows from 100 to 1,000 files;
- frames (bench/frames.py): per-frame CPU of the chat at 1280x720 with 2,000 vs 20 messages,
  idle CPU at a choice, the chat at 1920x1080 with text at 200 % vs 100 %, and a phone (format 2:
  2,000 messages in 4 threads, the thread strip) vs the format 1 chat of 2,000 messages;
- start-up (bench/frames.py): launch to first frame vs a bare pygame window with one line of text;
- standalone (bench/standalone.py): the PyInstaller app's launch to first frame vs python
  run_game.py, and its folder size (builds dist/RedFlags/ first, ~25 s, if missing or out of date);
- memory (bench/memory.py): RSS with the whole library + a 2,000-message chat vs bare pygame;
- install (bench/install.py): the wheel's size, and the installed `game` package's (what takes it);
- results (bench/results.py): a school board's class files (30 groups each) imported, 100 and
  1,000 of them, vs `json.loads` + `executemany` of the same rows; the class debrief over all of
  them; the database's size per group; peak memory while importing;
- soak (bench/soak.py, only with --soak-minutes): crashes and RSS growth after warm-up.
Each pair is measured side by side in the same run, so the ratios hold on a busy machine even
when the absolute times do not. Exit code 0, or with --check 1 if any target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

# what a child process runs: module (file in bench/), function, keyword arguments
CHILD = """
import json, sys
sys.path[:0] = [{bench!r}, {root!r}]
import importlib
mod = importlib.import_module({module!r})
out = getattr(mod, {func!r})(**json.loads({kwargs!r}))
print("\\n@@RESULT@@" + json.dumps(out, default=lambda o: o.__dict__ if hasattr(o, "__dict__") else str(o)))
"""


def child(module: str, func: str, **kwargs) -> dict:
    """Run bench/<module>.py's `func(**kwargs)` in a fresh interpreter and return its result."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               PYTHONHASHSEED="0")
    env.setdefault("REDFLAGS_HOME", tempfile.mkdtemp(prefix="redflags-bench-"))
    code = CHILD.format(bench=str(BENCH), root=str(ROOT), module=module, func=func, kwargs=json.dumps(kwargs))
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0 or "@@RESULT@@" not in proc.stdout:
        raise RuntimeError(f"{module}.{func} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.rsplit("@@RESULT@@", 1)[1])


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str, str, bool | None]] = []

    def add(self, measure: str, ours: str, baseline: str, ratio: str, target: str, met: bool | None) -> None:
        self.rows.append((measure, ours, baseline, ratio, target, met))

    def text(self) -> str:
        head = ("measure", "ours", "baseline", "ratio", "target", "met")
        cells = [head] + [(*r[:5], "-" if r[5] is None else ("met" if r[5] else "NOT met")) for r in self.rows]
        widths = [max(len(c[i]) for c in cells) for i in range(6)]

        def line(c: tuple[str, ...]) -> str:
            return "| " + " | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)) + " |"

        return "\n".join([line(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
                         + [line(c) for c in cells[1:]])

    @property
    def all_met(self) -> bool:
        return all(r[5] is not False for r in self.rows)


def ms(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 10 else f"{s:.1f} s"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run, noisier)")
    ap.add_argument("--soak-minutes", type=float, default=0, help="also soak this long (0: no soak)")
    ap.add_argument("--seed", type=int, default=1, help="soak seed")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args(argv)
    q = args.quick
    t = Table()
    t0 = time.perf_counter()

    def step(name: str) -> None:
        print(f"running {name}... ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)

    step("load")
    ld = child("load", "measure_load", count=1000, repeat=2 if q else 5)
    rows = {int(k): v for k, v in ld["rows"].items()}
    for n in sorted(rows):
        bare, full = rows[n]
        t.add(f"load+validate {n} scenarios (~{ld['kb_per_file']:.0f} KB)", ms(full), f"{ms(bare)} yaml.load",
              f"{full / bare:.2f}", "<= 1.5", full / bare <= 1.5)
    if ld["growth"]:
        g, fg, bg = ld["growth"], ld["files_growth"], ld["bare_growth"]
        t.add(f"load time growth, {fg:.0f}x the files", f"{g:.1f}x", f"{fg:.0f}x linear ({bg:.1f}x yaml.load)",
              f"{g / fg:.2f}", "linear: <= 1.2", g / fg <= 1.2)

    step("frames")
    fr = child("frames", "measure_frames", frames=120 if q else 300, idle=2.0 if q else 5.0)
    t.add("chat frame CPU, 2,000 vs 20 msgs, 1280x720", f"{fr['long_ms']:.2f} ms", f"{fr['short_ms']:.2f} ms",
          f"{fr['ratio']:.2f}", "<= 1.2", fr["ratio"] <= 1.2)
    t.add("chat frame CPU, 2,000 msgs (mean / p95)", f"{fr['long_ms']:.2f} / {fr['long_p95']:.2f} ms", "-", "-",
          "< 4 ms", fr["long_ms"] < 4)
    t.add("idle CPU at a choice", f"{fr['idle_pct']:.2f} % of a core", "-", "-", "< 3 %", fr["idle_pct"] < 3)
    bt = child("frames", "measure_big_text", frames=120 if q else 240)
    t.add(f"chat frame CPU, 200 % vs 100 % text, {bt['size']}", f"{bt['big_ms']:.2f} ms",
          f"{bt['normal_ms']:.2f} ms", f"{bt['ratio']:.2f}", "<= 1.3, < 4 ms",
          bt["ratio"] <= 1.3 and bt["big_ms"] < 4)

    ph = child("frames", "measure_phone", frames=120 if q else 300, switches=20 if q else 40)
    t.add(f"phone (format 2, {ph['threads']} threads) vs chat, 2,000 msgs, 1280x720", f"{ph['phone_ms']:.2f} ms",
          f"{ph['chat_ms']:.2f} ms format 1", f"{ph['ratio']:.2f}", "<= 1.2", ph["ratio"] <= 1.2)
    t.add("phone frame CPU, 2,000 msgs (mean / p95)", f"{ph['phone_ms']:.2f} / {ph['phone_p95']:.2f} ms", "-", "-",
          "< 4 ms", ph["phone_ms"] < 4)
    t.add("phone: open another thread (tab): first round max / again mean",
          f"{ph['first_max_ms']:.0f} / {ph['again_ms']:.1f} ms", f"again p95 {ph['again_p95']:.1f} ms", "-", "-",
          None)

    step("start-up")
    la = child("frames", "measure_launch", launches=3 if q else 7)
    t.add("launch to first frame (median)", ms(la["ours_s"]), f"{ms(la['bare_s'])} bare pygame + text",
          f"{la['ratio']:.2f}", "<= 1.15", la["ratio"] <= 1.15)

    step("standalone")
    sa = child("standalone", "measure_standalone", launches=3 if q else 7)
    t.add("standalone app: launch to first frame (median)", ms(sa["standalone_s"]),
          f"{ms(sa['source_s'])} python run_game.py", f"{sa['ratio']:.2f}", "<= 1.5", sa["ratio"] <= 1.5)
    t.add(f"standalone app folder (PyInstaller {sa['pyinstaller']})", f"{sa['size_mb']:.1f} MB", "-", "-",
          "-", None)

    step("memory")
    mem = child("memory", "measure_memory", runs=1)  # RSS hardly varies between runs
    t.add(f"RSS, {mem['scenarios']} scenarios + 2,000-msg chat", f"{mem['ours_mb']:.1f} MB",
          f"{mem['bare_mb']:.1f} MB bare pygame", f"{mem['ratio']:.2f}", "< 200 MB", mem["ours_mb"] < 200)

    step("install")
    ins = child("install", "measure_install")
    t.add("wheel size", f"{ins['wheel_mb']:.1f} MB", "-", "-", f"<= {ins['wheel_target_mb']:.0f} MB", ins["wheel_met"])
    t.add(f"installed game/ (fonts {ins['fonts_mb']:.1f}, emoji {ins['emoji_mb']:.1f}, stories "
          f"{ins['scenarios_mb']:.1f} MB)", f"{ins['installed_mb']:.1f} MB", "-", "-",
          f"<= {ins['installed_target_mb']:.0f} MB", ins["installed_met"])

    step("results")
    rs = child("results", "measure_results", files=[10, 100] if q else [100, 1000], classes=4 if q else 20,
               repeat=3 if q else 7)
    counts = sorted(rs["rows"], key=int)
    for n in counts:
        floor, ours = rs["rows"][n]["floor"], rs["rows"][n]["ours"]
        ratio = ours["wall_s"] / floor["wall_s"]
        t.add(f"results import, {int(n):,} class files ({ours['groups']:,} groups, {ours['actions']:,} actions)",
              ms(ours["wall_s"]), f"{ms(floor['wall_s'])} json.loads + executemany", f"{ratio:.2f}", "<= 2",
              ratio <= 2)
    small, big = (rs["rows"][n]["ours"] for n in (counts[0], counts[-1]))
    fsmall, fbig = (rs["rows"][n]["floor"] for n in (counts[0], counts[-1]))
    fg = big["files"] / small["files"]
    g, bg = big["wall_s"] / small["wall_s"], fbig["wall_s"] / fsmall["wall_s"]
    judged = small["files"] >= 100  # --quick's 10 files take a quarter of a second: noise, not growth
    t.add(f"import time growth, {fg:.0f}x the files ({fg:.0f}x = linear)", f"{g:.1f}x",
          f"{bg:.1f}x json.loads + executemany", f"{g / bg:.2f}", "<= 1.2 (the floor's)" if judged else "-",
          g / bg <= 1.2 if judged else None)
    t.add(f"import peak RSS, {small['files']:,} -> {big['files']:,} files", f"{big['rss_mb']:.1f} MB",
          f"{small['rss_mb']:.1f} MB", f"{big['rss_mb'] / small['rss_mb']:.2f}", "bounded: <= 1.2",
          big["rss_mb"] / small["rss_mb"] <= 1.2)
    board = big["debrief_groups"] >= 30_000
    t.add(f"class debrief over {big['debrief_groups']:,} groups, CPU (wall best / median)",
          f"{big['debrief_cpu_s'] * 1000:.0f} ms", f"wall {big['debrief_best_s'] * 1000:.0f} / "
          f"{big['debrief_median_s'] * 1000:.0f} ms", "-", "< 250 ms" if board else "-",
          big["debrief_cpu_s"] < 0.25 if board else None)
    t.add("  the same, names sealed (teacher mode): first / again (best), CPU",
          f"{big['sealed_first_cpu_s'] * 1000:.0f} / {big['sealed_again_cpu_s'] * 1000:.0f} ms", "-", "-",
          "again < 250 ms" if board else "-", big["sealed_again_cpu_s"] < 0.25 if board else None)
    per_group = big["db_bytes"] / big["groups"] / 1024
    t.add("results database per group", f"{per_group:.1f} KB", f"{big['bytes'] / big['groups'] / 1024:.1f} KB "
          "in the files", "-", "<= 20 KB", per_group <= 20)
    t.add("the same 10 files imported again", ms(big["reimport_s"]),
          "-", "-", "nothing new", big["reimport_nothing_new"])

    if args.soak_minutes:
        step(f"soak ({args.soak_minutes:g} min)")
        sk = child("soak", "run_soak_summary", minutes=args.soak_minutes, seed=args.seed)
        t.add(f"soak {args.soak_minutes:g} min: crashes", f"{sk['crashes']} in {sk['actions']:,} actions", "-", "-",
              "0", sk["crashes"] == 0)
        t.add(f"soak: RSS growth after {sk['warmup_min']:.1f} min warm-up",
              f"{sk['final_mb']:.1f} MB", f"{sk['baseline_mb']:.1f} MB", f"{sk['growth_pct']:+.1f} %",
              "< 5 %", sk["growth_pct"] < 5)

    print(f"Red Flags benchmarks ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}; {time.perf_counter() - t0:.0f} s)\n")
    print(t.text())
    print(f"\nextra: chat caches after 2,000 messages: {fr['bubbles']} bubbles ({fr['bubble_mb']:.1f} MB), "
          f"{fr['renders']} text renders ({fr['render_mb']:.1f} MB), {fr['layouts']} layouts; "
          f"memory peak {mem['ours_peak_mb']:.1f} MB; launch to exit {ms(la['ours_exit_s'])} "
          f"(bare {ms(la['bare_exit_s'])})")
    print(f"extra: results files: {rs['classes']} classes recorded through the classroom API and varied into "
          f"{max(map(int, counts)):,} files of {rs['groups_per_file']} groups ({rs['kb_per_file']:.0f} KB each, "
          f"{rs['generate_s']:.0f} s to make); {big['debrief_both']:,} groups answered both checks; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end")
    if args.soak_minutes and sk["crashes"]:
        print(f"soak crashes: run `python bench/soak.py --minutes {args.soak_minutes:g} --seed {args.seed}` "
              "for the actions that led to each")
    print("\nall targets met" if t.all_met else "\nsome targets NOT met")
    return 1 if args.check and not t.all_met else 0


if __name__ == "__main__":
    sys.exit(main())
