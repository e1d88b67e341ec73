"""The layers of docs/architecture.md, written as import-linter contracts in pyproject.toml: the
suite fails when an import points the wrong way or a new module has no layer."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "pyproject.toml"
CONTRACTS = {c["id"]: c["name"] for c in tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]["contracts"]}


def lint_imports(src: Path) -> subprocess.CompletedProcess:
    """`lint-imports` with the project's contracts, on the package `yiting` found in `src`."""
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run([sys.executable, "-c", code, "--no-cache", "--no-logo", str(CONFIG)],
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(src)), cwd=src)


def test_every_contract_is_kept():
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in result.stdout


# An arrow turned the wrong way, and the contract that must catch it.
TURNED = {
    "publish writes through the desk": ("publish/record.py", "from yiting.desk import Desk\n", "layers"),
    "the store reads a rule": ("store/queries.py", "from yiting.domain import Rules\n", "layers"),
    "the kernel parses with the desk": ("parsing.py", "from yiting.desk.base import DeskBase\n", "layers"),
    "cli and cli_publish import each other": ("cli_publish.py", "from yiting import cli\n", "layers"),
    "a new module with no layer": ("matters.py", "from yiting.errors import YitingError\n", "layers"),
    "the domain opens a database": ("domain/tally.py", "import sqlite3\n", "pure-domain"),
    "the console runs SQL itself": ("ui/text.py", "import sqlite3\n", "sql-in-store"),
    "the console borrows the command line's helpers": ("ui/text.py", "from yiting.cli_common import say\n",
                                                      "ui-not-cli"),
    "publishing needs Textual": ("publish/formats.py", "import textual\n", "textual-in-ui"),
}


@pytest.mark.parametrize("case", TURNED, ids=list(TURNED))
def test_an_arrow_turned_the_wrong_way_fails(tmp_path, case):
    module, line, contract = TURNED[case]
    shutil.copytree(ROOT / "src" / "yiting", tmp_path / "yiting", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "yiting" / module
    target.write_text((target.read_text() if target.exists() else "") + line)
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert f"{CONTRACTS[contract]} BROKEN" in result.stdout, result.stdout


def test_sql_runs_only_in_store():
    """A database handle is passed up the layers, so the import contracts alone cannot see SQL run
    on it: no module outside store/ calls execute on it."""
    package = ROOT / "src" / "yiting"
    calls = (".execute(", ".executemany(", ".executescript(")
    outside = sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                     if "store" not in path.relative_to(package).parts[:1]
                     and any(call in path.read_text(encoding="utf-8") for call in calls))
    assert not outside, f"SQL outside store/: {outside}"
