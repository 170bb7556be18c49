"""Soak test: random classroom play on the real App, headless, for N minutes.

    python bench/soak.py --minutes 30 [--seed 1] [--warmup MIN] [--actions N]

Drives `App` with synthesised events, the way a restless class would: starts random scenarios
(picker cards, keyboard, or `start_scenario`), flags and unflags (click, arrows + F), picks
replies (click, 1-4), skips typing, scrolls (wheel, keys, drag), resizes the window between
1024x600 and 1920x1080, switches language (en/fr) and text size, opens Get help and backs out,
finishes to the debrief, scrolls it, plays again, tries another path, leaves chats, quits.
Time is simulated (each frame gets a random dt), so pacing and typing run as in class.

The same class also plays the classroom (bench/soak_class.py): teacher mode and its PIN screens
(wrong PINs, the recovery code, a lock-out waited out), class settings, class sessions with
groups (hostile names too), roles, the knowledge check and "Talk it over" pauses, the class
debrief with export, import (damaged and hostile files too), the PDF report and "Delete all
results", relaunches in the middle of anything and other computers of the class. Every data
folder is under the soak's own folder (--home, default: a folder in the temp dir named after the
seed, emptied first); --classroom scales how often the title leads to teacher mode (0: never).

Reports every exception with the actions that led to it (the game restarts and play goes on),
and resident memory (RSS from /proc/self/statm) sampled after a warm-up: growth from the end
of the warm-up to the end of the run, target under 5 %. Exit code 1 on any crash or growth
over target. The same --seed plays the same actions (the script fixes PYTHONHASHSEED too);
--actions N stops after N actions instead of after --minutes.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import traceback
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # soak_class, however this file is loaded
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402 (after the SDL settings above)
from soak_class import ClassPlay  # noqa: E402

GROWTH_TARGET = 5.0  # % RSS growth after warm-up
MAX_SCENES = 8  # the scene stack never grows with play: title, picker, chat/debrief, help, dialog...
SIZES = [(1024, 600), (1280, 720), (1366, 768), (1440, 900), (1600, 900), (1920, 1080), (1024, 768),
         (1280, 1024), (1920, 1080)]
# settings a launch picks at random and `a_setting` changes (read aloud stays off: no speech
# processes; message speed stays quick enough for many playthroughs)
RANDOM_SETTINGS = ("lang", "text_size", "line_spacing", "theme", "font", "reduced_motion", "difficulty",
                   "feedback", "region", "scanning")
DTS = (0.0, 1 / 30, 1 / 30, 1 / 30, 0.1, 0.25, 0.6)


def rss_bytes() -> int:
    """Current resident set size (Linux /proc; elsewhere the peak from `resource`)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


@dataclass
class Crash:
    action: int
    name: str
    error: str
    trace: str
    history: list[str]


