"""Reading a scenario file safely, and finding where each part of its data was written.

The bytes are read with limits (regular files only, never more than MAX_BYTES) before any
parsing; `SourceMap` turns a data path back into a line and column, so every later check can
point the writer at the exact place.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, make

MAX_BYTES = 512 * 1024


class SourceMap:
    """Finds the line and column of any data path, lazily, from the composed YAML nodes."""

    def __init__(self, root: yaml.Node | None):
        self.root = root
        # data path of a key as the model reads it -> the key as written (a typo the loader
        # corrected to check the rest of the file: `feedbak` read as `feedback`)
        self.renamed: dict[tuple[Any, ...], str] = {}

    def node(self, path: tuple[Any, ...]) -> yaml.Node | None:
        """The node written exactly at `path`, or None."""
        node = self.root
        for i, step in enumerate(path):
            if isinstance(node, yaml.MappingNode):
                written = self.renamed.get(tuple(path[:i + 1]), step) if self.renamed else step
                node = next((v for k, v in node.value if k.value == written), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return None
        return node

    def position(self, path: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path` (of its key if `key`), or of the nearest
        enclosing node that exists."""
        node = self.root
        if node is None:
            return (1, 1)
        best = node.start_mark
        for i, step in enumerate(path):
            if isinstance(node, yaml.MappingNode):
                written = self.renamed.get(tuple(path[:i + 1]), step) if self.renamed else step
                for k, v in node.value:
                    if k.value == written:
                        best = k.start_mark if key and step == path[-1] else v.start_mark
                        node = v
                        break
                else:
                    break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                best = node.start_mark
            else:
                break
        return (best.line + 1, best.column + 1)


@dataclass
class Loaded:
    """Plain data from one YAML file, its source map, and the problems found on the way."""

    name: str
    data: Any = None
    source: SourceMap = field(default_factory=lambda: SourceMap(None))
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_source(path: str | Path) -> tuple[bytes | None, Diagnostic | None]:
    """Read a regular file, never more than the limit, turning every OS error into a diagnostic.
    A FIFO, a device or a link to one (`/dev/zero` named story.yaml) is refused before it is
    opened, so it can't hang the game or fill its memory."""
    try:
        p = Path(path)
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            return None, make(str(path), (0, 0), "RF001", "this is not a regular file",
                              "a scenario is a plain text file saved as UTF-8")
        if st.st_size > MAX_BYTES:
            return None, _too_large(str(path), st.st_size)
        with p.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)  # the file may have grown since stat()
        if len(raw) > MAX_BYTES:
            return None, _too_large(str(path), len(raw))
        return raw, None
    except OSError as exc:
        return None, make(str(path), (0, 0), "RF001", f"cannot read this file: {exc.strerror or exc}",
                          "check the path and that the file is not open elsewhere")


def _too_large(name: str, size: int) -> Diagnostic:
    return make(name, (0, 0), "RF002", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                "split the scenario, or check that this is really a scenario file")
