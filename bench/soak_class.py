"""The classroom half of the soak (bench/soak.py): teacher mode, class sessions and class results,
played at random by the same restless class, interleaved with normal play.

`ClassPlay` is mixed into `Soak` and uses its plumbing (rng, log, frame, click, key, targets).
What it covers:

- teacher mode: T or the Teacher button, the PIN screen in all its modes: unlock (the right PIN
  typed or on the keypad, a wrong one now and then, fumbles), setup/newpin (typed twice, mistyped,
  too short), recover (the recovery code, written down when it was shown), the recovery-code
  screen that only "I have written it down" closes, the offer of a longer PIN after an old 4-digit
  one, and the lock-out after 5 wrong tries (kept short: after two actions the teacher "waits it
  out", the record edited as the tests do, so wall-clock time never changes what is played);
- the teacher menu and class settings (topics, grades, modes, timer, check, whole class, class
  language and region, a class label typed with hostile text, writer mode now and then);
- class sessions: start and continue, groups with typed names (team names, full names, contact
  details, very long, emoji, control characters, right-to-left, "=HYPERLINK(...)"...), group
  size, the roles card, the knowledge check before and after, stories inside the session with
  their "Talk it over" pauses (timer paused, turned off, the teacher note behind the PIN), the
  session debrief's Continue, leaving and continuing ("Continue class session" asks for the PIN
  after a relaunch), ending the session;
- class results: the class debrief, export (JSON, CSV) and import through the file chooser (its
  keys, filter and folders; saving or picking only in the soak's folder) and the path screen, the
  PDF report (rarely), "Delete all results" (rarely), and imports of damaged or hostile files:
  truncated, edited, forged with a good checksum (hostile names, unknown stories, odd dates and
  settings, broken states), not JSON, nested too deep, from a newer version, signed with another
  class code, folders of them;
- the computer around the game: relaunches in the middle of anything (a crash, a closed lid),
  other computers of the class (their own data folders; files move between them by the shared
  files folder), a student deleting or damaging the PIN record (the recovery code gets back in),
  a class code set or cleared from the command line.

Every data folder lives under the soak's own folder; the in-game path screen only ever writes
there (the soak types over the default path under the home folder before anything else).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pygame

PIN = "246810"
LEGACY_PIN = "2468"  # as versions before recovery codes set it: 4 digits, no recovery code
MAX_COMPUTERS = 3
LOCKED_ACTIONS = 2  # actions spent on a locked PIN screen before the teacher waits it out
KEEP_FILES = 12  # exports and hostile files kept at once (older ones are deleted)
CLASS_CODES = ("class-7B-code", "class-8C-code")

TEAM_NAMES = ("Blue Foxes", "Owls", "Les Renards bleus", "Team 7", "Wolves", "Red Pandas", "Hiboux")
HOSTILE_NAMES = (
    "A" * 300,  # far over the limit: the box stops at the most a name may have
    "Emma Tremblay",  # a full name: warned, then kept or changed
    "team@mail.com",  # contact details: warned
    "call 5551234567",
    "🦊🦊 Foxes 🔥🔥",
    "👩‍👩‍👧‍👦🏳️‍🌈🇨🇦🧑🏽‍🚀",
    '=HYPERLINK("http://example.com/x","click me")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "tab\there\x00nul\x1b[31mred",
    "line\nbreak\r\n",
    "\u202eesreveR\u202c",
    "zero\u200bwidth\u200d\ufeff",
    "Z̴̡̢a̷̧l̶̨g̸̛o̵̕",
    "الثعالب الزرقاء",
    "青いキツネ",
    "<script>alert(1)</script>",
    "Robert'); DROP TABLE groups;--",
    "%s%s%n{0}{name}",
    "   ",
    "",
    "\ufffd\U0010ffff\U0001f9ff",
)
LABELS = ("7B", "8C", "", "Classe de 6e", "=1+1", "🦊 7B 🦊", "x" * 40, "\x07bell\t7B", "<b>7B</b>")


@dataclass
class Computer:
    """One computer of the class: its data folder and what its teacher knows."""

    n: int
    home: Path
    pin: str | None  # None: no PIN chosen yet (first use: the PIN screen asks for one)
    code: str | None  # the recovery code as written down (None: none shown yet)


class ClassPlay:
    """Classroom actions for `Soak` (see the module docstring)."""

    # -- the computers -------------------------------------------------------------------------

    def setup_classroom(self, base: Path, classroom: float) -> None:
        self.base = base
        self.files = base / "files"  # the USB stick / shared drive every computer sees
        for sub in ("exports", "inbox", "reports", "empty"):
            (self.files / sub).mkdir(parents=True, exist_ok=True)
        (self.files / "a-file.txt").write_text("not a folder\n", encoding="utf-8")
        self.class_weight = classroom
        self.computers: list[Computer] = []
        self.exported: list[Path] = []  # .json exports, oldest first (any computer)
        self.written: list[Path] = []  # other files written by the path screen
        self.hostile: list[Path] = []
        self.n_files = 0
        self.locked_for = 0
        self.comp = self.new_computer("pin")
        self.use_computer(self.comp)

    def rel(self, path: Path | str) -> str:
        """A path as the log shows it: relative to the soak's folder (the same in every run)."""
        try:
            return str(Path(path).relative_to(self.base))
        except ValueError:
            return str(path)

    def new_computer(self, kind: str) -> Computer:
        """kind: 'pin' (set beforehand, with its recovery code), 'legacy' (an old 4-digit PIN
        without a code) or 'fresh' (no PIN: the teacher chooses one on first use)."""
        from game.classroom import pin
        from game.classroom.settings import ClassSettings, save_settings

        n = len(self.computers)
        home = self.base / f"computer-{n}"
        home.mkdir(parents=True, exist_ok=True)
        os.environ["REDFLAGS_HOME"] = str(home)
        if kind == "legacy":
            _legacy_record(LEGACY_PIN)
            comp = Computer(n, home, LEGACY_PIN, None)
        elif kind == "fresh":
            comp = Computer(n, home, None, None)
        else:
            comp = Computer(n, home, PIN, pin.set_pin(PIN))
        topics = sorted({t for s in self.lib.playable().values() for t in s.topics})
        if self.rng.random() < 0.6:  # a teacher who set the class up beforehand: one topic, short sessions
            save_settings(ClassSettings(topics=[self.rng.choice(topics)], timer_seconds=self.rng.choice((0, 60, 120))))
        self.computers.append(comp)
        return comp

    def use_computer(self, comp: Computer) -> None:
        self.comp = comp
        os.environ["REDFLAGS_HOME"] = str(comp.home)

    def close_app(self) -> None:
        """What the process ending does to the stores (the soak keeps running in this one)."""
        room = getattr(self.app, "_classroom", None) if self.app is not None else None
        if room is None:
            return
        for store in (room._store, room._solo.store if room._solo is not None else None):
            if store is not None:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - a store in a bad state is the next launch's problem
                    pass

    def a_relaunch(self) -> None:
        """The computer restarts in the middle of anything (a crash, a closed lid, a power cut)."""
        self.log("relaunch (same computer)")
        self.new_app()

    def a_computer(self) -> None:
        """The teacher walks to another computer of the class (or a new one)."""
        r = self.rng
        if len(self.computers) < MAX_COMPUTERS and r.random() < 0.5:
            kind = r.choice(("pin", "pin", "legacy", "fresh"))
            comp = self.new_computer(kind)
            self.log(f"new computer {comp.n} ({kind})")
        else:
            comp = r.choice(self.computers)
            self.log(f"computer {comp.n}")
        self.use_computer(comp)
        self.new_app()

    def a_damage_pin(self) -> None:
        """A student deletes or damages the PIN record (only where the teacher has the code)."""
        from game.classroom import pin

        if self.comp.code is None or not pin.pin_path().exists():
            return self.a_wait()
        how = self.rng.choice(("delete", "garbage", "truncate"))
        self.log(f"PIN record: {how}")
        path = pin.pin_path()
        if how == "delete":
            path.unlink()
        elif how == "garbage":
            path.write_bytes(bytes(self.rng.randrange(256) for _ in range(40)))
        else:
            path.write_bytes(path.read_bytes()[:self.rng.randrange(1, 30)])
        self.new_app()

    def a_class_code(self) -> None:
        """The teacher sets (or clears) a class code on this computer from the command line."""
        from game.classroom import signing

        if self.rng.random() < 0.4:
            self.log(f"class code cleared: {signing.clear_code()}")
        else:
            code = self.rng.choice(CLASS_CODES)
            signing.set_code(code)
            self.log(f"class code set: {code}")
        self.frame()

    def watch_lockout(self) -> None:
        """After the action: a lock-out lasts at most LOCKED_ACTIONS actions on the PIN screen
        (the teacher waits it out, as tests do, by clearing the deadline in the record)."""
        from game.classroom import pin

        try:
            record = json.loads(pin.pin_path().read_text(encoding="utf-8"))
            until = record.get("locked_until", 0) if isinstance(record, dict) else 0
        except (OSError, ValueError):
            return
        if not isinstance(until, (int, float)) or until <= time.time():
            self.locked_for = 0
            return
        self.locked_for += 1
        if self.locked_for > LOCKED_ACTIONS or self.app.top.name != "pin":
            record["locked_until"] = 0
            pin.pin_path().write_text(json.dumps(record), encoding="utf-8")
            self.result.outcomes["lock-out waited"] += 1
            self.locked_for = 0
            self.log("the lock-out passes (the teacher waited)")

    def after_class_action(self) -> None:
        sc = self.app.top
        self.result.scenes[sc.name] += 1
        if sc.name == "pin" and sc.mode == "code" and sc.code and sc.code != self.comp.code:
            self.comp.code = sc.code  # the teacher writes it down
            self.result.outcomes["recovery code shown"] += 1
            self.log("recovery code written down")
        if sc.name == "path" and not sc.field.text.startswith(str(self.base)):
            # never the real home folder: the teacher types over the default path first
            sc.field.text = str(self.files / ("untitled" + {"json": ".json", "csv": ".csv", "pdf": ".pdf"}.get(
                sc.kind, "")))
            self.log("path box preset under the soak's folder")
        self.watch_lockout()

    # -- small helpers ---------------------------------------------------------------------------

    def target(self, name: str):
        for t in self.visible_targets():
            if getattr(t, "name", "") == name:
                return t
        return None

    def click_target(self, name: str, what: str = "") -> bool:
        t = self.target(name)
        if t is None:
            return False
        self.click(self.pos_in(t.rect), what or name)
        return True

    def type_text(self, text: str, shown: str | None = None) -> None:
        """Text as SDL delivers it: TEXTINPUT in one piece or a few characters at a time, with the
        KEYDOWN of each letter or digit before it sometimes (keys that are shortcuts elsewhere)."""
        r = self.rng
        keys = r.random() < 0.4
        chunk = len(text) if r.random() < 0.6 else r.randint(1, 4)
        self.log(f"type {shown if shown is not None else repr(text)[:70]}")
        evs = []
        for i in range(0, len(text), max(1, chunk)):
            piece = text[i:i + max(1, chunk)]
            if keys:
                for ch in piece:
                    if ch.isascii() and ch.isalnum():
                        mod = pygame.KMOD_SHIFT if ch.isupper() else 0
                        evs.append(pygame.event.Event(pygame.KEYDOWN, key=ord(ch.lower()), mod=mod, unicode=ch,
                                                      scancode=0))
            evs.append(pygame.event.Event(pygame.TEXTINPUT, text=piece))
        self.frame(events=evs)

    def focus_field(self, field, clear: bool = True) -> None:
        """Click into a text box (or, scrolled away, focus it as Tab would) and clear it."""
        sc = self.app.top
        view = getattr(sc, "view", None)
        if field.rect.w and (view is None or view.contains(field.rect)):
            self.click(self.pos_in(field.rect), f"field {field.name}")
        elif sc.ui.focused is not field:
            self.log(f"focus field {field.name}")
            sc.focus(field)
        if clear and field.text and self.app.top is sc and sc.ui.focused is field:
            self.key(pygame.K_BACKSPACE, pygame.KMOD_CTRL)

    def enter(self) -> None:
        self.key(pygame.K_RETURN if self.rng.random() < 0.8 else pygame.K_KP_ENTER)

    def class_common(self) -> list:
        return [(0.4, self.a_resize), (0.3, self.a_language), (0.2, self.a_text_size), (0.15, self.a_setting),
                (0.3, self.a_help), (0.2, self.a_random_click), (0.3, self.a_tab_enter), (0.15, self.a_relaunch)]

    # -- per screen ----------------------------------------------------------------------------

    def class_actions(self, name: str, sc) -> list | None:
        """The actions on a classroom screen, or None for a screen that isn't one."""
        common = self.class_common()
        if name == "pin":
            return self.pin_actions(sc)
        if name == "teacher":
            acts = [(3, self.a_session), (2 + 3 * (self.offered() > 4), self.a_teacher_settings),
                    (4, self.a_class_debrief), (1.5, self.a_lock), (0.8, self.a_back), (0.15, self.a_computer)]
            return acts + common
        if name == "teacher-settings":
            many = self.offered() > 3
            return [(4 + 4 * many, self.a_topic), (1.5, self.a_grade), (3, self.a_class_setting),
                    (0.8, self.a_class_label), (0.1, self.a_writer), (1, self.a_scroll),
                    (1.5 + 3 * (not many), self.a_back)] + common
        if name == "session":
            groups = sc.session.groups()
            going = [g for g in groups if g.next_step().kind != "done"]
            add = 0 if sc.session.settings.whole_class and groups else (4 if len(groups) < 5 else 0.5)
            return [(add, self.a_group), (5 if going else 0, self.a_group_play), (1.5, self.a_teacher),
                    (0.3, self.a_end_session), (0.6, self.a_back), (0.2, self.a_relaunch),
                    (0.1, self.a_computer)] + common
        if name == "group-name":
            return [(6, self.a_group_name), (1, self.a_members), (0.4, self.a_back)] + common
        if name == "roles":
            return [(6, self.a_roles), (0.4, self.a_back), (0.5, self.a_scroll)] + common
        if name == "lesson":  # the lesson's stories, then Start the session
            return [(5, self.a_lesson_story), (3, self.a_lesson_begin), (1, self.a_scroll),
                    (0.4, self.a_back)] + common
        if name == "check":
            return [(8, self.a_check), (0.3, self.a_back), (0.3, self.a_scroll)] + common
        if name == "spot-check":
            return [(8, self.a_spot), (0.3, self.a_back), (0.3, self.a_scroll)] + common
        if name == "group-done":
            return [(5, self.a_group_done), (0.5, self.a_scroll)] + common
        if name == "pause":
            return [(5, self.a_pause_ready), (1, self.a_pause_timer), (0.7, self.a_pause_timer_off),
                    (0.6, self.a_pause_note), (1.5, self.a_wait), (0.3, self.a_back)] + common
        if name == "class-debrief":
            return [(3, self.a_export), (4, self.a_import), (0.15, self.a_report), (0.4, self.a_delete_all),
                    (1, self.a_sessions), (1.5, self.a_scroll), (0.8, self.a_back)] + common
        if name == "path":
            return [(8, self.a_path), (0.5, self.a_back), (0.3, self.a_resize), (0.2, self.a_language),
                    (0.2, self.a_help)]
        if name == "files":  # the file chooser: it only ever saves or picks under the soak's folder
            return [(6, self.a_files), (1.5, self.a_files_browse), (0.5, self.a_back), (0.3, self.a_resize),
                    (0.2, self.a_language), (0.2, self.a_help)]
        return None

    def title_class_actions(self) -> list:
        w = self.class_weight
        acts = [(2.5 * w, self.a_teacher), (0.1 * w, self.a_computer), (0.04 * w, self.a_damage_pin),
                (0.04 * w, self.a_class_code), (0.1, self.a_relaunch)]
        if self.target("continue-session") is not None:
            acts.append((3 * w, self.a_session))
        return acts

    def offered(self) -> int:
        try:
            cs = self.app.classroom.teacher.settings
            return len(cs.offered(self.app.library.playable()))
        except PermissionError:
            return 0

    # -- teacher mode ----------------------------------------------------------------------------

    def a_teacher(self) -> None:
        """Open teacher mode: T or the Teacher button on the title; Teacher menu in a session."""
        name = self.app.top.name
        if name == "session":
            if not self.click_target("teacher", "Teacher menu"):
                self.a_scroll()
        elif self.rng.random() < 0.5 or not self.click_target("teacher", "Teacher"):
            self.key(pygame.K_t)

    def pin_actions(self, sc) -> list:
        base = [(0.3, self.a_resize), (0.2, self.a_language), (0.2, self.a_help), (0.1, self.a_random_click),
                (0.1, self.a_relaunch)]
        mode = sc.mode
        if mode == "code":
            return [(6, self.a_written), (0.5, self.a_back), (0.3, self.a_tab_enter)] + base
        if mode == "longer":
            return [(3, self.a_longer), (3, self.a_keep_pin), (0.5, self.a_back)] + base
        if mode == "stuck":
            return [(3, self.a_back), (0.5, self.a_computer)] + base
        if mode == "unlock":
            if sc.wait() > 0:
                return [(2, self.a_pin), (2, self.a_back), (1, self.a_forgot)] + base
            return [(8, self.a_pin), (0.5, self.a_pin_wrong), (0.5, self.a_keypad), (0.25, self.a_forgot),
                    (0.6, self.a_back)] + base
        if mode == "recover":
            return [(6, self.a_recovery), (0.4, self.a_recovery_wrong), (0.5, self.a_back)] + base
        return [(6, self.a_new_pin), (1, self.a_new_pin_bad), (0.5, self.a_back)] + base  # setup, newpin

    def submit_digits(self, digits: str, shown: str) -> None:
        """The PIN box is focused and empty: type `digits` and confirm, by keyboard or keypad."""
        sc = self.app.top
        keys = [self.target(f"key-{d}") for d in digits] + [self.target("key-ok")]
        if digits.isdigit() and all(keys) and self.rng.random() < 0.3:
            self.log(f"keypad {shown}")
            for k in keys:
                self.click(self.pos_in(k.rect), k.name)
            return
        self.type_text(digits, shown)
        if self.app.top is sc:
            self.enter()

    def a_pin(self) -> None:
        sc = self.app.top
        self.focus_field(sc.field)
        self.submit_digits(self.comp.pin or "000000", "the PIN" if self.comp.pin else "a PIN never chosen")
        if self.app.classroom.teacher.gate.unlocked:
            self.result.outcomes["unlocked"] += 1

    def a_pin_wrong(self) -> None:
        sc = self.app.top
        self.focus_field(sc.field)
        wrong = "".join(str(self.rng.randrange(10)) for _ in range(self.rng.choice((4, 6, 6, 8))))
        if wrong == (self.comp.pin or ""):
            wrong += "0"
        self.submit_digits(wrong, f"a wrong PIN {wrong}")

    def a_keypad(self) -> None:
        """Digits on the keypad, a delete or two, no OK (someone fidgeting)."""
        for _ in range(self.rng.randint(1, 5)):
            k = self.target(f"key-{self.rng.choice('0123456789')}") if self.rng.random() < 0.7 else \
                self.target("key-del")
            if k is None:
                return self.a_scroll()
            self.click(self.pos_in(k.rect), k.name)

    def a_forgot(self) -> None:
        if not self.click_target("forgot", "Forgot the PIN?"):
            self.a_scroll()

    def a_recovery(self) -> None:
        sc = self.app.top
        code = self.comp.code
        self.focus_field(sc.field)
        if code is None:  # never written down: a guess
            code = "".join(str(self.rng.randrange(10)) for _ in range(16))
        digits = code.replace("-", "")
        typed = self.rng.choice((code, digits, code.replace("-", " ")))
        self.submit_digits(typed, "the recovery code" if self.comp.code else "a guessed recovery code")

    def a_recovery_wrong(self) -> None:
        sc = self.app.top
        self.focus_field(sc.field)
        n = self.rng.choice((4, 15, 16, 16, 20))
        self.submit_digits("".join(str(self.rng.randrange(10)) for _ in range(n)), f"a wrong code ({n} digits)")

    def _choose(self, first: str, second: str, what: str) -> None:
        """Type a new PIN twice; when the screen takes it, the teacher knows it from now on."""
        from game.classroom.pin import MAX_LEN

        sc = self.app.top
        for typed in (first, second):
            if self.app.top is not sc or sc.mode not in ("setup", "newpin"):
                return
            self.focus_field(sc.field)
            self.submit_digits(typed, what)
        if sc.mode not in ("setup", "newpin"):
            new = "".join(ch for ch in second if ch.isdigit())[:MAX_LEN]
            self.comp.pin = new
            self.result.outcomes["new PIN"] += 1
            self.log(f"the teacher's PIN is now {new}")

    def a_new_pin(self) -> None:
        new = "".join(str(self.rng.randrange(10)) for _ in range(self.rng.randint(6, 12)))
        self._choose(new, new, f"new PIN {new}")

    def a_new_pin_bad(self) -> None:
        r = self.rng
        how = r.choice(("short", "different", "letters", "long"))
        a = "".join(str(r.randrange(10)) for _ in range(8))
        if how == "short":
            self._choose("1234", "1234", "a 4-digit PIN")
        elif how == "different":
            self._choose(a, a[::-1] + "1", "two different PINs")
        elif how == "letters":
            self._choose("12ab34cd56", "12ab34cd56", "a PIN with letters")
        else:  # the box stops at the longest PIN: both times the same first digits
            self._choose(a * 3, a * 3, "a 24-digit PIN")

    def a_written(self) -> None:
        if self.rng.random() < 0.5 or not self.click_target("written", "I have written it down"):
            self.enter()

    def a_longer(self) -> None:
        if not self.click_target("longer", "Choose a longer PIN"):
            self.a_scroll()

    def a_keep_pin(self) -> None:
        if not self.click_target("keep", "Keep this PIN"):
            self.a_scroll()

    def a_lock(self) -> None:
        if not self.click_target("lock", "Lock teacher mode"):
            self.a_scroll()

    def a_teacher_settings(self) -> None:
        if not self.click_target("settings", "Class settings"):
            self.a_scroll()

    def a_class_debrief(self) -> None:
        if not self.click_target("results", "Class results"):
            self.a_scroll()

    def a_session(self) -> None:
        """Start or continue a class session (teacher menu), or Continue class session (title)."""
        if self.app.top.name == "title":
            if not self.click_target("continue-session", "Continue class session"):
                self.a_tab_enter()
            return
        if not (self.target("continue") is not None and self.rng.random() < 0.5
                and self.click_target("continue", "Continue the current session")):
            if not self.click_target("start", "Start a class session"):
                self.a_scroll()
        if self.app.top.name == "session":
            self.result.outcomes["session opened"] += 1

    # -- class settings ----------------------------------------------------------------------------

    def _option(self, prefix: str) -> None:
        ts = [t for t in self.visible_targets(prefix) if getattr(t, "name", "")]
        if not ts:
            return self.a_scroll()
        t = self.rng.choice(ts)
        self.click(self.pos_in(t.rect), t.name)  # a click steps it (on the left arrow: back)
        if self.rng.random() < 0.3 and self.app.top.ui.focused is t:
            self.key(self.rng.choice((pygame.K_LEFT, pygame.K_RIGHT)))

    def a_topic(self) -> None:
        self._option("topic-")

    def a_grade(self) -> None:
        self._option("grade-")

    def a_class_setting(self) -> None:
        name = self.rng.choice(("difficulty", "feedback", "discussion", "timer_seconds", "knowledge_check",
                                "whole_class", "language", "region"))
        self._option(name)

    def a_class_label(self) -> None:
        sc = self.app.top
        field = sc.label_field
        self.focus_field(field)
        if self.app.top is sc and sc.ui.focused is field:
            self.type_text(self.rng.choice(LABELS))
            if self.rng.random() < 0.5:
                self.enter()

    def a_writer(self) -> None:
        self._option("writer")

    # -- the session -------------------------------------------------------------------------------

    def a_group(self) -> None:
        if not self.click_target("add-group", "Add a group"):
            self.a_scroll()

    def a_group_play(self) -> None:
        if self.visible_targets("group-"):
            self.a_click_target("group-")
        else:
            self.a_scroll()

    def a_end_session(self) -> None:
        if not self.click_target("end", "End the session"):
            self.a_scroll()

    def a_group_name(self) -> None:
        sc = self.app.top
        r = self.rng
        if r.random() < 0.6:
            self.focus_field(sc.field)
        if self.app.top is not sc:
            return
        name = r.choice(TEAM_NAMES) if r.random() < 0.45 else r.choice(HOSTILE_NAMES)
        self.type_text(name)
        for _ in range(r.choice((1, 1, 2))):  # a warning needs a second Enter ("Use this name anyway")
            if self.app.top is not sc:
                break
            if r.random() < 0.5 or not self.click_target("ok", "Continue"):
                if sc.ui.focused is not sc.field:
                    self.focus_field(sc.field, clear=False)
                self.enter()
        if sc not in self.app.scenes and self.app.top.name in ("check", "roles", "chat", "dialog"):
            self.result.outcomes["group added"] += 1

    def a_members(self) -> None:
        self._option("members")

    def a_roles(self) -> None:
        if self.rng.random() < 0.5 or not self.click_target("start", "Start the story"):
            self.enter()

    def a_check(self) -> None:
        sc = self.app.top
        r = self.rng
        if sc.finished or sc.answered is not None:
            if r.random() < 0.6 or not self.click_target("next", "Next"):
                self.enter()
            return
        q = sc.question
        if q is None:
            return self.a_back()
        if not getattr(sc, "ready", True) and r.random() < 0.8:  # read it first: a new question
            self.frame(sc.wake_after() or 0.0)  # ignores answers for a moment
        i = r.randrange(len(q.options))
        if r.random() < 0.5 or not self.click_target(f"option-{i}", f"answer {i + 1}"):
            self.key(pygame.K_1 + i)
        if sc.answered is not None:
            self.result.outcomes["check answered"] += 1

    def a_spot(self) -> None:
        """The skill check: flag a few messages (click or keys), then Done (click or Enter), as a
        group does, often before Done can answer (it ignores a press for its first second)."""
        sc, r = self.app.top, self.rng
        if sc.intro:
            if r.random() < 0.5 or not self.click_target("start", "Start"):
                self.enter()
            return
        for _ in range(r.randrange(0, 3)):
            if r.random() < 0.5:
                self.key(r.choice((pygame.K_DOWN, pygame.K_UP)))
            self.key(pygame.K_f)
        if r.random() < 0.4:
            self.frame(sc.wake_after() or 0.0)
        judged = len(sc.queue)
        if r.random() < 0.5 or not self.click_target("done", "Done"):
            self.enter()
        if self.app.top is not sc or len(sc.queue) < judged:
            self.result.outcomes["spot chat judged"] += 1

    def a_group_done(self) -> None:
        if self.rng.random() < 0.5 or not self.click_target("to-session", "Back to the session screen"):
            self.enter()

    def a_pause_ready(self) -> None:
        if self.rng.random() < 0.5 or not self.click_target("ready", "We're ready"):
            self.enter()

    def a_pause_timer(self) -> None:
        if self.rng.random() < 0.5 or not self.click_target("timer-toggle", "timer"):
            self.key(pygame.K_p)

    def a_pause_timer_off(self) -> None:
        if not self.click_target("timer-off", "Turn the timer off"):
            self.a_wait()

    def a_pause_note(self) -> None:
        if self.rng.random() < 0.5 or not self.click_target("note", "Teacher note"):
            self.key(pygame.K_n)

    def a_lesson_story(self) -> None:
        self.a_click_target("story-")

    def a_lesson_begin(self) -> None:
        if not (self.click_target("begin", "Start the session") or self.click_target("begin-end", "Start the session")):
            self.a_scroll()
        if self.app.top.name == "session":
            self.result.outcomes["session opened"] += 1

    def a_session_continue(self) -> None:
        """The session debrief's Continue: the group's next step."""
        self.a_click_target("continue")

    # -- class results -----------------------------------------------------------------------------

    def _results_button(self, prefix: str, what: str) -> None:
        ts = [t for t in self.visible_targets(prefix)]
        if not ts:
            self.key(self.rng.choice((pygame.K_HOME, pygame.K_END)))
            ts = [t for t in self.visible_targets(prefix)]
        if ts:
            t = self.rng.choice(ts)
            self.click(self.pos_in(t.rect), what)
        else:
            self.a_scroll()

    def a_export(self) -> None:
        self._results_button("export" if self.rng.random() < 0.7 else "csv", "Export")

    def a_import(self) -> None:
        self._results_button("import", "Import results")

    def a_report(self) -> None:
        self._results_button("report", "Class report (PDF)")

    def a_delete_all(self) -> None:
        self._results_button("delete", "Delete all results")

    def a_sessions(self) -> None:
        self._option("sessions")

    def a_path(self) -> None:
        sc = self.app.top
        path, shown = self.import_path() if sc.kind == "import" else self.export_path(sc.kind)
        self.focus_field(sc.field)
        if self.app.top is not sc:
            return
        if path:
            self.type_text(path, shown)
        if self.app.top is not sc:  # a letter typed outside the box opened Get help
            return
        if self.rng.random() < 0.6 or not self.click_target("ok", "Save/Import"):
            if sc.ui.focused is not sc.field:
                self.focus_field(sc.field, clear=False)
            self.enter()
        if sc in self.app.scenes:  # still asking: the path was refused
            if sc.problem:
                self.result.outcomes[f"{sc.kind}: problem shown"] += 1
        elif sc.kind != "import":
            self.result.outcomes[f"saved {sc.kind}"] += 1
            if Path(path).is_file():
                kept = self.exported if sc.kind == "json" else self.written
                kept.append(Path(path))
                self.prune(kept)
        else:
            notice = getattr(self.app.top, "notice", None)
            self.result.outcomes["imported" if notice and notice[0] == "good" else "import refused"] += 1

    def under_base(self, path: Path) -> bool:
        try:
            Path(path).resolve().relative_to(self.base.resolve())
            return True
        except (ValueError, OSError):
            return False

    def a_files(self) -> None:
        """The chooser: in the soak's folder (the last one used), save or pick there; elsewhere,
        "Type a path" (the path screen then types one under the soak's folder)."""
        sc = self.app.top
        r = self.rng
        if not self.under_base(sc.folder):
            last = next((p for p in sc.places if p.kind == "last"), None)
            button = self.target("place-last")
            if last is not None and button is not None and self.under_base(last.path) and r.random() < 0.5:
                self.click(self.pos_in(button.rect), "Last folder used")
            elif r.random() < 0.5 or not self.click_target("type-path", "Type a path"):
                self.key(pygame.K_l, pygame.KMOD_CTRL)
            return
        kind = "import" if sc.mode == "open" else sc.extensions[0][1:]
        if sc.mode == "save":
            if r.random() < 0.3:
                sc.name_field.text = ""
                sc.focus(sc.name_field)
                self.type_text(f"c{self.comp.n}-{self.n_files}-chosen", "a file name")
                self.n_files += 1
            if r.random() < 0.5 or not self.click_target("ok", "Save"):
                sc.focus(sc.name_field)
                self.enter()
        elif r.random() < 0.2 and self.target("pick-folder") is not None:
            self.click_target("pick-folder", "Import every file in this folder")
        else:
            files = [i for i, e in enumerate(sc.list.shown) if not e.is_dir]
            if not files:
                return self.a_files_browse()
            sc.focus(sc.list)
            sc.list.select(r.choice(files))
            self.log(f"choose {sc.list.selected.name}")
            self.enter()
        if sc not in self.app.scenes:
            notice = getattr(self.app.top, "notice", None)
            good = notice is not None and notice[0] == "good"
            self.result.outcomes[f"saved {kind}" if kind != "import" else "imported" if good else "import refused"] += 1
        elif sc.problem:
            self.result.outcomes[f"{kind}: problem shown"] += 1

    def a_files_browse(self) -> None:
        """Look around in the chooser: keys that move, filter and open folders, never save."""
        sc = self.app.top
        r = self.rng
        for _ in range(r.randint(1, 4)):
            if self.app.top is not sc:
                return
            sc.focus(sc.list)  # (the arrows leave the list at its ends: Enter there would save)
            how = r.random()
            if how < 0.5:
                self.key(r.choice((pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)))
            elif how < 0.65:
                self.key(r.choice((pygame.K_BACKSPACE, pygame.K_LEFT)))
            elif how < 0.8:
                self.type_text(r.choice(("e", "xp", "é", "🦊", " ")))
            elif sc.list.selected is not None and sc.list.selected.is_dir:
                self.enter()  # opens the folder
            else:
                self.a_wheel()

    def prune(self, paths: list[Path]) -> None:
        while len(paths) > KEEP_FILES:
            old = paths.pop(0)
            if old not in paths:
                old.unlink(missing_ok=True)

    def export_path(self, kind: str) -> tuple[str, str]:
        r = self.rng.random()
        self.n_files += 1
        ext = "." + kind
        name = f"c{self.comp.n}-{self.n_files}{ext}"
        if r < 0.75:
            p = self.files / ("reports" if kind == "pdf" else "exports") / name
        elif r < 0.82:
            p = self.files / "exports"  # a folder: "add a file name"
        elif r < 0.87:
            p = self.files / "new folder" / "sub" / name  # folders that don't exist yet
        elif r < 0.92:
            p = self.files / "a-file.txt" / name  # under a file: can't be written
        elif r < 0.96:
            p = self.files / "exports" / ("résultats 🦊 " + name)
        else:
            p = self.files / ("x" * 300 + ext)  # a name too long for the file system
        return str(p), self.rel(p)

    def import_path(self) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.35 and self.exported:
            p = self.rng.choice(self.exported)
        elif r < 0.45:
            p = self.files / "exports"
        elif r < 0.8:
            p = self.hostile_file()
        elif r < 0.85:
            p = self.files / "inbox"
        elif r < 0.88:
            p = self.files / "nothing-here.json"
        elif r < 0.9:
            p = self.files / ("y" * 300 + ".json")  # a name too long for the file system
        elif r < 0.95:
            p = self.files / "empty"
        else:
            return self.rng.choice(("", "   ")), "nothing"
        return str(p), self.rel(p)

    # -- damaged and hostile files -------------------------------------------------------------------

    def hostile_file(self) -> Path:
        """A results file that is damaged, edited, forged or not one at all (in files/inbox)."""
        from game.classroom.exchange import FILE_VERSION, KIND, checksum

        r = self.rng
        base = None
        if self.exported:
            src = r.choice(self.exported)
            try:
                base = src.read_bytes()
                json.loads(base)
            except (OSError, ValueError):
                base = None
        if base is None:  # nothing exported yet: an empty but valid file to start from
            data = {"sessions": [], "groups": [], "playthroughs": [], "actions": [], "answers": []}
            base = json.dumps({"kind": KIND, "version": FILE_VERSION, "schema": 1, "exported": "2025-01-01T00:00:00Z",
                               "data": data, "checksum": checksum(data)}).encode()
        kinds = ("truncated", "edited", "forged", "forged", "forged", "newer", "garbage", "empty", "nested",
                 "wrong kind", "utf-16", "bom", "null", "version", "other class", "not an object")
        how = r.choice(kinds)
        doc = json.loads(base)
        if how == "truncated":
            raw = base[:r.randrange(max(1, len(base)))]
        elif how == "edited":  # changed by hand: the checksum no longer matches
            d = doc["data"]
            if d["groups"]:
                d["groups"][0]["name"] = "Edited"
            else:
                d["sessions"].append({"id": "x"})
            raw = json.dumps(doc).encode()
        elif how == "forged":
            how = self.forge(doc)
            raw = json.dumps(doc, ensure_ascii=r.random() < 0.5).encode()
        elif how == "newer":
            doc["version"] = FILE_VERSION + r.choice((1, 97))
            raw = json.dumps(doc).encode()
        elif how == "garbage":
            raw = bytes(r.randrange(256) for _ in range(r.choice((1, 50, 2000))))
        elif how == "empty":
            raw = b""
        elif how == "nested":
            raw = b"[" * 200_000 + b"]" * r.choice((0, 200_000))
        elif how == "wrong kind":
            doc["kind"] = "redflags-settings"
            raw = json.dumps(doc).encode()
        elif how == "utf-16":
            raw = base.decode("utf-8").encode("utf-16")
        elif how == "bom":
            raw = b"\xef\xbb\xbf" + base
        elif how == "null":
            raw = r.choice((b"null", b"[]", b"0", b'"redflags-results"', b"1e999"))
        elif how == "version":
            doc["version"] = r.choice((True, 1.5, "2", None, -1, 10**40))
            raw = json.dumps(doc).encode()
        elif how == "other class":  # signed with another class's code
            from game.classroom import signing

            doc["signature"] = signing.signature(signing.derive(r.choice(CLASS_CODES) + "x"), doc["checksum"])
            raw = json.dumps(doc).encode()
        else:
            doc["data"] = r.choice(([], "data", {"sessions": {}}, {"sessions": [None]}))
            doc["checksum"] = checksum(doc["data"])
            raw = json.dumps(doc).encode()
        self.n_files += 1
        p = self.files / "inbox" / f"h{self.n_files}-{how.replace(' ', '-')}.json"
        p.write_bytes(raw)
        self.hostile.append(p)
        self.prune(self.hostile)
        self.log(f"hostile file: {how}")
        return p

    def forge(self, doc: dict) -> str:
        """Change a file's content and give it a matching checksum (no class code: no signature).
        New ids, so the rows are really imported when the content passes the checks."""
        from game.classroom.exchange import checksum

        r = self.rng
        d = doc["data"]
        ids: dict[str, str] = {}

        def new(old: str) -> str:
            return ids.setdefault(old, f"{r.getrandbits(128):032x}")

        for s in d["sessions"]:
            s["id"] = new(s["id"])
        for g in d["groups"]:
            g["id"], g["session_id"] = new(g["id"]), new(g["session_id"])
        for p in d["playthroughs"]:
            p["id"], p["group_id"] = new(p["id"]), new(p["group_id"])
        for a in d["actions"]:
            a["playthrough_id"] = new(a["playthrough_id"])
        for a in d["answers"]:
            a["group_id"] = new(a["group_id"])
        how = r.choice(("name", "name", "label", "story", "dates", "settings", "state", "members", "extra",
                        "answer", "seq"))
        if how == "name" and d["groups"]:
            r.choice(d["groups"])["name"] = r.choice(HOSTILE_NAMES)[:r.choice((30, 60, 400))]
        elif how == "label" and d["sessions"]:
            r.choice(d["sessions"])["label"] = r.choice(LABELS + HOSTILE_NAMES)[:100]
        elif how == "story" and d["playthroughs"]:
            r.choice(d["playthroughs"])["scenario_id"] = r.choice(("no-such-story", "game-teammate", "a" * 64))
        elif how == "dates" and d["sessions"]:
            odd = r.choice(("9999-99-99T99:99:99Z", "0000-00-00T00:00", "2024-02-30T25:61:61+99:99",
                            "1970-01-01T00:00:00.000000000000Z"))
            for table in ("sessions", "groups"):
                for row in d[table]:
                    row["created"] = odd
        elif how == "settings" and d["sessions"]:
            r.choice(d["sessions"])["settings"] = json.dumps(r.choice((
                {}, {"plan": ["no-such-story"], "whole_class": "yes"}, {"timer_seconds": -5, "language": "xx"},
                {"plan": None, "check": 7}, {"difficulty": "impossible", "topics": "all"})))
        elif how == "state" and d["actions"]:
            r.choice(d["actions"])["state"] = r.choice(("{}", "[]", "null", '{"beat": 7}'))
        elif how == "members" and d["groups"]:
            r.choice(d["groups"])["members"] = r.choice((0, 1, 99, -1))
        elif how == "extra" and d["groups"]:
            r.choice(d["groups"])["score"] = 100
        elif how == "answer" and d["answers"]:
            r.choice(d["answers"])["answer"] = r.choice((-1, 19, 20, 21))
        elif how == "seq" and d["actions"]:
            r.choice(d["actions"])["seq"] = r.choice((0, 999_999, 10**7))
        else:
            how = "new ids"  # the same results as new rows: counted once more
        doc.pop("signature", None)
        doc["checksum"] = checksum(d)
        return f"forged ({how})"


def _legacy_record(old_pin: str) -> None:
    """A PIN record as versions before recovery codes wrote it (as tests/ui/test_teacher_recovery.py)."""
    import hashlib

    from game.classroom import pin

    salt = os.urandom(16)
    digest = hashlib.scrypt(old_pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    pin.pin_path().write_text(json.dumps({"kdf": "scrypt", "n": 2**14, "r": 8, "p": 1, "salt": salt.hex(),
                                          "hash": digest.hex()}), encoding="utf-8")
