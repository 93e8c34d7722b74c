"""What the bank contract check (src/cc_rfp/core/contract.py) adds to every bank load.

Run: ``python benchmarks/bank_contract.py``. Prints the cost of ``contract.check`` on the
built-in bank per call, the import of ``cc_rfp.core.contract`` (in a fresh process, after
``cc_rfp.core.bank``, as a command imports it), and the CPU time of a whole
``cc-rfp validate examples/answers-example.yaml`` for scale. No goal of its own: the check
must stay a small fraction of the 0.3 s CPU goal for validate (issue 9).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import timeit
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def check_microseconds(calls: int = 2000) -> float:
    from cc_rfp.core import contract
    from cc_rfp.core.bank import load_bank

    bank = load_bank()
    return timeit.timeit(lambda: contract.check(bank), number=calls) / calls * 1e6


def import_milliseconds(runs: int = 5) -> float:
    code = "import cc_rfp.core.bank; import cc_rfp.core.contract"
    found = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True
        )
        match = re.search(r"(\d+) \|\s+\d+ \| cc_rfp\.contract$", result.stderr, flags=re.M)
        if match:
            found.append(int(match.group(1)) / 1000)
    return statistics.median(found)


def validate_cpu_seconds(runs: int = 5) -> float:
    import resource

    script = Path(sys.executable).parent / "cc-rfp"
    example = REPO / "examples" / "answers-example.yaml"
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([str(script), "validate", str(example)], capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def main() -> int:
    print(f"contract.check(built-in bank): {check_microseconds():.0f} µs per call")
    print(f"import cc_rfp.core.contract:        {import_milliseconds():.1f} ms")
    print(f"cc-rfp validate (whole):       {validate_cpu_seconds():.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
