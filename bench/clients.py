"""Phones polling the live page, as `yiting serve` sees them during a meeting.

    python bench/clients.py URL CLIENTS INTERVAL SECONDS

Each client fetches URL, waits INTERVAL seconds (the live page's refresh), and again, until
SECONDS have passed; the starts are spread over the first interval. Loopback only, bounded in
time and number; prints {"requests": n, "errors": n} at the end.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import sys
from urllib.parse import urlsplit

import aiohttp


async def main(url: str, clients: int, interval: float, seconds: float) -> dict:
    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("bench clients talk to loopback only")
    counts = {"requests": 0, "errors": 0}
    loop = asyncio.get_running_loop()
    stop = loop.time() + seconds
    rng = random.Random(300)
    stopping = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stopping.set)

    async def wait(seconds: float) -> None:
        try:
            await asyncio.wait_for(stopping.wait(), seconds)
        except TimeoutError:
            pass

    async def phone(session: aiohttp.ClientSession) -> None:
        await wait(rng.uniform(0, interval))
        while loop.time() < stop and not stopping.is_set():
            try:
                async with session.get(url) as response:
                    await response.read()
                    counts["requests" if response.status == 200 else "errors"] += 1
            except (TimeoutError, aiohttp.ClientError, OSError):
                counts["errors"] += 1
            await wait(interval)

    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(phone(session) for _ in range(clients)))
    return counts


if __name__ == "__main__":
    result = asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])))
    print(json.dumps(result), flush=True)
