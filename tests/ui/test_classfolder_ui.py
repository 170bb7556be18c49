"""The class folder in the real app (headless): the teacher chooses it in the class settings (the
file chooser's "Use this folder", or a typed path), stops using it with one button, and the
class debrief merges the groups the other computers write there, live, saying how many
computers and when the last one wrote."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pygame
import pytest

from game.classroom import pin as pin_mod
from game.classroom.folderlink import FolderLink
from game.classroom.knowledge import load_check
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings, load_settings
from game.classroom.store import ResultsStore

from .conftest import play_whole_group

PIN = "246813"


class GroupComputer:
    """Another computer of the class (its own data folder), writing into the class folder."""

    def __init__(self, home: Path, folder: Path, library):
        self.home, self.check = home, load_check()[0]
        home.mkdir()
        self.store = ResultsStore(home / "results.sqlite3")
        self.link = FolderLink(self.store, lambda: self.check, home)
        self.link.configure(folder)
        two = dict(sorted(library.playable().items())[:2])
        self.session = ClassSession.start(self.store, ClassSettings(class_label="7B"), two, self.check)
        self.link.share(self.session.id)

    def play(self, name: str, seed: int) -> None:
        play_whole_group(self.session, name, random.Random(seed), 0.5)
        assert self.link.flush()

    def close(self) -> None:
        self.link.close()
        self.store.close()


def type_text(app, text: str) -> None:
    app.step([pygame.event.Event(pygame.TEXTINPUT, text=text)], 0)


def press(app, ui, name: str) -> None:
    app.top.focus(ui.find_target(app.top, name))
    ui.key(app, pygame.K_RETURN)


def at_the_end(app, ui) -> str:
    """The text on screen with the page scrolled to its end (the class folder's part)."""
    app.top.scroll(10**6)
    return ui.texts(app)


def frames_until(app, ui, text: str, timeout: float = 8.0) -> str:
    """Let the app run (as its loop would) until `text` is on screen."""
    end = time.monotonic() + timeout
    while True:
        shown = ui.texts(app)
        if text in shown or time.monotonic() > end:
            return shown
        time.sleep(0.05)
        app.step([], 0.05)


@pytest.mark.slow  # a whole class folder round, 4 to 6 s
def test_class_folder_set_in_settings_and_merged_live_by_the_debrief(make_app, ui, tmp_path, monkeypatch, library):
    folder = tmp_path / "class 7B"
    folder.mkdir()
    teacher_home = os.environ["REDFLAGS_HOME"]
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path / "laptop"))
    laptop = GroupComputer(tmp_path / "laptop", folder, library)
    laptop.play("Blue Foxes", 1)
    monkeypatch.setenv("REDFLAGS_HOME", teacher_home)

    pin_mod.set_pin(PIN)
    app = make_app()
    ui.key(app, pygame.K_t)
    type_text(app, PIN)
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "teacher"
    press(app, ui, "settings")
    settings = app.top
    assert "Not set: results stay on this computer until you export them." in at_the_end(app, ui)
    # the file chooser: open the folder (the laptop's file is listed), then "Use this folder"
    press(app, ui, "choose-folder")
    assert app.top.name == "files"
    app.top.go(folder)
    assert "redflags-" in ui.texts(app)
    press(app, ui, "type-path")  # "Type a path": back to the settings, the path to edit there
    assert app.top is settings and settings.folder_field.text == str(folder)
    assert settings.ui.focused is settings.folder_field and load_settings().class_folder == ""
    press(app, ui, "choose-folder")
    app.top.go(folder)
    press(app, ui, "pick-folder")
    assert app.top is settings and load_settings().class_folder == str(folder)
    assert "This computer writes its file" in at_the_end(app, ui)  # no session here yet
    # one button stops it; a typed path sets it again (a wrong one is refused)
    press(app, ui, "clear-folder")
    assert load_settings().class_folder == "" and app.classroom.folder.view is None
    assert "Not set" in at_the_end(app, ui)
    settings.focus(ui.find_target(settings, "class-folder"))
    type_text(app, str(tmp_path / "nowhere"))
    ui.key(app, pygame.K_RETURN)
    assert f"There is no folder {tmp_path / 'nowhere'}." in at_the_end(app, ui) and load_settings().class_folder == ""
    settings.folder_field.text = ""
    type_text(app, str(folder))
    ui.key(app, pygame.K_RETURN)
    assert load_settings().class_folder == str(folder)
    assert load_settings().class_label == ""  # typing the path changed nothing else

    ui.key(app, pygame.K_ESCAPE)
    press(app, ui, "results")
    debrief = app.top
    assert debrief.name == "class-debrief"
    shown = frames_until(app, ui, "1 computer · last update")
    assert f"Class folder: {folder}" in shown and "1 computer · last update" in shown
    assert [g.name for g in debrief.model.groups] == ["Blue Foxes"]

    # while the screen is open: another group on the laptop, and a second computer
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path / "laptop"))
    laptop.play("Ravens", 2)
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path / "desk"))
    desk = GroupComputer(tmp_path / "desk", folder, library)
    desk.play("Night Owls", 3)
    (folder / "redflags-0123456789ab.json").write_text('{"kind": "redflags-res', encoding="utf-8")  # half
    monkeypatch.setenv("REDFLAGS_HOME", teacher_home)
    shown = frames_until(app, ui, "3 computers · last update")
    assert "3 computers · last update" in shown
    assert sorted(g.name for g in debrief.model.groups) == ["Blue Foxes", "Night Owls", "Ravens"]
    assert "redflags-0123456789ab.json: incomplete or damaged" in shown  # named, and nothing broke
    for c in (laptop, desk):
        c.close()
    app.classroom.folder.close()


