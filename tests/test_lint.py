"""ruff and mypy, as configured in pyproject.toml, run by the test command (skipped where the test
extras are not installed).

ruff checks everything: src/, tests/, bench/ and scripts/. mypy checks what is clean today (the
kernel: errors, i18n, and domain/); grow its list in pyproject.toml as modules are cleaned,
until it is the whole of src/.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUFF_CHECKED = ["src", "tests", "bench", "scripts"]  # mypy's list: [tool.mypy] files


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed (pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_ruff_finds_nothing():
    done = run("ruff", "check", "--no-cache", "--output-format", "concise", *RUFF_CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing(tmp_path):
    done = run("mypy", "--cache-dir", str(tmp_path / "mypy"))
    assert done.returncode == 0, done.stdout + done.stderr
