"""The spot check on screen: one unseen chat at a time, drawn like the game's chat (the chat's
fictional app, its people, their bubbles), in which the group flags the messages that worry it.

It is a measure, not a lesson: nothing says whether a flag is right (the class debrief does,
afterwards). A short intro comes first. Keys as in the chat: Up / Down (or Tab) move between the
messages, F or Space flags the one in focus (again: unflags), Enter is "Done, next chat"; a
click on a bubble flags it too. A chat is stored whole when the group presses Done (every
message judged, flagged or not: GroupRun.spot), so after a crash the group sees the chats it
had not finished. Done answers only once a chat has been on screen a moment (READ_SECONDS), so
an Enter pressed for the chat before never skips this one.
"""

from __future__ import annotations

import pygame

from ...classroom.session import GroupRun, Step
from ...classroom.store import StoreError
from ...engine.model import PLAYER
from ...engine.spotcheck import SpotCheck, SpotMessage
from ...i18n import _
from .. import text as tx
from ..apps import app_color, app_style, draw_app_icon
from ..theme import theme
from ..widgets.base import Block, Button, Row, TextBlock, avatar, focus_ring, rrect
from ..widgets.bubble import render_bubble
from .base import Dialog
from .group_flow import advance
from .page import READ_SECONDS, TimedPage


def phase_title(phase: str) -> str:
    return {"pre": _("Before the stories"), "post": _("After the stories")}.get(phase) or _("Later check")


