"""The console's full-screen QR code decodes, from a screenshot, to the meeting's address."""

import asyncio
import io
import shutil
import subprocess

import pytest

from yiting.demo import build_demo
from yiting.store import queries
from yiting.store.db import connect

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert (librsvg2-bin) is not installed")
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_the_console_qr_scans_from_a_screenshot(tmp_path, monkeypatch, size):
    from yiting.ui.app import YitingApp

    monkeypatch.setattr("yiting.network.lan_address", lambda: "192.168.1.23")
    path = tmp_path / "demo.sqlite"
    db = connect(path)
    build_demo(db)
    [live] = [m for m in queries.meetings(db) if m["status"] == "open"]
    db.conn.close()

    async def screenshot() -> str:
        app = YitingApp(path, "zh")
        async with app.run_test(size=size) as pilot:
            await pilot.press("ctrl+r")
            await pilot.pause()
            return app.export_screenshot()

    svg = asyncio.run(screenshot())
    png = subprocess.run(["rsvg-convert", "--zoom", "2"], input=svg.encode("utf-8"), capture_output=True,
                         check=True).stdout
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.save(tmp_path / "qr-screen.png")
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded == [f"http://192.168.1.23:8000/m/{live['id']}/"]
