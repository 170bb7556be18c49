"""Read aloud through the platform's speech engine, faked by a stub `espeak-ng` on PATH that
records its arguments and text; plus one run of the real espeak-ng when it is installed."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time

import pygame
import pytest

from game.ui import speech

STUB = """#!{python}
import json, sys, time
text = sys.stdin.read()
with open({log!r}, "a", encoding="utf-8") as f:
    f.write(json.dumps({{"args": sys.argv[1:], "text": text}}) + "\\n")
time.sleep(float({delay!r}))
"""


@pytest.fixture
def engine(tmp_path, monkeypatch):
    """A fake espeak-ng on PATH. Returns a function listing what it was asked to say."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "spoken.jsonl"

    def install(delay: float = 0.0):
        exe = bin_dir / "espeak-ng"
        exe.write_text(STUB.format(python=sys.executable, log=str(log), delay=delay))
        exe.chmod(exe.stat().st_mode | stat.S_IEXEC)

    install()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")

    def spoken() -> list[dict]:
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    spoken.install = install  # type: ignore[attr-defined]
    return spoken


def wait_for(cond, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.01)
    return False


def test_speaker_calls_the_engine_with_voice_rate_and_text(engine):
    s = speech.Speaker()
    assert s.available and s.engine.kind == "espeak-ng" and s.engine.path.endswith("espeak-ng")
    assert s.say("Salut\u202f! 🚩 Ça va\u202f?", "fr", 140)
    assert s.wait()
    (call,) = engine()
    assert call["args"] == ["-v", "fr", "-s", "140", "--stdin"]
    assert call["text"] == "Salut ! Ça va ?"  # pictures dropped, no-break spaces plain


MAC_SAY = """#!{python}
import json, sys
if sys.argv[1:] == ["-v", "?"]:
    print("Albert              en_US    # Hello! My name is Albert.")
    print("Amélie              fr_CA    # Bonjour, je m’appelle Amélie.")
    print("Good News           en_US    # Hello! My name is Good News.")
    print("Thomas              fr_FR    # Bonjour, je m’appelle Thomas.")
    sys.exit(0)
with open({log!r}, "a", encoding="utf-8") as f:
    f.write(json.dumps({{"args": sys.argv[1:], "text": sys.stdin.read()}}) + "\\n")
"""


