"""`check`: every path, what is never reached, flags, play time, statistics, and transcripts."""

import json

import pytest

from game.authoring import stats, transcripts
from game.authoring.paths import analyse
from game.engine.paths import TooManyPaths, all_paths
from game.engine.runtime import MessageEvent

from .conftest import ROOT, SCENARIOS, merge


@pytest.fixture(scope="module")
def teammate(library):
    return library.playable()["game-teammate"]


def test_report_on_a_good_scenario(teammate):
    r = analyse(teammate)
    paths = all_paths(teammate)
    assert r.paths == len(paths) > 10
    by_beat = {e.beat: e for e in r.endings}
    assert set(by_beat) == {"agreed", "told-adult", "reported"}
    assert sum(e.paths for e in r.endings) == r.paths
    assert len(by_beat["told-adult"].shortest) == 4  # match, gems, switch-app, school
    assert by_beat["told-adult"].shortest_texts[-1] == "(screenshot the chat and show my dad)"
    assert r.unreached_beats == r.unreached_choices == r.unshown_messages == []
    msgs = [m for b in teammate.beats.values() for m in b.messages]
    in_file = sum(m.flag is not None for m in msgs)
    assert r.flags_in_file == in_file and 0 < r.flags_min <= r.flags_max <= in_file
    assert 0 < r.seconds_min < r.seconds_max
    assert r.stats.choice_points == sum(b.choices is not None for b in teammate.beats.values())
    assert r.stats.choices == sum(len(b.choices or ()) for b in teammate.beats.values())
    assert r.stats.flags["secrecy"] == sum(m.flag is not None and m.flag.category == "secrecy" for m in msgs)
    assert r.stats.words_en > 500 and r.stats.words_fr > 500
    assert r.stats.endings == {"risky": 1, "safe": 2}


UNREACHABLE = """beats:
  hello:
    messages:
      - {from: sam, text: hi}
      - {from: sam, text: "only if told", if: told}
    choices:
      - {text: a, goto: bye, safety: safe, feedback: ok}
      - {text: b, goto: secret, safety: risky, feedback: ok, if: told}
  secret:
    ending: {outcome: harmful, title: Secret, text: Never reached.}
  bye:
    ending: {outcome: safe, title: Bye, text: The end.}
variables: {told: false}
"""


def test_conditions_can_hide_what_the_map_connects(check_text):
    """The graph reaches 'secret', but no choice ever sets 'told': check says so."""
    status, out, r = check_text(UNREACHABLE)
    assert r.unreached_beats == ["secret"]
    assert r.unreached_choices == ['hello reply 2: "b"']
    assert r.unshown_messages == ['hello message 2 (sam): "only if told"']
    assert "NEVER REACHED" in out and "beat secret" in out
    assert status == 0  # a report, not an error


@pytest.fixture
def check_text(cli, tmp_path, library):
    def run(snippet: str, *extra):
        path = tmp_path / "my-story.yaml"
        path.write_text(merge(snippet), encoding="utf-8")
        from game.engine.validate import check_file
        checked = check_file(path, library.taxonomy, library.resources)
        assert checked.ok, [str(d) for d in checked.diagnostics]
        status, out = cli("check", path, *extra)
        return status, out, analyse(checked.scenario)
    return run


def test_text_and_json_output(cli):
    status, out = cli("check", "game-teammate")
    assert status == 0, out
    for words in ("Paths: ", "Endings:", "shortest (4 choices, --record", "Never reached on any path: nothing",
                  "Red flags shown per path:", "Play time (estimate", "Words: ", "Red flags by category:",
                  "Transcripts: 3 of 3 still play"):
        assert words in out, words
    status, out = cli("check", "game-teammate", "--format", "json")
    data = json.loads(out)
    assert status == 0 and data[0]["scenario"] == "game-teammate"
    assert {"paths", "endings", "unreached_beats", "flags_min", "seconds_max", "stats", "transcripts"} <= set(data[0])
    assert all(t["ok"] for t in data[0]["transcripts"])


def test_broken_scenario_and_too_many_paths(cli, tmp_path, teammate, monkeypatch):
    bad = tmp_path / "bad.yaml"
    bad.write_text(merge("format: 3\n"))
    status, out = cli("check", bad)
    assert status == 1 and "RF008" in out
    with pytest.raises(TooManyPaths):
        analyse(teammate, limit=5)
    status, out = cli("check", "game-teammate", "--limit", "5")
    assert status == 1 and "more than 5 paths" in out


def test_check_a_folder(cli, workspace):
    (workspace / "scenarios" / "my-story.yaml").write_text(merge(""), encoding="utf-8")
    status, out = cli("check", workspace / "scenarios")
    assert status == 0 and "my-story (" in out and "Paths: 2" in out


# --- play time and statistics -----------------------------------------------------------------

