"""The app's report sheet and the evidence gallery, played through the real App: a report reply
asks why (keys, arrows, mouse), Esc cancels without taking the reply, the pick reaches the engine;
G and the "Evidence (n)" button open the gallery of what the screenshots caught; both read aloud
and fit a small window with big text."""

from __future__ import annotations

import pygame
import pytest


def after_screenshot(make_app, ui, phone, size=(1280, 720), **settings):
    """The chat once the screenshot (reply 1) is taken: offered block (1) and report (2)."""
    app = make_app(size, **settings)
    app.open("chat", phone)
    chat = app.top
    for _ in range(6):
        app.step([], 0.5)
    ui.key(app, pygame.K_1)  # take a screenshot
    for _ in range(6):
        app.step([], 0.5)
    assert [c.act for _i, c in chat.choices.options] == ["block", "report"]
    return app, chat


def fits(app, ui, where: str) -> None:
    """Every text drawn lies inside its box and the window (nothing cut or off screen)."""
    screen = app.screen.get_rect()
    rows = ui.recorded(app)
    assert rows, where
    for rect, box, text in rows:
        assert box.inflate(2, 2).contains(rect), (where, text, rect, box)
        assert rect.left >= 0 and rect.right <= screen.right, (where, text)


def test_a_report_asks_why_by_keyboard_and_takes_the_pick(make_app, ui, phone):
    app, chat = after_screenshot(make_app, ui, phone)
    before = len(chat.pt.state.transcript)
    ui.key(app, pygame.K_2)  # (report nova_x for threats)
    sheet = app.top
    assert sheet.name == "report" and len(chat.pt.state.transcript) == before  # asked first, not taken yet
    for key in (pygame.K_2, pygame.K_1, pygame.K_3):  # the reply's number again, or mashed: too soon
        ui.key(app, key, dt=0.2)
    assert sheet.picked is None and app.top is sheet
    app.step([], 0.5)  # a second after it opened
    shown = ui.texts(app)
    assert "Report nova_x?" in shown and "Why are you reporting?" in shown
    assert "3   Threats" in shown and "5   Pretending to be someone else" in shown
    assert sheet.ui.focused is None  # no reason is suggested by the focus
    ui.key(app, pygame.K_4)  # Spam or scam
    shown = ui.texts(app)
    assert "✓ Thanks. SnapNest's safety team reviews reports. nova_x won't know it was you." in shown
    assert "You reported it as: Spam or scam" in shown
    ui.key(app, pygame.K_1)  # a number after the pick changes nothing
    ui.key(app, pygame.K_RETURN)  # Back to the chat
    assert app.top is chat and chat.choices.beat == "reported"  # the story went on (instant speed)
    reply = chat.pt.state.transcript[-1]
    assert reply.kind == "reply" and reply.reason == "spam"
    assert [(a.kind, a.reason) for a in chat.pt.state.acts] == [("screenshot", None), ("report", "spam")]
    assert "(report nova_x for threats)" in ui.texts(app)  # the action line, as before


def test_the_arrows_and_enter_pick_a_reason(make_app, ui, phone):
    app, chat = after_screenshot(make_app, ui, phone)
    ui.key(app, pygame.K_2)
    sheet = app.top
    app.step([], 1.0)  # (nothing is picked in the sheet's first second)
    for _ in range(3):
        ui.key(app, pygame.K_DOWN)
    assert sheet.ui.focused is ui.find_target(sheet, "reason-threats")
    assert ui.focus_rings(app)  # the focus shows
    ui.key(app, pygame.K_LEFT)
    assert sheet.ui.focused is ui.find_target(sheet, "reason-nudity")
    ui.key(app, pygame.K_RIGHT)
    ui.key(app, pygame.K_RETURN)
    assert sheet.picked == "threats" and sheet.ui.focused is ui.find_target(sheet, "done")
    ui.key(app, pygame.K_ESCAPE)  # after the pick, Esc only closes the thanks: the report is made
    assert app.top is chat and chat.pt.state.transcript[-1].reason == "threats"


def test_esc_cancels_and_the_reply_is_not_taken(make_app, ui, phone):
    app, chat = after_screenshot(make_app, ui, phone)
    before = chat.pt.state.to_json()
    ui.key(app, pygame.K_2)
    assert app.top.name == "report"
    ui.key(app, pygame.K_ESCAPE)
    assert app.top is chat and chat.choices is not None
    assert chat.pt.state.to_json() == before and [a.kind for a in chat.pt.state.acts] == ["screenshot"]
    ui.key(app, pygame.K_2)  # asked again
    sheet = app.top
    ui.click(app, ui.find_target(sheet, "cancel").rect)
    assert app.top is chat and chat.pt.state.to_json() == before


