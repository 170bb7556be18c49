"""The app's report flow and the evidence gallery, engine side (format 2): the player picks the
report reason (`choose(i, reason=...)`), the pick is kept on the transcript (saved only when made),
the actions and the hook carry it, "what you did" says whether it fits without changing marks,
and `evidence_in` gives each screenshot with the lines it caught."""

from __future__ import annotations

import json

import pytest

from game.engine.deeds import what_you_did
from game.engine.paths import play
from game.engine.reports import (
    EVIDENCE_LINES,
    REASONS,
    REPORT_REASONS,
    account_name,
    evidence_in,
    reason,
    reason_fits,
    target_thread,
)
from game.engine.runtime import Action, PlayError, PlayState, Playthrough, ReplyEvent

from .conftest import PHONE, checked


def at_report(phone, on_action=None) -> Playthrough:
    """phone.yaml after the screenshot, offered "block" (0) and "report for threats" (1)."""
    pt = Playthrough(phone, on_action=on_action)
    pt.run_until_input()
    pt.choose(0)
    pt.run_until_input()
    assert pt.current_choices[1].act == "report" and pt.current_choices[1].reason == "threats"
    return pt


def test_the_reasons_are_the_formats_in_the_apps_order_with_words():
    assert tuple(r.id for r in REPORT_REASONS) == REASONS == ("harassment", "nudity", "threats", "spam",
                                                               "pretending")
    for r in REPORT_REASONS:
        assert r.label.get("en") and r.meant_for.get("en") and r.label.get("en") != r.meant_for.get("en")
    assert reason("threats").label.get("en") == "Threats"
    with pytest.raises(KeyError):
        reason("rudeness")


def test_the_picked_reason_is_kept_on_the_reply_its_act_and_its_event(phone):
    heard: list[Action] = []
    pt = at_report(phone, heard.append)
    reply = pt.choose(1, reason="pretending")
    assert reply.reason == "pretending" and reply.choice.reason == "threats"
    assert pt.state.transcript[reply.index].reason == "pretending"
    assert [(a.kind, a.reason) for a in pt.state.acts] == [("screenshot", None), ("report", "pretending")]
    choice, act = [a for a in heard if a.kind in ("choice", "act")][-2:]
    assert choice.event == act.event == reply and act.act == "report"
    replayed = [e for e in pt.replay() if isinstance(e, ReplyEvent)]
    assert replayed[-1].reason == "pretending"  # a resumed chat knows the pick too


def test_without_a_pick_the_storys_reason_stands(phone):
    pt = at_report(phone)
    reply = pt.choose(1)
    assert reply.reason is None and pt.state.transcript[-1].reason is None
    assert pt.state.acts[-1].reason == "threats"


def test_a_reason_only_goes_with_a_report_and_must_be_the_apps(phone):
    pt = at_report(phone)
    before = pt.state.to_json()
    with pytest.raises(PlayError, match="not a report"):
        pt.choose(0, reason="threats")  # block
    with pytest.raises(PlayError, match="not a report reason"):
        pt.choose(1, reason="rudeness")
    assert pt.state.to_json() == before  # nothing taken


def test_a_save_carries_the_pick_only_when_made(phone, library):
    pt = at_report(phone)
    plain = json.loads(pt.state.to_json())
    assert all("reason" not in e for e in plain["transcript"])  # as saves always were
    pt.choose(1, reason="spam")
    data = json.loads(pt.state.to_json())
    assert data["version"] == 2 and data["transcript"][-1]["reason"] == "spam"
    assert [("reason" in e) for e in data["transcript"]].count(True) == 1
    again = Playthrough.restore(phone, pt.state.to_json())
    assert again.state == pt.state and again.state.acts[-1].reason == "spam"
    assert again.state.to_json() == pt.state.to_json()


def test_format_1_saves_and_fingerprints_are_unchanged(library):
    from .conftest import MINIMAL

    minimal = checked(MINIMAL, library, "minimal.yaml").scenario
    pt = play(minimal, [0])
    text = pt.state.to_json()
    assert '"reason"' not in text
    assert json.loads(text)["transcript"][0] == {"beat": pt.state.transcript[0].beat, "index": 0,
                                                 "kind": "message"}
    assert Playthrough.restore(minimal, text).state.to_json() == text


def test_an_old_save_without_picks_loads_and_a_bad_pick_is_refused(phone):
    pt = at_report(phone)
    pt.choose(1, reason="spam")
    data = json.loads(pt.state.to_json())
    del data["transcript"][-1]["reason"]  # saved before the report sheet existed
    old = Playthrough(phone, PlayState.from_json(json.dumps(data)))
    assert old.state.acts[-1].reason == "threats"
    data["transcript"][-1]["reason"] = "rudeness"
    with pytest.raises(PlayError, match="damaged"):
        PlayState.from_json(json.dumps(data))
    data["transcript"][-1]["reason"] = "spam"
    data["transcript"][-2]["reason"] = "spam"  # on the screenshot: not a report
    with pytest.raises(PlayError, match="changed"):
        Playthrough(phone, PlayState.from_json(json.dumps(data)))