@dataclass
class SoakResult:
    seed: int
    actions: int = 0
    frames: int = 0
    sim_seconds: float = 0.0
    wall_seconds: float = 0.0
    crashes: list[Crash] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    samples: list[tuple[float, int]] = field(default_factory=list)  # (wall s, RSS bytes) after warm-up
    warmup_seconds: float = 0.0
    max_scenes: int = 0
    max_caches: dict[str, int] = field(default_factory=dict)
    scenes: Counter = field(default_factory=Counter)  # the screen on top after each action
    outcomes: Counter = field(default_factory=Counter)  # what the classroom actions achieved

    def _window(self) -> int:
        return max(3, len(self.samples) // 5)

    @property
    def baseline_rss(self) -> int:
        """RSS just after the warm-up: median of the first fifth of the samples (at least 3)."""
        first = [r for _t, r in self.samples[:self._window()]]
        return int(statistics.median(first)) if first else 0

    @property
    def final_rss(self) -> int:
        """RSS at the end: median of the last fifth of the samples (caches fill and empty, so one
        sample alone moves by tens of MB)."""
        last = [r for _t, r in self.samples[-self._window():]]
        return int(statistics.median(last)) if last else 0

    @property
    def peak_rss(self) -> int:
        return max((r for _t, r in self.samples), default=0)

    @property
    def growth_pct(self) -> float:
        return 100 * (self.final_rss - self.baseline_rss) / self.baseline_rss if self.baseline_rss else 0.0

    @property
    def slope_mb_per_hour(self) -> float:
        """Least-squares trend of RSS after the warm-up, MB per hour."""
        if len(self.samples) < 3:
            return 0.0
        xs = [t / 3600 for t, _r in self.samples]
        ys = [r / 2**20 for _t, r in self.samples]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        den = sum((x - mx) ** 2 for x in xs)
        return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0

    @property
    def ok(self) -> bool:
        return not self.crashes and self.growth_pct < GROWTH_TARGET


def default_home(seed: int) -> Path:
    """The soak's folder: the same path for the same seed (texts that show a path wrap the same
    way, so a seed replays the same game), emptied first."""
    home = Path(tempfile.gettempdir()) / f"redflags-soak-{seed}"
    shutil.rmtree(home, ignore_errors=True)
    return home


class Soak(ClassPlay):
    """One random player. Every choice comes from `self.rng`, so a seed replays the same game.
    `home`: the folder for every data folder and file the soak makes (must be empty or absent);
    `classroom`: how often the title leads to teacher mode (1: as a class uses it, 0: never)."""

    def __init__(self, library, seed: int = 1, history: int = 60, home: str | Path | None = None,
                 classroom: float = 1.0):
        self.lib = library
        self.seed = seed
        self.rng = random.Random(seed)
        self.history: deque[str] = deque(maxlen=history)
        self.result = SoakResult(seed)
        self.ids = sorted(library.playable())
        self.app = None
        self.setup_classroom(Path(home) if home is not None else default_home(seed), classroom)
        self.new_app()

    # -- plumbing ------------------------------------------------------------------------------

    def new_app(self) -> None:
        from game.settings import CHOICES, Settings
        from game.ui.app import App

        r = self.rng
        self.close_app()
        s = Settings(**{k: r.choice(CHOICES[k]) for k in RANDOM_SETTINGS if k in CHOICES},
                     speed=r.choice(("normal", "fast", "fast", "instant")), sound=r.random() < 0.3)
        size = r.choice(SIZES)
        self.app = App(size, settings=s, library=self.lib)
        self.log(f"launch {size[0]}x{size[1]} {s}")
        self.frame(0.0)

    def log(self, text: str) -> None:
        scene = self.app.top.name if self.app and self.app.scenes else "-"
        self.history.append(f"#{self.result.actions} [{scene}] {text}")

    def frame(self, dt: float | None = None, events=()) -> None:
        if dt is None:
            dt = self.rng.choice(DTS)
        self.app.step(list(events), dt)
        self.result.frames += 1
        self.result.sim_seconds += dt

    def pos_in(self, rect: pygame.Rect) -> tuple[int, int]:
        r = self.rng
        return (rect.x + r.randrange(max(1, rect.w)), rect.y + r.randrange(max(1, rect.h)))

    def click(self, pos, what: str = "") -> None:
        self.log(f"click {pos} {what}".rstrip())
        self.frame(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                           pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                           pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])

    def key(self, k: int, mod: int = 0) -> None:
        self.log(f"key {pygame.key.name(k)}" + "".join(f" +{m}" for m, bit in (("shift", pygame.KMOD_SHIFT),
                                                                             ("ctrl", pygame.KMOD_CTRL)) if mod & bit))
        self.frame(events=[pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0),
                           pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0)])

    def screen_rect(self) -> pygame.Rect:
        return self.app.screen.get_rect()

    # -- actions anywhere ----------------------------------------------------------------------

    def a_resize(self) -> None:
        r = self.rng
        w, h = (r.choice(SIZES) if r.random() < 0.5 else (r.randint(1024, 1920), r.randint(600, 1080)))
        self.log(f"resize {w}x{h}")
        self.frame(events=[pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h)])

    def a_language(self) -> None:
        """A language switch as the settings screen makes it, from whatever screen is open."""
        s = self.app.settings
        s.lang = "fr" if s.lang == "en" else "en"
        self.log(f"language -> {s.lang}")
        self.app.settings_changed()
        self.frame()

    def a_text_size(self) -> None:
        s = self.app.settings
        s.cycle("text_size", self.rng.choice((1, -1)))
        self.log(f"text size -> {s.text_size}")
        self.app.settings_changed()
        self.frame()

    def a_setting(self) -> None:
        """Any other display or play setting (font, spacing, colours, motion, modes), as above."""
        from game.settings import CHOICES

        s = self.app.settings
        k = self.rng.choice([k for k in RANDOM_SETTINGS if k in CHOICES and k not in ("lang", "text_size")])
        s.cycle(k, self.rng.choice((1, -1)))
        self.log(f"setting {k} -> {getattr(s, k)}")
        self.app.settings_changed()
        self.frame()

    def a_help(self) -> None:
        r = self.rng
        how = r.randrange(3)
        if how == 0:
            self.key(pygame.K_F1)
        elif how == 1:
            self.key(pygame.K_h)
        else:
            bar = getattr(self.app.top, "bar", None)
            if bar is not None and bar.help.rect.w:
                self.click(self.pos_in(bar.help.rect), "Get help")
            else:
                self.key(pygame.K_F1)
        # read a little, maybe change region, then back out
        for _ in range(r.randrange(3)):
            self.a_scroll()
        if self.app.top.name == "help" and r.random() < 0.3:
            self.app.top.change_region(r.choice((1, -1)))
            self.log("region changed")
            self.frame()
        self.a_back()

    def a_back(self) -> None:
        bar = getattr(self.app.top, "bar", None)
        if self.rng.random() < 0.5 and bar is not None and bar.back is not None and bar.back.rect.w:
            self.click(self.pos_in(bar.back.rect), "Back")
        else:
            self.key(pygame.K_ESCAPE)

    def a_wheel(self) -> None:
        y = self.rng.choice((-3, -1, -1, 1, 1, 3))
        pos = self.pos_in(self.screen_rect())
        self.log(f"wheel {y} at {pos}")
        self.frame(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                           pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False)])

    def a_scroll_key(self) -> None:
        self.key(self.rng.choice((pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END,
                                  pygame.K_UP, pygame.K_DOWN)))

    def a_drag(self) -> None:
        r = self.rng
        sr = self.screen_rect()
        x, y = self.pos_in(sr.inflate(-sr.w // 4, -sr.h // 4))
        dy = r.randint(-400, 400)
        self.log(f"drag from {(x, y)} by {dy}")
        evs = [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1)]
        steps = r.randint(2, 6)
        for i in range(1, steps + 1):
            evs.append(pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y + dy * i // steps), rel=(0, dy // steps),
                                          buttons=(1, 0, 0)))
        evs.append(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x, y + dy), button=1))
        self.frame(events=evs)

    def a_scroll(self) -> None:
        self.rng.choice((self.a_wheel, self.a_wheel, self.a_scroll_key, self.a_drag))()

    def a_random_click(self) -> None:
        self.click(self.pos_in(self.screen_rect()), "anywhere")

    def a_tab_enter(self) -> None:
        r = self.rng
        for _ in range(r.randint(1, 6)):
            self.key(pygame.K_TAB, pygame.KMOD_SHIFT if r.random() < 0.2 else 0)
        self.key(r.choice((pygame.K_RETURN, pygame.K_SPACE, pygame.K_RIGHT, pygame.K_LEFT)))

    def a_wait(self) -> None:
        t = self.rng.uniform(0.5, 4.0)
        self.log(f"wait {t:.1f} s")
        while t > 0:
            dt = min(t, 1 / 30 if self.rng.random() < 0.5 else 0.25)
            self.frame(dt)
            t -= dt

    # -- actions per screen --------------------------------------------------------------------

    def visible_targets(self, prefix: str = ""):
        sc = self.app.top
        view = getattr(sc, "view", None)
        out = []
        for t in getattr(sc, "targets", []):
            name = getattr(t, "name", "") or ""
            if t.rect.w and t.rect.h and name.startswith(prefix) and (view is None or view.contains(t.rect)
                                                                       or name in ("back", "help")):
                out.append(t)
        return out

    def a_click_target(self, prefix: str = "") -> None:
        ts = self.visible_targets(prefix)
        if not ts:
            self.a_scroll()
            return
        t = self.rng.choice(ts)
        self.click(self.pos_in(t.rect), getattr(t, "name", ""))

    def a_start_direct(self) -> None:
        sid = self.rng.choice(self.ids + ["no-such-story"])
        self.log(f"start_scenario {sid}")
        self.app.start_scenario(sid)
        self.frame()

    def chat_actions(self, chat):
        acts = [(3, self.a_scroll), (1, self.a_wait)]
        if chat.pending is not None:
            acts += [(4, self.a_chat_skip), (4, self.a_wait)]
        if chat.visible and any(chat.items[i].flaggable for i in chat.visible):
            acts += [(5, self.a_flag_click), (2, self.a_flag_keys)]
        if chat.choices is not None:
            acts += [(6, self.a_choose)]
        if chat.ending is not None:
            acts += [(6, self.a_debrief)]
        if chat.feedback is not None:
            acts += [(1, lambda: self.key(pygame.K_x))]
            if chat.feedback_rect.w:
                acts += [(1, lambda: self.click(self.pos_in(chat.feedback_rect), "feedback card"))]
        if chat.pill.w:
            acts += [(1, lambda: self.click(chat.pill.center, "new messages pill"))]
        acts += [(0.4, self.a_back), (0.5, self.a_tab_enter)]
        return acts

    def a_chat_skip(self) -> None:
        if self.rng.random() < 0.6:
            self.key(pygame.K_SPACE)
        else:
            self.click(self.pos_in(self.app.top.view_rect()), "chat (skip typing)")

    def a_flag_click(self) -> None:
        chat = self.app.top
        cands = [i for i in chat.visible if chat.items[i].flaggable]
        if not cands:
            return self.a_scroll()
        i = self.rng.choice(cands)
        self.click(self.pos_in(chat.visible[i]), f"bubble item {i}")

    def a_flag_keys(self) -> None:
        for _ in range(self.rng.randint(1, 4)):
            self.key(self.rng.choice((pygame.K_UP, pygame.K_DOWN)))
        self.key(self.rng.choice((pygame.K_f, pygame.K_f, pygame.K_RETURN)))

    def a_choose(self) -> None:
        chat = self.app.top
        n = self.rng.randrange(len(chat.choice_buttons))
        b = chat.choice_buttons[n]
        if b.rect.w and self.rng.random() < 0.6:
            self.click(self.pos_in(b.rect), f"reply {n + 1}")
        else:
            self.key(pygame.K_1 + n)

    def a_debrief(self) -> None:
        chat = self.app.top
        b = chat.debrief_button
        if b.rect.w and self.rng.random() < 0.6:
            self.click(self.pos_in(b.rect), "See how you did")
        else:
            self.key(pygame.K_RETURN)

    def a_dialog(self) -> None:
        d = self.app.top
        r = self.rng
        how = r.randrange(4)
        if how == 0:
            self.key(pygame.K_ESCAPE)
        elif how == 1 and d.buttons and d.buttons[0].rect.w:
            b = r.choice(d.buttons)
            self.click(self.pos_in(b.rect), f"dialog button {b.name}")
        elif how == 2 and d.numbered:
            self.key(pygame.K_1 + r.randrange(min(9, len(d.buttons))))
        else:
            self.a_tab_enter()

    def actions(self):
        sc = self.app.top
        name = sc.name
        common = [(0.6, self.a_resize), (0.4, self.a_language), (0.4, self.a_text_size), (0.3, self.a_setting),
                  (0.4, self.a_help), (0.3, self.a_random_click)]
        if name == "dialog":
            return [(6, self.a_dialog), (0.3, self.a_resize), (0.2, self.a_language)]
        if name == "chat":
            return self.chat_actions(sc) + common
        class_acts = self.class_actions(name, sc)
        if class_acts is not None:
            return class_acts
        if name == "title":
            return [(6, lambda: self.a_click_target("play")), (1, self.a_tab_enter), (0.5, self.a_click_target),
                    (0.3, self.a_back)] + self.title_class_actions() + common
        if name == "picker":
            return [(6, lambda: self.a_click_target("card-")), (2, self.a_scroll), (1, self.a_tab_enter),
                    (1.5, self.a_start_direct), (0.5, lambda: self.a_click_target("to-settings")),
                    (0.5 + 0.6 * self.class_weight, self.a_back)] + common  # back to the title (teacher mode)
        if name == "debrief":  # in a class session: Continue (the group's next step) instead of Play again
            go_on = [(5, self.a_session_continue)] if self.visible_targets("continue") else []
            return [(4, self.a_scroll), (3, self.a_click_target), (1, self.a_tab_enter), (0.5, self.a_back)] + \
                go_on + common
        if name == "settings":
            return [(3, self.a_click_target), (2, self.a_tab_enter), (1, self.a_scroll), (2, self.a_back)] + common
        # help, errors, anything new: look around and leave
        return [(2, self.a_scroll), (1, self.a_click_target), (1, self.a_tab_enter), (3, self.a_back)] + common

    # -- the loop ------------------------------------------------------------------------------

    def check(self) -> None:
        """Invariants after every action: the stack and the caches stay bounded."""
        from game.ui import text as tx
        from game.ui.scenes.chat import BUBBLE_CACHE

        app, res = self.app, self.result
        res.max_scenes = max(res.max_scenes, len(app.scenes))
        if len(app.scenes) > MAX_SCENES:
            raise AssertionError(f"scene stack grew to {len(app.scenes)}: {[s.name for s in app.scenes]}")
        sizes = tx.cache_sizes()
        sizes["fonts"] = len(tx._fonts) + len(tx._symbol_fonts)
        sizes["emoji"] = len(tx.EMOJI.scaled)
        for s in app.scenes:
            if s.name == "chat":
                sizes["bubbles"] = max(sizes.get("bubbles", 0), len(s.cache))
                sizes["bubble_bytes"] = max(sizes.get("bubble_bytes", 0), s.cache.nbytes)
        for k, v in sizes.items():
            res.max_caches[k] = max(res.max_caches.get(k, 0), v)
        limits = {"layouts": tx.LAYOUT_CACHE, "renders": tx.RENDER_CACHE, "bubbles": BUBBLE_CACHE,
                  "emoji": tx.EMOJI_CACHE}
        for k, lim in limits.items():
            if sizes.get(k, 0) > lim:
                raise AssertionError(f"cache {k} holds {sizes[k]} (limit {lim})")

    def act(self) -> None:
        res = self.result
        acts = self.actions()
        fn = self.rng.choices([f for _w, f in acts], weights=[w for w, _f in acts])[0]
        name = getattr(fn, "__name__", "action").removeprefix("a_")
        res.counts[name if name != "<lambda>" else "other"] += 1
        try:
            fn()
            for _ in range(self.rng.randint(0, 2)):
                self.frame()
            if getattr(self.app.settings, "read_aloud", "off") != "off":  # no speech processes
                self.app.settings.read_aloud = "off"
                self.log("read aloud set back to off")
            if not self.app.running:  # the class clicked Quit: launch again
                res.counts["quit+relaunch"] += 1
                self.new_app()
            self.after_class_action()
            self.check()
        except Exception as e:  # noqa: BLE001 - every crash is reported, then play goes on
            res.crashes.append(Crash(res.actions, name, f"{type(e).__name__}: {e}", traceback.format_exc(),
                                     list(self.history)))
            self.history.clear()
            self.new_app()  # a crash here too ends the soak: the game cannot even start
        res.actions += 1

    def run(self, seconds: float | None = None, actions: int | None = None, warmup: float = 0.0,
            sample_every: float = 5.0, progress=None) -> SoakResult:
        """Play until `seconds` of wall time or `actions` actions. RSS is sampled (after a GC)
        every `sample_every` seconds of wall time once `warmup` seconds have passed."""
        res = self.result
        t0 = time.perf_counter()
        next_sample = warmup
        res.warmup_seconds = warmup
        ids = random.Random(f"ids {self.seed}")  # new ids from the seed too: the order a group's
        real_uuid4, uuid.uuid4 = uuid.uuid4, lambda: uuid.UUID(int=ids.getrandbits(128), version=4)  # options
        try:  # are shuffled by its id, so a seed replays the same screens
            while True:
                elapsed = time.perf_counter() - t0
                if (res.actions >= actions) if actions is not None else (elapsed >= seconds):
                    break
                self.act()
                elapsed = time.perf_counter() - t0
                if elapsed >= next_sample:
                    gc.collect()
                    res.samples.append((elapsed, rss_bytes()))
                    next_sample = elapsed + sample_every
                    if progress:
                        progress(res, elapsed)
        finally:
            uuid.uuid4 = real_uuid4
        gc.collect()
        res.samples.append((time.perf_counter() - t0, rss_bytes()))
        res.wall_seconds = time.perf_counter() - t0
        return res


