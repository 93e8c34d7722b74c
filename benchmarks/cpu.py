"""CPU time of ``cc-rfp render`` and ``cc-rfp validate`` as whole processes, cold and warm cache.

Run: ``python benchmarks/cpu.py [--runs 7] [--answers examples/answers-example.yaml]``.
CPU (user + system of the child process), not wall time, because the machine is shared and
wall time measures the neighbours. "cold" empties a private cache folder before every run
(``CC_RFP_CACHE_DIR``), "warm" fills it once first, "off" sets ``CC_RFP_NO_CACHE=1``. Goals
(issue 9): render at most 0.35 s, validate at most 0.3 s, with a warm cache.

Python's own bytecode (``__pycache__``) is kept as an installed package has it: compiling
cc-rfp's 30-odd modules from source costs about 0.2 s a run, which is not what a user pays.
So ``PYTHONDONTWRITEBYTECODE`` is dropped and the bytecode goes to a scratch folder
(``PYTHONPYCACHEPREFIX``, filled by one run first); ``--no-pyc`` measures with neither.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

GOALS = {"render": 0.35, "validate": 0.30}
ROOT = Path(__file__).resolve().parent.parent


def cc_rfp() -> list[str]:
    """The console script next to this Python, else ``python -m cc_rfp``."""
    local = Path(sys.executable).parent / "cc-rfp"
    return [str(local)] if local.exists() else [sys.executable, "-m", "cc_rfp"]


def cpu_seconds(cmd: list[str], env: dict[str, str], check: bool = True) -> float:
    """User + system CPU of one child process (and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, capture_output=True, check=check, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(cmd: list[str], mode: str, runs: int, folder: Path, pyc: Path | None) -> float:
    env = dict(os.environ, CC_RFP_CACHE_DIR=str(folder))
    env.pop("CC_RFP_NO_CACHE", None)
    if pyc is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pyc)
        subprocess.run(cmd, env=env, capture_output=True, check=True, cwd=ROOT)
    if mode == "off":
        env["CC_RFP_NO_CACHE"] = "1"
    times = []
    if mode == "warm":
        shutil.rmtree(folder, ignore_errors=True)
        cpu_seconds(cmd, env)
    for _ in range(runs):
        if mode == "cold":
            shutil.rmtree(folder, ignore_errors=True)
        times.append(cpu_seconds(cmd, env))
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--answers", default="examples/answers-example.yaml")
    parser.add_argument("--no-pyc", action="store_true", help="compile every module each run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cc-rfp-bench-") as scratch:
        folder = Path(scratch) / "cache"
        pyc = None if args.no_pyc else Path(scratch) / "pycache"
        out = Path(scratch) / "tender.md"
        commands = {
            "render": [*cc_rfp(), "render", args.answers, "-o", str(out)],
            "validate": [*cc_rfp(), "validate", args.answers],
        }
        worst = 0.0
        bytecode = "compiled each run" if pyc is None else "kept, as installed"
        print(f"median CPU seconds of {args.runs} runs (user+sys); module bytecode {bytecode}")
        print(f"{'command':10} {'off':>7} {'cold':>7} {'warm':>7} {'goal':>7}")
        for name, cmd in commands.items():
            row = {
                mode: measure(cmd, mode, args.runs, folder, pyc) for mode in ("off", "cold", "warm")
            }
            worst = max(worst, row["warm"] / GOALS[name])
            cells = " ".join(f"{row[m]:7.3f}" for m in ("off", "cold", "warm"))
            print(f"{name:10} {cells} {GOALS[name]:7.2f}")
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
