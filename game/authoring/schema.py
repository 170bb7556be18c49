"""`python -m game schema [--check]`: the JSON Schema editors use, generated from the models.

The schema comes from `game.engine.model.Scenario`, the same pydantic models the loader
validates with, so the editor's red squiggles and the validator cannot disagree. It is written
in JSON Schema draft-07, the newest draft the YAML language server (VS Code's YAML extension)
understands: `definitions` instead of `$defs`, refs `#/definitions/NAME`.

The ids a story names (red-flag categories, help resources) are listed too, from the folder's
taxonomy.yaml and resources.yaml (`with_ids`), so the editor completes them and underlines a typo.

Format 2 (threads and actions) comes from the same models: `threads:`, a message's `thread:`, a
beat's `open:`, a choice's named `action:` with its `reason:` and `to:`. Two things the generator
can't see are put right here (`_as_loaded`): `open:` takes one thread id or a list (the model turns
one into a list before validating), and `format:` is one of the formats this version reads.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from game.engine import model
from game.engine.validate import default_folder
from game.i18n import _

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
REF_PREFIX = "#/definitions/"
# The model's hand-written schemas (WithJsonSchema) point at these; pydantic never emits them
# itself because the types are replaced everywhere they are used.
_HAND_REFS = {"Condition": model.Cond, "Route": model.Route}
_DISGUISE = "https://redflags.invalid/definitions/"  # pydantic tolerates unknown http(s) refs


def schema_path(folder: Path | None = None, name: str = "scenario") -> Path:
    return (folder or default_folder()) / "schema" / f"{name}.schema.json"


class _Draft07(GenerateJsonSchema):
    """pydantic's generator with draft-07 refs, tolerating the model's hand-written refs."""

    def generate_inner(self, schema):
        return _swap_refs(super().generate_inner(schema), REF_PREFIX, _DISGUISE)


def _swap_refs(node: Any, old: str, new: str) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(old) and ref[len(old):] in _HAND_REFS:
            node["$ref"] = new + ref[len(old):]
        for key, value in node.items():
            if key != "$ref":
                _swap_refs(value, old, new)
    elif isinstance(node, list):
        for item in node:
            _swap_refs(item, old, new)
    return node


def _generate(annotation: Any) -> dict:
    kwargs = dict(by_alias=True, ref_template=REF_PREFIX + "{model}", schema_generator=_Draft07)
    if isinstance(annotation, type) and issubclass(annotation, model.BaseModel):
        out = annotation.model_json_schema(**kwargs)  # type: ignore[arg-type]
    else:
        out = TypeAdapter(annotation).json_schema(**kwargs)  # type: ignore[arg-type]
    return _swap_refs(out, _DISGUISE, REF_PREFIX)


def build_schema(root_model: type[model.BaseModel] = model.Scenario, title: str = "Red Flags scenario",
                 about: str = "A chat-simulation scenario for Red Flags (format 1, or 2 for threads "
                               "and named actions).") -> dict:
    """The draft-07 JSON Schema of a scenario file (or of another root model), as a plain dict."""
    root = _generate(root_model)
    definitions = root.pop("$defs", {})
    for name, annotation in _HAND_REFS.items():
        part = _generate(annotation)
        definitions.update(part.pop("$defs", {}))
        definitions.setdefault(name, part)
    root["definitions"] = dict(sorted(definitions.items()))
    root["definitions"] = _used(root)
    if root_model is model.Scenario:
        _as_loaded(root)
    head = {
        "$schema": DRAFT_07,
        "title": title,
        "description": f"{about} Generated from the pydantic models by `python -m game schema`: "
                       "do not edit by hand.",
    }
    root.pop("title", None)
    root.pop("description", None)
    return _plain_scalars({**head, **root})


def _as_loaded(root: dict) -> None:
    """What the loader accepts and the generated schema would not say (see the module's docstring)."""
    beat = root["definitions"].get("Beat", {}).get("properties", {})
    if "open" in beat and beat["open"].get("type") == "array":
        many = beat["open"]
        one = dict(many["items"])
        beat["open"] = {"anyOf": [one, {k: v for k, v in many.items() if k in ("items", "type")}],
                        **{k: v for k, v in many.items() if k not in ("items", "type")}}
    fmt = root.get("properties", {}).get("format")
    if fmt is not None and fmt.get("type") == "integer":
        fmt["enum"] = list(model.FORMATS)


def _used(root: dict) -> dict:
    """The definitions `root` refers to, directly or through other definitions."""
    defs = root["definitions"]
    keep: set[str] = set()
    todo = [json.dumps({k: v for k, v in root.items() if k != "definitions"})]
    while todo:
        text = todo.pop()
        for name in defs:
            if name not in keep and f'"{REF_PREFIX}{name}"' in text:
                keep.add(name)
                todo.append(json.dumps(defs[name]))
    return {k: v for k, v in defs.items() if k in keep}


_SCALAR = ["string", "boolean", "number"]


def _plain_scalars(node: Any) -> Any:
    """Let every text field take any plain scalar, as the loader does.

    With YAML 1.1 (what the game reads, and what .vscode/settings.json tells the editor) an
    unquoted reply `No` is the boolean false and `8:30` is the number 510. The loader keeps the
    text the writer typed, so `text: No` and `time: 8:30` are fine; the schema must agree, or
    the editor would underline correct files.
    """
    if isinstance(node, dict):
        if node.get("type") == "string" and "enum" not in node and "const" not in node:
            node["type"] = list(_SCALAR)
        if "patternProperties" in node:  # dict[Ident, ...]: a key that is not an id is an error
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _plain_scalars(value)
    elif isinstance(node, list):
        for item in node:
            _plain_scalars(item)
    return node


def _transcript_schema() -> dict:
    from game.authoring.transcripts import Transcript

    return build_schema(Transcript, "Red Flags transcript",
                        "A route pinned through a scenario: `python -m game check` plays it.")


def _taxonomy_schema() -> dict:
    from game.engine.taxonomy import Taxonomy

    return build_schema(Taxonomy, "Red Flags red-flag categories", "scenarios/taxonomy.yaml.")


def _resources_schema() -> dict:
    from game.engine.taxonomy import Resources

    return build_schema(Resources, "Red Flags help resources", "scenarios/resources.yaml.")


# file stem in scenarios/schema/ -> how to build it
SCHEMAS = {"scenario": build_schema, "transcript": _transcript_schema,
           "taxonomy": _taxonomy_schema, "resources": _resources_schema}


# Where a story names an id from a support file: definition, property, and whether it is a list.
ID_FIELDS = {
    "taxonomy": (("Flag", "category", False), ("Flag", "also", True)),
    "resources": (("Debrief", "resources", True),),
}


def id_choices(folder: Path | None = None) -> dict[str, dict]:
    """The ids stories in `folder` may name, as schema keywords, by support file: an `enum` with
    the names beside it, shown when the editor completes or hovers. The files are the ones the
    stories there are read with (`library_root`: the nearest taxonomy.yaml at or above, else the
    shipped ones); one that is missing or does not load gives no list, as nothing is checked then."""
    from game.engine.taxonomy import load_resources, load_taxonomy
    from game.library import library_root

    root = library_root(folder) if folder is not None else default_folder()
    out: dict[str, dict] = {}
    taxonomy, _diags = load_taxonomy(root / "taxonomy.yaml")
    if taxonomy is not None:
        cats = taxonomy.categories
        out["taxonomy"] = _choices(
            cats, [f"{c.name.en} / {c.name.fr or c.name.en}: {c.student.en}" for c in cats.values()],
            [f"{c.icon} **{c.name.en}** ({c.name.fr or c.name.en}, {c.kind})\n\n{c.student.en}".lstrip()
             for c in cats.values()])
    resources, _diags = load_resources(root / "resources.yaml")
    if resources is not None:
        res = resources.resources
        out["resources"] = _choices(
            res, [f"{r.name.en} ({', '.join(r.regions)}): {r.what.en}" for r in res.values()],
            [f"**{r.name.en}** ({', '.join(r.regions)})\n\n{r.what.en}" for r in res.values()])
    return out


def _choices(ids: dict, plain: list[str], markdown: list[str]) -> dict:
    return {"type": "string", "enum": list(ids), "enumDescriptions": plain,
            "markdownEnumDescriptions": markdown}


def with_ids(built: dict, folder: Path | None = None) -> dict:
    """A scenario schema whose id fields list the ids of `folder`'s support files (see id_choices)."""
    for kind, choices in id_choices(folder).items():
        for definition, prop, many in ID_FIELDS[kind]:
            try:
                node = built["definitions"][definition]["properties"][prop]
            except KeyError:
                raise LookupError(f"the scenario schema has no {definition}.{prop}: update ID_FIELDS "
                                  "in game/authoring/schema.py") from None
            target = node["items"] if many else node
            target.pop("pattern", None)
            target.update(choices)
            examples = [e for e in target.pop("examples", ()) if e in choices["enum"]]
            if examples:  # a generic id's example ("greeting") is not one of these
                target["examples"] = examples
    return built


def render(name: str = "scenario", folder: Path | None = None) -> str:
    """The text of schema `name`; a scenario schema lists the ids of `folder` (default: shipped)."""
    built = SCHEMAS[name]()
    if name == "scenario":
        built = with_ids(built, folder)
    return json.dumps(built, ensure_ascii=False, indent=2) + "\n"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help=_("only check that the shipped schemas are current (exit 1 if stale)"))
    parser.add_argument("--folder", type=Path, default=None,
                        help=_("scenarios folder whose schema/ to write (default: the shipped one)"))


def run(args: argparse.Namespace) -> int:
    status = 0
    for name in SCHEMAS:
        path = schema_path(args.folder, name)
        text = render(name, args.folder)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            print(_("OK: {path} is current").format(path=path))
        elif args.check:
            print(_("STALE: {path} does not match the models; run: python -m game schema").format(path=path))
            status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(_("wrote {path}").format(path=path))
    return status
