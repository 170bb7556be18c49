"""Multiple-choice questions (the knowledge check) as typed data, their checks and their shuffle.

The model lives in the engine so `python -m game validate` can check a question file like a
story (a file with `kind: knowledge`), and the classroom reads the same model
(classroom/knowledge.py). Two rules a screen must not decide live here too: the order a
group sees a question's options in (`option_order`: shuffled, but the same for the same group
and phase, so a results file replays), and the lint that catches a form whose right answers
give themselves away by being the longest option (RF054).
"""

from __future__ import annotations

import random
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .basetypes import Ident, _Strict
from .diagnostics import Diagnostic, has_errors, make
from .loader import validate_model
from .localtext import Text
from .yamlsource import Loaded

FORMAT_VERSION = 1
MIN_OPTIONS, MAX_OPTIONS = 2, 5
Form = Literal["A", "B"]
FORMS: tuple[Form, ...] = ("A", "B")


class Question(_Strict):
    """One multiple-choice question."""

    id: Ident = Field(description="Stable id: answers are stored under it, so never reuse one.")
    text: Text
    options: tuple[Text, ...] = Field(description=f"{MIN_OPTIONS} to {MAX_OPTIONS} answers to pick from.")
    answer: int = Field(ge=1, description="The right option, counting from 1 (as written, before shuffling).")
    explain: Text = Field(description="Why that answer is right; shown after the check.")
    tactic: Ident | None = Field(default=None, description="The red-flag category the question is "
                                 "about (taxonomy.yaml), so two forms can cover the same tactics.")

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
        """0-based index of the right option as written (what the store keeps)."""
        return self.answer - 1


class KnowledgeCheck(_Strict):
    """One form of the knowledge check: a file of questions."""

    kind: Literal["knowledge"] = Field(default="knowledge", description="What this file is: "
                                       "`python -m game validate` checks it as questions.")
    format: int = Field(description="Format version: 1.")
    id: Ident
    form: Form = Field(default="A", description="Which parallel form: half the groups answer A "
                       "before and B after, the other half the reverse.")
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


def check_loaded(loaded: Loaded) -> tuple[KnowledgeCheck | None, list[Diagnostic]]:
    """Validate parsed YAML as a question file: the form (None if it has errors) and every
    problem found. Never raises for any input."""
    check = validate_model(KnowledgeCheck, loaded)
    diags = loaded.diagnostics
    if check is not None:
        diags.extend(check_questions(check, loaded))
    return (None if has_errors(diags) else check), diags


def is_questions(data: object) -> bool:
    """Is this loaded YAML a question file (how `validate` tells it from a story)?"""
    return isinstance(data, dict) and data.get("kind") == "knowledge"


def check_questions(check: KnowledgeCheck, loaded: Loaded) -> list[Diagnostic]:
    """The checks beyond the model: format version, missing French, the longest-answer lint."""
    name, src = loaded.name, loaded.source
    diags: list[Diagnostic] = []
    if check.format != FORMAT_VERSION:
        diags.append(make(name, src.position(("format",)), "RF008",
                          f"format {check.format} is not supported: this version reads "
                          f"format {FORMAT_VERSION}", "write 'format: 1' at the top"))
    for i, q in enumerate(check.questions):
        for path, text in [(("text",), q.text), (("explain",), q.explain)] + [
                (("options", j), o) for j, o in enumerate(q.options)]:
            if text.fr is None:
                diags.append(make(name, src.position(("questions", i) + path),
                                  "RF030", "no French text", "add an 'fr:' line", "warning"))
    giveaway = longest_is_right(check)
    if giveaway:
        diags.append(make(name, src.position(("questions",), key=True), "RF054",
                          f"the right answer is the longest option in {len(giveaway)} of "
                          f"{len(check.questions)} questions ({', '.join(giveaway)})",
                          "students learn to pick the longest answer: make the wrong options as "
                          "long and as careful as the right one, or the right one shorter"))
    return diags


def longest_is_right(check: KnowledgeCheck) -> list[str]:
    """The ids of the questions whose right answer is strictly the longest option (in English or
    in French), when they are more than half of the form (otherwise nothing: a few are bound to
    happen by chance)."""
    ids = [q.id for q in check.questions if strictly_longest(q, "en") or strictly_longest(q, "fr")]
    return ids if 2 * len(ids) > len(check.questions) else []


def strictly_longest(q: Question, lang: str) -> bool:
    """Is the right answer longer than every other option, in `lang`?"""
    lengths = [len(o.raw(lang)) for o in q.options]
    right = lengths[q.correct_index]
    return all(right > n for i, n in enumerate(lengths) if i != q.correct_index)


def option_order(count: int, seed: str) -> tuple[int, ...]:
    """The order a question's options are shown in: a permutation of range(count), where entry k
    is the written index of the option shown at position k.

    Seeded by a string (Python's `random.Random` hashes a str seed with SHA-512, the same on every
    computer and run), so a group sees the same order when it resumes and a results file
    replays. Build the seed with `shuffle_seed`. Answers are stored by written index, never by
    shown position, so old answers keep their meaning."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return tuple(order)


def shuffle_seed(group_id: str, phase: str, question_id: str) -> str:
    """One seed per group, phase and question: each question gets its own order, and the
    after-check's order differs from the before-check's."""
    return f"{group_id}|{phase}|{question_id}"


def written_index(order: tuple[int, ...], shown: int) -> int:
    """The written index of the option shown at position `shown` (what is stored)."""
    return order[shown]
