"""How fast `cc-rfp import` reads the issue's two large files, and how much memory it peaks at.

    .venv/bin/python benchmarks/import_speed.py            # both files, stdlib csv
    .venv/bin/python benchmarks/import_speed.py --engines  # also csv alone, polars if installed

Writes (once, into the temp folder's cc-rfp-import-bench/) a year of 15-minute intervals for
20 queues
(35,136 intervals x 20 = 702,720 rows, Puzzel-style Swedish CSV with decimal comma) and a
per-call log of 2,000,000 rows (Nordic PBX style, semicolon, mm:ss durations). Each import
runs in a fresh process (`cc-rfp import … --dry-run`, the whole command: read, derive, quality
checks, summary) timed by wall clock, with peak resident memory from getrusage. The issue's
bar: each under 15 s and under 500 MB.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(tempfile.gettempdir()) / "cc-rfp-import-bench"
CC_RFP = [sys.executable, "-c", "from cc_rfp.cli import main; main()"]


def intervals_file() -> Path:
    path = DATA / "intervals-700k.csv"
    if path.exists():
        return path
    rng = random.Random(1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["Kö", "Intervall", "Erbjudna", "Besvarade", "Ej besvarade",
                      "Besvarade inom SL", "Snitt kötid besvarade", "Snitt samtalstid",
                      "Snitt efterarbete"])  # fmt: skip
        start = dt.datetime(2024, 1, 1)
        for step in range(366 * 96):
            stamp = (start + dt.timedelta(minutes=15 * step)).strftime("%Y-%m-%d %H:%M")
            for q in range(20):
                offered = rng.randrange(0, 30)
                answered = offered - rng.randrange(0, 3) if offered > 3 else offered
                out.writerow([f"Kö {q} Tel", stamp, offered, answered, offered - answered,
                              max(answered - 2, 0), f"{rng.uniform(5, 90):.1f}".replace(".", ","),
                              f"{rng.uniform(120, 400):.1f}".replace(".", ","),
                              f"{rng.uniform(10, 60):.1f}".replace(".", ",")])  # fmt: skip
    return path


def calls_file() -> Path:
    path = DATA / "calls-2m.csv"
    if path.exists():
        return path
    rng = random.Random(2)
    outcomes = ("Besvarat",) * 8 + ("Avbrutet", "Röstbrevlåda")
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["Datum", "Tid", "Kö", "Samtals-ID", "Utfall", "Kötid", "Samtalstid",
                      "Efterarbete"])  # fmt: skip
        start = dt.datetime(2024, 1, 1, 7)
        for n in range(2_000_000):
            when = start + dt.timedelta(seconds=n * 15.7)
            wait, talk = rng.randrange(0, 300), rng.randrange(30, 900)
            out.writerow([when.strftime("%Y-%m-%d"), when.strftime("%H:%M:%S"),
                          f"Kö {n % 20} Tel", f"id{n}", outcomes[n % 10],
                          f"{wait // 60:02d}:{wait % 60:02d}",
                          f"00:{talk // 60:02d}:{talk % 60:02d}",
                          rng.randrange(0, 120)])  # fmt: skip
    return path


def measure(path: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak MB of one whole `cc-rfp import --dry-run` in a fresh
    process (CPU time too, because on a shared machine the wall clock counts other people's
    work)."""
    answers = DATA / "answers.yaml"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [*CC_RFP, "import", str(path), "--into", str(answers), "--dry-run", "--lang", "en"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss
    cpu = (usage.ru_utime + usage.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    if done.returncode:
        raise SystemExit(done.stderr)
    if peak <= before:  # the child's peak is below an earlier child's: rerun would tell
        peak = before
    return seconds, cpu, peak / 1024, done.stdout.splitlines()[0]


def csv_only(path: Path) -> float:
    """Seconds for the stdlib csv module to read every row (the floor of any stdlib reader)."""
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle, delimiter=";"):
            pass
    return time.perf_counter() - started


def polars_read(path: Path) -> float | None:
    try:
        import polars as pl
    except ImportError:
        return None
    started = time.perf_counter()
    frame = pl.read_csv(path, separator=";", infer_schema_length=0)
    frame.height  # noqa: B018 - force the read
    return time.perf_counter() - started


def main() -> None:
    DATA.mkdir(exist_ok=True)
    for label, path in (("700k intervals", intervals_file()), ("2M calls", calls_file())):
        size = path.stat().st_size / 1e6
        seconds, cpu, peak, first = measure(path)
        print(
            f"{label}: {size:.0f} MB file, import {seconds:.1f} s wall ({cpu:.1f} s CPU), "
            f"peak {peak:.0f} MB  [{first}]"
        )
        if "--engines" in sys.argv:
            print(f"  stdlib csv.reader alone: {csv_only(path):.1f} s")
            engine = polars_read(path)
            print(
                "  polars.read_csv (all columns as text): "
                + (f"{engine:.1f} s" if engine is not None else "not installed")
            )


if __name__ == "__main__":
    main()
