"""The skill check in the real app: the spot check's screen by keyboard and by mouse (no verdict
on any flag), what read aloud says of it, a crash in the middle of it, the knowledge check's
shuffled options, and the teacher's later check from the teacher menu."""

from __future__ import annotations

import pygame

from game.engine.model import PLAYER

from .test_session import add_group, answer_check, spot_check, start_session, unlock

VERDICTS = ("red flag:", "Not a red flag", "Right", "Yes, that's", "judgement call")


def to_spot_check(app, ui, name: str = "Blue Foxes"):
    """A new group through the knowledge check, to the spot check's intro."""
    start_session(app, ui)
    add_group(app, ui, name)
    answer_check(app, ui, right=True)
    assert app.top.name == "spot-check" and app.top.intro
    return app.top


def messages(scene):
    return [t for t in scene.targets if t.__class__.__name__ == "MessageBlock"]


def test_the_spot_check_by_keyboard(make_app, ui):
    app = make_app()
    scene = to_spot_check(app, ui)
    run = scene.run
    intro = ui.texts(app)
    assert "Flag what worries you; some chats have nothing wrong." in intro and "Chat 1" not in intro
    ui.key(app, pygame.K_RETURN)  # Start
    assert not scene.intro and scene.chat is not None
    chat = scene.chat
    shown = ui.texts(app)
    assert "Chat 1 of 3" in shown and chat.title.get("en") in shown and chat.platform.name in shown
    assert all(m.text.get("en") in shown for m in chat.messages[:3])
    assert not any(w in shown for w in VERDICTS)
    # the first message from someone else has the focus; F flags it, Down then F flags the next
    first, second = messages(scene)[:2]
    assert scene.ui.focused is first and not any(m.own for m in messages(scene))
    app.step([], 0.4)
    ui.key(app, pygame.K_f)
    ui.key(app, pygame.K_DOWN)
    assert scene.ui.focused is second
    app.step([], 0.3)
    ui.key(app, pygame.K_SPACE)
    ui.key(app, pygame.K_f)  # again: the flag is taken back
    assert set(scene.flags) == {first.index}
    shown = ui.texts(app)
    assert "🚩 Flagged" in shown and not any(w in shown for w in VERDICTS), "a measure: no feedback"
    ui.key(app, pygame.K_RETURN)  # too soon after the chat appeared: nothing
    assert scene.chat is chat and run.judged("pre") == set()
    app.step([], 0.5)
    ui.key(app, pygame.K_RETURN)  # Done, next chat
    assert scene.chat is not chat and "Chat 2 of 3" in ui.texts(app)
    rows = [s for s in app.classroom.store.spots(run.info.id) if s.chat_id == chat.id]
    assert sorted(s.message for s in rows) == [i for i, m in enumerate(chat.messages) if m.sender != PLAYER]
    assert [(s.message, s.ms) for s in rows if s.flagged] == [(first.index, 400)]
    assert {s.phase for s in rows} == {"pre"} and {s.form for s in rows} == {run.form("pre")}
    # nothing flagged: Done asks once (a class mashing Enter doesn't record empty chats)
    second_chat = scene.chat
    app.step([], 1.5)
    ui.key(app, pygame.K_RETURN)
    assert scene.chat is second_chat and "Nothing flagged in this chat" in ui.texts(app)
    ui.key(app, pygame.K_RETURN)  # at once again: still asking
    assert scene.chat is second_chat and run.judged("pre") == {chat.id}
    app.step([], 1.5)
    ui.key(app, pygame.K_RETURN)  # a second later: nothing worries the group, and that's an answer
    # the last chat's button says Done, and the group goes on to its stories
    assert "Chat 3 of 3" in ui.texts(app) and ui.find_target(scene, "done").label == "Done"
    app.step([], 1.5)
    ui.key(app, pygame.K_f)
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "roles" and run.next_step().kind == "scenario"
    assert len(run.judged("pre")) == 3


def test_the_spot_check_by_mouse_and_read_aloud(make_app, ui):
    app = make_app()
    scene = to_spot_check(app, ui, "Owls")
    ui.click(app, ui.find_target(scene, "start").rect)
    said = scene.narration()
    chat = scene.chat
    assert said[0] == "Chat 1 of 3" and scene.narration() == [], "each chat is read once"
    assert [s.split(": ", 1)[1] for s in said[2:]] == [m.text.get("en") for m in chat.messages]
    target = messages(scene)[-1]
    ui.key(app, pygame.K_END)  # scrolled down to the last message, as a mouse wheel would
    app.step([], 2.0)
    assert app.screen.get_rect().contains(target.rect) and target.rect.h
    ui.click(app, target.rect)  # a click flags the message and moves the focus there
    assert set(scene.flags) == {target.index} and scene.ui.focused is target
    assert scene.describe().startswith("Spot check. Chat 1 of 3") and scene.describe().endswith("Flagged")
    ui.click(app, target.rect)
    assert scene.flags == {}
    ui.click(app, target.rect)
    ui.click(app, ui.find_target(scene, "done").rect)
    assert scene.chat is not chat and scene.narration()[0] == "Chat 2 of 3"
    stored = app.classroom.store.spots(scene.run.info.id)
    assert [(s.chat_id, s.message) for s in stored if s.flagged] == [(chat.id, target.index)]


