"""A short soak in the suite: a few minutes of simulated random play on the real App (bench/soak.py
with a fixed seed), asserting no crash and that the scene stack and every cache stay bounded.
No timing assertion. The long run is `python bench/soak.py --minutes 30`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ACTIONS = 600  # about 4 minutes of simulated play: several stories to the debrief and back


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


@pytest.mark.parametrize("seed", [11])
def test_random_play_never_crashes_and_stays_bounded(soak_mod, library, seed, capsys):
    from game.ui import text as tx
    from game.ui.scenes.chat import BUBBLE_BYTES, BUBBLE_CACHE

    soak = soak_mod.Soak(library, seed)
    res = soak.run(actions=ACTIONS, sample_every=1e9)
    if res.crashes:
        soak_mod.report(res)
        pytest.fail(f"{len(res.crashes)} crash(es) in random play, seed {seed}; first: {res.crashes[0].error} "
                    f"(replay: python bench/soak.py --actions {ACTIONS} --seed {seed}); report above",
                    pytrace=False)
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


def test_same_seed_same_game(soak_mod, library):
    """A seed replays the same actions, so a crash found by the soak can be reproduced."""
    a = soak_mod.Soak(library, 5)
    a.run(actions=60, sample_every=1e9)
    b = soak_mod.Soak(library, 5)
    b.run(actions=60, sample_every=1e9)
    strip = lambda h: [line.split("] ", 1)[1] for line in h]
    assert strip(a.history) == strip(b.history)
