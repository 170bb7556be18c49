"""The skill check in a class session: parallel forms of the knowledge questions, the spot check's
unseen chats, and the "later" check weeks after; which form a group gets, in which order its
options show, and what is stored when a group finishes a chat.

A session started with the checks on gives each group, before the first story, the knowledge
questions of its form (`engine.detection.form_for`: even groups A, odd groups B) and then two or
three unseen chats of the same form (`engine.spotcheck.pick`, seeded by the group's id); after
the last story the spot check and the questions of the other form. A later check repeats the
before form (phase "later") for the groups of an earlier session. Every step is worked out from
the store, so after a crash a group goes back to what it had not finished: a chat is stored
whole when the group presses Done, so a chat cut short is shown again from its start.

    run.next_step()                           # ... "pre_check", "pre_spot", "scenario", ...
    run.option_order("pre", question)         # written indexes, in the order shown
    run.answer("pre", qid, written, ms=4200)  # the written index, never the shown place
    run.spot("pre", chat.id, {2: 5300, 4: 9100})  # message index -> ms of its flag
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from game.engine.detection import form_for
from game.engine.model import PLAYER, Scenario
from game.engine.spotcheck import SpotCheck, load_spotchecks, pick
from game.userdata import atomic_write_text, data_dir

from .knowledge import KnowledgeCheck, Question, load_forms, option_order, shuffle_seed
from .records import SessionInfo, Spot

if TYPE_CHECKING:
    from .records import GroupInfo
    from .store import ResultsStore

Phase = Literal["pre", "post", "later"]
StepKind = Literal["pre_check", "pre_spot", "scenario", "post_spot", "post_check", "later_spot",
                   "later_check", "done"]
SPOT_CHATS = 3  # unseen chats a group reads in each phase
LATER_FILE = "later-check.json"  # sessions whose groups take the later check (on this computer)
KEEP_LATER = 50


@dataclass(frozen=True)
class Step:
    kind: StepKind
    round: int = 0  # for "scenario": its position in the session
    scenario: Scenario | None = None
    roles: tuple[tuple[int, tuple[str, ...]], ...] = ()  # empty in whole-class mode
    resume: str | None = None  # id of an interrupted playthrough to pick up
    restarted: bool = False  # an interrupted playthrough of another version of the story is kept
    # aside and the story starts again (the old record stays in the results)
    check: KnowledgeCheck | None = None  # for the knowledge checks: the group's form
    unanswered: tuple[str, ...] = ()  # question ids still to answer
    chats: tuple[SpotCheck, ...] = ()  # for the spot checks: the chats still to judge, in order
    total: int = 0  # chats in this phase's spot check (the first left is number total - left + 1)
    form: str = ""  # "A" or "B" for the checks

    @property
    def phase(self) -> Phase | None:
        """The phase of a check step ("pre", "post", "later"); None for a story or the end."""
        head = self.kind.split("_")[0]
        return head if head in ("pre", "post", "later") and "_" in self.kind else None  # type: ignore[return-value]


# --- the materials ----------------------------------------------------------------------------


@functools.cache
def shipped_chats() -> tuple[SpotCheck, ...]:
    """The shipped spot-check chats (read once: they don't change while the game runs)."""
    chats, _diags = load_spotchecks()
    return tuple(chats)


@functools.cache
def shipped_forms() -> dict[str, KnowledgeCheck]:
    forms, _diags = load_forms()
    return forms


@dataclass(frozen=True)
class Materials:
    """What a session's checks ask: the knowledge forms by letter and the spot-check chats."""

    forms: Mapping[str, KnowledgeCheck]
    chats: tuple[SpotCheck, ...] = ()

    def check_for(self, form: str) -> KnowledgeCheck | None:
        """The questions of a form; with a single form, that one (every group answers it)."""
        return self.forms.get(form) or next(iter(self.forms.values()), None)

    def chats_for(self, form: str, group_id: str) -> list[SpotCheck]:
        return pick(list(self.chats), form, seed=group_id, count=SPOT_CHATS)


def materials_for(check: KnowledgeCheck | None, chats: tuple[SpotCheck, ...] | None = None) -> Materials | None:
    """The session's materials around the check it was given: that form, with its shipped
    parallel form when it is a shipped one (same id), and the shipped chats (or `chats`)."""
    if check is None:
        return None
    forms: dict[str, KnowledgeCheck] = {check.form: check}
    shipped = shipped_forms()
    if shipped.get(check.form) is not None and shipped[check.form].id == check.id:
        forms = dict(shipped) | forms
    return Materials(forms, shipped_chats() if chats is None else chats)


# --- the later check --------------------------------------------------------------------------


def _later() -> list[str]:
    try:
        data = json.loads((data_dir() / LATER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    ids = data.get("sessions") if isinstance(data, dict) else None
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


def later_check_called(session_id: str) -> bool:
    """Does this session run the later check (on this computer)?"""
    return session_id in _later()


def call_later_check(session_id: str) -> None:
    """Remember that this session's groups take the later check. Raises OSError when the data
    folder can't be written (the session then runs it until the game closes)."""
    ids = [i for i in _later() if i != session_id] + [session_id]
    atomic_write_text(data_dir() / LATER_FILE, json.dumps({"sessions": ids[-KEEP_LATER:]}))


def later_candidates(store: ResultsStore) -> list[SessionInfo]:
    """Earlier class sessions a later check can follow, newest first: with groups and the checks
    on, not solo."""
    with_groups = {g.session_id for g in store.groups()}
    return [s for s in reversed(store.sessions()) if s.id in with_groups and not s.settings.get("solo")
            and s.settings.get("knowledge_check", True) is not False]


# --- a group's steps --------------------------------------------------------------------------


class SessionLike(Protocol):
    """What SkillSteps reads of its session (ClassSession has these)."""

    store: ResultsStore
    id: str
    check: KnowledgeCheck | None
    materials: Materials | None
    skill: bool
    later: bool

    @property
    def checks_on(self) -> bool: ...


class SkillSteps:
    """A group's checks (GroupRun inherits these): its form, its questions and chats, what it
    has left, and storing its answers and judgements."""

    session: SessionLike
    info: GroupInfo

    @functools.cached_property
    def index(self) -> int:
        """The group's place in its session, in the order groups joined (counterbalancing)."""
        ids = [g.id for g in self.session.store.groups([self.session.id])]
        return ids.index(self.info.id) if self.info.id in ids else 0

    @property
    def skill(self) -> bool:
        """Does this group take the parallel forms and the spot check (sessions from before them
        ask the one check, as they did)?"""
        return self.session.materials is not None and (self.session.skill or self.session.later)

    def form(self, phase: Phase) -> str:
        return form_for(self.index, phase)

    def check_for(self, phase: Phase) -> KnowledgeCheck | None:
        """The questions this group answers in a phase."""
        if self.skill and self.session.materials is not None:
            return self.session.materials.check_for(self.form(phase))
        return self.session.check

    def chats(self, phase: Phase) -> list[SpotCheck]:
        """The unseen chats this group judges in a phase (none without the spot check)."""
        if not self.skill or self.session.materials is None:
            return []
        return self.session.materials.chats_for(self.form(phase), self.info.id)

    def option_order(self, phase: Phase, question: Question) -> tuple[int, ...]:
        """The written indexes of a question's options in the order this group sees them."""
        return option_order(len(question.options), shuffle_seed(self.info.id, phase, question.id))

    def answered(self, phase: str) -> dict[str, int]:
        return {a.question_id: a.answer for a in self.session.store.answers(self.info.id) if a.phase == phase}

    def judged(self, phase: Phase) -> set[str]:
        """The chats this group finished in a phase."""
        return {s.chat_id for s in self.session.store.spots(self.info.id) if s.phase == phase}

    def check_step(self, phase: Phase) -> Step | None:
        check = self.check_for(phase)
        if not self.session.checks_on or check is None:
            return None
        done = self.answered(phase)
        left = tuple(q.id for q in check.questions if q.id not in done)
        return Step(f"{phase}_check", check=check, unanswered=left, form=check.form) if left else None  # type: ignore[arg-type]

    def spot_step(self, phase: Phase) -> Step | None:
        chats = self.chats(phase) if self.session.checks_on else []
        done = self.judged(phase)
        left = tuple(c for c in chats if c.id not in done)
        return Step(f"{phase}_spot", chats=left, total=len(chats), form=self.form(phase)) if left else None  # type: ignore[arg-type]

    def checks(self, phase: Phase) -> Step | None:
        """The next check step of a phase: before the stories the questions then the chats;
        after them (and later) the chats first, so the answers explained at the very end can't
        help with the chats."""
        if phase == "pre":
            return self.check_step(phase) or self.spot_step(phase)
        return self.spot_step(phase) or self.check_step(phase)

    def answer(self, phase: Phase, question_id: str, option: int, ms: int | None = None) -> bool:
        """Store a knowledge-check answer (the option's written index, from 0, and how long it
        took); returns whether it is right."""
        check = self.check_for(phase)
        q = check.question(question_id) if check else None
        if check is None or q is None:
            raise KeyError(f"no question {question_id}")
        if not 0 <= option < len(q.options):
            raise ValueError(f"option {option} does not exist")
        right = option == q.correct_index
        self.session.store.answer(self.info.id, phase, check.id, question_id, option, right, check.form, ms)
        return right

    def spot(self, phase: Phase, chat_id: str, flags: Mapping[int, int | None]) -> None:
        """The group finished a chat: store every message it judged (each message from someone
        else), flagged or not, with the milliseconds from the chat shown to each flag."""
        chat = next((c for c in self.chats(phase) if c.id == chat_id), None)
        if chat is None:
            raise KeyError(f"no spot-check chat {chat_id} for this group in {phase}")
        judged = [i for i, m in enumerate(chat.messages) if m.sender != PLAYER]
        wrong = sorted(set(flags) - set(judged))
        if wrong:
            raise ValueError(f"message {wrong[0]} can't be flagged in {chat_id}")
        self.session.store.spot(self.info.id, [Spot(phase, self.form(phase), chat_id, i, i in flags, flags.get(i))
                                               for i in judged])

