"""CPU time of ``render`` and ``validate`` (warm cache) for two installs, runs alternated.

Run: ``python benchmarks/cpu_interleaved.py OTHER_CC_RFP [--runs 15]``, where OTHER_CC_RFP is
the ``cc-rfp`` script of another virtual environment (an older commit installed there), e.g.
``git worktree add /tmp/base REV && python -m venv /tmp/vbase && /tmp/vbase/bin/pip install
/tmp/base`` then ``/tmp/vbase/bin/cc-rfp``.

Why alternate: this machine's CPU time for the same work drifts by a third over a day (other
machines share the host), so two medians taken minutes apart compare the hours, not the code.
Alternating run by run puts both installs under the same conditions; the medians and minimums
of each are printed side by side. Each install gets its own warm cache folder and kept
bytecode, as ``cpu.py`` does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpu import cc_rfp, cpu_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", help="the cc-rfp script of the install to compare with")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--answers", default="examples/answers-example.yaml")
    args = parser.parse_args()
    installs = {"this": cc_rfp(), "other": [args.other]}
    with tempfile.TemporaryDirectory(prefix="cc-rfp-bench-") as scratch:
        root = Path(scratch)
        envs = {}
        for name in installs:
            env = dict(os.environ, CC_RFP_CACHE_DIR=str(root / name / "cache"))
            env.pop("CC_RFP_NO_CACHE", None)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(root / name / "pycache")
            envs[name] = env
        print(f"CPU seconds (user+sys), warm cache, {args.runs} alternated runs each")
        print(f"{'command':10} {'install':6} {'median':>7} {'min':>7}")
        for command in ("render", "validate"):
            extra = ["-o", str(root / "tender.md")] if command == "render" else []
            times: dict[str, list[float]] = {name: [] for name in installs}
            for name, exe in installs.items():  # fill the cache and the bytecode
                cpu_seconds([*exe, command, args.answers, *extra], envs[name], check=False)
            for _ in range(args.runs):
                for name, exe in installs.items():
                    cmd = [*exe, command, args.answers, *extra]
                    times[name].append(cpu_seconds(cmd, envs[name], check=False))
            for name, found in times.items():
                print(f"{command:10} {name:6} {statistics.median(found):7.3f} {min(found):7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
