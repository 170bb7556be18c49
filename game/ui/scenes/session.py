"""Class sessions on screen: the session screen (groups, the stories each one has played, and
the teacher's "after-check now"), a group's name, the roles card, and the flow between them (the
knowledge check is in check.py, choosing the lesson's stories in lesson.py).

Progress lives in the results store (game/classroom), never in these screens: every screen asks
`run.next_step()` what comes next, so after a crash, a closed lid or Esc the same call puts the
group back where it was. The session screen is open to students (names and progress only, no
results); everything else a teacher does is behind the PIN (teacher.py).

Also here: `Classroom` (the store, the knowledge check and teacher mode, opened on first use),
`SoloPlay` (normal play recorded in its own small store so an interrupted story can be resumed)
and `TextField` (typed text: group names, the PIN, file paths).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

import pygame

from ...classroom.session import (
    MAX_MEMBERS,
    MAX_NAME,
    MIN_MEMBERS,
    NAME_WARNINGS,
    ROLE_TEXT,
    ClassSession,
    GroupRun,
    Step,
    check_group_name,
    name_warning,
)
from ...classroom.store import (
    PlaythroughInfo,
    RecordingPlaythrough,
    ResultsStore,
    StoreError,
)
from ...classroom import vault
from ...engine.runtime import PlayError
from ...i18n import _, ngettext
from ...userdata import atomic_write_text, data_dir
from .. import text as tx
from ..theme import theme
from ..widgets.base import (
    Block,
    Button,
    Card,
    Grid,
    OptionRow,
    Row,
    Spacer,
    TextBlock,
    focus_ring,
    rrect,
)
from .base import Dialog, PageScene

from ..storage import Classroom, SoloPlay  # noqa: F401  (what the classroom screens share)


# --- typed text ---------------------------------------------------------------------------------


class TextField(Block):
    """A one-line text box: TEXTINPUT events type, Backspace deletes (Ctrl+Backspace clears),
    Enter submits. `masked` shows dots (the PIN); `allowed` filters characters."""

    focusable = True

    def __init__(self, label: str, text: str = "", max_len: int = 60, *, masked: bool = False,
                 allowed: Callable[[str], bool] | None = None, on_enter: Callable[[], None] | None = None,
                 on_focus: Callable[[TextField], None] | None = None, name: str = "field",
                 placeholder: str = ""):
        super().__init__()
        self.label, self.text, self.max_len, self.masked = label, text, max_len, masked
        self.allowed, self.on_enter, self.on_focus = allowed, on_enter, on_focus
        self.name, self.placeholder = name, placeholder
        self.box = pygame.Rect(0, 0, 0, 0)

    def shown(self) -> str:
        return "●" * len(self.text) if self.masked else self.text

    def measure(self, w: int) -> int:
        t = theme()
        label_h = tx.text_height(self.label, "body", w, True) + t.px("gap") // 2 if self.label else 0
        return label_h + max(t.px("button_h"), tx.font_for("large").get_linesize() + t.px("pad"))

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        t = theme()
        pad = t.px("pad")
        if self.label:
            r = tx.draw_text(surf, self.label, "body", "text", (x, y), w, True, self.rect)
            y = r.bottom + t.px("gap") // 2
        self.box = pygame.Rect(x, y, w, self.rect.bottom - y)
        rrect(surf, t.color("card"), self.box)
        rrect(surf, t.color("focus" if ui.focused is self else "button2_border"), self.box, None, 2)
        shown = self.shown()
        inner = self.box.inflate(-2 * pad, 0)
        if shown:
            img = tx.render(shown, t.px("large"), t.color("text"), 100000)
            if img.get_width() > inner.w:  # long text: show its end, where the caret is
                img = img.subsurface((img.get_width() - inner.w, 0, inner.w, img.get_height()))
            pos = (inner.x, self.box.centery - img.get_height() // 2)
            surf.blit(img, pos)
            if tx.RECORDING and img.get_width() <= inner.w:
                tx.RECORD.append((pygame.Rect(pos, img.get_size()), self.box, shown))
            caret_x = pos[0] + img.get_width() + 2
        else:
            if self.placeholder:
                tx.draw_text(surf, self.placeholder, "body", "faint", (inner.x, self.box.centery - t.px("body") * 2 // 3),
                             inner.w, False, self.box)
            caret_x = inner.x
        if ui.focused is self:
            ch = tx.font_for("large").get_linesize()
            pygame.draw.line(surf, t.color("text"), (caret_x, self.box.centery - ch // 2 + 4),
                             (caret_x, self.box.centery + ch // 2 - 4), 2)
            focus_ring(surf, self.box)

    def insert(self, s: str) -> None:
        for ch in s:
            if len(self.text) >= self.max_len:
                break
            if ch.isprintable() and (self.allowed is None or self.allowed(ch)):
                self.text += ch

    def key(self, ev) -> bool:
        if ev.key == pygame.K_BACKSPACE:
            self.text = "" if ev.mod & pygame.KMOD_CTRL else self.text[:-1]
            return True
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.on_enter:
                self.on_enter()
            return True
        if ev.key == pygame.K_u and ev.mod & pygame.KMOD_CTRL:
            self.text = ""
            return True
        return False

    def activate(self) -> None:
        if self.on_enter:
            self.on_enter()

    def click(self, pos) -> bool:
        if self.rect.collidepoint(pos):
            if self.on_focus:
                self.on_focus(self)
            return True
        return False


class FieldPage(PageScene):
    """A page with text fields: typing goes to the focused field, and letters are text there,
    not shortcuts (only F1 opens Get help while typing)."""

    @property
    def wants_text(self) -> bool:
        return isinstance(self.ui.focused, TextField)

    def focus_field(self, field: TextField) -> None:
        self.focus(field)

    def handle(self, ev) -> None:
        f = self.ui.focused
        if isinstance(f, TextField):
            if ev.type == pygame.TEXTINPUT:
                f.insert(ev.text)
                self.text_changed(f)
                return
            if ev.type == pygame.KEYDOWN:
                if f.key(ev):
                    self.text_changed(f)
                    return
                if 32 <= ev.key < 127 and not ev.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
                    return  # the character arrives as TEXTINPUT
        super().handle(ev)

    def text_changed(self, field: TextField) -> None:
        pass


class Column(Block):
    """Blocks stacked in a centred column at most `max_w` (at 1280x720) wide: the PIN box."""

    def __init__(self, items: list[Block], max_w: int):
        super().__init__()
        self.items, self.max_w = items, max_w

    def _w(self, w: int) -> int:
        return min(w, round(self.max_w * theme().scale))

    def measure(self, w: int) -> int:
        cw = self._w(w)
        return sum(it.height(cw) for it in self.items) + theme().px("gap") * (len(self.items) - 1)

    def draw(self, surf, x, y, w, ui) -> None:
        super().draw(surf, x, y, w, ui)
        cw = self._w(w)
        cx = x + (w - cw) // 2
        for it in self.items:
            it.draw(surf, cx, y, cw, ui)
            y += it.height(cw) + theme().px("gap")

    def focus_targets(self) -> list[Block]:
        return [f for it in self.items for f in it.focus_targets()]

    def click(self, pos) -> bool:
        return any(it.click(pos) for it in self.items)


def panel(items: list[Block], tone: str = "neutral", name: str = "") -> Card:
    """A tinted message card: good, warn, bad or neutral."""
    return Card(items, bg=f"{tone}_bg", accent=tone if tone != "neutral" else "faint", border=None, name=name)


def role_name(role: str, lang: str) -> str:
    return ROLE_TEXT[role][0].get(lang)


# --- the flow of a group -------------------------------------------------------------------------


def advance(app, run: GroupRun) -> None:
    """Show what this group does next (asked of the store), on top of the session screen."""
    if not app.pop_to("session"):
        app.push(SessionScene(app, run.session))
    step = run.next_step()
    if step.kind in ("pre_check", "post_check"):
        from .check import CheckScene

        app.push(CheckScene(app, run, step))
    elif step.kind == "scenario":
        if step.roles:
            app.push(RolesScene(app, run, step))
        else:
            play_step(app, run, step)
    else:
        app.push(GroupDoneScene(app, run))


def play_step(app, run: GroupRun, step: Step) -> None:
    from .chat import ChatScene

    pt = run.play(step)
    app.push(ChatScene(app, step.scenario, pt=pt, run=run))
    if step.restarted:
        app.push(Dialog(app, _("This story starts again"),
                        _("The story was changed after your group started it, so it can't continue "
                          "where you stopped. It starts again from the beginning; what your group did "
                          "before is kept in the results."), [(_("OK"), lambda: None)]))


def progress_text(run: GroupRun, step: Step, lang: str) -> str:
    n = len(run.session.scenarios)
    if step.kind == "pre_check":
        return _("Knowledge check (before)")
    if step.kind == "post_check":
        return _("Knowledge check (after)")
    if step.kind == "scenario":
        text = _("Story {n} of {total}: {title}").format(n=step.round + 1, total=n,
                                                         title=step.scenario.title.get(lang))
        return text + ("  ·  " + _("interrupted, can be resumed") if step.resume else "")
    return _("Finished")


class SessionScene(FieldPage):
    """The session screen: what the class plays, the groups and where each one is."""

    name = "session"

    def __init__(self, app, session: ClassSession):
        self.session = session
        self.notice = ""  # the after-check could not be saved
        app.classroom.apply_session_settings(session.settings)
        self.title = self._title()
        super().__init__(app)

    def _title(self) -> str:
        label = self.session.settings.class_label
        return _("Class session") + (f" · {label}" if label else "")

    def on_top(self) -> None:
        try:  # "Delete all results" in the teacher menu opened from here: this session is gone
            gone = self.app.classroom.store.session(self.session.id) is None
        except StoreError:
            gone = False
        if gone:
            self.leave()
            return
        self.title = self._title()
        self.rebuild()

    def layout(self) -> None:
        self.title = self._title()
        super().layout()

    def build(self):
        app, session, cs = self.app, self.session, self.session.settings
        lang = app.settings.lang
        whole = cs.whole_class
        groups = session.groups()
        titles = ", ".join(s.title.get(lang) for s in session.scenarios)
        plan = [TextBlock((_("Today's stories: {titles}") if session.chosen else
                           _("Stories, in order: {titles}")).format(titles=titles), "body", "text", True),
                TextBlock(mode_line(cs), "small", "muted")]
        if session.missing:
            plan.append(TextBlock(_("Not installed here, skipped: {ids}").format(ids=", ".join(session.missing)),
                                  "small", "warn"))
        blocks: list[Block] = [Card(plan, accent="online", name="plan")]
        if session.after_check:
            stop = (_("The teacher called the after-check: each group answers the knowledge check next.")
                    if cs.knowledge_check and session.check is not None else
                    _("The teacher ended the stories for today."))
            blocks.append(panel([TextBlock(stop, "body", "text", True),
                                 TextBlock(_("A story a group had not finished stays unfinished in the results."),
                                           "small", "text")], "warn", "after-check"))
        if self.notice:
            blocks.append(panel([TextBlock(self.notice, "body", "text")], "warn", "notice"))
        if whole:
            blocks.append(TextBlock(_("Whole class at one screen: the teacher drives, everyone discusses."),
                                    "body", "muted"))
        if (not groups or not whole) and not session.after_check:
            label = _("Start") if whole else _("Add a group")
            blocks.append(Row([Button(label, self.add_group, "primary", width="auto", name="add-group")]))
        if groups:
            blocks.append(TextBlock(_("Groups"), "heading", "text", True))
            blocks.append(TextBlock(_("Choose your group to go on."), "small", "muted"))
        cards = [self.group_card(i, run, lang) for i, run in enumerate(groups)]
        if cards:
            blocks.append(Grid(cards, min_w=300))
        teacher = [Button(_("Teacher menu"), self.teacher_menu, "secondary", width="auto", name="teacher")]
        if not session.after_check:
            teacher.append(Button(_("Send everyone to the after-check") if self.checks_on else
                                  _("End the stories for everyone"), self.call_after_check, "secondary",
                                  width="auto", name="after-check-now"))
        teacher.append(Button(_("End the session"), self.end_session, "secondary", width="auto", name="end"))
        blocks += [Spacer(1), TextBlock(_("For the teacher"), "body", "text", True), Row(teacher),
                   TextBlock(_("Everything is saved as it happens. If the computer stops, open Red Flags "
                               "again and choose Continue class session."), "small", "muted")]
        return blocks

    @property
    def checks_on(self) -> bool:
        return self.session.settings.knowledge_check and self.session.check is not None

    def group_card(self, i: int, run: GroupRun, lang: str) -> Card:
        """A group's name, where it is, and the stories it has played (here, or in an earlier
        lesson of the same class under the same team name)."""
        step = run.next_step()
        done = step.kind == "done"
        items: list[Block] = [TextBlock(run.info.name, "large", "text", True),
                              TextBlock(("✓ " if done else "▶ ") + progress_text(run, step, lang), "small",
                                        "good" if done else "muted", True)]
        marks = story_marks_text(run.story_marks(self.session.earlier_plays(run.info.name)), lang)
        if marks:
            items.append(TextBlock(marks, "small", "text"))
        return Card(items, accent="good" if done else "online",
                    action=None if done else (lambda r=run: advance(self.app, r)), name=f"group-{i}")

    def add_group(self) -> None:
        self.app.push(GroupNameScene(self.app, self.session))

    def teacher_menu(self) -> None:
        from .teacher import TeacherMenuScene, require_pin

        def go():
            self.app.pop_to("session")
            self.app.push(TeacherMenuScene(self.app))

        require_pin(self.app, go)

    def end_session(self) -> None:
        from .teacher import confirm_with_pin

        confirm_with_pin(self.app, _("End this session?"),
                         _("The results stay saved for the class debrief. Groups can no longer "
                           "continue from the title screen."),
                         [(_("Keep the session"), lambda: None), (_("End the session"), self._end)])

    def call_after_check(self) -> None:
        from .teacher import confirm_with_pin

        if self.checks_on:
            title, go = _("Send every group to the after-check?"), _("Send to the after-check")
            body = _("Each group's next step becomes the knowledge check after the stories. A group in "
                     "the middle of a story stops there: what it did so far stays saved, as unfinished. "
                     "This can't be undone.")
        else:
            title, go = _("End the stories for every group?"), _("End the stories")
            body = _("No group starts or continues a story after this. What each group did so far stays "
                     "saved; a story in progress stays unfinished. This can't be undone.")
        confirm_with_pin(self.app, title, body, [(_("Keep playing"), lambda: None), (go, self._after_check)])

    def _after_check(self) -> None:
        if not self.session.call_after_check():
            self.notice = _("This can't be saved in the data folder: it holds until Red Flags closes.")
        self.rebuild()

    def _end(self) -> None:
        self.app.classroom.set_active(None)
        self.leave()

    def leave(self) -> None:
        self.app.classroom.restore_settings()
        self.app.pop_to("title")

    def back(self) -> None:
        self.app.push(Dialog(self.app, _("Leave the session screen?"),
                             _("Everything is saved. To come back, choose Continue class session on the "
                               "title screen."),
                             [(_("Stay"), lambda: None), (_("Leave"), self.leave)]))


def story_marks_text(marks, lang: str) -> str:
    """The stories a group has played, for its card: finished ones ticked; a story it started
    and did not finish, and one played in an earlier lesson, said in words."""
    parts = []
    for scenario, mark in marks:
        title = scenario.title.get(lang)
        if mark == "finished":
            parts.append("✓ " + title)
        elif mark == "unfinished":
            parts.append(_("{title}: not finished").format(title=title))
        elif mark == "earlier":
            parts.append(_("{title}: played in an earlier lesson").format(title=title))
    return "  ·  ".join(parts)


def mode_line(cs) -> str:
    parts = [_("Spot it") if cs.difficulty == "spot" else _("Name it"),
             _("Coach") if cs.feedback == "coach" else _("Challenge"),
             {"off": _("no discussion pauses"), "marked": _("pauses at marked decisions"),
              "all": _("pauses before every decision")}[cs.discussion]]
    if cs.knowledge_check:
        parts.append(_("knowledge check before and after"))
    return " · ".join(parts)


class GroupNameScene(FieldPage):
    """A new group: its name (warned against full names and contact details) and its size."""

    name = "group-name"

    def __init__(self, app, session: ClassSession):
        self.session = session
        self.whole = session.settings.whole_class
        self.title = _("New group")
        self.members = 3
        self.warned_for: str | None = None
        self.problem = ""
        default = (session.settings.class_label or _("Whole class")) if self.whole else ""
        self.field = TextField(_("Group name"), default, MAX_NAME, on_enter=self.submit,
                               on_focus=self.focus_field, name="name",
                               placeholder=_("for example: Blue Foxes"))
        super().__init__(app)
        self.focus(self.field)

    def build(self):
        lang = self.app.settings.lang
        blocks: list[Block] = [
            TextBlock(_("Choose a team name. Don't use your real names."), "large", "text", True),
            self.field,
        ]
        warning = name_warning(self.field.text) if self.field.text.strip() else None
        if self.problem:
            blocks.append(panel([TextBlock(self.problem, "body", "bad", True)], "bad", "problem"))
        elif warning and self.warned_for == self.field.text:
            blocks.append(panel([TextBlock(NAME_WARNINGS[warning].get(lang), "body", "text", True),
                                 TextBlock(_("Change the name, or press Enter again to keep it."), "small",
                                           "muted")], "warn", "warning"))
        if not self.whole:
            blocks.append(OptionRow(_("People in the group"), lambda: str(self.members), self.change_members,
                                    _("Roles rotate between the seats after each story."), name="members"))
        confirm = self.warned_for == self.field.text and warning
        blocks.append(Row([Button(_("Use this name anyway") if confirm else _("Continue"), self.submit,
                                  "primary", width="auto", key_hint="Enter", name="ok")]))
        return blocks

    def change_members(self, step: int) -> None:
        self.members = MIN_MEMBERS + (self.members - MIN_MEMBERS + step) % (MAX_MEMBERS - MIN_MEMBERS + 1)
        self.rebuild()

    def text_changed(self, field: TextField) -> None:
        self.problem = ""
        self.rebuild()
        self.focus(self.field)

    def submit(self) -> None:
        text = self.field.text
        try:
            name = check_group_name(text)
        except ValueError:
            self.problem = _("Type a name first.") if not text.strip() else \
                ngettext("A group name has at most {n} character.", "A group name has at most {n} characters.",
                         MAX_NAME).format(n=MAX_NAME)
            self.rebuild()
            return
        if name_warning(name) and self.warned_for != text:
            self.warned_for = text
            self.rebuild()
            self.focus(self.field)
            return
        run = self.session.add_group(name, self.members)
        advance(self.app, run)


class RolesScene(PageScene):
    """The roles card before each story: who does what this time (roles move one seat each story)."""

    name = "roles"

    def __init__(self, app, run: GroupRun, step: Step):
        self.run, self.step = run, step
        self.title = run.info.name
        super().__init__(app)
        self.focus(self.start_button)

    def build(self):
        lang = self.app.settings.lang
        st = self.step
        n = len(self.run.session.scenarios)
        self.start_button = Button(_("Continue the story") if st.resume else _("Start the story"),
                                   self.start, "primary", width="auto", key_hint="Enter", name="start")
        cards = []
        for seat, roles in st.roles:
            items: list[Block] = [TextBlock(_("Seat {n}").format(n=seat), "small", "muted", True)]
            if not roles:
                items.append(TextBlock(_("Discusses and helps decide"), "body", "text", True))
            for r in roles:
                items.append(TextBlock(role_name(r, lang), "large", "text", True))
                items.append(TextBlock(ROLE_TEXT[r][1].get(lang), "small", "text"))
            cards.append(Card(items, accent="online", name=f"seat-{seat}"))
        blocks: list[Block] = [
            TextBlock(_("Story {n} of {total}: {title}").format(n=st.round + 1, total=n,
                                                               title=st.scenario.title.get(lang)),
                      "heading", "text", True),
        ]
        if st.resume:
            blocks.append(panel([TextBlock(_("You're picking up where you left off."), "body", "text", True)],
                                "good", "resume"))
        blocks += [
            TextBlock(_("Your roles for this story"), "large", "text", True),
            TextBlock(_("Seats are counted from the left. Roles move one seat after each story."),
                      "small", "muted"),
            Grid(cards, min_w=250),
            Spacer(0.5),
            Row([self.start_button]),
        ]
        return blocks

    def start(self) -> None:
        self.app.pop()
        play_step(self.app, self.run, self.step)

    def back(self) -> None:
        self.app.pop_to("session")


class GroupDoneScene(PageScene):
    name = "group-done"

    def __init__(self, app, run: GroupRun):
        self.run = run
        self.title = run.info.name
        super().__init__(app)
        self.focus(self.targets[0])

    def build(self):
        pre, post = self.run.check_score("pre"), self.run.check_score("post")
        early = self.run.session.after_check and any(m != "finished" for _s, m in self.run.story_marks())
        blocks: list[Block] = [
            Row([Button(_("Back to the session screen"), self.back, "primary", width="auto",
                        key_hint="Enter", name="to-session")]),
            TextBlock((_("Well done, {name}! That's all the stories for today.") if early else
                       _("Well done, {name}! You have finished every story.")).format(name=self.run.info.name),
                      "heading", "text", True),
            TextBlock(_("Your teacher will lead the class debrief. If anything in these stories worried "
                        "you, talk to an adult you trust, or press F1 for Get help."), "body", "text"),
        ]
        if pre is not None and post is not None:
            blocks.append(Card([TextBlock(_("Knowledge check"), "body", "text", True),
                                TextBlock(_("Before: {a} of {t}  ·  After: {b} of {t}").format(
                                    a=pre.correct, b=post.correct, t=pre.total), "large", "text", True)]))
        return blocks

    def back(self) -> None:
        self.app.pop_to("session")


def open_active_session(app) -> bool:
    """'Continue class session' on the title screen (after a restart or a crash)."""
    sid = app.classroom.active_id()
    if sid is None:
        return False
    gate = app.classroom.teacher.gate
    if gate.key is None and vault.exists():
        # the groups' names are sealed: the teacher's PIN opens them for this class (and locks
        # teacher mode again straight after, so students at the keyboard get nothing more)
        from .teacher import require_pin

        def continue_session() -> None:
            gate.lock()
            app.push(SessionScene(app, app.classroom.open_session(sid)))

        require_pin(app, continue_session)
        return True
    app.push(SessionScene(app, app.classroom.open_session(sid)))
    return True


def session_debrief(app, pt, run: GroupRun):
    """The chat's debrief inside a session: same content, and Continue instead of Play again."""
    from .debrief import DebriefScene

    class SessionDebriefScene(DebriefScene):
        in_session = True

        def buttons(self, suffix: str) -> Row:
            return Row([Button(_("Continue"), lambda: advance(self.app, run), "primary", width="auto",
                               name=f"continue{suffix}")])

        def back(self) -> None:
            self.app.pop_to("session")

    return SessionDebriefScene(app, pt)