def test_the_mouse_reports_too(make_app, ui, phone):
    app, chat = after_screenshot(make_app, ui, phone)
    ui.click(app, ui.reply_button(app, chat, 1).rect)
    sheet = app.top
    assert sheet.name == "report"
    app.step([], 0)
    ui.click(app, ui.find_target(sheet, "reason-pretending").rect)  # a click as it opens: too soon
    assert sheet.picked is None
    app.step([], 1.0)
    ui.click(app, ui.find_target(sheet, "reason-pretending").rect)
    app.step([], 0)
    ui.click(app, ui.find_target(sheet, "done").rect)
    assert app.top is chat and chat.pt.state.transcript[-1].reason == "pretending"


def test_the_sheet_reads_aloud(make_app, ui, phone):
    app, chat = after_screenshot(make_app, ui, phone)
    ui.key(app, pygame.K_2)
    sheet = app.top
    app.step([], 1.0)  # (nothing is picked in the sheet's first second)
    said = sheet.narration()
    assert said[0] == "Report nova_x? Why are you reporting?" and len(said) == 6
    assert said[3].startswith("3. Threats. Someone says they will hurt you")
    assert sheet.narration() is None  # said once
    assert "Report nova_x?" in sheet.describe()
    ui.key(app, pygame.K_DOWN)
    assert sheet.describe().startswith("1   Harassment or bullying")
    ui.key(app, pygame.K_3)
    assert sheet.narration() == ["Thanks. SnapNest's safety team reviews reports. nova_x won't know it was you."]


def test_the_gallery_opens_with_g_and_shows_what_was_caught(make_app, ui, phone):
    app = make_app()
    app.open("chat", phone)
    chat = app.top
    for _ in range(6):
        app.step([], 0.5)
    ui.key(app, pygame.K_g)
    assert app.top is chat and chat.gallery.buttons() == []  # no screenshot yet: no gallery
    assert "Evidence" not in ui.texts(app)
    ui.key(app, pygame.K_1)  # take a screenshot
    for _ in range(6):
        app.step([], 0.5)
    assert "Evidence (1)" in ui.texts(app)
    ui.key(app, pygame.K_g)
    gallery = app.top
    assert gallery.name == "evidence"
    shown = ui.texts(app)
    assert "1 screenshot" in shown and "nova_x" in shown and "Screenshot 1" in shown
    assert gallery.narration() == ["Evidence. 1 screenshot"]
    ui.key(app, pygame.K_TAB)
    card = ui.find_target(gallery, "shot-1")
    assert gallery.ui.focused is card
    assert "nova_x: send me 50 dollars in gift cards" in gallery.describe()  # the thumbnail speaks
    ui.key(app, pygame.K_RETURN)  # open it large
    shown = ui.texts(app)
    assert "ur so funny in ur videos" in shown and "send me 50 dollars in gift cards or I post our chat everywhere" in shown
    assert "who is nova_x" not in shown  # Lee wrote in another conversation
    assert gallery.narration()[0].startswith("Screenshot 1 of nova_x. nova_x: ur so funny")
    ui.key(app, pygame.K_ESCAPE)  # back to all of them, the one just seen in focus
    assert app.top is gallery and gallery.shown is None and gallery.ui.focused.name == "shot-1"
    ui.key(app, pygame.K_ESCAPE)
    assert app.top is chat


def test_the_evidence_button_opens_the_gallery_and_is_in_the_tab_ring(make_app, ui, phone):
    app, chat = after_screenshot(make_app, ui, phone)
    app.step([], 0)
    assert chat.gallery in chat._buttons()
    ui.click(app, chat.gallery.rect)
    assert app.top.name == "evidence"
    ui.click(app, ui.find_target(app.top, "shot-1").rect)
    assert app.top.shown == 0
    ui.click(app, ui.find_target(app.top, "all").rect)
    assert app.top.shown is None


@pytest.mark.parametrize("size,text", [((1024, 600), 200), ((1280, 720), 100), ((1024, 600), 100)])
def test_both_fit_a_small_window_and_big_text(make_app, ui, phone, size, text):
    app, chat = after_screenshot(make_app, ui, phone, size, text_size=text)
    ui.key(app, pygame.K_2)
    sheet = app.top
    app.step([], 1.0)  # (nothing is picked in the sheet's first second)
    fits(app, ui, f"report {size} {text}%")
    ui.key(app, pygame.K_END)
    app.step([], 0)
    assert sheet.view.contains(ui.find_target(sheet, "cancel").rect)  # scrolled to the last
    ui.key(app, pygame.K_5)
    fits(app, ui, f"thanks {size} {text}%")
    ui.key(app, pygame.K_RETURN)
    ui.key(app, pygame.K_g)
    fits(app, ui, f"gallery {size} {text}%")
    ui.key(app, pygame.K_TAB)
    ui.key(app, pygame.K_RETURN)
    fits(app, ui, f"screenshot {size} {text}%")


