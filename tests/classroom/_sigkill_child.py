"""Child process of the SIGKILL test: plays scripted actions through the store forever,
printing "<playthrough id> <seq> <sha256 of the state>" after each committed action."""

import hashlib
import random
import sys

from game.classroom.store import ResultsStore
from game.engine.runtime import ChoicesEvent, MessageEvent
from game.engine.validate import load_library


def main() -> None:
    db, seed, scenario_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    scenario = load_library().playable()[scenario_id]
    rng = random.Random(seed)
    store = ResultsStore(db)
    sessions = store.sessions()
    sid = sessions[0].id if sessions else store.new_session({}, "kill")
    groups = store.groups([sid])
    gid = groups[0].id if groups else store.add_group(sid, "Crash Test", 3)

    def report(seq, kind, data):
        digest = hashlib.sha256(pt.state.to_json().encode()).hexdigest()[:16]
        print(pt.playthrough_id, seq, digest, flush=True)

    print("ready", flush=True)
    while True:
        unfinished = store.unfinished(gid)
        pt = store.resume(unfinished[0].id, scenario) if unfinished else store.start_playthrough(gid, scenario)
        if not unfinished:
            report(0, "start", {})
        pt.listener = report
        while not pt.ended:
            event = pt.next()
            if isinstance(event, MessageEvent) and pt.flaggable(event.index):
                if rng.random() < 0.6:
                    pt.flag(event.index, event.message.flag.category if event.message.flag else None)
                if rng.random() < 0.2:
                    pt.unflag(event.index)
            elif isinstance(event, ChoicesEvent):
                pt.choose(rng.choice(event.options)[0])


if __name__ == "__main__":
    main()
