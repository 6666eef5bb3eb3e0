"""The web server: textual-serve's, with a session limit, a busy page and no profile sharing.

Each browser tab gets its own app process (``process.SessionProcess``) running with
``--no-profile``: every visitor reaches the server as the same operating-system user, so any
profile file one of them could name, all of them could; served sessions therefore remember
nothing, and a transcript is offered to the browser as a download, never written on the
server. What one tab types reaches only its own process; a download is fetched by a random,
single-use key that only that tab is told.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from coach.cli_words import LINES
from coach.serve.process import SESSION_ARGV, SessionProcess, clamp_size

log = logging.getLogger("hinge-coach.serve")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Each session is one Python process with spaCy loaded (about 150 MB); a few fit anywhere.
DEFAULT_MAX_SESSIONS = 4
TEMPLATES = Path(__file__).with_name("templates")
# textual-serve's own scripts and fonts (xterm.js and its glue), served as they are.
STATICS = Path(str(__import__("textual_serve").__file__)).with_name("static")
# The close code a browser gets when the limit is reached between page and socket.
TRY_AGAIN_LATER = 1013


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class CoachServer(Server):
    def __init__(
        self,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        argv: Sequence[str] = SESSION_ARGV,
    ) -> None:
        super().__init__(" ".join(argv), host=host, port=port, title="Hinge Coach",
                         statics_path=STATICS, templates_path=TEMPLATES)
        self.argv = tuple(argv)
        self.max_sessions = max_sessions
        self.sessions: set[SessionProcess] = set()
        # One app process started ahead, so that the next tab need not wait for Python,
        # Textual and the coach to load (about a second): it is a fresh one, never used.
        self._spare: asyncio.Task[SessionProcess] | None = None

    @property
    def full(self) -> bool:
        return len(self.sessions) >= self.max_sessions

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(
            LINES("serve_started", url=self.public_url, sessions=self.max_sessions),
            highlight=False, markup=False)
        self._spare = asyncio.create_task(self._start_spare())

    async def on_shutdown(self, app: web.Application) -> None:
        spare, self._spare = self._spare, None
        if spare is not None:
            await (await spare).stop()
        await asyncio.gather(*(session.stop() for session in list(self.sessions)))

    async def _start_spare(self) -> SessionProcess:
        session = SessionProcess(self.argv, write_bytes=_nowhere, write_str=_nowhere,
                                 close=_nowhere, download_manager=self.download_manager)
        await session.launch(120, 40)
        return session

    async def _session_for(self, websocket: web.WebSocketResponse, width: int,
                           height: int) -> SessionProcess:
        """The spare process if there is one (a fresh one is started for the next tab),
        else a new one; bound to ``websocket`` and sized to the browser."""
        spare, self._spare = self._spare, None
        session = await spare if spare is not None else None
        if session is None or session._process is None or session._process.returncode is not None:
            if session is not None:
                await session.stop()
            session = SessionProcess(self.argv, write_bytes=_nowhere, write_str=_nowhere,
                                     close=_nowhere, download_manager=self.download_manager)
            await session.launch(width, height)
        session.remote_write_bytes = websocket.send_bytes
        session.remote_write_str = websocket.send_str

        async def close_socket() -> None:
            await websocket.close()

        session.remote_close = close_socket
        session.attach()
        await session.set_terminal_size(width, height)
        self._spare = asyncio.create_task(self._start_spare())
        return session

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full:
            return aiohttp_jinja2.render_template(
                "busy.html", request, {"limit": self.max_sessions}, status=503)
        # The socket's address is the one the browser used, so a page reached by any of the
        # server's addresses connects back to the same one.
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "font_size": max(8, min(to_int(request.query.get("fontsize", "16"), 16), 40)),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "static_url": "/static/",
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.full:
            await websocket.close(code=TRY_AGAIN_LATER, message=b"too many sessions")
            return websocket
        width, height = clamp_size(to_int(request.query.get("width", "80"), 80),
                                   to_int(request.query.get("height", "24"), 24))
        session: SessionProcess | None = None
        try:
            session = await self._session_for(websocket, width, height)
            self.sessions.add(session)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a malformed message ends that tab's session, not the server
            log.warning("session ended: %s: %s", type(error).__name__, error)
        finally:
            try:
                if session is not None:
                    await session.stop()
            finally:
                self.sessions.discard(session)
                if not websocket.closed:
                    await websocket.close()
        return websocket


async def _nowhere(*_: object) -> None:
    """Where a spare process's output would go before a tab takes it: nowhere, since it is
    not read until then."""


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          max_sessions: int = DEFAULT_MAX_SESSIONS) -> int:
    CoachServer(host, port, max_sessions).serve()
    return 0
