"""Teacher mode for the UI: everything behind the PIN in one object.

    teacher = TeacherMode(store, library, check)
    if teacher.gate.needs_setup: code = teacher.gate.setup(pin)   # first use: show `code` once
    else: teacher.gate.unlock(pin)                          # False when wrong (or locked out)
    teacher.settings / teacher.save_settings(s)
    teacher.class_debrief(session_ids)                      # what the class debrief screen shows
    teacher.export(path) / teacher.import_files(paths) / teacher.write_report(path)
    teacher.delete_all_results()

Every method raises PermissionError while teacher mode is locked, so a screen that forgot to
ask for the PIN cannot show one group another group's results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from game.engine.options import LANGS
from game.engine.validate import Library
from game.userdata import atomic_write_text

from .classdebrief import ClassDebrief, class_debrief
from .exchange import ImportReport, export_csv, export_json, import_files
from .gate import TeacherGate
from .knowledge import KnowledgeCheck
from .records import SessionInfo
from .session import ClassSession
from .settings import ClassSettings, load_settings, save_settings, settings_path
from .store import ResultsStore


class TeacherMode:
    def __init__(self, store: ResultsStore, library: Library | Callable[[], Library],
                 check: KnowledgeCheck | None = None, gate: TeacherGate | None = None):
        self.store, self.check = store, check
        self._library = library  # or how to get it: the game's library can be reloaded
        self.gate = gate or TeacherGate(has_results=lambda: bool(store.sessions()), on_key=store.use_key)

    @property
    def library(self) -> Library:
        return self._library() if callable(self._library) else self._library

    @property
    def settings(self) -> ClassSettings:
        self.gate.require()
        return load_settings()

    def save_settings(self, settings: ClassSettings) -> None:
        self.gate.require()
        save_settings(settings)

    def first_language(self, lang: str) -> None:
        """A class with no settings saved yet takes the game's language: a teacher who set the
        game to French runs French lessons without looking for a second language setting.
        Saved settings are the teacher's and stay as they are. A data folder that can't be
        written (read-only, full) keeps the defaults: only a convenience is lost, and the class
        settings screen says so when the teacher saves there."""
        self.gate.require()
        if not settings_path().exists() and lang in LANGS:
            try:
                save_settings(replace(ClassSettings(), language=lang))
            except OSError:
                pass

    def start_session(self, lesson: list[str] | None = None) -> ClassSession:
        self.gate.require()
        return ClassSession.start(self.store, load_settings(), self.library.playable(), self.check, lesson)

    def sessions(self) -> list[SessionInfo]:
        self.gate.require()
        return self.store.sessions()

    def class_debrief(self, session_ids: list[str] | None = None) -> ClassDebrief:
        self.gate.require()
        return class_debrief(self.store, self.library.playable(), self.check, session_ids)

    def export(self, path: str | Path, fmt: str = "json",
               session_ids: list[str] | None = None) -> Path:
        self.gate.require()
        text = (export_json(self.store, session_ids) if fmt == "json" else
                export_csv(self.store, self.library.playable(), self.check, session_ids))
        atomic_write_text(Path(path), text)
        return Path(path)

    def import_files(self, paths: list[str | Path]) -> list[ImportReport]:
        self.gate.require()
        return import_files(self.store, paths)

    def write_report(self, path: str | Path, session_ids: list[str] | None = None,
                     lang: str | None = None) -> Path:
        self.gate.require()
        from .report import write_class_report  # fpdf and fontTools: ~20 MB, only when printing

        write_class_report(self.store, self.library, self.check, path, session_ids,
                           lang or load_settings().language)
        return Path(path)

    def delete_all_results(self) -> None:
        self.gate.require()
        self.store.purge()