def test_what_you_did_names_the_reason_and_the_better_one(phone):
    from game.engine.deeds import what_you_did
    from game.engine.runtime import Playthrough
    from game.ui.scenes.debrief import did_lines

    def lines(reason):
        pt = Playthrough(phone)
        pt.run_until_input()
        pt.choose(0)  # screenshot
        pt.run_until_input()
        pt.choose(1, reason)  # report
        return [text.strip() for _tone, text in did_lines(what_you_did(phone, pt.state))]

    other = lines("spam")
    assert "✓ You reported the account" in other and "You reported it as: Spam or scam" in other
    assert ("Best reason here: Threats (Someone says they will hurt you or share something unless you do "
            "what they want)") in other
    fit = lines("threats")
    assert "You reported it as: Threats" in fit and not [t for t in fit if t.startswith("Best reason")]


def test_the_sheet_is_the_apps_own_in_its_colours(make_app, ui, phone):
    """The report is made in the app: its bar asks "Report <account>?" in the app's header colour,
    with its name (read aloud too); the high-contrast theme keeps its own colours."""
    from game.ui.apps import app_color, app_style

    whisprr = phone.model_copy(update={"platform": phone.platform.model_copy(update={"name": "Whisprr"})})
    app, chat = after_screenshot(make_app, ui, whisprr)
    ui.key(app, pygame.K_2)
    sheet = app.top
    app.step([], 0)
    bar = sheet.blocks[0]
    assert bar.speech == f"Whisprr. {sheet.question()}"
    top = app.screen.get_at((bar.rect.x + bar.rect.w // 2, bar.rect.y + 3))
    header = app_color(app_style("Whisprr"), "header_bg")
    assert top == header and header != app.screen.get_at((bar.rect.x + bar.rect.w // 2, bar.rect.bottom + 3))


def test_a_thread_on_another_app_looks_like_it_and_reports_there(make_app, ui, library):
    """A thread with its own `app:` (the offender finds the player on another app): opening it
    shows that app's name and colours in the header and bubbles, the story's app again in the
    others; a report made from it goes to that app's safety team."""
    from pathlib import Path

    from game.engine.validate import check_source
    from game.ui.apps import app_color, app_style

    text = (Path(__file__).resolve().parents[1] / "data" / "phone.yaml").read_text(encoding="utf-8")
    text = text.replace("nova2: {with: nova, opens: later,", "nova2: {with: nova, opens: later, app: FaceLoop,")
    text = text.replace("""      - {text: {en: (mute the skate crew and go quiet)""", """      - {text: {en: (report the new account), fr: (signaler le nouveau compte)}, action: report, reason: threats, goto: told, safety: safe, feedback: {en: Reported., fr: Signalé.}}
      - {text: {en: (mute the skate crew and go quiet)""")
    result = check_source(text, "phone.yaml", library.taxonomy, library.resources)
    assert result.ok, [str(d) for d in result.diagnostics]
    app = make_app((1280, 720))
    app.open("chat", result.scenario)
    chat = app.top
    for key in (pygame.K_1, pygame.K_1):  # a screenshot, then block nova_x: nova2 opens on FaceLoop
        for _ in range(8):
            app.step([], 0.5)
        ui.key(app, key)
    for _ in range(8):
        app.step([], 0.5)
    assert chat.threads.open == "nova2" and chat.threads.style.name == "FaceLoop"
    faceloop, snapnest = app_style("FaceLoop"), app_style("SnapNest")
    assert faceloop.colors != snapnest.colors
    header = chat.geometry.geo["header"]
    assert app.screen.get_at((header.x + 4, header.bottom - 6)) == app_color(faceloop, "header_bg")
    assert "FaceLoop" in ui.texts(app)
    chat.threads.select("nova")  # the first account's chat: the story's app
    app.step([], 0.1)
    assert chat.threads.style.name == "SnapNest" and "FaceLoop" not in ui.texts(app)
    assert app.screen.get_at((header.x + 4, header.bottom - 6)) == app_color(snapnest, "header_bg")
    ui.key(app, pygame.K_2)  # (report the new account): about nova_x on FaceLoop
    assert app.top.name == "report" and "FaceLoop" in ui.texts(app)
    app.step([], 1.0)
    ui.key(app, pygame.K_3)
    assert "✓ Thanks. FaceLoop's safety team reviews reports. nova_x won't know it was you." in ui.texts(app)
