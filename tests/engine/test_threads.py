"""Threads (format 2): several conversations on one phone. Messages carry their thread, beats
open new ones, format 1 stories stay one implicit thread with unchanged fingerprints, and the
validator names unknown, wrongly used and empty threads (RF047, RF048, RF049)."""

from __future__ import annotations

from game.engine.model import MAIN_THREAD
from game.engine.paths import play
from game.engine.runtime import Action, MessageEvent, Playthrough
from game.terminal import Walker

from .conftest import DATA, PHONE
from .conftest import checked as _checked


def checked(text: str, library, name: str = "phone.yaml"):
    return _checked(text, library, name)


def test_messages_carry_their_thread(phone):
    pt = Playthrough(phone)
    shown = [e for e in pt.run_until_input() if isinstance(e, MessageEvent)]
    assert [e.thread for e in shown] == ["crew", "nova", "nova"]  # no `thread:`: the first declared
    assert pt.threads == ("nova", "crew", "mom")  # nova2 opens later
    assert [e.thread for e in pt.replay() if isinstance(e, MessageEvent)] == ["crew", "nova", "nova"]


def test_a_beat_opens_a_thread_once_and_the_hook_hears_it(phone):
    heard: list[Action] = []
    pt = Playthrough(phone, on_action=heard.append)
    pt.run_until_input()
    pt.choose(0)  # screenshot
    pt.run_until_input()
    pt.choose(0)  # block: a new account appears
    assert pt.threads == ("nova", "crew", "mom", "nova2")
    assert [(a.kind, a.thread) for a in heard if a.kind == "open"] == [("open", "nova2")]
    ev = pt.next()
    assert isinstance(ev, MessageEvent) and ev.thread == "nova2"
    saved = pt.state.to_json()
    again = Playthrough.restore(phone, saved)
    assert again.threads == pt.threads
    pt.rewind()  # back before the block: the new account is gone again
    assert "nova2" not in pt.threads


def test_format_1_is_one_implicit_thread_with_its_old_fingerprint(library):
    minimal = checked((DATA / "minimal.yaml").read_text(encoding="utf-8"), library, "minimal.yaml").scenario
    tools = checked((DATA / "writer-tools.yaml").read_text(encoding="utf-8"), library,
                    "writer-tools.yaml").scenario
    assert minimal.fingerprint == "718a2c641efdc046" and tools.fingerprint == "cc3e586d38cc0106"
    pt = Playthrough(minimal)
    assert pt.threads == (MAIN_THREAD,)
    assert {e.thread for e in pt.run_until_input() if isinstance(e, MessageEvent)} == {MAIN_THREAD}


def test_format_1_stories_are_one_implicit_thread(library):
    """A story without threads (format 1) is one conversation: nothing about it changed."""
    plain = [sc for sc in library.playable().values() if sc.format == 1]
    assert len(plain) >= 10  # most shipped stories are still format 1
    for sc in plain:
        assert not sc.threads
        assert Playthrough(sc).threads == (MAIN_THREAD,)


def test_new_keys_change_the_fingerprint_only_when_used(phone):
    from game.engine.model import _unchanged_by_later_keys

    plain = phone.model_copy(update={"threads": {}})
    assert plain.fingerprint != phone.fingerprint
    # a thread's `app:` (a later key): stories that don't use it keep the fingerprint they had
    hashed = _unchanged_by_later_keys(phone, phone.model_dump(mode="json"))
    assert hashed["threads"]["nova2"] == {"members": "nova", "title": {"en": "nova_x_2", "fr": "nova_x_2"},
                                          "kind": "dm", "opens": "later"}
    moved = phone.threads["nova2"].model_copy(update={"app": "FaceLoop"})
    other = phone.model_copy(update={"threads": phone.threads | {"nova2": moved}})
    assert other.fingerprint != phone.fingerprint and other.app_of("nova2") == "FaceLoop"


def test_walk_names_the_thread_when_it_changes(phone, library):
    out: list[str] = []
    answers = iter(["1", "1", "1"])
    Walker(phone, library, read=lambda _p: next(answers), write=out.append).play()
    text = "\n".join(out)
    assert text.count("=> Thread: Skate crew") == 1 and "=> Thread: nova_x_2" in text
    assert "=> Thread: Mom" in text and "you did the right thing" in text.lower()
    assert "* Your action (screenshot): (take a screenshot of the chat)" in text
    assert "* Your action (block): " in text and "What you did: " in text


def _codes(text: str, library) -> dict[str, str]:
    return {d.code: str(d) for d in checked(text, library).diagnostics}


def test_unknown_thread_is_an_error(library):
    found = _codes(PHONE.replace("thread: crew", "thread: krew"), library)
    assert "RF047" in found and "did you mean 'crew'" in found["RF047"]
    assert "RF047" in _codes(PHONE.replace("to: mom,", "to: mum,", 1), library)
    assert "RF047" in _codes(PHONE.replace("open: nova2", "open: nova3"), library)


def test_a_character_outside_the_thread_is_a_warning(library):
    found = checked(PHONE.replace("thread: crew", "thread: mom"), library)
    assert "RF048" in {d.code for d in found.diagnostics} and found.ok


def test_an_unused_thread_is_a_warning(library):
    text = PHONE.replace("  nova2: {with: nova", "  empty: {with: lee}\n  nova2: {with: nova")
    found = checked(text, library)
    assert [d.code for d in found.diagnostics] == ["RF049"] and found.ok


def test_a_thread_with_an_unknown_character(library):
    assert "RF020" in _codes(PHONE.replace("crew: {with: [lee, ari]", "crew: {with: [lee, aria]"), library)


def test_format_1_files_still_play_every_path_unchanged(library):
    minimal = checked((DATA / "minimal.yaml").read_text(encoding="utf-8"), library, "minimal.yaml").scenario
    pt = play(minimal, [0])
    assert pt.state.acts == [] and pt.state.opened == []


def test_format_2_keys_in_a_format_1_story_ask_for_format_2(library):
    found = _codes(PHONE.replace("format: 2", "format: 1"), library)
    assert "RF008" in found and "format: 2" in found["RF008"]


def test_a_real_apps_name_is_a_warning_where_a_story_names_an_app(library):
    """RF056: stories happen on fictional apps: the story's, a thread's `app:`, and its texts
    (a word that is also an app's name, like "snap", is not on the list)."""
    found = _codes(PHONE.replace("nova2: {with: nova,", "nova2: {with: nova, app: Instagram,"), library)
    assert "RF056" in found and found["RF056"].startswith("phone.yaml:23:28: warning RF056: 'Instagram' is a real app")
    assert "RF056" in _codes(PHONE.replace("name: SnapNest", "name: TikTok"), library)
    assert "'YouTube' is a real app (en)" in _codes(PHONE.replace("ur so funny in ur videos", "ur so funny on YouTube"),
                                                    library)["RF056"]
    assert "RF056" not in _codes(PHONE, library)  # SnapNest, a fictional name that starts like one
    assert "RF056" not in _codes(PHONE.replace("ur so funny in ur videos", "oh snap, ur so funny"), library)
