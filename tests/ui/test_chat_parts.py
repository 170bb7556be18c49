"""The chat's parts on their own: its clock is engine.pacing's, its words come without a window
(or pygame), and each screen speaks for itself (read aloud asks the screen, never looks inside)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.engine.model import LocalText
from game.engine.pacing import ENDING_DELAY, message_delay
from game.engine.runtime import FlagVerdict
from game.ui import speech
from game.ui.scenes import chat as chat_pkg
from game.ui.scenes.base import Dialog
from game.ui.scenes.chat import narration, wording

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "game-teammate"


def test_the_chat_waits_as_engine_pacing_says_at_every_speed(make_app):
    for speed in ("slow", "normal", "fast"):
        app = make_app(speed=speed)
        app.start_scenario(SCENARIO)
        chat = app.top
        chat.update(0.0)
        assert chat.pending is not None
        factor = app.settings.speed_factor
        delay = message_delay(chat.pending.message, app.settings.lang, factor)
        assert (chat.typing_for, chat.wait_left) == (delay.typing, delay.total), speed
    assert chat_pkg.ENDING_DELAY == ENDING_DELAY  # the tests that wait for the ending use this name


def test_verdicts_and_replies_in_words():
    why = LocalText(en="Asking for secrecy.", fr="Demander le secret.")
    right = wording.flag_feedback(FlagVerdict(True, None, "secrecy", why), None, "en")
    assert right[0] == "good" and right[1].startswith("Yes, that's a red flag")
    assert right[2] == "Asking for secrecy."
    other = wording.flag_feedback(FlagVerdict(True, False, "secrecy", why), None, "en")
    assert other[0] == "warn" and "different tactic" in other[1]
    call = wording.flag_feedback(FlagVerdict(False, None, None, why, borderline=True), None, "en")
    assert call[:2] == ("neutral", "A judgement call: fair to flag")
    wrong = wording.flag_feedback(FlagVerdict(False, None, None, None), None, "en")
    assert wrong == ("neutral", "Not a red flag", "This message is ordinary. Flag only what worries you.")
    assert wording.new_messages(1) == "↓  1 new message" and wording.new_messages(3) == "↓  3 new messages"


def test_the_words_load_without_pygame():
    code = f"""
import sys, types
sys.modules["pygame"] = None  # any `import pygame` now raises ImportError
package = types.ModuleType("game.ui.scenes.chat")  # the words alone, not the screen
package.__path__ = [{str(ROOT / "game" / "ui" / "scenes" / "chat")!r}]
sys.modules["game.ui.scenes.chat"] = package
from game.ui.scenes.chat import narration, wording
print(wording.ending_note(), narration.choices_speech(["Sure", "No"]))
"""
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "You can still flag" in run.stdout and "1. Sure. 2. No." in run.stdout


class Heard(speech.Speaker):
    """A speaker that only writes down what it was asked to read."""

    def __init__(self) -> None:
        super().__init__(speech.Engine("espeak-ng", "espeak-ng"))
        self.heard: list[str] = []

    def queue(self, text: str, lang: str = "en", wpm: int = 165) -> bool:
        self.heard.append(text)
        return True

    def say(self, text: str, lang: str = "en", wpm: int = 165) -> bool:
        self.heard.append(text)
        return True


def test_automatic_reading_says_what_the_screen_narrates_and_v_what_it_describes(make_app):
    app = make_app(read_aloud="auto")
    voice = app.voice = speech.Voice(app, Heard())
    app.start_scenario(SCENARIO)
    app.step([], 0)
    chat = app.top
    voice.after_step(0)
    heard = voice.speaker.heard
    assert heard[0] == chat.scenario.title.get("en") and heard[-1].startswith("Your reply: 1.")
    n = len(heard)
    voice.after_step(0)
    assert len(heard) == n  # nothing new, nothing said
    chat.narration = lambda: ["a line of its own"]  # any screen may narrate: its words are read
    voice.after_step(0)
    assert heard[n:] == ["a line of its own"]
    dialog = Dialog(app, "Leave", "Flags are lost", [("Keep playing", lambda: None)])
    app.push(dialog)
    voice.after_step(0)
    assert len(heard) == n + 1  # a dialog doesn't narrate
    assert dialog.narration() is None
    dialog.ui.focused = None
    voice.read_focused()
    assert heard[-1] == "Leave. Flags are lost. Keep playing"  # what it shows, when nothing has the focus
    assert narration.feedback_speech(("good", "Safe reply", "Well done.")) == "Safe reply. Well done."