def load():
    """The shipped scenario library (loaded once; every launch in the soak shares it)."""
    from game.engine.validate import load_library

    return load_library(ROOT / "game" / "scenarios")


def preload_report(lib, path: Path) -> None:
    """Print one (empty) class report before play starts. Its modules (fpdf, fontTools) and fonts
    take ~40 MB once per process, on the first print: a first print after the warm-up would count
    that one-time load as growth and hide what the measurement is for (memory that keeps growing)."""
    from game.classroom.report import write_class_report
    from game.classroom.store import ResultsStore

    with ResultsStore(ResultsStore.MEMORY) as store:
        write_class_report(store, lib, None, path, None, "en")


def run_soak(minutes: float | None = None, seed: int = 1, actions: int | None = None,
             warmup_minutes: float | None = None, verbose: bool = False, tune_malloc: bool = True,
             home: str | Path | None = None, classroom: float = 1.0) -> SoakResult:
    """Play for `minutes` (or `actions` actions) and return the result (used by bench/run.py)."""
    pygame.display.init()
    pygame.font.init()
    if tune_malloc:  # as the play command does once its first frame is up (App.run)
        from game.ui.memory import tune_malloc as tune

        tune()
    lib = load()
    soak = Soak(lib, seed, home=home, classroom=classroom)
    if classroom:
        preload_report(lib, soak.files / "reports" / "preload.pdf")
    seconds = None if minutes is None else minutes * 60
    if warmup_minutes is None:
        warmup_minutes = min(5.0, (minutes or 0) * 0.25)
    sample_every = max(1.0, min(10.0, (seconds or 60) / 120))

    def progress(res, elapsed):
        if verbose and len(res.samples) % 12 == 1:
            c = res.max_caches
            print(f"  {elapsed / 60:5.1f} min  {res.actions:7d} actions  RSS {res.samples[-1][1] / 2**20:6.1f} MB  "
                  f"crashes {len(res.crashes)}  (caches: layouts {c.get('layouts', 0)}, renders "
                  f"{c.get('render_bytes', 0) / 2**20:.0f} MB, bubbles {c.get('bubble_bytes', 0) / 2**20:.0f} MB, "
                  f"fonts {c.get('fonts', 0)}, emoji {c.get('emoji', 0)})", flush=True)

    return soak.run(seconds, actions, warmup_minutes * 60, sample_every, progress)


