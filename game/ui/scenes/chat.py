"""The chat screen: a messenger-style conversation the player reads, flags and answers.

It pulls events from the engine's Playthrough and paces them (pause, then "typing…", from the
scenario, scaled by the speed setting; instant shows everything at once). Whether a flag is
right, a reply is safe, and the score are the engine's business (`verdict`, `debrief`).

Drawing cost follows what is visible: item heights are kept in a prefix-sum list, the visible
range is found by bisection, and rendered bubbles live in a small LRU cache near the view.

Built for a class at one keyboard: Space only shows the next message (F flags, Enter presses the
focused button), the list holds still while the mouse is over it, the ending waits a moment, and
when the replies don't fit beside the last few whole messages they fold into a drawer.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import pygame

from ...engine.model import PLAYER, SYSTEM, Scenario
from ...engine.runtime import ChoicesEvent, EndingEvent, MessageEvent, Playthrough, PlayState, ReplyEvent
from ...engine.taxonomy import category_name
from ...i18n import _, format_time, ngettext
from .. import text as tx
from ..cache import SurfaceCache
from ..theme import theme
from ..widgets.base import Button, avatar, focus_ring, rrect
from ..widgets.bubble import attachment_label, bubble_size, render_bubble
from ..widgets.marks import OUTCOME_TONES, SAFETY_TONES, marked, outcome_label, safety_name
from .base import AppBar, Dialog, DragScroll, Scene

BUBBLE_CACHE = 64  # rendered bubbles kept: a few screens' worth, never the whole history
BUBBLE_BYTES = 16 * 2**20  # and at most this many bytes (a screenful at 200 % on 1920x1080 is ~3 MB)
DEFAULT_PAUSE = 0.4
# A class mashes keys: the ending card waits a moment after the last message (which may be the
# last red flag), and its button ignores presses in its first moment, so nobody is carried past.
ENDING_DELAY = 1.5  # seconds, scaled by the speed setting
SETTLE = 1.0  # seconds before "See how you did" answers a key or a click
WHOLE_MESSAGES = 3  # the message list always has room for this many whole messages


@dataclass
class Item:
    kind: str  # message, reply, separator, system, ending
    index: int  # transcript index (-1 for separators and the ending)
    text: str
    sender: str = ""
    time: str = ""
    attachment: tuple[str, str] | None = None
    flaggable: bool = False
    outcome: str = ""
    named: bool = False  # the sender's name above it: the first of a run in a chat with several

    @property
    def outgoing(self) -> bool:
        return self.kind == "reply" or self.sender == PLAYER


class ChatScene(Scene):
    name = "chat"

    def __init__(self, app, scenario: Scenario, state: PlayState | None = None, *,
                 pt: Playthrough | None = None, run=None):
        super().__init__(app)
        s = app.settings
        self.lang = s.lang
        self.scenario = scenario
        self.taxonomy = app.library.taxonomy
        self.run = run  # a class session's GroupRun: pauses before decisions, Continue after
        self.watcher = None  # writer mode: reloads the scenario when its file is saved
        self.toast: tuple[str, float] | None = None  # (text, seconds left)
        self._paused: set[tuple[str, int]] = set()
        self._pause_due = None
        self.pt = pt if pt is not None else self._new_playthrough(scenario, state)
        if hasattr(self.pt, "on_unsaved"):  # a recorded playthrough: hear if storing stops
            self.pt.on_unsaved = app.classroom.record_failed
        self.items: list[Item] = []
        self.heights: list[int] = []
        self.tops: list[int] = [0]  # prefix sums: tops[i] is item i's top; tops[-1] the total
        self._layout_key: tuple | None = None
        self.offset = 0.0
        self.stick = True
        self.unseen = 0
        self.pending: MessageEvent | None = None
        self.wait_left = 0.0
        self.typing_for = 0.0
        self.choices: ChoicesEvent | None = None
        self.ending: EndingEvent | None = None
        self.focus_item: int | None = None
        self.feedback: tuple[str, str, str] | None = None  # (tone, title, body)
        self.cache = SurfaceCache(BUBBLE_CACHE, BUBBLE_BYTES)
        self.visible: dict[int, pygame.Rect] = {}
        self.clock = 0.0
        self.drag = DragScroll()
        self.bar = AppBar(self, scenario.title.get(self.lang))
        self.choice_buttons: list[Button] = []
        self.debrief_button = Button(_("See how you did"), self.press_debrief, "primary",
                                     key_hint="Enter", name="debrief")
        self.pill = pygame.Rect(0, 0, 0, 0)
        self.feedback_rect = pygame.Rect(0, 0, 0, 0)
        self.geo: dict[str, pygame.Rect] = {}
        self.dock_offset = 0  # the reply dock scrolls when big text makes it taller than its room
        # big text or a small window: the replies fold into a drawer so the chat keeps its room
        self.compact = False
        self.drawer_open = False
        self.drawer_button = Button("", self.toggle_drawer, "secondary", name="drawer", align="left")
        self.pointer: tuple[int, int] | None = None  # the mouse, while it is in use over the list
        self.ending_due: EndingEvent | None = None  # the ending, waiting its moment
        self.ending_wait = 0.0
        self.ending_at = 0.0  # the clock when the ending card appeared
        self.cover: pygame.Rect | None = None  # the part of the screen a discussion pause covers
        self.multi = len(scenario.characters) > 1 or scenario.platform.kind == "group_chat"
        if state is not None or self.pt.state.transcript:
            self._restore()

    def _new_playthrough(self, scenario: Scenario, state: PlayState | None) -> Playthrough:
        """Writer mode: a plain playthrough and a file watcher. A new story: recorded as it goes
        (so it can be resumed after a crash). Otherwise (another path): a plain playthrough."""
        s = self.app.settings
        if self.app.watch:
            pt = Playthrough(scenario, state, difficulty=s.difficulty, feedback=s.feedback)
            path = next((c.path for c in self.app.library.files
                         if c.scenario is not None and c.scenario.id == scenario.id), None)
            if path is not None:
                from ...authoring.hotreload import Watcher

                lib = self.app.library
                self.watcher = Watcher(path, pt, taxonomy=lib.taxonomy, resources=lib.resources)
            return pt
        if state is None:
            from ...classroom.store import StoreError

            try:
                return self.app.classroom.solo.start(scenario, s.difficulty, s.feedback)
            except StoreError as exc:
                self.app.classroom.record_failed(exc)  # the banner says this play isn't kept
        return Playthrough(scenario, state, difficulty=s.difficulty, feedback=s.feedback)

    # -- engine -> items ----------------------------------------------------------------------

    def _msg_item(self, ev: MessageEvent) -> Item:
        m = ev.message
        att = (attachment_label(m.attachment.kind), m.attachment.alt.get(self.lang)) if m.attachment else None
        kind = "system" if m.sender == SYSTEM else "message"
        return Item(kind, ev.index, m.text.get(self.lang), m.sender, format_time(m.time, self.lang) if m.time else "", att,
                    self.pt.flaggable(ev.index))

    def _restore(self) -> None:
        """Show a saved transcript at once (a resumed game, or 'try another path')."""
        for ev in self.pt.replay():
            if isinstance(ev, MessageEvent):
                self._add_message(ev)
            else:
                self._append(Item("reply", ev.index, ev.choice.text.get(self.lang)))
        self._pull_nonmessage()

    def _add_message(self, ev: MessageEvent) -> "Item":
        if ev.separator is not None:
            self._append(Item("separator", -1, ev.separator.get(self.lang)))
        item = self._msg_item(ev)
        self._append(item)
        return item

    def _pull_nonmessage(self) -> None:
        if self.pt.state.phase in ("choices", "ended"):
            ev = self.pt.next()
            if isinstance(ev, ChoicesEvent):
                self._show_choices(ev)
            elif isinstance(ev, EndingEvent):
                self._show_ending(ev)

    def _append(self, item: Item) -> None:
        prev = self.items[-1] if self.items else None
        item.named = self.multi and item.kind == "message" and not item.outgoing and not (
            prev is not None and prev.kind == "message" and prev.sender == item.sender)
        self.items.append(item)
        if self._layout_key is not None:
            h = self._item_height(item)
            self.heights.append(h)
            self.tops.append(self.tops[-1] + h)
        if (not self.stick or self.holding()) and item.kind != "separator":
            self.unseen += 1

    def _start_pending(self, ev: MessageEvent) -> None:
        m = ev.message
        factor = self.app.settings.speed_factor
        self.pending = ev
        pause = DEFAULT_PAUSE if m.pause is None else m.pause
        if m.sender in (PLAYER, SYSTEM):
            typing = 0.0
        elif m.typing is not None:
            typing = m.typing
        else:
            typing = max(0.6, min(2.5, len(m.text.get(self.lang)) * 0.035))
        self.typing_for = typing * factor
        self.wait_left = (pause + typing) * factor

    def _reveal(self) -> None:
        ev = self.pending
        assert ev is not None
        item = self._add_message(ev)
        self.pending = None
        if not item.outgoing and item.kind == "message":
            self.app.play_sound("message")

    def _show_choices(self, ev: ChoicesEvent) -> None:
        self.choices = ev
        if self.run is not None:  # a class session: "Talk it over" first, if the teacher wants it
            key = (ev.beat, len(self.pt.state.transcript))
            pause = self.run.pause_before(self.pt, ev)
            if pause is not None and key not in self._paused:
                self._paused.add(key)
                self._pause_due = pause
        self.choice_buttons = []
        for n, (idx, choice) in enumerate(ev.options):
            label = (choice.label or choice.text).get(self.lang)
            self.choice_buttons.append(Button(label, lambda i=idx: self.choose(i), "secondary",
                                              key_hint=str(n + 1), name=f"choice-{n}", align="left"))

    def _show_ending(self, ev: EndingEvent) -> None:
        self.ending = ev
        self.ending_due = None
        self.ending_at = self.clock
        self.drawer_open = False  # the ending card comes first; the last Coach card stays a tap away
        e = ev.ending
        text = e.text.get(self.lang)
        if self._flaggable_items():  # the last message may be a red flag nobody had time to flag
            text += "\n\n" + _("You can still flag messages above before you see how you did.")
        self._append(Item("ending", -1, text, sender=e.title.get(self.lang), outcome=e.outcome))

    def _ending_arrives(self, ev: EndingEvent) -> None:
        """The ending waits a moment after the last message, so its card and button never arrive
        together with a message someone is about to flag (or under a key being mashed)."""
        self.ending_due = ev
        self.ending_wait = ENDING_DELAY * self.app.settings.speed_factor
        if self.ending_wait <= 0:
            self._show_ending(ev)

    def settled(self) -> bool:
        """Whether the ending card has been up long enough for its button to take a press."""
        return self.ending is not None and self.clock - self.ending_at >= SETTLE

    def press_debrief(self) -> None:
        if self.settled():
            self.open_debrief()

    def update(self, dt: float) -> bool:
        self.clock += dt
        changed = False
        if self.watcher is not None:
            reload = self.watcher.poll()
            if reload is not None:
                self._reloaded(reload)
                changed = True
        if self.toast is not None:
            text, left = self.toast
            self.toast = (text, left - dt) if left - dt > 0 else None
        for _guard in range(100000):
            if self.pending is None:
                if self.choices is not None or self.ending is not None or self.ending_due is not None:
                    break
                ev = self.pt.next()
                if isinstance(ev, MessageEvent):
                    self._start_pending(ev)
                elif isinstance(ev, ChoicesEvent):
                    self._show_choices(ev)
                    changed = True
                    break
                elif isinstance(ev, EndingEvent):
                    self._ending_arrives(ev)
                    changed = True
                    break
            self.wait_left -= dt
            dt = 0.0
            if self.wait_left > 0:
                break
            dt = -self.wait_left
            self._reveal()
            changed = True
        if self.ending_due is not None and self.pending is None:
            self.ending_wait -= dt
            if self.ending_wait <= 0:
                self._show_ending(self.ending_due)
                changed = True
        if self._pause_due is not None and self.app.top is self:
            from .pause import PauseScene

            pause, self._pause_due = self._pause_due, None
            self.app.push(PauseScene(self.app, pause))
        return changed or self.animating()

    def animating(self) -> bool:
        return self.pending is not None or self.ending_due is not None or \
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
            self.items, self.heights, self.tops = [], [], [0]
            self.cache.clear()
            self.geo, self._layout_key = {}, None
            self.pending = self.choices = self.ending = self.ending_due = None
            self.feedback, self.focus_item, self.choice_buttons = None, None, []
            self.bar = AppBar(self, self.scenario.title.get(self.lang))
            self.multi = len(self.scenario.characters) > 1 or self.scenario.platform.kind == "group_chat"
            self._restore()
            text = ngettext("Reloaded: replayed {n} reply", "Reloaded: replayed {n} replies", r.replayed).format(n=r.replayed)
            if r.dropped:
                text += "; " + ngettext("stopped before {n} that changed", "stopped before {n} that changed",
                                        r.dropped).format(n=r.dropped)
            if r.flags_dropped:
                text += "; " + ngettext("{n} flag dropped", "{n} flags dropped", r.flags_dropped).format(n=r.flags_dropped)
        else:
            text = ngettext("Not reloaded: {n} error (the previous version is still running)",
                            "Not reloaded: {n} errors (the previous version is still running)",
                            len(r.errors)).format(n=len(r.errors))
        self.toast = (text, 4.0)

    def skip_wait(self) -> None:
        if self.pending is not None:
            self.wait_left = 0.0

    # -- player actions -------------------------------------------------------------------------

    def choose(self, choice_index: int) -> None:
        if self.choices is None:
            return
        reply: ReplyEvent = self.pt.choose(choice_index)
        self.choices = None
        self.choice_buttons = []
        if self.ui.focused is not None and getattr(self.ui.focused, "name", "").startswith("choice"):
            self.ui.focused = None
        self.stick = True
        self.drawer_open = False
        self._append(Item("reply", reply.index, reply.choice.text.get(self.lang)))
        if self.pt.state.feedback == "coach":
            c = reply.choice
            title = safety_name(c.safety)
            tone = SAFETY_TONES[c.safety]
            self.show_feedback((tone, title, c.feedback.get(self.lang)))
        else:
            self.feedback = None

    def show_feedback(self, feedback: tuple[str, str, str] | None) -> None:
        """The Coach card; folded into the drawer on a small screen, it opens the drawer."""
        self.feedback = feedback
        if feedback is not None and self.compact:
            self.drawer_open = True

    def toggle_drawer(self) -> None:
        """Open the drawer, or close it (closing a Coach card in it dismisses the card)."""
        if self.drawer_open and self.feedback is not None:
            self.feedback = None
        self.drawer_open = not self.drawer_open
        self.dock_offset = 0

    def _replies_shown(self) -> bool:
        """In a folded dock the drawer shows the Coach card first, the replies once it is closed."""
        return self.choices is not None and not (self.compact and self.feedback is not None)

    def toggle_flag(self, item_i: int) -> None:
        item = self.items[item_i]
        if not item.flaggable:
            return
        self.focus_item = item_i
        if item.index in self.pt.state.flags:
            self.pt.unflag(item.index)
            self._measure_again(item_i)
            self.feedback = None
            if self.choices is None:
                self.drawer_open = False
            return
        if self.pt.state.difficulty == "name":
            self._pick_tactic(item)
        else:
            self.pt.flag(item.index)
            self._measure_again(item_i)
            self._coach(item.index)

    def tactic_options(self) -> list[str]:
        """The short list for Name it: the tactics used anywhere in this scenario (not just on this
        message, so the list gives nothing away), topped up from the taxonomy, at most 8."""
        used: list[str] = []
        for beat in self.scenario.beats.values():
            for m in beat.messages:
                if m.flag:
                    for c in (m.flag.category,):
                        if c not in used:
                            used.append(c)
        order = list(self.taxonomy.categories) if self.taxonomy else sorted(used)
        picked = [c for c in order if c in used][:8]
        for c in order:
            if len(picked) >= min(5, len(order)):
                break
            if c not in picked:
                picked.append(c)
        return sorted(picked, key=lambda c: order.index(c) if c in order else 99)

    def _pick_tactic(self, item: Item) -> None:
        opts = self.tactic_options()
        buttons = [(category_name(self.taxonomy, c, self.lang), lambda c=c: self._flag_named(item.index, c))
                   for c in opts]
        buttons.append((_("Not sure: just flag it"), lambda: self._flag_named(item.index, None)))
        self.app.push(Dialog(self.app, _("Which tactic is this?"),
                             _("Pick the warning sign this message shows. Esc cancels."),
                             buttons, numbered=True))

    def _flag_named(self, index: int, category: str | None) -> None:
        self.pt.flag(index, category)
        for i, it in enumerate(self.items):
            if it.index == index and it.kind == "message":
                self._measure_again(i)
        self._coach(index)

    def _measure_again(self, i: int) -> None:
        """A flag adds (or removes) the line under its message: that item's height changes. The
        list's top stays put, so the message under the pointer doesn't move."""
        if self._layout_key is None or i >= len(self.heights):
            return
        h = self._item_height(self.items[i])
        if h != self.heights[i]:
            at_bottom = self.offset >= self.max_offset() - 2
            self.heights[i] = h
            for j in range(i, len(self.heights)):
                self.tops[j + 1] = self.tops[j] + self.heights[j]
            if at_bottom and i == len(self.items) - 1:  # the newest message: its flag line shows
                self.offset = self.max_offset()

    def _coach(self, index: int) -> None:
        if self.pt.state.feedback != "coach":
            self.feedback = None
            return
        v = self.pt.verdict(index)
        why = v.why.get(self.lang) if v.why else ""
        if v.correct:
            name = category_name(self.taxonomy, v.category, self.lang)
            title = _("Yes, that's a red flag: {name}").format(name=name)
            if v.named is False:
                title = _("Red flag, but a different tactic: {name}").format(name=name)
            self.show_feedback(("good" if v.named is not False else "warn", title, why))
        elif v.borderline:
            self.show_feedback(("neutral", _("A judgement call: fair to flag"), why))
        else:
            self.show_feedback(("neutral", _("Not a red flag"),
                                why or _("This message is ordinary. Flag only what worries you.")))

    def close_feedback(self) -> None:
        self.feedback = None
        if self.choices is None or self.compact:
            self.drawer_open = False

    def open_debrief(self) -> None:
        from .debrief import DebriefScene

        if self.run is not None:
            from .session import session_debrief

            self.app.replace(session_debrief(self.app, self.pt, self.run))
            return
        self.app.replace(DebriefScene(self.app, self.pt))

    def back(self) -> None:
        if self.drawer_open:  # Esc folds the drawer first
            self.drawer_open = False
            return
        if self.run is not None:  # a class session: every action is saved already
            self.app.push(Dialog(self.app, _("Pause this story?"),
                                 _("Everything so far is saved. Continue later from the session screen."),
                                 [(_("Keep playing"), lambda: None),
                                  (_("Back to the session screen"), lambda: self.app.pop_to("session"))]))
            return
        self.app.push(Dialog(self.app, _("Leave this chat?"),
                             _("Your flags and replies in this chat will be lost."),
                             [(_("Keep playing"), lambda: None), (_("Leave"), self.leave)]))

    def leave(self) -> None:
        solo = self.app.classroom.solo if getattr(self.pt, "playthrough_id", None) else None
        if solo is not None:
            solo.clear()  # the player chose to leave: nothing to resume
        self.app.pop()

    # -- geometry -------------------------------------------------------------------------------

    def _geometry(self, surf: pygame.Surface) -> None:
        t = theme()
        w, h = surf.get_size()
        key = (w, h, t.generation, self.projector())
        if key == self._layout_key and self.geo:
            return
        m, gap = t.px("margin"), t.px("gap")
        if h < 700 or w < 1100:  # a small window: the chat takes the margins too
            m = min(m, gap)
        bar_h = self.bar.height(w)
        col_w = min(w - 2 * m, t.px("chat_max_w"))
        side_w = w - col_w - 3 * m
        if side_w >= t.px("side_min_w") and not self.projector():
            side = pygame.Rect(m, bar_h + m // 2, side_w, h - bar_h - m)
            col = pygame.Rect(side.right + m, bar_h + gap, col_w, h - bar_h - 2 * gap)
        else:
            side = pygame.Rect(0, 0, 0, 0)
            col = pygame.Rect((w - col_w) // 2, bar_h + gap, col_w, h - bar_h - 2 * gap)
        header = pygame.Rect(col.x, col.y, col.w, self._header_height(col))
        self.geo = {"side": side, "col": col, "header": header}
        self._layout_key = key
        self.cache.clear()
        self.heights = [self._item_height(it) for it in self.items]
        self.tops = [0]
        for hh in self.heights:
            self.tops.append(self.tops[-1] + hh)

    def projector(self) -> bool:
        """Whole class at one screen: no side panel, everything for the chat."""
        return self.app.classroom.projector

    def _header_compact(self, col: pygame.Rect) -> bool:
        """A short window or big text: no room for the two-line header (see _header_height)."""
        t = theme()
        return t.px("header_h") > col.h * 0.16

    def _header_height(self, col: pygame.Rect) -> int:
        """A short window or big text: no header; the top bar says who the chat is with."""
        return 0 if self._header_compact(col) else theme().px("header_h")

    def _list_w(self) -> int:
        return self.geo["col"].w - 2 * theme().px("pad")

    def _bubble_max(self) -> int:
        t = theme()
        # big text in a narrow column: bubbles take almost the whole width, so fewer lines wrap
        share = t.raw("bubble_max") if self._list_w() > 36 * t.px("body") else 0.9
        return round((self._list_w() - t.px("avatar") - t.px("gap")) * share)

    def _item_height(self, it: Item) -> int:
        t = theme()
        gap, lw = t.px("gap"), self._list_w()
        if it.kind == "separator":
            return tx.text_height(it.text, "small", lw - 4 * gap, True) + 3 * gap
        if it.kind == "system":
            return tx.text_height(it.text, "small", lw - 4 * gap) + 2 * gap
        if it.kind == "ending":
            return (tx.text_height(outcome_label(it.outcome), "small", lw - 6 * gap, True)
                    + tx.text_height(it.sender, "large", lw - 6 * gap, True)
                    + tx.text_height(it.text, "body", lw - 6 * gap) + 6 * gap)
        h = bubble_size(it.text, it.attachment, self._bubble_max())[1] + gap
        if it.named:
            h += tx.font_for("small", True).get_linesize()
        if it.time or (it.flaggable and it.index in self.pt.state.flags):
            h += tx.font_for("small").get_linesize()
        return h

    def _dock_height(self, w: int, unfolded: bool = False) -> int:
        """What the dock holds, in pixels (`unfolded`: all of it, as if there were room)."""
        t = theme()
        gap, pad = t.px("gap"), t.px("pad")
        h = 0
        if self.feedback and not self.geo["side"].w:
            h += self._feedback_height(w) + gap
        if self._replies_shown() or (unfolded and self.choices is not None):
            if self.choices.discuss:
                h += tx.text_height(self._discuss_text(), "small", w - 2 * pad) + 2 * pad + gap
            h += sum(b.height(w) + gap for b in self.choice_buttons)
        elif self.choices is not None:
            pass
        elif self.ending is not None:
            h += 0 if self.compact and not unfolded else self.debrief_button.height(w) + gap
        else:
            h += tx.font_for("small").get_linesize() + gap
        return h + pad

    def _whole_messages_h(self) -> int:
        """Room for the last few messages whole (the list never gets less, while it has them)."""
        count, j = 0, len(self.items)
        while j > 0 and count < WHOLE_MESSAGES:
            j -= 1
            if self.items[j].kind in ("message", "reply", "ending", "system"):
                count += 1
        return self.tops[-1] - self.tops[j] + 2 * theme().px("gap")

    def _compact_buttons(self) -> list[Button]:
        """What a folded dock shows: the drawer's button, and the debrief's at the end."""
        return [self.drawer_button] + ([self.debrief_button] if self.ending is not None else [])

    def _compact_dock_h(self, w: int) -> int:
        t = theme()
        return sum(b.height(w) + t.px("gap") for b in self._compact_buttons()) + 2 * t.px("pad") - t.px("gap")

    def _dock_rects(self, col: pygame.Rect, header: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        """The dock under the list, and the part of it that holds the replies and the Coach card.
        When they don't fit beside the last few whole messages, they fold into a drawer: a button
        opens it (the number keys answer without opening it)."""
        pad = theme().px("pad")
        w = col.w - 2 * pad
        if self.cover is not None:  # a discussion pause covers the bottom (or sits beside)
            top = self.cover.top if self.cover.colliderect(col) else col.bottom
            dock = pygame.Rect(col.x, top, col.w, col.bottom - top)
            return dock, dock
        full = self._dock_height(w, unfolded=True)
        room = col.bottom - header.bottom - self._whole_messages_h()
        compact_h = self._compact_dock_h(w)
        self.compact = full > max(room, compact_h) and (self.choices is not None or self.feedback is not None)
        if not self.compact:
            self.drawer_open = False
            h = min(full, round((col.bottom - header.bottom) * 0.7))
            dock = pygame.Rect(col.x, col.bottom - h, col.w, h)
            return dock, dock
        full = self._dock_height(w)
        h = min(full + compact_h, round((col.bottom - header.bottom) * 0.6)) if self.drawer_open else compact_h
        dock = pygame.Rect(col.x, col.bottom - h, col.w, h)
        return dock, pygame.Rect(dock.x, dock.y, dock.w, h - compact_h)

    def _drawer_label(self) -> str:
        if self.drawer_open:
            return "▼  " + (_("Close (X)") if self.feedback is not None else _("Hide the replies"))
        if self.choices is not None:
            return "▲  " + _("Show the replies (or press 1–{n})").format(n=len(self.choices.options))
        tone, title, _body = self.feedback  # type: ignore[misc]
        return "▲  " + marked(tone, title)

    def _discuss_text(self) -> str:
        d = self.choices.discuss if self.choices else None
        return _("Talk it over: {prompt}").format(prompt=d.prompt.get(self.lang)) if d else ""

    def _feedback_height(self, w: int) -> int:
        t = theme()
        pad = t.px("pad")
        tone, title, body = self.feedback  # type: ignore[misc]
        title = marked(tone, title)  # an icon too: never colour alone
        return (tx.text_height(title, "body", w - 3 * pad, True)
                + (tx.text_height(body, "small", w - 3 * pad) if body else 0)
                + tx.text_height(_("Click or press X to close"), "small", w - 3 * pad) + 2 * pad)

    # -- scrolling ------------------------------------------------------------------------------

    def view_rect(self) -> pygame.Rect:
        return self.geo.get("list", pygame.Rect(0, 0, 1, 1))

    def content_h(self) -> int:
        t = theme()
        typing = self._typing_h() if self._typing_visible() else 0
        return self.tops[-1] + typing + t.px("gap")

    def max_offset(self) -> float:
        return max(0.0, self.content_h() - self.view_rect().h)

    def scroll(self, dy: float) -> None:
        self.offset = max(0.0, min(self.offset + dy, self.max_offset()))
        self.stick = self.offset >= self.max_offset() - 2
        if self.stick:
            self.unseen = 0

    def scroll_to_bottom(self) -> None:
        self.stick = True
        self.unseen = 0
        self.offset = self.max_offset()

    def _typing_visible(self) -> bool:
        p = self.pending
        return p is not None and self.typing_for > 0 and self.wait_left <= self.typing_for

    def _typing_h(self) -> int:
        t = theme()
        return t.px("button_h") + tx.font_for("small").get_linesize() + t.px("gap")

    # -- input ----------------------------------------------------------------------------------

    def item_at(self, pos) -> int | None:
        for i, r in self.visible.items():
            if r.collidepoint(pos):
                return i
        return None

    def bubble_rect(self, transcript_index: int) -> pygame.Rect | None:
        """Where the bubble of a transcript line is on screen (None if not in view)."""
        for i, r in self.visible.items():
            if self.items[i].index == transcript_index and self.items[i].kind in ("message", "reply"):
                return r
        return None

    def _buttons(self) -> list[Button]:
        out = list(self.choice_buttons) if not self.compact or self.drawer_open else []
        if self.compact and (self.choices is not None or self.feedback is not None):
            out.append(self.drawer_button)
        if self.ending is not None:
            out.append(self.debrief_button)
        return out + self.bar.buttons()

    def holding(self) -> bool:
        """Whether the list holds still: the mouse is in use over it, so what is under the pointer
        never moves when a message arrives (a "new messages" pill says there is more below)."""
        return self.pointer is not None

    def _point(self, pos) -> None:
        """The mouse moved or pressed: it holds the list if it is over it. Judged where the mouse
        is now, not later: a drawer that opens under a resting pointer doesn't let the list jump."""
        self.ui.hover = pos
        lst = self.geo.get("list")
        self.pointer = pos if lst is not None and lst.collidepoint(pos) else None

    def handle(self, ev) -> None:
        t = theme()
        if ev.type == pygame.MOUSEWHEEL:
            dock = self.geo.get("dock")
            if dock is not None and self.ui.hover and dock.collidepoint(self.ui.hover):
                self.dock_offset = max(0, self.dock_offset - ev.y * t.px("body") * 3)
            else:
                self.scroll(-ev.y * t.px("body") * 3)
        elif ev.type == pygame.WINDOWLEAVE:
            self.pointer = None
        elif ev.type == pygame.MOUSEMOTION:
            self._point(ev.pos)
            offset = self.drag.move(ev.pos)
            if offset is not None:
                self.scroll(offset - self.offset)
        elif ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
            self._point(ev.pos)
            if self.view_rect().collidepoint(ev.pos):
                self.drag.down(ev.pos, self.offset)
        elif ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
            if self.drag.up():
                self.click(ev.pos)
        elif ev.type == pygame.KEYDOWN:
            self.pointer = None  # the keyboard is in use: the list follows new messages again
            self.key(ev)

    def click(self, pos) -> None:
        if self.pill.collidepoint(pos):
            self.scroll_to_bottom()
            return
        if self.feedback and self.feedback_rect.collidepoint(pos):
            self.close_feedback()
            return
        for b in self._buttons():
            hidden = b in self.choice_buttons and not self.geo.get("dock", b.rect).collidepoint(pos)
            if not hidden and b.click(pos):  # a reply scrolled out of the dock can't be clicked
                return
        if self.view_rect().collidepoint(pos):
            i = self.item_at(pos)
            if i is not None and self.items[i].flaggable:
                self.toggle_flag(i)
            elif self._typing_visible():
                self.skip_wait()

    def _flaggable_items(self) -> list[int]:
        return [i for i, it in enumerate(self.items) if it.flaggable]

    def move_message_focus(self, step: int) -> None:
        cands = self._flaggable_items()
        if not cands:
            return
        self.ui.focused = None
        if self.focus_item is None or self.focus_item not in cands:
            vis = [i for i in cands if i in self.visible]
            self.focus_item = (vis or cands)[-1 if step < 0 or not vis else 0] if vis else cands[-1]
            if step < 0 and vis:
                self.focus_item = vis[-1]
        else:
            j = cands.index(self.focus_item) + step
            self.focus_item = cands[max(0, min(j, len(cands) - 1))]
        self._scroll_to_item(self.focus_item)

    def tab(self, step: int) -> None:
        """Tab / Shift+Tab: one ring through the messages and then the buttons (replies, the
        debrief, Back, Get help), so two keys, or one switch with scanning, reach every action.
        Coming round (or starting) it enters at this turn's first new message or the first one
        on screen, whichever is earlier, not at the top of the history (none: the buttons), so
        scanning reaches every new message each turn; Shift+Tab, or Up, goes further back."""
        cands = self._flaggable_items()
        buttons = self._buttons()
        stops: list = [("item", i) for i in cands] + [("button", b) for b in buttons]
        if not stops:
            return
        if self.focus_item is not None and self.focus_item in cands:
            j = cands.index(self.focus_item) + step
        elif self.ui.focused in buttons:
            j = len(cands) + buttons.index(self.ui.focused) + step
        else:
            j = None
        if j is None or not 0 <= j < len(stops):
            if step < 0:
                j = len(stops) - 1
            else:  # this turn's messages and those on screen, or with none, the buttons
                last_reply = max((i for i, it in enumerate(self.items) if it.kind == "reply"), default=-1)
                entry = [i for i in cands if i > last_reply][:1] + [i for i in cands if i in self.visible][:1]
                j = cands.index(min(entry)) if entry else (len(cands) if buttons else 0)
        kind, target = stops[j]
        if kind == "item":
            self.ui.focused = None
            self.focus_item = target
            self._scroll_to_item(target)
        else:
            self.focus_item = None
            self.ui.focused = target

    def scroll_to_item_index(self, transcript_index: int) -> None:
        """Scroll so the bubble of a transcript line is in view."""
        for i, it in enumerate(self.items):
            if it.index == transcript_index and it.kind in ("message", "reply", "system"):
                self._scroll_to_item(i)
                return

    def _scroll_to_item(self, i: int) -> None:
        top, bottom = self.tops[i], self.tops[i + 1]
        vh = self.view_rect().h
        if top < self.offset or bottom - top > vh:  # taller than the view: its start shows
            self.offset = top
        elif bottom > self.offset + vh:
            self.offset = bottom - vh
        self.scroll(0)

    def key(self, ev) -> None:
        k, shift = ev.key, bool(ev.mod & pygame.KMOD_SHIFT)
        if self.choices is not None and pygame.K_1 <= k <= pygame.K_9:
            n = k - pygame.K_1
            if n < len(self.choices.options):
                self.choose(self.choices.options[n][0])
            return
        if k in (pygame.K_UP, pygame.K_DOWN):
            self.move_message_focus(-1 if k == pygame.K_UP else 1)
        elif k == pygame.K_f:
            if self.focus_item is not None:
                self.toggle_flag(self.focus_item)
        elif k == pygame.K_x:
            self.close_feedback()
        elif k == pygame.K_TAB:
            self.tab(-1 if shift else 1)
        elif k == pygame.K_SPACE and self.app.settings.scan_seconds is None:
            self.skip_wait()  # Space only ever shows the next message: it never flags or answers
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            # Enter presses the focused button; a message is flagged with F (or a click). With
            # switch scanning on, Space is the switch: it also flags the message in focus.
            if self.ui.focused is not None:
                self.ui.focused.activate()
            elif k == pygame.K_SPACE and self.focus_item is not None:
                self.toggle_flag(self.focus_item)
            elif self.pending is not None:
                self.skip_wait()
            elif self.ending is not None:
                self.press_debrief()
        elif k == pygame.K_PAGEUP:
            self.scroll(-self.view_rect().h * 0.85)
        elif k == pygame.K_PAGEDOWN:
            self.scroll(self.view_rect().h * 0.85)
        elif k == pygame.K_HOME:
            self.scroll(-self.content_h())
        elif k == pygame.K_END:
            self.scroll_to_bottom()

    # -- drawing --------------------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t = theme()
        self._geometry(surf)
        self.feedback_rect = pygame.Rect(0, 0, 0, 0)
        surf.fill(t.color("bg"))
        col, header, side = self.geo["col"], self.geo["header"], self.geo["side"]
        pad = t.px("pad")
        # the phone column
        rrect(surf, t.color("chat_bg"), col)
        dock, content = self._dock_rects(col, header)
        lst = pygame.Rect(col.x, header.bottom, col.w, dock.top - header.bottom)
        self.geo["list"] = lst
        self.geo["dock"] = content
        if self.stick and not self.holding():
            self.offset = self.max_offset()
        self.offset = max(0.0, min(self.offset, self.max_offset()))
        if self.offset >= self.max_offset() - 2:
            self.unseen = 0
        self._draw_list(surf, lst)
        if header.h:
            self._draw_header(surf, header)
        else:
            name, _status = self.who()  # the top bar has room for the name, and "typing…"
            self.bar.title = name + (" · " + _("typing…") if self._typing_visible() else "")
        if self.cover is None:  # under a discussion pause the dock is hidden
            self._draw_dock(surf, dock, content)
        pygame.draw.rect(surf, t.color("chat_border"), col, 2, border_radius=t.px("radius"))
        if side.w:
            self._draw_side(surf, side)
        self.bar.draw(surf, self.ui)
        if self.watcher is not None and self.watcher.errors:
            self._draw_errors(surf, col)
        if self.toast is not None:
            self._draw_toast(surf, col)
        if self.watcher is None and self.app.classroom.problem:
            self._draw_unsaved(surf, col)

    def _draw_unsaved(self, surf, col: pygame.Rect) -> None:
        """Results can't be stored: say so over the chat's foot, where it can't be missed."""
        t = theme()
        text = "⚠ " + _("Not being saved.") + " " + self.app.classroom.problem
        w = col.w - 4 * t.px("pad")
        img = tx.render(text, t.px("small"), t.color("bad"), w, True, "left")
        r = img.get_rect(midtop=(col.centerx, col.y + t.px("header_h"))).inflate(t.px("pad") * 2, t.px("gap"))
        rrect(surf, t.color("bad_bg"), r, t.px("radius"))
        rrect(surf, t.color("bad"), r, t.px("radius"), 2)
        tx.blit(surf, img, img.get_rect(center=r.center).topleft, r, text)

    def _draw_errors(self, surf, col: pygame.Rect) -> None:
        """Writer mode, broken file: its errors over the chat (the old version keeps running)."""
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        w = col.w - 2 * pad
        title = _("This file has errors: the previous version is still running. Fix and save to reload.")
        lines = [str(d) for d in self.watcher.errors]
        h = tx.text_height(title, "body", w - 2 * pad, True) + 2 * pad + sum(
            tx.text_height(line, "small", w - 2 * pad) + gap for line in lines)
        box = pygame.Rect(col.x + pad, col.y + t.px("header_h") + gap, w, min(h, round(col.h * 0.6)))
        rrect(surf, t.color("bad_bg"), box)
        rrect(surf, t.color("bad"), box, None, 2)
        old = surf.get_clip()
        surf.set_clip(box)
        y = tx.draw_text(surf, title, "body", "bad", (box.x + pad, box.y + pad), w - 2 * pad, True, box).bottom + gap
        for line in lines:
            if y >= box.bottom - pad:
                break
            y = tx.draw_text(surf, line, "small", "text", (box.x + pad, y), w - 2 * pad, False, box).bottom + gap
        surf.set_clip(old)

    def _draw_toast(self, surf, col: pygame.Rect) -> None:
        t = theme()
        text = self.toast[0]
        img = tx.render(text, t.px("small"), t.color("pill_text"), col.w - 4 * t.px("pad"), True, "center")
        r = img.get_rect(midtop=(col.centerx, col.y + t.px("header_h") + t.px("gap"))).inflate(
            t.px("pad") * 2, t.px("gap"))
        if self.watcher is not None and self.watcher.errors:
            r.bottom = col.bottom - t.px("gap")
        rrect(surf, t.color("pill"), r, min(r.h // 2, t.px("radius")))
        tx.blit(surf, img, img.get_rect(center=r.center).topleft, r, text)

    def who(self) -> tuple[str, str]:
        """Who the chat is with, and their status (or "typing…"), as the header says."""
        sc = self.scenario
        first = next(iter(sc.characters.values()))
        if sc.platform.kind == "group_chat" and len(sc.characters) > 1:
            name = sc.platform.name
            status = ", ".join(c.name.get(self.lang) for c in sc.characters.values())
        else:
            name = first.name.get(self.lang)
            status = first.status.get(self.lang) if first.status else ""
        if self._typing_visible() and self.pending:
            status = _("typing…")
        return name, status

    def _draw_header(self, surf, r: pygame.Rect) -> None:
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        old = surf.get_clip()
        surf.set_clip(r)
        rrect(surf, t.color("chat_header"), r.inflate(0, t.px("radius")).move(0, t.px("radius") // 2))
        surf.set_clip(old)
        pygame.draw.line(surf, t.color("chat_border"), (r.x, r.bottom - 1), (r.right - 1, r.bottom - 1), 2)
        sc = self.scenario
        first = next(iter(sc.characters.values()))
        size = t.px("avatar")
        avatar(surf, (r.x + pad + size // 2, r.centery), size, first.avatar, first.name.get(self.lang))
        x = r.x + pad + size + gap
        plat = sc.platform.name
        pw = min(tx.text_width(plat, "small", True), r.w // 4)
        avail = r.right - pad - pw - gap - x
        name, status = self.who()
        name_img = tx.render(name, t.px("body"), t.color("text"), avail, True)
        name_img = name_img.subsurface((0, 0, name_img.get_width(), min(name_img.get_height(),
                                                                         tx.font_for("body").get_linesize())))
        status_h = tx.font_for("small").get_linesize() if status else 0
        y = r.centery - (name_img.get_height() + status_h) // 2
        tx.blit(surf, name_img, (x, y), r, name)
        if status:
            online = status.lower() in ("online", "en ligne", "typing…")
            sx = x
            if online:
                pygame.draw.circle(surf, t.color("online"), (x + gap // 2, y + name_img.get_height() + status_h // 2),
                                   max(3, gap // 2))
                sx += gap + 2
            img = tx.render(status, t.px("small"), t.color("muted"), 100000)
            img = img.subsurface((0, 0, min(img.get_width(), r.right - pad - pw - gap - sx), img.get_height()))
            tx.blit(surf, img, (sx, y + name_img.get_height()), r, status)
        tx.draw_text(surf, plat, "small", "faint", (r.right - pad - pw, r.centery - t.px("small") // 2 - 2),
                     pw, True, r, "right")

    def _draw_list(self, surf, lst: pygame.Rect) -> None:
        t = theme()
        old = surf.get_clip()
        surf.set_clip(lst)
        self.visible = {}
        off = round(self.offset)
        top_y = lst.y - off + t.px("gap")
        # only the items that intersect the view: bisection over the prefix sums
        first = max(0, bisect.bisect_right(self.tops, off - t.px("gap")) - 1)
        i = first
        while i < len(self.items) and top_y + self.tops[i] < lst.bottom:
            self._draw_item(surf, i, lst, top_y + self.tops[i])
            i += 1
        if self._typing_visible():
            self._draw_typing(surf, lst, top_y + self.tops[-1])
        surf.set_clip(old)
        # "new messages" pill
        self.pill = pygame.Rect(0, 0, 0, 0)
        if (not self.stick or self.holding()) and self.unseen > 0:
            label = "↓  " + (_("1 new message") if self.unseen == 1 else
                             ngettext("{n} new message", "{n} new messages", self.unseen).format(n=self.unseen))
            img = tx.render(label, t.px("small"), t.color("pill_text"), lst.w, True)
            self.pill = img.get_rect(midbottom=(lst.centerx, lst.bottom - t.px("gap"))).inflate(
                t.px("pad") * 2, t.px("gap"))
            rrect(surf, t.color("pill"), self.pill, self.pill.h // 2)
            tx.blit(surf, img, img.get_rect(center=self.pill.center).topleft, self.pill, label)

    def _bubble(self, i: int, it: Item, max_w: int) -> pygame.Surface:
        key = (i, max_w, theme().generation)
        surf = self.cache.get(key)
        if surf is None:
            surf = self.cache.put(key, render_bubble(it.text, it.attachment, it.outgoing, max_w))
        return surf

    def flag_label(self, it: Item) -> tuple[str, str]:
        """The line under a flagged bubble, and its colour name."""
        st = self.pt.state
        if it.index not in st.flags:
            return "", "timestamp"
        named = st.flags[it.index]
        if st.feedback == "coach":
            v = self.pt.verdict(it.index)
            if v.correct:
                name = category_name(self.taxonomy, v.category, self.lang)
                mark = "✓" if v.named is not False else "≈"
                return f"🚩 {mark} " + _("Red flag: {name}").format(name=name), "good"
            if v.borderline:
                return "🚩 " + _("Flagged: a judgement call"), "muted"
            return "🚩 " + _("Flagged: not a red flag"), "muted"
        if named:
            return "🚩 " + _("Flagged: {name}").format(name=category_name(self.taxonomy, named, self.lang)), "flag"
        return "🚩 " + _("Flagged"), "flag"

    def _draw_item(self, surf, i: int, lst: pygame.Rect, y: int) -> None:
        t = theme()
        it = self.items[i]
        pad, gap = t.px("pad"), t.px("gap")
        x0, lw = lst.x + pad, self._list_w()
        if it.kind == "separator":
            img = tx.render(it.text, t.px("small"), t.color("separator_text"), lw - 4 * gap, True)
            r = img.get_rect(center=(lst.centerx, y + (self.heights[i] - gap) // 2 + gap // 2))
            rrect(surf, t.color("separator_bg"), r.inflate(2 * gap, gap), (r.h + gap) // 2)
            tx.blit(surf, img, r.topleft, r.inflate(2 * gap, gap), it.text)
            return
        if it.kind == "system":
            img = tx.render(it.text, t.px("small"), t.color("system_text"), lw - 4 * gap, False, "center")
            tx.blit(surf, img, (lst.centerx - img.get_width() // 2, y + gap // 2), lst, it.text)
            return
        if it.kind == "ending":
            tone = OUTCOME_TONES.get(it.outcome, "neutral")
            box = pygame.Rect(x0 + gap, y + gap, lw - 2 * gap, self.heights[i] - 2 * gap)
            rrect(surf, t.color(f"{tone}_bg"), box)
            rrect(surf, t.color(tone if tone != "neutral" else "muted"), box, None, 2)
            r = tx.draw_text(surf, outcome_label(it.outcome), "small", tone if tone != "neutral" else "text",
                             (box.x + 2 * gap, box.y + 2 * gap), box.w - 4 * gap, True, box)
            r = tx.draw_text(surf, it.sender, "large", "text", (box.x + 2 * gap, r.bottom),
                             box.w - 4 * gap, True, box)
            tx.draw_text(surf, it.text, "body", "text", (box.x + 2 * gap, r.bottom),
                         box.w - 4 * gap, False, box)
            return
        max_w = self._bubble_max()
        img = self._bubble(i, it, max_w)
        av = t.px("avatar")
        if it.named:
            ch = self.scenario.characters.get(it.sender)
            name = ch.name.get(self.lang) if ch else it.sender
            tx.draw_text(surf, name, "small", "muted", (x0 + av + gap, y), max_w, True, lst)
            y += tx.font_for("small", True).get_linesize()
        if it.outgoing:
            bx = lst.right - pad - img.get_width()
        else:
            bx = x0 + av + gap
            ch = self.scenario.characters.get(it.sender)
            if ch is not None:
                asz = round(av * 0.8)
                avatar(surf, (x0 + av // 2, y + img.get_height() - asz // 2), asz, ch.avatar, ch.name.get(self.lang))
        rect = surf.blit(img, (bx, y))
        rect = pygame.Rect(bx, y, img.get_width(), img.get_height())
        if tx.RECORDING and lst.top <= rect.top and rect.bottom <= lst.bottom:
            tx.RECORD.append((rect, pygame.Rect(lst.x, rect.y, lst.w, rect.h), it.text))
        self.visible[i] = rect
        flagged = it.index in self.pt.state.flags
        radius = min(t.px("radius"), rect.h // 2)
        if flagged:
            rrect(surf, t.color("flag"), rect.inflate(4, 4), radius + 2, max(3, t.px("focus_width") - 1))
        elif it.flaggable and self.ui.hover and rect.collidepoint(self.ui.hover):
            rrect(surf, t.color("bubble_hover"), rect.inflate(4, 4), radius + 2, 2)
        if self.focus_item == i:
            focus_ring(surf, rect, radius)
        # meta line: time, and the flag mark
        my = rect.bottom + 2
        parts = []
        if it.time:
            parts.append((it.time, "timestamp"))
        label, color = self.flag_label(it) if it.flaggable else ("", "")
        if label:
            parts.append((label, color))
        if self.focus_item == i and it.flaggable and self.pointer is None:  # the flag key: a badge
            hint = _("F: unflag") if flagged else _("F: flag this message")
            img = tx.render(hint, t.px("small"), t.color("pill_text"), lw, True)
            badge = img.get_rect(midleft=(rect.right + 2 * gap, rect.centery)).inflate(gap, gap // 2)
            if badge.right > lst.right - pad:  # no room beside it: over its lower edge
                badge.bottomright = (rect.right - gap, rect.bottom + badge.h // 2)
            rrect(surf, t.color("pill"), badge, badge.h // 2)
            tx.blit(surf, img, img.get_rect(center=badge.center).topleft, badge, hint)
        mx = rect.x if not it.outgoing else None
        if parts:
            texts = [tx.render(p, t.px("small"), t.color(c), lw) for p, c in parts]
            total = sum(im.get_width() for im in texts) + gap * 2 * (len(texts) - 1)
            x = mx if mx is not None else rect.right - total
            for (p, _c), im in zip(parts, texts):
                tx.blit(surf, im, (x, my), lst, p)
                x += im.get_width() + gap * 2

    def _draw_typing(self, surf, lst: pygame.Rect, y: int) -> None:
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        av = t.px("avatar")
        ev = self.pending
        ch = self.scenario.characters.get(ev.message.sender) if ev else None
        name = ch.name.get(self.lang) if ch else ""
        label = _("{name} is typing…").format(name=name)
        h = t.px("button_h")
        bx = lst.x + pad + av + gap
        r = pygame.Rect(bx, y, h * 2, h)
        rrect(surf, t.color("bubble_in"), r, h // 2)
        rrect(surf, t.color("bubble_in_border"), r, h // 2, 1)
        if ch is not None:
            asz = round(av * 0.8)
            avatar(surf, (lst.x + pad + av // 2, y + h - asz // 2), asz, ch.avatar, ch.name.get(self.lang))
        for k in range(3):  # three dots, gently pulsing
            phase = (self.clock * 2.2 - k * 0.33) % 1.0
            lift = math.sin(phase * math.pi) * gap * 0.5 if not self.app.settings.reduced_motion else 0
            pygame.draw.circle(surf, t.color("typing_dot"), (r.x + h * 0.55 + k * h * 0.45, r.centery - lift),
                               max(3, round(h * 0.1)))
        tx.draw_text(surf, label, "small", "muted", (bx, r.bottom + 2), lst.right - bx - pad, False, lst)

    def _draw_dock(self, surf, whole: pygame.Rect, dock: pygame.Rect) -> None:
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        old = surf.get_clip()
        surf.set_clip(whole)
        rrect(surf, t.color("chat_header"), whole.inflate(0, t.px("radius") * 2).move(0, -t.px("radius")))
        surf.set_clip(old)
        pygame.draw.line(surf, t.color("chat_border"), whole.topleft, (whole.right - 1, whole.top), 2)
        w = dock.w - 2 * pad
        if self.compact:
            self.drawer_button.label = self._drawer_label()
            y = whole.bottom - self._compact_dock_h(w) + pad
            for b in self._compact_buttons():
                b.draw(surf, whole.x + pad, y, w, self.ui)
                y += b.height(w) + gap
            if dock.h <= 0:
                return
        x, y = dock.x + pad, dock.y + pad - self._dock_scroll(dock, w)
        surf.set_clip(dock)  # big text: the dock scrolls (wheel, Tab to a reply) instead of clipping
        if self.feedback and not self.geo["side"].w:
            y += self._draw_feedback(surf, x, y, w) + gap
        if self._replies_shown():
            if self.choices.discuss:
                text = self._discuss_text()
                th = tx.text_height(text, "small", w - 2 * pad) + 2 * pad
                box = pygame.Rect(x, y, w, th)
                rrect(surf, t.color("neutral_bg"), box)
                tx.draw_text(surf, text, "small", "text", (x + pad, y + pad), w - 2 * pad, True, box)
                y += th + gap
            for b in self.choice_buttons:
                b.draw(surf, x, y, w, self.ui)
                y += b.height(w) + gap
        elif self.choices is not None:
            pass
        elif self.ending is not None:
            if not self.compact:
                self.debrief_button.draw(surf, x, y, w, self.ui)
        else:
            if self.pending is not None and self.app.settings.speed != "instant":
                hint = _("Press Space to show the next message now")
            else:
                hint = ""
            if hint:
                tx.draw_text(surf, hint, "small", "faint", (x, y), w, False, dock, "center")
        surf.set_clip(old)
        over = self._dock_height(w) - dock.h
        if over > 0:  # a thin bar: there is more below (or above)
            bar_h = max(gap * 3, dock.h * dock.h // (dock.h + over))
            by = dock.y + (dock.h - bar_h) * self.dock_offset / over
            pygame.draw.rect(surf, t.color("scrollbar"), (dock.right - gap, by, gap // 2, bar_h),
                             border_radius=gap)

    def _dock_scroll(self, dock: pygame.Rect, w: int) -> int:
        """How far the dock is scrolled: kept in range, and so the focused button shows."""
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        over = max(0, self._dock_height(w) - dock.h)
        focused = self.ui.focused
        if over and (focused in self.choice_buttons or focused is self.debrief_button):
            top = pad
            if self.feedback and not self.geo["side"].w:
                top += self._feedback_height(w) + gap
            if self.choices is not None and self.choices.discuss:
                top += tx.text_height(self._discuss_text(), "small", w - 2 * pad) + 2 * pad + gap
            for b in self.choice_buttons:
                if b is focused:
                    break
                top += b.height(w) + gap
            bottom = top + focused.height(w) + gap
            if top - pad < self.dock_offset:
                self.dock_offset = top - pad
            elif bottom > self.dock_offset + dock.h:
                self.dock_offset = bottom - dock.h
        self.dock_offset = max(0, min(self.dock_offset, over))
        return self.dock_offset

    def _draw_feedback(self, surf, x: int, y: int, w: int) -> int:
        """The Coach card (a flag's verdict or a reply's feedback). Returns its height."""
        t = theme()
        pad = t.px("pad")
        tone, title, body = self.feedback  # type: ignore[misc]
        title = marked(tone, title)
        fh = self._feedback_height(w)
        box = pygame.Rect(x, y, w, fh)
        self.feedback_rect = box
        rrect(surf, t.color(f"{tone}_bg"), box)
        rrect(surf, t.color(tone if tone != "neutral" else "faint"), box, None, 2)
        r = tx.draw_text(surf, title, "body", tone if tone != "neutral" else "text",
                         (x + pad, y + pad), w - 3 * pad, True, box)
        ty = r.bottom
        if body:
            ty = tx.draw_text(surf, body, "small", "text", (x + pad, ty), w - 3 * pad, False, box).bottom
        tx.draw_text(surf, _("Click or press X to close"), "small", "muted", (x + pad, ty),
                     w - 3 * pad, False, box)
        return fh

    def _draw_side(self, surf, r: pygame.Rect) -> None:
        t = theme()
        pad, gap = t.px("pad"), t.px("gap")
        st = self.pt.state
        mode = (_("Spot it") if st.difficulty == "spot" else _("Name it")) + " · " + \
            (_("Coach") if st.feedback == "coach" else _("Challenge"))
        mode_help = _("Flag what worries you. In Name it, also pick the tactic.") if st.difficulty == "name" \
            else _("Flag every message that worries you.")
        if st.feedback == "coach":
            mode_help += " " + _("You'll hear at once if a flag is right.")
        else:
            mode_help += " " + _("You'll find out at the debrief.")
        n = len(st.flags)
        blocks = [
            (_("How to play"), "body", "text", True),
            (_("Read the chat. If a message is a warning sign, click it to flag it. Click again to "
               "unflag. Then pick a reply."), "small", "text", False),
            (_("Keyboard"), "small", "text", True),
            (_("↑ ↓ pick a message · F flag it · Tab go through everything · 1–4 reply · Space next "
               "message · PgUp PgDn scroll · Esc leave · F1 help · V read aloud"), "small", "muted", False),
            (_("Mode"), "small", "text", True),
            (_("{mode}: {help}").format(mode=mode, help=mode_help), "small", "muted", False),
        ]
        blocks.insert(0, ("🚩 " + ngettext("{n} message flagged", "{n} messages flagged", n).format(n=n),
                          "body", "flag", True))
        y = r.y
        if self.feedback:
            y += self._draw_feedback(surf, r.x, y, r.w) + gap
            r = pygame.Rect(r.x, y, r.w, r.bottom - y)
        rrect(surf, t.color("card"), r)
        rrect(surf, t.color("card_border"), r, None, 2)
        y = r.y + pad
        old = surf.get_clip()
        surf.set_clip(r)
        for text, size, color, bold in blocks:
            h = tx.text_height(text, size, r.w - 2 * pad, bold)
            if y + h > r.bottom - pad:
                break
            tx.draw_text(surf, text, size, color, (r.x + pad, y), r.w - 2 * pad, bold, r)
            y += h + gap
        surf.set_clip(old)
