"""The scenario as typed data: what a scenario YAML file means, defined once.

The loader validates plain YAML data against these pydantic models; the JSON Schema for editors
(`python -m game schema`) is generated from them, so the format, the validator and the schema
cannot drift apart. Descriptions here are what writers see in their editor.

The whole scenario and its debrief live here; its parts live beside it, one concept each:
basetypes.py (the strict base, ids, variable values), localtext.py (text in two languages and
French typography), conditions.py (`if:` tests), cast.py (the app and the characters) and
beats.py (messages, choices, routes and endings). Every name stays importable from here.
"""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from .basetypes import ID_RE, Ident, VarValue, _Strict, typed_scalar
from .beats import (
    Attachment,
    AttachmentKind,
    Beat,
    Choice,
    Discussion,
    Ending,
    Flag,
    Message,
    Next,
    Outcome,
    Route,
    Safety,
)
from .cast import IMAGE_SUFFIXES, Character, Platform, PlatformKind
from .conditions import Cond, Condition
from .localtext import NNBSP, LocalText, Text, french_typography
from .options import LANGS

__all__ = [
    "FORMAT_VERSION", "LANGS", "PLAYER", "SYSTEM", "RESERVED_SENDERS", "ID_RE", "IMAGE_SUFFIXES", "NNBSP",
    "Safety", "Outcome", "PlatformKind", "AttachmentKind", "BaseModel", "_Strict", "LocalText", "Text",
    "Ident", "VarValue", "Condition", "Cond", "Platform", "Character", "Flag", "Attachment", "Message",
    "Choice", "Route", "Next", "Ending", "Discussion", "Beat", "Debrief", "Scenario", "french_typography",
    "typed_scalar",
]

FORMAT_VERSION = 1
PLAYER = "you"
SYSTEM = "system"
RESERVED_SENDERS = (PLAYER, SYSTEM)


class Debrief(_Strict):
    summary: Text = Field(description="What happened and which tactics were used.")
    questions: tuple[Text, ...] = Field(min_length=1, description="Discussion questions for groups.")
    teacher_notes: Text | None = Field(default=None, description="For the teacher: background, "
                                       "what to stress, how to handle a disclosure.")
    real_life: tuple[Text, ...] = Field(default=(), description="What to do if this happens for "
                                        "real (shown with the help resources).")
    resources: tuple[Ident, ...] = Field(default=(), description="Resource ids from "
                                         "scenarios/resources.yaml.")


_FINGERPRINTS: dict[int, tuple[Any, str]] = {}  # id(scenario) -> (scenario, fingerprint)


class Scenario(_Strict):
    """A whole chat-simulation scenario."""

    format: int = Field(description="Format version: 1.", examples=[1])
    id: Ident = Field(description="Unique id; also the file name without .yaml.")
    title: Text = Field(description="Shown on the scenario card and the chat.")
    summary: Text = Field(description="One line for the scenario picker.")
    grades: tuple[Annotated[int, Field(ge=1, le=12)], ...] = Field(
        min_length=1, examples=[[7, 8]], description="School grades it is written for.")
    topics: tuple[Literal["grooming", "sextortion", "bystander", "judgement", "peer-pressure"], ...] = (
        Field(min_length=1, description="The first topic is the main one."))
    minutes: int = Field(ge=1, le=60, description="Estimated minutes of play.")
    draft: bool = Field(default=False, description="true while the story is being written: its "
                        "writer can play it, but it is never offered to a class.")
    content_note: Text = Field(description="Shown before play starts.")
    goals: tuple[Text, ...] = Field(min_length=1, description="Learning goals.")
    platform: Platform
    characters: dict[Ident, Character] = Field(min_length=1, description="Everyone who writes "
                                               "in the chat, by id ('you' and 'system' need none).")
    variables: dict[str, VarValue] = Field(default_factory=dict,
                                           description="Story variables and their start values.")
    start: Ident | None = Field(default=None, description="First beat (default: the first listed).")
    beats: dict[Ident, Beat] = Field(min_length=1, description="The story, beat by beat.")
    debrief: Debrief

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise PydanticCustomError(
                "rf_format", "format {value} is not supported: this version of Red Flags reads "
                "format {known}", {"value": value, "known": FORMAT_VERSION})
        return value

    @property
    def start_beat(self) -> str:
        return self.start or next(iter(self.beats))

    @property
    def fingerprint(self) -> str:
        """A short hash of the story's content: results and saves carry it, so a playthrough
        recorded on another version of the story is recognised instead of misread."""
        cached = _FINGERPRINTS.get(id(self))
        if cached is None or cached[0] is not self:
            text = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
            cached = (self, hashlib.sha256(text.encode("utf-8")).hexdigest()[:16])
            if len(_FINGERPRINTS) >= 256:  # hot reloads make new versions: keep the cache small
                _FINGERPRINTS.clear()
            _FINGERPRINTS[id(self)] = cached
        return cached[1]

    def texts(self) -> list[tuple[tuple[Any, ...], LocalText]]:
        """Every student-visible text with its path, for language and content checks."""
        out: list[tuple[tuple[Any, ...], LocalText]] = []
        _collect_texts(self, (), out)
        return out


def _collect_texts(node: Any, path: tuple[Any, ...], out: list[tuple[tuple[Any, ...], LocalText]]) -> None:
    if isinstance(node, LocalText):
        out.append((path, node))
    elif isinstance(node, BaseModel):
        for name, key in _text_fields(type(node)):
            value = getattr(node, name)
            if value is not None:
                _collect_texts(value, path + (key,), out)
    elif isinstance(node, dict):
        for key, value in node.items():
            _collect_texts(value, path + (key,), out)
    elif isinstance(node, tuple):
        for i, value in enumerate(node):
            _collect_texts(value, path + (i,), out)


@functools.cache
def _text_fields(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, YAML key) of the fields of `cls` that can hold text, directly or nested."""
    return tuple((name, f.alias or name) for name, f in cls.model_fields.items()
                 if _may_hold_text(f.annotation))


def _may_hold_text(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation is not Condition and (annotation is LocalText or bool(_text_fields(annotation)))
    return any(_may_hold_text(a) for a in getattr(annotation, "__args__", ()) or ())
