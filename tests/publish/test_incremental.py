"""Publishing again skips a meeting whose record has not changed since its pages were made,
without reading the record: `yiting publish --all` after one change costs one meeting."""

import json

from conftest import BASE_URL

from yiting.desk import Desk
from yiting.publish import site as site_module
from yiting.publish.site import publish_meeting
from yiting.store.db import connect


def refuse_to_read(*_args, **_kwargs):
    raise AssertionError("the record was read for an unchanged meeting")


def test_an_unchanged_meeting_is_skipped_until_it_changes(meeting_db, site, clock, monkeypatch):
    path, mid = meeting_db
    db = connect(path)
    first = publish_meeting(db, mid, site, base_url=BASE_URL)
    assert first.changed and first.version == 1
    state = site / "m" / str(mid) / "versions.json"
    written = state.stat().st_mtime_ns

    with monkeypatch.context() as m:
        m.setattr(site_module, "meeting_record", refuse_to_read)
        again = publish_meeting(db, mid, site, base_url=BASE_URL)
        assert (again.changed, again.version, again.status) == (False, 1, "closed")
        Desk(db, clock=clock).mark_published(mid)  # what the CLI does next: not a change of content
        after_mark = publish_meeting(db, mid, site, base_url=BASE_URL)
        assert (after_mark.changed, after_mark.status) == (False, "published")
    assert state.stat().st_mtime_ns == written

    action = db.execute("SELECT id FROM actions WHERE meeting_id = ? ORDER BY id LIMIT 1", [mid]).fetchone()[0]
    Desk(db, clock=clock).update_action(action, status="in_progress", notes="已开工")
    changed = publish_meeting(db, mid, site, base_url=BASE_URL)
    assert changed.changed and changed.version == 2


def test_undoing_a_duty_note_republishes_the_minutes_without_it(meeting_db, site, clock):
    """A progress note on one of the meeting's duties, published (v2), then undone (ctrl+z on
    the Duties screen): publishing again makes v3, whose minutes no longer carry the note."""
    path, mid = meeting_db
    db = connect(path)
    desk = Desk(db, clock=clock)
    assert publish_meeting(db, mid, site, base_url=BASE_URL).version == 1
    action = db.execute("SELECT id FROM actions WHERE meeting_id = ? ORDER BY id LIMIT 1", [mid]).fetchone()[0]
    desk.add_duty_note(action, "施工队已进场。")
    minutes = site / "m" / str(mid) / "minutes.json"
    noted = publish_meeting(db, mid, site, base_url=BASE_URL)
    assert (noted.changed, noted.version) == (True, 2) and "施工队已进场" in minutes.read_text(encoding="utf-8")
    assert desk.undo_matter_change()["action"] == "add_duty_note"
    undone = publish_meeting(db, mid, site, base_url=BASE_URL)
    assert (undone.changed, undone.version) == (True, 3)
    assert "施工队已进场" not in minutes.read_text(encoding="utf-8")


def test_another_language_address_or_lost_page_republishes(meeting_db, site):
    path, mid = meeting_db
    db = connect(path, readonly=True)
    publish_meeting(db, mid, site, base_url=BASE_URL)
    folder = site / "m" / str(mid)
    source = json.loads((folder / "versions.json").read_text(encoding="utf-8"))["source"]
    assert source["id"] == mid and source["lang"] == "zh" and len(source["last"]) == 64

    publish_meeting(db, mid, site, base_url=BASE_URL, lang="en")
    assert json.loads((folder / "versions.json").read_text(encoding="utf-8"))["source"]["lang"] == "en"
    moved = publish_meeting(db, mid, site, base_url="http://10.0.0.5:8000")
    assert moved.url == f"http://10.0.0.5:8000/m/{mid}/"
    assert "10.0.0.5" in json.loads((folder / "versions.json").read_text(encoding="utf-8"))["source"]["url"]
    (folder / "index.html").unlink()
    restored = publish_meeting(db, mid, site, base_url="http://10.0.0.5:8000")
    assert restored.changed and (folder / "index.html").is_file()
