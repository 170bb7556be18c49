"""The debrief: the outcome, a score that explains itself (a meter per part), the three things
missed and what went well (widgets/debrief_lead.py), the whole conversation replayed with
every flag marked (caught, missed, false alarm) and why, each reply with its feedback, who the
contact really was, discussion questions, what to do in real life, and where to get help.
Everything shown comes from the engine's `debrief()`; nothing is judged here.
"""

from __future__ import annotations

import copy

import pygame

from ...classroom import played as played_stories
from ...engine import scoring
from ...engine.deeds import TELL_SOON, DidResult
from ...engine.highlights import highlights
from ...engine.model import PLAYER, SYSTEM
from ...engine.runtime import MessageEvent, Playthrough, ReplyEvent
from ...engine.taxonomy import category_name
from ...i18n import _, ngettext
from .. import text as tx
from ..theme import theme
from ..widgets.base import Block, Button, Card, Custom, Row, Spacer, TextBlock, avatar
from ..widgets.bubble import attachment_label, bubble_size, render_bubble
from ..widgets.debrief_lead import Landmark, lead_blocks, score_card
from ..widgets.marks import OUTCOME_TONES, SAFETY_TONES, outcome_label, safety_label
from ..widgets.resources import resource_cards
from .page import PageScene


def did_lines(did: DidResult) -> list[tuple[str, str]]:
    """What the player did, rule by rule, in words: (tone, text), a rule the story doesn't offer left out."""
    out: list[tuple[str, str]] = []
    if did.kept_evidence is not None:
        out.append(("good", "✓ " + _("You kept evidence: a screenshot before the chat was gone")) if did.kept_evidence
                   else ("warn", "! " + _("No evidence kept: take a screenshot before you block, leave or delete")))
    if did.deleted_evidence:
        out.append(("bad", "✗ " + _("You deleted the chat before keeping evidence")))
    if did.reported is not None:
        out.append(("good", "✓ " + _("You reported the account")) if did.reported
                   else ("warn", "! " + _("You didn't report the account")))
    if did.report_reason is not None:  # the reason picked in the app's report sheet (any report counts)
        from ...engine.reports import reason

        out.append(("good" if did.report_fits else "text", "   " + _("You reported it as: {reason}").format(
            reason=reason(did.report_reason).label.get())))
        if not did.report_fits and did.best_reason is not None:
            best = reason(did.best_reason)
            out.append(("text", "   " + _("Best reason here: {reason} ({meant_for})").format(
                reason=best.label.get(), meant_for=best.meant_for.get().rstrip("."))))
    if did.blocked is not None:
        out.append(("good", "✓ " + _("You blocked the account")) if did.blocked
                   else ("warn", "! " + _("You didn't block the account after keeping evidence")))
    if did.told is not None:
        if not did.told:
            out.append(("warn", "! " + _("You didn't tell a safe adult")))
        elif did.tell_delay is not None and did.tell_delay > TELL_SOON:
            out.append(("warn", "✓ " + _("You told a safe adult, but it took a while: tell sooner")))
        else:
            out.append(("good", "✓ " + _("You told a safe adult")))
    if did.stayed_unpaid is not None:
        if did.paid == 0:
            out.append(("good", "✓ " + _("You never paid")))
        elif did.paid == 1:
            out.append(("warn", "! " + _("You paid once, then stopped")))
        else:
            out.append(("bad", "✗ " + ngettext("You paid {n} time. Paying rarely stops it.",
                                               "You paid {n} times. Paying rarely stops it.",
                                               did.paid).format(n=did.paid)))
    return out




