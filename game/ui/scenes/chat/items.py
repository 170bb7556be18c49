"""What the chat list holds: one Item per bubble, date line, system line, action line or ending
card, made from the engine's events in the player's language (the list, the drawing and read
aloud share them). An action line is a reply that is something the player does (`action: true`),
shown like a system line, not as a bubble the player sent."""

from __future__ import annotations

from dataclasses import dataclass

from ....engine.model import PLAYER, SYSTEM, Scenario
from ....engine.runtime import EndingEvent, MessageEvent, Playthrough, ReplyEvent
from ....i18n import format_time
from ...widgets.bubble import attachment_label
from .wording import ending_note


@dataclass
class Item:
    """One line of the chat list, in the player's language."""

    kind: str  # message, reply, action, separator, system, ending
    index: int  # transcript index (-1 for separators and the ending)
    text: str
    sender: str = ""
    time: str = ""
    attachment: tuple[str, str] | None = None
    flaggable: bool = False
    outcome: str = ""
    named: bool = False  # the sender's name above it: the first of a run in a chat with several
    thread: str = ""  # the conversation it is in (format 2; "": every one, as the ending)
    reacts: str = ""  # a message: the emoji its sender reacted to the player's previous one with
    reaction: str = ""  # the player's bubble: the reaction it got (where the app shows reactions)
    seen: bool = False  # the player's last bubble, answered: "Seen" under it (where the app says so)

    @property
    def outgoing(self) -> bool:
        return self.kind == "reply" or self.sender == PLAYER


def several_senders(scenario: Scenario) -> bool:
    """Several people talk (a group chat): each run of lines shows its sender's name."""
    return len(scenario.characters) > 1 or scenario.platform.kind == "group_chat"


def message_item(ev: MessageEvent, pt: Playthrough, lang: str) -> Item:
    """A message's bubble (or a system line), flaggable when the engine says it may be flagged."""
    m = ev.message
    att = (attachment_label(m.attachment.kind), m.attachment.alt.get(lang)) if m.attachment else None
    kind = "system" if m.sender == SYSTEM else "message"
    label = m.time_label(lang)
    return Item(kind, ev.index, m.text.get(lang), m.sender, format_time(label, lang) if label else "", att,
                pt.flaggable(ev.index), thread=ev.thread, reacts=m.reaction or "")


def separator_item(ev: MessageEvent, lang: str) -> Item | None:
    """The date line a message may bring before it ("Tuesday"), if any."""
    return Item("separator", -1, ev.separator.get(lang), thread=ev.thread) if ev.separator is not None else None


def reply_item(ev: ReplyEvent, lang: str, thread: str = "") -> Item:
    """The player's reply (in `thread`, the one it answers): their bubble, or an action line.
    Telling a safe adult in their own chat is said, not done: the words are the player's bubble
    there ("(go find Dad)" from another chat stays an action line)."""
    said = not ev.action or (ev.choice.act == "tell" and ev.choice.to == thread)
    return Item("reply" if said else "action", ev.index, ev.choice.text.get(lang), thread=thread)


def is_players_turn(it: Item) -> bool:
    """A line the player added by choosing: a reply bubble or an action line."""
    return it.kind in ("reply", "action")


def ending_item(ev: EndingEvent, lang: str, flags_left: bool) -> Item:
    """The ending card; `flags_left`: the last message may be a red flag nobody had time to flag."""
    e = ev.ending
    text = e.text.get(lang)
    if flags_left:
        text += "\n\n" + ending_note()
    return Item("ending", -1, text, sender=e.title.get(lang), outcome=e.outcome)


def same_run(a: Item, b: Item) -> bool:
    """Two bubbles in a row from the same sender (the player's own count as one sender): one run,
    which shows its sender's name once, its avatar and tail once."""
    bubbles = ("message", "reply")
    return a.kind in bubbles and b.kind in bubbles and (
        a.outgoing and b.outgoing or (not a.outgoing and not b.outgoing and a.sender == b.sender))
