"""The scenario as typed data: what a scenario YAML file means, defined once.

The loader validates plain YAML data against these pydantic models; the JSON Schema for editors
(`python -m game schema`) is generated from them, so the format, the validator and the schema
cannot drift apart. Descriptions here are what writers see in their editor.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .services import fill

FORMAT_VERSION = 1
LANGS = ("en", "fr")
PLAYER = "you"
SYSTEM = "system"
RESERVED_SENDERS = (PLAYER, SYSTEM)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

Safety = Literal["safe", "risky", "unsafe"]
Outcome = Literal["safe", "risky", "harmful"]
PlatformKind = Literal["game_chat", "social_dm", "text_messages", "group_chat", "livestream"]
AttachmentKind = Literal["image", "video", "voice", "file", "link", "screenshot", "gift", "call"]


class _Strict(BaseModel):
    """Base for every node of the format: unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


# --- text in two languages -------------------------------------------------------------------


NNBSP = "\u202f"  # narrow no-break space
_FR_BEFORE = re.compile(r"(?<=\S)[ \u00a0\u202f]?([?!;:]+)(?=\s|$|[»”])")
_FR_MARKS = re.compile(r"[?!;:«»]")
_FR_GUILLEMETS = (re.compile(r"«[ \u00a0\u202f]?"), re.compile(r"[ \u00a0\u202f]?»"))


def french_typography(text: str) -> str:
    """Narrow no-break spaces before ? ! : ; and inside « », as French typography wants, so a
    line never breaks before the mark. Leaves times (8:30), links and emoticons (:-) alone."""
    if not _FR_MARKS.search(text):
        return text
    text = _FR_BEFORE.sub(NNBSP + r"\1", text)
    return _FR_GUILLEMETS[1].sub(NNBSP + "»", _FR_GUILLEMETS[0].sub("«" + NNBSP, text))


class LocalText(_Strict):
    """Student-visible text in English and (optionally) French."""

    en: str = Field(min_length=1)
    fr: str | None = Field(default=None, min_length=1)

    @field_validator("fr")
    @classmethod
    def _typography(cls, value: str | None) -> str | None:
        return french_typography(value) if value else value

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"en": value}
        if value is None:
            raise PydanticCustomError("rf_empty", "this text is empty")
        if not isinstance(value, dict):
            raise PydanticCustomError("rf_text", "expected text")
        return value

    def get(self, lang: str = "en") -> str:
        """The text in `lang` (English when no translation was written), with help services
        named for the region in use (see services.py)."""
        return fill(self.fr if lang == "fr" and self.fr else self.en, lang)

    def raw(self, lang: str = "en") -> str:
        """As written, placeholders and all (for checks and translation tools)."""
        return self.fr if lang == "fr" and self.fr else self.en


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1, "description": "English text (plain)."},
        {
            "type": "object",
            "properties": {
                "en": {"type": "string", "minLength": 1, "description": "English"},
                "fr": {"type": "string", "minLength": 1, "description": "Canadian French"},
            },
            "required": ["en"],
            "additionalProperties": False,
        },
    ],
    "examples": ["hey! u up?", {"en": "hey! u up?", "fr": "allo! t'es là?"}],
}
Text = Annotated[LocalText, WithJsonSchema(_TEXT_SCHEMA)]


def _check_id(value: Any) -> Any:
    if isinstance(value, str) and not ID_RE.match(value):
        raise PydanticCustomError(
            "rf_id",
            "'{value}' is not a valid id: use lowercase letters, digits, '-' and '_'",
            {"value": value},
        )
    return value


Ident = Annotated[
    str,
    BeforeValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": ID_RE.pattern, "examples": ["greeting"]}),
]


# --- conditions (data only: no code, no eval) --------------------------------------------------

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_COND_RE = re.compile(rf"^\s*(not\s+)?({_NAME})\s*$")


