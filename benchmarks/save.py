"""Time one interview save of the example answers file: merge check, serialise, write, fsync.

Run: ``python benchmarks/save.py``. Each run changes one answer and saves it the way the
interview does after every question (``cc_rfp.core.answers.save_answers``), in a temporary copy of
``examples/answers-example.yaml`` beside the repository (same disk as real work). A second
series edits the file by hand between saves, so the save also re-reads and merges. Goal: the
median under 0.1 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "answers-example.yaml"
GOAL = 0.1


def series(folder: Path, runs: int, *, hand_edit: bool) -> list[float]:
    """Seconds per save; with ``hand_edit`` the file changes on disk before every save."""
    from cc_rfp.core.answers import load_answers, save_answers
    from cc_rfp.core.bank import load_bank

    order = load_bank(None).order
    path = folder / "answers.yaml"
    shutil.copy(EXAMPLE, path)
    answers = load_answers(path)
    times = []
    for run in range(runs):
        if hand_edit:
            text = path.read_text(encoding="utf-8")
            path.write_text(text + f"# hand edit {run}\n", encoding="utf-8")
        answers.values["vision"] = f"Vision number {run}"
        start = time.perf_counter()
        save_answers(path, answers, order=order)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory(dir=ROOT, prefix=".bench-save-") as tmp:
        for label, hand_edit in (("save", False), ("save after hand edit", True)):
            times = series(Path(tmp), args.runs, hand_edit=hand_edit)
            median = statistics.median(times)
            verdict = "ok" if median < GOAL else "MISSED"
            failed |= median >= GOAL
            print(
                f"{label:<22} median {median * 1000:6.1f} ms, max {max(times) * 1000:6.1f} ms "
                f"({args.runs} runs, goal < {GOAL * 1000:.0f} ms: {verdict})"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
