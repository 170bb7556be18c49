"""Diagnostics: every problem the loader or validator finds, with a stable code and a position.

Codes never change meaning once released (writers search for them); each has a page in
docs/diagnostics/<code>.md with an example and the fix.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]  # info: advice that never fails a story, even --strict

# code -> (default severity, short title). One home for the list; docs and tests read it.
CODES: dict[str, tuple[Severity, str]] = {
    "RF001": ("error", "file cannot be read"),
    "RF002": ("error", "file too large"),
    "RF003": ("error", "YAML syntax error"),
    "RF004": ("error", "duplicate key"),
    "RF005": ("error", "anchors, aliases and tags are not allowed"),
    "RF006": ("error", "nesting too deep"),
    "RF007": ("error", "wrong top-level shape"),
    "RF008": ("error", "unsupported format version"),
    "RF009": ("warning", "curly quotes from a word processor"),
    "RF010": ("error", "unknown key"),
    "RF011": ("error", "missing key"),
    "RF012": ("error", "unknown beat"),
    "RF013": ("error", "wrong kind of value"),
    "RF014": ("error", "value not allowed"),
    "RF015": ("error", "number expected"),
    "RF016": ("error", "invalid id"),
    "RF017": ("error", "invalid condition"),
    "RF020": ("error", "unknown character"),
    "RF021": ("error", "unknown red-flag category"),
    "RF022": ("warning", "unreachable beat"),
    "RF023": ("error", "dead end"),
    "RF024": ("error", "no reachable ending"),
    "RF025": ("error", "loop with no way out"),
    "RF026": ("error", "condition on a variable that is never set"),
    "RF027": ("error", "beat must do exactly one thing next"),
    "RF028": ("error", "wrong number of choices"),
    "RF029": ("warning", "routes may all fail"),
    "RF030": ("warning", "missing French"),
    "RF031": ("error", "explicit content"),
    "RF032": ("warning", "line too long for a bubble"),
    "RF033": ("error", "more than one mark on a message"),
    "RF034": ("error", "unknown help resource"),
    "RF035": ("error", "duplicate scenario id"),
    "RF036": ("warning", "file name does not match id"),
    "RF037": ("warning", "message from the player carries a flag"),
    "RF038": ("error", "asset path outside the scenarios folder"),
    "RF039": ("error", "asset file not found"),
    "RF040": ("error", "unknown help service role"),
    "RF041": ("error", "help service named directly"),
    "RF042": ("error", "help service role missing in a region"),
    "RF043": ("warning", "offender's message not decided"),
    "RF044": ("error", "counter is not a whole number"),
    "RF045": ("info", "reply written like an action"),
    "RF046": ("warning", "ending variant changes nothing"),
    "RF047": ("error", "unknown thread"),
    "RF048": ("warning", "character writes in a thread they are not in"),
    "RF049": ("warning", "thread never used"),
    "RF050": ("error", "thread opened where a resumed game can't see it"),
    "RF051": ("error", "spot-check chat too short or too long"),
    "RF052": ("error", "spot-check chat with nothing to judge"),
    "RF053": ("error", "spot-check chat without a form"),
    "RF054": ("warning", "right answer is the longest option"),
    "RF055": ("error", "marked message without a why"),
    "RF056": ("warning", "a real app's name"),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place. `line` and `col` are 1-based (0 when unknown)."""

    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        text = f"{where}: {self.severity} {self.code}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def make(file: str, pos: tuple[int, int], code: str, message: str, hint: str = "",
         severity: Severity | None = None) -> Diagnostic:
    """Build a diagnostic whose severity defaults to the code's own."""
    return Diagnostic(file, pos[0], pos[1], code, message, hint, severity or CODES[code][0])


def has_errors(diags: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)


def to_json(diags: list[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diags], ensure_ascii=False, indent=2)
