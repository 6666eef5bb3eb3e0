"""Shared set-up for the browser tests: a `hinge-coach serve` process, Debian's chromium
driven headless by playwright, and what a tab's terminal shows, read back as text.

The page draws the terminal on a canvas, so its text is not in the DOM. What a tab shows is
rebuilt instead from the very bytes its terminal was sent (tapped from its WebSocket) by a
terminal emulator (pyte) of the same size: the same stream xterm.js draws from.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyte
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("HINGE_COACH_CHROMIUM", "/usr/bin/chromium"))
# Set by .ci/run: there a missing browser is a failure, never a skip.
REQUIRE_ENV = "HINGE_COACH_REQUIRE_BROWSER"
# Where screenshots are kept for a person to look at (not in git).
# The server keeps one app process started ahead for the next tab (coach/serve/server.py).
SPARE = 1
ARTIFACTS = Path(os.environ.get("HINGE_COACH_ARTIFACTS", ROOT / "artifacts" / "browser"))
# Without these, chromium reaches out to the network on its own (updates, sync, QUIC).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

TAP = """
(() => {
  const tap = window.__hc = {chunks: [], sent: [], url: null};
  const Native = window.WebSocket;
  class Tapped extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      tap.url = String(url);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") return;
        const bytes = new Uint8Array(event.data);
        let text = "";
        for (let i = 0; i < bytes.length; i += 0x8000) {
          text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        }
        tap.chunks.push(btoa(text));
      });
    }
    send(data) { tap.sent.push(String(data)); return super.send(data); }
  }
  window.WebSocket = Tapped;
})();
"""


def need_browser() -> Path:
    """Chromium's path; skips (or, under .ci/run, fails) when it is not installed."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    reason = (f"no chromium at {CHROMIUM}: install Debian's chromium package "
              "(apt-get install chromium) to run the browser tests")
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def wait_for(check: Callable[[], Any], timeout: float, what: str, step: float = 0.1,
             page: Any = None) -> Any:
    """Poll ``check``; with ``page``, wait on the page, so that playwright delivers its
    events (downloads, new tabs) meanwhile, which it does only inside its own calls."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        if page is not None:
            page.wait_for_timeout(step * 1000)
        else:
            time.sleep(step)


class Served:
    """A running `hinge-coach serve` on a free local port."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, workdir: Path) -> None:
        self.process = process
        self.port = port
        self.workdir = workdir
        self.url = f"http://127.0.0.1:{port}/"

    def processes(self) -> set[int]:
        """The server's app processes: one per open tab, and the spare started ahead."""
        return children(self.process.pid)

    def sessions_are(self, count: int) -> set[int] | None:
        """The app processes, once there are ``count`` tabs' worth and the spare."""
        found = self.processes()
        return found if len(found) == count + SPARE else None


@contextmanager
def serving(workdir: Path, max_sessions: int = 2, env: dict[str, str] | None = None
            ) -> Iterator[Served]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "serve", "--port", str(port),
         "--max-sessions", str(max_sessions)],
        cwd=workdir, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    served = Served(process, port, workdir)
    try:
        def up() -> bool:
            try:
                with urllib.request.urlopen(served.url, timeout=1):
                    return True
            except OSError:
                return process.poll() is not None and _died(process)
        wait_for(up, 30, "the server to answer")
        yield served
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _died(process: subprocess.Popen[bytes]) -> bool:
    raise AssertionError(f"hinge-coach serve exited with {process.returncode}")


class Tab:
    """One browser tab on the coach, and the text its terminal shows."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None
        self._read = 0
        self.received = bytearray()

    def _size(self) -> tuple[int, int] | None:
        sent = self.page.evaluate("window.__hc.sent")
        for message in reversed(sent):
            envelope = json.loads(message)
            if envelope[0] == "resize":
                return int(envelope[1]["width"]), int(envelope[1]["height"])
        return None

    def text(self) -> str:
        size = self._size()
        if size is None:
            return ""
        if self.screen is None:
            self.screen = pyte.Screen(*size)
            self.stream = pyte.ByteStream(self.screen)
        elif (self.screen.columns, self.screen.lines) != size:
            self.screen.resize(lines=size[1], columns=size[0])
        chunks = self.page.evaluate(f"window.__hc.chunks.slice({self._read})")
        self._read += len(chunks)
        assert self.stream is not None
        for chunk in chunks:
            data = base64.b64decode(chunk)
            self.received.extend(data)
            self.stream.feed(data)
        return "\n".join(self.screen.display)

    def flat(self) -> str:
        """The screen's text with its lines and runs of spaces joined, for phrases that
        wrap."""
        return " ".join(self.text().split())

    def wait_for_text(self, phrase: str, timeout: float = 30) -> str:
        return str(wait_for(lambda: phrase in self.flat() and self.flat(), timeout,
                            f"{phrase!r} on the page", step=0.05, page=self.page))

    def say(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


def open_tab(context: Any, url: str) -> Tab:
    page = context.new_page()
    page.add_init_script(TAP)
    page.goto(url)
    tab = Tab(page)
    # The keys go where a person's would: into the terminal, once it has focus.
    page.locator(".textual-terminal").click()
    return tab


def launch(playwright: Any, profile_dir: Path) -> Any:
    """A persistent-less chromium with a fresh user-data-dir of its own."""
    return playwright.chromium.launch_persistent_context(
        str(profile_dir), executable_path=str(need_browser()), args=CHROMIUM_ARGS,
        headless=True, viewport={"width": 1200, "height": 800}, accept_downloads=True,
    )


def keep_artifacts_clean() -> None:
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS, ignore_errors=True)
