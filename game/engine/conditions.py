"""Conditions on story variables: data only, no code and no eval.

A writer's `if:` is parsed here into a small tree that the runtime evaluates and the validator
reads (which variables a story tests); nothing else can run from a scenario file.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .basetypes import _Strict, typed_scalar

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
