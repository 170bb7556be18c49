"""Property-based and corpus tests: any input gives a model or located errors, never a traceback.

The hypothesis budget is bounded so the suite stays fast in CI; longer runs use the atheris
target documented in docs/fuzzing.md.
"""

import functools
import random
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.diagnostics import CODES
from game.engine.paths import play
from game.engine.runtime import ChoicesEvent, EndingEvent, Playthrough
from game.engine.validate import Checked, check_source, load_library

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")
CORPUS = ROOT.parent / "shared" / "corpora" / "yaml-test-suite"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def _support():
    lib = load_library(ROOT / "game" / "scenarios", paths=[])
    return lib.taxonomy, lib.resources


@pytest.fixture(scope="module")
def support():
    return _support()


def assert_clean(result: Checked) -> None:
    """A result is either a valid scenario or a list of located, coded diagnostics."""
    assert isinstance(result, Checked)
    if result.scenario is None:
        assert result.diagnostics, "rejected without saying why"
    for d in result.diagnostics:
        assert d.code in CODES and d.message and d.line >= 0 and d.col >= 0


@FUZZ
@given(st.binary(max_size=2048))
def test_any_bytes(data):
    assert_clean(check_source(data, "fuzz.yaml", *_support()))


YAML_BITS = st.sampled_from([
    "\n", " ", "  ", "- ", ": ", "? ", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!!str ", "!x ",
    "|", ">", "'", '"', "---\n", "...\n", "%YAML 1.1\n", "\t", "\\", "id", "beats", "text", "from",
    "no", "yes", "8:30", "~", "null", "0x1F", "1e3", "<<", "é", "’", "\x85", "\u2028", "\ufeff",
])


@FUZZ
@given(st.lists(YAML_BITS, max_size=80).map("".join))
def test_yaml_shaped_text(text):
    assert_clean(check_source(text, "fuzz.yaml", *_support()))


@FUZZ
@given(st.data())
def test_mutated_valid_scenario(data):
    """Delete, duplicate or corrupt random lines and characters of a valid scenario."""
    lines = MINIMAL.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "char"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][2:]
        else:
            j = data.draw(st.integers(0, max(0, len(lines[i]) - 1)))
            lines[i] = lines[i][:j] + data.draw(st.sampled_from(list(":-[]{}#&*!'\"|> x0"))) + lines[i][j + 1:]
        if not lines:
            break
    assert_clean(check_source("".join(lines), "minimal.yaml", *_support()))


@FUZZ
@given(st.lists(st.integers(0, 3), max_size=8), st.lists(st.integers(0, 40), max_size=10))
def test_runtime_never_breaks_its_invariants(library, choices, flags):
    """Any sequence of legal actions keeps the state consistent and saveable."""
    for sc in library.playable().values():
        pt = Playthrough(sc)
        for pick in choices + [0] * 50:
            ev = pt.next()
            for i in flags:
                if pt.flaggable(i):
                    pt.toggle_flag(i)
            if isinstance(ev, EndingEvent):
                break
            if isinstance(ev, ChoicesEvent):
                pt.choose(ev.options[pick % len(ev.options)][0])
        assert pt.ended
        assert all(pt.flaggable(i) for i in pt.state.flags)
        assert Playthrough.restore(sc, pt.state.to_json()).state == pt.state


def corpus_files():
    return sorted(CORPUS.glob("*.yaml")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not corpus_files(), reason=f"YAML test suite not found at {CORPUS}")
def test_yaml_test_suite_inputs_are_each_handled_cleanly(support):
    """All 402 inputs of the YAML test suite: accepted or rejected with diagnostics, no hang."""
    def timeout(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, timeout)
    rejected = 0
    files = corpus_files()
    try:
        for path in files:
            signal.alarm(5)
            result = check_source(path.read_bytes(), path.name, *support)
            signal.alarm(0)
            assert_clean(result)
            rejected += result.scenario is None
    finally:
        signal.alarm(0)
    assert len(files) >= 400
    assert rejected == len(files)  # none of them is a scenario: every one gets a reason


def test_seeded_random_scenarios_from_shipped_library_replay_identically(library):
    rng = random.Random(3)
    for sc in library.playable().values():
        pt = Playthrough(sc)
        taken = []
        while not pt.ended:
            ev = pt.next()
            if isinstance(ev, ChoicesEvent):
                i = rng.choice(ev.options)[0]
                taken.append(i)
                pt.choose(i)
        assert play(sc, taken).state == pt.state
