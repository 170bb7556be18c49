"""docs/authoring.md's tutorial, run step by step in a fresh folder, as a writer would.

Steps are marked in the Markdown with HTML comments (invisible when rendered):
`<!-- tutorial: run [input=TEXT] [status=N] -->` before a ```sh block with one command and an
optional ```text block of lines the output must contain ("..." lines are skipped), and
`<!-- tutorial: edit FILE -->` before two ```yaml blocks: the text to find and its replacement.
"""

import re

import pytest

from game.authoring.common import scenario_file

from .conftest import ROOT, run_subprocess

DOC = ROOT / "docs" / "authoring.md"
_STEP = re.compile(r"<!-- tutorial: (run|edit)([^>]*)-->(.*?)(?=<!-- tutorial:|^## |\Z)", re.S | re.M)
_FENCE = re.compile(r"```(sh|text|yaml)\n(.*?)```", re.S)


def steps():
    out = []
    for kind, attrs, body in _STEP.findall(DOC.read_text(encoding="utf-8")):
        blocks = _FENCE.findall(body)
        out.append((kind, attrs.strip(), blocks))
    return out


def test_the_tutorial_has_steps():
    found = steps()
    kinds = [k for k, _, _ in found]
    assert kinds.count("run") >= 8 and kinds.count("edit") >= 3
    commands = " ".join(b[0][1] for k, _, b in found if k == "run")
    for command in ("game new", "game validate", "game walk", "game check", "--record", "game graph",
                    "game preview"):
        assert command in commands


def test_the_tutorial_names_what_the_game_shows():
    """Step 9 is not run (it opens a window): its command and the settings it names must exist."""
    import argparse

    from game.ui import play
    from game.ui.scenes.settings import sections

    text = DOC.read_text(encoding="utf-8")
    assert "python -m game play skatepark --watch" in text
    parser = argparse.ArgumentParser()
    play.configure(parser)
    assert parser.parse_args(["skatepark", "--watch"]).watch
    rows = {heading: [label for _key, label, _hint in items] for heading, items in sections()}
    assert "**Writer mode** under *For scenario writers*" in text
    assert "Writer mode" in rows["For scenario writers"]


@pytest.mark.slow  # each step runs the command in a new process: about 3 s in all
def test_the_tutorial_runs(workspace):
    for n, (kind, attrs, blocks) in enumerate(steps(), 1):
        if kind == "edit":
            (target,) = attrs.split()
            (_, before), (_, after) = blocks[:2]
            path = scenario_file(target) or workspace / target  # a story id, as writers use them
            text = path.read_text(encoding="utf-8")
            assert text.count(before) == 1, f"step {n}: the text to find is not in {target} exactly once"
            path.write_text(text.replace(before, after), encoding="utf-8")
            continue
        options = dict(a.split("=", 1) for a in attrs.split())
        lang, command = blocks[0]
        assert lang == "sh" and command.count("\n") == 1, f"step {n}: one command per ```sh block"
        done = run_subprocess(command.strip(), workspace, stdin=options.get("input", "") + "\n")
        output = done.stdout + done.stderr
        assert done.returncode == int(options.get("status", 0)), f"step {n}: {command}\n{output}"
        if len(blocks) > 1 and blocks[1][0] == "text":
            for line in blocks[1][1].splitlines():
                if line.strip() and line.strip() != "...":
                    assert line.strip() in output, f"step {n}: '{line.strip()}' not in output of " \
                                                   f"{command}\n{output}"
