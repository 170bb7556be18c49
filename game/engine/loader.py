"""Bytes -> model: safe YAML with guards, a source map from data paths to file positions, and
pydantic's errors turned into located diagnostics a writer can act on.

Reading and parsing live beside this module (yamlsource.py: the file and its source map;
yamlparse.py: YAML to plain data, every risky feature a located error); here plain data is
validated against a model. Every name stays importable from here.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .diagnostics import Diagnostic, make
from .yamlparse import MAX_DEPTH, parse_yaml
from .yamlsource import MAX_BYTES, Loaded, SourceMap, read_source

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Loaded", "SourceMap", "load_file", "parse_yaml", "read_source",
           "validate_model"]

M = TypeVar("M", bound=BaseModel)


def load_file(model: type[M], path: str | Path) -> tuple[M | None, SourceMap, list[Diagnostic]]:
    """Read one YAML file into `model` (no story checks): the model or None, where each part of
    it came from, and every problem found."""
    raw, problem = read_source(path)
    if problem:
        return None, SourceMap(None), [problem]
    loaded = parse_yaml(cast(bytes, raw), str(path))  # read_source gives bytes when no problem
    return validate_model(model, loaded), loaded.source, loaded.diagnostics


def validate_model(model: type[M], loaded: Loaded) -> M | None:
    """Validate loaded data against `model`; every pydantic error becomes a located diagnostic."""
    if loaded.data is None:
        return None
    if not isinstance(loaded.data, dict):
        loaded.diagnostics.append(make(loaded.name, loaded.source.position(()), "RF007",
                                       "the file must be a mapping of keys (like 'id: ...'), "
                                       "not a list or a single value",
                                       "start from a template: python -m game new NAME"))
        return None
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        inner = {tuple(e["loc"][:i]) for e in errors for i in range(len(e["loc"]))}
        # pydantic calls a list "too short" when one of its items failed: report only the item
        errors = [e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in inner)]
        seen = set()
        for err in errors:
            diag = _explain(err, model, loaded)
            # union members repeat one mistake at one place; but every missing key is its own
            key = (diag.line, diag.col, diag.code, diag.message if diag.code == "RF011" else "")
            if key not in seen:
                seen.add(key)
                loaded.diagnostics.append(diag)
        return None


_KIND: dict[type, str] = {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}


def _found(value: Any) -> str:
    for t, word in _KIND.items():
        if isinstance(value, t):
            return word
    return "something else"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed in the mapping that holds `loc[-1]`, found by walking the model."""
    cls: Any = model
    for step in loc[:-1]:  # steps that are not field names are list indexes or dict keys
        fields = getattr(cls, "model_fields", {})
        f = next((f for n, f in fields.items() if (f.alias or n) == step), None)
        if f is not None:
            cls = _model_in(f.annotation)
    fields = getattr(cls, "model_fields", {})
    return [f.alias or n for n, f in fields.items()]


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside an annotation like `tuple[Beat, ...]` or `dict[str, Beat]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _explain(err: ErrorDetails, model: type[BaseModel], loaded: Loaded) -> Diagnostic:
    # drop pydantic's own steps (validator and union-member names) so paths match the YAML
    loc = tuple(s for s in err["loc"] if not (isinstance(s, str) and (
        s.startswith("function-") or s in ("bool", "int", "str"))))
    kind, value, name = err["type"], err.get("input"), loaded.name
    where = _where(loc)
    pos = loaded.source.position(loc)
    if kind == "extra_forbidden":
        key, allowed = loc[-1], _allowed_keys(model, loc)
        close = difflib.get_close_matches(str(key), allowed, n=1)
        if " " in str(key).strip() or str(key).endswith((".", "!", "?")):
            hint = ("this looks like text split by a comma inside { }: put the text in quotes, "
                    "e.g. {en: \"Hi, you\", fr: \"Salut, toi\"}")
        elif close:
            hint = f"did you mean '{close[0]}'?"
        else:
            hint = "allowed here: " + ", ".join(allowed) if allowed else ""
        return make(name, loaded.source.position(loc, key=True), "RF010",
                    f"unknown key '{key}'{_where(loc[:-1])}", hint)
    if kind == "missing":
        return make(name, pos, "RF011", f"missing '{loc[-1]}'{_where(loc[:-1])}",
                    f"add a line '{loc[-1]}: ...' here")
    if kind in ("string_type",):
        hint = ("if you meant the word, put it in quotes" if value is None else
                "text containing ': ' or starting with '-', '[' or '{' must be in quotes")
        return make(name, pos, "RF013", f"expected text{where}, found {_found(value)}", hint)
    if kind in ("rf_empty", "string_too_short"):
        return make(name, pos, "RF013", f"this text is empty{where}",
                    "write the text; if you meant the word 'null' or '~', put it in quotes")
    if kind in ("rf_text",):
        return make(name, pos, "RF013", f"expected text{where}, found {_found(value)}",
                    "text starting with '[', '{' or '-' must be in quotes; for two languages "
                    "write 'en:' and 'fr:' lines under it")
    if kind in ("int_parsing", "int_type", "float_parsing", "float_type", "int_from_float"):
        what = "a whole number" if kind.startswith("int") else "a number"
        return make(name, pos, "RF015", f"expected {what}{where}, found '{value}'",
                    "write just the number, e.g. 10" if what == "a whole number" else "write a number like 2.5")
    if kind == "literal_error":
        options = [o.strip("'\" ") for o in err["ctx"]["expected"].replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), options, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(options)
        return make(name, pos, "RF014", f"'{value}' is not allowed{where}; expected one of "
                    + ", ".join(options), hint)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return make(name, pos, "RF013", f"expected a mapping (indented 'key: value' lines){where}, "
                    f"found {_found(value)}", "indent the lines that belong here under it")
    if kind in ("tuple_type", "list_type"):
        return make(name, pos, "RF013", f"expected a list (lines starting with '- '){where}, "
                    f"found {_found(value)}", "put each item on its own line starting with '- '")
    if kind in ("too_short",):
        return make(name, pos, "RF011", f"this needs at least one item{where}", "add an item")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return make(name, pos, "RF014", f"{value} is out of range{where}: {err['msg'].lower()}")
    if kind == "bool_parsing":
        return make(name, pos, "RF014", f"expected true or false{where}, found '{value}'")
    if kind == "rf_id":
        return make(name, pos, "RF016", err["msg"] + where, "ids look like: greeting, beat_2, ask-photo")
    if kind == "rf_condition":
        return make(name, pos, "RF017", err["msg"] + where,
                    "examples: 'told_school', 'not told_school', {all: [a, b]}")
    if kind == "rf_format":
        return make(name, pos, "RF008", err["msg"], "write 'format: 1' at the top")
    return make(name, pos, "RF013", f"{err['msg']}{where}")


def _where(loc: tuple[Any, ...]) -> str:
    return f" in {'.'.join(str(s) for s in loc)}" if loc else ""
