"""Text that would act on the terminal instead of being read: a roster name `ESC ] 0 ; PWNED BEL`
(retitles the terminal), a proposal with `ESC [ 2 J` (blanks the screen), `ESC [ 8 m` (hides
what follows), U+202E (reverses what follows). The desk and the roster import store none of it;
the CLI and the console show none of it, even from an older database that holds it.
"""

from __future__ import annotations

import asyncio
import io
import re
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from yiting.cli import main
from yiting.desk import Desk
from yiting.roster_csv import parse
from yiting.store import queries
from yiting.store.db import connect
from yiting.text_input import clean, shown
from yiting.ui.people import parse_person_line

RETITLE = "\x1b]0;PWNED\x07"
BLANK = "\x1b[2J"
HIDE = "\x1b[8m"
REVERSE = "\u202e"
HOSTILE = (RETITLE, BLANK, HIDE, REVERSE, "\u202a", "\u202d", "\u2066", "\u2069", "\x9b31m", "\x7f", "\x00")
# What must never reach a terminal: C0 (but the newline of a printed page), DEL, C1, bidi controls.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_clean(text: str, where: str = "") -> None:
    found = RAW.search(text)
    assert found is None, f"{where}: {found.group()!r} in {text[max(0, found.start() - 30):found.end() + 30]!r}"


# -- the one function ----------------------------------------------------------------------------

@pytest.mark.parametrize("bad", HOSTILE)
def test_clean_removes_what_acts_on_a_terminal(bad):
    assert_clean(clean(f"王{bad}芳"))
    assert clean(f"王{bad}芳").startswith("王") and clean(f"王{bad}芳").endswith("芳")


def test_clean_keeps_what_people_write():
    text = "假山 👨‍👩‍👧‍👦 e\u0301 ‏אב 北门拓宽到 9.6 米 <script>[/] =SUM(A1)"
    assert clean(text) == text and clean(text, multiline=True) == text


def test_clean_keeps_lines_only_where_a_field_has_several():
    assert clean("一\r\n二\r三\n四\u2028五") == "一 二 三 四 五"
    assert clean("一\r\n二\r三\n四\u2028五", multiline=True) == "一\n二\n三\n四\n五"
    assert clean("甲\t乙") == "甲 乙" == clean("甲\t乙", multiline=True)
    assert clean(f"标题{RETITLE}结束") == "标题]0;PWNED结束"
    assert shown(f"第一行\n第二行{BLANK}") == "第一行\n第二行[2J"


# -- the desk ------------------------------------------------------------------------------------

@pytest.fixture
def desk(tmp_path, clock):
    return Desk(connect(tmp_path / "meetings.sqlite"), clock=clock, backups=False)


def test_the_desk_stores_no_control_character_in_any_field(desk):
    meeting = desk.create_meeting(f"议事会{RETITLE}", venue=f"长廊{REVERSE}", community=f"社区{HIDE}",
                                  facilitator=f"马佳{BLANK}")
    person = desk.add_participant(meeting["id"], f"王{RETITLE}芳", party=f"业主\t{HIDE}", building=f"3号楼{REVERSE}",
                                  phone=f"139{BLANK}")
    other = desk.add_participant(meeting["id"], "李桂兰")
    for p in (person, other):
        desk.check_in(p["id"])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], f"假山{BLANK}", description=f"第一段{HIDE}\n第二段\t完")
    desk.open_item(item["id"])
    speech = desk.queue_speaker(item["id"], person["id"], "pro")
    desk.start_speech(item["id"], speech["id"])
    desk.end_speech(speech["id"], f"太危险{REVERSE}了\n拆")
    proposal = desk.submit_proposal(item["id"], f"拆除假山{BLANK}\n改建座椅{HIDE}", proposer_id=person["id"])
    desk.record_decision(item["id"], f"拆除{REVERSE}", proposal_id=proposal["id"])
    desk.add_action(meeting["id"], f"拆{RETITLE}", owner_party=f"物业{REVERSE}", owner_person=f"张{HIDE}")
    db = desk.db
    for table in ("meetings", "participants", "agenda_items", "speeches", "proposals", "decisions", "actions"):
        for row in db.execute(f"SELECT * FROM {table}").fetchall():  # noqa: S608 - table names from this test
            for value in row:
                if isinstance(value, str):
                    assert_clean(value.replace("\n", ""), table)
    assert queries.participants(db, meeting["id"])[0]["name"] == "王]0;PWNED芳"
    assert queries.participants(db, meeting["id"])[0]["party"] == "业主 [8m"
    assert queries.agenda(db, meeting["id"])[0]["description"] == "第一段[8m\n第二段 完"  # its lines kept
    assert queries.proposals(db, item["id"])[0]["text"] == "拆除假山[2J\n改建座椅[8m"
    assert queries.speeches(db, item["id"])[0]["summary"] == "太危险了 拆"  # one line


def test_a_name_of_nothing_but_controls_is_refused_as_empty(desk):
    from yiting.errors import InvalidInput

    meeting = desk.create_meeting("议事会")
    with pytest.raises(InvalidInput) as refused:
        desk.add_participant(meeting["id"], f"{REVERSE}\x1b\x07")
    assert refused.value.key == "desk.required"


def test_the_one_line_roster_entry_is_cleaned(desk):
    person = parse_person_line(f"王{RETITLE}芳\t业主 3号楼{REVERSE}1单元")
    assert person == {"name": "王]0;PWNED芳", "party": "业主", "building": "3号楼1单元"}


# -- the roster import ---------------------------------------------------------------------------

