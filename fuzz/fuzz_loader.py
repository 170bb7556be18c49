"""atheris (libFuzzer) target: scenario bytes -> loader + validator + a scripted playthrough.

Longer, coverage-guided runs than the bounded hypothesis tests in CI. Any exception other than
the loader's own diagnostics is a bug. See docs/fuzzing.md.

    pip install atheris
    python fuzz/fuzz_loader.py fuzz/work fuzz/seeds -max_total_time=600
"""

import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports():
    from game.engine.diagnostics import CODES
    from game.engine.runtime import ChoicesEvent, EndingEvent, Playthrough
    from game.engine.validate import check_source, load_library

LIB = load_library(ROOT / "game" / "scenarios", paths=[])


def test_one_input(data: bytes) -> None:
    result = check_source(data, "fuzz.yaml", LIB.taxonomy, LIB.resources)
    for d in result.diagnostics:
        assert d.code in CODES and d.line >= 0, d
    if result.scenario is None:
        assert result.diagnostics, "rejected without a diagnostic"
        return
    pt = Playthrough(result.scenario)
    for step in range(10_000):
        ev = pt.next()
        if isinstance(ev, EndingEvent):
            return
        if isinstance(ev, ChoicesEvent):
            pt.choose(ev.options[step % len(ev.options)][0])
    raise AssertionError("a valid scenario did not end within 10,000 steps")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
