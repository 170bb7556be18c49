"""Board scale: a school board imports its classes' results files and reads the class debrief
over all of them. Against the floor of the same work: `json.loads` of each file and
`executemany` of its rows into the same SQLite tables (WAL, synchronous=FULL, one transaction
per file, as the import does).

Generates class files of 30 groups (bench/classgen.py: real classes recorded through the
classroom API on the shipped stories, varied), then in one run, each import in a fresh process
of its own (so its peak resident memory is its own): floor and import of the first 100 and of
all 1,000 files, alternately; the class debrief over everything imported (best and median of
several, wall and CPU time; then with every name sealed, as teacher mode keeps them: the first,
which opens every name, and the best of several after it); the database's bytes per group;
importing 10 files again (all must say nothing new).

    python bench/results.py [--files 100 1000] [--classes 20] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from classgen import GROUPS, record_classes, write_files  # noqa: E402
from run import child  # noqa: E402

from game.classroom.schema import TABLES  # noqa: E402
from game.classroom.store import ResultsStore  # noqa: E402


def _files(folder: str, count: int) -> list[Path]:
    return sorted(Path(folder).glob("class-*.json"))[:count]


def import_child(mode: str, folder: str, count: int, db: str, repeat: int = 0) -> dict:
    """Import the first `count` files into a new database at `db` (in a process of its own),
    the floor's way or ours; with `repeat`, then time the class debrief and import 10 again."""
    paths = _files(folder, count)
    ResultsStore(db).close()  # the same tables either way
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    if mode == "floor":
        con = sqlite3.connect(db, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        for path in paths:
            data = json.loads(path.read_bytes())["data"]
            con.execute("BEGIN")
            for table in TABLES:
                rows = data.get(table)  # (a file from before a table existed has none of its rows)
                if rows:
                    con.executemany(f"INSERT INTO {table} ({', '.join(rows[0])}) VALUES "
                                    f"({', '.join('?' for _ in rows[0])})", [tuple(r.values()) for r in rows])
            con.execute("COMMIT")
        con.close()
        store = None
    else:
        from game.classroom.exchange import import_files

        store = ResultsStore(db)
        reports = import_files(store, paths)
        bad = [r.error for r in reports if not r.ok]
        if bad:
            raise RuntimeError(f"import failed: {bad[:3]}")
    out = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
           "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "files": len(paths),
           "bytes": sum(p.stat().st_size for p in paths)}
    if store is not None:
        counts = store.counts()
        out.update(groups=counts["groups"], actions=counts["actions"], playthroughs=counts["playthroughs"])
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        out["db_bytes"] = Path(db).stat().st_size  # as imported (sealing the names below rewrites it)
        if repeat:
            out.update(_debrief(store, repeat))
            again = time.perf_counter()
            from game.classroom.exchange import import_files

            reports = import_files(store, paths[:10])
            out["reimport_s"] = time.perf_counter() - again
            out["reimport_nothing_new"] = all(r.nothing_new for r in reports)
        store.close()
    return out


def _debrief(store: ResultsStore, repeat: int) -> dict:
    from game.classroom.classdebrief import class_debrief
    from game.classroom.knowledge import load_check
    from game.library import game_library

    scenarios = game_library().playable()
    check, _ = load_check()
    for s in scenarios.values():
        assert s.fingerprint  # computed once, as the game does when it loads the library
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        model = class_debrief(store, scenarios, check)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    out = {"debrief_best_s": min(walls), "debrief_median_s": statistics.median(walls),
           "debrief_cpu_s": min(cpus), "debrief_groups": len(model.groups),
           "debrief_both": model.change.groups}
    # with teacher mode unlocked, as the game shows it: every name sealed, opened for the debrief
    store.use_key(os.urandom(32))
    sealed = []
    for _ in range(1 + repeat):  # the first opens every name; the store keeps them open after
        gc.collect()
        cpu = time.process_time()
        class_debrief(store, scenarios, check)
        sealed.append(time.process_time() - cpu)
    return out | {"sealed_first_cpu_s": sealed[0], "sealed_again_cpu_s": min(sealed[1:]),  # (best, as above)
                  "sealed_again_median_s": statistics.median(sealed[1:])} | _distinct_checks(repeat)


def _distinct_checks(repeat: int, groups: int = 30_000) -> dict:
    """What the class learned over `groups` whose checks all differ. The class files repeat 600
    real groups, so their checks repeat, and groups that did alike share one reading
    (checkline.py); a real board's groups judge chats in many more ways. Here each group flags
    each message of 3 shipped chats before and 3 after at random (red flags more often than the
    rest) and answers the questions at random: every group's checks field is its own."""
    import random

    from game.classroom import board, checkline
    from game.classroom.classdebrief import store_learning
    from game.classroom.skillcheck import shipped_chats

    chats = {c.id: c for c in shipped_chats()}
    ids, rng = sorted(chats), random.Random(1)
    lines = []
    for g in range(groups):
        parts = []
        for phase in ("pre", "post"):
            for chat_id in rng.sample(ids, 3):
                chat = chats[chat_id]
                flagged = [i for i in chat.signals() if rng.random() < 0.7] + \
                    [i for i in chat.noise() if rng.random() < 0.2]
                parts.append(f"S:{phase}:A:{chat_id}:" + ",".join(map(str, sorted(flagged))))
            parts.append(f"K:{phase}:A:6:{rng.randint(0, 6)}")
        line = ["", "", "", "", "", "", "", checkline.field(parts), ""]
        line[0], line[-1] = f"g{g}", f"Group {g}"
        assert len(line) == board.FIELDS
        lines.append(line)
    cpus = []
    for _ in range(repeat):
        gc.collect()
        cpu = time.process_time()
        learned = store_learning(None, lines=lines)  # type: ignore[arg-type]  # (no group read from rows)
        cpus.append(time.process_time() - cpu)
    return {"distinct_checks_groups": groups, "distinct_checks_fields": len({line[7] for line in lines}),
            "distinct_checks_learning_cpu_s": min(cpus), "distinct_checks_learning_median_s": statistics.median(cpus),
            "distinct_checks_both": learned.skill.groups}


def measure_results(files: tuple[int, ...] = (100, 1000), classes: int = 20, repeat: int = 5) -> dict:
    """Generate the files, then floor and ours for each count (fresh processes, alternately)."""
    work = Path(tempfile.mkdtemp(prefix="redflags-board-"))
    try:
        t0 = time.perf_counter()
        recorded = record_classes(classes)
        paths = write_files(work / "files", max(files), recorded)
        out: dict = {"generate_s": time.perf_counter() - t0, "classes": classes, "groups_per_file": GROUPS,
                     "kb_per_file": sum(p.stat().st_size for p in paths) / len(paths) / 1024, "rows": {}}
        for n in files:
            floor = child("results", "import_child", mode="floor", folder=str(work / "files"), count=n,
                          db=str(work / f"floor-{n}.sqlite3"))
            ours = child("results", "import_child", mode="ours", folder=str(work / "files"), count=n,
                         db=str(work / f"ours-{n}.sqlite3"), repeat=repeat if n == max(files) else 0)
            out["rows"][n] = {"floor": floor, "ours": ours}
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--classes", type=int, default=20, help="real classes recorded to vary")
    ap.add_argument("--repeat", type=int, default=5, help="class debriefs timed")
    args = ap.parse_args(argv)
    print(json.dumps(measure_results(tuple(args.files), args.classes, args.repeat), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
