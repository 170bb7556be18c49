"""Help services named in story text by their role, so each region reads its own.

A story never writes "Cybertip.ca": a class in the US would read a Canadian tipline next to a
help list showing NCMEC's. It writes `{tipline}` (or `{tipline.phone}`, `{tipline.web}`,
`{tipline.text}`), and the text shows the service that `resources.yaml` gives that role in the
class's region. The region in use is set once (`use`), like the language, by the game, `walk`,
`preview` and the guide; `LocalText.get` fills the placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from .taxonomy import Resources

ROLES = ("tipline", "image-removal", "helpline", "crisis-line", "police")
FIELDS = ("name", "phone", "web", "text")
PLACEHOLDER = re.compile(r"\{([a-z][a-z-]*)(?:\.([a-z]+))?\}")

# What a placeholder says when no region is set (or a custom resources file lacks the role):
# a description, never a wrong service.
GENERIC = {
    "tipline": ("the tipline for reporting online exploitation", "la centrale de signalement"),
    "image-removal": ("a service that helps take pictures down", "un service qui aide à retirer des images"),
    "helpline": ("a helpline for young people", "une ligne d’écoute pour les jeunes"),
    "crisis-line": ("a crisis line", "une ligne de crise"),
    "police": ("the police", "la police"),
}

_active: tuple[Resources, str] | None = None


def use(resources: Resources | None, region: str) -> None:
    """Fill placeholders with `region`'s services from now on (None: generic wording)."""
    global _active
    _active = (resources, region) if resources is not None else None


def region() -> str | None:
    return _active[1] if _active else None


def fill(text: str, lang: str = "en") -> str:
    """`text` with each `{role}` or `{role.field}` replaced for the region in use."""
    if "{" not in text:
        return text
    if lang == "fr":  # « à » + « le CEOP » reads « au CEOP »
        text = _FR_CONTRACT.sub(lambda m: _contract(m, lang), text)
    return PLACEHOLDER.sub(lambda m: _value(m.group(1), m.group(2) or "name", lang) or m.group(0), text)


_FR_CONTRACT = re.compile(r"\b(à|À|de|De) (\{([a-z][a-z-]*)(?:\.([a-z]+))?\})")
_CONTRACTIONS = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def _contract(m: re.Match[str], lang: str) -> str:
    value = _value(m.group(3), m.group(4) or "name", lang)
    if value is None:
        return m.group(0)
    article, _, rest = value.partition(" ")
    merged = _CONTRACTIONS.get((m.group(1).lower(), article))
    if merged is None or not rest:
        return f"{m.group(1)} {value}"
    return (merged.capitalize() if m.group(1)[0].isupper() else merged) + " " + rest


def _value(role: str, what: str, lang: str) -> str | None:
    if role not in ROLES or what not in FIELDS:
        return None  # not a placeholder (the validator reports unknown roles in stories)
    found = None
    if _active is not None:
        resources, reg = _active
        # any region and role string may be looked up: one the file lacks finds nothing
        roles = cast("Mapping[str, Mapping[str, str]]", resources.roles)
        rid = roles.get(reg, {}).get(role)
        found = resources.resources.get(rid) if rid else None
    if found is None:
        en, fr = GENERIC[role]
        return fr if lang == "fr" else en
    value = found.short if what == "name" and found.short is not None else getattr(found, what)
    if value is None:
        value = found.name
    return value if isinstance(value, str) else value.get(lang)


def placeholders(text: str) -> list[tuple[str, str]]:
    """(role, field) of every placeholder-looking `{...}` in `text`, known or not."""
    return [(m.group(1), m.group(2) or "name") for m in PLACEHOLDER.finditer(text)]
