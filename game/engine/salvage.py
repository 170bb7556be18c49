"""What can be built from data that failed validation, so one mistake never hides the others.

Pydantic rejects a whole scenario for one typo'd key; the story checks (a wrong beat target, an
unknown category, a missing translation) would then wait until that typo is fixed. Here the
plain data is patched, error by error, until it validates: a typo'd key is renamed to the key it
resembles, a broken value gives way to a stand-in (or to its default), an entry whose key can't
be an id is dropped. The partial model lets the story checks run over everything else, and the
`Patch` says which parts are stand-ins, so a check that would only echo a mistake already
reported (a goto to a beat that was dropped, "no French" on a stand-in) stays quiet. A partial
model is only ever checked, never played.
"""

from __future__ import annotations

import copy
import difflib
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from .yamlhints import CURLY

Loc = tuple[Any, ...]
MAX_ROUNDS = 8
_MISSING = object()  # no value at a path
_DEFAULT = object()  # a stand-in that is "leave the key out": the field has a default
_GRAPH = ("RF022", "RF024", "RF025")  # whole-story checks a changed edge would skew


def clean_loc(loc: Iterable[Any]) -> Loc:
    """A pydantic error location as a data path: without validator and union-member steps."""
    return tuple(s for s in loc if not (isinstance(s, str) and (
        s.startswith("function-") or s in ("bool", "int", "str"))))


@dataclass
class Patch:
    """How the data was changed to build a partial model, and what that means for the checks."""

    data: Any = None  # the patched data the partial model was built from
    renamed: dict[Loc, str] = field(default_factory=dict)  # path of the key meant -> key written
    replaced: set[Loc] = field(default_factory=set)  # paths holding a stand-in (or left out)
    dropped: dict[Loc, set[str]] = field(default_factory=dict)  # mapping path -> keys dropped
    absorbed: set[Loc] = field(default_factory=set)  # "missing" errors a rename answers
    trimmed: set[Loc] = field(default_factory=set)  # mappings an unknown key was taken out of

    def echoes(self, path: Loc, code: str) -> bool:
        """Would a story check reporting `code` at `path` only repeat a mistake already reported?"""
        if path in self.trimmed or any(_overlap(path, p) for p in self.replaced):
            return True  # about a stand-in, or about a mapping that lost an unknown key ('fx:')
        if code in _GRAPH:
            return any(_edge(p) for p in self.replaced)
        if code == "RF026":  # a variable may be set by a choice that is now a stand-in
            return any(p[:1] == ("variables",) or (p[:1] == ("beats",) and (len(p) <= 2 or p[2] == "choices"))
                       for p in self.replaced)
        space = {"RF012": ("beats",), "RF020": ("characters",)}.get(code)
        if space is None:
            return False
        if space in self.replaced:  # every entry is a stand-in
            return True
        # a goto to a beat dropped for its key ('Ask Me:' dropped, 'goto: ask') repeats that error
        lost = [k.lower() for k in self.dropped.get(space, ())]
        return bool(lost) and any(difflib.get_close_matches(s.lower(), lost, n=1)
                                  for s in _strings(_get(self.data, path)))


def _overlap(a: Loc, b: Loc) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _edge(p: Loc) -> bool:
    """Does a stand-in at `p` change which beats lead where?"""
    if p[:1] == ("start",) or (p[:1] == ("beats",) and len(p) <= 2):
        return True
    return p[:1] == ("beats",) and (p[2] in ("next", "ending") or (
        p[2] == "choices" and (len(p) <= 4 or p[4] == "goto")))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


class _GiveUp(Exception):
    pass


def salvage(model: type[BaseModel], data: Any, errors: list[ErrorDetails]
            ) -> tuple[BaseModel | None, Patch, list[ErrorDetails]]:
    """Patch `data` (a copy) until `model` accepts it: the partial model (None if nothing could
    be built), the patch, and the errors found on the way that are new mistakes, not echoes of
    a stand-in (e.g. in the value of a key that was renamed)."""
    patch = Patch(copy.deepcopy(data))
    fixer = _Fixer(model, patch)
    found: list[ErrorDetails] = []
    try:
        for round_ in range(MAX_ROUNDS):
            if round_:
                found += [e for e in errors if not any(
                    _overlap(clean_loc(e["loc"]), p) for p in patch.replaced)]
            fixer.apply(errors, first=round_ == 0)
            try:
                return model.model_validate(patch.data), patch, found
            except ValidationError as exc:
                errors = exc.errors(include_url=False)
    except (_GiveUp, RecursionError, TypeError, ValueError, KeyError, IndexError):
        pass
    return None, patch, found


