"""What the format tests share: the test stories, checked with the shipped library."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.validate import check_source

DATA = Path(__file__).resolve().parents[1] / "data"
TOOLS = (DATA / "writer-tools.yaml").read_text(encoding="utf-8")
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")
PHONE = (DATA / "phone.yaml").read_text(encoding="utf-8")


def checked(text: str, library, name: str = "writer-tools.yaml"):
    """A story's text checked as the game checks a file called `name`."""
    return check_source(text, name, library.taxonomy, library.resources)


@pytest.fixture(scope="module")
def tools(library):
    """tests/data/writer-tools.yaml: ending variants, counters, actions and times in one story."""
    result = checked(TOOLS, library)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.scenario


@pytest.fixture(scope="module")
def phone(library):
    """tests/data/phone.yaml: a story on a whole phone (threads, actions, a safe adult)."""
    result = checked(PHONE, library, "phone.yaml")
    assert result.ok and not result.diagnostics, [str(d) for d in result.diagnostics]
    return result.scenario
