"""The printable papers of an owners' vote: one A4 ballot a unit and the counting sheet, as PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from yiting.desk import Desk
from yiting.errors import YitingError
from yiting.publish.ballots import ballots_pdf, counting_sheet_pdf, vote_papers
from yiting.store import owners as register
from yiting.store.db import connect


def owners_vote(desk, units=30):
    meeting = desk.create_meeting("香溪美地小区业主大会", community="香溪美地社区", kind="业主大会")
    for i in range(units):
        desk.add_unit(meeting["id"], f"{i // 2 + 1}0{i % 2 + 1}", 80 + i, building="12号楼1单元",
                      owners=f"业主{i}", area_source=("register", "survey", "contract")[i % 3])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "选聘新物业")
    desk.open_item(item["id"])
    proposal = desk.submit_proposal(item["id"], "选聘建发物业为小区物业服务企业，合同期三年。")
    vote = desk.open_vote(proposal["id"], "paper_ballot", "art278_general", objection_until="2023-04-08")
    for row in register.units(desk.db, meeting["id"])[:12]:
        desk.record_unit_ballot(vote["id"], row["id"], "yes", collected_by="孙立国")
    return vote


def pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page ")


def test_one_ballot_a_unit_and_a_counting_sheet(tmp_path, clock):
    desk = Desk(connect(tmp_path / "m.sqlite"), clock=clock, backups=False)
    vote = owners_vote(desk)
    ballots = ballots_pdf(desk.db, vote["id"])
    sheet = counting_sheet_pdf(desk.db, vote["id"])
    assert ballots.startswith(b"%PDF-1.4") and pages(ballots) == 30
    assert pages(sheet) == 2  # 24 units a page
    assert "业主0" not in str(vote_papers(desk.db, vote["id"])["rows"])  # the papers read no owner's name
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm is not installed")
    for name, pdf in (("ballots", ballots), ("sheet", sheet)):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run([pdftoppm, "-r", "20", "-png", "-f", "1", "-l", "1", str(tmp_path / f"{name}.pdf"),
                        str(tmp_path / name)], check=True)
    from PIL import Image

    page = Image.open(next(tmp_path.glob("ballots*.png"))).convert("L")
    assert page.size[1] / page.size[0] == pytest.approx(297 / 210, rel=0.01)  # A4
    assert page.getextrema()[0] < 100  # ink on the page


def test_papers_of_a_vote_not_counted_per_unit_are_refused(tmp_path, clock):
    desk = Desk(connect(tmp_path / "m.sqlite"), clock=clock, backups=False)
    with pytest.raises(YitingError):
        vote_papers(desk.db, 99)
    with pytest.raises(YitingError):
        vote_papers(desk.db, "abc")


def test_the_minutes_state_both_denominators_and_where_they_came_from(tmp_path, clock):
    from yiting.publish.formats import to_markdown
    from yiting.publish.record import meeting_record

    desk = Desk(connect(tmp_path / "m.sqlite"), clock=clock, backups=False)
    vote = owners_vote(desk)
    closed = desk.close_vote(vote["id"])
    record = meeting_record(desk.db, 1)
    shown = record["agenda"][0]["proposals"][0]["votes"][0]
    assert shown["denominator_figures"]["heads"] == 30 and shown["objection_until"] == "2023-04-08"
    minutes = to_markdown(record)
    assert "计票基数（按房屋名册" in minutes
    assert "专有部分 30 套，总面积 2,835 m²（登记簿 10 套 935 m²、实测 10 套 945 m²、合同 10 套 955 m²）" in minutes
    assert "业主总人数 30 人" in minutes and "询异期至 2023-04-08" in minutes
    assert closed["explanation"] in minutes
    assert "业主0" not in minutes  # owners' names stay in the database
    english = to_markdown(meeting_record(desk.db, 1, lang="en"), "en")
    assert "30 units with a total exclusive area of 2,835 m²" in english
