"""Tracking in public (全程查事): the duty board, the matter pages, the figures and the board's
notice, from a record built through the desk whose figures were counted by hand (board_fixture)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from board_fixture import HIDDEN, SHOWN, TODAY, at, build_matters
from click.testing import CliRunner
from conftest import BASE_URL, artifacts_dir

from yiting.desk import Desk
from yiting.publish.board import PER_PAGE, duty_view, render_board_page
from yiting.publish.board_site import publish_board
from yiting.publish.figures import figures
from yiting.publish.site import publish_meeting, write_index
from yiting.store.db import connect

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def record(tmp_path, clock):
    path = tmp_path / "matters.sqlite"
    db = connect(path)
    ids = build_matters(Desk(db, clock=clock), clock)
    db.close()
    return path, ids


@pytest.fixture
def board_site(record, site):
    path, ids = record
    db = connect(path, readonly=True)
    publish_meeting(db, ids["meeting"], site, base_url=BASE_URL)
    result = publish_board(db, site, base_url=BASE_URL, today=TODAY)
    write_index(site)
    db.close()
    return site, ids, result, path


def text_of(path: Path) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_figures_match_the_hand_count(record):
    path, _ = record
    f = figures(connect(path, readonly=True), TODAY, "zh", months=4)
    assert f.months == [("2025-08", 2, 0), ("2025-09", 1, 0), ("2025-10", 1, 0), ("2025-11", 0, 1)]
    assert (f.raised, f.closed, f.meetings, f.overdue) == (4, 1, 1, 2)
    assert f.years == [("2025", 4, 1, 1)]
    by_category = {label: (raised, closed, days) for label, raised, closed, days in f.categories}
    assert by_category == {"道路出入": (1, 1, "88"), "漏水": (1, 0, ""), "照明": (1, 0, ""), "环境卫生": (1, 0, "6")}
    assert (f.median_days, f.done_count) == ("47", 2)
    assert f.overdue_parties == [("物业公司", 2)]
    assert f.meeting_months == [("2025-08", 0), ("2025-09", 1), ("2025-10", 0), ("2025-11", 0)]
    # a day earlier than C's due date, nothing of C is overdue: only B's duty... not yet either
    assert figures(connect(path, readonly=True), "2025-09-30", "zh").overdue_parties == []


def test_figures_mask_a_resident_typed_as_a_duty_party_as_the_board_does(record, site, clock):
    """张秀英 (楼栋长, not named) typed as the owner party of an overdue duty: the board shows
    张**, and so do the figures page, its chart and the console's figures, counted under 张**."""
    path, ids = record
    db = connect(path)
    at(clock, "2025-10-01 09:00")
    Desk(db, clock=clock).add_action(ids["meeting"], "清理楼道杂物", owner_party="张秀英", due="2025-10-20")
    at(clock, f"{TODAY} 09:00")
    assert figures(db, TODAY, "zh").overdue_parties == [("物业公司", 2), ("张**", 1)]
    publish_meeting(db, ids["meeting"], site, base_url=BASE_URL)
    publish_board(db, site, base_url=BASE_URL, today=TODAY)
    db.close()
    board = " ".join(text_of(site / "duties" / "index.html").split())
    assert "清理楼道杂物 张** · 已逾期" in board and "张秀英" not in board
    page = (site / "figures" / "index.html").read_text(encoding="utf-8")
    assert "张秀英" not in page and "张**" in page
    assert "张** 1" in " ".join(text_of(site / "figures" / "index.html").split())


