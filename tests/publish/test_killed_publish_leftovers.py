"""What a killed publish left in the site (`.tmp-<12 hex>` files) goes at the next publish,
unless another yiting is publishing into the same site right now; nothing else is touched."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from click.testing import CliRunner
from conftest import BASE_URL

from yiting.cli import main
from yiting.publish.site_leftovers import MARKER, publishing

BOARD_FOLDERS = ("duties", "duties/page/2", "duties/done/1", "matters", "matters/page/2", "matters/7", "figures")


def plant(site, mid):
    """A killed publish's temporary files in the site, a meeting's folder and a version's, in
    every folder of the duty board, the matter pages and the figures, and files of other names
    nobody may remove."""
    left = [site / ".tmp-0123456789ab", site / "m" / str(mid) / ".tmp-abcdef012345",
            site / "m" / str(mid) / "v1" / ".tmp-fedcba987654",
            *(site / rel / f".tmp-{n:012x}" for n, rel in enumerate(BOARD_FOLDERS))]
    others = [site / ".tmp-notes", site / "m" / str(mid) / "tmp-0123456789ab", site / "m" / str(mid) / ".tmp-ABCDEF012345",
              *(site / rel / ".tmp-kept" for rel in BOARD_FOLDERS)]
    for path in [*left, *others]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a page")
    return left, others


def publish(path, site, mid):
    return CliRunner().invoke(main, ["--db", str(path), "publish", str(mid), "--out", str(site),
                                     "--base-url", BASE_URL], catch_exceptions=False)


def test_the_next_publish_removes_what_a_killed_one_left(published):
    site, _result, path, mid = published
    left, others = plant(site, mid)
    assert publish(path, site, mid).exit_code == 0
    assert not any(p.exists() for p in left)
    assert all(p.exists() for p in others)
    assert (site / "m" / str(mid) / "index.html").is_file()


def test_nothing_is_removed_while_another_yiting_publishes_into_the_site(published):
    site, _result, path, mid = published
    other = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from yiting.publish.site_leftovers import publishing
        with publishing(Path({str(site)!r})):
            print("publishing", flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "publishing"
        left, _others = plant(site, mid)  # as if the other one were writing them
        assert publish(path, site, mid).exit_code == 0
        assert all(p.exists() for p in left)  # perhaps the other one's files in flight: kept
    finally:
        other.communicate("done\n", timeout=30)
    with publishing(site):  # the other has gone: the next one cleans up
        pass
    assert not any(p.exists() for p in left)
    assert (site / f"{MARKER}-lock").is_file()  # hidden: the server does not serve it
