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
from .salvage import Patch, clean_loc, salvage
from .yamlhints import CURLY, CURLY_HINT
from .yamlparse import MAX_DEPTH, parse_yaml
from .yamlsource import MAX_BYTES, Loaded, SourceMap, read_source

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Loaded", "Patch", "SourceMap", "build_model", "load_file", "parse_yaml",
           "read_source", "validate_model"]

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
    """Validate loaded data against `model`; every pydantic error becomes a located diagnostic.
    None unless the whole file is valid."""
    built, patch = build_model(model, loaded)
    return built if patch is None else None


def build_model(model: type[M], loaded: Loaded) -> tuple[M | None, Patch | None]:
    """Like `validate_model`, but when the data has mistakes, still build what can be built
    (salvage.py): the partial model and how it was patched, so the story checks can report
    every other problem in the same pass. The patch is None when the model is complete."""
    if loaded.data is None:
        return None, None
    if not isinstance(loaded.data, dict):
        loaded.diagnostics.append(make(loaded.name, loaded.source.position(()), "RF007",
                                       "the file must be a mapping of keys (like 'id: ...'), "
                                       "not a list or a single value",
                                       "start from a template: python -m game new NAME"))
        return None, None
    try:
        return model.model_validate(loaded.data), None
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    partial, patch, more = salvage(model, loaded.data, errors)
    loaded.source.renamed.update(patch.renamed)
    inner = {tuple(e["loc"][:i]) for e in errors for i in range(len(e["loc"]))}
    # pydantic calls a list "too short" when one of its items failed: report only the item;
    # a key a typo'd one was read as is not also missing (one mistake, one error)
    errors = [e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in inner)
              and not (e["type"] == "missing" and clean_loc(e["loc"]) in patch.absorbed)]
    seen = set()
    for err in errors + more:
        diag = _explain(err, model, loaded)
        # union members repeat one mistake at one place; but every missing key is its own
        key = (diag.line, diag.col, diag.code, diag.message if diag.code == "RF011" else "")
        if key not in seen:
            seen.add(key)
            loaded.diagnostics.append(diag)
    return cast("M | None", partial), patch


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
    loc = clean_loc(err["loc"])  # without pydantic's own steps, so paths match the YAML
    kind, value, name = err["type"], err.get("input"), loaded.name
    where = _where(loc)
    pos = loaded.source.position(loc)
    if loc[-1:] == ("[key]",):  # the key of an entry (a beat's id) is what is wrong
        loc = loc[:-1]
        where, pos = _where(loc[:-1]), loaded.source.position(loc, key=True)
    if kind == "extra_forbidden":
        key, allowed = loc[-1], _allowed_keys(model, loc)
        close = difflib.get_close_matches(str(key), allowed, n=1)
        if any(c in str(key) for c in CURLY):
            hint = ("this is text split at a comma inside { }: " + CURLY_HINT
                    + ", e.g. {en: \"Hi, you\", fr: \"Salut, toi\"}")
        elif " " in str(key).strip() or str(key).endswith((".", "!", "?")):
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
    if kind in ("model_type", "model_attributes_type", "dict_type") and isinstance(value, list):
        under = f"under '{loc[-1]}:'" if loc and isinstance(loc[-1], str) else "here"
        return make(name, pos, "RF013", f"this should be a mapping (key: value lines), not a list "
                    f"(- items){where}", f"remove the '- ' before the lines {under}: each line is "
                    "'key: value', indented under it")
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
        hint = "ids look like: greeting, beat_2, ask-photo"
        if loc[-1:] == ("from",) and isinstance(value, str):  # a display name instead of the id
            hint = _sender_hint(value, loaded.data.get("characters")) or hint
        return make(name, pos, "RF016", err["msg"] + where, hint)
    if kind == "rf_condition":
        return make(name, pos, "RF017", err["msg"] + where,
                    "examples: 'told_school', 'not told_school', {all: [a, b]}")
    if kind == "rf_format":
        return make(name, pos, "RF008", err["msg"], "write 'format: 1' at the top")
    return make(name, pos, "RF013", f"{err['msg']}{where}")


def named(written: str, names: dict[str, list[str]]) -> str | None:
    """The id whose name (any language) is `written`, ignoring case, spaces and '_': in `from:`
    a writer often types the name the chat shows ("Kai Storm") instead of the id ("kai")."""
    def norm(text: str) -> str:
        return "".join(c for c in text.casefold() if c.isalnum())
    want = norm(written)
    return next((cid for cid, ns in names.items() if want and any(norm(n) == want for n in ns)), None)


def _sender_hint(written: str, characters: Any) -> str:
    if not isinstance(characters, dict):
        return ""
    names = {str(cid): _names_of(c) for cid, c in characters.items()}
    cid = named(written, names)
    if cid is not None:
        return f"use the character's id: from: {cid} ('{written}' is the name the chat shows)"
    close = difflib.get_close_matches(written.lower().replace(" ", "_"), list(names), n=1)
    return f"did you mean '{close[0]}'? 'from:' takes a character's id" if close else ""


def _names_of(character: Any) -> list[str]:
    """A character's names as written (plain data): 'Kai Storm', or each of {en: Mom, fr: Maman}."""
    name = character.get("name") if isinstance(character, dict) else None
    return [n for n in (name.values() if isinstance(name, dict) else [name]) if isinstance(n, str)]


def _where(loc: tuple[Any, ...]) -> str:
    return f" in {'.'.join(str(s) for s in loc)}" if loc else ""
