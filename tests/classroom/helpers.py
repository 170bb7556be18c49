"""Scripted classes for the classroom tests: groups that play every step of a session."""

from __future__ import annotations

import random

from game.classroom.classdebrief import PlayRecord
from game.classroom.session import ClassSession, GroupRun
from game.engine.runtime import ChoicesEvent, MessageEvent, Playthrough


def play_step(run: GroupRun, rng: random.Random, flag_rate: float = 0.6) -> str:
    """Do one step of a group's session (answer a check or play a whole scenario)."""
    step = run.next_step()
    if step.kind.endswith("_spot"):  # its own random numbers: the stories play as they did
        spot_chats(run, step, random.Random(f"{run.info.name}|{step.kind}"), 0.5 if step.phase == "pre" else 0.8)
    elif step.kind.endswith("_check"):
        phase = step.phase
        for qid in step.unanswered:
            q = step.check.question(qid)
            right = rng.random() < (0.45 if phase == "pre" else 0.8)
            run.answer(phase, qid, q.correct_index if right else (q.correct_index + 1) % len(q.options))
    elif step.kind == "scenario":
        pt = run.play(step)
        while not pt.ended:
            event = pt.next()
            if isinstance(event, MessageEvent) and pt.flaggable(event.index) and rng.random() < flag_rate:
                msg = event.message
                named = msg.flag.category if msg.flag and rng.random() < 0.5 else None
                pt.flag(event.index, named)
            elif isinstance(event, ChoicesEvent):
                run.pause_before(pt, event)
                pt.choose(rng.choice(event.options)[0])
    return step.kind


def spot_chats(run: GroupRun, step, rng: random.Random, hit_rate: float = 0.6, alarm_rate: float = 0.2) -> None:
    """Judge every chat of a spot step: flag a share of the red flags and of the other messages."""
    for chat in step.chats:
        flags = {i: 800 * (i + 1) for i in chat.signals() if rng.random() < hit_rate}
        flags |= {i: 900 * (i + 1) for i in chat.noise() if rng.random() < alarm_rate}
        run.spot(step.phase, chat.id, flags)


def play_group(session: ClassSession, name: str, seed: int, members: int = 3,
               flag_rate: float = 0.6) -> GroupRun:
    run = session.add_group(name, members)
    rng = random.Random(seed)
    while play_step(run, rng, flag_rate) != "done":
        pass
    return run


def play_path(scenario, path, flag_all: bool) -> PlayRecord:
    """Replay `path` (its choices), flagging every real red flag (or none): a group's record."""
    pt = Playthrough(scenario)
    choices = iter(path.choices)
    while not pt.ended:
        event = pt.next()
        if isinstance(event, MessageEvent) and flag_all and event.message.flag:
            pt.flag(event.index)
        elif hasattr(event, "options"):
            pt.choose(next(choices))
    return PlayRecord(scenario.id, 0, pt.state, True)
