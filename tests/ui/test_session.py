"""Class sessions in the real app: two groups through a whole session (roles rotating, the
knowledge check before and after, a discussion pause with the teacher's note only in teacher
view), resuming after a crash, the class debrief against the backend, export -> import on
another computer, and deleting all results."""

from __future__ import annotations

import pygame
import pytest

from game.classroom import pin as pin_mod
from game.classroom.classdebrief import class_debrief
from game.classroom.settings import ClassSettings, save_settings

from .conftest import play_whole_group

PIN = "246813"
PLAN = ["judgement-new-classmate", "judgement-team-coach"]


def type_text(app, text: str) -> None:
    app.step([pygame.event.Event(pygame.TEXTINPUT, text=text)], 0)


def unlock(app, ui) -> None:
    """Type the PIN (twice when this computer has none yet, then the recovery code is written
    down)."""
    for _ in range(2):
        if app.top.name == "pin" and app.top.mode in ("unlock", "setup"):
            type_text(app, PIN)
            ui.key(app, pygame.K_RETURN)
    if app.top.name == "pin" and app.top.mode == "code":
        ui.click(app, ui.find_target(app.top, "written").rect)


def choose_lesson(app, ui, lesson) -> None:
    """On the lesson screen: click the stories' cards in play order, then Start the session."""
    assert app.top.name == "lesson", app.top.name
    for sid in lesson:
        app.top.focus(ui.find_target(app.top, f"story-{sid}"))
        ui.key(app, pygame.K_RETURN)
    ui.click(app, ui.find_target(app.top, "begin").rect)


def start_session(app, ui, lesson=PLAN, **settings) -> None:
    """Teacher: PIN, Start a class session (judgement stories only, to keep the test short),
    and the lesson's stories."""
    pin_mod.set_pin(PIN)
    save_settings(ClassSettings(topics=["judgement"], class_label="7B", **settings))
    ui.key(app, pygame.K_t)
    unlock(app, ui)
    ui.click(app, ui.find_target(app.top, "start").rect)
    choose_lesson(app, ui, lesson)
    assert app.top.name == "session"


def add_group(app, ui, name: str, members: int = 3) -> None:
    ui.click(app, ui.find_target(app.top, "add-group").rect)
    scene = app.top
    assert scene.name == "group-name"
    type_text(app, name)
    for _ in range(members - 3):
        scene.focus(ui.find_target(scene, "members"))
        ui.key(app, pygame.K_RIGHT)
    scene.focus(scene.field)
    ui.key(app, pygame.K_RETURN)


def answer_check(app, ui, right: bool) -> list[str]:
    """Answer every question by number key once it has been read, then Enter; returns the
    feedback shown."""
    shown = []
    while app.top.name == "check" and not app.top.finished:
        q = app.top.question
        pick = q.correct_index if right else (q.correct_index + 1) % len(q.options)
        app.step([], 1.0)  # reading the question
        ui.key(app, pygame.K_1 + app.top.order.index(pick))  # the options show shuffled
        if app.top.phase == "post":
            ui.key(app, pygame.K_RETURN)  # Check my answer
        shown.append(ui.texts(app))
        ui.key(app, pygame.K_RETURN)
    return shown


def spot_check(app, ui, flag_first: bool = True) -> list[str]:
    """Through the spot check by keyboard: Enter past the intro, then in each chat flag the first
    message (it has the focus) with F when asked, and Enter once the chat has been read; returns
    the screen's text for each chat."""
    assert app.top.name == "spot-check", app.top.name
    ui.key(app, pygame.K_RETURN)  # the intro's Start
    shown = []
    while app.top.name == "spot-check":
        app.step([], 1.5)  # reading the chat
        if flag_first:
            ui.key(app, pygame.K_f)
        shown.append(ui.texts(app))
        ui.key(app, pygame.K_RETURN)
        if app.top.name == "spot-check" and app.top.empty_asked is not None:  # nothing flagged: asked once
            assert "Nothing flagged in this chat" in ui.texts(app)
            app.step([], 1.5)
            ui.key(app, pygame.K_RETURN)
    return shown


