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

from .basetypes import ID_RE, Ident, Minutes, MinutesValue, VarValue, _Strict, typed_scalar
from .beats import (
    ActionKind,
    Attachment,
    AttachmentKind,
    Beat,
    Choice,
    Discussion,
    Ending,
    EndingVariant,
    Flag,
    Message,
    Next,
    Outcome,
    ReportReason,
    Route,
    Safety,
)
from .cast import IMAGE_SUFFIXES, Character, Platform, PlatformKind, Thread
from .conditions import Cond, Condition
from .localtext import NNBSP, LocalText, Text, TimeLabel, french_typography
from .options import LANGS

__all__ = [
    "FORMAT_VERSION", "LANGS", "PLAYER", "SYSTEM", "RESERVED_SENDERS", "ID_RE", "IMAGE_SUFFIXES", "NNBSP",
    "Safety", "Outcome", "PlatformKind", "AttachmentKind", "BaseModel", "_Strict", "LocalText", "Text",
    "Ident", "VarValue", "Condition", "Cond", "Platform", "Character", "Flag", "Attachment", "Message",
    "Choice", "Route", "Next", "Ending", "EndingVariant", "Discussion", "Beat", "Debrief", "Scenario",
    "french_typography", "typed_scalar", "Minutes", "TimeLabel", "Thread", "ActionKind", "ReportReason",
    "FORMATS", "MAIN_THREAD",
]

FORMAT_VERSION = 1  # the format a new story is written in; FORMATS: every format this version reads
FORMATS = (1, 2)  # 2: threads (several conversations) and actions with a kind
MAIN_THREAD = "chat"  # the one conversation of a story that declares no threads
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

    format: int = Field(description="Format version: 1, or 2 for threads and named actions.",
                        examples=[1, 2])
    id: Ident = Field(description="Unique id; also the file name without .yaml.")
    title: Text = Field(description="Shown on the scenario card and the chat.")
    summary: Text = Field(description="One line for the scenario picker.")
    grades: tuple[Annotated[int, Field(ge=1, le=12)], ...] = Field(
        min_length=1, examples=[[7, 8]], description="School grades it is written for.")
    topics: tuple[Literal["grooming", "sextortion", "bystander", "judgement", "peer-pressure"], ...] = (
        Field(min_length=1, description="The first topic is the main one."))
    minutes: MinutesValue = Field(description="Estimated minutes of play (1-60): a number, or "
                                  "{en: 12, fr: 14} when French takes longer to read.")
    draft: bool = Field(default=False, description="true while the story is being written: its "
                        "writer can play it, but it is never offered to a class.")
    content_note: Text = Field(description="Shown before play starts.")
    goals: tuple[Text, ...] = Field(min_length=1, description="Learning goals.")
    platform: Platform
    characters: dict[Ident, Character] = Field(min_length=1, description="Everyone who writes "
                                               "in the chat, by id ('you' and 'system' need none).")
    threads: dict[Ident, Thread] = Field(default_factory=dict, description="Format 2: the "
                                         "conversations on the phone, by id; messages go to the "
                                         "first one unless they say `thread:`.")
    variables: dict[str, VarValue] = Field(default_factory=dict,
                                           description="Story variables and their start values.")
    start: Ident | None = Field(default=None, description="First beat (default: the first listed).")
    beats: dict[Ident, Beat] = Field(min_length=1, description="The story, beat by beat.")
    debrief: Debrief

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value not in FORMATS:
            raise PydanticCustomError(
                "rf_format", "format {value} is not supported: this version of Red Flags reads "
                "format {known}", {"value": value, "known": " or ".join(map(str, FORMATS))})
        return value

    def minutes_for(self, lang: str = "en") -> int:
        """Estimated minutes of play in `lang`: its own number under `minutes:`, else the one number."""
        return self.minutes.get(lang) if isinstance(self.minutes, Minutes) else self.minutes

    @property
    def first_thread(self) -> str:
        """The thread a message without `thread:` is in (MAIN_THREAD when none is declared)."""
        return next(iter(self.threads), MAIN_THREAD)

    def thread_of(self, message: Message) -> str:
        return message.thread or self.first_thread

    def app_of(self, thread: str) -> str:
        """The fictional app a thread is on: its own `app:`, else the story's."""
        th = self.threads.get(thread)
        return th.app if th is not None and th.app else self.platform.name

    @property
    def start_threads(self) -> tuple[str, ...]:
        """The threads on the phone when the story starts."""
        if not self.threads:
            return (MAIN_THREAD,)
        return tuple(t for t, th in self.threads.items() if th.opens == "start")

    @property
    def start_beat(self) -> str:
        return self.start or next(iter(self.beats))

    @property
    def fingerprint(self) -> str:
        """A short hash of the story's content: results and saves carry it, so a playthrough
        recorded on another version of the story is recognised instead of misread."""
        cached = _FINGERPRINTS.get(id(self))
        if cached is None or cached[0] is not self:
            data = _unchanged_by_later_keys(self, self.model_dump(mode="json"))
            text = json.dumps(data, sort_keys=True, ensure_ascii=False)
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


# Keys the format gained after stories began to carry fingerprints: left out of the fingerprint
# while they hold their default, so a story that doesn't use them keeps the fingerprint its
# saved playthroughs and class results were recorded with.
_LATER_KEYS: dict[type[BaseModel], tuple[str, ...]] = {
    Choice: ("add", "action", "reason", "to"), Ending: ("variants",), Condition: ("at_least", "at_most"),
    Scenario: ("threads",), Message: ("thread", "reaction"), Beat: ("open",), Thread: ("app",)}


def _unchanged_by_later_keys(node: Any, data: Any) -> Any:
    """`data` (`node` dumped as JSON) without the later keys `node` leaves at their default."""
    if isinstance(node, BaseModel):
        later, fields = _LATER_KEYS.get(type(node), ()), type(node).model_fields
        return {k: _unchanged_by_later_keys(getattr(node, k), v) for k, v in data.items()
                if k not in later or getattr(node, k) != fields[k].get_default(call_default_factory=True)}
    if isinstance(node, dict):  # its items, not lookups: a dict that watches lookups sees none
        return {k: _unchanged_by_later_keys(v, data[k]) for k, v in node.items()}
    if isinstance(node, tuple):
        return [_unchanged_by_later_keys(n, d) for n, d in zip(node, data, strict=True)]
    return data


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
