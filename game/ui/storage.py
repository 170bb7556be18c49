"""What the classroom screens share: the results store, normal play's own store (for Resume,
classroom/solo.py), the knowledge check and teacher mode, opened when first needed, the session
this computer runs (classroom/active.py), and what to tell players when storing fails.

Nothing a group did may vanish unnoticed: when a store can't be opened (a missing USB stick, a
read-only folder, a full disk, another copy of the game already open) play goes on with a store
that keeps nothing, and every screen that records says so. A damaged file is kept aside and
recovered by the store itself; its notice is shown once.
"""

from __future__ import annotations

import copy

from ..classroom import active
from ..classroom.solo import SOLO_DB, SoloPlay
from ..classroom.store import ResultsStore, StoreError
from ..i18n import _, ngettext
from ..settings import WHOLE_CLASS_TEXT_SIZE
from ..userdata import data_dir, instance_lock


def problem_text(exc: StoreError, folder) -> str:
    """One sentence for a screen: what went wrong with storing, and what to do."""
    texts = {
        "readonly": _("Results can't be saved: the data folder can't be written ({folder}). Ask "
                      "whoever manages this computer, or set REDFLAGS_HOME to a folder you can write."),
        "missing": _("Results can't be saved: the data folder isn't there ({folder}). If it is on a "
                     "USB stick or a network drive, plug it in and start Red Flags again."),
        "full": _("Results can't be saved: the disk is full. Free some space, then start Red Flags again."),
        "busy": _("Red Flags is already open on this computer, so this window saves nothing. Use the "
                  "window that is open, or close it and start Red Flags again."),
        "newer": _("The results here were saved by a newer version of Red Flags. Update Red Flags on "
                   "this computer; until then this window saves nothing."),
    }
    text = texts.get(exc.reason)
    if text is None:
        return _("Results can't be saved: {error}").format(error=str(exc))
    return text.format(folder=folder)


def recovered_text(store: ResultsStore) -> str:
    counts = getattr(store, "recovered", {})
    return ngettext("The results file was damaged. It was kept aside as {name}, and a new one was started "
                    "with everything that could still be read ({groups} group).",
                    "The results file was damaged. It was kept aside as {name}, and a new one was started "
                    "with everything that could still be read ({groups} groups).", counts.get("groups", 0)).format(
        name=store.kept_aside.name if store.kept_aside else "?", groups=counts.get("groups", 0))


class Classroom:
    """The results store, the knowledge check and teacher mode, opened on first use."""

    def __init__(self, app):
        self.app = app
        self._store: ResultsStore | None = None
        self._check = None
        self._check_loaded = False
        self._teacher = None
        self._solo: SoloPlay | None = None
        self._folder = None  # the class folder's link (classroom/folderlink.py), with the store
        self.before_session = None  # the player's settings while a session's defaults apply
        self.projector = False  # a whole-class session runs: one screen at the front of the room
        self.problem: str | None = None  # results can't be saved: why, for every screen that records
        self.notices: list[str] = []  # happened once (a damaged file recovered): shown, then cleared

    def _open(self, path) -> ResultsStore:
        """A store at `path`, or one that keeps nothing (and `problem` says why)."""
        if not instance_lock():
            exc = StoreError("another copy of Red Flags is open with this data folder", "busy")
        else:
            try:
                store = ResultsStore(path)
            except StoreError as failed:
                exc = failed
            else:
                if store.notice:
                    self.notices.append(recovered_text(store))
                return store
        self.problem = self.problem or problem_text(exc, data_dir())
        return ResultsStore(ResultsStore.MEMORY)

    @property
    def saving(self) -> bool:
        """Are results being kept (False: every store here is one that keeps nothing)?"""
        return self.problem is None

    @property
    def store(self) -> ResultsStore:
        if self._store is None:
            self._store = self._open(None)
            from ..classroom.settings import load_settings

            if load_settings().class_folder:
                self.folder  # noqa: B018  (starts keeping this computer's file there current)
        return self._store

    @property
    def folder(self):
        """The class folder: this computer's file in it, and every computer's for the debrief."""
        if self._folder is None:
            from ..classroom.folderlink import FolderLink
            from ..classroom.settings import load_settings

            self._folder = FolderLink(self.store, lambda: self.check)
            self._folder.configure(load_settings().class_folder)
        return self._folder

    @property
    def check(self):
        if not self._check_loaded:
            from ..classroom.knowledge import load_check

            self._check, _diags = load_check()
            self._check_loaded = True
        return self._check

    @property
    def teacher(self):
        if self._teacher is None:
            from ..classroom.teacher import TeacherMode

            self._teacher = TeacherMode(self.store, lambda: self.app.library, self.check)
        return self._teacher

    @property
    def solo(self) -> SoloPlay:
        if self._solo is None:
            self._solo = SoloPlay(self._open(data_dir() / SOLO_DB))
        return self._solo

    def record_failed(self, exc: StoreError) -> None:
        """Storing failed part-way (a full disk, a drive pulled out): from now on, say so."""
        self.problem = self.problem or problem_text(exc, data_dir())

    def take_notices(self) -> list[str]:
        if self._folder is not None:
            self.notices += self._folder.take_notices()  # the class folder unreachable, or back
        out, self.notices = self.notices, []
        return out

    @property
    def teacher_view(self) -> bool:
        return self._teacher is not None and self._teacher.gate.unlocked

    # -- the session this computer runs ------------------------------------------------------

    def active_id(self) -> str | None:
        return active.active_id(self.store)

    def set_active(self, session_id: str | None) -> None:
        if session_id is not None and self._folder is not None:
            try:
                self._folder.share(session_id)  # its results go to the class folder too
            except OSError:
                return  # the store's own problem message already tells the class nothing is kept
        active.set_active(session_id)

    def open_session(self, session_id: str):
        from ..classroom.session import ClassSession

        if self._folder is not None:
            self._folder.share(session_id)
        return ClassSession.open(self.store, session_id, self.app.library.playable(), self.check)

    # -- class defaults while a session runs -------------------------------------------------

    def apply_session_settings(self, cs) -> None:
        """Language, region and (whole class) large text from the teacher's settings, for now
        only: nothing is saved, so the player's own settings come back afterwards."""
        app = self.app
        if self.before_session is None:
            self.before_session = app.settings
        base = self.before_session
        if hasattr(base, "with_class_defaults"):
            new = base.with_class_defaults(cs)  # the player's own choices win...
            self.projector = bool(cs.whole_class)
            if self.projector:  # ...except smaller text than the back row can read
                new.text_size = max(new.text_size, WHOLE_CLASS_TEXT_SIZE)
        else:
            new = copy.copy(base)
            new.lang, new.region = cs.language, cs.region
            if cs.whole_class and isinstance(new.text_size, str) and new.text_size in ("small", "medium"):
                new.text_size = "large"
        app.settings = new
        app.settings_changed(save=False)

    def restore_settings(self) -> None:
        self.projector = False
        if self.before_session is not None:
            self.app.settings = self.before_session
            self.before_session = None
            self.app.settings_changed(save=False)
