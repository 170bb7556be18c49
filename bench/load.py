"""Load-and-validate speed against the floor: bare `yaml.load(..., CSafeLoader)` of the same files.

Generates a library of typical scenarios (~8 KB each), then times, side by side in one run,
(a) parsing alone and (b) the full loader + validator + story checks, for 100 and 1,000 files.
Prints the ratio (target <= 1.5) and the growth from 100 to 1,000 (target: linear, ~10x).

    python bench/load.py [--count 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.engine.validate import check_source, load_library


def generate(i: int, beats: int = 6) -> str:
    """One synthetic scenario of typical shape and size (valid, bilingual, flags and choices)."""
    out = [f"""format: 1
id: gen-{i}
title: {{en: Generated {i}, fr: Généré {i}}}
summary: {{en: A generated scenario for benchmarks., fr: Un scénario généré pour les mesures.}}
grades: [7, 8]
topics: [grooming]
minutes: 10
content_note: {{en: A note before play., fr: Une note avant de jouer.}}
goals:
  - {{en: Spot red flags., fr: Repérer les signaux.}}
platform: {{name: GenChat, kind: game_chat}}
characters:
  kai: {{name: Kai, avatar: K, claimed: {{en: A teen, fr: Un ado}}, really: {{en: An adult, fr: Un adulte}}}}
beats:"""]
    for b in range(beats):
        out.append(f"  b{b}:\n    messages:")
        for m in range(5):
            flag = ("\n        flag: {category: flattery, why: {en: Praise builds trust fast., "
                    "fr: Les compliments créent vite la confiance.}}" if m == 2 else "")
            out.append(f"      - from: kai\n        text: {{en: \"message {m} of beat {b}, hey how r u "
                       f"doing today lol\", fr: \"message {m} du bloc {b}, salut ça va aujourd’hui "
                       f"lol\"}}\n        typing: 1.5{flag}")
        target = f"b{b + 1}" if b + 1 < beats else "end"
        out.append("    choices:")
        for c, safety in enumerate(("safe", "risky", "unsafe")):
            out.append(f"      - text: {{en: \"reply {c}\", fr: \"réponse {c}\"}}\n        goto: {target}\n"
                       f"        safety: {safety}\n        feedback: {{en: Feedback for this reply., "
                       f"fr: Rétroaction pour cette réponse.}}")
    out.append("""  end:
    ending:
      outcome: safe
      title: {en: The end, fr: La fin}
      text: {en: You told an adult., fr: Tu en as parlé à un adulte.}
debrief:
  summary: {en: A summary., fr: Un résumé.}
  questions:
    - {en: What did you notice?, fr: Qu’as-tu remarqué?}
  resources: [kids-help-phone]
""")
    return "\n".join(out)


def timed(fn, files, repeat: int) -> float:
    return timed_pair([fn], files, repeat)[0]


def timed_pair(fns, files, repeat: int) -> list[float]:
    """Best-of-`repeat` seconds of each function over `files`, the functions taking turns within
    every repeat, so a busy machine slows them alike."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            gc.collect()
            t0 = time.perf_counter()
            for name, raw in files:
                fn(name, raw)
            best[k] = min(best[k], time.perf_counter() - t0)
    return best


def measure_load(count: int = 1000, repeat: int = 5, verbose: bool = False) -> dict:
    """Best-of-`repeat` seconds for bare yaml.load and the full check, for 100 and `count` files.

    Returns {"count", "kb_per_file", "rows": {n: (bare_s, full_s)}, "ratio" (at `count`),
    "growth" (full time `count` / 100), "files_growth" (`count` / 100)}. With `verbose`, prints the
    table as it goes (the CLI's output).
    """
    lib = load_library(paths=[])
    tax, res = lib.taxonomy, lib.resources
    files = [(f"gen-{i}.yaml", generate(i).encode()) for i in range(count)]
    sample = check_source(files[0][1], files[0][0], tax, res)
    assert sample.ok, [str(d) for d in sample.diagnostics]
    size = sum(len(raw) for _, raw in files) / len(files)

    def bare(name, raw):
        yaml.load(raw, Loader=yaml.CSafeLoader)

    def full(name, raw):
        check_source(raw, name, tax, res)

    if verbose:
        print(f"Scenario load benchmark: {count} generated scenarios, {size / 1024:.1f} KB each, "
              f"best of {repeat}")
        print(f"{'files':>6} {'yaml.load (ms)':>15} {'Red Flags (ms)':>15} {'ratio':>6} {'per file (ms)':>14}")
    timed_pair([bare, full], files[:50], 1)  # warm-up: first calls pay for imports and caches
    rows = {}
    for n in sorted({min(100, count), count}):
        subset = files[:n]
        # a small subset is quick and noisy, so it gets proportionally more repeats
        t_bare, t_full = timed_pair([bare, full], subset, repeat * max(1, count // n // 2))
        rows[n] = (t_bare, t_full)
        if verbose:
            print(f"{n:>6} {t_bare * 1000:>15.1f} {t_full * 1000:>15.1f} {t_full / t_bare:>6.2f} "
                  f"{t_full / n * 1000:>14.3f}")
    out = {"count": count, "kb_per_file": size / 1024, "rows": rows,
           "ratio": rows[count][1] / rows[count][0], "growth": None, "bare_growth": None, "files_growth": None}
    if len(rows) == 2:
        (n1, (b1, f1)), (n2, (b2, f2)) = sorted(rows.items())
        out["growth"], out["bare_growth"], out["files_growth"] = f2 / f1, b2 / b1, n2 / n1
        if verbose:
            print(f"growth {n1} -> {n2} files: {f2 / f1:.1f}x for {n2 / n1:.0f}x the files "
                  f"(linear = {n2 / n1:.0f}x; yaml.load alone: {b2 / b1:.1f}x)")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    out = measure_load(args.count, args.repeat, verbose=True)
    ratio = out["ratio"]
    print(f"target: ratio <= 1.5 -> {'met' if ratio <= 1.5 else 'NOT met'} ({ratio:.2f})")
    if out["growth"]:
        per_file = out["growth"] / out["files_growth"]
        print(f"target: linear (time per file at {args.count} within 1.2x of at 100) -> "
              f"{'met' if per_file <= 1.2 else 'NOT met'} ({per_file:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
