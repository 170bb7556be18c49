"""Conditions on story variables: data only, no code and no eval.

A writer's `if:` is parsed here into a small tree that the runtime evaluates and the validator
reads (which variables a story tests); nothing else can run from a scenario file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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
    - `{var: warnings, at_least: 2}` / `{var: warnings, at_most: 1}` (both: a range) — for a
      counter, a variable that choices `add:` to; a counter never added to is 0
    """

    var: str | None = None
    negate: bool = False
    equals: bool | int | str | None = None
    at_least: int | None = None
    at_most: int | None = None
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
            if "var" in keys and keys - {"var"} and keys <= {"var", *_BOUNDS}:
                return {k: _whole(v, k) if k in _BOUNDS else v for k, v in value.items()}
            raise PydanticCustomError(
                "rf_condition",
                "a condition mapping needs exactly 'all', exactly 'any', or 'var' with 'equals', "
                "'at_least' or 'at_most'",
            )
        raise PydanticCustomError("rf_condition", "expected a condition")

    def counters(self) -> set[str]:
        """The variables this condition compares as numbers (`at_least`, `at_most`)."""
        found = {self.var} if self.var and (self.at_least is not None or self.at_most is not None) else set()
        for part in (self.all or ()) + (self.any or ()):
            found |= part.counters()
        return found

    def comparisons(self) -> list[tuple[str, bool | int | str]]:
        """(variable, value) of every `equals` in this condition."""
        found = [(self.var, self.equals)] if self.var and self.equals is not None else []
        for part in (self.all or ()) + (self.any or ()):
            found += part.comparisons()
        return found

    def variables(self) -> set[str]:
        """Every variable this condition reads."""
        found = {self.var} if self.var else set()
        for part in (self.all or ()) + (self.any or ()):
            found |= part.variables()
        return found

    def holds(self, env: Mapping[str, Any]) -> bool:
        """Evaluate against story variables; a variable never set counts as false."""
        if self.all is not None:
            return all(c.holds(env) for c in self.all)
        if self.any is not None:
            return any(c.holds(env) for c in self.any)
        value = env.get(self.var or "")
        if self.at_least is not None or self.at_most is not None:
            n = count_of(value)
            return (self.at_least is None or n >= self.at_least) and (self.at_most is None or n <= self.at_most)
        result = value == self.equals if self.equals is not None else bool(value)
        return result != self.negate


_BOUNDS = ("at_least", "at_most")


def _whole(value: Any, key: str) -> int:
    """A bound of a comparison: a whole number, as YAML wrote it."""
    value = typed_scalar(value)
    if type(value) is not int:
        raise PydanticCustomError("rf_condition", "'{key}' needs a whole number, e.g. {key}: 2", {"key": key})
    return value


def count_of(value: Any) -> int:
    """A counter's value: a whole number, or 0 for a variable never set (or not a number)."""
    return value if type(value) is int else 0


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
        {"type": "object", "description": "A counter compared with numbers: at least, at most, or both.",
         "properties": {"var": {"type": "string"},
                        "at_least": {"type": "integer", "description": "Holds when the counter is this or more."},
                        "at_most": {"type": "integer", "description": "Holds when the counter is this or less."}},
         "required": ["var"], "anyOf": [{"required": ["at_least"]}, {"required": ["at_most"]}],
         "additionalProperties": False,
         "examples": [{"var": "warnings", "at_least": 2}]},
    ],
    "description": "Shown or taken only when this holds. Data only: no code.",
}
Cond = Annotated[Condition, WithJsonSchema(_COND_SCHEMA)]
