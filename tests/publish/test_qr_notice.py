"""QR codes (PNG, in the notice, drawn in half blocks) and the CJK notice, read by zxing-cpp."""

from __future__ import annotations

import pytest
from conftest import BASE_URL
from PIL import Image, ImageDraw

from yiting.publish.notice import cjk_font, find_cjk_font, wrap
from yiting.publish.qr import HALF_BLOCK, qr_halfblock_lines, qr_size, write_qr_png

zxingcpp = pytest.importorskip("zxingcpp")


def decode(image: Image.Image) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(image.convert("RGB"))]


def test_qr_png_decodes_to_the_page_address(published):
    site, result, _, mid = published
    assert decode(Image.open(site / "m" / str(mid) / "qr.png")) == [f"{BASE_URL}/m/{mid}/"]
    assert result.url == f"{BASE_URL}/m/{mid}/"


def test_qr_in_the_notice_decodes_to_the_page_address(published):
    site, _, _, mid = published
    notice = Image.open(site / "m" / str(mid) / "notice.png")
    assert notice.size == (1240, 1754)  # A4 at 150 dpi
    assert decode(notice) == [f"{BASE_URL}/m/{mid}/"]


def test_notice_is_a_four_grey_png_at_150_dpi(published):
    """2 bits a pixel (black, two greys for smooth glyph edges, paper): small and quick to write."""
    site, _, _, mid = published
    path = site / "m" / str(mid) / "notice.png"
    raw = path.read_bytes()
    assert raw[24] == 2 and raw[25] == 3  # IHDR: bit depth 2, colour type 3 (palette)
    notice = Image.open(path)
    assert notice.getpalette()[:12] == [0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255]
    assert round(notice.info["dpi"][0]) == 150
    assert len(raw) < 100_000


def test_qr_png_is_one_bit(published):
    site, _, _, mid = published
    assert Image.open(site / "m" / str(mid) / "qr.png").mode == "1"


def test_write_qr_png(tmp_path):
    url = "http://10.0.0.5:8000/m/12/"
    write_qr_png(url, tmp_path / "q.png")
    assert decode(Image.open(tmp_path / "q.png")) == [url]


def test_halfblock_drawing_decodes_as_a_terminal_shows_it():
    """Every cell `▀`: foreground = upper module, background = lower; dark on light."""
    assert qr_size("http://192.168.1.23:8000/m/2026-11-20-xiangximeidi/") == (41, 21)  # FIELD-NOTES, level M
    url = "http://192.168.1.23:8000/m/12/"
    lines = qr_halfblock_lines(url)
    assert qr_size(url) == (37, 19)
    assert all(ch == HALF_BLOCK for row in lines for ch, _, _ in row)
    cell_w, cell_h = 8, 17  # a terminal cell, odd height like real line spacing
    image = Image.new("RGB", (len(lines[0]) * cell_w, len(lines) * cell_h), "white")
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(lines):
        for x, (_, fg_dark, bg_dark) in enumerate(row):
            top, left = y * cell_h, x * cell_w
            draw.rectangle((left, top, left + cell_w - 1, top + cell_h - 1), fill="black" if bg_dark else "white")
            draw.rectangle((left, top, left + cell_w - 1, top + cell_h // 2 - 1), fill="black" if fg_dark else "white")
    assert decode(image) == [url]


def test_a_cjk_font_is_found_and_draws_glyphs_not_boxes():
    found = find_cjk_font()
    assert found is not None, "install fonts-wqy-microhei (apt) or noto-cjk-sans-otc (pip)"
    font = cjk_font(48)

    def ink(text: str) -> bytes:
        image = Image.new("L", (200, 80), 255)
        ImageDraw.Draw(image).text((10, 10), text, font=font, fill=0)
        return image.tobytes()

    blank = Image.new("L", (200, 80), 255).tobytes()
    glyphs = {ch: ink(ch) for ch in "议亭决"}
    assert all(g != blank for g in glyphs.values())  # something is drawn
    assert len(set(glyphs.values())) == 3  # and not the same box for each character
    assert ink("议") != ink("\U000f0000")  # nor the font's "missing glyph" box


def test_notice_draws_chinese_text(published):
    """The heading band of the notice has ink in it (the title is drawn, not left blank)."""
    site, _, _, mid = published
    notice = Image.open(site / "m" / str(mid) / "notice.png").convert("L")
    band = notice.crop((90, 90, 1150, 320))
    assert band.getextrema()[0] < 50
    assert sum(band.histogram()[:128]) > 5000


def test_wrap_breaks_between_cjk_characters_and_keeps_words():
    font = cjk_font(36)
    lines = wrap("北门拓宽到 9.6 米，10 月 31 日开工；施工期间开放东侧临时通道。" * 2, font, 500)
    assert len(lines) > 2
    assert all(font.getlength(line.rstrip("，。；")) <= 500 for line in lines)  # punctuation may hang
    assert not any(line[:1] in "，。；" for line in lines)  # and never starts a line
    assert "".join(lines).replace(" ", "") == ("北门拓宽到 9.6 米，10 月 31 日开工；施工期间开放东侧临时通道。" * 2).replace(" ", "")
