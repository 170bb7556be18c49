"""Red-flag categories and help resources, loaded from scenarios/taxonomy.yaml and resources.yaml.

They live beside the scenarios (not in code) so curriculum writers can add a category or a
helpline in their own language without a programmer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from .diagnostics import Diagnostic
from .loader import load_file
from .model import Ident, Text, _Strict

Region = Literal["CA", "US", "UK"]
REGIONS: tuple[Region, ...] = ("CA", "US", "UK")


class Category(_Strict):
    """One kind of red flag."""

    name: Text
    student: Text = Field(description="One line that explains it to a 12-year-old.")
    kind: Literal["grooming", "sextortion", "both"]
    model: Text = Field(description="Where it sits in the published models (stage or tactic).")
    advice: Text = Field(description="What to do when you see it.")
    source: str = Field(min_length=1, description="Published source(s), short citation.")
    icon: str = Field(default="", description="A short symbol shown beside the name.")


class Taxonomy(_Strict):
    format: int
    categories: dict[Ident, Category] = Field(min_length=1)


class Resource(_Strict):
    """A helpline, reporting service or removal service."""

    name: Text
    regions: tuple[Region, ...] = Field(min_length=1)
    what: Text = Field(description="What it is for, in one line.")
    phone: str | None = None
    text: Text | None = Field(default=None, description="How to reach it by text message.")
    web: Text | None = Field(default=None, description="Web address (the French site may differ).")
    always: bool = Field(default=False, description="Shown on every Get help screen in its regions.")


class Resources(_Strict):
    format: int
    resources: dict[Ident, Resource] = Field(min_length=1)

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
