"""Student-visible text in two languages, and the French typography applied to it on load.

Every text node of a scenario is a `LocalText`; writers may give a plain string (English only)
or an `en`/`fr` mapping, and the French side gets its no-break spaces here, once. A message's
time label is the one exception: a plain string stays a string (a clock like "7:42 PM" is shown
in each language's own way by the front end), and only a mapping is a `LocalText`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, PlainSerializer, PlainValidator, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .basetypes import _Strict
from .services import fill

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


def _time_label(value: Any) -> str | LocalText:
    if isinstance(value, str):
        return str(value)
    return LocalText.model_validate(value)


TimeLabel = Annotated[
    str | LocalText,
    PlainValidator(_time_label),
    PlainSerializer(lambda label: label if isinstance(label, str) else label.model_dump()),
    WithJsonSchema({
        "anyOf": [
            {"type": "string", "description": "A clock ('7:42 PM' or '19:42': each language shows "
             "it its own way, 19 h 42 in French) or a word shown as written."},
            {"type": "object",
             "properties": {"en": {"type": "string", "minLength": 1, "description": "English"},
                            "fr": {"type": "string", "minLength": 1, "description": "Canadian French"}},
             "required": ["en"], "additionalProperties": False,
             "description": "A label in each language, e.g. {en: yesterday, fr: hier}."},
        ],
        "examples": ["7:42 PM", {"en": "yesterday", "fr": "hier"}],
    }),
]


def label_text(label: str | LocalText | None, lang: str = "en") -> str:
    """A time label in `lang`, as written ("" when there is none)."""
    if label is None:
        return ""
    return label if isinstance(label, str) else label.get(lang)
