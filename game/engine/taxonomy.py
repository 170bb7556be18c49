"""Red-flag categories and help resources, loaded from scenarios/taxonomy.yaml and resources.yaml.

They live beside the scenarios (not in code) so curriculum writers can add a category or a
helpline in their own language without a programmer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, cast

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from . import options
from .diagnostics import Diagnostic
from .loader import load_file
from .model import Ident, Text, _Strict

Region = Literal["CA", "US", "UK"]  # options.Region's values, as a type (tests/engine/test_options.py)
REGIONS = cast("tuple[Region, ...]", options.REGIONS)  # the same values (tests/engine/test_options.py)


class Category(_Strict):
    """One kind of red flag."""

    name: Text
    student: Text = Field(description="One line that explains it to a 12-year-old.")
    kind: Literal["grooming", "sextortion", "both", "peer"] = Field(
        description="Which harm it belongs to; peer: harm between young people (sharing, laughing along).")
    model: Text = Field(description="Where it sits in the published models (stage or tactic).")
    advice: Text = Field(description="What to do when you see it.")
    source: str = Field(min_length=1, description="Published source(s), short citation.")
    icon: str = Field(default="", description="A short symbol shown beside the name.")


class Taxonomy(_Strict):
    format: int
    categories: dict[Ident, Category] = Field(min_length=1)


def category_name(taxonomy: Taxonomy | None, category: str | None, lang: str) -> str:
    """A tactic's name as players read it, in `lang` (the one definition every screen, report
    and command uses). An id the taxonomy doesn't have reads as words: "fake-identity" ->
    "Fake identity"."""
    if category is None:
        return ""
    cat = taxonomy.categories.get(category) if taxonomy is not None else None
    return cat.name.get(lang) if cat is not None else category.replace("-", " ").capitalize()


class Resource(_Strict):
    """A helpline, reporting service or removal service."""

    name: Text
    short: Text | None = Field(default=None, description="How a story's {role} names it inside a "
                               "sentence, with its article if it needs one: 'the NCMEC "
                               "CyberTipline', 'la police' (default: the name).")
    regions: tuple[Region, ...] = Field(min_length=1)
    what: Text = Field(description="What it is for, in one line.")
    phone: str | None = None
    text: Text | None = Field(default=None, description="How to reach it by text message.")
    web: Text | None = Field(default=None, description="Web address (the French site may differ).")
    always: bool = Field(default=False, description="Shown on every Get help screen in its regions.")


Role = Literal["tipline", "image-removal", "helpline", "crisis-line", "police"]  # services.ROLES


class Resources(_Strict):
    format: int
    resources: dict[Ident, Resource] = Field(min_length=1)
    roles: dict[Region, dict[Role, Ident]] = Field(
        default_factory=dict, description="Which resource a story's {role} names, in each region: "
        "stories write {tipline}, never a service's name, so every region reads its own.")

    @model_validator(mode="after")
    def _roles_exist(self) -> Resources:
        for region, roles in self.roles.items():
            for role, rid in roles.items():
                found = self.resources.get(rid)
                if found is None:
                    raise PydanticCustomError("rf_role", "roles.{region}.{role}: no resource '{rid}'",
                                              {"region": region, "role": role, "rid": rid})
                if region not in found.regions:
                    raise PydanticCustomError("rf_role", "roles.{region}.{role}: '{rid}' does not serve "
                                              "{region}", {"region": region, "role": role, "rid": rid})
        return self

    def for_region(self, region: str, ids: tuple[str, ...] = ()) -> list[tuple[str, Resource]]:
        """The resources to show in `region`: the always-shown ones plus `ids`, in file order."""
        return [(rid, r) for rid, r in self.resources.items()
                if region in r.regions and (r.always or rid in ids)]


def load_taxonomy(path: str | Path) -> tuple[Taxonomy | None, list[Diagnostic]]:
    taxonomy, _, diags = load_file(Taxonomy, path)
    return taxonomy, diags


def load_resources(path: str | Path) -> tuple[Resources | None, list[Diagnostic]]:
    resources, _, diags = load_file(Resources, path)
    return resources, diags
