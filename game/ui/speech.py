"""Read aloud: messages, choices, the Coach card and pages spoken offline by the platform's speech
engine, called directly (no network, no Python speech package): espeak-ng on Linux, `say` on
macOS, the built-in SAPI voices through PowerShell on Windows (espeak-ng is also used there when
it is the only one installed). Each reads the text from its standard input, so nothing is quoted
into a command line.

`Speaker` owns one background thread and at most one engine process. `say()` interrupts what is
being read and speaks at once (the V key: "read what has the focus"); `queue()` adds to the end
(automatic reading of each new message, then the choices). Nothing here ever waits on the engine
in the game loop: the thread starts the process, feeds it the text and waits for it to finish.
When no engine is installed, `say()` returns False and `Voice` shows a clear message on screen.

`Voice` connects the speaker to the app: the V key, "auto" mode and the on-screen notice. What to
say is each screen's own business (Ren'Py's self-voicing does the same): V reads
`scene.describe()`, and "auto" queues what `scene.narration()` says is new (a story: each new
line, then the replies and Coach cards, as they appear).
"""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ..i18n import _
from . import text as tx
from .theme import theme
from .widgets.base import rrect

if TYPE_CHECKING:
    from .app import App

VOICES = {"en": "en-us", "fr": "fr"}  # espeak-ng's own voices (fr-ca needs mbrola, often missing)
LOCALES = {"en": ("en_CA", "en_US", "en_"), "fr": ("fr_CA", "fr_")}  # preferred voices, best first
# what to look for on PATH, per platform, best first: (engine kind, program)
CANDIDATES = {
    "darwin": (("say", "say"), ("espeak-ng", "espeak-ng")),
    "win32": (("sapi", "powershell"), ("sapi", "pwsh"), ("espeak-ng", "espeak-ng")),
}
DEFAULT_CANDIDATES = (("espeak-ng", "espeak-ng"),)
NOTICE_SECONDS = 6.0
READ_KEY = pygame.K_v

# Windows: read stdin (UTF-8) with the installed SAPI voice for the language, preferring xx-CA
SAPI_SCRIPT = (
    "[Console]::InputEncoding = [Text.Encoding]::UTF8; "
    "Add-Type -AssemblyName System.Speech; "
    "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; $s.Rate = {rate}; "
    "$v = $s.GetInstalledVoices() | Where-Object {{ $_.Enabled -and $_.VoiceInfo.Culture.Name -like '{lang}-*' }} "
    "| Sort-Object {{ $_.VoiceInfo.Culture.Name -ne '{lang}-CA' }} | Select-Object -First 1; "
    "if ($v) {{ $s.SelectVoice($v.VoiceInfo.Name) }}; "
    "$s.Speak([Console]::In.ReadToEnd())"
)


@dataclass(frozen=True)
class Engine:
    """A speech program found on this computer, and how to ask it to read its stdin aloud."""

    kind: str  # "espeak-ng", "say" (macOS) or "sapi" (Windows, through PowerShell)
    path: str

    def command(self, lang: str, wpm: int) -> list[str]:
        if self.kind == "say":
            voice = mac_voice(self.path, lang)
            return [self.path, "-r", str(int(wpm))] + (["-v", voice] if voice else [])
        if self.kind == "sapi":
            rate = max(-10, min(10, round((wpm - 165) / 15)))  # SAPI: -10..10, 0 is about 165 wpm
            script = SAPI_SCRIPT.format(rate=rate, lang=lang if lang in LOCALES else "en")
            return [self.path, "-NoProfile", "-NonInteractive", "-Command", script]
        return [self.path, "-v", VOICES.get(lang, "en-us"), "-s", str(int(wpm)), "--stdin"]


def find_engine(platform: str | None = None) -> Engine | None:
    """The platform's speech program on PATH, or None."""
    for kind, program in CANDIDATES.get(platform or sys.platform, DEFAULT_CANDIDATES):
        found = shutil.which(program)
        if found:
            return Engine(kind, found)
    return None


_mac_voices: dict[str, list[tuple[str, str]]] = {}
MAC_VOICE_LINE = re.compile(r"^(.+?)\s+([a-z]{2}_[A-Z]{2})\s+#")


