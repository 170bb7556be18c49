"""The chat screen: a messenger-style conversation the player reads, flags and answers.

This module only wires the parts together: the engine's Playthrough, paced by the Pacer; the
ChatLog (lines, heights, scrolling) drawn by the ListView; the ReplyDock, the header, the side
panel and what comes over the chat. Whether a flag is right, a reply is safe, which tactics Name
it offers and the score are the engine's business (`verdict`, `naming`, `debrief`). Other
screens (the pause, the debriefs) are opened by name (`app.open`), never imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ....engine.model import Scenario
from ....engine.naming import name_it_options
from ....engine.runtime import (
    ChoicesEvent,
    EndingEvent,
    Event,
    MessageEvent,
    PlayState,
    Playthrough,
    ReplyEvent,
)
from ....engine.taxonomy import category_name
from ....i18n import _
from ...theme import theme
from ...widgets.base import Button, rrect
from ..base import AppBar, Scene
from .controls import Controls
from .dock import ReplyDock
from .forward import Forward
from .gallery import GalleryButton
from .geometry import Layout
from .header import draw_header, who_and_status
from .items import Item, ending_item, message_item, reply_item, separator_item, several_senders
from .listview import ListView
from .log import ChatLog
from .measure import item_height, list_width, typing_height
from .narration import Narrator
from .overlays import ask_leave, ask_pause, ask_tactic, draw_errors, draw_toast, draw_unsaved
from .pacer import Pacer
from .side import draw_side
from .start import new_playthrough
from .threads import Threads, thread_header
from .wording import flag_feedback, reload_summary, reply_feedback

if TYPE_CHECKING:
    from ....authoring.hotreload import Watcher


class ChatScene(Scene):
    """One story played in a messenger: its parts, and the player's actions wired to the engine.
    The class-level names below are the parts' state under the names other screens and tests use."""

    name = "chat"
    holds_story = True  # closing it frees its bubbles; automatic reading follows it

    # the conversation and the list
    items = Forward("log")
    tops = Forward("log")
    offset = Forward("log")
    stick = Forward("log")
    unseen = Forward("log")
    visible = Forward("log")
    pill = Forward("log")
    focus_item = Forward("log")
    view_rect = Forward("log")
    max_offset = Forward("log")
    scroll = Forward("log")
    scroll_to_bottom = Forward("log")
    scroll_to_item_index = Forward("log")
    item_at = Forward("log")
    bubble_rect = Forward("log")
    # the timing
    pending = Forward("pacer")
    wait_left = Forward("pacer")
    typing_for = Forward("pacer")
    ending_due = Forward("pacer")
    ending_wait = Forward("pacer")
    _typing_visible = Forward("pacer", "typing_visible")
    # the dock
    choice_buttons = Forward("dock")
    debrief_button = Forward("dock")
    drawer_button = Forward("dock")
    feedback = Forward("dock")
    feedback_rect = Forward("dock")
    compact = Forward("dock")
    drawer_open = Forward("dock")
    _compact_dock_h = Forward("dock", "compact_h")
    # the rest
    geo = Forward("geometry")
    cache = Forward("listview")

    def __init__(self, app, scenario: Scenario, state: PlayState | None = None, *,
                 pt: Playthrough | None = None, run=None):
        super().__init__(app)
        self.lang = app.settings.lang
        self.scenario = scenario
        self.taxonomy = app.library.taxonomy
        self.run = run  # a class session's GroupRun: pauses before decisions, Continue after
        self.toast: tuple[str, float] | None = None  # (text, seconds left)
        self._paused: set[tuple[str, int]] = set()
        self._pause_due = None
        # writer mode: a watcher reloads the scenario when its file is saved
        self.watcher: Watcher | None = None
        if pt is None:
            pt, self.watcher = new_playthrough(app, scenario, state)
        self.pt = pt
        if hasattr(self.pt, "on_unsaved"):  # a recorded playthrough: hear if storing stops
            self.pt.on_unsaved = app.classroom.record_failed
        self.choices: ChoicesEvent | None = None
        self.ending: EndingEvent | None = None
        self.cover: pygame.Rect | None = None  # the part of the screen a discussion pause covers
        self.geometry = Layout()
        self.pacer = Pacer()
        self.log = ChatLog(several_senders(self.scenario), self.geometry.view_rect, self._tail)
        self.threads = Threads(self)  # format 2: the phone's conversations, one open at a time
        self.gallery = GalleryButton(self)  # "Evidence (n)" once a screenshot was taken
        self.dock = ReplyDock(self, self.press_debrief)
        self.listview = ListView(self)
        self.controls = Controls(self)
        self.narrator = Narrator(self)
        self.bar = AppBar(self, scenario.title.get(self.lang))
        if state is not None or self.pt.state.transcript:
            self._restore()

    def _tail(self) -> int:
        """What shows under the last line: the "typing…" bubble while it does."""
        return typing_height() if self.threads.typing_here() else 0

    def _measure(self, it: Item) -> int:
        flagged = it.flaggable and it.index in self.pt.state.flags
        return item_height(it, list_width(self.geometry.geo["col"].w), flagged)

    # -- engine -> screen (the Pacer's stage) ---------------------------------------------------

    def halted(self) -> bool:
        return self.choices is not None or self.ending is not None

    def next_event(self) -> Event:
        return self.pt.next()

    def speed_factor(self) -> float:
        return self.app.settings.speed_factor

    def _add_message(self, ev: MessageEvent, quiet: bool = False) -> Item:
        sep = separator_item(ev, self.lang)
        if sep is not None:
            self.threads.add(sep, quiet)
        item = message_item(ev, self.pt, self.lang)
        self.threads.add(item, quiet)
        return item

    def reveal(self, ev: MessageEvent) -> None:
        item = self._add_message(ev)
        if not item.outgoing and item.kind == "message":
            self.app.play_sound("message")

    def show_choices(self, ev: ChoicesEvent) -> None:
        self.choices = ev
        self.threads.to_replies()
        if self.run is not None:  # a class session: "Talk it over" first, if the teacher wants it
            key = (ev.beat, len(self.pt.state.transcript))
            pause = self.run.pause_before(self.pt, ev)
            if pause is not None and key not in self._paused:
                self._paused.add(key)
                self._pause_due = pause
        self.dock.offer(ev, self.choose, self.lang)

    def show_ending(self, ev: EndingEvent) -> None:
        self.ending = ev
        self.pacer.ending_shown()
        self.dock.drawer_open = False  # the ending card comes first; the last Coach card stays a tap away
        self.threads.add(ending_item(ev, self.lang, bool(self.log.flaggable())))

    def _restore(self) -> None:
        """Show a saved transcript at once (a resumed game, or 'try another path')."""
        for ev in self.pt.replay():
            if isinstance(ev, MessageEvent):
                self._add_message(ev, quiet=True)
            elif isinstance(ev, ReplyEvent):
                self.threads.add(reply_item(ev, self.lang, self.threads.last))
        self.threads.settle()
        if self.pt.state.phase in ("choices", "ended"):
            ev = self.pt.next()
            if isinstance(ev, ChoicesEvent):
                self.show_choices(ev)
            elif isinstance(ev, EndingEvent):
                self.show_ending(ev)

    def update(self, dt: float) -> bool:
        self.pacer.clock += dt
        changed = False
        if self.watcher is not None:
            reload = self.watcher.poll()
            if reload is not None:
                self._reloaded(reload)
                changed = True
        if self.toast is not None:
            text, left = self.toast
            self.toast = (text, left - dt) if left - dt > 0 else None
        if self.pacer.run(dt, self) | self.threads.tick(dt):
            changed = True
        if self._pause_due is not None and self.app.top is self:
            pause, self._pause_due = self._pause_due, None
            self.app.open("pause", pause)
        return changed or self.animating()

    def animating(self) -> bool:
        return self.pacer.pending is not None or self.pacer.ending_due is not None or \
            (self.ending is not None and not self.settled())

    def wake_after(self) -> float | None:
        """Writer mode looks at the file twice a second; a toast needs a frame to go away."""
        if self.watcher is not None:
            return 0.5
        return self.toast[1] if self.toast is not None else None

    def _reloaded(self, r) -> None:
        """The scenario file changed: redraw from the new version, or keep the old one (errors)."""
        if r.ok:
            self.pt = r.playthrough
            self.scenario = self.pt.scenario
            self.log.clear(several_senders(self.scenario))
            self.threads.reset()
            self.listview.cache.clear()
            self.geometry.clear()
            self.pacer.reset()
            self.choices = self.ending = None
            self.dock.feedback, self.dock.choice_buttons = None, []
            self.bar = AppBar(self, self.scenario.title.get(self.lang))
            self._restore()
        self.toast = (reload_summary(r), 4.0)

    # -- player actions -------------------------------------------------------------------------

    def choose(self, choice_index: int, reason: str | None = None) -> None:
        if self.choices is None:
            return
        if reason is None and getattr(self.pt.current_choices.get(choice_index), "act", None) == "report":
            self.app.open("report", self.pt, lambda picked: self.choose(choice_index, picked))  # the app asks why
            return
        reply = self.pt.choose(choice_index, reason)
        self.choices = None
        self.dock.choice_buttons = []
        if self.ui.focused is not None and getattr(self.ui.focused, "name", "").startswith("choice"):
            self.ui.focused = None
        self.log.stick = True
        self.dock.drawer_open = False
        self.threads.add(reply_item(reply, self.lang, self.threads.last))
        if reply.choice.act == "tell" and reply.choice.to in self.threads.on_phone():
            self.threads.select(reply.choice.to)  # telling is done in the adult's own chat
        if self.pt.state.feedback == "coach":
            self.dock.show_feedback(reply_feedback(reply.choice, self.lang))
        else:
            self.dock.feedback = None

    def toggle_flag(self, item_i: int) -> None:
        item = self.log.items[item_i]
        if not item.flaggable:
            return
        self.log.focus_item = item_i
        if item.index in self.pt.state.flags:
            self.pt.unflag(item.index)
            self.log.measure_again(item_i)
            self.dock.feedback = None
            if self.choices is None:
                self.dock.drawer_open = False
            return
        if self.pt.state.difficulty == "name":
            self._pick_tactic(item)
        else:
            self.pt.flag(item.index)
            self.log.measure_again(item_i)
            self._coach(item.index)

    def tactic_options(self) -> list[str]:
        """The short list for Name it (the engine's rule: engine.naming)."""
        return name_it_options(self.scenario, self.taxonomy)

    def _pick_tactic(self, item: Item) -> None:
        names = [(category_name(self.taxonomy, c, self.lang), lambda c=c: self._flag_named(item.index, c))
                 for c in self.tactic_options()]
        ask_tactic(self.app, names, lambda: self._flag_named(item.index, None))

    def _flag_named(self, index: int, category: str | None) -> None:
        self.pt.flag(index, category)
        self.log.measure_message(index)
        self._coach(index)

    def _coach(self, index: int) -> None:
        if self.pt.state.feedback != "coach":
            self.dock.feedback = None
            return
        self.dock.show_feedback(flag_feedback(self.pt.verdict(index), self.taxonomy, self.lang))

    def settled(self) -> bool:
        """Whether the ending card has been up long enough for its button to take a press."""
        return self.pacer.settled(self.ending is not None)

    def press_debrief(self) -> None:
        if self.settled():
            self.open_debrief()

    def open_debrief(self) -> None:
        if self.run is not None:
            self.app.open("session-debrief", self.pt, self.run, replace=True)
            return
        self.app.open("debrief", self.pt, replace=True)

    def back(self) -> None:
        if self.dock.drawer_open:  # Esc folds the drawer first
            self.dock.drawer_open = False
            return
        if self.run is not None:  # a class session: every action is saved already
            ask_pause(self.app)
            return
        ask_leave(self.app, self.leave)

    def leave(self) -> None:
        solo = self.app.classroom.solo if getattr(self.pt, "playthrough_id", None) else None
        if solo is not None:
            solo.clear()  # the player chose to leave: nothing to resume
        self.app.pop()

    def handle(self, event: pygame.event.Event) -> None:
        self.controls.handle(event)

    def _buttons(self) -> list[Button]:
        return self.dock.buttons() + self.threads.buttons() + self.gallery.buttons() + self.bar.buttons()

    def who(self) -> tuple[str, str]:
        """Who the chat is with, and their status (or "typing…"), as the header says."""
        typing = self.threads.typing_here() and self.pacer.pending is not None
        if self.threads.enabled:
            return thread_header(self.scenario, self.threads.open, self.lang, typing)
        return who_and_status(self.scenario, self.lang, typing)

    # -- drawing --------------------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t = theme()
        # a whole class at one screen (projector): no side panel, everything for the chat
        if self.geometry.fit(surf.get_size(), self.bar.height, self.app.classroom.projector):
            self.listview.cache.clear()
            self.log.remeasure(self._measure)
        self.dock.feedback_rect = pygame.Rect(0, 0, 0, 0)
        surf.fill(t.color("bg"))
        geo = self.geometry.geo
        col, header, side = geo["col"], geo["header"], geo["side"]
        rrect(surf, t.color("chat_bg"), col)  # the phone column
        dock, content = self.dock.rects(col, header)
        strip = pygame.Rect(col.x, header.bottom, col.w, self.threads.strip_height())
        lst = pygame.Rect(col.x, strip.bottom, col.w, dock.top - strip.bottom)
        geo["list"] = lst
        geo["dock"] = content
        self.log.follow()
        self.listview.draw(surf, lst)
        name, status = self.who()
        if strip.h:
            self.threads.draw_strip(surf, self.gallery.beside(surf, strip))
            self.threads.draw_notice(surf, lst)
        if header.h:
            draw_header(surf, header, self.scenario, self.lang, name, status, self.threads.avatar(),
                        self.threads.style)
        else:  # the top bar has room for the name, and "typing…"
            self.bar.title = name + (" · " + _("typing…") if self.threads.typing_here() else "")
        if self.cover is None:  # under a discussion pause the dock is hidden
            self.dock.draw(surf, dock, content)
        pygame.draw.rect(surf, t.color("chat_border"), col, 2, border_radius=t.px("radius"))
        if side.w:
            draw_side(surf, side, self.pt.state, self.dock, self.threads.enabled)
        self.bar.draw(surf, self.ui)
        errors = self.watcher.errors if self.watcher is not None else []
        if errors:
            draw_errors(surf, col, errors)
        if self.toast is not None:
            draw_toast(surf, col, self.toast[0], bool(errors))
        if self.watcher is None and self.app.classroom.problem:
            draw_unsaved(surf, col, self.app.classroom.problem)

    # -- read aloud -----------------------------------------------------------------------------

    def describe(self) -> str:
        """V: the message or button in focus, else the Coach card or the last line."""
        return self.narrator.describe(super().describe)

    def narration(self) -> list[str] | None:
        """Automatic reading: the title first, then each new line, Coach card and set of replies."""
        return self.narrator.news()

    def on_top(self) -> None:
        """Back from a dialog, a pause or the settings: automatic reading starts again from the
        title (as it did when the chat first showed)."""
        self.narrator.forget()
