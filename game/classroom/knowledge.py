"""The before-and-after knowledge check: questions curriculum writers keep in YAML.

`scenarios/knowledge/check.yaml` (form A) and `check-b.yaml` (form B) hold the questions, in
English and French, each with its options, the right one and an explanation shown afterwards.
They are loaded like a scenario (the engine's safe YAML loader, model in engine/quiz.py), so
every mistake is reported as `file:line:col`. The two forms are parallel: which group answers
which, before and after, is `engine.detection.form_for`; the options are shown in the order of
`option_order` and stored by written index. The gain is after minus before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.engine.loader import parse_yaml, read_source
from game.engine.quiz import (
    FORMAT_VERSION,
    FORMS,
    MAX_OPTIONS,
    MIN_OPTIONS,
    Form,
    KnowledgeCheck,
    Question,
    check_loaded,
    option_order,
    shuffle_seed,
    written_index,
)
from game.engine.validate import default_folder

__all__ = ["FORMAT_VERSION", "FORMS", "MAX_OPTIONS", "MIN_OPTIONS", "CheckScore", "Form", "KnowledgeCheck",
           "Question", "default_path", "form_path", "gain", "gain_between", "load_check", "load_check_source",
           "load_forms", "option_order", "questions_gained", "score", "shuffle_seed", "written_index"]

# The file of each form. Form A is the check the game has always asked (its ids are in old
# results files); form B is its parallel form, covering the same tactics with other questions.
FORM_FILES: dict[str, str] = {"A": "check.yaml", "B": "check-b.yaml"}


def default_path() -> Path:
    return default_folder() / "knowledge" / FORM_FILES["A"]


def form_path(form: str) -> Path:
    """The shipped file of a form ("A" or "B")."""
    return default_folder() / "knowledge" / FORM_FILES[form]


def load_check_source(raw: bytes | str, name: str) -> tuple[KnowledgeCheck | None, list[Diagnostic]]:
    """Parse and validate a knowledge check; never raises for any input."""
    return check_loaded(parse_yaml(raw, name))


def load_check(path: str | Path | None = None) -> tuple[KnowledgeCheck | None, list[Diagnostic]]:
    path = Path(path) if path else default_path()
    raw, problem = read_source(path)
    if problem is not None or raw is None:  # read_source gives one or the other
        return None, [problem] if problem is not None else []
    return load_check_source(raw, str(path))


def load_forms() -> tuple[dict[str, KnowledgeCheck], list[Diagnostic]]:
    """Every shipped form by its letter, with every problem found; a form with errors is left out."""
    forms: dict[str, KnowledgeCheck] = {}
    diags: list[Diagnostic] = []
    for form in FORMS:
        check, found = load_check(form_path(form))
        diags += found
        if check is not None:
            forms[check.form] = check
    return forms, diags


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