class ChatHead(Block):
    """Who the chat is with, in the app's colours, and the app's icon and name."""

    def __init__(self, chat: SpotCheck, lang: str):
        super().__init__()
        self.chat, self.lang = chat, lang
        people = list(chat.characters.values())
        self.who = chat.title.get(lang)
        self.names = ", ".join(c.name.get(lang) for c in people)
        self.speech = _("Chat on {app}: {title}").format(app=chat.platform.name, title=self.who)

    def measure(self, w: int) -> int:
        t = theme()
        inner = w - 3 * t.px("pad") - t.px("avatar")
        return max(t.px("avatar"), tx.text_height(self.who, "body", inner, True) +
                   tx.text_height(self.chat.platform.name + " · " + self.names, "small", inner)) + 2 * t.px("pad")

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        t = theme()
        style = app_style(self.chat.platform.name)
        pad, size = t.px("pad"), t.px("avatar")
        rrect(surf, app_color(style, "header_bg"), self.rect)
        first = next(iter(self.chat.characters.values()))
        avatar(surf, (x + pad + size // 2, self.rect.centery), size, first.avatar, first.name.get(self.lang))
        tx_x = x + 2 * pad + size
        inner = self.rect.right - pad - tx_x
        r = tx.blit(surf, tx.render(self.who, t.px("body"), app_color(style, "header_text"), inner, True),
                    (tx_x, y + pad), self.rect, self.who)
        icon = tx.font_for("small").get_linesize()
        draw_app_icon(surf, pygame.Rect(tx_x, r.bottom, icon, icon), style, on=app_color(style, "header_bg"))
        line = self.chat.platform.name + " · " + self.names
        tx.blit(surf, tx.render(line, t.px("small"), app_color(style, "header_muted"), inner - icon - pad // 2),
                (tx_x + icon + pad // 2, r.bottom), self.rect, line)


class MessageBlock(Block):
    """One message as a bubble (the student's own on the right, not flaggable); others' can be
    flagged by click, F or Space, and show "🚩 Flagged" beside the bubble when they are."""

    def __init__(self, scene: SpotCheckScene, index: int, msg: SpotMessage, chat: SpotCheck, lang: str):
        super().__init__()
        self.scene, self.index, self.lang = scene, index, lang
        self.own = msg.sender == PLAYER
        self.focusable = not self.own
        who = chat.characters.get(msg.sender)
        self.sender = _("You") if self.own or who is None else who.name.get(lang)
        self.text = msg.text.get(lang)
        self.style = app_style(chat.platform.name)
        self.name = f"message-{index}"
        self._bubble: tuple[tuple, pygame.Surface] | None = None

    @property
    def flagged(self) -> bool:
        return self.index in self.scene.flags

    @property
    def speech(self) -> str:  # read aloud: who, what, and whether it is flagged
        said = f"{self.sender}: {self.text}"
        if not self.flagged:
            return said
        return (said if said.endswith((".", "!", "?", "…")) else said + ".") + " " + _("Flagged")

    def _max_w(self, w: int) -> int:
        return max(120, int(w * 0.72))

    def _surface(self, w: int) -> pygame.Surface:
        t = theme()
        key = (w, t.generation, self.text)
        if self._bubble is None or self._bubble[0] != key:
            kind = "bubble_out" if self.own else "bubble_in"
            colors = (app_color(self.style, kind), app_color(self.style, kind + "_text"))
            self._bubble = (key, render_bubble(self.text, None, self.own, self._max_w(w), colors=colors))
        return self._bubble[1]

    def _ring(self) -> int:
        """Room for the focus ring (and the flag's outline) around the bubble."""
        return theme().px("focus_width") * 2 + 4

    def measure(self, w: int) -> int:
        name_h = 0 if self.own else tx.text_height(self.sender, "small", w, True) + self._ring()
        mark_h = tx.text_height("🚩 " + _("Flagged"), "small", w, True) + self._ring() if self.flagged else 0
        return name_h + self._surface(w).get_height() + mark_h

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        t = theme()
        top = y
        if not self.own:
            top = tx.draw_text(surf, self.sender, "small", "muted", (x, y), w, True, self.rect).bottom + self._ring()
        img = self._surface(w)
        bx = x + w - img.get_width() if self.own else x
        box = pygame.Rect(bx, top, img.get_width(), img.get_height())
        surf.blit(img, box.topleft)
        tx.note(surf, box, self.rect, self.text)
        if self.flagged:
            pygame.draw.rect(surf, t.color("flag"), box.inflate(4, 4), max(3, t.px("gap") // 3),
                             border_radius=t.px("radius"))
            tx.draw_text(surf, "🚩 " + _("Flagged"), "small", "flag", (x, box.bottom + self._ring()), w, True,
                         self.rect)
        if ui.focused is self:
            focus_ring(surf, box)

    def click(self, pos) -> bool:
        if self.focusable and self.rect.collidepoint(pos):
            self.scene.focus(self, reveal=False)  # what is under the pointer never moves
            self._toggle()
            return True
        return False

    def activate(self) -> None:
        """By the keyboard (F, Space, Enter): the "Flagged" line it gains is brought into view."""
        self._toggle()
        self.scene.focus(self)

    def _toggle(self) -> None:
        self.scene.toggle(self.index)
        self.invalidate()  # the "Flagged" line comes or goes


class SpotCheckScene(TimedPage):
    name = "spot-check"

    def __init__(self, app, run: GroupRun, step: Step):
        self.run, self.step = run, step
        self.phase = step.phase or "pre"
        self.queue = list(step.chats)
        self.total = step.total or len(self.queue)
        self.intro = True
        self.flags: dict[int, int] = {}  # message index -> ms from the chat shown to its flag
        self.empty_asked: float | None = None  # when Done was pressed with nothing flagged
        self.title = _("Spot check")
        self._said: str | None = None
        self.cut_short = self.phase == "post" and run.stories_cut_short()
        super().__init__(app)
        self.focus_named("start", reveal=False)  # Enter starts; the page shows its heading first

    @property
    def chat(self) -> SpotCheck | None:
        return self.queue[0] if self.queue else None

    @property
    def number(self) -> int:
        return self.total - len(self.queue) + 1

    def wake_after(self) -> float | None:
        """A frame once Done can answer, so the clock moves on while nobody types."""
        return None if self.intro else self.until_ready()

    def build(self) -> list[Block]:
        lang = self.app.settings.lang
        if self.intro or self.chat is None:
            notice = [TextBlock(_("Your teacher has ended the stories for today: time for the check."),
                                "body", "muted")] if self.cut_short else []
            return [TextBlock(phase_title(self.phase), "small", "muted", True), *notice,
                    TextBlock(_("Spot check"), "heading", "text", True),
                    TextBlock(_("Flag what worries you; some chats have nothing wrong."), "large", "text", True),
                    TextBlock(_("Read each chat together as if it came to you. Click a message, or pick it "
                                "with the arrow keys and press F, to flag it; again to take the flag back. "
                                "Nobody says here what was right: it's a check of what you notice."),
                              "body", "text"),
                    Row([Button(_("Start"), self.begin, "primary", width="auto", key_hint="Enter", name="start")])]
        chat = self.chat
        head = phase_title(self.phase) + "  ·  " + _("Chat {n} of {total}").format(n=self.number, total=self.total)
        blocks: list[Block] = [TextBlock(head, "small", "muted", True), ChatHead(chat, lang)]
        blocks += [MessageBlock(self, i, m, chat, lang) for i, m in enumerate(chat.messages)]
        last = len(self.queue) == 1
        blocks.append(TextBlock(_("Flag with a click, or the arrow keys and F. Press Enter when your group "
                                  "agrees."), "small", "muted"))
        if self.empty_asked is not None:
            blocks.append(TextBlock(_("Nothing flagged in this chat. If nothing in it worries your group, "
                                      "press Done again."), "body", "warn", True))
        blocks.append(Row([Button(_("Done") if last else _("Done, next chat"), self.done, "primary", width="auto",
                                  key_hint="Enter", name="done")]))
        return blocks

    # -- actions ---------------------------------------------------------------------------------

    def begin(self) -> None:
        self.intro = False
        self.show_chat()

    def show_chat(self) -> None:
        self.flags = {}
        self.empty_asked = None
        self.shown_now()
        self.offset = 0
        self.rebuild(keep_focus=False)
        first = next((t for t in self.targets if isinstance(t, MessageBlock)), None)
        if first is not None:
            self.focus(first)

    def toggle(self, index: int) -> None:
        if index in self.flags:
            del self.flags[index]
        else:
            self.flags[index] = round(self.waited * 1000)
        if self.empty_asked is not None:  # the question no longer stands
            self.empty_asked = None
            self.rebuild()

    def done(self) -> None:
        """The group agrees: store the chat whole, then the next one (or the next step). With
        nothing flagged it asks once first (some chats have nothing wrong, but a class mashing
        Enter must not record three empty chats): Done again, a second later, confirms."""
        chat = self.chat
        if chat is None or not self.ready:
            return
        if not self.flags and self.empty_asked is None:
            self.empty_asked = self.app.now
            self.rebuild()
            self.focus_named("done")
            return
        if not self.flags and self.app.now - (self.empty_asked or 0.0) < READ_SECONDS:
            return
        try:
            self.run.spot(self.phase, chat.id, dict(self.flags))
        except StoreError as exc:  # a full disk, a drive pulled out: said on the page; the flags
            self.app.classroom.record_failed(exc)  # stay, and Done tries again
            self.rebuild()
            return
        self.queue.pop(0)
        if not self.queue:
            advance(self.app, self.run)
            return
        self.show_chat()

    # -- keys ------------------------------------------------------------------------------------

    def key(self, ev) -> bool:
        k = ev.key
        focused = self.ui.focused
        if not self.intro and k in (pygame.K_RETURN, pygame.K_KP_ENTER) and not isinstance(focused, Button):
            self.done()
            return True
        if not self.intro and k in (pygame.K_f, pygame.K_SPACE) and isinstance(focused, MessageBlock):
            focused.activate()
            return True
        if self.intro and k in (pygame.K_RETURN, pygame.K_KP_ENTER) and focused is None:
            self.begin()
            return True
        return super().key(ev)

    # -- read aloud ------------------------------------------------------------------------------

    def describe(self) -> str:
        if self.intro or self.chat is None:
            return super().describe()
        chat = self.chat
        lines = [_("Spot check"), _("Chat {n} of {total}").format(n=self.number, total=self.total),
                 _("Chat on {app}: {title}").format(app=chat.platform.name, title=chat.title.get(self.app.settings.lang))]
        focused = self.ui.focused
        if focused is not None:
            from ..speech import block_speech

            lines.append(block_speech(focused))
        return ". ".join(lines)

    def narration(self) -> list[str] | None:
        """Each chat is read once when it appears: where it is, then every message in order."""
        if self.intro or self.chat is None:
            key = "intro"
            said = [_("Spot check"), _("Flag what worries you; some chats have nothing wrong.")]
        else:
            key = self.chat.id
            said = [_("Chat {n} of {total}").format(n=self.number, total=self.total)]
            said += [b.speech for b in self.blocks if isinstance(b, (ChatHead, MessageBlock))]
        if key == self._said:
            return []
        self._said = key
        return said

    def back(self) -> None:
        """Back to the session: finished chats are stored, and the group comes back to the rest.
        Flags on the chat on screen are not stored until Done, so it asks first."""
        def leave() -> None:
            self.app.pop_to("session")

        if self.intro or not self.flags:
            leave()
            return
        self.app.push(Dialog(self.app, _("Leave the spot check?"),
                             _("The flags on this chat are not saved until you press Done. You will see "
                               "this chat again."),
                             [(_("Keep going"), lambda: None), (_("Leave"), leave)]))
