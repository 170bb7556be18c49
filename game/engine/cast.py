"""Who is in the chat and the fictional app it happens in: a scenario's cast and setting.

Separate from the beats because these are described once per story, while beats refer to the
characters by id only.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from .basetypes import Ident, _Strict
from .localtext import Text

PlatformKind = Literal["game_chat", "social_dm", "text_messages", "group_chat", "livestream"]


class Platform(_Strict):
    """The fictional app the chat imitates. Never use a real app's name."""

    name: str = Field(min_length=1, description="A fictional app name, e.g. 'PixelQuest'.",
                      examples=["PixelQuest"])
    kind: PlatformKind = Field(description="What kind of chat it looks like.")


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")


class Character(_Strict):
    """Someone in the chat (other than the player)."""

    name: Text = Field(description="Display name shown in the chat header and bubbles. A plain name "
                       "stays the same in French; give en/fr for words like Mom/Maman.",
                       examples=["Kai_Storm", {"en": "Mom", "fr": "Maman"}])
    avatar: str = Field(default="", description="An emoji, 1-2 initials, or a PNG/JPEG path "
                        "relative to the scenarios folder (e.g. avatars/kai.png).",
                        examples=["🎮", "JP", "avatars/kai.png"])
    status: Text | None = Field(default=None, description="Header status line, e.g. 'online'.")
    claimed: Text | None = Field(default=None, description="Debrief: who they said they were.")
    really: Text | None = Field(default=None, description="Debrief: who they really were.")
    offender: bool = Field(default=False, description="This character is the one doing harm: "
                           "each of their messages needs a flag, a note or a borderline mark, so "
                           "a student who flags a real warning sign is never told 'false alarm'.")

    @property
    def avatar_is_image(self) -> bool:
        return self.avatar.lower().endswith(IMAGE_SUFFIXES) or "/" in self.avatar or "\\" in self.avatar


class Thread(_Strict):
    """One conversation on the phone (format 2): a direct message or a group chat."""

    members: Ident | tuple[Ident, ...] = Field(alias="with", description="The character id the "
                                               "player talks with, or a list for a group chat.")
    title: Text | None = Field(default=None, description="The name the phone shows (default: the "
                               "character's name).")
    kind: Literal["dm", "group"] = Field(default="dm", description="dm or group.")
    opens: Literal["start", "later"] = Field(default="start", description="start: there from the "
                                             "beginning; later: when a beat's `open:` names it.")
    app: str | None = Field(default=None, min_length=1, description="The fictional app this "
                            "conversation is on when it is not the story's (`platform: name:`), e.g. "
                            "another app the offender finds the player on: its look, and where a "
                            "report made there goes.", examples=["FaceLoop"])

    model_config = ConfigDict(populate_by_name=True)

    @property
    def people(self) -> tuple[str, ...]:
        return (self.members,) if isinstance(self.members, str) else self.members
