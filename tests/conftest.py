"""Test setup: headless SDL, a private data folder, and shared fixtures."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "game" / "scenarios"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Never touch the real user's settings or results."""
    monkeypatch.setenv("REDFLAGS_HOME", str(tmp_path_factory.mktemp("redflags-home")))


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """The UI language is the process's: a test that played in French must not leave the next
    one (which may read English words) in French."""
    yield
    from game import i18n

    if i18n.language() != "en":
        i18n.set_language("en")


@pytest.fixture(scope="session")
def library():
    from game.engine.validate import load_library

    return load_library(SCENARIOS)


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    """Red Flags is offline: any attempt to open a network connection fails the test that made it."""
    import socket

    def refuse(self, address, *args, **kwargs):
        if isinstance(address, (str, bytes)):  # AF_UNIX paths are local, not network
            return real_connect(self, address, *args, **kwargs)
        raise NetworkBlocked(f"network connection attempted to {address!r}")

    real_connect = socket.socket.connect
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    real_getaddrinfo, socket.getaddrinfo = socket.getaddrinfo, lambda *a, **k: (_ for _ in ()).throw(
        NetworkBlocked(f"name lookup attempted: {a[:2]!r}"))
    yield
    socket.socket.connect, socket.getaddrinfo = real_connect, real_getaddrinfo
