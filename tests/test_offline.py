"""The whole suite runs with network connections blocked (tests/conftest.py), and it works."""

import socket

import pytest

from tests.conftest import NetworkBlocked


def test_connections_and_lookups_are_blocked():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkBlocked):
        s.connect(("127.0.0.1", 9))
    s.close()
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("example.org", 443)


def test_no_module_of_the_game_imports_a_network_client():
    """A cheap static guard beside the runtime block: no HTTP clients in the game package."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "game"
    banned = ("import requests", "import httpx", "import urllib.request", "from urllib.request",
              "import http.client", "import aiohttp", "import socket")
    offenders = [f"{p.relative_to(root)}: {b}" for p in root.rglob("*.py")
                 for b in banned if b in p.read_text(encoding="utf-8")]
    assert offenders == []