class Condition(_Strict):
    """A test on story variables. Written in YAML as one of:

    - `told_school` — true when the variable is set to a true value
    - `not told_school`
    - `{all: [cond, ...]}` / `{any: [cond, ...]}`
    - `{var: mood, equals: upset}`
    """

    var: str | None = None
    negate: bool = False
    equals: bool | int | str | None = None
    all: tuple[Condition, ...] | None = None
    any: tuple[Condition, ...] | None = None

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            m = _COND_RE.match(value)
            if not m:
                raise PydanticCustomError(
                    "rf_condition",
                    "'{value}' is not a condition: write a variable name, or 'not' and a name",
                    {"value": value},
                )
            return {"var": m.group(2), "negate": bool(m.group(1))}
        if isinstance(value, dict):
            keys = set(value)
            if keys in ({"all"}, {"any"}):
                return value
            if keys == {"var", "equals"}:
                return {"var": value["var"], "equals": typed_scalar(value["equals"])}
            raise PydanticCustomError(
                "rf_condition",
                "a condition mapping needs exactly 'all', exactly 'any', or 'var' with 'equals'",
            )
        raise PydanticCustomError("rf_condition", "expected a condition")

    def variables(self) -> set[str]:
        """Every variable this condition reads."""
        found = {self.var} if self.var else set()
        for part in (self.all or ()) + (self.any or ()):
            found |= part.variables()
        return found

    def holds(self, env: dict[str, Any]) -> bool:
        """Evaluate against story variables; a variable never set counts as false."""
        if self.all is not None:
            return all(c.holds(env) for c in self.all)
        if self.any is not None:
            return any(c.holds(env) for c in self.any)
        value = env.get(self.var or "")
        result = value == self.equals if self.equals is not None else bool(value)
        return result != self.negate


_COND_SCHEMA = {
    "anyOf": [
        {"type": "string", "description": "A variable name, or 'not NAME'.",
         "examples": ["told_school", "not told_school"]},
        {"type": "object", "properties": {"all": {"type": "array", "items": {"$ref": "#/definitions/Condition"}}},
         "required": ["all"], "additionalProperties": False},
        {"type": "object", "properties": {"any": {"type": "array", "items": {"$ref": "#/definitions/Condition"}}},
         "required": ["any"], "additionalProperties": False},
        {"type": "object", "properties": {"var": {"type": "string"},
                                          "equals": {"type": ["string", "number", "boolean"]}},
         "required": ["var", "equals"], "additionalProperties": False},
    ],
    "description": "Shown or taken only when this holds. Data only: no code.",
}
Cond = Annotated[Condition, WithJsonSchema(_COND_SCHEMA)]


def typed_scalar(value: Any) -> Any:
    """A variable value: YAML's plain `true`, `3`... become bool/int; quoted text stays text."""
    tag = getattr(value, "yaml_tag", None)
    if tag == "bool":
        return value.lower() in ("true", "yes", "on", "y")
    if tag == "int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return str(value)
    return str(value) if isinstance(value, str) else value


VarValue = Annotated[
    bool | int | str,
    BeforeValidator(typed_scalar),
    WithJsonSchema({"type": ["boolean", "integer", "string"]}),
]


# --- the parts of a scenario -------------------------------------------------------------------


class Platform(_Strict):
    """The fictional app the chat imitates. Never use a real app's name."""

    name: str = Field(min_length=1, description="A fictional app name, e.g. 'PixelQuest'.",
                      examples=["PixelQuest"])
    kind: PlatformKind = Field(description="What kind of chat it looks like.")


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")


class Character(_Strict):
    """Someone in the chat (other than the player)."""

    name: Text = Field(description="Display name shown in the chat header and bubbles. A plain name "
                       "stays the same in French; give en/fr for words like Mom/Maman.",
                       examples=["Kai_Storm", {"en": "Mom", "fr": "Maman"}])
    avatar: str = Field(default="", description="An emoji, 1-2 initials, or a PNG/JPEG path "
                        "relative to the scenarios folder (e.g. avatars/kai.png).",
                        examples=["🎮", "JP", "avatars/kai.png"])
    status: Text | None = Field(default=None, description="Header status line, e.g. 'online'.")
    claimed: Text | None = Field(default=None, description="Debrief: who they said they were.")
    really: Text | None = Field(default=None, description="Debrief: who they really were.")
    offender: bool = Field(default=False, description="This character is the one doing harm: "
                           "each of their messages needs a flag, a note or a borderline mark, so "
                           "a student who flags a real warning sign is never told 'false alarm'.")

    @property
    def avatar_is_image(self) -> bool:
        return self.avatar.lower().endswith(IMAGE_SUFFIXES) or "/" in self.avatar or "\\" in self.avatar


class Flag(_Strict):
    """Marks a message as a red flag students should catch."""

    category: Ident = Field(description="A category id from scenarios/taxonomy.yaml.",
                            examples=["flattery"])
    also: tuple[Ident, ...] = Field(default=(), description="Other categories that also count as "
                                    "a correct name in Name it mode.")
    why: Text = Field(description="Why this is a red flag, written for students.")


