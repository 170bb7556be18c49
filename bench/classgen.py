"""Class results files for the board-scale benchmark (bench/results.py), as a school board gets
them: one JSON export per class of 30 groups.

Real classes are recorded first, through the classroom API on the shipped stories (in a store
kept in memory): each a lesson of one or two stories, groups that flag more or less, name the
tactic or not, raise false alarms and take it back, answer the knowledge check before and (most
of them) after, and now and then leave a story unfinished. Each file is then one of those
classes, varied: its 30 groups drawn again from the class's groups, with new ids, names, class
label and days, written as `export_json` writes a file. So every playthrough in a file is one
that was really played and recorded, and its result line is the one the recording kept.

    python bench/classgen.py OUT_DIR [--files 100] [--classes 4]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.classroom.exchange import file_text
from game.classroom.knowledge import load_check
from game.classroom.session import ClassSession, GroupRun
from game.classroom.settings import ClassSettings
from game.classroom.store import ResultsStore
from game.engine.runtime import ChoicesEvent, MessageEvent
from game.library import game_library

GROUPS = 30
NAMES = ("Blue Foxes", "Owls", "Les Renards bleus", "Wolves", "Red Pandas", "Hiboux", "Falcons",
         "Team", "Sharks", "Les Loups", "Night Owls", "Eagles", "Ravens", "Tigres")
Rows = dict[str, list[dict[str, Any]]]


def _group(run: GroupRun, rng: random.Random) -> None:
    """One group's lesson, played as a group might."""
    flag_rate, false_alarms = rng.uniform(0.3, 0.95), rng.uniform(0.0, 0.15)
    post = rng.random() < 0.7  # some groups never reach the check after
    while True:
        step = run.next_step()
        if step.kind == "done" or (step.phase == "post" and not post):
            return
        if step.kind.endswith("_spot"):  # unseen chats: flag a share of the red flags, a few others
            for chat in step.chats:
                flags = {i: rng.randrange(2000, 30000) for i in chat.signals() if rng.random() < flag_rate}
                flags |= {i: rng.randrange(2000, 30000) for i in chat.noise() if rng.random() < false_alarms}
                run.spot(step.phase, chat.id, flags)
            continue
        if step.kind.endswith("_check"):
            phase = step.phase
            for qid in step.unanswered:
                q = step.check.question(qid)
                right = rng.random() < (0.55 if phase == "pre" else 0.8)
                run.answer(phase, qid, q.correct_index if right else (q.correct_index + 1) % len(q.options))
            continue
        pt = run.play(step)
        stop = rng.randrange(10, 40) if rng.random() < 0.04 else None  # left unfinished
        while not pt.ended:
            if stop is not None and pt.seq >= stop:
                return
            event = pt.next()
            if isinstance(event, MessageEvent) and pt.flaggable(event.index):
                flag = event.message.flag
                if (flag and rng.random() < flag_rate) or (not flag and rng.random() < false_alarms):
                    named = flag.category if flag and pt.state.difficulty == "name" and rng.random() < 0.6 else None
                    pt.flag(event.index, named)
                    if rng.random() < 0.05:
                        pt.unflag(event.index)
            elif isinstance(event, ChoicesEvent):
                pt.choose(rng.choice(event.options)[0])


def record_classes(count: int, seed: int = 1) -> list[Rows]:
    """`count` real classes of 30 groups, each recorded in a store of its own: their rows."""
    library = game_library()
    stories = library.playable()
    ids = sorted(stories)
    check, _ = load_check()
    rng = random.Random(seed)
    out = []
    for k in range(count):
        with ResultsStore(ResultsStore.MEMORY) as store:
            settings = ClassSettings(class_label=f"{7 + k % 2}{'ABCD'[k % 4]}", scenarios=rng.sample(
                ids, rng.choice((1, 1, 2))), difficulty=rng.choice(("spot", "name")))
            session = ClassSession.start(store, settings, stories, check)
            for g in range(GROUPS):
                _group(session.add_group(f"{rng.choice(NAMES)} {g + 1}", rng.randint(2, 4)), rng)
            out.append(store.dump())
    return out


def _new_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def vary(base: Rows, rng: random.Random, day: str) -> Rows:
    """Another class like `base`: its groups drawn again (with replacement), new ids and names,
    on another day."""
    def moved(when: str | None) -> str | None:
        return None if when is None else day + when[10:]

    session = dict(base["sessions"][0], id=_new_id(rng), created=moved(base["sessions"][0]["created"]),
                   label=f"{rng.randint(6, 8)}{rng.choice('ABCDEF')}")
    plays = {}
    for p in base["playthroughs"]:
        plays.setdefault(p["group_id"], []).append(p)
    actions: dict[str, list] = {}
    for a in base["actions"]:
        actions.setdefault(a["playthrough_id"], []).append(a)
    answers: dict[str, list] = {}
    for a in base["answers"]:
        answers.setdefault(a["group_id"], []).append(a)
    spots: dict[str, list] = {}
    for s in base.get("spots", ()):
        spots.setdefault(s["group_id"], []).append(s)
    out: Rows = {"sessions": [session], "groups": [], "playthroughs": [], "actions": [], "answers": [],
                 "spots": []}
    for n in range(GROUPS):
        g = rng.choice(base["groups"])
        gid = _new_id(rng)
        out["groups"].append(dict(g, id=gid, session_id=session["id"], created=moved(g["created"]),
                                  name=f"{rng.choice(NAMES)} {n + 1}"))
        out["answers"] += [dict(a, group_id=gid, at=moved(a["at"])) for a in answers.get(g["id"], ())]
        out["spots"] += [dict(s, group_id=gid, at=moved(s["at"])) for s in spots.get(g["id"], ())]
        for p in plays.get(g["id"], ()):
            pid = _new_id(rng)
            out["playthroughs"].append(dict(p, id=pid, group_id=gid, started=moved(p["started"]),
                                            ended=moved(p["ended"])))
            out["actions"] += [dict(a, playthrough_id=pid, at=moved(a["at"])) for a in actions[p["id"]]]
    out["actions"].sort(key=lambda a: (a["playthrough_id"], a["seq"]))
    return out


def write_files(folder: Path, count: int, classes: list[Rows], seed: int = 2) -> list[Path]:
    """`count` class files in `folder`, each a variation of one of the recorded classes."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        day = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
        path = folder / f"class-{i:04d}.json"
        path.write_text(file_text(vary(classes[i % len(classes)], rng, day)), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--classes", type=int, default=4, help="real classes recorded first")
    args = ap.parse_args(argv)
    paths = write_files(args.out, args.files, record_classes(args.classes))
    print(f"wrote {len(paths)} class files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
