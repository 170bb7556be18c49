"""The base every node of the scenario format shares, and its scalar types: ids and variable values.

Kept apart from the nodes so the text, condition and beat modules can all build on one strict
base without importing each other.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, WithJsonSchema
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