def test_a_crash_in_the_spot_check_comes_back_to_the_chats_left(make_app, ui):
    app = make_app()
    scene = to_spot_check(app, ui, "Sharks")
    first = scene.step.chats[0]
    ui.key(app, pygame.K_RETURN)
    app.step([], 1.5)
    ui.key(app, pygame.K_f)
    ui.key(app, pygame.K_RETURN)  # the first chat, stored
    ui.key(app, pygame.K_f)  # a flag in the second: not stored until Done
    del app, scene  # the lid closes

    app2 = make_app()
    ui.click(app2, ui.find_target(app2.top, "continue-session").rect)
    unlock(app2, ui)
    ui.click(app2, ui.find_target(app2.top, "group-0").rect)
    again = app2.top
    assert again.name == "spot-check" and first.id not in [c.id for c in again.step.chats]
    ui.key(app2, pygame.K_RETURN)
    assert "Chat 2 of 3" in ui.texts(app2) and again.flags == {}
    assert spot_check(app2, ui)[0]  # the rest of it (Start already pressed: the chats)
    assert app2.top.name == "roles"


def test_the_later_check_from_the_teacher_menu(make_app, ui):
    app = make_app()
    start_session(app, ui)
    add_group(app, ui, "Blue Foxes")
    answer_check(app, ui, right=False)
    spot_check(app, ui)
    assert app.top.name == "roles"  # the stories are next; the class stops here today
    session_id = app.classroom.active_id()
    app.pop_to("session")
    app.top.leave()
    # weeks later: teacher mode, Later check, the session
    ui.key(app, pygame.K_t)
    unlock(app, ui)
    ui.click(app, ui.find_target(app.top, "later-check").rect)
    assert app.top.name == "dialog" and "7B" in app.top.buttons[0].label
    ui.key(app, pygame.K_1)
    assert app.top.name == "session" and app.top.session.later and app.top.session.id == session_id
    shown = ui.texts(app)
    assert "Later check" in shown and "Blue Foxes" in shown and "Spot check (later)" in shown
    assert "add-group" not in [t.name for t in app.top.targets]
    ui.click(app, ui.find_target(app.top, "group-0").rect)
    assert app.top.name == "spot-check" and app.top.phase == "later"
    run = app.top.run
    assert [c.id for c in app.top.step.chats] == [c.id for c in run.chats("pre")], "the before form again"
    spot_check(app, ui)
    assert app.top.name == "check" and app.top.phase == "later" and app.top.check.form == run.form("pre")
    saved = answer_check(app, ui, right=True)
    assert all("Answer saved" in t and "Right!" not in t for t in saved)
    assert app.top.name == "dialog" and "later check is saved" in app.top.body
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "session" and "Finished" in ui.texts(app)
    store = app.classroom.store
    later = [a for a in store.answers(run.info.id) if a.phase == "later"]
    assert len(later) == len(run.check_for("pre").questions) and all(a.correct for a in later)
    assert all(a.ms is not None and a.ms >= 1000 for a in later)
    assert {s.phase for s in store.spots(run.info.id)} == {"pre", "later"}


def test_a_click_never_scrolls_what_is_under_the_pointer(make_app, ui):
    """At 1024x600 and 200 % a chat is taller than the window: clicking a message low down flags
    it without scrolling, so a quick second click lands on the message it was aimed at."""
    app = make_app((1024, 600), text_size=200)
    scene = to_spot_check(app, ui, "Owls")
    ui.key(app, pygame.K_RETURN)
    app.step([], 0.5)
    view = scene.view
    cut = [m for m in messages(scene) if m.rect.h and m.rect.top < view.bottom - 30 < m.rect.bottom]
    assert cut, "a message cut by the bottom of the window"
    low = cut[0]
    aim = (low.rect.centerx, low.rect.top + 15)  # its visible part
    before = scene.offset
    ui.click(app, aim)
    app.step([], 0.1)
    assert scene.offset == before and low.index in scene.flags
    ui.click(app, aim)  # the same place again: the same message, unflagged
    app.step([], 0.1)
    assert scene.offset == before and low.index not in scene.flags


