"""One timing model: how long each message and the ending wait, as the chat plays them and as
`check`'s play-time estimate adds them up (they used to disagree)."""

from __future__ import annotations

import pytest

from game.authoring import stats
from game.engine import pacing
from game.engine.model import LocalText, Message
from game.engine.paths import all_paths
from game.engine.runtime import EndingEvent, MessageEvent


def msg(text: str = "hello there", sender: str = "kai", **kw) -> Message:
    return Message(sender=sender, text=LocalText(en=text, fr=text), **kw)


def test_a_message_waits_its_pause_then_types_for_its_length():
    short, long = msg("ok"), msg("x" * 1000)
    assert pacing.pause_seconds(short) == pacing.DEFAULT_PAUSE
    assert pacing.typing_seconds(short, "en") == pacing.TYPING_MIN
    assert pacing.typing_seconds(long, "en") == pacing.TYPING_MAX
    middle = msg("y" * 40)
    assert pacing.typing_seconds(middle, "en") == pytest.approx(40 * pacing.TYPING_PER_CHAR)


def test_what_the_writer_sets_wins_except_typing_for_the_player_and_system_lines():
    m = msg(pause=2.0, typing=3.0)
    assert (pacing.pause_seconds(m), pacing.typing_seconds(m, "en")) == (2.0, 3.0)
    for sender in ("you", "system"):
        assert pacing.typing_seconds(msg(sender=sender, typing=3.0), "en") == 0.0


def test_the_speed_setting_scales_the_whole_wait_and_instant_waits_for_nothing():
    m = msg(pause=1.0, typing=2.0)
    assert pacing.message_delay(m, "en") == pacing.Delay(typing=2.0, total=3.0)
    assert pacing.message_delay(m, "en", 0.5) == pacing.Delay(typing=1.0, total=1.5)
    assert pacing.message_delay(m, "en", 0.0) == pacing.Delay(typing=0.0, total=0.0)
    assert pacing.ending_delay(2.0) == 2 * pacing.ENDING_DELAY and pacing.ending_delay(0.0) == 0.0


def test_the_play_time_estimate_counts_the_games_own_waits(library):
    sc = library.playable()["game-teammate"]
    events = all_paths(sc)[0].events
    messages = [ev for ev in events if isinstance(ev, MessageEvent)]
    first = messages[0]
    alone = stats.estimate_seconds(sc, [first])
    m = first.message
    reading = stats.reading_seconds(m.text) + (stats.reading_seconds(m.attachment.alt) if m.attachment else 0)
    if m.flag is not None or m.note is not None:
        reading += stats.FLAG_SECONDS + stats.reading_seconds(m.flag.why if m.flag else m.note)
    assert alone == pytest.approx(pacing.message_delay(m, "en").total + reading)
    ending = next(ev for ev in events if isinstance(ev, EndingEvent))
    with_wait = stats.estimate_seconds(sc, [ending])
    d = sc.debrief
    e = ending.ending
    read = stats.reading_seconds(e.title, e.text, d.summary, *d.questions, *d.real_life)
    assert with_wait == pytest.approx(pacing.ENDING_DELAY + stats.DEBRIEF_SECONDS + read)
