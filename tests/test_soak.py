"""A short soak in the suite: simulated random play on the real App (bench/soak.py with a fixed
seed), asserting no crash and that the scene stack and every cache stay bounded; and the same
with the classroom in front (bench/soak_class.py): teacher mode and its PIN, class settings,
sessions with groups, the knowledge check, the class debrief, export and import (hostile files
too). No timing assertion. The long run is `python bench/soak.py --minutes 30`."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test plays for 6 to 30 s: `-m "not slow"` leaves them out

ROOT = Path(__file__).resolve().parents[1]
ACTIONS = 600  # about 4 minutes of simulated play: several stories to the debrief and back
CLASS_ACTIONS = 900  # classroom first: a few sessions, groups, results, imports (about 30 s)


@pytest.fixture(scope="module")
def soak_mod():
    spec = importlib.util.spec_from_file_location("bench_soak", ROOT / "bench" / "soak.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    try:
        spec.loader.exec_module(mod)
        yield mod
    finally:
        sys.modules.pop(spec.name, None)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """The soak's folder; HOME too, so that no path screen can ever write to the real one."""
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path / "soak"


def fail_on_crash(soak_mod, res, seed: int, actions: int, classroom: float = 1.0) -> None:
    if res.crashes:
        soak_mod.report(res)
        extra = f" --classroom {classroom:g}" if classroom != 1.0 else ""
        pytest.fail(f"{len(res.crashes)} crash(es) in random play, seed {seed}; first: {res.crashes[0].error} "
                    f"(replay: python bench/soak.py --actions {actions} --seed {seed}{extra}); report above",
                    pytrace=False)


@pytest.mark.parametrize("seed", [11])
def test_random_play_never_crashes_and_stays_bounded(soak_mod, library, seed, home):
    from game.ui import text as tx
    from game.ui.scenes.chat import BUBBLE_BYTES, BUBBLE_CACHE

    soak = soak_mod.Soak(library, seed, home=home)
    res = soak.run(actions=ACTIONS, sample_every=1e9)
    fail_on_crash(soak_mod, res, seed, ACTIONS)
    # it really played: stories opened, replies picked, debriefs reached, settings and windows changed
    for kind in ("choose", "debrief", "resize", "language", "text_size", "help"):
        assert res.counts[kind] > 0, (kind, res.counts)
    assert res.max_scenes <= soak_mod.MAX_SCENES
    c = res.max_caches
    assert c["renders"] <= tx.RENDER_CACHE
    assert c["layouts"] <= tx.LAYOUT_CACHE
    assert c.get("bubbles", 0) <= BUBBLE_CACHE
    assert c["emoji"] <= tx.EMOJI_CACHE
    assert c["render_bytes"] <= tx.RENDER_BYTES + 16 * 2**20  # one surface may overshoot until evicted
    assert c.get("bubble_bytes", 0) <= BUBBLE_BYTES + 8 * 2**20
    assert c["fonts"] <= tx.FONT_CACHE + tx.FONT_CACHE // 4 + 2


@pytest.mark.parametrize("seed", [5])
def test_class_play_never_crashes(soak_mod, library, seed, home):
    """Teacher mode, sessions and results played at random, interleaved with stories: the kinds
    that a reliability review found most faults in really happen, and nothing crashes."""
    classroom = 4.0
    soak = soak_mod.Soak(library, seed, home=home, classroom=classroom)
    res = soak.run(actions=CLASS_ACTIONS, sample_every=1e9)
    fail_on_crash(soak_mod, res, seed, CLASS_ACTIONS, classroom)
    for kind in ("teacher", "pin", "session", "group", "group_name", "check", "spot", "class_debrief", "export",
                 "import", "path", "choose"):
        assert res.counts[kind] > 0, (kind, res.counts)
    for scene in ("pin", "teacher", "session", "group-name", "check", "spot-check", "chat", "class-debrief", "path"):
        assert res.scenes[scene] > 0, (scene, res.scenes)
    # and they did what they are for: unlocked, groups added, answers saved, files written and read
    for outcome in ("unlocked", "session opened", "group added", "check answered", "spot chat judged", "saved json"):
        assert res.outcomes[outcome] > 0, (outcome, res.outcomes)
    assert res.outcomes["imported"] + res.outcomes["import refused"] > 0, res.outcomes
    assert res.max_scenes <= soak_mod.MAX_SCENES
    # nothing was written outside the soak's folder (the path screen's default is the home folder)
    assert {p.name for p in home.parent.iterdir()} <= {"soak"}, list(home.parent.iterdir())


def test_same_seed_same_game(soak_mod, library, home):
    """A seed replays the same actions, so a crash found by the soak can be reproduced (the
    second game plays in the same folder, emptied, as the script does for a seed)."""

    def strip(h):
        return [line.split("] ", 1)[1] for line in h]

    runs = []
    for _ in range(2):
        shutil.rmtree(home, ignore_errors=True)
        soak = soak_mod.Soak(library, 5, history=1000, home=home, classroom=4.0)
        soak.run(actions=150, sample_every=1e9)
        runs.append(strip(soak.history))
    assert runs[0] == runs[1]
    assert any("PIN" in line or "Teacher" in line for line in runs[0])  # the classroom was in it