# --- the title screen: pick up where things stopped ----------------------------------------------


def title_buttons(app) -> list[Button]:
    """'Resume your story' after an interrupted normal game; 'Continue class session' while a
    session runs on this computer. Both read the stores only (no scenario loading)."""
    out = []
    room = app.classroom
    solo = room.solo
    if solo is not None and solo.interrupted() is not None:
        out.append(Button(_("Resume your story"), lambda: resume_solo(app), "primary", width="auto",
                          name="resume"))
    try:
        active = room.active_id()
    except StoreError:
        active = None
    if active:
        out.append(Button(_("Continue class session"), lambda: open_active_session(app), "primary",
                          width="auto", name="continue-session"))
    return out


def resume_solo(app) -> None:
    from .chat import ChatScene

    solo = app.classroom.solo
    info = solo.interrupted() if solo is not None else None
    scenario = app.library.playable().get(info.scenario_id) if info is not None else None
    if scenario is None:
        if solo is not None:
            solo.clear()
        app.push(Dialog(app, _("This story can't be resumed"),
                        _("It is no longer installed, or it has problems. Choose a story from the list."),
                        [(_("OK"), lambda: None)]))
        return
    try:
        pt = solo.resume(info, scenario)
    except PlayError:
        app.push(Dialog(app, _("This story can't be resumed"),
                        _("The story was changed since you played it, so it can't continue where you "
                          "stopped. Start it again from the beginning?"),
                        [(_("Start again"), lambda: app.start_scenario(scenario.id)),
                         (_("Not now"), lambda: None)]))
        return
    app.push(ChatScene(app, scenario, pt=pt))
