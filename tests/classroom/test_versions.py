"""Results recorded on another version of a story: nothing crashes, nothing needs a purge.

A writer removes a message after groups played: the class debrief, the CSV, the PDF report and
the command line still work, say what they could not match, and count what was recorded; a
group's interrupted playthrough of the old version starts again, keeping the old record."""

from __future__ import annotations

import json

import pytest

from game.classroom.classdebrief import class_debrief
from game.classroom.exchange import export_csv, export_json, import_text
from game.classroom.report import write_report
from game.classroom.results_cmd import format_debrief
from game.classroom.session import ClassSession
from game.classroom.settings import ClassSettings
from game.classroom.store import SCHEMA_VERSION, ResultsStore
from game.engine.runtime import ChoicesEvent, PlayError, PlayState, Playthrough, incompatibility

from . import legacy
from .helpers import play_group


def edited(scenario):
    """The same story with its first message removed, as a writer's edit would."""
    beats = dict(scenario.beats)
    first = beats[scenario.start_beat]
    beats[scenario.start_beat] = first.model_copy(update={"messages": first.messages[1:]})
    return scenario.model_copy(update={"beats": beats})


def half_play(run):
    step = run.next_step()
    while step.kind != "scenario":
        for qid in step.unanswered:
            run.answer(step.phase, qid, 0)
        for chat in step.chats:
            run.spot(step.phase, chat.id, {})
        step = run.next_step()
    pt = run.play(step)
    while not isinstance(pt.next(), ChoicesEvent):
        pass
    return pt


@pytest.fixture
def changed(store, scenario, check, library):
    """Group A finished the old version, group B stopped half-way; then the story changed."""
    session = ClassSession.start(store, ClassSettings(class_label="7B", scenarios=[scenario.id]),
                                 {scenario.id: scenario}, check)
    play_group(session, "Alpha", seed=1, flag_rate=1.0)
    half_play(session.add_group("Beta"))
    new = edited(scenario)
    assert new.fingerprint != scenario.fingerprint
    return session, {scenario.id: new}


def test_class_debrief_counts_what_it_can_and_says_what_it_cant(store, changed, check, scenario):
    _session, now = changed
    model = class_debrief(store, now, check)
    (other,) = model.other_versions
    assert (other.scenario_id, other.groups, other.counted) == (scenario.id, 2, 1)
    alpha = next(g for g in model.groups if g.name == "Alpha")
    assert alpha.caught > 0 and alpha.max_points == 100
    assert sum(c.seen for c in model.categories) >= alpha.caught + alpha.missed
    assert not model.flags, "message-by-message rows only come from the version installed here"
    assert other.replies and all(s in ("safe", "risky", "unsafe") for _b, _i, s in other.replies)


def test_csv_pdf_and_command_line_work_and_tell_the_teacher(store, changed, check, scenario, library,
                                                            tmp_path):
    _session, now = changed
    csv_text = export_csv(store, now, check)
    assert "Alpha" in csv_text and "Beta" in csv_text
    model = class_debrief(store, now, check)
    text = format_debrief(model, library, "en")
    assert "2 groups played an older version of" in text and "1 of them did not finish" in text
    french = format_debrief(model, library, "fr")
    assert "version antérieure" in french
    out = write_report(model, now, library.taxonomy, tmp_path / "report.pdf")
    assert out.stat().st_size > 1000


def test_an_interrupted_old_version_starts_again_and_keeps_the_old_record(store, changed, check, scenario):
    session, now = changed
    reopened = ClassSession.open(store, session.id, now, check)
    beta = next(r for r in reopened.groups() if r.info.name == "Beta")
    old = [p.id for p in beta.playthroughs()]
    step = beta.next_step()
    assert step.kind == "scenario" and step.restarted and step.resume is None
    with pytest.raises(PlayError, match="another version"):
        store.resume(old[0], now[scenario.id])
    pt = beta.play(step)
    assert pt.state.fingerprint == now[scenario.id].fingerprint
    assert set(old) < {p.id for p in beta.playthroughs()}, "the old record is kept"


def test_export_import_keeps_fingerprints_and_old_files_still_import(store, changed, tmp_path, scenario, check):
    text = export_json(store)
    doc = json.loads(text)
    assert doc["version"] == 4
    assert all(p["fingerprint"] == scenario.fingerprint for p in doc["data"]["playthroughs"])
    other = ResultsStore(tmp_path / "other.sqlite3")
    assert import_text(other, text).ok
    # a version-1 file: a state with every action, and no fingerprints
    laptop, live = ResultsStore(tmp_path / "laptop.sqlite3"), legacy.Live()
    session = ClassSession.start(laptop, ClassSettings(scenarios=[scenario.id]), {scenario.id: scenario}, check)
    legacy.play(session.add_group("Alpha"), live, seed=1)
    doc = json.loads(legacy.file(laptop, live, 2))
    for p in doc["data"]["playthroughs"]:
        del p["fingerprint"]
    from game.classroom.exchange import checksum

    doc["version"], doc["checksum"] = 1, checksum(doc["data"])
    third = ResultsStore(tmp_path / "third.sqlite3")
    report = import_text(third, json.dumps(doc))
    assert report.ok, report.error
    assert {p.state.fingerprint for p in third.playthroughs()} == {scenario.fingerprint}


def test_play_state_reads_old_and_unknown_and_refuses_damage(scenario):
    pt = Playthrough(scenario)
    pt.next()
    saved = json.loads(pt.state.to_json())
    assert saved["version"] == 2 and saved["fingerprint"] == scenario.fingerprint
    newer_minor = dict(saved, some_new_key=[1, 2])
    assert PlayState.from_json(json.dumps(newer_minor)).transcript == pt.state.transcript
    v1 = {k: v for k, v in saved.items() if k not in ("version", "fingerprint")}
    old = PlayState.from_json(json.dumps(v1))
    assert incompatibility(scenario, old) is None
    assert Playthrough(scenario, old).state.fingerprint == scenario.fingerprint
    for bad in ("", "[]", "{", json.dumps(dict(saved, version=99)), json.dumps(dict(saved, version=True)),
                json.dumps(dict(saved, transcript=[{"kind": "x"}])), json.dumps(dict(saved, flags=[1])),
                "[" * 5000):
        with pytest.raises(PlayError):
            PlayState.from_json(bad)
    moved = PlayState.from_json(json.dumps(dict(v1, transcript=[{"kind": "message", "beat": "nope",
                                                                  "index": 0}])))
    with pytest.raises(PlayError, match="changed"):
        Playthrough(scenario, moved)


def test_a_version_1_database_is_upgraded_in_place(tmp_path, scenario):
    fresh, live = ResultsStore(tmp_path / "played.sqlite3"), legacy.Live()
    gid = fresh.add_group(fresh.new_session({}, "7B"), "Alpha", 3)
    pt = fresh.start_playthrough(gid, scenario)
    live.watch(pt)
    pt.next()
    path = legacy.database(fresh, live, tmp_path / "results.sqlite3", version=1)
    upgraded = ResultsStore(path)
    assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    (info,) = upgraded.unfinished()
    resumed = upgraded.resume(info.id, scenario)
    assert resumed.state.transcript == pt.state.transcript
    resumed.next()  # the store stays usable after the upgrade
    assert upgraded.integrity() == "ok"
