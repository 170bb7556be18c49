"""The story itself, beat by beat: messages with their marks, choices, routes and endings.

These are the nodes the runtime steps through and the scoring reads; the safety and outcome
words a writer may use are defined here, where the choices and endings that use them are.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema

from .basetypes import Ident, VarValue, _Strict
from .conditions import Cond
from .localtext import Text

Safety = Literal["safe", "risky", "unsafe"]
Outcome = Literal["safe", "risky", "harmful"]
AttachmentKind = Literal["image", "video", "voice", "file", "link", "screenshot", "gift", "call"]


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


class Message(_Strict):
    """One chat bubble (or a system line)."""

    sender: Ident = Field(alias="from", description="A character id, 'you' for the player, or "
                          "'system' for a grey system line.", examples=["jay", "you", "system"])
    text: Text = Field(description="What the bubble says. Quote it if it contains ': '.")
    time: str | None = Field(default=None, description="Timestamp label, e.g. '8:30 PM'.")
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

    model_config = ConfigDict(populate_by_name=True)


class Choice(_Strict):
    """A reply the player can pick."""

    text: Text = Field(description="The reply as it will be sent.")
    goto: Ident = Field(description="The beat this choice leads to.")
    safety: Safety = Field(description="How safe this reply is.")
    feedback: Text = Field(description="Why this reply is safe, risky or unsafe.")
    set: dict[str, VarValue] = Field(default_factory=dict,
                                     description="Story variables this choice sets.")
    when: Cond | None = Field(default=None, alias="if",
                              description="Offer this choice only when the condition holds.")
    label: Text | None = Field(default=None, description="Short button text if `text` is long.")

    model_config = ConfigDict(populate_by_name=True)


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


class Ending(_Strict):
    """How the story ends on this path."""

    outcome: Outcome = Field(description="safe, risky or harmful. Endings that go wrong still "
                             "end with help, never blame.")
    title: Text = Field(description="A short heading for the ending.")
    text: Text = Field(description="What happened next.")


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