def fake_program(tmp_path, name: str, source: str):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    exe = bin_dir / name
    exe.write_text(source, encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def test_macos_say_gets_the_language_voice_rate_and_text_on_stdin(tmp_path, monkeypatch):
    log = tmp_path / "say.jsonl"
    bin_dir = fake_program(tmp_path, "say", MAC_SAY.format(python=sys.executable, log=str(log)))
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(speech, "_mac_voices", {})
    eng = speech.find_engine("darwin")
    assert eng is not None and eng.kind == "say"
    s = speech.Speaker(eng)
    s.queue("Ça va ?", "fr", 130)
    s.queue("Hello", "en", 210)
    assert s.wait()
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert calls == [{"args": ["-r", "130", "-v", "Amélie"], "text": "Ça va ?"},
                     {"args": ["-r", "210", "-v", "Albert"], "text": "Hello"}]


def test_windows_sapi_through_powershell_reads_utf8_stdin(tmp_path, monkeypatch, engine):
    # no PowerShell: espeak-ng (the stub from `engine`) is used instead
    assert speech.find_engine("win32").kind == "espeak-ng"
    log = tmp_path / "ps.jsonl"
    stub = STUB.replace("{delay!r}", "0").format(python=sys.executable, log=str(log))
    bin_dir = fake_program(tmp_path, "powershell", stub)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    eng = speech.find_engine("win32")
    assert eng.kind == "sapi" and eng.path.endswith("powershell")
    s = speech.Speaker(eng)
    s.say("Signal d’alarme 🚩", "fr", 130)
    assert s.wait()
    (call,) = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert call["args"][:3] == ["-NoProfile", "-NonInteractive", "-Command"]
    script = call["args"][3]
    assert "UTF8" in script and "$s.Rate = -2;" in script and "-like 'fr-*'" in script and "'fr-CA'" in script
    assert call["text"] == "Signal d’alarme"
    assert "$s.Rate = 3;" in speech.Engine("sapi", "powershell").command("en", 210)[-1]


def test_say_interrupts_queue_waits(engine):
    engine.install(delay=2.0)
    s = speech.Speaker()
    s.queue("first", "en")
    s.queue("second", "en")
    assert wait_for(lambda: len(engine()) == 1)
    t0 = time.monotonic()
    s.say("now", "en")  # stops "first"; "second" is dropped
    assert time.monotonic() - t0 < 0.5  # never blocks the caller
    assert wait_for(lambda: len(engine()) == 2)
    assert [c["text"] for c in engine()] == ["first", "now"]
    s.close()


def test_no_engine_says_so_on_screen(make_app, ui, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing installed
    app = make_app(read_aloud="on_request")
    ui.key(app, pygame.K_v)
    assert "espeak-ng" in app.voice.notice
    assert "espeak-ng" in ui.texts(app)  # drawn, not just stored
    app.step([], speech.NOTICE_SECONDS + 1)
    assert "espeak-ng" not in ui.texts(app)


def test_v_reads_the_focused_item_in_the_language(make_app, ui, engine):
    app = make_app(lang="fr")
    ui.key(app, pygame.K_TAB)  # focus the first button on the title screen
    ui.key(app, pygame.K_v)
    assert app.voice.speaker.wait()
    call = engine()[-1]
    assert call["args"][:2] == ["-v", "fr"] and call["text"] == "Jouer"
    app.start_scenario("game-teammate")
    app.step([], 0)
    chat = app.top
    ui.key(app, pygame.K_UP)  # a message has the focus
    ui.key(app, pygame.K_v)
    assert app.voice.speaker.wait()
    said = engine()[-1]["text"]
    assert speech.speakable(chat.items[chat.focus_item].text)[:20] in said and " dit " in said


def test_auto_reads_each_new_message_then_the_choices(make_app, engine):
    app = make_app(read_aloud="auto", speech_rate="fast")
    app.start_scenario("game-teammate")
    app.step([], 0)
    chat = app.top
    assert chat.choices is not None
    assert app.voice.speaker.wait(10)
    texts = [c["text"] for c in engine()]
    assert texts[0] == chat.scenario.title.get("en")
    first_msg = next(it for it in chat.items if it.kind == "message")
    assert any(speech.speakable(first_msg.text)[:15] in t for t in texts)
    assert texts[-1].startswith("Your reply: 1.")
    assert all(c["args"][3] == "210" for c in engine())
    n = len(texts)
    app.step([], 0)
    assert app.voice.speaker.wait() and len(engine()) == n  # nothing read twice


def test_the_game_loop_never_waits_for_speech(make_app, engine):
    engine.install(delay=3.0)
    app = make_app(read_aloud="auto")
    t0 = time.monotonic()
    app.start_scenario("game-teammate")
    for _n in range(5):
        app.step([], 0.1)
    assert time.monotonic() - t0 < 1.5
    app.voice.stop()


@pytest.mark.skipif(shutil.which("espeak-ng") is None,
                    reason="espeak-ng is not installed (CI installs it in .ci/run; apt-get install espeak-ng)")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_real_espeak_ng_speaks_our_command(lang):
    cmd = speech.Engine("espeak-ng", shutil.which("espeak-ng")).command(lang, 165)
    cmd[-1:] = ["--stdout", "--stdin"]
    r = subprocess.run(cmd, input=b"Red Flags. Signal d'alarme.", capture_output=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert r.stdout[:4] == b"RIFF" and len(r.stdout) > 10000  # a WAV with real audio in it
