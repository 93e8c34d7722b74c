"""Time ``cc-rfp --help`` as a whole process against cookiecutter and copier.

Run: ``pip install ".[bench]" && python benchmarks/startup.py``. Each command runs once to
warm the file cache, then ``--runs`` rounds in which the commands take turns; the median wall
time is compared. Goal: cc-rfp at
most 0.5x cookiecutter and 0.2x copier.
"""

from __future__ import annotations

import argparse
import os
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


def _env() -> dict[str, str]:
    """The children's environment, with bytecode caching on as in a real install.

    With PYTHONDONTWRITEBYTECODE set (as on our development machines), an editable install
    recompiles cc-rfp's modules on every start while the peers load compiled wheels: an
    unfair comparison.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([*cmd, "--help"], capture_output=True, check=False, env=_env())
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command's ``--help``, the commands taking turns in each round
    so that a busy moment of the machine hits all of them alike."""
    for cmd in commands.values():
        _once(cmd)  # warm the file cache and write bytecode
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(_once(cmd))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    ours = command("cc-rfp")
    if ours is None:
        print("cc-rfp is not installed in this environment", file=sys.stderr)
        return 2
    commands = {"cc-rfp": ours}
    for peer in GOALS:
        cmd = command(peer)
        if cmd is None:
            print(f"{peer:<20} not installed (pip install '.[bench]')")
        else:
            commands[peer] = cmd
    result = medians(commands, args.runs)
    base = result.pop("cc-rfp")
    print(f"cc-rfp --help        {base * 1000:7.1f} ms (median of {args.runs}, interleaved)")
    failed = False
    for peer, other in result.items():
        goal = GOALS[peer]
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