def test_esc_with_flags_asks_before_leaving_the_chat(make_app, ui):
    app = make_app()
    scene = to_spot_check(app, ui, "Hawks")
    ui.key(app, pygame.K_RETURN)
    app.step([], 0.5)
    ui.key(app, pygame.K_f)
    ui.key(app, pygame.K_ESCAPE)
    assert app.top.name == "dialog" and "not saved until you press Done" in ui.texts(app)
    ui.key(app, pygame.K_ESCAPE)  # (Esc: keep going)
    assert app.top is scene and scene.flags
    scene.flags.clear()
    ui.key(app, pygame.K_ESCAPE)  # nothing flagged on this chat: nothing to lose, no question
    assert app.top.name == "session"


def test_a_quiz_option_out_of_view_is_shown_before_its_number_answers(make_app, ui):
    """At 1024x600 with 200 % text the options run below the window: a number key first brings
    its option into view (with the focus), and only a second press answers."""
    app = make_app((1024, 600), text_size=200)
    start_session(app, ui)
    add_group(app, ui, "Owls")
    quiz = app.top
    assert quiz.name == "check"
    app.step([], 2.0)  # read the question first (a new one ignores answers for a moment)
    options = sorted((t for t in quiz.targets if getattr(t, "name", "").startswith("option-")),
                     key=lambda t: t.name)
    hidden = [n for n, t in enumerate(options) if not (t.rect.h and quiz.view.contains(t.rect))]
    assert hidden, "an option below the window at this size"
    n = hidden[-1]
    ui.key(app, pygame.K_1 + n)
    app.step([], 0.1)
    assert quiz.answered is None and quiz.ui.focused is options[n] and quiz.view.contains(options[n].rect)
    ui.key(app, pygame.K_1 + n)
    assert quiz.answered is not None and quiz.answered[0] == quiz.order[n]


def test_a_full_disk_during_the_checks_is_said_and_nothing_entered_is_lost(make_app, ui, monkeypatch):
    """The results can't be written (a full disk, a drive pulled out): the page says "Not being
    saved", the group's flags stay on screen, and Done tries again once the disk has room."""
    from game.classroom.store import StoreError

    app = make_app()
    scene = to_spot_check(app, ui, "Ravens")
    run = scene.run
    ui.key(app, pygame.K_RETURN)
    app.step([], 1.5)
    ui.key(app, pygame.K_f)
    chat, flags = scene.chat, dict(scene.flags)
    real = run.spot

    def full(*_a, **_k):
        raise StoreError("cannot write results: database or disk is full", "full")

    monkeypatch.setattr(run, "spot", full)
    ui.key(app, pygame.K_RETURN)
    assert app.top is scene and scene.chat is chat and scene.flags == flags
    assert "Not being saved." in ui.texts(app)
    monkeypatch.setattr(run, "spot", real)  # room again
    ui.key(app, pygame.K_RETURN)
    assert scene.chat is not chat and chat.id in run.judged("pre")


def test_a_full_disk_during_the_quiz_asks_the_question_again(make_app, ui, monkeypatch):
    from game.classroom.store import StoreError

    app = make_app()
    start_session(app, ui)
    add_group(app, ui, "Crows")
    quiz = app.top
    app.step([], 2.0)
    question = quiz.question

    def full(*_a, **_k):
        raise StoreError("cannot write results: database or disk is full", "full")

    real = quiz.run.answer
    monkeypatch.setattr(quiz.run, "answer", full)
    ui.key(app, pygame.K_1)
    assert app.top is quiz and quiz.answered is None and quiz.question is question
    assert "Not being saved." in ui.texts(app)
    monkeypatch.setattr(quiz.run, "answer", real)  # room again: the answer is saved
    ui.key(app, pygame.K_1)
    kept = quiz.answered
    assert kept is not None and "Answer saved. You can change it until you go on." in ui.texts(app)
    monkeypatch.setattr(quiz.run, "answer", full)  # full again as the group changes its mind
    ui.key(app, pygame.K_2)
    shown = ui.texts(app)
    assert quiz.answered == kept and "✓ " + question.options[kept[0]].get("en") in shown
    assert "Answer saved" not in shown  # (it was, but the change wasn't: "saved" read as the new pick)
    assert "Your change was not saved. The answer kept is the one marked ✓: pick again to try once more." in shown
    assert [a.answer for a in app.classroom.store.answers(quiz.run.info.id)] == [kept[0]]
    monkeypatch.setattr(quiz.run, "answer", real)
    ui.key(app, pygame.K_2)
    assert quiz.answered[0] == quiz.order[1] and "Answer saved. You can change it" in ui.texts(app)


