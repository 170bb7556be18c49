"""A small Language Server Protocol client: enough to drive the YAML language server like an editor.

LSP is JSON-RPC 2.0, each message framed by a `Content-Length` header, over the server's
stdin/stdout. The client answers the server's own requests (`workspace/configuration` with the
settings it was given, anything else with null), keeps every notification, and waits for
responses and notifications with a deadline so a stuck server fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any


class LspError(RuntimeError):
    """The server answered with an error, stopped, or did not answer in time."""


def _read_message(stream: IO[bytes]) -> dict | None:
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length is None:
        return None
    return json.loads(stream.read(length).decode("utf-8"))


class LspClient:
    """A language server started as `command`, spoken to over stdio."""

    def __init__(self, command: Sequence[str], settings: dict[str, Any], cwd: Path | None = None):
        self.settings = settings  # what `workspace/configuration` answers, by section
        self.notifications: list[dict] = []
        self._next_id = 0
        self._inbox: queue.Queue[dict | None] = queue.Queue()
        self._proc = subprocess.Popen(list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, cwd=cwd)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # --- wire -------------------------------------------------------------------------------

    def _read(self) -> None:
        assert self._proc.stdout is not None
        while (message := _read_message(self._proc.stdout)) is not None:
            self._inbox.put(message)
        self._inbox.put(None)  # the server closed its output

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self._proc.stdin is not None
        self._proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._proc.stdin.flush()

    def _answer(self, request: dict) -> None:
        result: Any = None
        if request["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", ""), None)
                      for item in request["params"]["items"]]
        self._send({"id": request["id"], "result": result})

    def _pump(self, deadline: float, done: Callable[[dict], bool]) -> dict:
        """Handle incoming messages until one makes `done` true; return it."""
        while True:
            try:
                message = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise LspError("the language server did not answer in time") from None
            if message is None:
                raise LspError("the language server stopped")
            if "method" in message and "id" in message:
                self._answer(message)
            elif "method" in message:
                self.notifications.append(message)
            if done(message):
                return message

    # --- API --------------------------------------------------------------------------------

    def request(self, method: str, params: Any, timeout: float = 20.0) -> Any:
        self._next_id += 1
        rid = self._next_id
        self._send({"id": rid, "method": method, "params": params})
        reply = self._pump(time.monotonic() + timeout,
                           lambda m: m.get("id") == rid and "method" not in m)
        if "error" in reply:
            raise LspError(f"{method}: {reply['error']}")
        return reply.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, method: str, match: Callable[[dict], bool] = lambda p: True,
                 timeout: float = 20.0) -> dict:
        """The params of the first notification `method` (already received or not) that `match`es."""
        for seen in self.notifications:
            if seen["method"] == method and match(seen["params"]):
                return seen["params"]
        message = self._pump(time.monotonic() + timeout,
                             lambda m: m.get("method") == method and "id" not in m
                             and match(m["params"]))
        return message["params"]

    def initialize(self, root: Path) -> dict:
        capabilities = {
            "workspace": {"configuration": True},
            "textDocument": {
                "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {},
            },
        }
        result = self.request("initialize", {"processId": None, "rootUri": root.as_uri(),
                                             "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                                             "capabilities": capabilities})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return result

    def open(self, path: Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                              "version": version, "text": text}})
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def close(self) -> None:
        """Shut the server down politely, then make sure it has stopped."""
        try:
            if self._proc.poll() is None:
                self.request("shutdown", None, timeout=5)
                self.notify("exit", None)
                self._proc.wait(timeout=5)
        except (LspError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._proc.poll() is None:
                self._proc.kill()
                self._proc.wait()
            for pipe in (self._proc.stdin, self._proc.stdout):
                if pipe is not None:
                    pipe.close()

    def __enter__(self) -> LspClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