def test_rewind_keeps_the_reasons_picked_before(phone):
    pt = at_report(phone)
    pt.choose(1, reason="harassment")
    pt.run_until_input()
    pt.choose(0)  # tell Mom
    pt.rewind()
    assert pt.state.transcript[-1].reason == "harassment"
    assert pt.state.acts[-1].reason == "harassment"


def test_what_you_did_names_the_reason_and_whether_it_fits_but_marks_any_report(phone):
    def did(reason):
        pt = at_report(phone)
        pt.choose(1, reason=reason)
        return what_you_did(phone, pt.state)

    fit, other, unpicked = did("threats"), did("spam"), did(None)
    assert (fit.report_reason, fit.report_fits, fit.best_reason) == ("threats", True, "threats")
    assert (other.report_reason, other.report_fits, other.best_reason) == ("spam", False, "threats")
    assert (unpicked.report_reason, unpicked.report_fits) == ("threats", True)
    assert fit.reported and other.reported and fit.raw == other.raw == unpicked.raw
    no_report = what_you_did(phone, play(phone, [0, 0]).state)
    assert no_report.reported is False and no_report.report_reason is None and no_report.report_fits is None


def test_reason_fits_is_the_storys_reason_or_no_pick():
    assert reason_fits("threats", "threats") and reason_fits("threats", None) and reason_fits(None, "spam")
    assert not reason_fits("threats", "spam")


def test_evidence_holds_each_screenshot_with_what_it_caught(phone):
    pt = at_report(phone)
    shots = evidence_in(phone, pt.state)
    assert len(shots) == 1
    shot = shots[0]
    assert (shot.number, shot.thread) == (1, "nova")
    assert pt.state.transcript[shot.index].kind == "reply"
    # nova's two messages; Lee's, in the skate crew, is another conversation
    assert [(ln.sender, ln.text.get("en")[:12]) for ln in shot.lines] == [
        ("nova", "ur so funny "), ("nova", "send me 50 d")]
    assert [ln.name.get("en") for ln in shot.lines if ln.name] == ["nova_x", "nova_x"]
    assert not any(ln.outgoing for ln in shot.lines)
    assert account_name(phone, pt.state, "en") == "nova_x"
    assert evidence_in(phone, Playthrough(phone).state) == []


def test_a_screenshot_is_of_the_offender_even_after_a_friend_wrote(phone, library):
    text = PHONE.replace(
        "    choices:\n      - {text: {en: (take a screenshot",
        "      - {from: lee, thread: crew, text: {en: \"u ok?\", fr: \"ça va?\"}}\n"
        "    choices:\n      - {text: {en: (take a screenshot", 1)
    later = checked(text, library, "phone.yaml").scenario
    pt = Playthrough(later)
    pt.run_until_input()
    pt.choose(0)
    (shot,) = evidence_in(later, pt.state)
    assert shot.thread == "nova" and all(ln.sender == "nova" for ln in shot.lines)
    assert target_thread(later, pt.state.transcript, 1) == "crew"  # before nova wrote: the friend's


def test_a_screenshot_keeps_only_the_last_lines(phone, library):
    many = "".join(f"      - {{from: nova, text: {{en: \"line {n}\", fr: \"ligne {n}\"}}, time: \"9:{n:02d} PM\", "
                   f"note: {{en: ok, fr: ok}}}}\n" for n in range(10))
    text = PHONE.replace("    choices:\n      - {text: {en: (take a screenshot",
                         many + "    choices:\n      - {text: {en: (take a screenshot", 1)
    long = checked(text, library, "phone.yaml").scenario
    pt = Playthrough(long)
    pt.run_until_input()
    pt.choose(0)
    (shot,) = evidence_in(long, pt.state)
    assert len(shot.lines) == EVIDENCE_LINES
    assert [ln.text.get("en") for ln in shot.lines][-1] == "line 9"
    assert shot.clock("en") == "9:09\u00a0PM" and shot.clock("fr") == "21\u00a0h\u00a009"


def test_a_report_goes_to_the_app_the_reported_conversation_is_on(library, phone):
    """A thread may be on another app than the story's (`app:`): in *The Morning After* the
    player who deleted their Whisprr account is found on FaceLoop, so reporting him there is a
    report to FaceLoop; on every other path it is Whisprr's (though the report is chosen in Mom's
    texts: it is about the account). The thread's look follows (ui)."""
    from game.engine.paths import all_paths
    from game.engine.reports import report_app

    story = library.playable()["sextortion-after-image"]
    assert story.platform.name == "Whisprr" and story.threads["faceloop"].app == "FaceLoop"
    assert story.app_of("faceloop") == "FaceLoop" and story.app_of("rx") == story.app_of("nowhere") == "Whisprr"
    assert story.app_of("mom") == story.app_of("zoe") == "TextNest"  # "(text Mom)": the phone's texts
    seen = set()
    for path in all_paths(story):
        pt = Playthrough(story)
        for index in path.choices:
            pt.run_until_input()
            if pt.current_choices[index].act == "report":
                deleted = any(e.beat == "deleted" for e in pt.state.transcript)
                assert report_app(story, pt.state) == ("FaceLoop" if deleted else "Whisprr"), path.choices
                seen.add(deleted)
            pt.choose(index)
    assert seen == {True, False}  # both kinds of path report somewhere
    assert report_app(phone, at_report(phone).state) == "SnapNest"  # a story whose threads name no app
