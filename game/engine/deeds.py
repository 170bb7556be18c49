""""What you did": the debrief part scored from the actions a player took (format 2).

A pure function of the scenario and the recorded actions (PlayState.acts), for stories whose
replies name what they do (`action: screenshot`, `block`, `report`, `tell`, `pay`, ...). Each
rule counts only when the story offers the action it is about, so a story is never marked down
for what it could not let the player do. The rubric is in docs/scoring.md:

    kept evidence   a screenshot before blocking, leaving, deleting or deactivating   2 marks
    reported        reported the account                                             2 marks
    blocked         blocked it (after keeping evidence, when a screenshot was offered) 2 marks
    told an adult   told a safe adult: 1 mark, and 1 more within TELL_SOON messages
                    of the first red flag shown                                      2 marks
    didn't pay      never paid: 2 marks; stopped after paying once: 1 mark           2 marks
    deleted evidence  deleted the chat with no screenshot first: minus 2 marks

Any report counts, whatever reason the player picked in the app's report sheet: the reason is
kept (`report_reason`) and compared with the one the story says fits best (`report_fits`,
engine/reports.py) so the debrief can name the better one, never to take marks away.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Scenario
from .reports import reason_fits
from .state import Act, PlayState, acts_in

NAMED_ACTS = ("screenshot", "block", "report", "mute", "leave", "delete", "deactivate", "pay", "tell")
TELL_SOON = 10  # messages after the first red flag within which telling counts as soon
MARK = 2  # each rule's marks
_GONE = ("block", "leave", "delete", "deactivate")  # after these the chat can't be captured


@dataclass(frozen=True)
class DidResult:
    """What the player did, rule by rule (None: the story offers no way to do it)."""

    offered: frozenset[str]  # the action kinds the story offers
    acts: tuple[Act, ...]  # every action taken, in order
    kept_evidence: bool | None
    reported: bool | None
    blocked: bool | None  # blocked, after keeping evidence when a screenshot was offered
    told: bool | None
    tell_delay: int | None  # messages between the first red flag and the first tell (None: no tell or no flag)
    paid: int  # times paid
    stayed_unpaid: bool | None  # never paid (None: paying was never offered)
    deleted_evidence: bool  # deleted the chat with no screenshot first
    raw: int  # marks earned
    raw_max: int  # marks possible
    report_reason: str | None = None  # the reason reported with (picked in the app, else the story's)
    report_fits: bool | None = None  # it is the story's best reason (None: no report taken)
    best_reason: str | None = None  # the story's reason for that report (None: the story gives none)


def offered_acts(scenario: Scenario) -> frozenset[str]:
    """The named action kinds anywhere in the story ("act", from `action: true`, not counted)."""
    return frozenset(c.act for b in scenario.beats.values() for c in b.choices or ()
                     if c.act in NAMED_ACTS)


def what_you_did(scenario: Scenario, state: PlayState) -> DidResult | None:
    """The "what you did" part, or None for a story without named actions (every format 1 story)."""
    offered = offered_acts(scenario)
    if not offered:
        return None
    acts = tuple(state.acts or acts_in(scenario, state.transcript))
    kinds = [a.kind for a in acts]
    first_gone = next((a.index for a in acts if a.kind in _GONE), None)
    shot = next((a.index for a in acts if a.kind == "screenshot"), None)
    kept = shot is not None and (first_gone is None or shot < first_gone)
    deleted = "delete" in kinds and not kept
    block = next((a.index for a in acts if a.kind == "block"), None)
    blocked = block is not None and ("screenshot" not in offered or (shot is not None and shot < block))
    tell = next((a.index for a in acts if a.kind == "tell"), None)
    flag = next((i for i, e in enumerate(state.transcript) if e.kind == "message"
                 and scenario.beats[e.beat].messages[e.index].flag is not None), None)
    delay = None if tell is None or flag is None else sum(
        e.kind == "message" for e in state.transcript[flag + 1:tell])
    paid = kinds.count("pay")
    raw = raw_max = 0
    for rule, marks in (("screenshot", MARK * kept), ("report", MARK * ("report" in kinds)),
                        ("block", MARK * blocked),
                        ("tell", (tell is not None) + (tell is not None and (flag is None or (delay or 0) <= TELL_SOON))),
                        ("pay", MARK if paid == 0 else 1 if paid == 1 else 0)):
        if rule in offered:
            raw, raw_max = raw + marks, raw_max + MARK
    raw -= MARK * deleted
    # the report the debrief talks about: the first whose reason doesn't fit, else the first
    reports = [(a, (scenario.beats[a.beat].choices or ())[state.transcript[a.index].index].reason)
               for a in acts if a.kind == "report"]
    fits = [(a, best, reason_fits(best, a.reason)) for a, best in reports]
    report = next((f for f in fits if not f[2]), fits[0] if fits else None)
    return DidResult(offered, acts,
                     kept if "screenshot" in offered else None,
                     "report" in kinds if "report" in offered else None,
                     blocked if "block" in offered else None,
                     tell is not None if "tell" in offered else None,
                     delay, paid, paid == 0 if "pay" in offered else None, deleted,
                     max(0, raw), raw_max,
                     report[0].reason if report else None, report[2] if report else None,
                     report[1] if report else None)