def test_a_group_computer_says_when_the_folder_is_unreachable_and_plays_on(make_app, ui, tmp_path, monkeypatch):
    from game.classroom import folderlink
    from game.classroom.settings import save_settings
    from game.ui.scenes.session import SessionScene

    monkeypatch.setattr(folderlink, "RETRY", (0.05, 0.05))
    folder = tmp_path / "class"
    folder.mkdir()
    pin_mod.set_pin(PIN)
    save_settings(ClassSettings(topics=["judgement"], class_folder=str(folder)))
    app = make_app()
    room = app.classroom
    assert room.teacher.gate.unlock(PIN)
    session = room.teacher.start_session()
    room.set_active(session.id)  # as "Start a class session" does: shared from now on
    app.push(SessionScene(app, session))
    assert room.folder.flush() and len(list(folder.iterdir())) == 1
    folder.rename(tmp_path / "away")  # the network drive goes down
    session.add_group("Owls")
    assert not room.folder.flush(timeout=1)
    end = time.monotonic() + 5
    while not room.folder.status().unreachable and time.monotonic() < end:
        time.sleep(0.02)
    app.top.rebuild()
    shown = ui.texts(app)
    assert "Class folder unreachable: results are kept on this computer" in shown and "Owls" in shown
    (tmp_path / "away").rename(folder)
    assert room.folder.flush()
    app.top.rebuild()
    assert "The class folder is back" in ui.texts(app)
    assert "Owls" in next(folder.iterdir()).read_text(encoding="utf-8")
    room.folder.close()


@pytest.mark.slow  # every class folder screen in French at 200 %: 9 s or more
def test_french_200_percent_class_folder_parts_stay_in_their_boxes(make_app, ui, tmp_path, monkeypatch):
    from game.classroom.settings import save_settings
    from game.ui.scenes.classdebrief import ClassDebriefScene
    from game.ui.scenes.teacher_settings import TeacherSettingsScene

    folder = tmp_path / "un dossier de classe au nom vraiment très long pour voir s'il tient" / "7B"
    folder.mkdir(parents=True)
    (folder / "redflags-0123456789ab.json").write_text("{", encoding="utf-8")
    pin_mod.set_pin(PIN)
    save_settings(ClassSettings(class_folder=str(folder)))
    app = make_app(size=(1024, 600), lang="fr", text_size=200)
    assert app.classroom.teacher.gate.unlock(PIN)
    screen = app.screen.get_rect()
    for scene in (TeacherSettingsScene(app), ClassDebriefScene(app)):
        app.push(scene)
        if scene.name == "class-debrief":
            frames_until(app, ui, "incomplet ou endommagé")  # the folder read in the background
        scene.offset = 0
        seen = []
        for _ in range(40):
            rows = ui.recorded(app)
            for rect, box, text in rows:
                assert rect.w <= box.w + 1 and rect.h <= box.h + 1, (text[:60], rect, box)
                assert box.inflate(2, 2).contains(rect), (text[:60], rect, box)
                assert screen.contains(rect), (text[:60], rect, screen)
            seen += [t for _r, _b, t in rows]
            if scene.offset >= scene.max_offset():
                break
            ui.key(app, pygame.K_PAGEDOWN)
        shown = "\n".join(seen)
        assert "Dossier de classe" in shown, scene.name
        if scene.name == "class-debrief":
            assert "1 ordinateur · dernière mise à jour à" in shown and "incomplet ou endommagé" in shown
        else:
            assert "Ne plus utiliser de dossier de classe" in shown
    app.classroom.folder.close()
