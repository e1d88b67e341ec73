"""The core runs without the UI: the record, the CLI's plain commands and publish/ never load Textual."""

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