def end_pause(app, ui) -> None:
    """'We're ready' on a Talk it over pause, once the group has talked (it answers only after
    the first few seconds, and nothing is focused at first)."""
    pause = app.top
    assert pause.name == "pause"
    app.step([], 3.5)
    pause.focus(ui.find_target(pause, "ready"))
    ui.key(app, pygame.K_RETURN)


def play_story(app, ui, flag_every: int = 1, pauses: list | None = None) -> None:
    """Play the chat on top to its end by keyboard, flagging some red flags, then Enter."""
    chat = app.top
    assert chat.name == "chat"
    n = 0
    for _ in range(200):
        app.step([], 0)
        if app.top.name == "pause":
            if pauses is not None:
                pauses.append(ui.texts(app))
            end_pause(app, ui)
            continue
        for i, it in enumerate(chat.items):
            msg = chat.pt.message_at(it.index) if it.kind == "message" else None
            if msg is not None and msg.flag and it.index not in chat.pt.state.flags and it.flaggable:
                n += 1
                if n % flag_every == 0:
                    chat.toggle_flag(i)
                else:
                    it.flaggable = False  # decided not to flag this one
        if chat.ending is not None:
            break
        if chat.choices is not None:
            ui.key(app, pygame.K_1)
    assert chat.ending is not None
    for _ in range(4):  # the ending settles a moment before See how you did answers
        app.step([], 1.0)
    ui.key(app, pygame.K_RETURN)  # See how you did
    assert app.top.name == "debrief"


def run_group(app, ui, name: str, flag_every: int, right_after: bool, record: dict) -> None:
    add_group(app, ui, name)
    assert app.top.name == "check" and app.top.phase == "pre"
    record.setdefault("pre", []).extend(answer_check(app, ui, right=False))
    record.setdefault("spots", []).extend(spot_check(app, ui))
    for round_ in range(len(PLAN)):
        assert app.top.name == "roles", app.top.name
        record.setdefault("roles", []).append(app.top.step.roles)
        assert app.top.step.scenario.id == PLAN[round_]
        ui.key(app, pygame.K_RETURN)
        play_story(app, ui, flag_every, record.setdefault("pauses", []))
        ui.click(app, ui.find_target(app.top, "continue").rect)
    record["spots"].extend(spot_check(app, ui, flag_first=False))
    assert app.top.name == "check" and app.top.phase == "post"
    record.setdefault("post", []).extend(answer_check(app, ui, right=right_after))
    assert app.top.finished and "Knowledge check: done" in ui.texts(app)
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "group-done"
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "session"


def test_two_groups_play_a_whole_session(make_app, ui, library):
    app = make_app()
    start_session(app, ui)
    assert not app.classroom.teacher.gate.unlocked  # groups play: teacher mode locks
    session = app.top.session
    assert [s.id for s in session.scenarios] == PLAN
    record_a, record_b = {}, {}
    run_group(app, ui, "Blue Foxes", 1, True, record_a)
    run_group(app, ui, "Owls", 2, False, record_b)
    # roles move one seat between stories
    r0, r1 = record_a["roles"]
    assert r0 == ((1, ("keyboard",)), (2, ("timekeeper",)), (3, ("recorder",)))
    assert r1 == ((1, ("recorder",)), (2, ("keyboard",)), (3, ("timekeeper",)))
    # before: answers are only saved; after: each one is explained
    assert all("Answer saved" in t and "Right!" not in t for t in record_a["pre"])
    assert all("Right!" in t for t in record_a["post"]) and all("Not quite" in t for t in record_b["post"])
    # the session screen shows progress, never results
    shown = ui.texts(app)
    assert "Blue Foxes" in shown and "Owls" in shown and "Finished" in shown and "%" not in shown
    groups = session.groups()
    assert [g.info.name for g in groups] == ["Blue Foxes", "Owls"]
    assert [g.next_step().kind for g in groups] == ["done", "done"]
    a, b = (g.check_score("post").correct - g.check_score("pre").correct for g in groups)
    assert a > 0 and b == 0
    # the spot check: three chats before the stories and three after, and no verdict on a flag
    assert all(len(r["spots"]) == 6 for r in (record_a, record_b))
    assert all("Chat 1 of 3" in t or "Chat 2 of 3" in t or "Chat 3 of 3" in t for t in record_a["spots"])
    assert not any(w in t for t in record_a["spots"] for w in ("red flag:", "Not a red flag", "Right"))
    for g in groups:
        spots = app.classroom.store.spots(g.info.id)
        flagged = [s for s in spots if s.flagged]
        assert {s.phase for s in spots} == {"pre", "post"} and len({(s.phase, s.chat_id) for s in spots}) == 6
        assert [s.phase for s in flagged] == ["pre"] * 3 and all(s.ms >= 1500 for s in flagged)
        assert {s.form for s in spots if s.phase == "pre"} == {g.form("pre")} != {g.form("post")}


