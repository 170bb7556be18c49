"""The top of the debrief, what a student should meet first: the score as meters (one per part,
points written beside each bar), then "the three you missed" and "what you did well"
(engine/highlights.py picks them and their order), and a button to the whole chat replayed below.

Only words and drawing live here; which items, in which order, is the engine's. The words for
"what you did" rules are the debrief's own (the same as its "What you did" card), so a student
reads one wording."""

from __future__ import annotations

from ...engine import scoring
from ...engine.highlights import Highlight, Highlights
from ...engine.taxonomy import category_name
from ...i18n import _, ngettext
from .base import Block, Button, Card, Row, TextBlock
from .drawing import focus_ring
from .marks import SAFETY_TONES, marked, outcome_name, safety_label
from .meter import MeterRow, Meters


def band_name(band: str) -> str:
    return {"great": _("Great spotting!"), "good": _("Good work"), "practise": _("Keep practising")}.get(band, band)


class Landmark(TextBlock):
    """A heading the keyboard can land on (where "See the whole chat again" takes the focus), so
    Tab, switch scanning and read aloud carry on from there."""

    focusable = True

    def __init__(self, text: str, name: str):
        super().__init__(text, "heading", "text", True)
        self.name = name

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        if ui.focused is self:
            focus_ring(surf, self.rect)


# -- the score, as meters ---------------------------------------------------------------------

def score_card(model: scoring.DebriefModel, name_mode: bool) -> Card:
    """The score in the engine's parts (docs/scoring.md): the total, then a meter per part."""
    s = model.score
    did = model.did is not None
    total_flags = s.caught + s.missed
    of = _("{v} of {m}")
    rows: list[MeterRow] = []
    if total_flags:
        spotted = ngettext("Spotting: {c} of {t} red flag caught", "Spotting: {c} of {t} red flags caught",
                           total_flags).format(c=s.caught, t=total_flags) + ngettext(
            ", {f} false alarm", ", {f} false alarms", s.false_alarms).format(f=s.false_alarms)
        if name_mode:
            spotted += ngettext(", {n} tactic named right", ", {n} tactics named right",
                                s.named_right).format(n=s.named_right)
    else:
        spotted = ngettext("Spotting: no red flags in this story, {f} false alarm",
                           "Spotting: no red flags in this story, {f} false alarms",
                           s.false_alarms).format(f=s.false_alarms)
    top = scoring.DID_SPOTTING if did else scoring.SPOTTING
    rows.append(MeterRow(spotted, s.flag_points, top, of.format(v=s.flag_points, m=top)))
    if model.choices:
        counts = {k: sum(c.choice.safety == k for c in model.choices) for k in ("safe", "risky", "unsafe")}
        told = [ngettext("{n} safe", "{n} safe", counts["safe"]).format(n=counts["safe"]),
                ngettext("{n} risky", "{n} risky", counts["risky"]).format(n=counts["risky"]),
                ngettext("{n} unsafe", "{n} unsafe", counts["unsafe"]).format(n=counts["unsafe"])]
        top = scoring.DID_REPLIES if did else scoring.REPLIES
        rows.append(MeterRow(_("Replies: {counts}").format(counts=", ".join(told)), s.choice_points, top,
                             of.format(v=s.choice_points, m=top)))
        if did:
            rows.append(MeterRow(_("What you did"), s.did_points, scoring.DID,
                                 of.format(v=s.did_points, m=scoring.DID)))
    if model.ending is not None:
        rows.append(MeterRow(_("Ending: {o}").format(o=outcome_name(model.ending.outcome)), s.outcome_points,
                             scoring.ENDING, of.format(v=s.outcome_points, m=scoring.ENDING)))
    if did:
        explain = _("Four parts: spotting red flags ({a}), safe replies ({b}), the ending ({c}) and what "
                    "you did ({d}). False alarms cost a little, so flag what really worries you.").format(
                        a=scoring.DID_SPOTTING, b=scoring.DID_REPLIES, c=scoring.ENDING, d=scoring.DID)
    else:
        explain = _("Three parts: spotting red flags ({a}), safe replies ({b}) and the ending ({c}). "
                    "False alarms cost a little, so flag what really worries you.").format(
                        a=scoring.SPOTTING, b=scoring.REPLIES, c=scoring.ENDING)
    return Card([
        TextBlock(ngettext("Your score: {p} of {m} point ({pc}%)", "Your score: {p} of {m} points ({pc}%)",
                           s.max_points).format(p=s.points, m=s.max_points, pc=s.percent)
                  + "  ·  " + band_name(s.band), "large", "text", True),
        Meters(rows, name="score-meters"),
        TextBlock(explain, "small", "muted"),
    ], name="score")


