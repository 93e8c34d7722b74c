"""Size one week of 672 fifteen-minute intervals with cc-rfp and with pyworkforce's ErlangC.

Run: ``pip install ".[bench]" && python benchmarks/staffing.py``. Volumes are drawn between 10
and 3,000 calls per interval with a fixed seed, AHT 300 s, 80 % answered within 20 s. Both
libraries size every interval in the same run; the agents must be identical in every interval.
Goals: cc-rfp at least 10x faster than pyworkforce, and one interval of 1,000,000 erlangs in
under 0.5 s. Without pyworkforce installed the comparison is skipped with a message.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable

from cc_rfp.staffing.erlang import Targets, size, traffic_erlangs

INTERVALS = 7 * 24 * 4
INTERVAL_MINUTES = 15
AHT_SECONDS = 300.0
SERVICE_LEVEL = 0.80
ANSWER_SECONDS = 20.0
SPEED_GOAL = 10.0
MILLION_GOAL_SECONDS = 0.5


def week(seed: int) -> list[int]:
    """Calls per interval for one week, reproducible from ``seed``."""
    rng = random.Random(seed)
    return [rng.randint(10, 3000) for _ in range(INTERVALS)]


def cc_rfp_agents(calls: list[int]) -> list[int]:
    targets = Targets(service_level=SERVICE_LEVEL, answer_seconds=ANSWER_SECONDS)
    return [
        size(traffic_erlangs(c, INTERVAL_MINUTES * 60, AHT_SECONDS), AHT_SECONDS, targets).agents
        for c in calls
    ]


def pyworkforce_agents(calls: list[int]) -> list[int]:
    from pyworkforce.queuing import ErlangC

    # pyworkforce works in minutes; its ``asa`` argument is the service level's answer time.
    return [
        ErlangC(
            transactions=c,
            aht=AHT_SECONDS / 60,
            asa=ANSWER_SECONDS / 60,
            interval=INTERVAL_MINUTES,
        ).required_positions(service_level=SERVICE_LEVEL)["raw_positions"]
        for c in calls
    ]


def timed(run: Callable[[], list[int]], repeats: int) -> tuple[float, list[int]]:
    """The median wall time of ``repeats`` runs, and the result of the last one."""
    times, result = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def million() -> tuple[float, int]:
    """Time one interval of 1,000,000 erlangs (median of 5)."""
    targets = Targets(service_level=SERVICE_LEVEL, answer_seconds=ANSWER_SECONDS)
    times, agents = [], 0
    for _ in range(5):
        start = time.perf_counter()
        agents = size(1_000_000.0, AHT_SECONDS, targets).agents
        times.append(time.perf_counter() - start)
    return statistics.median(times), agents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20240601, help="seed for the volumes")
    parser.add_argument("--repeats", type=int, default=5, help="runs of cc-rfp (median)")
    parser.add_argument(
        "--pyworkforce-repeats", type=int, default=1, help="runs of pyworkforce (median)"
    )
    args = parser.parse_args()
    calls = week(args.seed)
    print(
        f"One week: {INTERVALS} intervals of {INTERVAL_MINUTES} min, {min(calls)}–{max(calls)} "
        f"calls each (seed {args.seed}), AHT {AHT_SECONDS:.0f} s, "
        f"{SERVICE_LEVEL:.0%} in {ANSWER_SECONDS:.0f} s"
    )
    ok = True
    ours, our_agents = timed(lambda: cc_rfp_agents(calls), args.repeats)
    print(f"cc-rfp:      {ours:8.3f} s  ({sum(our_agents):,} agent-intervals)")
    try:
        import pyworkforce  # noqa: F401
    except ImportError:
        print("pyworkforce: not installed; skipping the comparison (pip install pyworkforce)")
    else:
        theirs, their_agents = timed(lambda: pyworkforce_agents(calls), args.pyworkforce_repeats)
        print(f"pyworkforce: {theirs:8.3f} s  ({sum(their_agents):,} agent-intervals)")
        differ = [
            i for i, (a, b) in enumerate(zip(our_agents, their_agents, strict=True)) if a != b
        ]
        if differ:
            ok = False
            first = differ[0]
            print(
                f"DIFFERENT agents in {len(differ)} intervals, e.g. interval {first}: "
                f"cc-rfp {our_agents[first]}, pyworkforce {their_agents[first]}"
            )
        else:
            print(f"Identical agents in all {INTERVALS} intervals.")
        ratio = theirs / ours
        met = ratio >= SPEED_GOAL
        ok = ok and met
        print(f"Speed: cc-rfp is {ratio:.1f}x faster (goal ≥ {SPEED_GOAL:.0f}x: "
              f"{'met' if met else 'NOT met'})")  # fmt: skip
    seconds, agents = million()
    met = seconds < MILLION_GOAL_SECONDS
    ok = ok and met
    print(
        f"1,000,000 erlangs: {agents:,} agents in {seconds * 1000:.1f} ms "
        f"(goal < {MILLION_GOAL_SECONDS} s: {'met' if met else 'NOT met'})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
