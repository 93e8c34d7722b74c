"""How long ``cc-rfp package`` takes for the example, how big each file is, and what the
package's dependencies weigh.

Run: ``python benchmarks/package.py [--runs N] [--install]``.

Prints, for ``examples/answers-example.yaml``:

- the median (and fastest) wall time of the whole command as a user runs it (a fresh
  ``cc-rfp package`` process each run, interpreter start and imports included) per language;
- the median (and fastest) in-process time of the package with the two conversions in worker
  threads and one after the other (``Options.concurrent``), so the gain of the threads is
  measured, not assumed;
- each file's size (from the last run);
- the installed size of the dependencies the package added (pypandoc-binary, typst, openpyxl,
  et-xmlfile, which openpyxl needs, and defusedxml: every file each distribution installed);
- with ``--install``: the wall time of ``pip install`` of this project into a fresh virtual
  environment (downloads, or pip's cache when it has them).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "answers-example.yaml"
DEPENDENCIES = ("pypandoc-binary", "typst", "openpyxl", "et-xmlfile", "defusedxml")
"""What the package's files need that the Markdown tender did not (et-xmlfile: openpyxl's)."""
CLI = Path(sys.executable).parent / "cc-rfp"


class Timer:
    """Wall and CPU seconds of repeated runs of one step.

    The machine is shared, so wall time moves with other people's work; CPU time (this
    process and every finished child: the command, pandoc) does not, and says what the
    package would take on an idle machine with one core. Steps are measured in turns, one
    run of each per round, so a busy minute weighs on all of them alike.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def run(self, work: Callable[[], object]) -> None:
        cpu_start = _cpu()
        start = time.perf_counter()
        work()
        self.wall.append(time.perf_counter() - start)
        self.cpu.append(_cpu() - cpu_start)

    def line(self) -> str:
        return (
            f"  {self.name:48s} wall {statistics.median(self.wall):5.2f} s "
            f"(fastest {min(self.wall):4.2f} s), CPU {statistics.median(self.cpu):5.2f} s"
        )


def _cpu() -> float:
    """User and system seconds of this process and its finished children."""
    own = os.times()
    return own.user + own.system + own.children_user + own.children_system


def installed_size(distribution: str) -> int:
    """Bytes of every file the distribution installed (its RECORD)."""
    dist = importlib.metadata.distribution(distribution)
    total = 0
    for file in dist.files or []:
        path = Path(str(dist.locate_file(file)))
        if path.is_file():
            total += path.stat().st_size
    return total


def pip_install_seconds() -> float:
    """Wall time of ``pip install -q REPO`` into a fresh venv."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "venv", tmp], check=True)
        pip = Path(tmp) / ("Scripts" if sys.platform == "win32" else "bin") / "pip"
        start = time.perf_counter()
        subprocess.run([str(pip), "install", "-q", str(REPO)], check=True)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--install", action="store_true", help="also time pip install")
    args = parser.parse_args()

    from cc_rfp.document import package as pkg

    command = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "cc_rfp"]
    print(f"example: {EXAMPLE.relative_to(REPO)}, {args.runs} rounds, median of each")
    with tempfile.TemporaryDirectory() as tmp:
        steps: list[tuple[Timer, Callable[[], object]]] = []
        for lang in ("sv", "en"):
            out = Path(tmp) / f"cli-{lang}"
            run = [*command, "package", str(EXAMPLE), "-o", str(out), "--lang", lang]
            steps.append(
                (
                    Timer(f"cc-rfp package --lang {lang} (whole process)"),
                    lambda run=run: subprocess.run(run, check=True, capture_output=True),
                )
            )
        for concurrent in (True, False):
            options = pkg.Options(
                answers_path=EXAMPLE, out=Path(tmp) / f"in-{concurrent}", concurrent=concurrent
            )
            how = "conversions in threads" if concurrent else "one after the other"
            steps.append(
                (
                    Timer(f"in-process, sv, {how}"),
                    lambda options=options: pkg.make_package(options, lang="sv"),
                )
            )
        for _ in range(args.runs):
            for timer, work in steps:
                timer.run(work)
        for timer, _ in steps:
            print(timer.line())
        print("files (sv, last run):")
        for path in sorted((Path(tmp) / "cli-sv").iterdir()):
            print(f"  {path.name:28s} {path.stat().st_size / 1024:7.0f} kB")
    total = 0
    for name in DEPENDENCIES:
        size = installed_size(name)
        total += size
        version = importlib.metadata.version(name)
        print(f"installed {name} {version}: {size / 1e6:.1f} MB")
    print(f"installed, together: {total / 1e6:.1f} MB")
    if args.install:
        print(f"pip install of the project into a fresh venv: {pip_install_seconds():.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