def hostile_roster() -> bytes:
    return (f"姓名,身份,楼栋,表决权\n王{RETITLE}芳,业主{HIDE},3号楼{REVERSE},是\n"
            f"李{BLANK}兰,业主,1号楼,也许{RETITLE}\n").encode()


def test_the_csv_import_takes_names_cleaned_and_names_refusals_cleanly():
    parsed = parse(hostile_roster())
    assert [p["name"] for p in parsed.people] == ["王]0;PWNED芳"]
    assert parsed.people[0]["party"] == "业主[8m" and parsed.people[0]["building"] == "3号楼"
    (refusal,) = parsed.refused
    assert refusal.name == "李[2J兰"
    assert_clean(refusal.message("zh"))


def test_the_cli_import_prints_nothing_raw(tmp_path, clock):
    path = tmp_path / "meetings.sqlite"
    desk = Desk(connect(path), clock=clock, backups=False)
    meeting = desk.create_meeting("议事会")
    desk.db.close()
    roster = tmp_path / "roster.csv"
    roster.write_bytes(hostile_roster())
    result = subprocess.run([sys.executable, "-m", "yiting", "--db", str(path), "import", "roster", str(roster),
                             "-m", str(meeting["id"])], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1  # one line refused
    assert "第 3 行（李[2J兰）未导入" in result.stdout
    assert_clean(result.stdout + result.stderr, "import")


# -- the CLI on an older database that holds such text -------------------------------------------

@pytest.fixture
def old_database(tmp_path, clock):
    """A record written before the desk cleaned text: the raw sequences are in it."""
    path = tmp_path / "old.sqlite"
    desk = Desk(connect(path), clock=clock, backups=False)
    meeting = desk.create_meeting("假山议事会", venue="长廊")
    person = desk.add_participant(meeting["id"], "王芳")
    desk.check_in(person["id"])
    desk.open_meeting(meeting["id"])
    item = desk.add_item(meeting["id"], "假山")
    desk.open_item(item["id"])
    desk.submit_proposal(item["id"], "拆除假山", proposer_id=person["id"])
    desk.db.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meetings SET title = ?, venue = ?", (f"假山{RETITLE}议事会{REVERSE}", f"长廊{HIDE}"))
    conn.execute("UPDATE participants SET name = ?", (f"王{RETITLE}芳",))
    conn.execute("UPDATE proposals SET text = ?", (f"拆除{BLANK}假山{HIDE}",))
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("args", [
    ("list",), ("list", "--json"), ("search", "假山"), ("search", "假山", "--json"),
    ("export", "1", "--format", "md"), ("export", "1", "--format", "csv"), ("export", "1"),
    ("export", f"9{RETITLE}"), ("search", f"没有{BLANK}"), (f"--db={RETITLE}", "list"),
    (f"命令{BLANK}",), ("--lang", "en", f"command{RETITLE}"), ("--lang", "en", "list", f"--{HIDE}"),
    ("--lang", "en", "export", f"9{REVERSE}"), ("list", "--limit", f"{RETITLE}"),
])
def test_the_cli_prints_nothing_raw(old_database, args):
    cli = [sys.executable, "-m", "yiting"]
    if not args[0].startswith("--db"):
        cli += ["--db", str(old_database)]
    result = subprocess.run([*cli, *args], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr
    assert_clean(result.stdout, f"{args} stdout")
    assert_clean(result.stderr, f"{args} stderr")


def test_the_cli_still_shows_the_text_around_them(old_database):
    listed = CliRunner().invoke(main, ["--db", str(old_database), "list"]).output
    assert "假山]0;PWNED议事会" in listed
    found = CliRunner().invoke(main, ["--db", str(old_database), "search", "拆除"]).output
    assert "假山]0;PWNED议事会" in found


# -- the console ---------------------------------------------------------------------------------

def screen_text(app) -> str:
    """Every line the console would send to the terminal now, with Textual's own colour
    sequences taken out: what is left came from the text it shows."""
    from rich.console import Console

    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=200)
    sent = "".join(strip.render(console) for strip in app.screen._compositor.render_strips())
    return re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", sent)


def run(app, steps):
    async def go():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return await steps(pilot)

    return asyncio.run(go())


def test_the_console_draws_no_control_character_from_an_older_database(old_database):
    from yiting.ui.app import YitingApp

    async def look(pilot):
        await pilot.pause()
        return screen_text(pilot.app)

    drawn = run(YitingApp(old_database, "zh", poll=False), look)
    assert "王]0;PWNED芳" in drawn or "拆除[2J假山" in drawn or "假山]0;PWNED议事会" in drawn
    assert_clean(drawn.replace("\n", ""), "console")


def test_text_pasted_into_a_field_loses_its_control_characters(old_database, tmp_path, clock):
    from textual import events
    from textual.widgets import Input

    from yiting.ui.app import YitingApp
    from yiting.ui.screens.form import FormScreen

    path = tmp_path / "new.sqlite"
    desk = Desk(connect(path), clock=clock, backups=False)
    desk.create_meeting("议事会")
    desk.db.close()

    async def paste(pilot):
        await pilot.press("n")  # a new meeting: a form with a title field
        await pilot.pause()
        assert isinstance(pilot.app.screen, FormScreen)
        field = pilot.app.screen.query(Input).first()
        field.focus()
        await pilot.press(*"议事")
        pilot.app.post_message(events.Paste(f"会{RETITLE}{BLANK}{HIDE}{REVERSE}后"))
        await pilot.pause()
        await pilot.pause()
        return field.value, screen_text(pilot.app)

    value, drawn = run(YitingApp(path, "zh", poll=False), paste)
    assert value.endswith("议事会]0;PWNED[2J[8m后")
    assert_clean(value)
    assert_clean(drawn.replace("\n", ""), "form")