def test_figures_page_draws_its_charts_without_script(board_site):
    site, _, _, _ = board_site
    page = (site / "figures" / "index.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 4 and "<script" not in page.lower()
    assert "<title>25-08 提出 2</title>" in page  # every bar says its figure
    words = text_of(site / "figures" / "index.html")
    assert "全部：47 天（2 件）" in words and "物业公司 2" in " ".join(words.split())
    assert len(page.encode()) <= 30 * 1024


def test_duty_board_lists_overdue_first_then_open_then_done_with_the_evaluation(board_site):
    site, _, _, _ = board_site
    first = (site / "duties" / "index.html").read_text(encoding="utf-8")
    words = " ".join(text_of(site / "duties" / "index.html").split())
    order = [words.index(s) for s in ("已逾期 更换2号楼楼道灯", "修补3号楼楼顶防水")]
    assert order == sorted(order)  # C is longer overdue than B
    assert "逾期 21 天" in words and "逾期 36 天" in words  # B due 10-15, C due 09-30, on 11-05
    assert "居民不满意，重新办理 1 次" in words  # C, reopened by its evaluation
    assert "派单：居委会" in words and "物业公司 孙**" in words
    assert "截至 2025-11-05：已逾期 2 · 待办 2 · 办理中 0 · 已办结 3" in words
    assert 'href="../duties/done/1/"' in first  # the done duties, at an address that stays
    done = " ".join(text_of(site / "duties" / "done" / "1" / "index.html").split())
    order = [done.index(s) for s in ("北门拓宽施工", "更换破损垃圾箱", "通知各楼栋施工安排")]  # latest done first
    assert order == sorted(order)
    assert "满意 18 · 基本满意 4 · 不满意 1" in done  # the done duty with residents' evaluation
    assert "2025-09-18 至 2025-10-28 办结" in done and "待居民评议" in done


def test_matter_page_shows_the_whole_path_and_links_the_minutes(board_site):
    site, ids, _, _ = board_site
    page = site / "matters" / str(ids["A"]) / "index.html"
    path = "".join(text_of(page).split()).split("全过程", 1)[1]  # the timeline, without spaces
    steps = ["提出：李**(居民)", "上会议事：黄河水韵小区长廊议事会", "表决：赞成2票，反对1票", "决议：北门拓宽到9.6米",
             "明确责任：北门拓宽施工·物业公司刘明", "接单：物业公司刘明", "进展：已开工", "办结：北门拓宽施工",
             "评议：北门拓宽施工·满意18", "结案"]
    found = [path.find(s) for s in steps]
    assert -1 not in found, dict(zip(steps, found, strict=True))
    assert found == sorted(found)
    assert "3号楼" not in text_of(page)  # the masked raiser's building is not shown either
    assert f'href="../../m/{ids["meeting"]}/"' in page.read_text(encoding="utf-8")
    # the minutes of the meeting link the matter the item came from
    minutes = (site / "m" / str(ids["meeting"]) / "index.html").read_text(encoding="utf-8")
    assert f'href="../../matters/{ids["A"]}/"' in minutes
    # the merged duplicate's raiser is kept, masked
    words_b = " ".join(text_of(site / "matters" / str(ids["B"]) / "index.html").split())
    assert "王建国 (居民, 3号楼)" in words_b and "赵**" in words_b
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="duties/"' in index and 'href="matters/"' in index and 'href="figures/"' in index


def test_no_phone_address_or_unconsenting_name_anywhere_on_the_site(board_site):
    site, _, _, _ = board_site
    every = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file()).decode("utf-8", "replace")
    for hidden in HIDDEN:
        assert hidden not in every, hidden
    for shown in SHOWN:
        assert shown in every, shown


def test_one_duty_changed_rewrites_only_its_pages(board_site, clock):
    site, ids, first, path = board_site
    before = {p: p.stat().st_mtime_ns for p in site.rglob("index.html")}
    db = connect(path)
    desk = Desk(db, clock=clock)
    desk.add_duty_note(ids["b1"], "防水材料已进场。", author="吕红梅")
    again = publish_board(db, site, base_url=BASE_URL, today=TODAY)
    assert again.matters == 1 and again.files <= 4, again  # B's page, the board's page, the notice (png, pdf)
    assert first.matters == 5  # the merged duplicate too: its page says where it went
    changed = {p for p, t in before.items() if p.stat().st_mtime_ns != t}
    assert site / "matters" / str(ids["B"]) / "index.html" in changed
    assert site / "matters" / str(ids["A"]) / "index.html" not in changed
    assert "防水材料已进场" in text_of(site / "matters" / str(ids["B"]) / "index.html")
    unchanged = publish_board(db, site, base_url=BASE_URL, today=TODAY)
    assert (unchanged.files, unchanged.matters) == (0, 0)
    desk.update_action(ids["b1"], status="done")  # B's duty done: B's page, not D's (merged into B)
    done = publish_board(db, site, base_url=BASE_URL, today=TODAY)
    assert done.matters == 1 and "已办结" in text_of(site / "matters" / str(ids["B"]) / "index.html")
    assert done.pages <= 4, done  # the page it left, the done chunk it joined, the figures, the list of matters
    desk.mark_published(ids["meeting"])  # what `yiting publish` does after writing: nothing to show
    assert publish_board(db, site, base_url=BASE_URL, today=TODAY).files == 0
    # the next day overdue duties read a day longer: the board is made anew, matters stay
    tomorrow = publish_board(db, site, base_url=BASE_URL, today="2025-11-06")
    assert tomorrow.pages >= 1 and tomorrow.matters == 0
    assert "逾期 37 天" in text_of(site / "duties" / "index.html")  # C, due 09-30
    db.close()


