"""The base every node of the scenario format shares, and its scalar types: ids, variable values
and minutes of play.

Kept apart from the nodes so the text, condition and beat modules can all build on one strict
base without importing each other.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class _Strict(BaseModel):
    """Base for every node of the format: unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


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


class Minutes(int):
    """A story's play time in minutes, the same in every language (`minutes: 12`) or by language
    (`minutes: {en: 12, fr: 14}`: French takes a little longer to read). It *is* the English
    number, so code that adds or compares minutes keeps working; `get(lang)` gives a language's."""

    fr: int | None

    def __new__(cls, en: int, fr: int | None = None) -> Minutes:
        self = super().__new__(cls, en)
        self.fr = fr
        return self

    def get(self, lang: str = "en") -> int:
        """The minutes for `lang` (the English number when that language has none of its own)."""
        return self.fr if lang == "fr" and self.fr is not None else int(self)

    def dump(self) -> int | dict[str, int]:
        """As written: a number, or the numbers by language."""
        return int(self) if self.fr is None else {"en": int(self), "fr": self.fr}


def _minutes(value: Any, handler: ValidatorFunctionWrapHandler) -> Minutes:
    """A number, or `{en: N, fr: N}`: each number checked as a whole number of minutes."""
    if isinstance(value, dict):
        unknown = sorted(str(k) for k in value if k not in ("en", "fr"))
        if unknown or "en" not in value:
            problem = f"'{unknown[0]}' is not a language here" if unknown else "'en' is missing"
            raise PydanticCustomError("rf_minutes", "{problem}: write minutes by language as {example}",
                                      {"problem": problem, "example": "{en: 12, fr: 14}"})
        fr = value.get("fr")
        return Minutes(handler(value["en"]), None if fr is None else handler(fr))
    return Minutes(handler(value))


_MINUTE = {"type": "integer", "minimum": 1, "maximum": 60}
MinutesValue = Annotated[
    int,
    Field(ge=1, le=60),
    WrapValidator(_minutes),
    PlainSerializer(lambda m: m.dump() if isinstance(m, Minutes) else m),
    WithJsonSchema({"anyOf": [
        {**_MINUTE, "description": "Minutes of play, in every language."},
        {"type": "object", "properties": {"en": {**_MINUTE, "description": "English"},
                                          "fr": {**_MINUTE, "description": "Canadian French"}},
         "required": ["en"], "additionalProperties": False,
         "description": "Minutes of play by language (reading French takes a little longer)."},
    ], "examples": [10, {"en": 10, "fr": 12}]}),
]