def mac_voice(say: str, lang: str) -> str | None:
    """macOS: the installed voice for `lang` (a French Mac must not read English with a French
    voice), from `say -v ?` (asked once); None keeps the system voice."""
    if say not in _mac_voices:
        try:
            out = subprocess.run([say, "-v", "?"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        _mac_voices[say] = [(m.group(1).strip(), m.group(2)) for m in map(MAC_VOICE_LINE.match, out.splitlines())
                            if m]
    for want in LOCALES.get(lang, LOCALES["en"]):
        for name, loc in _mac_voices[say]:
            if loc.startswith(want):
                return name
    return None


def speakable(text: str) -> str:
    """`text` without pictures and symbols the engine would spell out (🚩 ✓ → ...)."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("So", "Sk", "Cs", "Co") or ch in "\ufe0f\u200d":
            out.append(" ")
        elif ch in "\u202f\u00a0":
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


class Speaker:
    """One utterance at a time, in a background thread; `say` interrupts, `queue` waits its turn."""

    def __init__(self, engine: Engine | None = None):
        self.engine = engine if engine is not None else find_engine()
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._epoch = 0  # bumped by interrupt(): queued items from before are dropped
        self._thread: threading.Thread | None = None
        self.spoken: list[str] = []  # what was handed to the engine (for tests and debugging)
        self.error = ""

    @property
    def available(self) -> bool:
        return self.engine is not None

    def say(self, text: str, lang: str = "en", wpm: int = 165) -> bool:
        """Stop what is being read and read `text` now. False if there is no engine."""
        self.interrupt()
        return self.queue(text, lang, wpm)

    def queue(self, text: str, lang: str = "en", wpm: int = 165) -> bool:
        """Read `text` after what is being read. False if there is no engine."""
        if not self.available:
            return False
        text = speakable(text)
        if not text:
            return True
        self._queue.put((self._epoch, text, lang, wpm))
        self._start()
        return True

    def interrupt(self) -> None:
        with self._lock:
            self._epoch += 1
            proc = self._proc
        if proc is not None and proc.poll() is None:
            try:
                proc.terminate()
            except OSError:
                pass

    def busy(self) -> bool:
        with self._lock:
            proc = self._proc
        return not self._queue.empty() or (proc is not None and proc.poll() is None)

    def wait(self, timeout: float = 5.0) -> bool:
        """Wait until everything queued was spoken (tests only; the game never waits)."""
        import time

        end = time.monotonic() + timeout
        while self.busy() and time.monotonic() < end:
            time.sleep(0.01)
        return not self.busy()

    def close(self) -> None:
        self.interrupt()
        self._queue.put(None)

    # -- the background thread -----------------------------------------------------------------

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="read-aloud", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            epoch, text, lang, wpm = item
            if epoch != self._epoch:
                continue  # interrupted before its turn
            if self.engine is None:  # never: queue() adds nothing without an engine
                continue
            command = self.engine.command(lang, wpm)  # outside the lock: `say` may list its voices first
            with self._lock:
                if epoch != self._epoch:
                    continue
                try:
                    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL)
                except OSError as exc:
                    self.error = str(exc)
                    continue
                self._proc = proc
                self.spoken.append(text)
            try:
                proc.communicate(text.encode("utf-8"), timeout=300)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
            with self._lock:
                if self._proc is proc:
                    self._proc = None


class Voice:
    """Read aloud for the app: the V key, automatic reading, and the 'no engine' notice."""

    def __init__(self, app: App, speaker: Speaker | None = None):
        self.app = app
        self._speaker = speaker
        self.notice = ""
        self.notice_left = 0.0

    @property
    def speaker(self) -> Speaker:
        if self._speaker is None:
            self._speaker = Speaker()
        return self._speaker

    def _rate(self) -> tuple[str, int]:
        s = self.app.settings
        return s.lang, s.speech_wpm

    def show(self, text: str) -> None:
        self.notice, self.notice_left = text, NOTICE_SECONDS

    def no_engine(self) -> None:
        self.show(_("Read aloud needs a speech engine, and none is installed. "
                    "On Linux, ask for the espeak-ng package."))

    def read(self, text: str) -> bool:
        """Read `text` now (interrupting). Shows the notice when there is no engine."""
        lang, wpm = self._rate()
        if not text.strip():
            return False
        if not self.speaker.say(text, lang, wpm):
            self.no_engine()
            return False
        return True

    def read_focused(self) -> bool:
        """V: read the focused item, or what is on screen when nothing has the focus."""
        return self.read(describe(self.app.top))

    def stop(self) -> None:
        if self._speaker is not None:
            self._speaker.interrupt()

    def after_step(self, dt: float) -> None:
        """Called once per frame: on 'auto', says what the screen on top narrates (a story: its
        new lines, then the replies and Coach cards). Screens speak for themselves."""
        if self.notice_left > 0:
            self.notice_left = max(0.0, self.notice_left - dt)
        if self.app.settings.read_aloud != "auto":
            return
        for text in self.app.top.narration() or ():
            self._queue(text)

    def _queue(self, text: str) -> None:
        lang, wpm = self._rate()
        if text and not self.speaker.queue(text, lang, wpm) and not self.notice:
            self.no_engine()

    def draw(self, surf: pygame.Surface) -> None:
        """The notice (e.g. no speech engine), bottom centre, over every screen."""
        if self.notice_left <= 0 or not self.notice:
            return
        t = theme()
        pad = t.px("pad")
        w = min(surf.get_width() - 2 * t.px("margin"), round(760 * t.scale))
        img = tx.render(self.notice, t.px("body"), t.color("text"), w - 2 * pad)
        box = pygame.Rect(0, 0, img.get_width() + 2 * pad, img.get_height() + 2 * pad)
        box.midbottom = (surf.get_width() // 2, surf.get_height() - t.px("margin"))
        rrect(surf, t.color("dialog"), box)
        rrect(surf, t.color("focus"), box, None, max(2, t.px("focus_width") // 2))
        tx.blit(surf, img, (box.x + pad, box.y + pad), box, self.notice)


# --- what to read ---------------------------------------------------------------------------------


def describe(scene) -> str:
    """What V reads on `scene`: each screen says it itself (Scene.describe)."""
    return scene.describe()


def block_speech(block) -> str:
    """The words of a block and what it holds (buttons, settings, cards, text)."""
    spoken = getattr(block, "speech", None)
    if isinstance(spoken, str):
        return spoken
    if hasattr(block, "get_value") and hasattr(block, "label"):  # a setting
        return f"{block.label}: {block.get_value()}"
    if hasattr(block, "label"):
        return block.label
    if hasattr(block, "text"):
        return block.text
    return ". ".join(s for s in (block_speech(b) for b in getattr(block, "items", [])) if s)