def test_discussion_pause_before_a_marked_decision_note_only_in_teacher_view(make_app, ui):
    app = make_app()
    start_session(app, ui, knowledge_check=False, timer_seconds=60)
    add_group(app, ui, "Wolves")
    ui.key(app, pygame.K_RETURN)  # roles card -> chat
    chat = app.top
    for _ in range(100):
        app.step([], 0)
        if app.top.name == "pause" or chat.ending is not None:
            break
        if chat.choices is not None:
            assert chat.choices.discuss is None  # unmarked decisions: no pause ("marked" setting)
            ui.key(app, pygame.K_1)
    pause = app.top
    assert pause.name == "pause" and chat.choices is not None and chat.choices.discuss is not None
    note = chat.choices.discuss.teacher_note.get("en")
    shown = ui.texts(app)
    assert chat.choices.discuss.prompt.get("en") in shown and "Talk it over" in shown
    assert note not in shown and "1:00" in shown
    # the timer runs without events (the app wakes twice a second), and can be turned off
    assert pause.wake_after() == 0.5
    app.step([], 15.0)
    assert "0:45" in ui.texts(app)
    ui.key(app, pygame.K_p)
    assert not pause.running and pause.wake_after() is None
    # teacher view: the PIN, then the note; closing the pause locks teacher mode again
    ui.key(app, pygame.K_n)
    assert app.top.name == "pin"
    unlock(app, ui)
    assert app.top is pause and note in ui.texts(app)
    ui.click(app, ui.find_target(pause, "timer-off").rect)
    assert "0:45" not in ui.texts(app)
    end_pause(app, ui)
    assert app.top is chat and not app.classroom.teacher.gate.unlocked
    assert note not in ui.texts(app)


def test_no_pause_when_the_teacher_turned_them_off(make_app, ui):
    app = make_app()
    start_session(app, ui, knowledge_check=False, discussion="off")
    add_group(app, ui, "Hawks")
    ui.key(app, pygame.K_RETURN)
    play_story(app, ui)  # asserts it reaches the end; a pause would be recorded below
    assert all(s.name != "pause" for s in app.scenes)


def test_full_name_warning_then_a_team_name(make_app, ui):
    app = make_app()
    start_session(app, ui, knowledge_check=False)
    ui.click(app, ui.find_target(app.top, "add-group").rect)
    type_text(app, "Emma Tremblay")
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "group-name" and "full name" in ui.texts(app)
    ui.key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, "team@mail.com")
    ui.key(app, pygame.K_RETURN)
    assert "e-mail" in ui.texts(app)
    ui.key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, "Red Pandas")
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "roles" and app.top.run.info.name == "Red Pandas"