def test_a_board_page_with_the_longest_texts_stays_under_30_kb():
    """Every field at the desk's limit (a task of 1,000 characters, owners of 100, a meeting
    title of 200, a matter title of 200): the board shows the start of each, 30 duties a page."""
    long = "长" * 1000
    rows = []
    for n in range(PER_PAGE):
        duty = {"id": n, "status": "done", "due": "2025-10-01", "done_at": "2025-09-30T10:00:00+08:00",
                "task": long, "owner_party": "方" * 100, "owner_person": "人" * 100, "meeting_id": 7,
                "meeting_title": "会" * 200, "matter_id": 9, "matter_title": "事" * 200, "reopened": 12,
                "dispatched_by": ""}
        evaluation = {"satisfied": 100000, "fairly_satisfied": 100000, "dissatisfied": 100000,
                      "method": "paper_forms", "verdict": "fairly_satisfied"}
        rows.append(duty_view(duty, evaluation, {7: "x"}, TODAY, "zh"))
    counts = {"open": 99999, "in_progress": 99999, "done": 99999, "overdue": 99999}
    page = render_board_page(rows, "duties/", TODAY, "zh", counts=counts, label="第 999 / 999 页",
                             prev="duties/page/998/", next_="duties/done/9999/", done_link="duties/done/9999/")
    assert len(page.encode()) <= 30 * 1024, len(page.encode())


def test_board_notice_png_and_pdf_carry_the_board_address(board_site, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    site, _, _, _ = board_site
    png = site / "duties" / "notice.png"
    image = Image.open(png)
    assert image.size == (1240, 1754)
    assert [b.text for b in zxingcpp.read_barcodes(image.convert("RGB"))] == [f"{BASE_URL}/duties/"]
    shutil.copy(png, artifacts_dir() / "duty-board-notice.png")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(site / "duties" / "notice.pdf"), str(tmp_path / "page")],
                   check=True)
    rendered = Image.open(next(tmp_path.glob("page*.png")))
    assert rendered.size[0] == 827 and abs(rendered.size[1] - 1169) <= 1  # A4 at 100 dpi
    assert [b.text for b in zxingcpp.read_barcodes(rendered.convert("RGB"))] == [f"{BASE_URL}/duties/"]
    qr = Image.open(site / "duties" / "qr.png")
    assert [b.text for b in zxingcpp.read_barcodes(qr.convert("RGB"))] == [f"{BASE_URL}/duties/"]


def test_yiting_publish_writes_the_board_beside_the_minutes(record, site):
    from yiting.cli import main

    path, ids = record
    result = CliRunner().invoke(main, ["--db", str(path), "publish", "--all", "--out", str(site), "--base-url",
                                       BASE_URL], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "履职清单和事项页已更新" in result.output
    for rel in ("duties/index.html", "duties/notice.pdf", "figures/index.html", f"matters/{ids['A']}/index.html"):
        assert (site / rel).is_file(), rel
    assert 'href="duties/"' in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("page", ["duties", "matter"])
def test_board_and_matter_page_in_chromium_at_a_phone_size(board_site, tmp_path, page):
    from PIL import Image

    site, ids, _, _ = board_site
    target = site / ("duties" if page == "duties" else f"matters/{ids['A']}") / "index.html"
    shot = artifacts_dir() / f"{page}-390x844.png"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--no-first-run", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
               "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}",
               "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=390,844"]
    subprocess.run([*command, f"--screenshot={shot}", target.as_uri()], capture_output=True, timeout=60, check=False)
    image = Image.open(shot)
    assert image.size == (390, 844)
    assert image.convert("L").getextrema() == (0, 255)
    dom = subprocess.run([*command, "--dump-dom", target.as_uri()], capture_output=True, text=True, timeout=60,
                         check=False).stdout
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", dom)).split())
    expected = "修补3号楼楼顶防水" if page == "duties" else "北门出入口狭窄"
    assert expected in text and "<script" not in dom.lower()
    for hidden in HIDDEN:
        assert hidden not in dom


