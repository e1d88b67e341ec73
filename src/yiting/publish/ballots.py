"""Printable papers of an owners' vote counted per unit, drawn like the notice (A4 at 150 dpi,
four greys, the CJK font of `fonts`):

- the ballots (表决票), one A4 page a unit: the property, the unit, its area and where the
  area comes from, the matter, the rule, the three options, the owner's signature and date,
  and who collected it when;
- the counting sheet (计票单): every unit of the property with what its ballot said (or blank
  where none came back), the denominators and where they came from, the count, the objection
  period (询异期), and lines for the scrutineers (监票人) and the counters (计票人) to sign.

No owner's name is printed: the ballot goes to the unit, the sheet names units only.
"""

from __future__ import annotations

import io
import zlib
from typing import Any

from yiting.domain import VoteRule, decide, label
from yiting.domain.owners import (
    denominators,
    needed_sentences,
    owners_tally,
    still_needed,
    stored_denominators,
    unit_label,
    units_from_rows,
)
from yiting.errors import YitingError
from yiting.i18n import t
from yiting.publish.notice import A4_150DPI, INK, MARGIN, PAPER, RULE, cjk_font, clip, four_greys, wrap
from yiting.publish.pdf import pngs_to_pdf
from yiting.store import owners as register
from yiting.store import queries
from yiting.store.database import Database

ROWS_PER_SHEET = 24


def vote_papers(db: Database, vote_id: Any) -> dict[str, Any]:
    """What the papers print, read from the record; YitingError for a vote not counted per unit."""
    try:
        vote_id = int(vote_id)
    except (TypeError, ValueError):
        raise YitingError("desk.no_votes", id=vote_id) from None
    vote = queries.row(db, "votes", vote_id)
    if vote is None:
        raise YitingError("desk.no_votes", id=vote_id)
    extra = register.unit_vote(db, vote_id)
    if extra is None:
        raise YitingError("owners.not_unit_vote")
    proposal = queries.row(db, "proposals", vote["proposal_id"])
    item = queries.row(db, "agenda_items", proposal["item_id"])
    meeting = queries.row(db, "meetings", item["meeting_id"])
    rows = register.units(db, meeting["id"], extra["scope"])
    units = units_from_rows(rows, register.owners_of_units(db, meeting["id"]))
    ballots = {b["unit_id"]: b for b in register.unit_ballots(db, vote_id)}
    choices = {unit_id: b["choice"] for unit_id, b in ballots.items()}
    return {"vote": vote, "unit_vote": extra, "proposal": proposal, "item": item, "meeting": meeting,
            "rows": rows, "units": units, "ballots": ballots, "choices": choices,
            "denominators": stored_denominators(extra["denominators"]) or denominators(units)}


def property_name(papers: dict[str, Any]) -> str:
    meeting, scope = papers["meeting"], papers["unit_vote"]["scope"]
    return " ".join(part for part in (meeting["community"], scope) if part) or meeting["title"]


def rule_words(rule: VoteRule, lang: str) -> str:
    return t(f"owners.paper_rule.{VoteRule(rule).value}", lang)


class _Page:
    """An A4 page being drawn top to bottom."""

    def __init__(self, image: Any = None) -> None:
        from PIL import Image, ImageDraw

        self.image = image if image is not None else Image.new("L", A4_150DPI, PAPER)
        self.draw = ImageDraw.Draw(self.image)
        self.width = A4_150DPI[0] - 2 * MARGIN
        self.y = MARGIN - 10

    def centred(self, text: str, size: int, gap: int, bold: bool = True) -> None:
        font = cjk_font(size)
        for line in clip(wrap(text, font, self.width), 2):
            x = (A4_150DPI[0] - self.draw.textlength(line, font=font)) / 2
            self.draw.text((x, self.y), line, font=font, fill=INK, stroke_width=1 if bold else 0, stroke_fill=INK)
            self.y += gap

    def text(self, text: str, size: int = 34, *, most: int = 6, indent: int = 0, bold: bool = False) -> None:
        font = cjk_font(size)
        for line in clip(wrap(text, font, self.width - indent), most):
            self.draw.text((MARGIN + indent, self.y), line, font=font, fill=INK,
                           stroke_width=1 if bold else 0, stroke_fill=INK)
            self.y += round(size * 1.45)

    def rule(self, width: int = 3, space: int = 22) -> None:
        self.y += space // 2
        self.draw.line((MARGIN, self.y, MARGIN + self.width, self.y), fill=INK, width=width)
        self.y += space

    def png(self) -> bytes:
        out = io.BytesIO()
        four_greys(self.image).save(out, format="PNG", dpi=(150, 150), bits=2, compress_type=zlib.Z_RLE)
        return out.getvalue()


