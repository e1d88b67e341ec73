"""The figures a street office asks for (统计), from the record: matters raised and closed by
category and month, the median days from raised to done, duties overdue by party, meetings held.
The published figures page and the console's Figures screen show the same `Figures`."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any

from yiting.domain.matters import day_number
from yiting.i18n import t
from yiting.presets import category_label
from yiting.publish.board import People
from yiting.store import board as reads
from yiting.store.database import Database

RECENT_MONTHS = 24  # the monthly chart's span; the years table covers everything


@dataclass
class Figures:
    today: str
    raised: int = 0
    closed: int = 0
    meetings: int = 0
    overdue: int = 0
    months: list[tuple[str, int, int]] = field(default_factory=list)  # (YYYY-MM, raised, closed), the recent span
    years: list[tuple[str, int, int, int]] = field(default_factory=list)  # (YYYY, raised, closed, meetings)
    categories: list[tuple[str, int, int, str]] = field(default_factory=list)  # (label, raised, closed, median days)
    median_days: str = ""  # '' when nothing is done
    done_count: int = 0
    overdue_parties: list[tuple[str, int]] = field(default_factory=list)
    meeting_months: list[tuple[str, int]] = field(default_factory=list)  # the recent span


def _median(days: list[int]) -> str:
    if not days:
        return ""
    value = median(days)
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def recent_months(today: str, count: int) -> list[str]:
    """The `count` months up to and including today's, oldest first (YYYY-MM)."""
    year, month = int(today[:4]), int(today[5:7])
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def _overdue_parties(db: Database, today: str, lang: str) -> list[tuple[str, int]]:
    """Overdue duties by their owner party as the duty board shows it (a resident typed as the
    party is masked by the roster of the duty's meeting), most first."""
    people = People(db)
    counts: dict[str, int] = {}
    for r in reads.overdue_by_party(db, today):
        label = people.roster(r["meeting_id"]).owner_party(r["party"]) or t("figures.no_party", lang)
        counts[label] = counts.get(label, 0) + r["count"]
    return sorted(counts.items(), key=lambda c: (-c[1], c[0]))


def figures(db: Database, today: str, lang: str, *, months: int = RECENT_MONTHS) -> Figures:
    raised_rows, closed_rows = reads.matters_raised(db), reads.matters_closed(db)
    held = reads.meetings_held(db)
    result = Figures(today=today)
    per_month: dict[str, list[int]] = {}
    per_category: dict[str, list[int]] = {}
    for rows, n in ((raised_rows, 0), (closed_rows, 1)):
        for r in rows:
            per_month.setdefault(r["month"], [0, 0])[n] += r["count"]
            label = category_label(r["category"], lang) or t("matters.no_category", lang)
            per_category.setdefault(label, [0, 0])[n] += r["count"]
    result.raised = sum(v[0] for v in per_month.values())
    result.closed = sum(v[1] for v in per_month.values())
    span = recent_months(today, months)
    result.months = [(m, *per_month.get(m, [0, 0])) for m in span]  # type: ignore[misc]
    meetings_by_month = {r["month"]: r["count"] for r in held}
    result.meetings = sum(meetings_by_month.values())
    result.meeting_months = [(m, meetings_by_month.get(m, 0)) for m in span]
    years: dict[str, list[int]] = {}
    for month, (raised, closed) in per_month.items():
        entry = years.setdefault(month[:4], [0, 0, 0])
        entry[0] += raised
        entry[1] += closed
    for month, count in meetings_by_month.items():
        years.setdefault(month[:4], [0, 0, 0])[2] += count
    result.years = [(y, *years[y]) for y in sorted(years)]  # type: ignore[misc]
    days_by_category: dict[str, list[int]] = {}
    all_days = []
    for r in reads.matters_done(db):
        days = max(0, day_number(r["done_at"][:10]) - day_number(r["raised_at"][:10]))
        all_days.append(days)
        label = category_label(r["category"], lang) or t("matters.no_category", lang)
        days_by_category.setdefault(label, []).append(days)
    result.median_days = _median(all_days)
    result.done_count = len(all_days)
    result.categories = sorted(((label, raised, closed, _median(days_by_category.get(label, [])))
                                for label, (raised, closed) in per_category.items()), key=lambda c: (-c[1], c[0]))
    result.overdue_parties = _overdue_parties(db, today, lang)
    result.overdue = sum(c for _, c in result.overdue_parties)
    return result


def figures_lines(f: Figures, lang: str) -> list[str]:
    """The figures as plain lines: the console's Figures screen (and a check by hand)."""
    lines = [t("figures.summary", lang, raised=f.raised, closed=f.closed, meetings=f.meetings, overdue=f.overdue), ""]
    lines.append(t("figures.by_year", lang))
    lines += [f"  {y}  {t('figures.raised', lang)} {r:>4}  {t('figures.closed', lang)} {c:>4}  "
              f"{t('figures.meetings', lang)} {m:>3}" for y, r, c, m in f.years]
    lines += ["", t("figures.by_category", lang)]
    lines += [f"  {label}  {t('figures.raised', lang)} {r}  {t('figures.closed', lang)} {c}"
              + (f"  {t('figures.median', lang)} {d}" if d else "") for label, r, c, d in f.categories]
    lines += ["", t("figures.median", lang)]
    lines.append("  " + (t("figures.median_all", lang, days=f.median_days, count=f.done_count) if f.median_days
                         else t("figures.median_none", lang)))
    lines += ["", t("figures.overdue", lang)]
    lines += [f"  {party}  {count}" for party, count in f.overdue_parties] or ["  " + t("figures.overdue_none", lang)]
    return lines


def as_dict(f: Figures) -> dict[str, Any]:
    return dict(f.__dict__)
