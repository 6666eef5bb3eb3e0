"""SIGTERM and SIGHUP to the real app in a pseudo-terminal: it exits and gives the terminal
back (cooked mode, main screen, mouse tracking off, cursor shown)."""

from __future__ import annotations

import os
import select
import signal
import struct
import subprocess
import sys
import time

import pytest
from language_fixtures import cache_dir, shared_parser

fcntl = pytest.importorskip("fcntl")
pty = pytest.importorskip("pty")
termios = pytest.importorskip("termios")

ALT_SCREEN_ON, ALT_SCREEN_OFF = b"\x1b[?1049h", b"\x1b[?1049l"
CURSOR_SHOWN = b"\x1b[?25h"
MOUSE_OFF = b"\x1b[?1000l"


@pytest.fixture(scope="module", autouse=True)
def trained() -> None:
    shared_parser()  # the app's background load only reads the cache


def read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    """What the app wrote to the terminal, until ``wanted`` appears (or EOF, or time out)."""
    out = b""
    deadline = time.monotonic() + seconds
    while wanted not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        out += chunk
    return out


def is_cooked(fd: int) -> bool:
    lflag = termios.tcgetattr(fd)[3]
    return bool(lflag & termios.ICANON and lflag & termios.ECHO)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_app_and_restores_the_terminal(signum: int) -> None:
    main, terminal = pty.openpty()
    # A real size: at 0 x 0 the app has nothing to draw.
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "HINGE_COACH_CACHE": str(cache_dir())}
    app = subprocess.Popen([sys.executable, "-m", "coach", "--no-profile"], stdin=terminal,
                           stdout=terminal, stderr=terminal, env=env, start_new_session=True)
    os.close(terminal)
    try:
        started = read_until(main, b"Hinge Coach", 60)
        assert ALT_SCREEN_ON in started, started[-500:]
        time.sleep(0.5)  # let it settle into reading keys
        assert not is_cooked(main)  # raw mode while it runs
        app.send_signal(signum)
        ending = read_until(main, b"\x00never\x00", 30)  # everything until it closes
        status = app.wait(timeout=30)
        assert ALT_SCREEN_OFF in ending and CURSOR_SHOWN in ending and MOUSE_OFF in ending
        assert b"Traceback" not in ending
        assert is_cooked(main)
        assert status == 128 + signum
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        os.close(main)
