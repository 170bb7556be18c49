"""The map in docs/architecture.md, checked: imports point down only (cli -> ui -> classroom and
authoring -> engine), and no screen imports another screen (they open each other by name).

Read from the source with `ast`, so an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parents[1] / "game"

# package -> the game packages it may import (its own always allowed). Top-level helpers that
# are pure Python (i18n, settings, userdata, ...) sit beside the engine and may be used by all.
ALLOWED = {
    "engine": {"translatable", "i18n", "catalogue", "dates", "shipped"},
    "classroom": {"engine", "translatable", "i18n", "catalogue", "dates", "settings", "userdata",
                  "places", "library", "shipped"},
    "authoring": {"engine", "translatable", "i18n", "catalogue", "dates", "settings", "userdata",
                  "library", "shipped"},
}
SCENES = GAME / "ui" / "scenes"
# Modules in scenes/ that hold no screen: shared parts screens may import.
SHARED = {"base", "page", "registry", "labels", "questions", "teacher_access", "group_flow",
          "resume", "classfolder", "__init__"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module `path` imports, as a dotted name resolved against the game package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(GAME.parent).with_suffix("").parts
    package = here[:-1] if path.name != "__init__.py" else here[:-1]
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ((node.module,) if node.module else ()))
                if not node.module:  # `from . import x`: each x is a module
                    out += [(node.lineno, f"{name}.{a.name}") for a in node.names]
                    continue
            else:
                name = node.module or ""
            out.append((node.lineno, name))
    return out


def _modules(package: str) -> list[Path]:
    return sorted((GAME / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_point_down(package: str) -> None:
    wrong = []
    for path in _modules(package):
        for line, name in _imports(path):
            parts = name.split(".")
            if parts[0] != "game" or len(parts) < 2 or parts[1] in (package, "__init__"):
                continue
            if parts[1] not in ALLOWED[package]:
                wrong.append(f"{path.relative_to(GAME.parent)}:{line} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_no_screen_imports_another_screen() -> None:
    screens = {p.stem for p in SCENES.glob("*.py")} | {p.name for p in SCENES.iterdir() if p.is_dir()
                                                      and (p / "__init__.py").exists()}
    screens -= SHARED
    wrong = []
    for path in sorted(SCENES.rglob("*.py")):
        own = path.relative_to(SCENES).parts[0].removesuffix(".py")
        for line, name in _imports(path):
            parts = name.split(".")
            if parts[:3] == ["game", "ui", "scenes"] and len(parts) > 3 \
                    and parts[3] in screens and parts[3] != own:
                wrong.append(f"{path.relative_to(GAME.parent)}:{line} imports {name}")
    assert not wrong, "open other screens by name (app.open), don't import them:\n" + "\n".join(wrong)


def test_every_registered_screen_exists() -> None:
    from game.ui.scenes.registry import SCREENS, screen

    for name in SCREENS:
        assert callable(screen(name)), name


def test_the_checks_see_imports() -> None:
    """The resolver above is what the two tests rely on: a relative import inside a function, a
    `from . import x` and an absolute one are all read, and resolved to the right module."""
    chat = _imports(SCENES / "chat" / "scene.py")
    assert any(n == "game.engine.runtime" for _, n in chat)
    assert any(n == "game.ui.scenes.base" for _, n in chat)
    taxonomy = _imports(GAME / "engine" / "taxonomy.py")
    assert any(n == "game.engine.options" for _, n in taxonomy)
