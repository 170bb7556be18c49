"""Kill the game process (SIGKILL) at random points during scripted play, many times: the
database stays intact, no reported action is lost, and resuming gives the same state."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.classroom.store import ResultsStore
from game.engine.runtime import ChoicesEvent

ROOT = Path(__file__).resolve().parents[2]
KILLS = 25  # the shorter run (about 20 s); the long one kills 100 times

# slow: a child process killed 25 or 100 times takes about 20 or 75 s, so `-m "not slow"` leaves both out
pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
              pytest.mark.slow]


def _run_and_kill(db: Path, seed: int, scenario_id: str, delay: float) -> list[tuple[str, int, str]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-m", "tests.classroom._sigkill_child", str(db),
                              str(seed), scenario_id], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err
    reported = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:  # a line cut by the kill is not a completed report
            reported.append((parts[0], int(parts[1]), parts[2]))
    return reported


@pytest.mark.parametrize("kills", [KILLS, 100])
def test_sigkill_loses_nothing_and_resumes(tmp_path, scenario, kills):
    db = tmp_path / "results.sqlite3"
    rng = random.Random(20240611 + kills)
    reported: list[tuple[str, int, str]] = []
    for round_ in range(kills):
        reported += _run_and_kill(db, round_, scenario.id, rng.uniform(0.0, 0.25))
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    assert len(reported) > kills, "the child should have completed many actions"

    with ResultsStore(db) as store:
        assert store.integrity() == "ok"
        stored = {}
        for pid in {p for p, _, _ in reported}:
            for seq, _, _, state in store.actions(pid):
                stored[(pid, seq)] = hashlib.sha256(state.encode()).hexdigest()[:16]
        for pid, seq, digest in reported:
            assert stored.get((pid, seq)) == digest, f"action {pid}:{seq} lost or changed"
        for pid in {p for p, _, _ in reported}:
            seqs = [a[0] for a in store.actions(pid)]
            assert seqs == list(range(len(seqs))), "actions are gapless"
        # resuming gives exactly the last stored state, and play goes on to an ending
        for info in store.unfinished():
            pt = store.resume(info.id, scenario)
            assert pt.state.to_json() == store.actions(info.id)[-1][3]
            while not pt.ended:
                event = pt.next()
                if isinstance(event, ChoicesEvent):
                    pt.choose(event.options[0][0])
            assert store.playthrough(info.id).finished