def test_the_demo_board_lists_its_duties_light_and_masked(tmp_path):
    """The demo's duty board lists its duties with their state; every board, matter and figures
    page stays under 30 KB; no phone, address or unconsenting raiser's name is published."""
    from yiting.demo import build_demo

    db = connect(tmp_path / "demo.sqlite")
    build_demo(db)
    site = tmp_path / "site"
    publish_board(db, site, base_url=BASE_URL, today="2026-12-07")
    pages = [p for p in site.rglob("index.html")]
    assert len(pages) >= 15 + 3
    assert max(p.stat().st_size for p in pages) <= 30 * 1024
    board = " ".join(text_of(site / "duties" / "index.html").split())
    assert "在3号楼各单元门口公示专项维修资金使用明细" in board and "逾期 175 天" in board
    done = " ".join(" ".join(text_of(p).split()) for p in (site / "duties" / "done").rglob("index.html"))
    assert "北门拓宽施工" in done and "满意 23 · 基本满意 3 · 不满意 0" in done
    secrets = [r[0] for r in db.execute("SELECT phone FROM participants WHERE phone != '' UNION"
                                        " SELECT address FROM participants WHERE address != ''")]
    hidden = [r[0] for r in db.execute("SELECT name FROM participants WHERE named = 0 AND official = 0"
                                       " AND party IN ('居民', '业主', '楼栋长', '居民代表') AND length(name) > 1")]
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    assert secrets and hidden
    for secret in [*secrets, *hidden]:
        assert secret not in everything, secret
    db.close()


def test_the_consoles_publish_writes_the_board_too(record, site):
    from yiting.ui.publishing import publish

    path, ids = record
    minutes = publish(path, ids["meeting"], site, BASE_URL, "zh")
    assert minutes.version == 1
    assert (site / "duties" / "index.html").is_file() and (site / "matters" / str(ids["A"]) / "index.html").is_file()
    assert 'href="duties/"' in (site / "index.html").read_text(encoding="utf-8")


def test_yiting_serve_serves_the_board_its_notice_and_links_it_from_the_index(board_site):
    from serve_helpers import Serve, get, request

    site, ids, _, path = board_site
    server = Serve(path, site)
    try:
        status, page = get(server.port, "/duties/")
        assert status == 200 and "履职清单" in page and "<script" not in page.lower()
        assert get(server.port, f"/matters/{ids['A']}/")[0] == 200 and get(server.port, "/figures/")[0] == 200
        status, answer = request(server.port, "GET", "/duties/notice.pdf")
        assert status == 200 and b"application/pdf" in answer.partition(b"\r\n\r\n")[0]
        assert get(server.port, "/duties")[0] == 301  # to the folder, whose relative links then hold
        status, index = get(server.port, "/")
        assert status == 200 and 'href="duties/"' in index
    finally:
        server.stop()


def test_the_board_in_english(record, tmp_path):
    path, ids = record
    site = tmp_path / "en"
    db = connect(path, readonly=True)
    publish_board(db, site, base_url=BASE_URL, lang="en", today=TODAY)
    board = " ".join(text_of(site / "duties" / "index.html").split())
    assert "Duty board" in board and "36 days overdue" in board and "(due 2025-09-30)" in board
    assert "As of 2025-11-05: 2 overdue · 2 open · 0 in progress · 3 done" in board
    matter = " ".join(text_of(site / "matters" / str(ids["A"]) / "index.html").split())
    assert "The whole path" in matter and "raised : 李** (resident)" in matter
    figures_page = " ".join(text_of(site / "figures" / "index.html").split())
    assert "All: 47 days (2 matters)" in figures_page
    db.close()
