"""The printable A4 notice (公示): title, date, venue, the decisions, the action items and the QR
code, as a PNG and as an A4 PDF.

Pillow needs a font with Chinese glyphs: `fonts.find_cjk_font()` finds one on any system (a
bundled one last). What does not fit on the page is counted, never dropped: a section that is
cut short ends with "另有 N 项，扫码查看".
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from yiting.errors import YitingError
from yiting.i18n import t
from yiting.publish.fonts import find_cjk_font
from yiting.publish.objections import period_lines

A4_150DPI = (1240, 1754)
GREYS = (0, 85, 170, 255)  # the notice's palette: black, two greys for the glyphs' edges, paper
_NEAREST = [(v + 42) // 85 for v in range(256)]  # grey level -> index of the nearest of GREYS
MARGIN = 90
INK = 0
RULE = 170  # the light grey between action rows
NO_LINE_START = set("，。、；：！？）》」』】,.;:!?)")
PAPER = 255
BODY_SIZES = (40, 37, 34, 31, 28)  # largest first; 28 px (4.7 mm) is as small as it gets before rows are left out
MAX_DECISION_LINES = 8  # a longer decision ends in "…" (the minutes hold all of it): one row never fills the page
MAX_TASK_LINES = 4
QR_SCALE = 9  # pixels a module at most: 37 modules (quiet zone included) are 5.6 cm, scanned from an arm's length
QR_SIDE = 333  # the side (quiet zone included) that a longer address keeps, with more and smaller modules
QR_BORDER = 4


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


def clip(lines: list[str], most: int) -> list[str]:
    """At most `most` lines; the last one shown ends in "…" when some were cut."""
    if len(lines) <= most:
        return lines
    return lines[:most - 1] + [lines[most - 1][:-1].rstrip() + "…"]


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


@dataclass
class _Section:
    heading: str
    rows: list[tuple[int, Any]]  # (height in pixels, what to draw), as many as could fit on a page
    total: int  # the rows there are
    table: bool = False  # the action items: owner | task | due, under a header row


def render_notice(public: dict[str, Any], url: str, lang: str = "zh", *, version: dict[str, Any] | None = None,
                  words: dict[str, str] | None = None):
    """The notice as a Pillow image (A4 at 150 dpi, greyscale). `words` replaces the minutes'
    own wording (keys `heading`, `scan`, `kind_label`, `decisions`, `actions`, `no_decisions`): the duty
    board's notice is drawn by the same layout."""
    words = words or {}
    from PIL import Image, ImageDraw

    from yiting.publish.qr import qr_image, qr_matrix

    width, height = A4_150DPI
    inner = width - 2 * MARGIN
    image = Image.new("L", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    f_heading, f_title, f_fact, f_small = cjk_font(52), cjk_font(64), cjk_font(34), cjk_font(28)

    y = MARGIN - 10
    heading = words.get("heading") or t("pub.notice_heading", lang)
    draw.text(((width - draw.textlength(heading, font=f_heading)) / 2, y), heading, font=f_heading, fill=INK,
              stroke_width=1, stroke_fill=INK)
    y += 84
    for line in clip(wrap(public["title"], f_title, inner), 3):
        draw.text(((width - draw.textlength(line, font=f_title)) / 2, y), line, font=f_title, fill=INK,
                  stroke_width=1, stroke_fill=INK)
        y += 82
    y += 12
    start = public.get("started_at") or public.get("scheduled_at") or ""
    facts = [(t("export.when", lang), f"{start[:10]} {start[11:16]}".strip()),
             (t("export.where", lang), " · ".join(x for x in (public["community"], public["venue"]) if x)),
             (words.get("kind_label") or t("export.kind", lang), public["kind"])]
    sep = "：" if lang == "zh" else ": "
    for key, value in facts:
        if value:
            for line in clip(wrap(f"{key}{sep}{value}", f_fact, inner), 2):
                draw.text((MARGIN, y), line, font=f_fact, fill=INK)
                y += 48
    y += 14
    draw.line((MARGIN, y, width - MARGIN, y), fill=INK, width=4)
    y += 26

    # The footer: the QR code at the bottom left (its quiet zone in the margin), its words beside it.
    modules = len(qr_matrix(url, border=QR_BORDER))
    scale = max(5, min(QR_SCALE, QR_SIDE // modules))  # a longer address: more, smaller modules
    qr = qr_image(url, scale=scale, border=QR_BORDER)
    quiet = QR_BORDER * scale
    qr_top = height - MARGIN + quiet - qr.height
    footer_top = qr_top + quiet - 24
    image.paste(qr, (MARGIN - quiet, qr_top))
    draw.line((MARGIN, footer_top, width - MARGIN, footer_top), fill=INK, width=2)
    text_x = MARGIN + qr.width - 2 * quiet + 40
    text_w = width - MARGIN - text_x
    f_scan = cjk_font(36)
    ty = qr_top + quiet + 20
    for line in wrap(words.get("scan") or t("pub.notice_scan", lang), f_scan, text_w)[:3]:
        draw.text((text_x, ty), line, font=f_scan, fill=INK, stroke_width=1, stroke_fill=INK)
        ty += 52
    ty += 10
    for line in clip(wrap(url, f_small, text_w), 3):
        draw.text((text_x, ty), line, font=f_small, fill=INK)
        ty += 40
    if version:
        footer = t("pub.version", lang, number=version["number"], time=version["time"])
        draw.text((text_x, height - MARGIN - 40), footer, font=f_small, fill=INK)
        if version.get("key"):  # a photo of the board is a witness of the log's head
            from yiting.trust.checkpoint import short

            witness = t("pub.notice_head", lang, head=short(version["log_head"]), fp=short(version["key"]))
            draw.text((text_x, height - MARGIN - 80), witness, font=f_small, fill=INK)

    bottom = footer_top - 24
    # Until when and where residents may object, and how many did: above the footer.
    period = [line for text in period_lines(public, lang)[:2] for line in clip(wrap(text, f_fact, inner), 3)]
    if period:
        bottom -= len(period) * 46 + 20
        draw.line((MARGIN, bottom, width - MARGIN, bottom), fill=INK, width=2)
        for n, line in enumerate(period):
            draw.text((MARGIN, bottom + 16 + n * 46), line, font=f_fact, fill=INK)
        bottom -= 24
    _draw_body(draw, public, lang, top=y, bottom=bottom, left=MARGIN, width=inner, words=words)
    return image


def _draw_body(draw, public: dict[str, Any], lang: str, *, top: int, bottom: int, left: int, width: int,
               words: dict[str, str] | None = None) -> None:
    """The decisions and the action items between `top` and `bottom`: at the largest size at
    which all of them fit, else at the smallest with what fits of each and a count of the rest."""
    for size in BODY_SIZES:
        layout = _Layout(public, lang, size, width, bottom - top, words or {})
        shown = layout.fit(bottom - top)
        if all(n == section.total for n, section in zip(shown, layout.sections, strict=False)):
            break
    layout.draw(draw, shown, left, top)


class _Layout:
    """The body's sections measured at one font size (only as many rows as a page could hold:
    a meeting with a thousand action items costs what a page of them does)."""

    def __init__(self, public: dict[str, Any], lang: str, size: int, width: int, available: int,
                 words: dict[str, str] | None = None) -> None:
        words = words or {}
        self.lang = lang
        self.body = cjk_font(size)
        self.section_font = cjk_font(round(size * 1.2))
        self.small = cjk_font(round(size * 0.8))
        self.line = round(size * 1.4)
        self.gap = round(size * 0.35)
        self.width = width
        self.indent = round(size * 1.5)
        self.heading_h = round(size * 1.2 * 1.6)
        most = max(1, available // self.line)
        decisions = [d["text"] for d in public["decisions"][:most]]
        rows = [(len(lines) * self.line + self.gap, ("decision", n, lines))
                for n, lines in enumerate((clip(wrap(text, self.body, width - self.indent), MAX_DECISION_LINES)
                                           for text in decisions), start=1)]
        if not rows:
            none = words.get("no_decisions") or t("pub.no_decisions", lang)
            rows = [(self.line + self.gap, ("none", 0, wrap(none, self.body, width)))]
        self.sections = [_Section(words.get("decisions") or t("pub.decisions", lang), rows,
                                  max(len(rows), len(public["decisions"])))]
        actions = public["actions"][:most]
        if actions:
            self.due_w = round(self.body.getlength("0000-00-00")) + size
            longest = max(self.body.getlength(str(a["owner"])) for a in actions)
            self.owner_w = round(min(max(longest, self.small.getlength(t("pub.notice_owner", lang))) + size,
                                     width * 0.3))
            task_w = width - self.owner_w - self.due_w
            rows = []
            for action in actions:
                owner = clip(wrap(str(action["owner"]), self.body, self.owner_w - size), MAX_TASK_LINES)
                task = clip(wrap(str(action["task"]), self.body, task_w - size // 2), MAX_TASK_LINES)
                rows.append((max(len(owner), len(task)) * self.line + 2 * self.gap, ("action", owner, task,
                                                                                      action.get("due") or "")))
            self.sections.append(_Section(words.get("actions") or t("pub.actions", lang), rows, len(public["actions"]),
                                          table=True))

    def _overhead(self, section: _Section, shown: int) -> int:
        more = self.line if shown < section.total else 0
        header = self.line if section.table and shown else 0
        return self.heading_h + header + more + self.gap * 2

    def height(self, shown: list[int]) -> int:
        return sum(self._overhead(s, n) + sum(h for h, _ in s.rows[:n]) for s, n in zip(self.sections, shown, strict=False))

    def fit(self, available: int) -> list[int]:
        """How many rows of each section to show: one of each in turn while the next fits (each
        section keeps its order), so that no section crowds out the others."""
        shown = [0] * len(self.sections)
        growing = True
        while growing:
            growing = False
            for i, section in enumerate(self.sections):
                if shown[i] < len(section.rows):
                    trial = shown[:i] + [shown[i] + 1] + shown[i + 1:]
                    if self.height(trial) <= available:
                        shown = trial
                        growing = True
        return shown

    def draw(self, draw, shown: list[int], left: int, y: int) -> None:
        body, line = self.body, self.line
        for section, count in zip(self.sections, shown, strict=False):
            draw.text((left, y), section.heading, font=self.section_font, fill=INK, stroke_width=1, stroke_fill=INK)
            y += self.heading_h
            if section.table and count:
                labels = (t("pub.notice_owner", self.lang), t("pub.notice_task", self.lang))
                draw.text((left, y + self.gap), labels[0], font=self.small, fill=INK)
                draw.text((left + self.owner_w, y + self.gap), labels[1], font=self.small, fill=INK)
                due = t("pub.notice_due", self.lang)
                draw.text((left + self.width - draw.textlength(due, font=self.small), y + self.gap), due,
                          font=self.small, fill=INK)
                y += line
                draw.line((left, y, left + self.width, y), fill=INK, width=2)
            for height, row in section.rows[:count]:
                if row[0] == "action":
                    _, owner, task, due = row
                    top = y + self.gap
                    for n, text in enumerate(owner):
                        draw.text((left, top + n * line), text, font=body, fill=INK)
                    for n, text in enumerate(task):
                        draw.text((left + self.owner_w, top + n * line), text, font=body, fill=INK)
                    if due:
                        draw.text((left + self.width - draw.textlength(due, font=body), top), due, font=body, fill=INK)
                    y += height
                    draw.line((left, y, left + self.width, y), fill=RULE, width=1)
                else:
                    kind, number, lines = row
                    if kind == "decision":
                        draw.text((left, y), f"{number}.", font=body, fill=INK)
                    for n, text in enumerate(lines):
                        draw.text((left + (self.indent if kind == "decision" else 0), y + n * line), text, font=body,
                                  fill=INK)
                    y += height
            if count < section.total:
                more = t("pub.notice_more", self.lang, count=section.total - count)
                draw.text((left, y + self.gap), more, font=body, fill=INK, stroke_width=1, stroke_fill=INK)
                y += line + self.gap
            y += self.gap * 2


def four_greys(image):
    """A greyscale image as a palette of `GREYS`, each pixel to the nearest: text keeps its
    smoothed edges in print and on a phone, and the PNG holds 2 bits a pixel."""
    palette = image.point(_NEAREST).convert("P")
    palette.putpalette(bytes(g for g in GREYS for _ in range(3)))
    return palette


def notice_png(public: dict[str, Any], url: str, lang: str = "zh", *,
               version: dict[str, Any] | None = None, words: dict[str, str] | None = None) -> bytes:
    """The notice as a PNG file's bytes: 4 greys, 2 bits a pixel, with zlib's run-length
    strategy (paper is most of A4): ~50 KB in ~3 ms, where 256 greys at the default strategy
    took ~25 ms for 120 KB."""
    import io

    out = io.BytesIO()
    four_greys(render_notice(public, url, lang, version=version, words=words)).save(
        out, format="PNG", dpi=(150, 150), bits=2, compress_type=zlib.Z_RLE)
    return out.getvalue()


def notice_files(public: dict[str, Any], url: str, lang: str = "zh", *,
                 version: dict[str, Any] | None = None, words: dict[str, str] | None = None) -> dict[str, bytes]:
    """The notice drawn once, as `notice.png` and as `notice.pdf` (an A4 page holding the same
    pixels: the PDF reuses the PNG's compressed data)."""
    from yiting.publish.pdf import png_to_pdf

    png = notice_png(public, url, lang, version=version, words=words)
    return {"notice.png": png, "notice.pdf": png_to_pdf(png, dpi=150, title=str(public.get("title", "")))}
