"""The core runs without the UI: the record, the CLI's plain commands and publish/ never load Textual;
and nothing slow on the way to the console's first frame: sqlite-utils only when a migration runs."""

import json
import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["yiting.desk", "yiting.store.verify", "yiting.publish.record",
                                    "yiting.publish.formats", "yiting.cli", "yiting.roster_csv"])
def test_core_modules_do_not_import_textual(module):
    code = f"import sys, json, {module}; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_help_does_not_load_the_database_layer():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom yiting.cli import main\n"
            "CliRunner().invoke(main, ['--help'])\nprint('sqlite_utils' in sys.modules, 'textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def _modules_after(code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def test_the_console_on_a_current_database_does_not_load_sqlite_utils(tmp_path):
    from yiting.store.db import connect

    path = tmp_path / "current.sqlite"
    connect(path).conn.close()  # created and migrated here, so the subprocess finds it current
    code = ("import sys, yiting.cli, yiting.ui.app\nfrom yiting.desk import Desk\nfrom yiting.store.db import connect\n"
            f"desk = Desk(connect({str(path)!r}))\ndesk.create_meeting('walk-in')")
    assert "sqlite_utils" not in _modules_after(code)


def test_a_migration_still_runs_through_sqlite_utils(tmp_path):
    code = f"from yiting.store.db import connect\nconnect({str(tmp_path / 'new.sqlite')!r})"
    assert "sqlite_utils" in _modules_after(code)
