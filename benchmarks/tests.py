"""Time the test suite: the README's whole run and the fast inner loop.

Run from the checkout, in the dev environment: ``.venv/bin/python benchmarks/tests.py``
(``--only inner`` or ``--only full``). Each run is one pytest process with the project's own
options (``-n auto --dist worksteal`` from pyproject.toml), so the figures are those of the
commands printed next to them. Goals (issue 9): the whole suite at most 150 s on a 2-core
machine, the inner loop under 30 s. A failing or empty run (pytest exit 5) is reported as such
and makes this script exit non-zero: a fast run that tests nothing is no figure.

Wall time depends on the machine and on what else runs on it; the CPU time of the pytest
process and its workers is printed too (``resource.getrusage`` of the children, on POSIX).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
INNER = ["-m", "not e2e and not slow", "--ignore=tests/e2e"]  # the README's inner loop
RUNS: dict[str, tuple[list[str], float]] = {
    # name: (extra pytest arguments, goal in seconds of wall time)
    "full": ([], 150.0),
    "inner": (INNER, 30.0),
}


def children_cpu() -> float:
    """User + system seconds of finished child processes so far (0 where not measurable)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_run(extra: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds, exit code and pytest's summary (with any FAILED lines)."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra]
    cpu_before = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
    summary = "\n".join([*failed, lines[-1] if lines else ""])
    return wall, children_cpu() - cpu_before, done.returncode, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(RUNS), help="time one of the runs")
    args = parser.parse_args()
    names = [args.only] if args.only else ["inner", "full"]
    print(f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    failed = False
    for name in names:
        extra, goal = RUNS[name]
        wall, cpu, code, summary = time_run(extra)
        shown = " ".join(["python -m pytest", *(repr(a) if " " in a else a for a in extra)])
        verdict = "ok" if code == 0 and wall <= goal else "MISSED" if code == 0 else "FAILED"
        print(f"{name:5}  {wall:6.1f} s wall  {cpu:6.1f} s CPU  goal {goal:.0f} s  {verdict}")
        print(f"       {shown}  (exit {code}: {summary})")
        failed |= code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
