"""Story checks for help services: stories name them by role (`{tipline}`), never directly.

A class in the US must never read "reported to Cybertip.ca"; a class in the UK must never be told
to call 911. So every student-visible text is searched for the names, web addresses and numbers
of the services in resources.yaml (and a few common spellings), and every `{role}` must be one
the format knows and one each region has a service for.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

from .model import Scenario
from .services import FIELDS, PLACEHOLDER, ROLES
from .taxonomy import REGIONS, Resources

# spellings a writer may use that resources.yaml doesn't spell out
ALIASES = ("kids help phone", "kidshelpphone", "jeunesse, j'écoute", "jeunesse j'écoute", "cybertip",
           "cyberaide", "needhelpnow", "aidezmoisvp", "cybertipline", "ncmec", "take it down",
           "childline", "ceop", "report remove", "samaritans", "childhelp", "988 lifeline",
           "9-8-8", "911", "999")
ROLE_OF = {"911": "police.phone", "999": "police.phone", "9-8-8": "crisis-line.phone",
           "988": "crisis-line.phone"}

Add = Callable[[tuple[Any, ...], str, str, str], None]


_PATTERNS: dict[int, tuple[object, re.Pattern[str], frozenset[str], tuple[str, ...]]] = {}
_TOKEN = re.compile(r"\w[\w.’'-]*\w|\w")


def service_pattern(resources: Resources | None) -> re.Pattern[str]:
    """Every name, address and number of a help service, as one case-blind pattern (made once
    per resources file: a library of 1,000 stories must not compile it 1,000 times)."""
    return _compiled(resources)[0]


def _compiled(resources: Resources | None) -> tuple[re.Pattern[str], frozenset[str], tuple[str, ...]]:
    cached = _PATTERNS.get(id(resources))
    if cached is None or cached[0] is not resources:
        terms = _terms(resources)
        words = frozenset(t for t in terms if _TOKEN.fullmatch(t))
        phrases = tuple(t for t in terms if t not in words)
        alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w.-])({alternatives})(?![\w-])", re.IGNORECASE)
        if len(_PATTERNS) > 16:
            _PATTERNS.clear()
        cached = _PATTERNS[id(resources)] = (resources, pattern, words, phrases)
    return cached[1], cached[2], cached[3]


def _might_name(text: str, words: frozenset[str], phrases: tuple[str, ...]) -> bool:
    """A quick, never-missing test before the exact pattern: one pass to split the words."""
    low = text.lower()
    return not words.isdisjoint(_TOKEN.findall(low)) or any(p in low for p in phrases)


def _terms(resources: Resources | None) -> set[str]:
    terms = set(ALIASES)
    for r in (resources.resources.values() if resources else ()):
        for text in filter(None, (r.name.en, r.name.fr)):
            base, _, inner = text.partition(" (")
            terms.update(t.strip(" )").lower() for t in (base, inner) if len(t.strip(" )")) >= 4)
        for web in filter(None, (r.web.en, r.web.fr) if r.web else ()):
            terms.add(web.lower())
        if r.phone and sum(c.isdigit() for c in r.phone) >= 3:
            terms.add(r.phone.lower())
    terms = {t for t in terms if not t.startswith("police")}  # "tell the police" is fine
    return {t.replace("'", "’") for t in terms} | terms


def check_services(sc: Scenario, resources: Resources | None, add: Add) -> None:
    named, words, phrases = _compiled(resources)
    texts = sc.texts()
    # one look over everything first: most stories have no braces and name no service
    everything = "\n".join(f"{t.en}\n{t.fr or ''}" for _p, t in texts)
    if "{" not in everything and not _might_name(everything, words, phrases):
        return
    used: dict[str, tuple[Any, ...]] = {}
    for path, text in texts:
        for lang, value in (("en", text.en), ("fr", text.fr)):
            if not value:
                continue
            for role, field in _placeholders(value):
                if role not in ROLES or field not in FIELDS:
                    close = difflib.get_close_matches(role, ROLES, n=1)
                    add(path, "RF040", f"unknown help service '{{{role}{'.' + field if field != 'name' else ''}}}' "
                        f"({lang})", f"did you mean '{{{close[0]}}}'?" if close else
                        f"use one of {', '.join('{' + r + '}' for r in ROLES)}, optionally with "
                        ".phone, .web or .text")
                else:
                    used.setdefault(role, path)
            seen: set[str] = set()
            for m in named.finditer(PLACEHOLDER.sub("", value)):
                if m.group(1).lower() in seen:
                    continue
                seen.add(m.group(1).lower())
                guess = ROLE_OF.get(m.group(1).lower(), _guess_role(m.group(1), resources))
                add(path, "RF041", f"'{m.group(1)}' names a help service directly ({lang})",
                    f"write {{{guess}}} instead: each region then reads its own service" if guess else
                    "name it by its role, e.g. {tipline}, {helpline}, {image-removal}, "
                    "{crisis-line} or {police.phone}, so each region reads its own service")
    if resources is None:
        return
    for role, path in used.items():
        lacking = [reg for reg in REGIONS if role not in resources.roles.get(reg, {})]
        if lacking:
            add(path, "RF042", f"no help service has the role '{role}' in {', '.join(lacking)}",
                "add it under 'roles:' in resources.yaml for every region")


def _placeholders(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2) or "name") for m in PLACEHOLDER.finditer(text)]


def _guess_role(found: str, resources: Resources | None) -> str | None:
    """The role of the resource whose name or address was written, if any region gives it one."""
    if resources is None:
        return None
    low = found.lower()
    for roles in resources.roles.values():
        for role, rid in roles.items():
            r = resources.resources[rid]
            names = [r.name.en, r.name.fr or "", *((r.web.en, r.web.fr or "") if r.web else ())]
            if any(low in n.lower() for n in names if n):
                return role
    return None
