"""A group has played every story of the session (or the teacher ended the stories): well
done, the knowledge check's before and after, and the way back to the session screen."""

from __future__ import annotations

from ...classroom.session import GroupRun
from ...i18n import _
from ..widgets.base import Block, Button, Card, Row, TextBlock
from .page import PageScene


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