class _Fixer:
    def __init__(self, model: type[BaseModel], patch: Patch):
        self.model, self.patch = model, patch
        self.tries: dict[Loc, int] = {}

    def apply(self, errors: list[ErrorDetails], first: bool) -> None:
        locs: dict[Loc, str] = {}
        for e in errors:  # a union repeats one mistake once per member: repair it once
            locs.setdefault(clean_loc(e["loc"]), e["type"])
        inner = {loc[:i] for loc in locs for i in range(len(loc))}
        # a list is "too short" when one of its items failed: repair the item, not the list
        locs = {loc: kind for loc, kind in locs.items() if not (kind == "too_short" and loc in inner)}
        for loc, kind in locs.items():  # renames first, so a "missing" they answer is not repaired
            if kind == "extra_forbidden" and loc and _get(self.patch.data, loc) is not _MISSING:
                self.unknown_key(loc)
        for loc, kind in locs.items():
            if kind == "missing" and _get(self.patch.data, loc) is not _MISSING:
                if first:  # a typo'd key was read as this one
                    self.patch.absorbed.add(loc)
                continue
            if kind != "extra_forbidden":
                self.repair(loc, kind)

    def unknown_key(self, loc: Loc) -> None:
        parent, key = loc[:-1], str(loc[-1])
        holder = _get(self.patch.data, parent)
        allowed = _keys(_annotation_at(self.model, parent)[0])
        close = difflib.get_close_matches(key, allowed, n=1)
        looks_like_text = " " in key.strip() or key.endswith((".", "!", "?")) or any(c in key for c in CURLY)
        if isinstance(holder, dict) and close and close[0] not in holder and not looks_like_text:
            holder[close[0]] = holder.pop(loc[-1])
            self.patch.renamed[parent + (close[0],)] = key
        elif isinstance(holder, dict):
            del holder[loc[-1]]  # an unknown key holds nothing the model reads: no stand-in
            self.patch.trimmed.add(parent)

    def repair(self, loc: Loc, kind: str) -> None:
        data = self.patch.data
        if "[key]" in loc:  # a mapping entry whose key is not a valid id: drop the entry
            at = loc[:loc.index("[key]")]
            self.drop(at)
            return
        have = 0
        while have < len(loc) and _get(data, loc[:have + 1]) is not _MISSING:
            have += 1
        target = loc if kind == "missing" and have == len(loc) - 1 else loc[:have]
        self.stand_in(target)

    def stand_in(self, target: Loc) -> None:
        tries = self.tries.get(target, 0)
        self.tries[target] = tries + 1
        if tries == 0:
            value = _stand_in_for(self.model, target)
            if value is not _MISSING:
                if not target:
                    raise _GiveUp
                holder = _get(self.patch.data, target[:-1])
                if value is _DEFAULT:
                    if isinstance(holder, dict):
                        holder.pop(target[-1], None)
                else:
                    holder[target[-1]] = value
                self.patch.replaced.add(target)
                return
        if not target:
            raise _GiveUp
        container, _ = _annotation_at(self.model, target[:-1])
        if get_origin(_bare(container)) is dict:
            self.drop(target)
        else:
            self.stand_in(target[:-1])

    def drop(self, at: Loc) -> None:
        holder = _get(self.patch.data, at[:-1])
        if not isinstance(holder, dict) or not at:
            raise _GiveUp
        holder.pop(at[-1], None)
        self.patch.dropped.setdefault(at[:-1], set()).add(str(at[-1]))
        self.patch.replaced.add(at)


def _get(data: Any, path: Loc) -> Any:
    for step in path:
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return _MISSING
    return data


def _bare(ann: Any) -> Any:
    """`ann` without Annotated, and the one non-None member of an Optional."""
    while True:
        if get_origin(ann) is Annotated:
            ann = get_args(ann)[0]
        elif get_origin(ann) in (Union, types.UnionType):
            members = [a for a in get_args(ann) if a is not type(None)]
            if len(members) != 1:
                return ann
            ann = members[0]
        else:
            return ann


def _annotation_at(model: type[BaseModel], path: Loc) -> tuple[Any, FieldInfo | None]:
    """The type expected at a data path, and the field it belongs to (None inside a list or a
    mapping of entries)."""
    ann: Any = model
    info: FieldInfo | None = None
    for step in path:
        ann = _bare(ann)
        origin = get_origin(ann)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            info = next((f for n, f in ann.model_fields.items() if step in (n, f.alias)), None)
            if info is None:
                return None, None
            ann = info.annotation
        elif origin in (tuple, list):
            ann, info = get_args(ann)[0], None
        elif origin is dict:
            ann, info = get_args(ann)[1], None
        else:
            return None, None
    return ann, info


def _keys(ann: Any) -> list[str]:
    ann = _bare(ann)
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return [f.alias or n for n, f in ann.model_fields.items()]
    return []


def _stand_in_for(model: type[BaseModel], path: Loc) -> Any:
    ann, info = _annotation_at(model, path)
    if info is not None and not info.is_required():
        return _DEFAULT
    if ann is None:
        return _MISSING
    try:
        return _make(ann, list(info.metadata) if info else [])
    except (_GiveUp, TypeError, IndexError, RecursionError):
        return _MISSING


def _make(ann: Any, meta: list[Any]) -> Any:
    """A small value of type `ann` that passes its constraints (the stand-in for a broken one)."""
    origin = get_origin(ann)
    if origin is Annotated:
        base, *extra = get_args(ann)
        return _make(base, meta + list(extra))
    meta = [m for item in meta for m in ([item, *item.metadata] if isinstance(item, FieldInfo) else [item])]
    min_len = max((getattr(m, "min_length", 0) or 0 for m in meta), default=0)
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return {f.alias or n: _make(f.annotation, list(f.metadata))
                for n, f in ann.model_fields.items() if f.is_required()}
    if origin is Literal:
        return get_args(ann)[0]
    if origin in (Union, types.UnionType):
        return _make(next(a for a in get_args(ann) if a is not type(None)), meta)
    if origin in (tuple, list):
        return [_make(get_args(ann)[0], []) for _ in range(min_len)]
    if origin is dict:
        return {"x": _make(get_args(ann)[1], [])} if min_len else {}
    if ann is bool:
        return False
    if ann in (int, float):
        low = next((getattr(m, "ge", None) for m in meta if getattr(m, "ge", None) is not None), None)
        return low if low is not None else 1
    if ann is str:
        return "x" * max(1, min_len)
    raise _GiveUp
