"""The benchmark data generators still run (at a tiny scale), so `bench/` cannot rot unnoticed.

The benchmarks themselves are not tests (`python bench/run.py`); this only builds the data."""

import sys
from pathlib import Path

import pytest

from yiting.store.db import connect
from yiting.store.verify import verify

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture
def generate(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    import generate

    yield generate
    sys.modules.pop("generate", None)


def test_large_meeting_and_archive_build_through_the_desk_at_a_tiny_scale(tmp_path, generate):
    large = tmp_path / "large.sqlite"
    made = generate.build_large(large, scale=0.02)
    counts = generate.counts(large)
    assert counts["meetings"] == 1 and counts["speeches"] >= 4 and counts["votes"] >= 1
    db = connect(large, readonly=True)
    assert db.execute("SELECT status, current_item_id IS NOT NULL FROM meetings WHERE id = ?",
                      [made["meeting"]]).fetchone() == ("open", 1)
    assert db.execute("SELECT COUNT(*) FROM speeches WHERE status = 'speaking'").fetchone()[0] == 1
    assert verify(db).ok  # the event log is real: it replays to the tables

    archive = tmp_path / "archive.sqlite"
    made = generate.build_archive(archive, scale=0.004)
    counts = generate.counts(archive)
    assert counts["meetings"] == made["meetings"] == 2
    assert counts["agenda_items"] == 40 and counts["speeches"] == 400  # the open one keeps some waiting
    assert counts["actions"] == 80 and counts["votes"] == 20
    assert counts["matters"] == 10  # half the closed meeting's items were raised as matters first
    assert verify(connect(archive, readonly=True)).ok


def test_the_board_figures_run_on_a_tiny_archive(tmp_path, generate, monkeypatch):
    import publishing

    archive = tmp_path / "archive.sqlite"
    generate.build_archive(archive, scale=0.004)
    site = tmp_path / "site"
    publishing.publish_all(archive, site)
    board = publishing.board_figures(archive, site, log=lambda text: None)
    assert board["board_pages"] >= 4 and board["matter_pages"] == 10
    assert board["board_max"] <= 30 * 1024 and board["counts"]["actions"] == 80


def test_the_bench_runner_knows_every_figure(generate):
    sys.path.insert(0, str(BENCH))
    try:
        import run
    finally:
        sys.path.remove(str(BENCH))
        sys.modules.pop("run", None)
    assert set(run.ALL) == {"start", "keys", "idle", "memory", "publish", "archive", "weight", "search", "serve"}