class DebriefScene(PageScene):
    name = "debrief"
    in_session = False  # a class session's debrief: the session, not the story list, marks it

    def __init__(self, app, pt: Playthrough):
        self.pt = pt
        self.model = scoring.debrief(pt.scenario, pt.state)
        self.lead = highlights(self.model, self.model.did)  # the three missed, what went well
        self.title = _("Debrief: {title}").format(title=pt.scenario.title.get(app.settings.lang))
        if pt.ended and not self.in_session:  # the story list marks it as played on this computer
            played_stories.remember(pt.scenario.id)
        super().__init__(app)

    # -- actions --------------------------------------------------------------------------------

    def play_again(self) -> None:
        self.app.open("chat", self.pt.scenario, replace=True)

    def another_path(self) -> None:
        """Back to the last choice, keeping the flags raised before it, to try another reply."""
        # a plain copy: the finished play (maybe recorded) stays as it was; the rule is the engine's
        earlier = Playthrough(self.pt.scenario, copy.deepcopy(self.pt.state))
        earlier.rewind()
        self.app.open("chat", self.pt.scenario, earlier.state, replace=True)

    def buttons(self, suffix: str) -> Row:
        items = [Button(_("Play again"), self.play_again, "primary", width="auto", name=f"again{suffix}")]
        if self.pt.state.choices:
            items.append(Button(_("Try another path"), self.another_path, "secondary", width="auto",
                                name=f"path{suffix}"))
        items.append(Button(_("Choose another story"), self.app.open_picker, "secondary", width="auto",
                            name=f"picker{suffix}"))
        return Row(items)

    # -- content --------------------------------------------------------------------------------

    def build(self):
        lang = self.app.settings.lang
        d, sc = self.model, self.pt.scenario
        tax = self.app.library.taxonomy
        blocks = [self.buttons("")]
        if d.ending is not None:
            tone = OUTCOME_TONES[d.ending.outcome]
            blocks.append(Card([TextBlock(outcome_label(d.ending.outcome), "small", tone, True),
                                TextBlock(d.ending.title.get(lang), "large", "text", True),
                                TextBlock(d.ending.text.get(lang), "body", "text")],
                               bg=f"{tone}_bg", accent=tone, name="outcome"))
        blocks.append(self.score_card())
        blocks += lead_blocks(self.lead, d, lang, tax, self.show_replay)
        if d.did is not None:
            blocks.append(self.did_card())
        self.replay_mark = Landmark(_("The conversation, replayed"), "replay")
        blocks.append(self.replay_mark)
        blocks.append(TextBlock(_("Every red flag is marked: ✓ caught, ! missed, ✗ false alarm."),
                                "small", "muted"))
        blocks += self.replay_blocks(lang, tax)
        who = [c for c in sc.characters.values() if c.claimed or c.really]
        if who:
            blocks.append(TextBlock(_("Who they really were"), "heading", "text", True))
            for c in who:
                items = [TextBlock(c.name.get(lang), "body", "text", True)]
                if c.claimed:
                    items.append(TextBlock(_("Said: {text}").format(text=c.claimed.get(lang)), "body", "muted"))
                if c.really:
                    items.append(TextBlock(_("Really: {text}").format(text=c.really.get(lang)), "body", "text", True))
                blocks.append(Card(items, accent="flag"))
        blocks.append(TextBlock(_("What happened"), "heading", "text", True))
        blocks.append(TextBlock(sc.debrief.summary.get(lang), "body", "text"))
        blocks.append(TextBlock(_("Talk it over"), "heading", "text", True))
        for n, q in enumerate(sc.debrief.questions, 1):
            blocks.append(TextBlock(f"{n}.  {q.get(lang)}", "body", "text", bg="neutral_bg"))
        if sc.debrief.real_life:
            blocks.append(TextBlock(_("What to do in real life"), "heading", "text", True))
            for tip in sc.debrief.real_life:
                blocks.append(TextBlock("•  " + tip.get(lang), "body", "text"))
        blocks.append(TextBlock(_("Where to get help"), "heading", "text", True))
        blocks += resource_cards(self.app.library.resources, self.app.settings.region, lang,
                                 tuple(sc.debrief.resources))
        blocks.append(Spacer(1))
        blocks.append(self.buttons("-end"))
        return blocks

    def score_card(self) -> Card:
        """The score in the engine's parts (docs/scoring.md), a meter per part (widgets/debrief_lead.py)."""
        return score_card(self.model, self.pt.state.difficulty == "name")

    def show_replay(self) -> None:
        """The "See the whole chat again" button: the replay's heading at the top, with the focus."""
        if self.replay_mark in self.blocks and self._tops:
            top = self._tops[self.blocks.index(self.replay_mark)] - theme().px("margin")
            self.offset = max(0.0, min(float(top), self.max_offset()))
        self.focus(self.replay_mark)

    def did_card(self) -> Card:
        """What you did (format 2): each rule met or missed, in words (the rules are the engine's)."""
        assert self.model.did is not None
        items: list[Block] = [TextBlock(_("What you did"), "heading", "text", True)]
        for tone, text in did_lines(self.model.did):
            items.append(TextBlock(text, "body", tone, True))
        items.append(TextBlock(_("Keep evidence, block, report, tell a safe adult, and never pay."), "small", "muted"))
        return Card(items, name="did")

    def replay_blocks(self, lang: str, tax) -> list[Block]:
        flags = {f.index: f for f in self.model.flags}
        choices = iter(self.model.choices)
        out: list[Block] = []
        for ev in self.pt.replay():  # the transcript: its messages and the replies chosen
            if isinstance(ev, MessageEvent):
                m = ev.message
                att = (attachment_label(m.attachment.kind), m.attachment.alt.get(lang)) if m.attachment else None
                ch = self.pt.scenario.characters.get(m.sender)
                out.append(self.bubble_block(m.text.get(lang), att, m.sender == PLAYER, m.sender == SYSTEM,
                                             ch, ev.index in flags and flags[ev.index].status in ("caught", "false_alarm")))
                f = flags.get(ev.index)
                if f is not None:
                    out.append(self.flag_card(f, lang, tax))
            elif isinstance(ev, ReplyEvent):
                # an action (`action: true`) is a line like a system line, not the player's bubble
                out.append(self.bubble_block(ev.choice.text.get(lang), None, not ev.action, ev.action, None, False))
                c = next(choices, None)
                if c is not None:
                    tone = SAFETY_TONES[c.choice.safety]
                    title = safety_label(c.choice.safety)
                    out.append(Card([TextBlock(f"{title}  (+{c.points})", "small", tone, True),
                                     TextBlock(c.choice.feedback.get(lang), "body", "text")],
                                    bg=f"{tone}_bg", accent=tone, border=None))
        return out

    def flag_card(self, f, lang: str, tax) -> Card:
        cat = category_name(tax, f.category, lang)
        if f.status == "caught":
            tone, head = "good", "✓ " + _("Caught: {cat}").format(cat=cat) + f"  (+{f.points})"
        elif f.status == "missed":
            tone, head = "warn", "! " + _("Missed red flag: {cat}").format(cat=cat)
        elif f.status == "false_alarm":
            tone, head = "neutral", "✗ " + _("False alarm: this one was fine") + f"  ({f.points})"
        elif f.status == "borderline":
            tone, head = "neutral", ("🚩 " + _("You flagged a judgement call (no points won or lost)")
                                     if f.flagged else _("A judgement call: worth talking about"))
        else:
            tone, head = "neutral", _("Looks odd, but it was fine")
        items = [TextBlock(head, "small", tone if tone != "neutral" else "text", True)]
        if f.named is not None and f.status == "caught":
            if f.named_right:
                items.append(TextBlock(_("You named it: {name} ✓").format(name=category_name(tax, f.named, lang)),
                                       "small", "good", True))
            else:
                items.append(TextBlock(_("You named it: {name}. The tactic was {cat}.").format(
                    name=category_name(tax, f.named, lang), cat=cat), "small", "warn", True))
        if f.why is not None:
            items.append(TextBlock(f.why.get(lang), "body", "text"))
        return Card(items, bg=f"{tone}_bg", accent=tone if tone != "neutral" else "faint", border=None)

    def bubble_block(self, text: str, att, outgoing: bool, system: bool, ch, flagged: bool) -> Custom:
        cache: dict = {}

        def geometry(w: int):
            t = theme()
            av = t.px("avatar")
            max_w = round((w - av - t.px("gap")) * t.raw("bubble_max"))
            return av, max_w

        def measure(w: int) -> int:
            if system:
                return tx.text_height(text, "small", w) + theme().px("gap")
            _av, max_w = geometry(w)
            return bubble_size(text, att, max_w)[1]

        def draw(surf: pygame.Surface, rect: pygame.Rect, ui) -> None:
            t = theme()
            if system:
                tx.draw_text(surf, text, "small", "system_text", rect.topleft, rect.w, False, rect, "center")
                return
            av, max_w = geometry(rect.w)
            key = (max_w, t.generation)
            if key not in cache:
                cache.clear()
                cache[key] = render_bubble(text, att, outgoing, max_w)
            img = cache[key]
            x = rect.right - img.get_width() if outgoing else rect.x + av + t.px("gap")
            if ch is not None and not outgoing:
                asz = round(av * 0.8)
                avatar(surf, (rect.x + av // 2, rect.y + img.get_height() - asz // 2), asz, ch.avatar, ch.name.get(self.app.settings.lang))
            surf.blit(img, (x, rect.y))
            tx.note(surf, pygame.Rect(x, rect.y, img.get_width(), img.get_height()), rect, text)
            if flagged:
                r = pygame.Rect(x, rect.y, img.get_width(), img.get_height())
                pygame.draw.rect(surf, t.color("flag"), r.inflate(4, 4), 3,
                                 border_radius=min(t.px("radius"), r.h // 2) + 2)

        block = Custom(measure, draw)
        block.speech = text  # what read aloud says for it
        return block
