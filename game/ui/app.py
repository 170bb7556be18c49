"""The `play` command: the window, the main loop and the scene stack.

The loop sleeps until an event (polling every 20 ms) whenever nothing animates, so a laptop on
battery does almost no work while students read. `App.step(events, dt)` is one update+draw with a
time step the caller gives: tests and the preview drive the real app through it, no clock.
Global keys: F1 or H opens Get help from any screen, F11 toggles fullscreen, Esc backs out.
Switch scanning (a setting) moves the focus on by itself, so one switch that sends Space or
Enter plays everything.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from .. import settings as settings_mod  # noqa: E402
from ..i18n import _, set_language  # noqa: E402
from .theme import apply_settings, theme  # noqa: E402

if TYPE_CHECKING:
    import argparse

    from .speech import Voice

# Only what the first frame draws is imported before it: the engine, read aloud (.speech: threads
# and subprocess), sounds and every other screen load later, on first use or right after it.
READ_KEY = pygame.K_v  # reads the focused item aloud (speech.READ_KEY, without importing speech)

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (800, 500)
ANIM_FPS = 30
HELP_KEYS = (pygame.K_F1, pygame.K_h)
IDLE_POLL = 0.02
MAX_DT = 0.5  # most seconds one frame may advance beyond the wait it asked for
INPUT_EVENTS = (pygame.KEYDOWN, pygame.TEXTINPUT, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL, pygame.FINGERDOWN)


class _VoiceToCome:
    """Stands in for speech.Voice until read aloud has work, so the first frame does not wait for
    the speech module (~7 ms of the launch); App.run swaps the real one in after the first frame.
    Until then nothing has been read and no notice shown, so drawing and the per-frame step have
    nothing to do unless automatic reading starts on a chat (what Voice.after_step looks for):
    that, and anything else asked of it, makes the real Voice, which replaces it as `app.voice`."""

    def __init__(self, app: App):
        self._app = app

    def real(self) -> Voice:
        from .speech import Voice

        if not isinstance(self._app.voice, Voice):
            self._app.voice = Voice(self._app)
        return self._app.voice

    def after_step(self, dt: float) -> None:
        if self._app.settings.read_aloud == "auto" and getattr(self._app.top, "name", "") == "chat":
            self.real().after_step(dt)

    def draw(self, surf: pygame.Surface) -> None:
        pass  # no notice yet

    def __getattr__(self, name: str):
        if name == "_app":  # not set yet (a copy being made): no Voice to make
            raise AttributeError(name)
        return getattr(self.real(), name)


class App:
    def __init__(self, size: tuple[int, int] = DEFAULT_SIZE, *, surface: pygame.Surface | None = None,
                 settings: settings_mod.Settings | None = None, fullscreen: bool = False,
                 lang: str | None = None, library=None, scenarios_folder=None,
                 folders=(), files=()):
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
        self._folder = scenarios_folder  # tests: one folder with its own taxonomy, nothing else
        self._sources = (tuple(folders), tuple(files))  # --library folders, a story file to play
        self.scenes: list = []
        self.running = True
        self.sounds: dict[str, pygame.mixer.Sound] | None = None
        self.frames = 0
        self.watch = self.settings.writer  # writer mode: chats reload their scenario file when it is saved
        self._classroom = None
        # read aloud: V key, auto mode, "no engine" notice (speech.Voice, made when first needed)
        self.voice: Voice | _VoiceToCome = _VoiceToCome(self)
        self.scan_wait = 0.0  # seconds since the last input or scanning step
        self._apply_scale()
        from .scenes.title import TitleScene

        self.push(TitleScene(self))

    # -- window ---------------------------------------------------------------------------------

    def _set_mode(self, size) -> pygame.Surface:
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def _apply_scale(self) -> None:
        apply_settings(self.settings, self.screen.get_size())  # theme, font, spacing, text size
        for s in self.scenes:
            s.layout()

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if self.headless:
            self.screen = pygame.Surface(size)
        elif pygame.display.get_surface() is None or pygame.display.get_surface().get_size() != size:
            self.windowed_size = size
            self.screen = self._set_mode(size)
        else:
            self.screen = pygame.display.get_surface()
        self._apply_scale()

    def toggle_fullscreen(self) -> None:
        if self.headless:
            return
        self.fullscreen = not self.fullscreen
        self.screen = self._set_mode(self.windowed_size)
        self._apply_scale()

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
            if self._folder is not None:
                from ..engine.validate import load_library

                self._library = load_library(self._folder)
            else:
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
            from .scenes.session import Classroom

            self._classroom = Classroom(self)
        return self._classroom

    # -- scenes ---------------------------------------------------------------------------------

    @property
    def top(self):
        return self.scenes[-1]

    def push(self, scene) -> None:
        self.scenes.append(scene)

    def pop(self) -> None:
        if len(self.scenes) > 1:
            self._closed([self.scenes.pop()])
            self.top.on_top()

    def replace(self, scene) -> None:
        self._closed([self.scenes[-1]])
        self.scenes[-1] = scene

    def pop_to(self, name: str) -> bool:
        """Pop scenes until one called `name` is on top (False if there is none)."""
        if not any(s.name == name for s in self.scenes):
            return False
        closed = []
        while self.top.name != name:
            closed.append(self.scenes.pop())
        self._closed(closed)
        self.top.on_top()
        return True

    def _closed(self, scenes: list) -> None:
        if any(s.name == "chat" for s in scenes):
            release_memory()

    def open_help(self) -> None:
        from .scenes.help import HelpScene

        if self.top.name != "help":
            self.push(HelpScene(self))

    def open_settings(self) -> None:
        from .scenes.settings import SettingsScene

        self.push(SettingsScene(self))

    def open_picker(self) -> None:
        from .scenes.picker import PickerScene

        if not self.pop_to("picker"):
            self.push(PickerScene(self))

    def open_teacher(self) -> None:
        """Teacher mode: the PIN (set on first use), then the teacher menu."""
        from .scenes.teacher import open_teacher

        open_teacher(self)

    def start_scenario(self, ref: str, state=None) -> bool:
        """Open the chat for a playable story (by id or file path); a broken one opens its errors
        instead, and an unknown one says so."""
        from ..library import find

        lib = self.library
        checked = find(lib, ref)
        if checked is not None and checked.ok and checked.scenario is not None:
            from .scenes.chat import ChatScene

            self.push(ChatScene(self, checked.scenario, state))
            return True
        from .scenes.errors import ErrorsScene

        self.push(ErrorsScene(self, checked, ref))
        return False

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
        if ev.type == pygame.VIDEORESIZE and not self.fullscreen:
            self.resize(ev.size)
            return
        if ev.type == pygame.WINDOWSIZECHANGED and not self.headless:
            surf = pygame.display.get_surface()
            if surf is not None and surf.get_size() != self.screen.get_size():
                self.screen = surf
                self._apply_scale()
            return
        if ev.type == pygame.KEYDOWN:
            if ev.key == pygame.K_F1 or (ev.key in HELP_KEYS and not getattr(self.top, "wants_text", False)):
                self.open_help()
                return
            if ev.key == READ_KEY and not getattr(self.top, "wants_text", False):
                self.voice.read_focused()
                return
            if ev.key == pygame.K_F11:
                self.toggle_fullscreen()
                return
            if ev.key == pygame.K_ESCAPE:
                self.top.back()
                return
        self.top.handle(ev)

    def step(self, events=(), dt: float = 0.0) -> None:
        """Handle `events`, advance `dt` seconds, draw one frame."""
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
        self.frames += 1
        if not self.headless:
            pygame.display.flip()

    def animating(self) -> bool:
        return self.top.animating()

    def wake_after(self) -> float | None:
        """Seconds until a frame is needed with no event (a discussion timer, writer mode watching
        a file, the next scanning step), or None to sleep until an event."""
        wake = getattr(self.top, "wake_after", None)
        wake = wake() if wake is not None else None
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
            dt, last = min(now - last, MAX_DT + (wake or 0.0)), now
            self.step(events, dt)
        return 0


_libc = None  # glibc, once tune_malloc() has tuned it


def tune_malloc() -> None:
    """On glibc, fix the mmap threshold at 128 KB so big freed surfaces (rendered text, bubbles)
    go straight back to the system. By default glibc raises the threshold after each big free and
    then serves big surfaces from the heap, which fragments: resident memory crept up by a third
    over a 30-minute soak (bench/soak.py) with nothing leaking."""
    global _libc
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD
        libc.malloc_trim  # noqa: B018  (glibc has it; musl does not)
        _libc = libc
    except (OSError, AttributeError):
        pass


def release_memory() -> None:
    """Hand freed heap pages back to the system (glibc's malloc_trim, well under a millisecond).
    Called when a story's chat closes: its bubbles and texts were freed, and the small surfaces
    among them leave holes in the heap that glibc keeps otherwise."""
    if _libc is not None:
        _libc.malloc_trim(0)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story", nargs="?", metavar="STORY",
                        help="a story to open at once: its id, or any .yaml file (played with "
                        "hot reload: save the file and the game reloads it, keeping your place)")
    parser.add_argument("--scenario", metavar="ID", help="go straight to this story (same as STORY)")
    parser.add_argument("--library", metavar="DIR", type=Path, action="append", default=[],
                        help="also offer the stories in this folder (can be given more than once)")
    parser.add_argument("--lang", choices=("en", "fr"), help="language for this run")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--windowed", action="store_true", help="open in a window (default)")
    mode.add_argument("--fullscreen", action="store_true", help="open fullscreen (for projectors)")
    parser.add_argument("--size", default="1280x720", metavar="WxH", help="window size (default 1280x720)")
    parser.add_argument("--watch", action="store_true",
                        help="writer mode: reload a scenario when its file is saved, keeping your place")


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"--size must look like 1280x720, not '{text}'") from None
    return max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)


# SDL falls back to these when it finds no screen: the game would run with no window, silently
HEADLESS_DRIVERS = ("offscreen", "dummy")


def open_display() -> str | None:
    """Start the video system, or say in one line why there is no screen and what to do instead.
    SDL_VIDEODRIVER=dummy (tests, previews, the standalone build's self-test) asks for no screen."""
    try:
        pygame.display.init()
    except pygame.error as exc:
        return _no_display(str(exc))
    asked = os.environ.get("SDL_VIDEODRIVER", "")
    if pygame.display.get_driver() in HEADLESS_DRIVERS and pygame.display.get_driver() != asked:
        pygame.display.quit()
        return _no_display(_("no display was found"))
    return None


def _no_display(why: str) -> str:
    return _("Red Flags can't open a window: {why}. Run it on a computer with a screen, or play in "
             "this terminal instead: python -m game walk game-teammate").format(why=why)


def run(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    first_frame_only = os.environ.get("REDFLAGS_EXIT_AFTER_FIRST_FRAME") == "1"
    problem = open_display()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    pygame.font.init()
    story = args.story or args.scenario
    from ..library import is_story_file

    file = [Path(story)] if story and is_story_file(story) else []
    app = App(size, fullscreen=args.fullscreen, lang=args.lang, folders=args.library, files=file)
    # a file opened by path is a writer's draft: reload it whenever it is saved
    app.watch = app.watch or bool(getattr(args, "watch", False)) or bool(file)
    if story:
        if not app.start_scenario(story):
            print(_("Scenario '{id}' cannot be started: see the errors on screen.").format(id=story),
                  file=sys.stderr)
    code = app.run(exit_after_first_frame=first_frame_only)
    pygame.quit()
    return code
