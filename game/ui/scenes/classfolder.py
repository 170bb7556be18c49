"""The class folder's part of the teacher's screens (no screen of its own) (game/classroom/classfolder.py, folderlink.py): in
the class settings, choosing it (the file chooser picks a folder, or its path is typed),
stopping it, and how this computer's file is doing; on the class debrief, how many computers'
files were merged and when the newest came, and any file skipped."""

from __future__ import annotations

from pathlib import Path

from ...i18n import _, format_time, ngettext
from ..widgets.base import Block, Button, Row, TextBlock
from ..widgets.panels import panel
from ..widgets.textfield import TextField


def settings_blocks(scene) -> list[Block]:
    """The class settings' "Class folder" part (`scene` is the TeacherSettingsScene)."""
    field = getattr(scene, "folder_field", None)
    if field is None:
        field = scene.folder_field = TextField(_("Class folder"), scene.cs.class_folder, 400,
                                               on_enter=lambda: use_typed(scene), on_focus=scene.focus_field,
                                               name="class-folder",
                                               placeholder=_("a folder on a network drive, OneDrive or Google Drive"))
    blocks: list[Block] = [
        TextBlock(_("Class folder"), "heading", "text", True),
        TextBlock(_("For groups on several computers: each computer writes its results, as groups play, to a "
                    "file of its own in this folder, and the class debrief reads them all. Choose the same "
                    "folder on every computer of the class."), "small", "muted"),
        field,
        Row([Button(_("Choose a folder"), lambda: choose(scene), "secondary", width="auto", name="choose-folder"),
             Button(_("Use the typed path"), lambda: use_typed(scene), "secondary", width="auto",
                    name="use-folder"),
             Button(_("Stop using a class folder"), lambda: stop(scene), "secondary", width="auto",
                    enabled=bool(scene.cs.class_folder), name="clear-folder")])]
    problem = getattr(scene, "folder_problem", "")
    if problem:
        blocks.append(panel([TextBlock(problem, "body", "bad", True)], "bad", "folder-problem"))
    tone, text = status_line(scene.app, scene.cs.class_folder)
    blocks.append(TextBlock(text, "small", tone))
    return blocks


def status_line(app, folder: str) -> tuple[str, str]:
    """(tone, words): how this computer's file in the class folder is doing."""
    if not folder:
        return "muted", _("Not set: results stay on this computer until you export them.")
    st = app.classroom.folder.status()
    if st is None:  # results can't be kept here at all: the storage notice says why
        return "warn", _("This computer's results can't be written there: they aren't being saved here either.")
    if st.unreachable:
        return "warn", unreachable_with_why(st.error)
    if st.written is not None:
        return "good", _("This computer last wrote its file ({name}) at {time}.").format(
            name=st.name, time=format_time(st.written))
    if st.locked:
        return "muted", _("This computer writes its file when teacher mode is next unlocked.")
    return "muted", _("This computer writes its file ({name}) once a class session runs here.").format(name=st.name)


def unreachable_with_why(error: str) -> str:
    from ...classroom.folderlink import unreachable_text

    return unreachable_text() + (" (" + error + ")" if error else "")


def use_folder(scene, path: Path) -> str | None:
    """Set `path` as this computer's class folder: None when done, else the problem to show."""
    path = Path(str(path).strip()).expanduser()
    if not path.is_absolute():
        return _("Type the whole path of the folder, from the start of the drive.")
    if path.is_file():
        path = path.parent  # a results file in it was picked: its folder is meant
    if not path.is_dir():
        return _("There is no folder {path}.").format(path=str(path))
    scene.cs.class_folder = str(path)
    scene.folder_field.text = str(path)
    room = scene.app.classroom
    room.folder.configure(path)
    active = room.active_id()
    if active:
        room.folder.share(active)  # the session running here: its groups so far too
    scene.folder_problem = ""
    scene.save()
    return None


def use_typed(scene) -> None:
    text = scene.folder_field.text.strip()
    scene.folder_problem = (use_folder(scene, Path(text)) if text else
                            _("Type the folder's path, or choose a folder."))
    scene.rebuild()


def stop(scene) -> None:
    scene.cs.class_folder = ""
    scene.folder_field.text = ""
    scene.app.classroom.folder.configure(None)
    scene.folder_problem = ""
    scene.save()


def choose(scene) -> None:
    """The file chooser, picking a folder: its files are listed so the teacher sees the other
    computers' files already there."""
    app = scene.app
    start = Path(scene.cs.class_folder) if scene.cs.class_folder else None

    def typed(where: Path) -> None:
        app.pop()  # back to the settings, with the chooser's folder to type on from
        scene.folder_field.text = str(where)
        scene.rebuild()
        scene.focus(scene.folder_field)

    app.open("files", _("Class folder"),
             _("Open the folder every computer of the class can reach, then choose \"Use this folder\"."),
             lambda path: use_folder(scene, path), mode="open", extensions=(".json",),
             folder_label=_("Use this folder"), type_path=typed,
             start=start if start is not None and start.is_dir() else None)


# --- the class debrief ---------------------------------------------------------------------------


def debrief_blocks(app) -> list[Block]:
    """What the class debrief says about the class folder (nothing when none is set)."""
    view = app.classroom.folder.view
    if view is None:
        return []
    lines: list[Block] = [TextBlock(_("Class folder: {folder}").format(folder=str(view.folder)), "body", "text",
                                    True)]
    if not view.read:
        lines.append(TextBlock(_("Reading the class folder…"), "small", "muted"))
    else:
        when = format_time(view.newest) if view.newest else "–"
        lines.append(TextBlock(ngettext("{n} computer · last update {time}", "{n} computers · last update {time}",
                                        view.computers).format(n=view.computers, time=when), "body", "text"))
    if view.error:
        lines.append(TextBlock(_("The class folder can't be read ({error}): the results already here are "
                                 "shown, and it is read again every few seconds.").format(error=view.error),
                               "small", "text"))
    for why in sorted(view.problems.values()):
        lines.append(TextBlock(_("Skipped until it changes: {why}").format(why=why), "small", "text"))
    return [panel(lines, "warn" if view.error or view.problems else "neutral", "class-folder")]


def debrief_update(app) -> bool:
    """Each frame of the class debrief: True when the class folder brought something new."""
    return app.classroom.folder.poll()


def debrief_wake(app) -> float | None:
    return app.classroom.folder.wake_after()
