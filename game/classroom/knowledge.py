"""The before-and-after knowledge check: questions curriculum writers keep in YAML.

`scenarios/knowledge/check.yaml` holds the questions, in English and French, each with its
options, the right one and an explanation shown afterwards. It is loaded like a scenario (the
engine's safe YAML loader), so every mistake is reported as `file:line:col`. Groups answer
the same questions before the first scenario and after the last; the gain is the difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from game.engine.diagnostics import Diagnostic, has_errors, make
from game.engine.loader import parse_yaml, read_source, validate_model
from game.engine.model import Ident, Text, _Strict
from game.engine.validate import default_folder

FORMAT_VERSION = 1
MIN_OPTIONS, MAX_OPTIONS = 2, 5


class Question(_Strict):
    """One multiple-choice question."""

    id: Ident = Field(description="Stable id: answers are stored under it, so never reuse one.")
    text: Text
    options: tuple[Text, ...] = Field(description=f"{MIN_OPTIONS} to {MAX_OPTIONS} answers to pick from.")
    answer: int = Field(ge=1, description="The right option, counting from 1.")
    explain: Text = Field(description="Why that answer is right; shown after the check.")

    # Counts are checked here rather than with min_length: pydantic reports a too-short list
    # as well when one item is wrong, which would add a second, misleading error.
    @field_validator("options")
    @classmethod
    def _option_count(cls, value: tuple[Text, ...]) -> tuple[Text, ...]:
        if not MIN_OPTIONS <= len(value) <= MAX_OPTIONS:
            raise PydanticCustomError("rf_options", "a question needs {low} to {high} options",
                                      {"low": MIN_OPTIONS, "high": MAX_OPTIONS})
        return value

    @field_validator("answer")
    @classmethod
    def _in_range(cls, value: int, info: ValidationInfo) -> int:
        options = info.data.get("options")
        if options is not None and value > len(options):
            raise PydanticCustomError("rf_answer", "answer {value} is past the last option "
                                      "(there are {count})", {"value": value, "count": len(options)})
        return value

    @property
    def correct_index(self) -> int:
        """0-based index of the right option (what the UI and the store use)."""
        return self.answer - 1


class KnowledgeCheck(_Strict):
    format: int = Field(description="Format version: 1.")
    id: Ident
    title: Text
    intro: Text | None = None
    questions: tuple[Question, ...]

    @field_validator("questions")
    @classmethod
    def _some(cls, value: tuple[Question, ...]) -> tuple[Question, ...]:
        if not value:
            raise PydanticCustomError("rf_questions", "the check needs at least one question")
        ids = [q.id for q in value]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise PydanticCustomError("rf_duplicate", "question id '{id}' is used twice: answers "
                                      "are stored by id, so each question needs its own",
                                      {"id": dupes[0]})
        return value

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


def default_path() -> Path:
    return default_folder() / "knowledge" / "check.yaml"


def load_check_source(raw: bytes | str, name: str) -> tuple[KnowledgeCheck | None, list[Diagnostic]]:
    """Parse and validate a knowledge check; never raises for any input."""
    loaded = parse_yaml(raw, name)
    check = validate_model(KnowledgeCheck, loaded)
    diags = loaded.diagnostics
    if check is not None and check.format != FORMAT_VERSION:
        diags.append(make(name, loaded.source.position(("format",)), "RF008",
                          f"format {check.format} is not supported: this version reads "
                          f"format {FORMAT_VERSION}", "write 'format: 1' at the top"))
    if check is not None:
        for i, q in enumerate(check.questions):
            for path, text in [(("text",), q.text), (("explain",), q.explain)] + [
                    (("options", j), o) for j, o in enumerate(q.options)]:
                if text.fr is None:
                    diags.append(make(name, loaded.source.position(("questions", i) + path),
                                      "RF030", "no French text", "add an 'fr:' line", "warning"))
    return (None if has_errors(diags) else check), diags


def load_check(path: str | Path | None = None) -> tuple[KnowledgeCheck | None, list[Diagnostic]]:
    path = Path(path) if path else default_path()
    raw, problem = read_source(path)
    if problem is not None or raw is None:  # read_source gives one or the other
        return None, [problem] if problem is not None else []
    return load_check_source(raw, str(path))


# --- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckScore:
    correct: int
    total: int  # questions in the check

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


def score(check: KnowledgeCheck, answers: dict[str, int]) -> CheckScore:
    """Score 0-based answers by question id; unanswered questions count as wrong."""
    right = sum(1 for q in check.questions if answers.get(q.id) == q.correct_index)
    return CheckScore(right, len(check.questions))


def gain_between(before: int | None, after: int | None) -> int | None:
    """The one rule for the check's gain: after minus before, None unless both were taken.

    A group's own screens count it in questions right (`questions_gained`); the class debrief,
    its report, CSV and text count it in percentage points of the whole check (`gain`), so
    groups that answered different numbers of questions compare."""
    if before is None or after is None:
        return None
    return after - before


def gain(pre: CheckScore | None, post: CheckScore | None) -> int | None:
    """Percentage points gained from before to after (None unless both were taken)."""
    return gain_between(None if pre is None else pre.percent, None if post is None else post.percent)


def questions_gained(pre: CheckScore | None, post: CheckScore | None) -> int | None:
    """How many more questions were right after than before (None unless both were taken)."""
    return gain_between(None if pre is None else pre.correct, None if post is None else post.correct)
