"""The chat read aloud: how a line, the replies and a Coach card sound, and what automatic reading
says next (no pygame: the screen speaks for itself, the speech engine only voices it).

Automatic reading (Voice, once a frame) asks the chat for what is new since it last asked: the
title when the chat starts, then each new line, a new Coach card and new replies. When something
covered the chat (a dialog, a pause, the settings), it starts again from the title, as a screen
reader does when focus comes back to a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ....engine.model import Scenario
from ....engine.runtime import ChoicesEvent
from ....i18n import _
from .wording import Feedback

if TYPE_CHECKING:
    from .items import Item
    from .scene import ChatScene


def item_speech(it: Item, scenario: Scenario, lang: str, flags: dict[int, str | None]) -> str:
    """A chat line as read aloud: who says it, then what (and an attachment's description)."""
    if it.kind in ("separator", "system"):
        return it.text
    if it.kind == "action":
        return _("Your action: {action}").format(action=it.text)
    if it.kind == "ending":
        return f"{it.sender}. {it.text}"
    if it.outgoing:
        who = _("You")
    else:
        ch = scenario.characters.get(it.sender)
        who = ch.name.get(lang) if ch is not None else it.sender
    parts = [_("{name} says: {text}").format(name=who, text=it.text) if it.text else who]
    if it.attachment:
        parts.append(f"{it.attachment[0]}: {it.attachment[1]}")
    if it.flaggable and it.index in flags:
        parts.append(_("You flagged this message."))
    if it.reaction:  # what the bubble shows, said too (only in apps with reactions and receipts)
        parts.append(_("Reaction: {emoji}").format(emoji=it.reaction))
    if it.seen:
        parts.append(_("Seen"))
    return ". ".join(parts)


def choices_speech(labels: Sequence[str]) -> str:
    """The replies on offer, numbered as their keys are."""
    if not labels:
        return ""
    return _("Your reply:") + " " + " ".join(f"{n}. {label}." for n, label in enumerate(labels, 1))


def feedback_speech(feedback: Feedback) -> str:
    """A Coach card's title and body (its tone is in the title's words already)."""
    return ". ".join(p for p in feedback[1:] if p)


class Narrator:
    """One chat's voice: what V says on it, and what automatic reading has said of it so far (how
    many lines, which replies and which Coach card)."""

    def __init__(self, chat: ChatScene) -> None:
        self.chat = chat
        self.notified = 0  # the notices of messages in other threads said so far
        self.forget()

    def forget(self) -> None:
        """Nothing said yet (or something covered the chat): the next reading starts from the title."""
        self.started = False
        self.lines = 0
        self.choices: ChoicesEvent | None = None
        self.feedback: Feedback | None = None
        self.thread: str | None = None  # the conversation last named (format 2)

    def title(self) -> str:
        return self.chat.scenario.title.get(self.chat.lang)

    def speak(self, it: Item) -> str:
        return item_speech(it, self.chat.scenario, self.chat.lang, self.chat.pt.state.flags)

    def replies(self) -> str:
        return choices_speech([b.label for b in self.chat.dock.choice_buttons])

    def describe(self, focused: Callable[[], str]) -> str:
        """V: the message in focus, the focused button (`focused` words it), the Coach card, or
        the last line (with the replies when they wait)."""
        chat = self.chat
        items, feedback = chat.log.items, chat.dock.feedback
        if chat.log.focus_item is not None and chat.ui.focused is None:
            return self.speak(items[chat.log.focus_item])
        if chat.ui.focused is not None:
            return focused()
        if feedback is not None:
            return feedback_speech(feedback)
        if chat.choices is not None:
            last = next((it for it in reversed(items) if it.kind not in ("reply", "action")), None)
            return ". ".join(x for x in (self.speak(last) if last else "", self.replies()) if x)
        return self.speak(items[-1]) if items else self.title()

    def news(self) -> list[str]:
        """What automatic reading says now: the title (the first time), a new Coach card, the
        lines not read yet and the replies when they are new."""
        chat = self.chat
        items, choices, feedback = chat.log.items, chat.choices, chat.dock.feedback
        said: list[str] = []
        if not self.started:
            said.append(self.title())
        if feedback is not None and feedback != self.feedback:
            said.append(feedback_speech(feedback))
        threads = chat.threads
        if threads.enabled:
            if threads.open != self.thread:  # a thread opened: its name, then what was unread in it
                said.append(_("Thread: {name}").format(name=threads.title(threads.open)))
                if self.started:
                    fresh = [it for it in items if it.kind == "message"][-threads.fresh:] if threads.fresh else []
                    said += [self.speak(it) for it in fresh]
                    self.lines = len(items)
                self.thread = threads.open
            said += [_("New message in {thread}").format(thread=threads.title(t))
                     for t in threads.notices[self.notified:]]
            self.notified = len(threads.notices)
        said += [self.speak(it) for it in items[self.lines:]]
        if choices is not None and choices is not self.choices:
            said.append(self.replies())
        self.started, self.lines, self.choices, self.feedback = True, len(items), choices, feedback
        return said