def test_a_group_can_change_its_answer_before_it_goes_on(make_app, ui):
    """Before the stories a pick is saved at once and another pick replaces it (one answer
    stored, the last); after the stories a pick is only chosen until "Check my answer", and once
    explained it can't be changed."""
    app = make_app()
    start_session(app, ui)
    add_group(app, ui, "Herons")
    quiz = app.top
    run, q = quiz.run, quiz.question
    app.step([], 1.5)
    ui.key(app, pygame.K_1)
    first = quiz.order[0]
    assert quiz.answered is not None and quiz.answered[0] == first
    assert "Answer saved. You can change it until you go on." in ui.texts(app)
    ui.key(app, pygame.K_2)  # the group changes its mind
    second = quiz.order[1]
    assert quiz.answered == (second, second == q.correct_index) and quiz.question is q
    assert run.answered("pre") == {q.id: second}
    assert "✓ " + q.options[second].get("en") in ui.texts(app)
    assert [a.answer for a in app.classroom.store.answers(run.info.id)] == [second]  # replaced, not added
    # after the stories: the check after (the other form), opened as the session opens it
    app.open("check", run, run.check_step("post"))
    quiz = app.top
    q = quiz.question
    app.step([], 0.1)  # (the frame that shows it doesn't count)
    app.step([], 1.5)
    ui.key(app, pygame.K_1)
    ui.key(app, pygame.K_3)
    assert quiz.answered is None and quiz.chosen == quiz.order[2] and run.answered("post") == {}
    assert "Check my answer" in ui.texts(app)
    ui.key(app, pygame.K_RETURN)
    assert quiz.answered is not None and quiz.answered[0] == quiz.order[2]
    ui.key(app, pygame.K_1)  # explained: too late to change
    assert quiz.answered[0] == quiz.order[2] and run.answered("post") == {q.id: quiz.order[2]}


def test_pages_read_from_their_heading_open_at_the_top_with_enter_ready(make_app, ui):
    """At 1024×600 and 200 % the spot check's intro and the roles card are taller than the window:
    they open at their heading (not scrolled down to their button), and Enter still starts."""
    app = make_app((1024, 600), text_size=200)
    scene = to_spot_check(app, ui)
    start = ui.find_target(scene, "start")
    assert scene.offset == 0 and scene.ui.focused is start and not scene.view.contains(start.rect)
    ui.key(app, pygame.K_RETURN)
    assert app.top is scene and not scene.intro
    while app.top.name == "spot-check":  # through the chats (nothing flagged: Done asks once)
        app.step([], 2.5)
        ui.key(app, pygame.K_RETURN)
        if app.top.name == "spot-check" and app.top.empty_asked is not None:
            ui.key(app, pygame.K_RETURN)
    assert app.top.name == "roles"
    roles = app.top
    assert roles.offset == 0 and roles.ui.focused is roles.start_button
    ui.key(app, pygame.K_RETURN)
    assert app.top.name == "chat"


def test_an_answer_is_timed_when_it_is_given_not_at_the_last_frame(make_app, ui):
    """The game draws nothing while a group reads a question (no frame for seconds): the answer
    that comes 8 s later is stored as about 9 s, not the second or so before the last frame (the
    research file's times); the window's pacing still moves by the capped `dt`."""
    app = make_app()
    start_session(app, ui)
    add_group(app, ui, "Kestrels")
    quiz = app.top
    run, q = quiz.run, quiz.question
    app.step([], 0.5, gap=0.5)
    app.step([], 0.5, gap=0.6)  # 1.1 s: the question can be answered; the window then sleeps
    assert quiz.ready and quiz.wake_after() is None
    press = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1", scancode=0)
    app.step([press], 0.5, gap=8.0)  # the group talked it over for 8 s
    stored = [a for a in app.classroom.store.answers(run.info.id) if a.question_id == q.id]
    assert len(stored) == 1 and 9000 <= stored[0].ms <= 9200, stored


def test_a_flag_made_by_keyboard_shows_its_mark_whole(make_app, ui):
    """At 1024×600 and 200 %, the last message of a chat reached with the arrow keys and flagged
    with F: the "Flagged" line it gains under it is scrolled into view, not left under the
    window's edge (it was, at 150 % and 200 %)."""
    app = make_app((1024, 600), text_size=200)
    scene = to_spot_check(app, ui)
    ui.key(app, pygame.K_RETURN)
    app.step([], 1.5)
    last = [m for m in messages(scene) if not m.own][-1]  # (the group's own can't be flagged)
    while scene.ui.focused is not last:
        ui.key(app, pygame.K_DOWN)
    ui.key(app, pygame.K_f)
    assert last.index in scene.flags
    assert "🚩 Flagged" in ui.texts(app)  # (a text cut by the window's edge is not counted as drawn)
