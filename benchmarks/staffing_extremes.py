"""Time a whole staffing plan (sizing, consistency, sensitivity) from extreme but valid figures.

Run: ``python benchmarks/staffing_extremes.py``. Each case is the example answers file with
phone and chat open 24/7, 80 % answered within 20 s, ASA 30 s and (phone) 95 % answered,
and the same volume every month: 10 million calls at AHT 300 s, a billion at AHT 300 s, and
a billion at AHT 86,400 s (a day: staffing takes it, validation says it is above 7,200 s).
It prints the time ``build_plan`` takes in this process
(median of ``--repeats`` runs, caches cleared before each) and whether any channel was sized
approximately. Goal: every case in under 2 s on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.staffing import sizing
from cc_rfp.staffing.week import build_plan

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "answers-example.yaml"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CASES = (("1e7 calls, AHT 300", 1e7, 300), ("1e9 calls, AHT 300", 1e9, 300),
         ("1e9 calls, AHT 86400", 1e9, 86_400))  # fmt: skip
GOAL_SECONDS = 2.0
RULES = {"level": "mandatory", "interval": "day", "reporting": "daily"}


def extreme(calls: float, aht: float) -> dict[str, Any]:
    """The example file's data with both real-time channels open 24/7 at ``calls`` a month."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    answers = data["answers"]
    for channel in ("phone", "chat"):
        answers[f"volume_{channel}"] = dict.fromkeys(answers[f"volume_{channel}"], calls)
        answers[f"aht_{channel}"] = aht
        answers["opening_hours"][channel] = dict.fromkeys(DAYS, "00:00-24:00")
    answers["kpi_targets"] = [r for r in answers["kpi_targets"] if r.get("channel") != "chat"]
    answers["kpi_targets"] += [
        {"kpi": "service_level", "channel": "chat", "percent": 80, "seconds": 20, **RULES},
        {"kpi": "asa", "channel": "chat", "seconds": 30, **RULES},
    ]
    return data


def time_plan(path: Path, repeats: int) -> tuple[float, list[str]]:
    """Median seconds of ``build_plan`` with cold caches, and the approximated channels."""
    bank, answers = load_bank(None), load_answers(path)
    times, approximated = [], []
    for _ in range(repeats):
        sizing.needed.cache_clear()
        sizing.achieved.cache_clear()
        started = time.perf_counter()
        plan = build_plan(bank, answers, lang="en")
        times.append(time.perf_counter() - started)
        approximated = [
            c.channel.label for c in plan.channels if any(s.perf.approximate for s in c.week)
        ]
    return statistics.median(times), approximated


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--keep", type=Path, help="also write the answers files to this folder")
    args = parser.parse_args()
    import tempfile

    ok = True
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for index, (name, calls, aht) in enumerate(CASES):
            path = folder / f"staffing-extreme-{index + 1}.yaml"
            path.write_text(
                yaml.safe_dump(extreme(calls, aht), allow_unicode=True, sort_keys=False),
                encoding="utf-8",
            )
            seconds, approximated = time_plan(path, args.repeats)
            met = seconds < GOAL_SECONDS
            ok = ok and met
            print(
                f"{name:22s} {seconds:7.2f} s  approximate: {', '.join(approximated) or 'none'}"
                f"  (goal < {GOAL_SECONDS:.0f} s: {'met' if met else 'NOT met'})"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
