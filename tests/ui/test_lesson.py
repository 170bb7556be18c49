"""A 45-minute lesson in the real app: the teacher picks the lesson's stories, groups play them,
mashing keys never answers a knowledge-check question, and the teacher sends every group to the
after-check mid-story. Also the teacher's controls (the teacher area locks again after a PIN-
protected action, Delete all results asks for the PIN, starting a session while one runs warns
and is never the default, the PIN screen never shows the reset command), topic switches that
hide stories in class and under Play, and the marks for stories already played."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from game.classroom import pin as pin_mod
from game.classroom.lesson import estimate
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings, load_settings, save_settings

PIN = "246813"
LESSON = ["judgement-team-coach", "judgement-new-classmate"]  # in the order the teacher picks them
SHOTS = os.environ.get("REDFLAGS_SHOTS")  # a folder: also save a PNG of every screen checked


def type_text(app, text: str) -> None:
    app.step([pygame.event.Event(pygame.TEXTINPUT, text=text)], 0)


def unlock(app, ui, pin: str = PIN) -> None:
    assert app.top.name == "pin", app.top.name
    type_text(app, pin)
    ui.key(app, pygame.K_RETURN)


def teacher_menu(app, ui) -> None:
    ui.key(app, pygame.K_t)
    unlock(app, ui)
    assert app.top.name == "teacher"


def start_lesson(app, ui, lesson=LESSON) -> ClassSession:
    """Teacher menu -> Start a class session -> pick the stories -> Start the session."""
    ui.click(app, ui.find_target(app.top, "start").rect)
    assert app.top.name == "lesson"
    for sid in lesson:
        pick(app, ui, f"story-{sid}")
    pick(app, ui, "begin")
    assert app.top.name == "session"
    return app.top.session


def pick(app, ui, name: str) -> None:
    """A story card (or Start) on the lesson screen, by keyboard: the focus scrolls it into view."""
    app.top.focus(ui.find_target(app.top, name))
    ui.key(app, pygame.K_RETURN)


@pytest.fixture
def teacher(make_app, ui):
    """An app at the teacher menu (a PIN set, the class settings saved: class 7B)."""
    pin_mod.set_pin(PIN)
    save_settings(ClassSettings(class_label="7B"))
    app = make_app()
    teacher_menu(app, ui)
    return app


def add_group(app, ui, name: str) -> None:
    ui.click(app, ui.find_target(app.top, "add-group").rect)
    type_text(app, name)
    ui.key(app, pygame.K_RETURN)


def group_run(app, name: str):
    """The group called `name`, from the session screen under whatever is on top."""
    session = next(s for s in app.scenes if s.name == "session").session
    return next(r for r in session.groups() if r.info.name == name)


def answer_questions(app, ui, run, phase: str, stop_after: int | None = None, wrong: int = 0) -> int:
    """Answer the check on top the way a mashing group would: at each new question a number key
    and a click on an option at once (ignored: it hasn't been read), then Enter and Space
    hammered for two seconds (nothing is focused: ignored), then a real answer. Returns how
    many questions were answered (the first `wrong` of them wrongly); asserts that only the real
    answers were saved."""
    n = 0
    while app.top.name == "check" and not app.top.finished and app.top.question is not None:
        check = app.top
        q = check.question
        saved = len(run.answered(phase))
        assert check.ui.focused is None, "no option is focused when a question appears"
        ui.key(app, pygame.K_1)
        ui.click(app, ui.find_target(check, "option-0").rect)
        for k in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER, pygame.K_RETURN, pygame.K_SPACE):
            ui.key(app, k, dt=0.4)
        assert check.answered is None and check.question is q and len(run.answered(phase)) == saved
        pick = q.correct_index if n >= wrong else (q.correct_index + 1) % len(q.options)
        ui.key(app, pygame.K_1 + check.order.index(pick))  # where it shows: the options are shuffled
        if phase == "post":  # after the stories a pick is checked first (Enter: "Check my answer")
            assert check.chosen == pick and check.answered is None and len(run.answered(phase)) == saved
            ui.key(app, pygame.K_RETURN)
        assert check.answered == (pick, n >= wrong) and len(run.answered(phase)) == saved + 1
        n += 1
        if stop_after is not None and n >= stop_after:
            return n
        ui.key(app, pygame.K_RETURN)  # Next question (focused after answering)
    return n


def judge_chats(app, ui) -> int:
    """Through the spot check on top: Enter past its intro, then Done in each chat once it has
    been read (an Enter at once is ignored). Returns how many chats."""
    assert app.top.name == "spot-check", app.top.name
    ui.key(app, pygame.K_RETURN)
    n = 0
    while app.top.name == "spot-check":
        chat = app.top.chat
        ui.key(app, pygame.K_RETURN)  # too soon: nothing happens
        assert app.top.name == "spot-check" and app.top.chat is chat
        app.step([], 1.2)
        ui.key(app, pygame.K_f)  # the first message worries the group (nothing flagged would be asked about)
        ui.key(app, pygame.K_RETURN)
        n += 1
    return n


def end_pause(app, ui) -> None:
    """'We're ready' on a Talk it over pause, once it answers (after its first few seconds)."""
    pause = app.top
    app.step([], 3.5)
    pause.focus(ui.find_target(pause, "ready"))
    ui.key(app, pygame.K_RETURN)


def play_to_end(app, ui) -> None:
    chat = app.top
    assert chat.name == "chat"
    for _ in range(300):
        app.step([], 0)
        if app.top.name == "pause":
            end_pause(app, ui)
            continue
        if chat.ending is not None:
            break
        if chat.choices is not None:
            ui.key(app, pygame.K_1)
    assert chat.ending is not None
    for _ in range(4):
        app.step([], 1.0)
    ui.key(app, pygame.K_RETURN)  # See how you did
    assert app.top.name == "debrief"


def leave_chat_mid_story(app, ui) -> None:
    """A reply or two, then Esc and Back to the session screen (everything is saved)."""
    chat = app.top
    assert chat.name == "chat"
    for _ in range(20):
        app.step([], 0)
        if app.top.name == "pause":
            end_pause(app, ui)
        elif chat.choices is not None:
            ui.key(app, pygame.K_1)
            break
    app.step([], 0)
    while app.top.name == "pause":
        end_pause(app, ui)
    assert chat.ending is None
    for _ in range(3):  # Esc may first fold the replies' drawer
        ui.key(app, pygame.K_ESCAPE)
        if app.top.name == "dialog":
            break
    assert app.top.name == "dialog"
    ui.click(app, app.top.buttons[1].rect)  # Back to the session screen
    assert app.top.name == "session"


# --- the lesson, start to after-check ------------------------------------------------------------


def test_a_lesson_of_two_stories_three_groups_and_the_after_check_mid_story(teacher, ui, library):
    app = teacher
    room = app.classroom
    ui.click(app, ui.find_target(app.top, "start").rect)
    lesson = app.top
    assert lesson.name == "lesson" and "No story chosen yet" in ui.texts(app)
    assert not ui.find_target(lesson, "begin").enabled
    offered = {s.id for s in load_settings().offered(library.playable())}
    assert {t.name for t in lesson.targets if t.name.startswith("story-")} == {f"story-{i}" for i in offered}
    for sid in LESSON:
        pick(app, ui, f"story-{sid}")
    chosen = [library.playable()[i] for i in LESSON]
    est = estimate(chosen, room.check)
    ui.key(app, pygame.K_HOME)
    shown = ui.texts(app)
    for n, sc in enumerate(chosen, 1):
        assert f"{n}. {sc.title.en} · {sc.minutes} min" in shown
    assert f"About {est.total} min in all" in shown and est.total == sum(s.minutes for s in chosen) + \
        2 * (est.check + est.spot) + est.discussion and est.check > 0 and est.spot > 0
    assert f"spot check before and after: {2 * est.spot} min" in shown  # each part of the total is named
    pick(app, ui, "begin")
    session = app.top.session
    assert app.top.name == "session" and not room.teacher.gate.unlocked
    assert [s.id for s in session.scenarios] == LESSON and session.chosen
    assert room.store.session(session.id).settings["lesson"] == LESSON  # kept in the settings snapshot
    assert "Today's stories" in ui.texts(app)
    total = len(room.check.questions)

    # Blue Foxes: the before-check, the first story to its end, then the second one half-way
    add_group(app, ui, "Blue Foxes")
    foxes = group_run(app, "Blue Foxes")
    assert app.top.name == "check" and app.top.phase == "pre"
    assert answer_questions(app, ui, foxes, "pre", wrong=3) == total
    assert judge_chats(app, ui) == 3
    assert app.top.name == "roles" and app.top.step.scenario.id == LESSON[0]
    assert "Story 1 of 2" in ui.texts(app)
    ui.key(app, pygame.K_RETURN)
    play_to_end(app, ui)
    ui.click(app, ui.find_target(app.top, "continue").rect)
    assert app.top.name == "roles" and app.top.step.scenario.id == LESSON[1]
    ui.key(app, pygame.K_RETURN)
    leave_chat_mid_story(app, ui)
    # Owls: the before-check, then the first story half-way
    add_group(app, ui, "Owls")
    owls = group_run(app, "Owls")
    assert answer_questions(app, ui, owls, "pre", wrong=2) == total
    assert judge_chats(app, ui) == 3
    ui.key(app, pygame.K_RETURN)  # roles card
    leave_chat_mid_story(app, ui)
    # Tigers: one question of the before-check, then back to the session screen
    add_group(app, ui, "Tigers")
    tigers = group_run(app, "Tigers")
    assert answer_questions(app, ui, tigers, "pre", stop_after=1) == 1
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "session"
    shown = ui.texts(app)
    assert f"✓ {chosen[0].title.en}" in shown and f"{chosen[1].title.en}: not finished" in shown

    # the teacher sends everyone to the after-check (PIN, then a question whose default keeps playing)
    ui.click(app, ui.find_target(app.top, "after-check-now").rect)
    unlock(app, ui)
    assert app.top.name == "dialog" and app.top.ui.focused is app.top.buttons[0]
    ui.click(app, app.top.buttons[1].rect)
    assert app.top.name == "session" and session.after_check and not room.teacher.gate.unlocked
    assert "called the after-check" in ui.texts(app)
    assert "add-group" not in [t.name for t in app.top.targets]

    for i, (run, pre) in enumerate(((foxes, total), (owls, total), (tigers, 1))):
        ui.click(app, ui.find_target(app.top, f"group-{i}").rect)
        assert app.top.name == "spot-check" and app.top.phase == "post", run.info.name
        assert "ended the stories for today" in ui.texts(app)
        assert judge_chats(app, ui) == 3
        assert app.top.name == "check" and app.top.phase == "post", run.info.name
        assert answer_questions(app, ui, run, "post") == total
        assert app.top.finished and "Knowledge check: done" in ui.texts(app)
        ui.key(app, pygame.K_RETURN)
        assert app.top.name == "group-done" and "all the stories for today" in ui.texts(app)
        ui.key(app, pygame.K_RETURN)
        assert app.top.name == "session"
        assert len(run.answered("pre")) == pre and len(run.answered("post")) == total
        assert run.next_step().kind == "done"
    # the stories the groups were in the middle of stay unfinished; nothing else was recorded
    marks = {run.info.name: [m for _s, m in run.story_marks()] for run in session.groups()}
    assert marks == {"Blue Foxes": ["finished", "unfinished"], "Owls": ["unfinished", "not_started"],
                     "Tigers": ["not_started", "not_started"]}
    # the class debrief: before and after over the same groups, with how many
    from game.classroom.classdebrief import class_debrief

    change = class_debrief(room.store, library.playable(), room.check, [session.id]).change
    assert change.groups == 3 and change.after == 100
    # (a question not answered counts as not known: Tigers answered 1 before the teacher's call)
    percents = [round(100 * right / total) for right in (total - 3, total - 2, 1)]  # each group's, rounded
    assert change.before == round(sum(percents) / 3)
    assert change.gain == change.after - change.before > 0
    # after a restart the session still sends groups to the after-check
    again = room.open_session(session.id)
    assert again.after_check and again.chosen and all(r.next_step().kind == "done" for r in again.groups())


def test_checks_wait_for_the_question_to_be_read(make_app, ui):
    """Enter twice after an answer used to answer the next question with option 1."""
    pin_mod.set_pin(PIN)
    save_settings(ClassSettings(topics=["judgement"]))
    app = make_app()
    teacher_menu(app, ui)
    start_lesson(app, ui, LESSON[:1])
    add_group(app, ui, "Hawks")
    check = app.top
    run = check.run
    app.step([], 1.0)
    ui.key(app, pygame.K_2)  # the first question, read and answered
    assert check.answered is not None
    ui.key(app, pygame.K_RETURN)  # Next question
    ui.key(app, pygame.K_RETURN)  # ...and again, at once: nothing happens
    assert check.answered is None and len(run.answered("pre")) == 1
    assert check.wake_after() == pytest.approx(1.0)  # the window wakes when it can be answered
    app.step([], 0.5)
    ui.key(app, pygame.K_3)  # half a second in: still too soon
    assert check.answered is None
    app.step([], 0.6)
    ui.key(app, pygame.K_SPACE)  # read now, but Space chooses nothing: no option has the focus
    assert check.answered is None and check.wake_after() is None
    ui.key(app, pygame.K_TAB)  # the keyboard way: Tab to an option, then Enter
    assert check.ui.focused is ui.find_target(check, "option-0")
    ui.key(app, pygame.K_RETURN)
    assert check.answered is not None and len(run.answered("pre")) == 2


# --- the teacher's controls --------------------------------------------------------------------------


@pytest.mark.parametrize("button, how", [("end", "keep"), ("end", "esc"), ("after-check-now", "keep"),
                                         ("after-check-now", "esc")])
def test_teacher_mode_locks_again_after_an_action_from_the_session_screen(teacher, ui, button, how):
    app = teacher
    session = start_lesson(app, ui, LESSON[:1])
    gate = app.classroom.teacher.gate
    ui.click(app, ui.find_target(app.top, button).rect)
    unlock(app, ui)
    assert app.top.name == "dialog" and gate.unlocked
    if how == "keep":
        ui.key(app, pygame.K_RETURN)  # the default: change nothing
    else:
        ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "session" and not gate.unlocked and not session.after_check
    assert app.classroom.active_id() == session.id
    ui.click(app, ui.find_target(app.top, "teacher").rect)
    assert app.top.name == "pin"  # the teacher menu needs the PIN again


def test_delete_all_results_asks_for_the_pin(teacher, ui):
    app = teacher
    session = start_lesson(app, ui, LESSON[:1])
    session.add_group("Owls")
    app.top.leave()
    teacher_menu(app, ui)
    ui.click(app, ui.find_target(app.top, "results").rect)
    scene = app.top
    assert scene.name == "class-debrief"
    store = app.classroom.store
    scene.focus(ui.find_target(scene, "delete"))
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "dialog"
    ui.click(app, app.top.buttons[1].rect)  # Delete all results
    pin_screen = app.top
    assert pin_screen.name == "pin" and "Enter the teacher PIN again" in ui.texts(app)
    assert "forgot" not in [t.name for t in pin_screen.targets]
    ui.key(app, pygame.K_ESCAPE)  # changed my mind: nothing deleted, teacher mode still open
    assert app.top is scene and store.groups() and app.classroom.teacher.gate.unlocked
    scene.focus(ui.find_target(scene, "delete"))
    ui.key(app, pygame.K_RETURN)
    ui.click(app, app.top.buttons[1].rect)
    unlock(app, ui, "000000")
    assert app.top.name == "pin" and "not right" in ui.texts(app) and store.groups()
    unlock(app, ui)
    assert app.top is scene and not store.groups() and "deleted" in ui.texts(app)


def test_the_pin_screen_never_shows_the_reset_command(make_app, ui):
    from game.classroom.gate import TeacherGate
    from game.classroom.guide import RUNNING
    from game.classroom.store import ResultsStore

    TeacherGate().setup(PIN)
    with ResultsStore() as store:  # a class played here: no new PIN without a secret
        store.add_group(store.new_session({}, "7B"), "Blue Foxes", 3)
    pin_mod.pin_path().unlink()
    pin_mod.marker_path().unlink()
    app = make_app()
    ui.key(app, pygame.K_t)
    assert app.top.mode == "stuck"
    shown = ui.texts(app)
    assert "reset-pin" not in shown and "python -m" not in shown
    assert "Ask your teacher" in shown and "facilitator guide" in shown
    guide = [text for title, text in RUNNING if title[0] == "A forgotten PIN"]
    assert guide and all("python -m game results reset-pin" in t for t in guide[0])


def test_starting_a_session_while_one_runs_warns_and_keeping_it_is_the_default(teacher, ui):
    app = teacher
    room = app.classroom
    first = start_lesson(app, ui, LESSON[:1])
    first.add_group("Owls")
    app.top.leave()
    teacher_menu(app, ui)
    menu = app.top
    assert menu.ui.focused is ui.find_target(menu, "continue")  # Enter continues it
    assert ui.find_target(menu, "continue").kind == "primary" and ui.find_target(menu, "start").kind == "secondary"
    assert "Starting a new one ends it" in ui.texts(app)
    ui.click(app, ui.find_target(menu, "start").rect)
    assert app.top.name == "dialog" and "can no longer continue" in app.top.body
    ui.key(app, pygame.K_RETURN)  # the default keeps it
    assert app.top is menu and room.active_id() == first.id
    ui.click(app, ui.find_target(menu, "start").rect)
    ui.click(app, app.top.buttons[1].rect)  # End it and start a new one
    second = start_lesson_from_lesson_screen(app, ui, LESSON[1:])
    assert room.active_id() == second.id != first.id
    assert room.store.session(first.id) is not None  # its results stay


def start_lesson_from_lesson_screen(app, ui, lesson) -> ClassSession:
    assert app.top.name == "lesson"
    for sid in lesson:
        pick(app, ui, f"story-{sid}")
    pick(app, ui, "begin")
    assert app.top.name == "session"
    return app.top.session


def test_a_lesson_has_one_to_three_stories(teacher, ui, library):
    app = teacher
    ui.click(app, ui.find_target(app.top, "start").rect)
    lesson = app.top
    ids = [t.name[6:] for t in lesson.targets if t.name.startswith("story-")][:4]
    for sid in ids:
        pick(app, ui, f"story-{sid}")
    assert lesson.chosen == ids[:3] and "at most 3 stories" in ui.texts(app)
    pick(app, ui, f"story-{ids[0]}")  # a second click takes it out
    assert lesson.chosen == ids[1:3]
    with pytest.raises(ValueError):
        app.classroom.teacher.start_session(ids)


# --- topic switches ------------------------------------------------------------------------------------


def test_a_switched_off_topic_hides_its_stories_in_class_and_under_play(teacher, ui, library):
    app = teacher
    ui.click(app, ui.find_target(app.top, "settings").rect)
    settings = app.top
    settings.focus(ui.find_target(settings, "topic-sextortion"))
    ui.key(app, pygame.K_RIGHT)  # sextortion: Not offered
    assert "sextortion" not in load_settings().topics and load_settings().topics
    playable = library.playable()
    mixed = "bystander-friend-threatened"  # helping a friend, and sextortion
    assert "sextortion" in playable[mixed].topics and "bystander" in playable[mixed].topics
    offered = {s.id for s in load_settings().offered(playable)}
    assert mixed not in offered and "bystander-group-chat" in offered
    assert not any("sextortion" in playable[i].topics for i in offered)
    ui.key(app, pygame.K_ESCAPE)
    ui.click(app, ui.find_target(app.top, "start").rect)
    names = {t.name for t in app.top.targets}
    assert f"story-{mixed}" not in names and "story-bystander-group-chat" in names
    # ...and under Play, for anyone at this computer
    app.pop_to("title")
    app.classroom.teacher.gate.lock()
    app.open_picker()
    cards = {t.name for t in app.top.targets}
    assert f"card-{mixed}" not in cards and "card-bystander-group-chat" in cards
    assert "switched off" in ui.texts(app)
    save_settings(ClassSettings())  # everything on again: listed again
    app.top.on_top()
    assert f"card-{mixed}" in {t.name for t in app.top.targets}


# --- what was played already ---------------------------------------------------------------------------


def test_the_story_list_marks_stories_played_on_this_computer(make_app, ui):
    app = make_app()
    app.open_picker()
    assert "Played on this computer" not in ui.texts(app)
    app.start_scenario("game-teammate")
    chat = app.top
    app.step([], 0)
    while chat.ending is None:
        chat.choose(chat.choices.options[0][0])
        app.step([], 0)
    chat.open_debrief()
    app.pop_to("picker")
    card = ui.find_target(app.top, "card-game-teammate")
    assert "✓ Played on this computer" in [b.text for b in card.items]
    others = [t for t in app.top.targets if getattr(t, "name", "").startswith("card-") and t is not card]
    assert others and not any("✓ Played on this computer" in [b.text for b in t.items] for t in others)
    # ...remembered after a restart
    again = make_app()
    again.open_picker()
    assert "✓ Played on this computer" in [b.text for b in ui.find_target(again.top, "card-game-teammate").items]


def test_a_class_sees_what_it_played_in_an_earlier_lesson(teacher, ui, library):
    import random

    from game.engine.runtime import ChoicesEvent

    app = teacher
    room = app.classroom
    first = start_lesson(app, ui, LESSON[:1])
    run = first.add_group("Blue Foxes")
    rng = random.Random(2)
    while (step := run.next_step()).kind != "done":
        if step.kind.endswith("check"):
            for qid in step.unanswered:
                run.answer(step.phase, qid, 0)
        elif step.kind.endswith("spot"):
            for chat in step.chats:
                run.spot(step.phase, chat.id, {})
        else:
            pt = run.play(step)
            while not pt.ended:
                ev = pt.next()
                if isinstance(ev, ChoicesEvent):
                    pt.choose(rng.choice(ev.options)[0])
    app.top.leave()
    teacher_menu(app, ui)
    ui.click(app, ui.find_target(app.top, "start").rect)
    ui.click(app, app.top.buttons[1].rect)  # a new session ends the first
    card = ui.find_target(app.top, f"story-{LESSON[0]}")
    assert "Played by 7B in an earlier lesson" in [b.text for b in card.items]
    assert not any("earlier lesson" in getattr(b, "text", "") for b in ui.find_target(
        app.top, f"story-{LESSON[1]}").items)
    second = start_lesson_from_lesson_screen(app, ui, LESSON)
    second.add_group("blue foxes")  # the same team, typed again
    second.add_group("Owls")
    app.top.rebuild()
    title = library.playable()[LESSON[0]].title.en
    foxes, owls = (ui.find_target(app.top, f"group-{i}") for i in range(2))
    assert f"{title}: played in an earlier lesson" in [b.text for b in foxes.items]
    assert not any("earlier lesson" in b.text for b in owls.items)
    assert room.store.session(first.id) is not None


# --- how the new screens look ------------------------------------------------------------------------


def _fits(app, ui, label: str) -> None:
    """Every text inside its box and on screen, screenful by screenful (a PNG of each when
    REDFLAGS_SHOTS names a folder)."""
    top = app.top
    n = 0
    while True:
        rows = ui.recorded(app)
        assert rows, label
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            pygame.image.save(app.screen, str(Path(SHOTS) / f"{label}-{n}.png"))
        screen = app.screen.get_rect()
        for rect, box, text in rows:
            assert rect.w <= box.w + 1 and rect.h <= box.h + 1, (label, text[:60], rect, box)
            assert box.inflate(2, 2).contains(rect), (label, text[:60], rect, box)
            assert screen.contains(rect), (label, text[:60], rect, screen)
        n += 1
        if not hasattr(top, "max_offset") or top.offset >= top.max_offset() or n > 30:
            break
        ui.key(app, pygame.K_PAGEDOWN)


@pytest.mark.parametrize("size, text_size, lang", [((1280, 720), 100, "en"), ((1024, 600), 100, "fr"),
                                                   ((1024, 600), 200, "fr"), ((1280, 720), 200, "en")])
def test_the_new_screens_fit(make_app, ui, size, text_size, lang):
    pin_mod.set_pin(PIN)
    save_settings(ClassSettings(class_label="7B", language=lang))
    app = make_app(size, text_size=text_size, lang=lang)
    tag = f"{size[0]}x{size[1]}-{text_size}-{lang}"
    teacher_menu(app, ui)
    ui.click(app, ui.find_target(app.top, "start").rect)
    for sid in LESSON:
        pick(app, ui, f"story-{sid}")
    app.top.offset = 0
    _fits(app, ui, f"lesson-{tag}")
    pick(app, ui, "begin")
    session = app.top.session
    run = session.add_group("Blue Foxes")
    for qid in run.next_step().unanswered:
        run.answer("pre", qid, 0)
    for chat in run.next_step().chats:
        run.spot("pre", chat.id, {})
    run.play(run.next_step())  # started, not finished
    session.add_group("Owls")
    session.call_after_check()
    app.top.rebuild()
    _fits(app, ui, f"session-{tag}")
    pick(app, ui, "group-0")
    assert app.top.name == "spot-check"  # after the stories: the chats first
    _fits(app, ui, f"spot-intro-{tag}")
    app.top.begin()
    _fits(app, ui, f"spot-chat-{tag}")
    while app.top.name == "spot-check":
        app.step([], 1.5)
        app.top.done()
    assert app.top.name == "check"
    _fits(app, ui, f"check-{tag}")
    app.pop_to("session")
    app.top.leave()
    teacher_menu(app, ui)
    _fits(app, ui, f"teacher-{tag}")
