"""Shared test helpers: the repository paths and a runner for the installed ``cc-rfp``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "answers-example.yaml"
GUIDE = REPO.parent / "shared" / "guide"


def cc_rfp_executable() -> list[str]:
    """The installed console script (next to this Python), else ``python -m cc_rfp``."""
    script = Path(sys.executable).parent / "cc-rfp"
    if script.exists():
        return [str(script)]
    found = shutil.which("cc-rfp")
    return [found] if found else [sys.executable, "-m", "cc_rfp"]


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``cc-rfp ARGS`` as a user would, with no terminal on stdin."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    return subprocess.run(
        [*cc_rfp_executable(), *args],
        cwd=cwd,
        env=full_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The run failed with ``code`` and one plain stderr line, no traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def cli():
    return run_cli
