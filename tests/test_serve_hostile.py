"""Hostile input through the page's WebSocket, without a browser (issue 14 item 4): junk,
broken JSON, wrong shapes and a huge message end only the sender's session; the server
keeps serving, and every app process it started for them is gone."""

from __future__ import annotations

import asyncio
import contextlib
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from language_fixtures import cache_dir
from served import Served, serving, wait_for


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    workdir = tmp_path_factory.mktemp("hostile")
    with serving(workdir, max_sessions=2, env={"HINGE_COACH_CACHE": str(cache_dir())}) as served:
        yield served


JUNK: list[str | bytes] = [
    b"\x00\xff\xfe garbage bytes \x9c",
    "{not json at all",
    json.dumps({"stdin": "an object, not the list the page sends"}),
    json.dumps(["stdin", 12345]),
    json.dumps(["resize", {"width": "wide", "height": None}]),
    json.dumps(["stdin", "x" * 2_000_000]),
]


async def _send(url: str, message: str | bytes) -> None:
    async with aiohttp.ClientSession() as client, client.ws_connect(
        url, timeout=aiohttp.ClientWSTimeout(ws_close=10)
    ) as ws:
        if isinstance(message, bytes):
            await ws.send_bytes(message)
        else:
            await ws.send_str(message)
        # Whatever it answers, or nothing for a while: the test is what happens after.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ws.receive(), 5)


@pytest.mark.parametrize("message", JUNK, ids=[f"junk{i}" for i in range(len(JUNK))])
def test_junk_on_the_socket_ends_only_that_session(server: Served, message: str | bytes,
                                                   tmp_path: Path) -> None:
    url = server.url.replace("http", "ws") + "ws?width=80&height=24"
    asyncio.run(_send(url, message))
    # The server still serves the page, and no app process is left behind for the sender
    # (only the one started ahead for the next tab).
    with urllib.request.urlopen(server.url, timeout=5) as page:
        assert page.status == 200
    wait_for(lambda: server.sessions_are(0), 20, "the sender's session to end")
    assert server.process.poll() is None
