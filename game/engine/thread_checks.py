"""Checks on the phone's threads (format 2): every thread named exists, people write only in
threads they are in, and every thread declared is used.

Run by the story checks (story_checks.py) like the writing checks: a message's `thread:`, a
beat's `open:` and a `tell` reply's `to:` must name a declared thread (RF047); a character who
writes in a thread they are not in is probably a slip (RF048); a thread nothing happens in is
an empty conversation on the phone (RF049). A thread's `with:` names characters (RF020), and
a format 1 story that uses any of this is told to say `format: 2` (RF008). The threads a resumed
game shows are worked out from its transcript (engine/state.py: opened_in), which never sees a
beat that shows nothing and routes straight on when an automatic route (or the start) enters
it: `open:` there would be lost on resuming (RF050).
"""

from __future__ import annotations

from .model import PLAYER, SYSTEM, Scenario
from .structure_checks import suggest
from .writing_checks import Add


def check_threads(sc: Scenario, add: Add) -> None:
    """Every check of this module, reported through `add`."""
    if sc.format < 2:
        choices = [c for b in sc.beats.values() for c in b.choices or ()]
        if sc.threads or any(m.thread or m.reaction for b in sc.beats.values() for m in b.messages) or \
                any(b.open for b in sc.beats.values()) or any(c.act not in (None, "act") for c in choices):
            add(("format",), "RF008", "threads, thread:, reaction:, open: and named actions are format 2",
                "write 'format: 2' at the top")
    known, used = set(sc.threads), set()
    if not known:
        known = set(sc.start_threads)

    def named(path: tuple[object, ...], thread: str, what: str) -> None:
        used.add(thread)
        if thread not in known:
            add(path, "RF047", f"{what} names the thread '{thread}', which is not declared",
                suggest(thread, known) or f"declare it under threads: (e.g. {thread}: {{with: ...}})")

    for tid, thread in sc.threads.items():
        for j, who in enumerate(thread.people):
            if who not in sc.characters:
                at = ("threads", tid, "with") + ((j,) if not isinstance(thread.members, str) else ())
                add(at, "RF020", f"unknown character '{who}'",
                    suggest(who, set(sc.characters)) or f"add '{who}' under characters")
    for bid, beat in sc.beats.items():
        for i, msg in enumerate(beat.messages):
            at = ("beats", bid, "messages", i)
            tid = sc.thread_of(msg)
            if msg.thread is not None:
                named(at + ("thread",), msg.thread, "this message")
            used.add(tid)
            th = sc.threads.get(tid)
            if th is not None and msg.sender not in (PLAYER, SYSTEM) and msg.sender in sc.characters \
                    and msg.sender not in th.people:
                add(at + ("from",), "RF048", f"'{msg.sender}' writes in the thread '{tid}', which "
                    f"is with {', '.join(th.people)}",
                    f"add thread: to the message, or add '{msg.sender}' to the thread's with:")
        for j, tid in enumerate(beat.open):
            named(("beats", bid, "open", j) if len(beat.open) > 1 else ("beats", bid, "open"), tid, "open:")
        for j, c in enumerate(beat.choices or ()):
            if c.to is not None:
                named(("beats", bid, "choices", j, "to"), c.to, "this reply")
    _unseen_opens(sc, add)
    for tid in sc.threads:
        if tid not in used:
            add(("threads", tid), "RF049", f"nothing happens in the thread '{tid}'",
                "give it messages with thread: " + tid + ", or remove it")


def _unseen_opens(sc: Scenario, add: Add) -> None:
    """RF050: `open:` on a beat with no messages and no choices that an automatic route (or the
    start) enters. Nothing of it is in the transcript, so a resumed game can't know it opened."""
    routed = {r.goto for b in sc.beats.values() for r in b.next or ()} | {sc.start_beat}
    for bid, beat in sc.beats.items():
        if beat.open and not beat.messages and beat.choices is None and beat.next is not None \
                and bid in routed:
            threads = ", ".join(beat.open)
            add(("beats", bid, "open"), "RF050", f"the beat '{bid}' opens {threads} but shows no "
                "message and routes straight on: a saved game resumed after it would not show the thread",
                "put `open:` on the beat whose first message is in that thread")
