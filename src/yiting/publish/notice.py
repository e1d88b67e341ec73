"""The printable A4 notice (公示): title, date, venue, the decisions and the QR code, in Chinese.

Pillow needs a font with Chinese glyphs; `find_cjk_font()` looks for one (YITING_CJK_FONT, the
`noto-cjk-sans-otc` package, then fontconfig) and the notice is not drawn without one, rather
than drawn as boxes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from yiting.errors import YitingError
from yiting.i18n import t

A4_150DPI = (1240, 1754)
GREYS = (0, 85, 170, 255)  # the notice's palette: black, two greys for the glyphs' edges, paper
_NEAREST = [(v + 42) // 85 for v in range(256)]  # grey level -> index of the nearest of GREYS
MARGIN = 90
LINE = 47
INK = 0
NO_LINE_START = set("，。、；：！？）》」』】,.;:!?)")
PAPER = 255


@lru_cache(maxsize=1)
def find_cjk_font() -> tuple[str, int] | None:
    """(path, index in the collection) of a font that draws Chinese, or None."""
    override = os.environ.get("YITING_CJK_FONT", "")
    if override:
        path, _, index = override.partition(":")
        if Path(path).is_file():
            return path, int(index) if index.isdigit() else 0
    try:
        import noto_cjk_sans_otc  # type: ignore[import-not-found]

        if Path(noto_cjk_sans_otc.FONT_PATH).is_file():
            return str(noto_cjk_sans_otc.FONT_PATH), 2  # index 2: Noto Sans CJK SC
    except ImportError:
        pass
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "file", "index", "family"], capture_output=True,
                                 text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        found = []
        for line in out.splitlines():
            path, _, rest = line.partition(": ")
            index = 0
            if ":index=" in rest:
                rest, _, raw = rest.rpartition(":index=")
                index = int(raw or 0)
            if path.lower().endswith((".ttf", ".ttc", ".otf", ".otc")) and Path(path).is_file():
                # Prefer a proportional sans face (not "Mono") and Simplified Chinese.
                score = ("mono" in rest.lower()) * 2 + ("SC" not in rest and "Hei" not in rest)
                found.append((score, path, index))
        if found:
            _, path, index = min(found)
            return path, index
    return None


def cjk_font(size: int):
    found = find_cjk_font()
    if found is None:
        raise YitingError("publish.no_font")
    return _font(*found, size)


@lru_cache(maxsize=32)
def _font(path: str, index: int, size: int):
    # Kept, so that the widths `wrap` measured stay cached for the next notice. The basic layout
    # (no shaping: Chinese and Latin need none) draws the same glyphs as raqm, 3x faster.
    from PIL import ImageFont

    return ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=1 << 16)
def _width(font, token: str) -> float:
    return font.getlength(token)


def wrap(text: str, font, width: int) -> list[str]:
    """Lines of `text` no wider than `width` pixels; breaks between any two CJK characters and
    between words of Latin text.

    A line's width is the sum of its tokens' widths, each measured once per font: measuring the
    whole line again for every character made a long notice quadratic (0.4 s of a 0.5 s publish)."""
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        line, used = "", 0.0
        for token in _tokens(paragraph):
            size = _width(font, token)
            if token in NO_LINE_START and line:  # hang closing punctuation in the margin (禁则)
                line += token
                used += size
                continue
            if used + size <= width or not line:
                line += token
                used += size
                while used > width and len(line) > 1:  # a single over-long word
                    cut = len(line) - 1
                    while cut > 1 and font.getlength(line[:cut]) > width:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
                    used = font.getlength(line)
            else:
                lines.append(line.rstrip())
                line = token.lstrip()
                used = _width(font, line) if line else 0.0
        lines.append(line)
    return lines


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(ch)
    if word:
        tokens.append(word)
    return tokens


def render_notice(public: dict[str, Any], url: str, lang: str = "zh", *, version: dict[str, Any] | None = None):
    """The notice as a Pillow image (A4 at 150 dpi, greyscale)."""
    from PIL import Image, ImageDraw

    from yiting.publish.qr import qr_image

    width, height = A4_150DPI
    inner = width - 2 * MARGIN
    image = Image.new("L", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    f_heading, f_title, f_fact = cjk_font(52), cjk_font(66), cjk_font(36)
    f_section, f_body, f_small = cjk_font(42), cjk_font(34), cjk_font(28)

    y = MARGIN
    heading = t("pub.notice_heading", lang)
    draw.text(((width - draw.textlength(heading, font=f_heading)) / 2, y), heading, font=f_heading, fill=INK,
              stroke_width=1, stroke_fill=INK)
    y += 90
    for line in wrap(public["title"], f_title, inner)[:3]:
        draw.text(((width - draw.textlength(line, font=f_title)) / 2, y), line, font=f_title, fill=INK,
                  stroke_width=1, stroke_fill=INK)
        y += 86
    y += 14
    start = public.get("started_at") or public.get("scheduled_at") or ""
    facts = [(t("export.when", lang), f"{start[:10]} {start[11:16]}".strip()),
             (t("export.where", lang), " · ".join(x for x in (public["community"], public["venue"]) if x)),
             (t("export.kind", lang), public["kind"])]
    sep = "：" if lang == "zh" else ": "
    for key, value in facts:
        if value:
            for line in wrap(f"{key}{sep}{value}", f_fact, inner)[:2]:
                draw.text((MARGIN, y), line, font=f_fact, fill=INK)
                y += 52
    y += 16
    draw.line((MARGIN, y, width - MARGIN, y), fill=INK, width=4)
    y += 30

    qr = qr_image(url, scale=9)  # 37 modules: 5.6 cm, scans from an arm's length
    qr_top = height - MARGIN - 150 - qr.height
    sep = "：" if lang == "zh" else ": "
    sections = [(t("pub.decisions", lang), [d["text"] for d in public["decisions"]] or [t("pub.no_decisions", lang)],
                 bool(public["decisions"]))]
    if public["actions"]:
        due = lambda a: (" " + t("pub.due", lang, due=a["due"])) if a["due"] else ""
        sections.append((t("pub.actions", lang), [f"{a['owner']}{sep}{a['task']}{due(a)}" for a in public["actions"]],
                         True))
    limit = qr_top - 40
    for heading, entries, numbered in sections:
        if y + 70 + 2 * LINE > limit:
            break
        draw.text((MARGIN, y), heading, font=f_section, fill=INK, stroke_width=1, stroke_fill=INK)
        y += 70
        for number, text in enumerate(entries, start=1):
            lines = wrap(text, f_body, inner - 50)
            if y + len(lines) * LINE > limit - LINE:
                rest = len(entries) - number + 1
                draw.text((MARGIN, y), t("pub.notice_more", lang, count=rest), font=f_body, fill=INK)
                y += LINE
                break
            if numbered:
                draw.text((MARGIN, y), f"{number}.", font=f_body, fill=INK)
            for line in lines:
                draw.text((MARGIN + 50, y), line, font=f_body, fill=INK)
                y += LINE
            y += 12
        y += 20

    image.paste(qr, ((width - qr.width) // 2, qr_top))
    y = qr_top + qr.height + 10
    scan = t("pub.notice_scan", lang)
    draw.text(((width - draw.textlength(scan, font=f_body)) / 2, y), scan, font=f_body, fill=INK)
    y += 52
    draw.text(((width - draw.textlength(url, font=f_small)) / 2, y), url, font=f_small, fill=INK)
    if version:
        footer = t("pub.version", lang, number=version["number"], time=version["time"])
        draw.text(((width - draw.textlength(footer, font=f_small)) / 2, height - MARGIN + 20), footer,
                  font=f_small, fill=INK)
    return image


def four_greys(image):
    """A greyscale image as a palette of `GREYS`, each pixel to the nearest: text keeps its
    smoothed edges in print and on a phone, and the PNG holds 2 bits a pixel."""
    palette = image.point(_NEAREST).convert("P")
    palette.putpalette(bytes(g for g in GREYS for _ in range(3)))
    return palette


def notice_png(public: dict[str, Any], url: str, lang: str = "zh", *,
               version: dict[str, Any] | None = None) -> bytes:
    """The notice as a PNG file's bytes: 4 greys, 2 bits a pixel, with zlib's run-length
    strategy (paper is most of A4): ~50 KB in ~3 ms, where 256 greys at the default strategy
    took ~25 ms for 120 KB."""
    import io

    out = io.BytesIO()
    four_greys(render_notice(public, url, lang, version=version)).save(
        out, format="PNG", dpi=(150, 150), bits=2, compress_type=zlib.Z_RLE)
    return out.getvalue()