class Attachment(_Strict):
    """Something sent with a message. Shown only as a placeholder card with its alt text."""

    kind: AttachmentKind = Field(description="What was sent; shown as an icon and a word.")
    alt: Text = Field(description="What the placeholder says; read aloud to screen readers.")


class Message(_Strict):
    """One chat bubble (or a system line)."""

    sender: Ident = Field(alias="from", description="A character id, 'you' for the player, or "
                          "'system' for a grey system line.", examples=["jay", "you", "system"])
    text: Text = Field(description="What the bubble says. Quote it if it contains ': '.")
    time: str | None = Field(default=None, description="Timestamp label, e.g. '8:30 PM'.")
    typing: float | None = Field(default=None, ge=0, le=30,
                                 description="Seconds the typing indicator shows (at normal speed).")
    pause: float | None = Field(default=None, ge=0, le=30,
                                description="Seconds of silence before this message (normal speed).")
    attachment: Attachment | None = None
    flag: Flag | None = None
    note: Text | None = Field(default=None, description="Why this looks suspicious but is fine. "
                              "Flagging it is a false alarm; the debrief shows this note.")
    borderline: Text | None = Field(default=None, description="A judgement call: flagging it is "
                                    "neither scored right nor counted as a false alarm, and the "
                                    "debrief shows this text to explain why.")
    when: Cond | None = Field(default=None, alias="if",
                              description="Show this message only when the condition holds.")

    model_config = ConfigDict(populate_by_name=True)


class Choice(_Strict):
    """A reply the player can pick."""

    text: Text = Field(description="The reply as it will be sent.")
    goto: Ident = Field(description="The beat this choice leads to.")
    safety: Safety = Field(description="How safe this reply is.")
    feedback: Text = Field(description="Why this reply is safe, risky or unsafe.")
    set: dict[str, VarValue] = Field(default_factory=dict,
                                     description="Story variables this choice sets.")
    when: Cond | None = Field(default=None, alias="if",
                              description="Offer this choice only when the condition holds.")
    label: Text | None = Field(default=None, description="Short button text if `text` is long.")

    model_config = ConfigDict(populate_by_name=True)


class Route(_Strict):
    """One branch of an automatic `next`: go to `goto` if the condition holds."""

    goto: Ident = Field(description="The beat to go to.")
    when: Cond | None = Field(default=None, alias="if",
                              description="Take this route only when the condition holds.")

    model_config = ConfigDict(populate_by_name=True)


def _next_routes(value: Any) -> Any:
    if isinstance(value, str):
        return [{"goto": value}]
    return value


Next = Annotated[
    tuple[Route, ...],
    BeforeValidator(_next_routes),
    WithJsonSchema({"anyOf": [
        {"type": "string", "description": "The beat that follows automatically."},
        {"type": "array", "items": {"$ref": "#/definitions/Route"},
         "description": "Routes tried in order; the first whose `if` holds is taken."},
    ]}),
]


class Ending(_Strict):
    """How the story ends on this path."""

    outcome: Outcome = Field(description="safe, risky or harmful. Endings that go wrong still "
                             "end with help, never blame.")
    title: Text = Field(description="A short heading for the ending.")
    text: Text = Field(description="What happened next.")


class Discussion(_Strict):
    """A 'Talk it over' pause before the choices of a beat (classroom sessions)."""

    prompt: Text = Field(description="The question groups talk over before they choose.")
    teacher_note: Text | None = Field(default=None, description="Shown only in teacher view.")


class Beat(_Strict):
    """A stretch of conversation: messages, then choices, an automatic next beat, or an ending."""

    label: Text | None = Field(default=None, description="A separator shown before the beat, "
                               "e.g. 'Later that night'.")
    messages: tuple[Message, ...] = Field(default=(), description="The messages, in order.")
    choices: tuple[Choice, ...] | None = Field(default=None, description="2 to 4 replies.")
    next: Next | None = Field(default=None, description="The beat that follows automatically.")
    ending: Ending | None = Field(default=None, description="Ends the story here.")
    discuss: Discussion | None = None


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

    def texts(self) -> list[tuple[tuple, LocalText]]:
        """Every student-visible text with its path, for language and content checks."""
        out: list[tuple[tuple, LocalText]] = []
        _collect_texts(self, (), out)
        return out


def _collect_texts(node: Any, path: tuple, out: list) -> None:
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
