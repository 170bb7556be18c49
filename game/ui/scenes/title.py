"""The title screen: the game, a short content note, Play, Settings, Get help, Quit."""

from __future__ import annotations

import pygame

from ...i18n import _
from ..widgets.base import Button, Card, Row, Spacer, TextBlock
from .base import Dialog
from .page import PageScene


class TitleScene(PageScene):
    name = "title"
    show_back = False

    def __init__(self, app):
        self.title = _("Red Flags")
        super().__init__(app)

    def build(self):
        app = self.app
        self.title = _("Red Flags")  # again at every rebuild: the language may have changed
        self.play = Button(_("Play"), app.open_picker, "primary", width="auto", name="play")
        self.hotkeys = {pygame.K_t: app.open_teacher}
        extra = []  # Resume an interrupted story, Continue class session: once the engine is loaded
        if app.engine_loaded:  # (right after the first frame, so the window appears at once)
            from .resume import title_buttons

            extra = title_buttons(app)
        return [
            Spacer(2),
            TextBlock(_("Red Flags"), "title", "title_accent", True, "center"),
            TextBlock(_("Spot the warning signs in online chats, and choose what to do."),
                      "large", "text", False, "center"),
            Spacer(1),
            Card([TextBlock(_("Content note"), "body", "text", True),
                  TextBlock(_("These stories show adults and strangers trying to trick young people "
                              "online: flattery, secrets, requests for pictures and threats. Nothing "
                              "explicit is shown. You can stop at any time, and Get help is always "
                              "one click (or F1) away."), "body", "muted")], accent="flag"),
            Spacer(1),
            *([Row(extra, align="center")] if extra else []),
            Row([self.play,
                 Button(_("Settings"), app.open_settings, "secondary", width="auto", name="settings"),
                 Button(_("Get help"), app.open_help, "help", width="auto", name="help-big"),
                 Button(_("Teacher"), app.open_teacher, "secondary", width="auto", key_hint="T", name="teacher"),
                 Button(_("Quit"), self.back, "secondary", width="auto", name="quit")], align="center"),
            Spacer(1),
            TextBlock(_("Mouse or keyboard: Tab and arrows move, Enter chooses, Esc goes back, "
                        "F1 opens Get help, F11 fullscreen."), "small", "muted", False, "center"),
        ]

    def on_top(self) -> None:
        self.rebuild()

    def back(self) -> None:
        self.app.push(Dialog(self.app, _("Quit Red Flags?"), "",
                             [(_("Keep playing"), lambda: None), (_("Quit"), self.app.quit)]))
