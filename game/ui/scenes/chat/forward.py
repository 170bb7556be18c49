"""Names of the chat scene that live on one of its parts.

Other screens (the discussion pause), the tests and the benches know the chat by names such as
`chat.items`, `chat.feedback` or `chat.wait_left`; the parts (log, pacer, dock...) own that state
now, and these keep the names working, for reading and for setting.
"""

from __future__ import annotations

from typing import Any


class Forward:
    """A name of the chat scene that lives on one of its parts (other screens, tests and the
    benches use these names; the parts own the state)."""

    def __init__(self, part: str, name: str = ""):
        self.part, self.name = part, name

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = self.name or name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return getattr(getattr(obj, self.part), self.name)

    def __set__(self, obj: object, value: Any) -> None:
        setattr(getattr(obj, self.part), self.name, value)