# -- the three you missed, what you did well ----------------------------------------------------

def rule_words(rule: str, paid: int) -> str:
    """A "what you did" rule met or missed, in the words of the debrief's "What you did" card."""
    if rule == "paid_again":
        return ngettext("You paid {n} time. Paying rarely stops it.", "You paid {n} times. Paying rarely stops it.",
                        paid).format(n=paid)
    return {
        "no_evidence": _("No evidence kept: take a screenshot before you block, leave or delete"),
        "deleted_evidence": _("You deleted the chat before keeping evidence"),
        "not_reported": _("You didn't report the account"),
        "not_blocked": _("You didn't block the account after keeping evidence"),
        "not_told": _("You didn't tell a safe adult"),
        "told_late": _("You told a safe adult, but it took a while: tell sooner"),
        "paid_once": _("You paid once, then stopped"),
        "kept_evidence": _("You kept evidence: a screenshot before the chat was gone"),
        "reported": _("You reported the account"),
        "blocked": _("You blocked the account"),
        "told": _("You told a safe adult"),
        "never_paid": _("You never paid"),
    }.get(rule, rule)


BAD_RULES = ("deleted_evidence", "paid_again")


def missed_heading(n: int) -> str:
    return {1: _("The one you missed"), 2: _("The two you missed"), 3: _("The three you missed")}.get(
        n, _("The three you missed"))


def item_card(h: Highlight, good: bool, model: scoring.DebriefModel, lang: str, tax) -> Card:
    """One highlight: what it was, in a line with its tone's mark, then the story's own words."""
    paid = model.did.paid if model.did is not None else 0
    items: list[Block] = []
    if h.flag is not None:
        f = h.flag
        cat = category_name(tax, f.category, lang)
        tone = "good" if good else "warn"
        head = _("Caught: {cat}").format(cat=cat) if good else _("Missed red flag: {cat}").format(cat=cat)
        who = model.scenario.characters.get(f.message.sender)
        items.append(TextBlock(marked(tone, head), "small", tone, True))
        quote = f.message.text.get(lang)
        items.append(TextBlock(_("{name}: “{text}”").format(name=who.name.get(lang), text=quote) if who
                               else f"“{quote}”", "body", "text"))
        if f.why is not None:
            items.append(TextBlock(f.why.get(lang), "body", "text"))
    elif h.choice is not None:
        c = h.choice.choice
        tone = SAFETY_TONES[c.safety]
        if h.rule is not None and not good and h.rule in BAD_RULES:
            tone = "bad"
        head = marked(tone, rule_words(h.rule, paid)) if h.rule else safety_label(c.safety)
        items.append(TextBlock(head, "small", tone, True))
        items.append(TextBlock(_("You chose: {text}").format(text=c.text.get(lang)), "body", "text", True))
        items.append(TextBlock(c.feedback.get(lang), "body", "text"))
    else:
        tone = "good" if good else "bad" if h.rule in BAD_RULES else "warn"
        items.append(TextBlock(marked(tone, rule_words(h.rule or "", paid)), "body", tone, True))
    return Card(items, bg=f"{tone}_bg", accent=tone, border=None)


def lead_blocks(lead: Highlights, model: scoring.DebriefModel, lang: str, tax, to_replay) -> list[Block]:
    """The two lists, then the button to the whole chat (`to_replay` scrolls there)."""
    blocks: list[Block] = []
    n = len(lead.missed)
    blocks.append(TextBlock(missed_heading(n) if n else _("Nothing missed this time"), "heading", "text", True))
    blocks += [item_card(h, False, model, lang, tax) for h in lead.missed]
    blocks.append(TextBlock(_("What you did well"), "heading", "text", True))
    if lead.did_well:
        blocks += [item_card(h, True, model, lang, tax) for h in lead.did_well]
    else:
        blocks.append(TextBlock(_("Every try teaches something: play again and look for the red flags."),
                                "body", "text"))
    blocks.append(Row([Button(_("See the whole chat again"), to_replay, "secondary", width="auto",
                              name="to-replay")]))
    return blocks
