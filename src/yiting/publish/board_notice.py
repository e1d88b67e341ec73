"""The duty board's printable A4 notice (履职清单公示), drawn by the minutes' notice layout
(`publish/notice.py`): the overdue duties first (who, what, how long overdue), then those being
done as a table (who · task · due), the figures of the day, and the QR code of the board. What
does not fit is counted ("另有 N 项，扫码查看"), never dropped silently."""

from __future__ import annotations

from typing import Any

from yiting.i18n import t


def board_public(rows: list[dict[str, Any]], counts: dict[str, int], today: str, lang: str,
                 communities: list[str] | None = None) -> dict[str, Any]:
    """The board as the notice layout reads a meeting: overdue duties as its numbered list,
    open ones as its table."""
    sep = "：" if lang == "zh" else ": "
    overdue = [{"text": f"{r['owner']}{sep}{r['task']}（{r['when']}）" if lang == "zh"
                else f"{r['owner']}{sep}{r['task']} ({r['when']})"} for r in rows if r["section"] == "overdue"]
    doing = [{"owner": r["owner"], "task": r["task"], "due": r["due"]} for r in rows if r["section"] == "open"]
    # `rows` are the first of them (more than a page holds); the layout counts the rest as "另有 N 项"
    overdue += [{"text": ""}] * max(0, counts["overdue"] - len(overdue))
    doing += [{"owner": "", "task": "", "due": ""}] * max(0, counts["open"] + counts["in_progress"]
                                                          - counts["overdue"] - len(doing))
    title = "、".join(communities[:3]) if communities else t("board.title", lang)
    return {"title": title, "started_at": f"{today} ", "community": "", "venue": "",
            "kind": t("board.notice_counts", lang, **counts), "decisions": overdue, "actions": doing}


def board_notice_files(rows: list[dict[str, Any]], counts: dict[str, int], url: str, today: str,
                       lang: str, communities: list[str] | None = None) -> dict[str, bytes]:
    """`notice.png` and `notice.pdf` of the duty board."""
    from yiting.publish.notice import notice_files

    words = {"heading": t("board.notice_heading", lang), "scan": t("board.notice_scan", lang),
             "kind_label": t("board.notice_summary", lang),
             "decisions": t("board.notice_overdue", lang), "actions": t("board.notice_open", lang),
             "no_decisions": t("board.notice_none", lang)}
    return notice_files(board_public(rows, counts, today, lang, communities), url, lang, words=words)
