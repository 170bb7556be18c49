"""The story itself, beat by beat: messages with their marks, choices, routes and endings.

These are the nodes the runtime steps through and the scoring reads; the safety and outcome
words a writer may use are defined here, where the choices and endings that use them are.
A choice may be an action (what the player does, not a message they send) and may count
(`add:`); an ending may have variants chosen by conditions, resolved here for the runtime.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .basetypes import Ident, VarValue, _Strict
from .conditions import Cond
from .localtext import Text, TimeLabel, label_text

Safety = Literal["safe", "risky", "unsafe"]
Outcome = Literal["safe", "risky", "harmful"]
AttachmentKind = Literal["image", "video", "voice", "file", "link", "screenshot", "gift", "call"]
# What an action reply does in the app (format 2), and why a `report` reports: docs/scenario-format.md.
ActionKind = Literal["screenshot", "block", "report", "mute", "leave", "delete", "deactivate", "pay", "tell"]
ReportReason = Literal["harassment", "nudity", "threats", "spam", "pretending"]


class Flag(_Strict):
    """Marks a message as a red flag students should catch."""

    category: Ident = Field(description="A category id from scenarios/taxonomy.yaml.",
                            examples=["flattery"])
    also: tuple[Ident, ...] = Field(default=(), description="Other categories that also count as "
                                    "a correct name in Name it mode.")
    why: Text = Field(description="Why this is a red flag, written for students.")


class Attachment(_Strict):
    """Something sent with a message. Shown only as a placeholder card with its alt text."""

    kind: AttachmentKind = Field(description="What was sent; shown as an icon and a word.")
    alt: Text = Field(description="What the placeholder says; read aloud to screen readers.")


REACTION_RE = re.compile(r"^[^\sA-Za-z0-9]{1,8}$")


def _check_reaction(value: Any) -> Any:
    if isinstance(value, str) and not REACTION_RE.match(value):
        raise PydanticCustomError(
            "rf_reaction", "'{value}' is not a reaction: write one emoji, such as ❤️ or 👍 (no letters, "
            "digits or spaces)", {"value": value})
    return value


# An emoji the sender reacts with (format 2): checked in a writer's words, as ids are
Reaction = Annotated[str, BeforeValidator(_check_reaction),
                     WithJsonSchema({"type": "string", "pattern": REACTION_RE.pattern, "examples": ["❤️", "👍"]})]


class Message(_Strict):
    """One chat bubble (or a system line)."""

    sender: Ident = Field(alias="from", description="A character id, 'you' for the player, or "
                          "'system' for a grey system line.", examples=["jay", "you", "system"])
    text: Text = Field(description="What the bubble says. Quote it if it contains ': '.")
    time: TimeLabel | None = Field(default=None, description="Timestamp label: a clock such as "
                                   "'8:30 PM' (French shows it as 20 h 30 by itself), or "
                                   "{en: yesterday, fr: hier}.")
    typing: float | None = Field(default=None, ge=0, le=30,
                                 description="Seconds the typing indicator shows (at normal speed).")
    pause: float | None = Field(default=None, ge=0, le=30,
                                description="Seconds of silence before this message (normal speed).")
    attachment: Attachment | None = None
    flag: Flag | None = None
    note: Text | None = Field(default=None, description="Why this looks suspicious but is fine. "
                              "Flagging it is a false alarm; the debrief shows this note.")
    borderline: Text | None = Field(default=None, description="A judgement call: flagging it is "
                                    "neither scored right nor counted as a false alarm, and the "
                                    "debrief shows this text to explain why.")
    when: Cond | None = Field(default=None, alias="if",
                              description="Show this message only when the condition holds.")
    thread: Ident | None = Field(default=None, description="Format 2: the conversation it appears "
                                 "in (default: the story's first thread).")
    reaction: Reaction | None = Field(default=None, description="Format 2: the sender reacted to the player's previous "
                                 "message with this emoji (shown as a badge on it where the app "
                                 "has reactions).")

    model_config = ConfigDict(populate_by_name=True)

    def time_label(self, lang: str = "en") -> str:
        """The time label in `lang`, as written ("" for none): a front end formats a clock."""
        return label_text(self.time, lang)


class Choice(_Strict):
    """A reply the player can pick."""

    text: Text = Field(description="The reply as it will be sent.")
    goto: Ident = Field(description="The beat this choice leads to.")
    safety: Safety = Field(description="How safe this reply is.")
    feedback: Text = Field(description="Why this reply is safe, risky or unsafe.")
    set: dict[str, VarValue] = Field(default_factory=dict,
                                     description="Story variables this choice sets.")
    add: dict[str, int] = Field(default_factory=dict, description="Counters this choice adds to "
                                "(after `set:`), e.g. {warnings: 1}; a counter starts at 0.",
                                examples=[{"warnings": 1}])
    when: Cond | None = Field(default=None, alias="if",
                              description="Offer this choice only when the condition holds.")
    label: Text | None = Field(default=None, description="Short button text if `text` is long.")
    action: bool | ActionKind = Field(
        default=False, description="true: the reply is something the player does (screenshot it, "
        "show a parent), not a message sent in the chat: shown as an action line, not as the "
        "player's bubble. Format 2 may name what it does: screenshot, block, report, mute, leave, "
        "delete, deactivate, pay or tell (scored in 'what you did').")
    reason: ReportReason | None = Field(default=None, description="With `action: report`: the "
                                        "report reason picked in the app.")
    to: Ident | None = Field(default=None, description="With `action: tell`: the thread of the "
                             "safe adult told.", examples=["mom"])

    model_config = ConfigDict(populate_by_name=True)

    @property
    def act(self) -> str | None:
        """What this action reply does: its kind, "act" for `action: true`, None for a message."""
        if self.action is True:
            return "act"
        return self.action or None


class Route(_Strict):
    """One branch of an automatic `next`: go to `goto` if the condition holds."""

    goto: Ident = Field(description="The beat to go to.")
    when: Cond | None = Field(default=None, alias="if",
                              description="Take this route only when the condition holds.")

    model_config = ConfigDict(populate_by_name=True)


def _next_routes(value: Any) -> Any:
    if isinstance(value, str):
        return [{"goto": value}]
    return value


Next = Annotated[
    tuple[Route, ...],
    BeforeValidator(_next_routes),
    WithJsonSchema({"anyOf": [
        {"type": "string", "description": "The beat that follows automatically."},
        {"type": "array", "items": {"$ref": "#/definitions/Route"},
         "description": "Routes tried in order; the first whose `if` holds is taken."},
    ]}),
]


class EndingVariant(_Strict):
    """Another variant of an ending, used when its condition holds: it replaces the outcome,
    title or text it gives, and keeps the ending's own for the rest."""

    when: Cond = Field(alias="if", description="Use this variant when the condition holds.")
    outcome: Outcome | None = Field(default=None, description="The outcome in this variant.")
    title: Text | None = Field(default=None, description="The heading in this variant.")
    text: Text | None = Field(default=None, description="What happened next, in this variant.")

    model_config = ConfigDict(populate_by_name=True)