def ballot_page(papers: dict[str, Any], row: dict[str, Any], number: int, lang: str = "zh") -> bytes:
    """One unit's ballot as a PNG page."""
    return _BallotForm(papers, lang).page(row, number)


class _BallotForm:
    """The ballot drawn once with the unit's lines left blank; each unit's page is a copy with
    its unit, area and number written in (a register of a thousand units prints in seconds)."""

    def __init__(self, papers: dict[str, Any], lang: str) -> None:
        self.papers, self.lang = papers, lang
        vote = papers["vote"]
        page = _Page()
        page.centred(t("owners.paper_ballot_heading", lang), 60, 84)
        page.centred(papers["meeting"]["title"], 38, 54, bold=False)
        page.rule()
        self.sep = "：" if lang == "zh" else ": "
        page.text(f"{t('owners.paper_property', lang)}{self.sep}{property_name(papers)}", 40, most=2)
        self.unit_y = page.y  # the unit's line, then its area's
        page.y += 2 * round(40 * 1.45)
        page.rule(2)
        page.text(t("owners.paper_matter", lang), 40, bold=True)
        page.text(papers["proposal"]["text"], 36, most=9, indent=40)
        page.y += 10
        page.text(t("owners.paper_rule", lang) + self.sep + rule_words(VoteRule(vote["rule"]), lang), 28, most=4)
        page.rule(2)
        page.text(t("owners.paper_choose", lang), 36, bold=True)
        page.y += 20
        font = cjk_font(54)
        box = 70
        slot = page.width // 3
        for index, choice in enumerate(("yes", "no", "abstain")):
            x = MARGIN + index * slot + 30
            page.draw.rectangle((x, page.y, x + box, page.y + box), outline=INK, width=5)
            page.draw.text((x + box + 28, page.y + 2), t(f"owners.choice.{choice}", lang), font=font, fill=INK,
                           stroke_width=1, stroke_fill=INK)
        page.y += box + 60
        page.rule(2)
        for key in ("owners.paper_signature", "owners.paper_signed_on"):
            page.text(t(key, lang), 34)
            page.y += 30
        page.y = max(page.y, A4_150DPI[1] - MARGIN - 190)
        page.rule(1, 16)
        page.text(t("owners.paper_collector", lang), 30)
        until = papers["unit_vote"]["objection_until"]
        if until:
            page.text(t("owners.paper_objection", lang, until=until), 26, most=2)
        self.number_y = page.y
        self.base = page

    def page(self, row: dict[str, Any], number: int) -> bytes:
        lang = self.lang
        page = _Page(self.base.image.copy())
        page.y = self.unit_y
        page.text(f"{t('owners.paper_unit', lang)}{self.sep}{unit_label(row)}", 40, most=1, bold=True)
        area = t("owners.paper_area_value", lang, area=f"{row['area_m2']:.2f}",
                 source=t(f"owners.source.{row['area_source']}", lang))
        page.text(f"{t('owners.paper_area', lang)}{self.sep}{area}", 40, most=1)
        page.y = self.number_y
        page.text(t("owners.paper_number", lang, vote=self.papers["vote"]["id"], number=number,
                    total=len(self.papers["rows"])), 26)
        return page.png()


