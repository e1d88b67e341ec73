"""Search across the minutes: the FTS5 index follows the event log and finds Chinese text."""

import json

import pytest
from click.testing import CliRunner
from record_helpers import open_meeting

from yiting.cli import main
from yiting.desk import Desk
from yiting.store import search
from yiting.store.db import connect
from yiting.store.schema import RECORD_TABLES
from yiting.store.verify import verify


@pytest.fixture
def desk(tmp_path, clock):
    return Desk(connect(tmp_path / "s.sqlite"), clock=clock, backups=False)


def texts(db, query):
    return [r["text"] for r in search.search(db, query)]


def test_finds_chinese_of_every_length_and_names_meeting_and_item(desk):
    meeting, people, item = open_meeting(desk)
    speech = desk.queue_speaker(item["id"], people[0]["id"], "pro")
    desk.start_speech(item["id"])
    desk.end_speech(speech["id"], summary="孩子们总爬假山，太危险，赞成拆除。")
    desk.submit_proposal(item["id"], "拆除假山，填平旱水池，安装乒乓球台")
    desk.add_action(meeting["id"], "更换楼道感应灯24盏", owner_party="物业公司", item_id=item["id"])
    db = desk.db
    assert search.update(db) > 0
    found = search.search(db, "乒乓球台")  # four characters: the trigram index
    assert [(r["kind"], r["meeting"], r["item"]) for r in found] == [
        ("proposals.text", "假山议事会", "假山和旱池如何处理")]
    assert len(texts(db, "假山")) == 4  # two characters: LIKE; meeting title, item, speech, proposal
    assert texts(db, "灯") == ["更换楼道感应灯24盏"]  # one character
    assert texts(db, "假山 危险") == ["孩子们总爬假山，太危险，赞成拆除。"]  # every term must appear
    assert texts(db, "游泳池") == []
    assert texts(db, "  ") == []


def test_follows_edits_and_deletions_incrementally(desk):
    _, people, item = open_meeting(desk)
    db = desk.db
    search.update(db)
    assert texts(db, "旱池")
    desk.update_item(item["id"], title="北门拓宽到九米六")
    speech = desk.queue_speaker(item["id"], people[1]["id"], "con")
    desk.start_speech(item["id"])
    desk.end_speech(speech["id"], summary="拓宽后车流变大")
    assert search.update(db) == 4
    assert texts(db, "旱池") == []
    assert texts(db, "九米六") == ["北门拓宽到九米六"]
    desk.set_summary(speech["id"], "担心噪音")
    search.update(db)
    assert texts(db, "车流") == [] and texts(db, "噪音") == ["担心噪音"]
    assert search.update(db) == 0  # nothing new: nothing to do
    assert search.pending(db) == 0
    db.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")  # raises if out of step


def test_a_rebuild_gives_the_same_index_as_replaying_the_log(desk, monkeypatch):
    _, _, item = open_meeting(desk)
    desk.record_decision(item["id"], "由物业公司拆除假山")
    db = desk.db
    search.update(db)
    replayed = db.execute("SELECT id, text, kind, meeting_id, item_id FROM search_text ORDER BY id").fetchall()
    search.rebuild(db)
    rebuilt = db.execute("SELECT id, text, kind, meeting_id, item_id FROM search_text ORDER BY id").fetchall()
    assert rebuilt == replayed
    assert db.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')") is not None
    monkeypatch.setattr(search, "REBUILD_AFTER", 0)  # far behind: the update rebuilds
    db.execute("UPDATE search_state SET last_seq = 0")
    assert search.update(db) > 0 and texts(db, "物业公司拆除")


def test_the_index_is_not_part_of_the_record(desk):
    open_meeting(desk)
    search.update(desk.db)
    assert not {"search_text", "search_index", "search_state"} & set(RECORD_TABLES)
    assert verify(desk.db).ok


def test_quotes_and_like_wildcards_are_text(desk):
    _, _, item = open_meeting(desk)
    desk.record_decision(item["id"], '每户 "一个" 车位，100%_落实')
    db = desk.db
    search.update(db)
    assert texts(db, '"一个"') and texts(db, "%_") and texts(db, "0%") == ['每户 "一个" 车位，100%_落实']
    assert texts(db, "_") == texts(db, "%") == ['每户 "一个" 车位，100%_落实']


def test_the_command_prints_and_writes_json(tmp_path, clock):
    path = tmp_path / "c.sqlite"
    desk = Desk(connect(path), clock=clock, backups=False)
    open_meeting(desk)
    desk.db.conn.close()
    result = CliRunner().invoke(main, ["--db", str(path), "search", "旱池", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {r["kind"] for r in rows} == {"agenda_items.title"}
    result = CliRunner().invoke(main, ["--db", str(path), "--lang", "en", "search", "游泳池"])
    assert result.exit_code == 0 and "Nothing found" in result.output
