"""Settings: language, text size, line spacing, font, theme, message speed, reduced motion, switch
scanning, read aloud, sound, region, modes, and writer mode for scenario writers. Every change is saved at once
(JSON in the data folder) and applied to every open screen: a new language or text size redraws this page
straight away."""

from __future__ import annotations

from ...i18n import _
from ..speech import find_engine
from ..widgets.base import OptionRow, Spacer, TextBlock
from .labels import value_names
from .page import PageScene


def sections() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(heading, [(setting, label, hint)]) in the order the page shows them."""
    return [
        (_("Language and reading"), [
            ("lang", _("Language"), "Language · Langue"),  # in both, on purpose
            ("text_size", _("Text size"), _("Bigger text for the back of the classroom, up to 200%.")),
            ("line_spacing", _("Line spacing"), _("More space between lines.")),
            ("font", _("Font"), _("OpenDyslexic can be easier to read with dyslexia.")),
            ("theme", _("Colours"), _("High contrast: white on black, bright outlines.")),
        ]),
        (_("Pace and motion"), [
            ("speed", _("Message speed"), _("How fast new messages arrive. Instant shows them at once.")),
            ("reduced_motion", _("Reduced motion"), _("No animations, no moving dots, nothing flashes.")),
            ("scanning", _("Switch scanning"), _("For one switch: the focus ring moves on by itself, and "
                                                 "Space or Enter (your switch) chooses.")),
        ]),
        (_("Read aloud"), [
            ("read_aloud", _("Read aloud"), _("V reads what has the focus. Automatic reads each new "
                                              "message and the replies.")),
            ("speech_rate", _("Reading speed"), ""),
        ]),
        (_("Play"), [
            ("difficulty", _("Difficulty"), _("Spot it: flag warning signs. Name it: also pick the tactic.")),
            ("feedback", _("Feedback"), _("Coach: hear at once if you're right. Challenge: find out at the end.")),
            ("sound", _("Sound"), _("A soft chime when a message arrives.")),
            ("region", _("Region"), _("Which helplines Get help shows.")),
        ]),
        (_("For scenario writers"), [
            ("writer", _("Writer mode"), _("Saving a story's YAML file reloads it in the game and keeps "
                                           "your place; errors are shown on screen. Stories played in "
                                           "writer mode are not kept in the results.")),
        ]),
    ]


class SettingsScene(PageScene):
    name = "settings"

    def build(self):
        self.title = _("Settings")
        s = self.app.settings
        names = {**value_names(), "writer": {False: _("Off"), True: _("On")}}
        blocks = [TextBlock(_("Changes are saved at once. Keyboard: Tab or arrows to move, "
                              "Left and Right to change."), "small", "muted"), Spacer(0.5)]
        for heading, rows in sections():
            blocks.append(TextBlock(heading, "heading", "text", True))
            for key, label, hint in rows:
                if key == "read_aloud" and s.read_aloud != "off" and find_engine() is None:
                    hint = _("No speech engine is installed, so nothing can be read aloud. "
                             "On Linux, install espeak-ng.")
                blocks.append(OptionRow(label, lambda k=key: names[k][self.value(k)],
                                        lambda step, k=key: self.change(k, step), hint, name=key))
            blocks.append(Spacer(0.5))
        return blocks

    def value(self, key: str):
        """What a row shows: writer mode is on for this run also with --watch or a file played by
        path (`app.watch`), not only when the setting is saved on."""
        return self.app.watch if key == "writer" else getattr(self.app.settings, key)

    def change(self, key: str, step: int) -> None:
        if key == "writer":
            self.app.settings.set("writer", not self.app.watch)
            self.app.watch = self.app.settings.writer  # the next story opened reloads when saved
        else:
            self.app.settings.cycle(key, step)
        self.app.settings_changed()
        self.rebuild()