def ballots_pdf(db: Database, vote_id: Any, lang: str = "zh") -> bytes:
    """Every unit's ballot, one A4 page each, in the register's order."""
    papers = vote_papers(db, vote_id)
    form = _BallotForm(papers, lang)
    pages = [form.page(row, n) for n, row in enumerate(papers["rows"], start=1)]
    if not pages:
        raise YitingError("owners.no_units")
    return pngs_to_pdf(pages, title=t("owners.paper_ballot_heading", lang) + " " + papers["meeting"]["title"])


def counting_sheet_pages(papers: dict[str, Any], lang: str = "zh") -> list[bytes]:
    vote = papers["vote"]
    rule = VoteRule(vote["rule"])
    rows = papers["rows"]
    chunks = [rows[i:i + ROWS_PER_SHEET] for i in range(0, len(rows), ROWS_PER_SHEET)] or [[]]
    pages = []
    columns = (0, 340, 510, 680, 880)
    headers = ("owners.sheet_unit", "owners.sheet_area", "owners.sheet_choice", "owners.sheet_collector",
               "owners.sheet_when")
    for number, chunk in enumerate(chunks, start=1):
        page = _Page()
        page.centred(t("owners.paper_sheet_heading", lang), 52, 76)
        page.centred(papers["meeting"]["title"], 32, 46, bold=False)
        sep = "：" if lang == "zh" else ": "
        page.text(t("owners.paper_property", lang) + sep + property_name(papers), 28)
        page.text(t("owners.paper_matter", lang) + sep + papers["proposal"]["text"], 28, most=3)
        page.text(t("owners.paper_rule", lang) + sep + label(rule, lang), 28)
        page.text(t("owners.sheet_denominators", lang) + sep + papers["denominators"].sentence(lang), 28, most=3)
        page.rule(3, 16)
        head = cjk_font(28)
        for x, key in zip(columns, headers, strict=True):
            page.draw.text((MARGIN + x, page.y), t(key, lang), font=head, fill=INK, stroke_width=1, stroke_fill=INK)
        page.y += 42
        body = cjk_font(27)
        for row in chunk:
            ballot = papers["ballots"].get(row["id"])
            cells = [unit_label(row), f"{row['area_m2']:.2f}",
                     t(f"owners.choice.{ballot['choice']}", lang) if ballot else t("owners.sheet_not_back", lang),
                     ballot["collected_by"] if ballot else "", ballot["collected_at"][5:16].replace("T", " ") if ballot else ""]
            for x, text in zip(columns, cells, strict=True):
                page.draw.text((MARGIN + x, page.y), clip(wrap(text, body, 160 if x else 330), 1)[0], font=body,
                               fill=INK)
            page.y += 38
            page.draw.line((MARGIN, page.y - 4, MARGIN + page.width, page.y - 4), fill=RULE, width=1)
        if number == len(chunks):
            page.rule(3, 16)
            tally = owners_tally(papers["units"], papers["choices"])
            if tally.cast:
                page.text(decide(rule, tally).explanation(lang), 28, most=4, bold=True)
            for line in needed_sentences(rule, still_needed(rule, papers["units"], papers["choices"]), lang):
                page.text(line, 28, most=2)
            until = papers["unit_vote"]["objection_until"]
            if until:
                page.text(t("owners.paper_objection", lang, until=until), 28, most=2)
            page.y = max(page.y + 20, A4_150DPI[1] - MARGIN - 200)
            for key in ("owners.sheet_scrutineers", "owners.sheet_counters", "owners.sheet_date"):
                page.text(t(key, lang), 32)
                page.y += 14
        page.draw.text((MARGIN, A4_150DPI[1] - MARGIN + 20), t("owners.sheet_page", lang, number=number,
                                                              total=len(chunks)), font=cjk_font(24), fill=INK)
        pages.append(page.png())
    return pages


def counting_sheet_pdf(db: Database, vote_id: Any, lang: str = "zh") -> bytes:
    papers = vote_papers(db, vote_id)
    return pngs_to_pdf(counting_sheet_pages(papers, lang),
                       title=t("owners.paper_sheet_heading", lang) + " " + papers["meeting"]["title"])
