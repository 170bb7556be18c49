"""The researchers' file: every response of a class's checks as one anonymous row (the spot
check's judgements and the knowledge answers), for a study across classes. docs/evaluation.md
describes each column and how to read them; no name or class label is ever written."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from game.engine.spotcheck import SpotCheck

from .knowledge import KnowledgeCheck
from .learning import PHASES
from .records import Answer, Spot

# one row per response; docs/evaluation.md describes each column
RESEARCH_COLUMNS = ("session", "group", "phase", "form", "instrument", "item", "tactic", "signal",
                    "response", "correct", "ms")


def session_key(session_id: str) -> str:
    """A session as the researchers' file names it: a hash of its id, never its class label."""
    return hashlib.sha256(f"redflags-research:{session_id}".encode()).hexdigest()[:12]


def research_rows(session: str, group: str, spots: Iterable[Spot], answers: Iterable[Answer],
                  chats: Mapping[str, SpotCheck], checks: Mapping[str, KnowledgeCheck]) -> list[list[object]]:
    """One group's responses as rows of RESEARCH_COLUMNS, phase by phase: its spot-check
    judgements (every message from someone else, flagged or not), then its answers. `session`
    and `group` are the anonymous labels (`session_key`, "G1"...). A chat or question not
    installed here leaves its tactic, signal and correct blank rather than guessed."""
    rows: list[list[object]] = []
    spots, answers = list(spots), list(answers)
    for phase in PHASES:
        for s in (s for s in spots if s.phase == phase):
            chat = chats.get(s.chat_id)
            msg = chat.messages[s.message] if chat is not None and 0 <= s.message < len(chat.messages) else None
            signal: object = "" if msg is None else int(msg.red_flag is not None)
            rows.append([session, group, phase, s.form, "spot", f"{s.chat_id}#{s.message}",
                         "" if msg is None else msg.red_flag or "", signal, int(s.flagged),
                         "" if msg is None else int(s.flagged == bool(signal)), _blank(s.ms)])
        for a in (a for a in answers if a.phase == phase):
            check = checks.get(a.check_id)
            q = check.question(a.question_id) if check is not None else None
            rows.append([session, group, phase, a.form or (check.form if check is not None else ""), "quiz",
                         a.question_id, (q.tactic or "") if q is not None else "", "", a.answer,
                         int(a.correct), _blank(a.ms)])
    return rows


def _blank(value: int | None) -> object:
    return "" if value is None else value