def test_play_time_estimate_adds_up(teammate):
    p = all_paths(teammate)[0]
    base = stats.estimate_seconds(teammate, p.events)
    shown = [ev for ev in p.events if isinstance(ev, MessageEvent)]
    assert base > len(shown) * 1  # at least typing or reading per message
    assert stats.estimate_seconds(teammate, p.events[:-1]) < base - stats.DEBRIEF_SECONDS
    # the constants are the ones the docs give
    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert f"{stats.READING_WPM} words a minute" in doc
    assert f"{stats.CHOICE_SECONDS:g} seconds for the group" in doc
    assert f"{stats.FLAG_SECONDS:g} seconds to decide" in doc
    assert stats.minutes_text(125) == "2 min 05 s"


def test_statistics_count_words_in_both_languages(library):
    sc = library.playable()["game-teammate"]
    s = stats.statistics(sc)
    assert s.beats == len(sc.beats) and s.notes == 3
    assert s.words_en == sum(len(t.en.split()) for _, t in sc.texts())


# --- transcripts ------------------------------------------------------------------------------

def test_shipped_transcripts_play(teammate):
    files = transcripts.find(SCENARIOS / "game-teammate.yaml", "game-teammate")
    assert len(files) >= 2
    for f in files:
        result = transcripts.run(f, teammate)
        assert result.ok, str(result)
        assert result.passed_steps == result.steps


def test_record_then_run_roundtrip(teammate, tmp_path):
    text = transcripts.record(teammate, [2, 1, 1, 1, 1])
    assert text.startswith("# yaml-language-server: $schema=../schema/transcript.schema.json")
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    result = transcripts.run(path, teammate)
    assert result.ok and result.steps == text.count("\n  - ")
    assert "- ending: risky" in text and '- choose: "thx! do I know u? what school do u go to?"' in text
    with pytest.raises(ValueError, match="is not one of them"):
        transcripts.record(teammate, [9])
    with pytest.raises(ValueError, match="left over"):
        transcripts.record(teammate, [1, 1, 1, 3, 1, 1])


def test_an_edit_breaks_a_transcript_with_file_line_and_both_texts(cli, tmp_path):
    scenario = tmp_path / "game-teammate.yaml"
    scenario.write_text((SCENARIOS / "game-teammate.yaml").read_text(encoding="utf-8")
                        .replace("haha ur funny", "haha ur so funny"), encoding="utf-8")
    pinned = SCENARIOS / "transcripts" / "game-teammate.told-adult.yaml"
    status, out = cli("check", scenario, "--transcript", pinned)
    assert status == 1
    line = next(i for i, text in enumerate(pinned.read_text().splitlines(), 1) if "haha ur funny" in text)
    assert f"{pinned}:{line}:5: step" in out
    assert 'expected a message from kai: "haha ur funny"' in out
    assert 'now gives a message from kai: "haha ur so funny"' in out
    assert f"(see {scenario}:" in out and "Transcripts: 0 of 1 still play" in out


def test_transcript_mismatches_of_each_kind(teammate, tmp_path):
    def run(steps: str):
        path = tmp_path / "t.yaml"
        path.write_text(f"scenario: game-teammate\nsteps:\n{steps}", encoding="utf-8")
        return transcripts.run(path, teammate)

    r = run('  - say: {from: system, text: "Victory! Ravens 3 – 1 Comets"}\n  - choose: "hi"\n')
    assert not r.ok and "step 2 expected the choice \"hi\"" in r.failure and r.passed_steps == 1
    assert "t.yaml:4:5:" in r.failure
    skip = "".join(f"  - say: {{from: {w}, text: \"{t}\"}}\n" for w, t in [
        ("system", "Victory! Ravens 3 – 1 Comets"), ("maya", "GG everyone 🙌"),
        ("kai", "gg!! that last round was insane"),
        ("kai", "ur honestly the best player on this squad 🔥 way better than ppl my age"),
        ("kai", "how long have u been playing?")])
    r = run(skip + '  - choose: "nope"\n')
    assert "the choices \"like 2 years lol" in r.failure
    r = run(skip + '  - choose: "(say nothing and leave the chat)"\n  - ending: safe\n')
    assert "expected an ending with outcome 'safe'" in r.failure and "a message from kai" in r.failure
    r = run('  - say: {from: system, text: "Victory! Ravens 3 – 1 Comets"}\n')
    assert r.ok  # a transcript may pin just the start of a route


def test_broken_transcript_files_are_diagnosed(teammate, tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("scenario: game-teammate\nsteps:\n  - sya: {from: kai, text: hi}\n")
    r = transcripts.run(path, teammate)
    assert not r.ok and r.problems and r.problems[0].code == "RF010" and "did you mean 'say'" in str(r)
    path.write_text("scenario: other\nsteps:\n  - ending: safe\n")
    assert "is for 'other', not 'game-teammate'" in transcripts.run(path, teammate).failure
    path.write_text("scenario: game-teammate\nsteps:\n  - {ending: safe, choose: x}\n")
    assert transcripts.run(path, teammate).problems


def test_record_command(cli, tmp_path):
    out = tmp_path / "transcripts" / "game-teammate.x.yaml"
    status, text = cli("check", "game-teammate", "--record", "1,2,2,3", "--out", out)
    assert status == 0 and out.exists()
    assert out.read_text() == (SCENARIOS / "transcripts" / "game-teammate.told-adult.yaml").read_text()
    status, text = cli("check", "game-teammate", "--record", "7")
    assert status == 2 and "can't record that route" in text