def test_crash_mid_story_resumes_with_the_same_transcript(make_app, ui):
    app = make_app()
    start_session(app, ui, knowledge_check=False)
    add_group(app, ui, "Sharks")
    ui.key(app, pygame.K_RETURN)
    chat = app.top
    app.step([], 0)
    ui.key(app, pygame.K_1)  # first reply
    app.step([], 0)
    while app.top.name == "pause":
        end_pause(app, ui)
    flaggable = [i for i, it in enumerate(chat.items) if it.flaggable]
    chat.toggle_flag(flaggable[-1])
    before = chat.pt.state.to_json()
    shown_before = [(it.kind, it.index, it.text) for it in chat.items]
    del app, chat  # the lid closes: no clean-up of any kind

    app2 = make_app()
    ui.click(app2, ui.find_target(app2.top, "continue-session").rect)
    assert app2.top.name == "pin", "the groups' names are sealed: the teacher's PIN opens them"
    unlock(app2, ui)
    assert app2.top.name == "session"
    assert "Sharks" in ui.texts(app2) and not app2.classroom.teacher.gate.unlocked
    ui.click(app2, ui.find_target(app2.top, "group-0").rect)
    assert app2.top.name == "roles" and "picking up where you left off" in ui.texts(app2)
    ui.key(app2, pygame.K_RETURN)
    chat2 = next(s for s in app2.scenes if s.name == "chat")
    assert chat2.pt.state.to_json() == before
    assert [(it.kind, it.index, it.text) for it in chat2.items][:len(shown_before)] == shown_before


def test_normal_play_resumes_after_a_crash(make_app, ui):
    app = make_app()
    assert ui.find_target(app.top, "play")
    names = [getattr(t, "name", "") for t in app.top.targets]
    assert "resume" not in names
    app.start_scenario("game-teammate")
    chat = app.top
    app.step([], 0)
    chat.toggle_flag(next(i for i, it in enumerate(chat.items) if it.flaggable))
    ui.key(app, pygame.K_2)
    app.step([], 0)
    before = chat.pt.state.to_json()
    del app, chat

    app2 = make_app()
    ui.click(app2, ui.find_target(app2.top, "resume").rect)
    chat2 = app2.top
    assert chat2.name == "chat" and chat2.pt.state.to_json() == before
    assert chat2.pt.state.flags and chat2.items[-1].kind != "reply" or chat2.choices is not None
    # leaving on purpose forgets it
    ui.key(app2, pygame.K_ESCAPE)
    ui.key(app2, pygame.K_TAB)
    ui.key(app2, pygame.K_RETURN)
    assert app2.top.name == "title"
    assert "resume" not in [getattr(t, "name", "") for t in app2.top.targets]


@pytest.fixture
def played(make_app, ui):
    """A finished two-group session (scripted quickly through the backend's own API)."""
    import random

    app = make_app()
    start_session(app, ui)
    session = app.top.session
    rng = random.Random(3)
    for name in ("Blue Foxes", "Owls", "Tigers"):
        play_whole_group(session, name, rng, 0.6)
    app.top.leave()
    return app


def open_results(app, ui):
    ui.key(app, pygame.K_t)
    unlock(app, ui)
    ui.click(app, ui.find_target(app.top, "results").rect)
    assert app.top.name == "class-debrief"
    return app.top


def test_class_debrief_screen_shows_the_backend_numbers(played, ui, library):
    app = played
    scene = open_results(app, ui)
    room = app.classroom
    expected = class_debrief(room.store, library.playable(), room.check)
    assert scene.model == expected and len(expected.groups) == 3
    shown = ui.whole_page(app, scene)
    for g in expected.groups:
        assert g.name in shown and f"{g.percent}%" in shown
    for c in expected.categories:
        assert f"{c.caught} of {c.seen} caught ({c.percent}%)" in shown
    for f in expected.flags:
        assert f"caught by {f.caught} of {f.seen} groups" in shown
    for ch in expected.choices:
        for o in ch.options:
            assert f"{o.count} of {ch.total} groups" in shown
    change = expected.change  # before and after over the same groups (those that answered both)
    assert (f"{change.groups} groups answered both checks: before {change.before}%, after {change.after}% "
            f"({change.gain:+d} points)") in shown
    # weakest tactic first
    pcts = [c.percent for c in expected.categories]
    assert pcts == sorted(pcts)


