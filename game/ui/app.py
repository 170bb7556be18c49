"""The game's App: settings, the library, the results (opened on first use), sound, read aloud
and the main loop. The window is window.py, the scene stack and opening screens by name
navigation.py, memory upkeep memory.py, and the `play` command play.py.

The loop sleeps until an event (polling every 20 ms) whenever nothing animates, so a laptop on
battery does almost no work while students read. `App.step(events, dt)` is one update+draw with a
time step the caller gives: tests and the preview drive the real app through it, no clock.
Global keys: F1 or H opens Get help from any screen, F11 toggles fullscreen, Esc backs out.
Switch scanning (a setting) moves the focus on by itself, so one switch that sends Space or
Enter plays everything.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from .. import settings as settings_mod  # noqa: E402
from ..i18n import set_language  # noqa: E402
from .memory import tune_malloc  # noqa: E402
from .navigation import Navigation  # noqa: E402
from .theme import theme  # noqa: E402
from .window import DEFAULT_SIZE, Window  # noqa: E402

if TYPE_CHECKING:
    from .scenes.base import Scene
    from .speech import Voice

# Only what the first frame draws is imported before it: the engine, read aloud (.speech: threads
# and subprocess), sounds and every other screen load later, on first use or right after it.
READ_KEY = pygame.K_v  # reads the focused item aloud (speech.READ_KEY, without importing speech)

ANIM_FPS = 30
HELP_KEYS = (pygame.K_F1, pygame.K_h)
IDLE_POLL = 0.02
MAX_DT = 0.5  # most seconds one frame may advance beyond the wait it asked for
INPUT_EVENTS = (pygame.KEYDOWN, pygame.TEXTINPUT, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL, pygame.FINGERDOWN)


class _VoiceToCome:
    """Stands in for speech.Voice until read aloud has work, so the first frame does not wait for
    the speech module (~7 ms of the launch); App.run swaps the real one in after the first frame.
    Until then nothing has been read and no notice shown, so drawing and the per-frame step have
    nothing to do unless automatic reading starts on a story (what Voice.after_step looks for):
    that, and anything else asked of it, makes the real Voice, which replaces it as `app.voice`."""

    def __init__(self, app: App):
        self._app = app

    def real(self) -> Voice:
        from .speech import Voice

        if not isinstance(self._app.voice, Voice):
            self._app.voice = Voice(self._app)
        return self._app.voice

    def after_step(self, dt: float) -> None:
        if self._app.settings.read_aloud == "auto" and self._app.top.holds_story:
            self.real().after_step(dt)

    def draw(self, surf: pygame.Surface) -> None:
        pass  # no notice yet

    def __getattr__(self, name: str):
        if name == "_app":  # not set yet (a copy being made): no Voice to make
            raise AttributeError(name)
        return getattr(self.real(), name)


class App(Window, Navigation):
    """The game: one per window (or per headless surface, in tests and previews)."""

    def __init__(self, size: tuple[int, int] = DEFAULT_SIZE, *, surface: pygame.Surface | None = None,
                 settings: settings_mod.Settings | None = None, fullscreen: bool = False,
                 lang: str | None = None, library=None, folders=(), files=()):
        self.settings = settings if settings is not None else settings_mod.load()
        if lang:
            self.settings.lang = lang
        set_language(self.settings.lang)
        self.fullscreen = fullscreen
        self.windowed_size = size
        if not pygame.display.get_init():
            pygame.display.init()
        if not pygame.font.get_init():
            pygame.font.init()
        if surface is not None:
            self.screen = surface
            self.headless = True
        else:
            self.headless = False
            pygame.display.set_caption("Red Flags")
            self.screen = self._set_mode(size)
        self._library = library
        self._sources = (tuple(folders), tuple(files))  # --library folders, a story file to play
        self.scenes: list[Scene] = []
        self.running = True
        self.now = 0.0  # seconds since the start, as of this frame's events (see `step`)
        self.sounds: dict[str, pygame.mixer.Sound] | None = None
        self.watch = self.settings.writer  # writer mode: chats reload their scenario file when it is saved
        self._classroom = None
        # read aloud: V key, auto mode, "no engine" notice (speech.Voice, made when first needed)
        self.voice: Voice | _VoiceToCome = _VoiceToCome(self)
        self.scan_wait = 0.0  # seconds since the last input or scanning step
        self._apply_scale()
        self.open("title")

    def settings_changed(self, save: bool = True) -> None:
        """Text size or language changed: save, re-layout, rebuild every screen's strings.
        `save=False` applies settings for now only (a class session's defaults)."""
        set_language(self.settings.lang)
        if self._library is not None:
            self._use_region()  # the region may have changed too
        if save:
            settings_mod.save(self.settings)
        tx_scale_before = theme().generation
        self._apply_scale()
        if theme().generation == tx_scale_before:
            for s in self.scenes:
                s.layout()

    # -- library --------------------------------------------------------------------------------

    @property
    def engine_loaded(self) -> bool:
        return self._library is not None

    @property
    def library(self):
        """Scenarios, taxonomy and resources, loaded on first use (after the first frame)."""
        if self._library is None:
            from ..library import game_library

            self._library = game_library(*self._sources)
        self._use_region()
        return self._library

    def _use_region(self) -> None:
        """Stories name help services by role ({tipline}...): fill them for this class's region."""
        from ..engine import services

        services.use(self._library.resources if self._library is not None else None, self.settings.region)

    def reload_library(self) -> None:
        """Read every story again (a writer added or fixed one while the game was open)."""
        if self._library is not None:
            self._library = None
            _ = self.library

    @property
    def classroom(self):
        """Results store, knowledge check and teacher mode, opened on first use."""
        if self._classroom is None:
            from .storage import Classroom

            self._classroom = Classroom(self)
        return self._classroom

    def quit(self) -> None:
        self.running = False

    # -- sound ----------------------------------------------------------------------------------

    def play_sound(self, name: str) -> None:
        if not self.settings.sound:
            return
        if self.sounds is None:
            from .sound import make_sounds

            self.sounds = make_sounds()
        snd = self.sounds.get(name)
        if snd is not None:
            snd.play()

    # -- the loop -------------------------------------------------------------------------------

    def handle(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.QUIT:
            self.running = False
            return
        if self.window_event(ev):
            return
        if ev.type == pygame.KEYDOWN:
            if ev.key == pygame.K_F1 or (ev.key in HELP_KEYS and not self.top.wants_text):
                self.open_help()
                return
            if ev.key == READ_KEY and not self.top.wants_text:
                self.voice.read_focused()
                return
            if ev.key == pygame.K_F11:
                self.toggle_fullscreen()
                return
            if ev.key == pygame.K_ESCAPE:
                self.top.back()
                return
        self.top.handle(ev)

    def step(self, events=(), dt: float = 0.0, gap: float | None = None) -> None:
        """Handle `events`, advance `dt` seconds, draw one frame. `gap`: the real time since the
        last frame (default `dt`), which `now` counts before the events are handled: a key that
        answers after a long still moment is timed when it came (pacing moves by `dt`, which
        the loop caps: a laptop woken from sleep must not jump a chat ahead)."""
        self.now += dt if gap is None else gap
        for ev in events:
            if ev.type in INPUT_EVENTS:
                self.scan_wait = 0.0
            self.handle(ev)
            if not self.running:
                return
        self.scan(dt)
        self.top.update(dt)
        self.voice.after_step(dt)
        self.draw()

    def scan(self, dt: float) -> None:
        """Switch scanning: after `scan_seconds` with no input, the focus moves on (a Tab), so a
        single switch (Space or Enter) can choose anything; every key, typing included, starts
        the wait again. With read aloud on Automatic, each control is read as the focus
        reaches it (auditory scanning)."""
        every = self.settings.scan_seconds
        if every is None:
            self.scan_wait = 0.0
            return
        self.scan_wait += dt
        if self.scan_wait >= every:
            self.scan_wait = 0.0
            self.top.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="\t",
                                               scancode=0))
            if self.settings.read_aloud == "auto":
                self.voice.read_focused()

    def draw(self) -> None:
        first = len(self.scenes) - 1
        while first > 0 and not self.scenes[first].opaque:
            first -= 1
        for s in self.scenes[first:]:
            s.draw(self.screen)
        self.voice.draw(self.screen)
        if not self.headless:
            pygame.display.flip()

    def animating(self) -> bool:
        return self.top.animating()

    def wake_after(self) -> float | None:
        """Seconds until a frame is needed with no event (a discussion timer, writer mode watching
        a file, the next scanning step), or None to sleep until an event."""
        wake = self.top.wake_after()
        every = self.settings.scan_seconds
        if every is not None:
            left = max(0.0, every - self.scan_wait)
            wake = left if wake is None else min(wake, left)
        return wake

    def wait_for_events(self, timeout: float | None = None) -> list:
        """Sleep until something happens (or `timeout` seconds pass), polling every IDLE_POLL.
        Measured under X11: pygame-ce's "blocking" event.wait() wakes every millisecond
        (3.1 % of a core at idle); 20 ms sleeps cost 0.7 % and add at most 20 ms of latency."""
        deadline = None if timeout is None else time.perf_counter() + timeout
        while True:
            events = pygame.event.get()
            if events or (deadline is not None and time.perf_counter() >= deadline):
                return events
            time.sleep(IDLE_POLL)

    def run(self, exit_after_first_frame: bool = False) -> int:
        """The real loop: redraw only on events, or while something animates."""
        last = time.perf_counter()
        self.step([], 0.0)
        if exit_after_first_frame:
            return 0
        if isinstance(self.voice, _VoiceToCome):
            self.voice.real()  # read aloud's module loads while the title screen is read
        tune_malloc()
        if not self.engine_loaded:
            _ = self.library  # load and check the scenarios while the title screen is read
            self.top.rebuild()  # screens that wait for the engine (the title's Resume) fill in
        clock = pygame.time.Clock()
        while self.running:
            wake = None
            if self.animating():
                events = pygame.event.get()
                clock.tick(ANIM_FPS)
            else:
                wake = self.wake_after()
                events = self.wait_for_events(wake)
            now = time.perf_counter()
            # a gap longer than asked for (a laptop woken from sleep) must not jump pacing ahead
            gap, last = now - last, now
            self.step(events, min(gap, MAX_DT + (wake or 0.0)), gap)
        return 0
