"""The debrief's lead: "the three you missed" and "what you did well", picked from the scored
playthrough so a student meets what matters before the whole replay.

A pure function of the debrief model (`scoring.debrief`) and "what you did"
(`deeds.what_you_did`): the screen shows what is picked here and decides nothing. The rule,
also in docs/scoring.md ("Highlights"):

1. **Candidates.** Missed: every red flag shown and not flagged (with why it was one), every
   unsafe or risky reply (with its feedback), and for a story with named actions (format 2)
   every "what you did" rule not met (no evidence kept, evidence deleted, not reported, not
   blocked, not told or told late, paid). Did well: every red flag caught, every safe reply,
   every rule met (evidence kept, reported, blocked, told, never paid).
2. **Weight.** Each candidate weighs the points it cost (missed) or earned (did well) in the
   score, with the rubric's own weights: a red flag is worth its part's weight over the red flags
   shown (a caught flag named wrong in *Name it* mode earns two thirds of that), a reply its
   part's weight over the replies made (a risky one costs half), a rule its marks over the marks
   possible, scaled to "what you did". A reply that *is* the action a rule is about (paying,
   deleting the chat, telling, keeping a screenshot...) counts once, as that reply, weighing both.
3. **Pick.** First the heaviest candidate of each kind (red flag, reply, action), so the three
   cover different skills when they can; then the heaviest of the rest, up to three.
4. **Order.** Heaviest first; on a tie, red flags before replies before actions, then story
   order (an earlier sign, caught sooner, protects sooner; rules in the order listed in 1).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from .deeds import MARK, TELL_SOON, DidResult
from .scoring import (
    CAUGHT,
    DID,
    DID_REPLIES,
    DID_SPOTTING,
    NAMED_BONUS,
    REPLIES,
    SPOTTING,
    ChoiceResult,
    DebriefModel,
    FlagResult,
)

HighlightKind = Literal["flag", "reply", "action"]
KINDS: tuple[HighlightKind, ...] = ("flag", "reply", "action")  # the tie order
MAX_SHOWN = 3

# "What you did" rules, as highlights name them, with the action a reply takes to meet or miss it.
MISSED_RULES = ("no_evidence", "deleted_evidence", "not_reported", "not_blocked", "not_told", "told_late",
                "paid_once", "paid_again")
GOOD_RULES = ("kept_evidence", "reported", "blocked", "told", "never_paid")
RULE_ACTS = {"deleted_evidence": "delete", "paid_once": "pay", "paid_again": "pay",
             "kept_evidence": "screenshot", "reported": "report", "blocked": "block", "told": "tell"}


@dataclass(frozen=True)
class Highlight:
    """One thing the lead shows: a red flag, a reply, or a "what you did" rule (or a reply that
    is the action a rule is about: then both `choice` and `rule` are set)."""

    kind: HighlightKind
    weight: float  # points it cost (missed) or earned (did well) in the score: why it ranks here
    position: int  # its place in the story: a flag's transcript index, a reply's turn, a rule's order
    flag: FlagResult | None = None
    choice: ChoiceResult | None = None
    rule: str | None = None  # one of MISSED_RULES or GOOD_RULES


@dataclass(frozen=True)
class Highlights:
    missed: tuple[Highlight, ...]  # at most three, most important first
    did_well: tuple[Highlight, ...]  # at most three, most important first


def highlights(debrief: DebriefModel, did: DidResult | None, limit: int = MAX_SHOWN) -> Highlights:
    """The lead of `debrief`; `did` is `deeds.what_you_did` for the same playthrough (None, or a
    result with no marks possible, for a story without scored actions). `limit`: how many of each."""
    if did is not None and not did.raw_max:
        did = None
    missed = _flags(debrief, did, caught=False) + _replies(debrief, did, good=False)
    good = _flags(debrief, did, caught=True) + _replies(debrief, did, good=True)
    if did is not None and debrief.choices:  # "what you did" counts once a reply was made
        missed = _merge(missed, _missed_rules(did, DID / did.raw_max))
        good = _merge(good, _good_rules(did, DID / did.raw_max))
    return Highlights(pick(missed, limit), pick(good, limit))


def pick(candidates: list[Highlight], limit: int = MAX_SHOWN) -> tuple[Highlight, ...]:
    """Steps 3 and 4 of the rule: the heaviest of each kind, then the heaviest of the rest."""
    ranked = sorted(candidates, key=_rank)
    chosen: list[Highlight] = []
    for kind in KINDS:
        first = next((h for h in ranked if h.kind == kind), None)
        if first is not None:
            chosen.append(first)
    chosen = sorted(chosen, key=_rank)[:limit]
    chosen += [h for h in ranked if all(h is not c for c in chosen)][:limit - len(chosen)]
    return tuple(sorted(chosen, key=_rank))


def _rank(h: Highlight) -> tuple[float, int, int]:
    return (-round(h.weight, 6), KINDS.index(h.kind), h.position)


def _flags(d: DebriefModel, did: DidResult | None, caught: bool) -> list[Highlight]:
    real = [f for f in d.flags if f.category is not None]
    if not real:
        return []
    share = (SPOTTING if did is None else DID_SPOTTING) / len(real)
    out = []
    for f in real:
        if caught and f.status == "caught":
            part = CAUGHT / (CAUGHT + NAMED_BONUS) if f.named_right is False else 1.0
            out.append(Highlight("flag", share * part, f.index, flag=f))
        elif not caught and f.status == "missed":
            out.append(Highlight("flag", share, f.index, flag=f))
    return out


def _replies(d: DebriefModel, did: DidResult | None, good: bool) -> list[Highlight]:
    if not d.choices:
        return []
    share = (REPLIES if did is None else DID_REPLIES) / len(d.choices)
    lost = {"safe": 0.0, "risky": 0.5, "unsafe": 1.0}
    out = []
    for n, c in enumerate(d.choices):
        weight = share * (1 - lost[c.choice.safety]) if good else share * lost[c.choice.safety]
        if (good and c.choice.safety == "safe") or (not good and c.choice.safety != "safe"):
            out.append(Highlight("reply", weight, n, choice=c))
    return out


def _missed_rules(did: DidResult, per_mark: float) -> list[tuple[str, float]]:
    lost: list[tuple[str, int]] = []
    if did.kept_evidence is False:
        lost.append(("no_evidence", MARK))
    if did.deleted_evidence:
        lost.append(("deleted_evidence", MARK))
    if did.reported is False:
        lost.append(("not_reported", MARK))
    if did.blocked is False:
        lost.append(("not_blocked", MARK))
    if did.told is False:
        lost.append(("not_told", MARK))
    elif did.told and did.tell_delay is not None and did.tell_delay > TELL_SOON:
        lost.append(("told_late", 1))
    if did.stayed_unpaid is not None and did.paid:
        lost.append(("paid_once", 1) if did.paid == 1 else ("paid_again", MARK))
    return [(rule, marks * per_mark) for rule, marks in lost]


def _good_rules(did: DidResult, per_mark: float) -> list[tuple[str, float]]:
    won: list[tuple[str, int]] = []
    if did.kept_evidence:
        won.append(("kept_evidence", MARK))
    if did.reported:
        won.append(("reported", MARK))
    if did.blocked:
        won.append(("blocked", MARK))
    if did.told:
        soon = did.tell_delay is None or did.tell_delay <= TELL_SOON
        won.append(("told", MARK if soon else 1))
    if did.stayed_unpaid:
        won.append(("never_paid", MARK))
    return [(rule, marks * per_mark) for rule, marks in won]


def _merge(items: list[Highlight], rules: list[tuple[str, float]]) -> list[Highlight]:
    """Add the rules: one a reply listed here is the action of joins that reply (its first),
    weighing both; the others stand alone, in the order the rubric lists them."""
    out = list(items)
    order = MISSED_RULES + GOOD_RULES
    for rule, weight in rules:
        act = RULE_ACTS.get(rule)
        at = next((i for i, h in enumerate(out) if h.choice is not None and h.rule is None
                   and act is not None and h.choice.choice.act == act), None)
        if at is None:
            out.append(Highlight("action", weight, order.index(rule), rule=rule))
        else:
            out[at] = replace(out[at], weight=out[at].weight + weight, rule=rule)
    return out