def run_soak_summary(minutes: float, seed: int = 1, warmup_minutes: float | None = None) -> dict:
    """`run_soak` reduced to numbers (for bench/run.py); prints the full report to stderr."""
    res = run_soak(minutes, seed, warmup_minutes=warmup_minutes)
    report(res, sys.stderr)
    return {"crashes": len(res.crashes), "actions": res.actions, "warmup_min": res.warmup_seconds / 60,
            "baseline_mb": res.baseline_rss / 2**20, "final_mb": res.final_rss / 2**20,
            "peak_mb": res.peak_rss / 2**20, "growth_pct": res.growth_pct}


def report(res: SoakResult, out=sys.stdout) -> None:
    def p(*a) -> None:
        print(*a, file=out)

    p(f"soak: seed {res.seed}, {res.actions} actions, {res.frames} frames, {res.sim_seconds / 60:.1f} min of "
      f"simulated play in {res.wall_seconds / 60:.1f} min")
    p("  actions: " + ", ".join(f"{k} {v}" for k, v in sorted(res.counts.items(), key=lambda kv: -kv[1])))
    p("  screens (on top after an action): " + ", ".join(f"{k} {v}" for k, v in res.scenes.most_common()))
    if res.outcomes:
        p("  classroom: " + ", ".join(f"{k} {v}" for k, v in sorted(res.outcomes.items())))
    p(f"  largest scene stack: {res.max_scenes}; largest caches: "
      + ", ".join(f"{k} {v}" for k, v in sorted(res.max_caches.items()) if not k.endswith("_bytes"))
      + f"; render cache {res.max_caches.get('render_bytes', 0) / 2**20:.1f} MB, "
      f"chat bubbles {res.max_caches.get('bubble_bytes', 0) / 2**20:.1f} MB")
    p(f"  crashes: {len(res.crashes)} (target: none)")
    for c in res.crashes[:20]:
        p(f"\n--- crash at action {c.action} ({c.name}): {c.error}")
        p("    actions before it (oldest first):")
        for h in c.history:
            p(f"      {h}")
        p("    " + c.trace.rstrip().replace("\n", "\n    "))
    if len(res.crashes) > 20:
        p(f"  ... and {len(res.crashes) - 20} more")
    if len(res.samples) >= 2:

        def mb(b):
            return b / 2**20

        p(f"  RSS after {res.warmup_seconds / 60:.1f} min warm-up: {mb(res.baseline_rss):.1f} MB; at the end: "
          f"{mb(res.final_rss):.1f} MB (medians of the first and last fifth of {len(res.samples)} samples); "
          f"peak {mb(res.peak_rss):.1f} MB")
        ok = res.growth_pct < GROWTH_TARGET
        per_min: dict[int, list[int]] = {}
        for t, r in res.samples:
            per_min.setdefault(int(t // 60), []).append(r)
        p("  RSS by minute (MB, median): " + " ".join(f"{m}:{mb(statistics.median(v)):.0f}"
                                                      for m, v in sorted(per_min.items())))
        p(f"  trend after warm-up: {res.slope_mb_per_hour:+.1f} MB/hour")
        p(f"  memory growth after warm-up: {res.growth_pct:+.1f} % (target < {GROWTH_TARGET:.0f} %) -> "
          f"{'met' if ok else 'NOT met'}")
    p(f"result: {'OK' if res.ok else 'FAILED'}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--warmup", type=float, default=None, metavar="MIN",
                    help="minutes before memory sampling starts (default: a quarter of the run, at most 5)")
    ap.add_argument("--actions", type=int, default=None, help="stop after this many actions instead")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--home", type=Path, default=None,
                    help="folder for the soak's data folders and files (default: redflags-soak-SEED in the temp dir)")
    ap.add_argument("--classroom", type=float, default=1.0,
                    help="how often the title leads to teacher mode (1: default, 0: never, 3: mostly)")
    ap.add_argument("--default-malloc", action="store_true",
                    help="skip the game's glibc memory tuning (game.ui.memory.tune_malloc, which also "
                         "enables release_memory), to compare")
    args = ap.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != "0" and argv is None:  # same seed, same game: fix str hashing
        os.execve(sys.executable, [sys.executable, *sys.argv], dict(os.environ, PYTHONHASHSEED="0"))
    minutes = None if args.actions else args.minutes
    what = f"{args.actions} actions" if args.actions else f"{args.minutes:g} min"
    print(f"soak: {what}, seed {args.seed}", flush=True)
    res = run_soak(minutes, args.seed, args.actions, args.warmup, verbose=not args.quiet,
                   tune_malloc=not args.default_malloc, home=args.home, classroom=args.classroom)
    report(res)
    return 0 if res.ok else 1


if __name__ == "__main__":
    sys.exit(main())