@pytest.mark.slow  # about 3 s on a quiet machine, 6 to 9 s on a busy one
def test_export_then_import_elsewhere_gives_the_same_debrief_and_delete_all(played, ui, library, tmp_path,
                                                                           monkeypatch, make_app):
    app = played
    scene = open_results(app, ui)
    before = scene.model
    target = tmp_path / "usb" / "7B.json"
    target.parent.mkdir()
    ui.click(app, ui.find_target(scene, "export").rect)
    ui.key(app, pygame.K_l, pygame.KMOD_CTRL)  # the file chooser's "Type a path" (tests/ui/test_files.py)
    assert app.top.name == "path"
    ui.key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, str(target))
    ui.key(app, pygame.K_RETURN)
    assert app.top is scene and target.exists()
    assert f"Saved to {target}" in ui.texts(app)
    # the report: a PDF where the teacher asked, and the screen says where
    report = tmp_path / "usb" / "report.pdf"
    ui.click(app, ui.find_target(scene, "report").rect)
    ui.key(app, pygame.K_l, pygame.KMOD_CTRL)
    ui.key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, str(report))
    ui.key(app, pygame.K_RETURN)
    assert report.read_bytes()[:5] == b"%PDF-" and str(report) in ui.texts(app)

    # the teacher's computer: a fresh data folder
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path / "teacher-pc"))
    other = make_app()
    scene2 = open_results(other, ui)
    assert not scene2.model.groups and "No results yet" in ui.texts(other)
    ui.click(other, ui.find_target(scene2, "import").rect)
    ui.key(other, pygame.K_l, pygame.KMOD_CTRL)
    ui.key(other, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(other, str(target.parent))  # a folder: every .json in it
    ui.key(other, pygame.K_RETURN)
    assert other.top is scene2 and "Imported 1 of 1 file:" in ui.texts(other)  # one file: no "files"
    assert scene2.model == before
    # delete all: asks first (Esc keeps everything), then the PIN again, then empties it
    scene2.focus(ui.find_target(scene2, "delete"))  # at the end of the page, away from the rest
    ui.key(other, pygame.K_RETURN)
    assert other.top.name == "dialog"
    ui.key(other, pygame.K_ESCAPE)
    assert scene2.model == before
    ui.key(other, pygame.K_RETURN)
    assert other.top.name == "dialog"
    ui.key(other, pygame.K_TAB)
    ui.key(other, pygame.K_RETURN)
    assert other.top.name == "pin" and other.top.again
    type_text(other, PIN)
    ui.key(other, pygame.K_RETURN)
    assert not scene2.model.groups and "deleted" in ui.texts(other)
    assert all(v == 0 for v in other.classroom.store.counts().values())


def _edited_library(library, story="game-teammate"):
    """The same library, with a story's first message removed (a writer's later edit)."""
    import dataclasses

    sc = library.playable()[story]
    beats = dict(sc.beats)
    first = beats[sc.start_beat]
    beats[sc.start_beat] = first.model_copy(update={"messages": first.messages[1:]})
    new = sc.model_copy(update={"beats": beats})
    files = [dataclasses.replace(c, scenario=new) if c.scenario is sc else c for c in library.files]
    return dataclasses.replace(library, files=files)


def test_resume_after_the_story_changed_offers_to_start_again(make_app, ui, library):
    app = make_app()
    app.start_scenario("game-teammate")
    app.step([], 0)
    ui.key(app, pygame.K_2)
    app.step([], 0)
    del app
    app2 = make_app(lib=_edited_library(library))
    ui.click(app2, ui.find_target(app2.top, "resume").rect)
    assert app2.top.name == "dialog" and "changed" in app2.top.body
    ui.key(app2, pygame.K_RETURN)  # Start again
    assert app2.top.name == "chat" and app2.top.scenario.id == "game-teammate"
    assert not app2.top.pt.state.transcript or app2.top.pt.state.transcript[0].index == 0


def test_class_results_screen_with_an_older_version_of_a_story(played, ui, library):
    app = played
    app._library = _edited_library(library, "judgement-new-classmate")
    TITLE = library.playable()["judgement-new-classmate"].title.en
    scene = open_results(app, ui)
    lines = []
    while True:
        lines += ui.texts(app).split("\n")
        if scene.offset >= scene.max_offset():
            break
        ui.key(app, pygame.K_PAGEDOWN)
    shown = " ".join(lines)
    assert "3 groups played an older version of " + TITLE in shown
    assert scene.model.other_versions and scene.model.other_versions[0].groups == 3
