"""Smaller faults from the reliability review: a console that can't show é or 🚩, a damaged
French catalogue, a deeply nested settings file. Each ends in a working game or command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(args, home, **env):
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LC_ALL", "LANG")}
    full.update(PYTHONPATH=str(ROOT), REDFLAGS_HOME=str(home), SDL_VIDEODRIVER="dummy",
                SDL_AUDIODRIVER="dummy", **env)
    return subprocess.run([sys.executable, *args], cwd=home, capture_output=True, timeout=120, env=full,
                          input=b"1\n" * 40)


def test_walk_and_results_on_an_ascii_console_do_not_crash(tmp_path):
    for console in ({"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
                                                   "PYTHONCOERCECLOCALE": "0"}):
        done = _run(["-m", "game", "walk", "game-teammate", "--lang", "fr"], tmp_path, **console)
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-800:]
        assert b"UnicodeEncodeError" not in done.stderr and b"co?quipier" in done.stdout


def test_a_damaged_french_catalogue_falls_back_to_english_and_says_so(tmp_path, monkeypatch):
    from game import i18n

    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    (locale / "fr" / "LC_MESSAGES" / "redflags.mo").write_bytes(b"\xde\x12\x04\x95" + os.urandom(64))
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    monkeypatch.setattr(i18n, "_problem", None)
    try:
        assert i18n.set_language("fr") == "en"
        assert i18n._("Play") == "Play"
        assert "damaged" in i18n.problem() and "English" in i18n.problem()
    finally:
        monkeypatch.undo()
        i18n.set_language("en")


def test_deeply_nested_settings_files_start_with_defaults(tmp_path, monkeypatch):
    from game import settings as settings_mod
    from game.classroom.settings import load_settings

    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "settings.json").write_text(deep)
    (tmp_path / "class-settings.json").write_text(deep)
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path))
    assert settings_mod.load() == settings_mod.Settings()
    assert load_settings().to_dict() == type(load_settings())().to_dict()
    (tmp_path / "settings.json").write_text(json.dumps(["not", "an", "object"]))
    assert settings_mod.load() == settings_mod.Settings()
