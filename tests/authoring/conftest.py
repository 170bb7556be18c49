"""Shared by the authoring tests: running commands, and doc snippets merged into the template."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring.template import render
from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "game" / "scenarios"
BASE_ID = "my-story"
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


@pytest.fixture
def cli(capsys):
    """Run `python -m game ...` in-process: returns (exit status, stdout + stderr)."""
    def run(*argv: str) -> tuple[int, str]:
        status = main([str(a) for a in argv])
        out = capsys.readouterr()
        return status, out.out + out.err
    return run


def run_subprocess(command: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    """Run a shell command line as a writer would, with this checkout importable."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    argv = command.split()
    if argv[0] == "python":
        argv[0] = sys.executable
    return subprocess.run(argv, cwd=cwd, input=stdin, capture_output=True, text=True, env=env,
                          timeout=60, check=False)


@pytest.fixture
def workspace(tmp_path):
    """A folder laid out like a checkout: scenarios/ with the shared taxonomy and resources."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for name in ("taxonomy.yaml", "resources.yaml"):
        (folder / name).write_text((SCENARIOS / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


# --- doc snippets ------------------------------------------------------------------------------

def _blocks(text: str) -> list[tuple[str | None, list[str]]]:
    out: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.splitlines():
        m = _TOP_KEY.match(line)
        if m:
            out.append((m.group(1), [line]))
        else:
            out[-1][1].append(line)
    return out


def merge(snippet: str, into: str | None = None) -> str:
    """The `new` template with each top-level key of `snippet` replaced in place by the
    snippet's version. A snippet whose first line is `# whole file` is used as it is."""
    if snippet.lstrip().startswith("# whole file"):
        return snippet
    into = render(BASE_ID) if into is None else into
    new = _blocks(snippet)
    keys = {k for k, _ in new if k is not None}
    out: list[str] = []
    done: set[str] = set()
    for key, lines in _blocks(into):
        if key in keys:
            if key not in done:
                out += [line for k, ls in new if k == key for line in ls]
                done.add(key)
            continue
        out += lines
    out += [line for k, ls in new if k is not None and k not in done for line in ls]
    return "\n".join(out) + "\n"
