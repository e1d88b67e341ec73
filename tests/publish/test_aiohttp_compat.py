"""`yiting.publish.aiohttp_compat` against aiohttp itself: a request class put in through its
private factory sees every answer, aiohttp's own 400 for a request it cannot parse included."""

from __future__ import annotations

import asyncio

from aiohttp import web

from yiting.publish.aiohttp_compat import HookedRequest, use_request_class


class Marked(HookedRequest):
    async def on_prepare(self, response: web.StreamResponse) -> None:
        response.headers.setdefault("X-Marked", "yes")


async def _exchange(port: int, raw: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(65536), 10)
    writer.close()
    return answer


async def _serve_and_ask(*requests: bytes) -> tuple[bool, list[bytes]]:
    async def hello(_request: web.Request) -> web.Response:
        return web.Response(text="hello")

    app = web.Application()
    app.router.add_get("/", hello)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    used = use_request_class(runner, Marked)
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        return used, [await _exchange(port, raw) for raw in requests]
    finally:
        await runner.cleanup()


def test_every_answer_passes_on_prepare_aiohttps_own_400_too():
    used, (page, garbage) = asyncio.run(_serve_and_ask(
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"G@RB\x01GE / HTTP/1.1\r\nHost: x\r\n\r\n"))
    assert used
    assert page.startswith(b"HTTP/1.1 200") and b"X-Marked: yes" in page and page.endswith(b"hello")
    assert garbage.split(b" ")[1] == b"400" and b"X-Marked: yes" in garbage


def test_stock_aiohttp_without_the_class_leaves_its_400_bare():
    """What the factory is for: without it, aiohttp's own 400 passes no hook of ours."""

    async def ask() -> bytes:
        app = web.Application()
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        try:
            return await _exchange(runner.addresses[0][1], b"G@RB\x01GE / HTTP/1.1\r\nHost: x\r\n\r\n")
        finally:
            await runner.cleanup()

    answer = asyncio.run(ask())
    assert answer.split(b" ")[1] == b"400" and b"X-Marked" not in answer
