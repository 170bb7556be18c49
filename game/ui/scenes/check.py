"""The knowledge check on screen, one question at a time. Before the stories (and in a later
check) an answer is only saved (telling the right one would spoil the 'after'); after them each
answer is explained. The options show in the group's own shuffled order (GroupRun.option_order:
the right one is not always in the same place), and what is stored is the option as written,
with the milliseconds from the question shown to the answer.

Nobody answers by accident: no option has the focus when a question appears (Enter and Space
do nothing until someone picks), and for its first moment (READ_SECONDS) clicks and number keys
on the options are ignored, so keys pressed for the question before, or mashed, never answer.
And a group can change its mind: before the stories and later, a pick is saved at once (nothing
lost if the computer stops) and another pick replaces it until the group goes on; after the
stories, a pick is only chosen until "Check my answer" shows whether it was right.
"""

from __future__ import annotations

import pygame

from ...classroom.knowledge import questions_gained
from ...classroom.session import GroupRun, Step
from ...classroom.skillcheck import Phase
from ...classroom.store import StoreError
from ...i18n import _, ngettext
from ..widgets.base import Block, Button, Card, Row, TextBlock
from ..widgets.panels import panel
from .group_flow import advance
from .page import TimedPage


class CheckScene(TimedPage):
    name = "check"

    def __init__(self, app, run: GroupRun, step: Step):
        self.run, self.step = run, step
        self.phase: Phase = step.phase or "pre"
        self.check = step.check
        self.queue = list(step.unanswered)
        self.answered: tuple[int, bool] | None = None  # (option, right) of the current question, saved
        self.chosen: int | None = None  # after the stories: the option picked, not yet checked
        self.unsaved = False  # a change of mind could not be saved: the answer kept is still `answered`
        self.finished = False
        self.cut_short = self.phase == "post" and run.stories_cut_short()
        self.title = self.check.title.get(app.settings.lang) if self.check else _("Knowledge check")
        super().__init__(app)

    @property
    def question(self):
        return self.check.question(self.queue[0]) if self.queue else None

    @property
    def order(self) -> tuple[int, ...]:
        """The current question's options as shown: the written index at each place."""
        q = self.question
        return self.run.option_order(self.phase, q) if q is not None else ()

    def wake_after(self) -> float | None:
        """A frame when the question can be answered, so the clock moves on while nobody types."""
        return self.until_ready() if self.answered is None and not self.finished else None

    def build(self):
        lang = self.app.settings.lang
        total = len(self.check.questions)
        blocks: list[Block] = []
        if self.finished:
            return self.summary(lang)
        q = self.question
        number = total - len(self.queue) + 1
        head = {"pre": _("Before the stories"), "post": _("After the stories")}.get(self.phase) or _("Later check")
        blocks.append(TextBlock(head + "  ·  " + _("Question {n} of {total}").format(n=number, total=total),
                                "small", "muted", True))
        if self.cut_short and number == 1 and self.answered is None:
            blocks.append(TextBlock(_("Your teacher has ended the stories for today: time for the check."),
                                    "body", "muted"))
        if number == 1 and self.phase == "pre" and self.check.intro is not None:
            blocks.append(TextBlock(self.check.intro.get(lang), "body", "muted"))
        blocks.append(TextBlock(q.text.get(lang), "large", "text", True))
        hotkeys = {}
        mine = self.chosen if self.phase == "post" else self.answered[0] if self.answered else None
        for shown, i in enumerate(self.order):
            label = q.options[i].get(lang)
            if self.answered is not None and self.phase == "post":  # explained: no pick changes it
                chosen, _right = self.answered
                if i == q.correct_index:
                    blocks.append(Card([TextBlock("✓ " + _("Right answer") + (" · " + _("your answer") if i == chosen
                                                                               else ""), "small", "good", True),
                                        TextBlock(label, "body", "text", True)], bg="good_bg", accent="good"))
                elif i == chosen:
                    blocks.append(Card([TextBlock(_("Your answer"), "small", "text", True),
                                        TextBlock(label, "body", "text", True)], accent="warn"))
                else:
                    blocks.append(TextBlock(label, "body", "muted", bg="neutral_bg"))
            else:  # the group's pick stands out, and any other can still be picked instead
                blocks.append(Button("✓ " + label if i == mine else label, lambda i=i: self.pick(i),
                                     "primary" if i == mine else "secondary", key_hint=str(shown + 1),
                                     name=f"option-{shown}", align="left"))
                hotkeys[pygame.K_1 + shown] = lambda shown=shown, i=i: self.key_pick(shown, i)
        if self.answered is not None:
            blocks += self.feedback(q, lang)
        elif self.chosen is not None:
            blocks.append(Row([Button(_("Check my answer"), lambda: self.answer(self.chosen), "primary",
                                      width="auto", key_hint="Enter", name="check")]))
        self.hotkeys = hotkeys
        return blocks

    def feedback(self, q, lang: str) -> list[Block]:
        assert self.answered is not None  # shown only once the question is answered
        chosen, right = self.answered
        if self.phase in ("pre", "later") and self.unsaved:  # (the page says why, at its top)
            out: list[Block] = [panel([TextBlock(_("Your change was not saved. The answer kept is the one "
                                                   "marked ✓: pick again to try once more."), "body", "text", True)],
                                      "warn", "feedback")]
        elif self.phase == "pre":
            out = [panel([TextBlock(_("Answer saved. You can change it until you go on."), "body", "text", True),
                          TextBlock(_("No marks now: we'll ask again after the stories and "
                                      "explain the answers then."), "small", "text")],
                         "neutral", "feedback")]
        elif self.phase == "later":
            out = [panel([TextBlock(_("Answer saved. You can change it until you go on."), "body", "text", True)],
                         "neutral", "feedback")]
        else:
            tone = "good" if right else "warn"
            title = _("Right!") if right else _("Not quite. The answer: {answer}").format(
                answer=q.options[q.correct_index].get(lang))
            out = [panel([TextBlock(title, "body", tone, True),
                          TextBlock(q.explain.get(lang), "body", "text")], tone, "feedback")]
        last = len(self.queue) == 1
        stories_next = self.phase == "pre" and not self.run.chats("pre")  # else the spot check comes first
        out.append(Row([Button(_("See your results") if last and self.phase == "post" else
                               (_("Next question") if not last else
                                _("Start the stories") if stories_next else _("Continue")),
                               self.next_question, "primary", width="auto", key_hint="Enter", name="next")]))
        return out

    def summary(self, lang: str) -> list[Block]:
        pre, post = self.run.check_score("pre"), self.run.check_score("post")
        lines = [TextBlock(_("Knowledge check: done"), "heading", "text", True)]
        if pre is not None and post is not None:
            lines.append(TextBlock(_("Before the stories: {a} of {t}").format(a=pre.correct, t=pre.total),
                                   "large", "text"))
            lines.append(TextBlock(_("After the stories: {a} of {t}").format(a=post.correct, t=post.total),
                                   "large", "text", True))
            diff = questions_gained(pre, post) or 0
            if diff > 0:
                lines.append(TextBlock(ngettext("You got {n} more right than at the start. Well done!",
                                                "You got {n} more right than at the start. Well done!", diff).format(n=diff),
                                       "body", "good", True))
        return lines + [Row([Button(_("Continue"), self.done, "primary", width="auto", key_hint="Enter",
                                    name="next")])]

    def key_pick(self, shown: int, option: int) -> None:
        """An option's number: an option out of view (big text, a small window) is first scrolled
        into view with the focus, so a group answers only what it has read; pressed again, it picks."""
        button = next((t for t in self.targets if getattr(t, "name", "") == f"option-{shown}"), None)
        if button is not None and not (button.rect.h and self.view.contains(button.rect)):
            self.focus(button)
            return
        self.pick(option)

    def pick(self, option: int) -> None:
        """An option clicked or its number pressed: ignored while the question is new. After the
        stories it is chosen (Enter checks it); else saved, replacing an earlier pick."""
        if not self.ready or self.question is None:
            return
        if self.phase == "post":
            if self.answered is None:
                self.chosen = option
                self.rebuild()
                self.focus_named("check")
            return
        if self.answered is None or self.answered[0] != option:
            self.answer(option)

    def answer(self, option: int | None) -> None:
        """Save an answer (the time: from the question shown to this). After the stories, once:
        it is then explained; before and later, again when the group changes its mind."""
        if option is None or self.question is None or (self.answered is not None and self.phase == "post"):
            return
        ms = round(self.waited * 1000)
        try:
            right = self.run.answer(self.phase, self.question.id, option, ms)
        except StoreError as exc:  # a full disk, a drive pulled out: said on the page, asked again
            self.app.classroom.record_failed(exc)
            self.unsaved = self.answered is not None  # (a first answer: the options stay, unanswered)
            self.rebuild()
            return
        self.answered, self.unsaved = (option, right), False
        self.rebuild(keep_focus=False)
        self.focus_named("next")

    def next_question(self) -> None:
        self.queue.pop(0)
        self.answered = self.chosen = None
        self.unsaved = False
        if not self.queue:
            if self.phase == "post":
                self.finished = True
                self.rebuild(keep_focus=False)
                self.focus_named("next")
                return
            self.done()
            return
        self.shown_now()
        self.rebuild(keep_focus=False)  # and nothing focused: Enter must not pick an option
        self.offset = 0

    def done(self) -> None:
        advance(self.app, self.run)

    def back(self) -> None:
        self.app.pop_to("session")  # answers are saved one by one: nothing is lost
