"""`hinge-coach serve` without a browser: its options, what it says about exposure, and the
stop that ends an app process whatever that process does."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

import pytest
from textual_serve.download_manager import DownloadManager

from coach.serve import process
from coach.serve.process import SessionProcess, clamp_size
from coach.serve.server import is_loopback


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True,
                          text=True, timeout=60)


def test_serve_refuses_a_profile_and_bad_numbers() -> None:
    shared = run("--profile", "/tmp/someone.sqlite3", "serve")
    assert shared.returncode == 2 and "serve uses no profile" in shared.stderr
    assert run("serve", "--port", "70000").returncode == 2
    assert run("serve", "--max-sessions", "0").returncode == 2
    assert "Traceback" not in shared.stderr


def test_only_loopback_addresses_count_as_this_machine_only() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert not is_loopback("example.org")


def test_a_browser_cannot_ask_for_a_giant_screen() -> None:
    assert clamp_size(10**9, 10**9) == (process.MAX_WIDTH, process.MAX_HEIGHT)
    assert clamp_size(-5, 0) == (1, 1)
    assert clamp_size(120, 40) == (120, 40)


STUBBORN = (
    "import signal, sys\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush()\n"
    "while True: pass\n"  # spins, ignores quit and SIGTERM, as a stray app once did
)


def test_stop_ends_an_app_that_ignores_quit_and_sigterm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process, "QUIT_GRACE", 0.5)
    monkeypatch.setattr(process, "TERM_GRACE", 0.5)

    async def scenario() -> tuple[int, float]:
        async def nothing(*_: object) -> None:
            return None

        session = SessionProcess((sys.executable, "-c", STUBBORN), write_bytes=nothing,
                                 write_str=nothing, close=nothing,
                                 download_manager=DownloadManager())
        await session.start(80, 24)
        await asyncio.sleep(0.5)
        assert session._process is not None and session._process.returncode is None
        began = time.monotonic()
        await session.stop()
        await session.stop()  # a second stop (the server's finally) is harmless
        return session._process.returncode, time.monotonic() - began

    code, took = asyncio.run(scenario())
    assert code == -9  # SIGKILL: nothing else would end it
    assert took < 5
