"""A format 2 story on the phone: the header follows the open thread, a message in another thread
is counted unread with a notice, `]` switches threads and reads it, a format 1 story has no thread
strip, and the debrief says what the player did."""

from __future__ import annotations

import pygame

from .conftest import click, key, reply_button, texts


def open_phone(make_app, phone, size=(1280, 720)):
    app = make_app(size)
    app.open("chat", phone)
    for _ in range(6):
        app.step([], 0.5)
    return app, app.top


def test_the_header_follows_the_open_thread(make_app, phone):
    app, chat = open_phone(make_app, phone)
    assert chat.threads.enabled and chat.threads.open == "nova"
    assert chat.who()[0] == "nova_x"
    key(app, pygame.K_RIGHTBRACKET)
    assert chat.threads.open == "crew"
    name, members = chat.who()
    assert name == "Skate crew" and "Lee" in members and "Ari" in members
    shown = texts(app)
    assert "Skate crew" in shown and "who is nova_x? she followed all of us" in shown
    assert "send me 50 dollars" not in shown  # only the open thread's messages are listed


def test_a_message_in_another_thread_is_unread_with_a_notice(make_app, phone):
    app, chat = open_phone(make_app, phone)
    assert chat.threads.unread.get("crew") == 1
    assert chat.threads.notice is not None and chat.threads.notice[0] == "crew"
    shown = texts(app)
    assert "Lee: who is nova_x?" in shown  # the notice
    assert "Skate crew (1)" in shown  # the tab's unread count
    assert "New message in Skate crew" in chat.narration()
    click(app, chat.threads.notice_rect)  # the notice opens its thread
    assert chat.threads.open == "crew" and chat.threads.unread["crew"] == 0


def test_the_bracket_key_switches_threads_and_clears_unread(make_app, phone):
    app, chat = open_phone(make_app, phone)
    key(app, pygame.K_RIGHTBRACKET)
    assert chat.threads.open == "crew" and chat.threads.unread["crew"] == 0
    assert chat.threads.notice is None
    assert "Thread: Skate crew" in chat.narration()
    key(app, pygame.K_LEFTBRACKET)
    assert chat.threads.open == "nova"
    key(app, pygame.K_TAB, pygame.KMOD_CTRL)
    assert chat.threads.open == "crew"
    key(app, pygame.K_TAB, pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    assert chat.threads.open == "nova"


def test_a_tab_click_opens_its_thread_and_the_replies_say_which_they_answer(make_app, phone):
    app, chat = open_phone(make_app, phone)
    texts(app)
    tab = dict(chat.threads.tabs)["mom"]
    click(app, tab)
    assert chat.threads.open == "mom" and chat.who()[0] == "Mom"
    assert "Replying in nova_x" in texts(app)
    click(app, reply_button(app, chat, 0).rect)  # the screenshot: an action line in nova_x's thread
    assert chat.choices is not None and chat.threads.last == "nova"  # block or report it, next:
    assert chat.threads.open == "nova"  # the chat those replies answer opens with them
    assert any(it.kind == "action" for it in chat.log.items)
    key(app, pygame.K_RIGHTBRACKET)
    assert chat.threads.open == "crew"  # the player can still look elsewhere
    assert not any(it.kind == "action" for it in chat.log.items)


def test_a_format_1_story_has_no_thread_strip(make_app):
    app = make_app()
    app.start_scenario("game-teammate")
    app.step([], 0.5)
    chat = app.top
    assert not chat.threads.enabled and chat.threads.strip_height() == 0
    texts(app)
    assert chat.threads.tabs == []
    key(app, pygame.K_RIGHTBRACKET)
    assert "switch chats" not in texts(app)


def test_the_debrief_says_what_you_did(make_app, phone):
    app, chat = open_phone(make_app, phone)
    while chat.ending is None:
        chat.choose(chat.choices.options[0][0])  # screenshot, block, tell Mom
        for _ in range(6):
            app.step([], 0.5)
    chat.open_debrief()
    app.step([], 0.5)
    debrief = app.top
    assert debrief.name == "debrief"
    did = next(b for b in debrief.blocks if getattr(b, "name", "") == "did")  # below the lead cards
    debrief.offset = min(float(debrief._tops[debrief.blocks.index(did)]), debrief.max_offset())
    app.step([], 0.1)
    shown = texts(app)
    assert "What you did" in shown
    assert "You kept evidence" in shown



def test_telling_a_safe_adult_opens_their_chat(make_app, phone):
    """Choosing to tell Mom is going to Mom's chat: her calm answer is read where it arrives,
    not left behind an unread badge while the ending shows."""
    app, chat = open_phone(make_app, phone)
    while not any(c.act == "tell" for _i, c in chat.choices.options):
        chat.choose(chat.choices.options[0][0])  # screenshot, then block
        for _ in range(6):
            app.step([], 0.5)
    assert chat.threads.open != "mom"
    chat.choose(next(i for i, c in chat.choices.options if c.act == "tell"))
    assert chat.threads.open == "mom"
    for _ in range(8):
        app.step([], 0.5)
    assert chat.threads.unread.get("mom", 0) == 0
    assert "You did the right thing" in texts(app)


def test_telling_in_the_adults_own_chat_is_a_bubble_there(phone):
    """Words said to Mom in Mom's chat are the player's bubble; "(tell Mom)" from the stranger's
    chat is something done, an action line."""
    from game.engine.events import ReplyEvent
    from game.ui.scenes.chat.items import reply_item

    beat, tell = next((b, c) for b, bt in phone.beats.items() for c in bt.choices or () if c.act == "tell")
    assert tell.to == "mom"
    said = reply_item(ReplyEvent(5, beat, tell), "en", "mom")
    done = reply_item(ReplyEvent(5, beat, tell), "en", "nova")
    assert (said.kind, said.outgoing) == ("reply", True)
    assert (done.kind, done.outgoing) == ("action", False)


def test_read_aloud_says_a_reaction_and_seen(phone):
    from game.ui.scenes.chat import narration
    from game.ui.scenes.chat.items import Item

    mine = Item("reply", 3, "ok i'll tell my mom", thread="nova")
    assert "Seen" not in narration.item_speech(mine, phone, "en", {})
    mine.reaction, mine.seen = "❤️", True
    spoken = narration.item_speech(mine, phone, "en", {})
    assert "ok i'll tell my mom" in spoken
    assert spoken.endswith("Reaction: ❤️. Seen")


def test_replies_open_the_chat_they_answer(make_app, library):
    """The Assistant Coach starts in the team's group chat; the first replies answer Coach Ryan's
    private message, so his chat opens with them (never a reply to a chat the class can't see)."""
    app = make_app((1280, 720), lib=library)
    app.start_scenario("grooming-known-adult")
    chat = app.top
    assert chat.threads.open == chat.scenario.first_thread
    for _ in range(200):
        if chat.choices is not None:
            break
        app.step([], 0.5)
    assert chat.choices is not None
    assert chat.threads.last != chat.scenario.first_thread  # the replies are in another chat...
    assert chat.threads.open == chat.threads.last  # ...which is open
