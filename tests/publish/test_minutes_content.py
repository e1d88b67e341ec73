"""The minutes say what the record holds (overrides and their reasons, cancelled, consultative and
corrected votes, the item's true status, the meeting's span, attendance beside participation),
escape hostile text everywhere, and export a CSV that a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import BASE_URL
from markdown_it import MarkdownIt
from minutes_fixture import FIELDS, HOSTILE, REASONS, build_full_meeting

from yiting.cli import main
from yiting.desk import Desk
from yiting.publish.formats import to_csv
from yiting.publish.privacy import public_record
from yiting.publish.record import meeting_record
from yiting.publish.site import publish_meeting
from yiting.store.db import connect

REASON_KINDS = tuple(REASONS)


def _publish(tmp_path, clock, *, hostile_text: bool, lang: str = "zh"):
    db = connect(tmp_path / "full.sqlite")
    mid = build_full_meeting(Desk(db, clock=clock, backups=False), clock, hostile_text=hostile_text)
    result = publish_meeting(db, mid, tmp_path / "site", base_url=BASE_URL, lang=lang)
    folder = result.folder
    files = {name: (folder / name).read_text(encoding="utf-8-sig" if name.endswith(".csv") else "utf-8")
             for name in ("index.html", "minutes.md", "minutes.json", "minutes.csv")}
    return db, mid, files


@pytest.fixture
def plain(tmp_path, clock):
    return _publish(tmp_path, clock, hostile_text=False)


@pytest.fixture
def hostile_site(tmp_path, clock):
    return _publish(tmp_path, clock, hostile_text=True)


# --- hostile text -------------------------------------------------------------------------------

def test_hostile_text_in_every_field_is_escaped_on_the_page(hostile_site):
    _, _, files = hostile_site
    page = files["index.html"]
    assert "<script" not in page and "<b>粗</b>" not in page and 'href="http://evil' not in page
    for field in (*FIELDS, *REASON_KINDS):
        # Every field is on the page, escaped as text: tags as entities, the template left as typed.
        assert f"{field}:&lt;script&gt;alert(1)&lt;/script&gt; {{{{7*7}}}} [点我](http://evil.example/)" in page, field
    assert "&lt;/script&gt; 49 [点我]" not in page  # {{7*7}} was never evaluated


def _markdown_tokens(text: str):
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)
    for token in tokens:
        yield token
        yield from token.children or []


def test_hostile_text_in_every_field_is_escaped_in_the_markdown(hostile_site):
    _, _, files = hostile_site
    md = files["minutes.md"]
    for field in (*FIELDS, *REASON_KINDS):
        escaped = field.replace("_", "\\_")
        assert f"{escaped}:\\<script\\>" in md, field
    assert not any(line.startswith(("```", "~~~")) for line in md.splitlines())
    tokens = list(_markdown_tokens(md))
    kinds = {token.type for token in tokens}
    # Typed text made no code, link, HTML, table or strikethrough; the only code span is the log head.
    assert not kinds & {"fence", "code_block", "link_open", "html_block", "html_inline", "table_open", "s_open"}
    log_head = re.search(r"`([0-9a-f]{64})`", md).group(1)
    assert [tok.content for tok in tokens if tok.type == "code_inline"] == [log_head]
    headings = [tokens[i + 1].content for i, tok in enumerate(tokens) if tok.type == "heading_open"]
    assert not [h for h in headings if h.startswith("标题")]  # the typed "# 标题" is no heading
    rendered = MarkdownIt("commonmark").render(md)
    assert "<script" not in rendered and "<b>" not in rendered and "{{7*7}}" in rendered
    items = [tok.content for tok in tokens if tok.type == "inline"]
    assert not any(item.startswith("列表") for item in items)  # the typed "- 列表" is no list item


@pytest.mark.parametrize("typed", ["~~~\nimport os\n~~~", "```python\nx\n```", "- [x] 列表", "+ 列表", "1. 列表",
                                   "# 标题", "---", "> 引用", "[点我](http://evil.example/)", "<http://evil.example/>"])
def test_typed_text_that_starts_a_line_forms_no_markdown_structure(plain, typed):
    from yiting.publish.formats import to_markdown

    db, mid, _ = plain
    record = public_record(meeting_record(db, mid))
    item = record["agenda"][0]
    item["description"] = typed  # its own paragraph: starts a line
    item["decisions"][0]["text"] = typed  # a list item's text
    item["speeches"][0]["summary"] = typed
    def structure(md: str) -> Counter:
        return Counter(token.type for token in _markdown_tokens(md) if token.type not in ("text", "inline"))

    hostile_md = to_markdown(record)
    assert not set(structure(hostile_md)) & {"fence", "code_block", "link_open", "html_block", "html_inline", "hr"}
    # the same headings, lists, quotes and emphasis as the minutes with ordinary text
    assert structure(hostile_md) == structure(to_markdown(public_record(meeting_record(db, mid))))


def test_the_rendered_markdown_shows_the_text_as_typed(hostile_site):
    """Escaping does not change what a reader sees: the text reads as typed (on one line)."""
    _, _, files = hostile_site
    html = MarkdownIt("commonmark").render(files["minutes.md"])
    flat = " ".join(HOSTILE.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for field in ("description", "summary", "decision"):
        assert f"{field}:{flat}" in html, field


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FREE_TEXT = {"title", "description", "summary", "text", "task", "owner", "speaker", "proposer", "reason",
             "correction_reason", "close_reason", "explanation"}


def _prefixed(value, prefix):
    if isinstance(value, dict):
        return {k: (prefix + v if k in FREE_TEXT and isinstance(v, str) else _prefixed(v, prefix))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_prefixed(v, prefix) for v in value]
    return value


@pytest.mark.parametrize("prefix", FORMULA_STARTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_csv_cell_that_could_run_as_a_formula_is_neutralised(plain, prefix, lang):
    db, mid, _ = plain
    record = _prefixed(public_record(meeting_record(db, mid, lang)), prefix + "SUM(A1)")
    rows = list(csv.reader(io.StringIO(to_csv(record, lang).removeprefix("\ufeff"), newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith((*FORMULA_STARTS, "＝", "＋", "－", "＠"))]
    neutralised = [cell for cell in cells if cell.startswith("'" + prefix + "SUM(A1)")]
    # speeches (speaker, summary), proposals, votes, decisions, actions, reasons: dozens of cells
    assert len(neutralised) >= 25, len(neutralised)


def test_typed_formulas_through_the_desk_are_neutralised(tmp_path, clock):
    db = connect(tmp_path / "f.sqlite")
    desk = Desk(db, clock=clock, backups=False)
    m = desk.create_meeting("=HYPERLINK(\"http://evil\")")
    person = desk.add_participants(m["id"], [{"name": "@王", "party": "物业公司"}])[0]
    desk.check_in(person["id"])
    desk.open_meeting(m["id"])
    item = desk.add_item(m["id"], "+1+1")
    desk.open_item(item["id"])
    speech = desk.queue_speaker(item["id"], person["id"])
    desk.start_speech(item["id"], speech["id"])
    desk.end_speech(speech["id"], summary="-2+3")
    desk.add_action(m["id"], "=1+1", owner_party="物业公司", owner_person="@me")
    text = to_csv(public_record(meeting_record(db, m["id"])))
    cells = [c for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for c in row]
    for typed in ("+1+1", "@王", "-2+3", "=1+1"):
        assert "'" + typed in cells and typed not in cells


# --- the CSV opens in a spreadsheet, in the user's language -------------------------------------

def test_csv_is_utf8_with_a_bom_and_chinese_headers_and_values(plain, tmp_path):
    _, _, files = plain
    raw = (tmp_path / "site" / "m" / "1" / "minutes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["类别", "议题序号", "议题", "人员", "立场/表决方式", "内容", "结果/用时（秒）", "时间", "说明"]
    sections = {row[0] for row in rows[1:]}
    assert {"发言", "方案", "表决", "决议", "任务"} <= sections
    values = {cell for row in rows[1:] for cell in row}
    assert {"赞成", "反对", "中立", "通过", "未通过", "已取消", "仅供参考", "待办"} <= values
    assert not values & {"speech", "pro", "con", "neutral", "passed", "adopted", "open", "show_of_hands/plain_majority"}
    # times a spreadsheet reads as times
    assert all(re.fullmatch(r"(\d{4}-\d\d-\d\d \d\d:\d\d)?|\d{4}-\d\d-\d\d", row[7]) for row in rows[1:])


def test_csv_in_english(tmp_path, clock):
    _, _, files = _publish(tmp_path, clock, hostile_text=False, lang="en")
    rows = list(csv.reader(io.StringIO(files["minutes.csv"])))
    assert rows[0] == ["section", "item", "item_title", "who", "stance_or_method", "text", "result", "time", "note"]
    values = {cell for row in rows[1:] for cell in row}
    assert {"speech", "vote", "Pro", "Con", "passed", "failed", "Called off"} <= values
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in "".join(row[0] + row[4] + row[6] for row in rows[1:]))


# --- what the record holds ----------------------------------------------------------------------

def test_overrides_cancelled_and_consultative_votes_in_page_markdown_json_and_csv(plain):
    _, _, files = plain
    record = json.loads(files["minutes.json"])
    for name in ("index.html", "minutes.md", "minutes.csv"):
        for kind, reason in REASONS.items():
            assert reason in files[name], (name, kind)
    page, md = files["index.html"], files["minutes.md"]
    for text in (page, md):
        assert "延长发言 60 秒，理由：" + REASONS["extra_time"] in text
        assert "未按顺序发言，理由：" + REASONS["out_of_turn"] in text
        assert "超过每人发言次数，理由：" + REASONS["over_limit"] in text
        assert "表决已取消（2025-09-12 19:05），理由：" + REASONS["cancelled"] in text
        assert "协商性表决（仅供参考，不作决定），理由：" + REASONS["consultative"] in text
        assert "更正（原因：" + REASONS["correction"] in text
        assert "会中修改议事规则（2025-09-12 19:00），理由：" + REASONS["rules"] in text
        assert "暂缓理由：" + REASONS["deferred"] in text
    speeches = [s for i in record["agenda"] for s in i["speeches"]]
    overrides = {o["kind"]: o for s in speeches for o in s["overrides"]}
    assert {k: o["reason"] for k, o in overrides.items()} == {
        "extra_time": REASONS["extra_time"], "out_of_turn": REASONS["out_of_turn"], "over_limit": REASONS["over_limit"]}
    assert overrides["extra_time"]["seconds"] == 60
    gate, rock, lights = record["agenda"]
    plan = gate["proposals"][0]
    # The cancelled vote is kept, with its reason; the ids no longer jump.
    assert [v["id"] for v in plan["cancelled_votes"]] == [1] and [v["id"] for v in plan["votes"]] == [2, 3]
    assert plan["cancelled_votes"][0]["status"] == "cancelled"
    assert plan["cancelled_votes"][0]["reason"] == REASONS["cancelled"]
    consultative = rock["proposals"][0]["votes"][0]
    assert consultative["consultative"] is True and consultative["reason"] == REASONS["consultative"]
    # it decided nothing: no passed or failed, but "consultative", in every format
    assert (consultative["passed"], consultative["result"]) == (None, "consultative")
    assert [v["result"] for v in plan["votes"]] == ["failed", "passed"]
    assert "仅供参考" in files["minutes.csv"] and "协商性表决" in md
    assert rock["close_reason"] == REASONS["deferred"]
    assert record["rule_changes"][0]["reason"] == REASONS["rules"]
    # The page says a consultative vote decides nothing, in place of 通过.
    vote_boxes = re.findall(r'<div class="vote (\w+)">\s*<p class="result[^"]*">([^<]*)</p>', page)
    assert [(state, result.split("：")[1]) for state, result in vote_boxes] == [
        ("cancelled", "已取消"), ("failed", "✘ 未通过"), ("passed", "✔ 通过"), ("consultative", "仅供参考"),
        ("passed", "✔ 通过")]


def test_speeches_in_the_order_given_and_without_summary_say_so(plain):
    _, _, files = plain
    record = json.loads(files["minutes.json"])
    assert [s["speaker"] for s in record["agenda"][0]["speeches"]][:2] == ["王建国", "李**"]  # out of turn first
    for text in (files["index.html"], files["minutes.md"]):
        assert "（未记录摘要） 发言 1 分 15 秒" in text
    assert not re.search(r"王建国 <span[^>]*>[^<]*</span></li>", files["index.html"])  # never a bare name


def test_a_passed_proposal_without_decision_is_not_shown_as_deferred(plain):
    _, _, files = plain
    record = json.loads(files["minutes.json"])
    lights = record["agenda"][2]
    assert lights["status"] == "deferred"  # the record as the desk wrote it: JSON keeps it
    page, md = files["index.html"], files["minutes.md"]
    assert "3. 楼道照明 <span class=\"badge\">已表决通过，未记录决议</span>" in page
    assert "## 3. 楼道照明（已表决通过，未记录决议）" in md
    assert "3. 楼道照明（暂缓）" not in md
    # and it is among the meeting's outcomes, marked for what it is
    decisions = page.split("<h2>本次决议</h2>")[1].split("</section>")[0]
    assert "表决通过的方案（未另记决议）" in decisions and "更换全部楼道灯。" in decisions
    assert "## 2. 假山场地用途（暂缓）" in md  # a deferred item without adopted proposal stays deferred


def test_a_meeting_over_two_days_shows_its_span(plain):
    _, _, files = plain
    for name in ("index.html", "minutes.md"):
        assert "2025-09-12 19:00 至 2025-09-13 19:10（共 2 天）" in files[name]


def test_a_one_day_meeting_shows_its_hours(published):
    site, _, _, mid = published
    page = (site / "m" / str(mid) / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<dd>2025-09-12 19:\d\d–19:\d\d</dd>", page)


def test_owners_assembly_attendance_agrees_everywhere(tmp_path, monkeypatch):
    """The demo's owners' assembly: 到会 (checked in) and 参与表决 (ballots, many at the door)
    are different figures, each named for what it counts, each as the record has it."""
    demo = pytest.importorskip("yiting.demo")
    monkeypatch.setenv("YITING_HOME", str(tmp_path / "home"))
    db = connect(tmp_path / "demo.sqlite")
    demo.build_demo(db)
    mid = db.execute("SELECT id FROM meetings WHERE kind = '业主大会'").fetchone()[0]
    present, voters = db.execute("SELECT COALESCE(SUM(checked_in_at IS NOT NULL), 0), COUNT(*) FROM participants"
                                 " WHERE meeting_id = ? AND voting = 1", [mid]).fetchone()
    # owners by head as the register counts them (one per owner, not per unit), and heads who voted
    owners, cast = db.execute("SELECT v.eligible, v.yes + v.no + v.abstain FROM votes v JOIN proposals p"
                              " ON p.id = v.proposal_id JOIN agenda_items i ON i.id = p.item_id WHERE i.meeting_id = ?"
                              " AND v.status = 'closed'", [mid]).fetchone()
    start, end = db.execute("SELECT started_at, ended_at FROM meetings WHERE id = ?", [mid]).fetchone()
    assert (present, voters, owners, cast) == (4, 5, 32, 28)  # the demo as the seed article tells it
    result = publish_meeting(db, mid, tmp_path / "site", base_url=BASE_URL)
    page = (result.folder / "index.html").read_text(encoding="utf-8")
    md = (result.folder / "minutes.md").read_text(encoding="utf-8")
    for text in (page, md):
        assert f"有表决权的 {voters} 人中到会 {present} 人" in text
        assert f"业主 {owners} 人中 {cast} 人参与表决" in text
        assert f"参与表决 {cast} / 业主 {owners} 人" in text
        assert f"业主 {cast}/{owners} 人" in text  # the explanation says the same
        assert f"到会 {owners}" not in text and f"到会 {cast}" not in text
        assert f"{start[:10]} {start[11:16]} 至 {end[:10]} {end[11:16]}（共 8 天）" in text


# --- the publish command --------------------------------------------------------------------------

def test_publish_all_says_which_meetings_it_skipped_and_why(tmp_path, clock):
    db_path = tmp_path / "m.sqlite"
    db = connect(db_path)
    desk = Desk(db, clock=clock, backups=False)
    build_full_meeting(desk, clock, hostile_text=False)
    desk.create_meeting("下周的板凳会")
    running = desk.create_meeting("正在开的议事会")
    desk.open_meeting(running["id"])
    db.conn.close()
    result = CliRunner().invoke(main, ["--db", str(db_path), "publish", "--all", "--out", str(tmp_path / "s"),
                                       "--base-url", "http://127.0.0.1:8140"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "跳过 #2 下周的板凳会：会议尚未开始" in result.output
    assert "跳过 #3 正在开的议事会：会议仍在进行" in result.output
    assert "[1/1] 已发布" in result.output
    # An address given on purpose is not second-guessed: no word about a missing network.
    assert "局域网地址" not in result.output