class Ending(_Strict):
    """How the story ends on this path."""

    outcome: Outcome = Field(description="safe, risky or harmful. Endings that go wrong still "
                             "end with help, never blame.")
    title: Text = Field(description="A short heading for the ending.")
    text: Text = Field(description="What happened next.")
    variants: tuple[EndingVariant, ...] = Field(
        default=(), description="Variants of this ending chosen by conditions: the first whose "
        "`if` holds replaces the outcome, title or text it gives; none holds: the ending as written.")

    def variant_for(self, env: Mapping[str, Any]) -> int | None:
        """The index of the variant the story variables choose (None: the ending as written)."""
        return next((i for i, v in enumerate(self.variants) if v.when.holds(env)), None)

    def variant(self, index: int | None) -> Ending:
        """The ending as a player sees it in variant `index` (None: as written), without variants."""
        if index is None:
            return self if not self.variants else self.model_copy(update={"variants": ()})
        v = self.variants[index]
        return self.model_copy(update={"outcome": v.outcome or self.outcome, "title": v.title or self.title,
                                       "text": v.text or self.text, "variants": ()})

    def chosen(self, env: Mapping[str, Any]) -> Ending:
        """The ending the story variables choose, as the player sees it."""
        return self.variant(self.variant_for(env))


class Discussion(_Strict):
    """A 'Talk it over' pause before the choices of a beat (classroom sessions)."""

    prompt: Text = Field(description="The question groups talk over before they choose.")
    teacher_note: Text | None = Field(default=None, description="Shown only in teacher view.")


class Beat(_Strict):
    """A stretch of conversation: messages, then choices, an automatic next beat, or an ending."""

    label: Text | None = Field(default=None, description="A separator shown before the beat, "
                               "e.g. 'Later that night'.")
    messages: tuple[Message, ...] = Field(default=(), description="The messages, in order.")
    choices: tuple[Choice, ...] | None = Field(default=None, description="2 to 4 replies.")
    next: Next | None = Field(default=None, description="The beat that follows automatically.")
    ending: Ending | None = Field(default=None, description="Ends the story here.")
    discuss: Discussion | None = None
    open: Annotated[tuple[Ident, ...], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] = Field(
        default=(), description="Format 2: threads that appear when this beat starts (a thread "
        "declared with `opens: later`), e.g. a new account after a block.")
