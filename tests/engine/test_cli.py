"""The writer-facing commands: validate (exit codes, text and JSON) and walk (terminal play)."""

import json
import subprocess
import sys
from pathlib import Path

from game.cli import main
from game.engine.validate import load_library
from game.terminal import Walker

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")


def test_validate_shipped_library_is_clean_in_strict_mode(capsys):
    assert main(["validate", "--strict"]) == 0
    assert "OK:" in capsys.readouterr().out


def test_validate_exit_codes_and_json(tmp_path, capsys):
    good = tmp_path / "minimal.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    bad = tmp_path / "minimal-bad.yaml"
    bad.write_text(MINIMAL.replace("goto: good-end", "goto: god-end").replace("id: minimal", "id: minimal-bad"),
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:" in out and "RF012" in out and "did you mean 'good-end'" in out
    french_missing = tmp_path / "minimal-fr.yaml"
    french_missing.write_text(MINIMAL.replace("title: {en: Minimal, fr: Minimal}", "title: Minimal")
                              .replace("id: minimal", "id: minimal-fr"), encoding="utf-8")
    assert main(["validate", str(french_missing)]) == 0
    assert main(["validate", "--strict", str(french_missing)]) == 1
    capsys.readouterr()
    assert main(["validate", "--format", "json", str(bad), str(good)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["code"] for d in data} == {"RF012"}
    assert all({"file", "line", "col", "message", "hint", "severity"} <= set(d) for d in data)


def test_validate_folder_and_missing_path(tmp_path, capsys):
    assert main(["validate", str(ROOT / "game" / "scenarios")]) == 0
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert "no such file" in capsys.readouterr().out


def test_help_lists_commands(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "validate" in out and "walk" in out


def scripted(answers):
    feed = iter(answers)
    out = []

    def read(prompt):
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return read, out.append, out


def test_walk_plays_to_the_end_with_flags_and_debrief():
    lib = load_library()
    sc = lib.playable()["game-teammate"]
    read, write, out = scripted(["f 3", "f 4", "1", "2", "3", "2", "x", "tactics", "help", "3"])
    assert Walker(sc, lib, read=read, write=write).play() == 0
    text = "\n".join(out)
    assert "[3] Kai_Storm: ur honestly the best player" in text
    assert "Red flag!" in text and "Not a red flag this time." in text
    assert "Score:" in text and "CAUGHT" in text and "MISSED" in text
    assert "LOOKS SUSPICIOUS, BUT IS FINE" in text or "FALSE ALARM" in text
    assert "Kids Help Phone" in text and "1-800-668-6868" in text


def test_walk_in_french_name_mode():
    lib = load_library()
    sc = lib.playable()["game-teammate"]
    read, write, out = scripted(["f 3 romance", "f 3", "f 3 flattery", "q"])
    Walker(sc, lib, lang="fr", mode="name", read=read, write=write).play()
    text = "\n".join(out)
    assert "t’es vraiment le meilleur joueur" in text
    assert "C’est en fait\u202f: Flatterie" in text and "Tu l’as bien nommé." in text  # walk speaks French too


def test_walk_command_refuses_unknown_scenario_without_traceback():
    run = subprocess.run([sys.executable, "-m", "game", "walk", "nope"], capture_output=True,
                         text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 1 and "no scenario 'nope'" in run.stdout and "Traceback" not in run.stderr
