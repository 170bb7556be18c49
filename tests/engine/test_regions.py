"""Region-true text: every student-visible line of every shipped story, read as a class in each
region reads it, names only that region's services; and each region's help list has its crisis
line. (What a US or UK walkthrough shows is a subset of these texts.)"""

from __future__ import annotations

import re

import pytest

from game.engine import services
from game.engine.services import PLACEHOLDER

# names, addresses and numbers that belong to one region only
ONLY = {
    "CA": ["cybertip.ca", "cyberaide.ca", "needhelpnow", "aidezmoisvp", "kids help phone",
           "jeunesse, j’écoute", "1-866-658-9022", "686868", "9-8-8"],
    "US": ["cybertipline", "ncmec", "childhelp", "988 lifeline", "1-800-843-5678", "take it down"],
    "UK": ["ceop", "childline", "report remove", "samaritans", "999", "0800 1111", "116 123"],
}


def foreign(region: str) -> re.Pattern[str]:
    terms = [t for other, ts in ONLY.items() if other != region for t in ts]
    return re.compile("|".join(rf"(?<![\w.-]){re.escape(t)}(?![\w-])" for t in terms), re.IGNORECASE)


@pytest.fixture(scope="module")
def stories(library):
    found = library.playable()
    assert len(found) >= 17
    return found


@pytest.mark.parametrize("region", ["CA", "US", "UK"])
def test_every_story_line_names_only_its_regions_services(library, stories, region):
    services.use(library.resources, region)
    pattern = foreign(region)
    try:
        problems = []
        for sid, sc in stories.items():
            for path, text in sc.texts():
                for lang in ("en", "fr"):
                    shown = text.get(lang)
                    m = pattern.search(shown)
                    if m:
                        problems.append(f"{sid} {path} ({lang}): {m.group(0)!r} in {shown[:90]!r}")
                    if PLACEHOLDER.search(shown) and "{" + "}" not in shown:
                        left = [x for x in PLACEHOLDER.findall(shown) if x[0] in services.ROLES]
                        if left:
                            problems.append(f"{sid} {path} ({lang}): unfilled {left}")
        assert not problems, "\n".join(problems[:20])
    finally:
        services.use(None, "CA")


@pytest.mark.parametrize("region", ["CA", "US", "UK"])
def test_each_regions_help_list_has_its_crisis_line(library, region):
    shown = {rid for rid, _r in library.resources.for_region(region)}
    crisis = library.resources.roles[region]["crisis-line"]
    assert crisis in shown
    for rid in shown:
        assert region in library.resources.resources[rid].regions


def test_despair_is_always_met_with_a_way_to_help(stories):
    """Safe messaging: a line that voices hopelessness is followed, in the same story, by the
    crisis line (by role), so it can't end on despair."""
    despair = re.compile(r"life is over|want to disappear|no way out|don.?t want to be here|"
                         r"ma vie est finie|(veux|envie de) disparaître", re.IGNORECASE)
    for sid, sc in stories.items():
        raw = [t.raw(lang) for _p, t in sc.texts() for lang in ("en", "fr") if t.raw(lang)]
        if any(despair.search(r) for r in raw):
            assert any("{crisis-line" in r for r in raw), f"{sid} shows despair without the crisis line"
