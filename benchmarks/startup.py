"""Time ``cc-rfp --help`` as a whole process against cookiecutter and copier.

Run: ``pip install ".[bench]" && python benchmarks/startup.py``. Each command runs once to
warm the file cache, then ``--runs`` times; the median wall time is compared. Goal: cc-rfp at
most 0.5x cookiecutter and 0.2x copier.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOALS = {"cookiecutter": 0.5, "copier": 0.2}


def command(name: str) -> list[str] | None:
    """The console script next to this Python, else on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return [str(local)]
    found = shutil.which(name)
    return [found] if found else None


def median_seconds(cmd: list[str], runs: int) -> float:
    subprocess.run([*cmd, "--help"], capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*cmd, "--help"], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    ours = command("cc-rfp")
    if ours is None:
        print("cc-rfp is not installed in this environment", file=sys.stderr)
        return 2
    base = median_seconds(ours, args.runs)
    print(f"cc-rfp --help        {base * 1000:7.1f} ms (median of {args.runs})")
    failed = False
    for peer, goal in GOALS.items():
        cmd = command(peer)
        if cmd is None:
            print(f"{peer:<20} not installed (pip install '.[bench]')")
            continue
        other = median_seconds(cmd, args.runs)
        ratio = base / other
        verdict = "ok" if ratio <= goal else "MISSED"
        failed |= ratio > goal
        print(
            f"{peer + ' --help':<20} {other * 1000:7.1f} ms   ratio {ratio:.3f}x "
            f"(goal <= {goal}x) {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
