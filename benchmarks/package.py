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


def seconds_of(work: Callable[[], object], runs: int) -> str:
    """Median and fastest of ``runs`` calls: the machine is shared, so both are worth seeing."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return f"{statistics.median(times):.2f} s (fastest {min(times):.2f} s)"


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
    print(f"example: {EXAMPLE.relative_to(REPO)}, {args.runs} runs, wall time")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("sv", "en"):
            out = Path(tmp) / f"cli-{lang}"
            run = [*command, "package", str(EXAMPLE), "-o", str(out), "--lang", lang]
            seconds = seconds_of(
                lambda run=run: subprocess.run(run, check=True, capture_output=True), args.runs
            )
            print(f"  cc-rfp package --lang {lang} (whole process): {seconds}")
        for concurrent in (True, False):
            out = Path(tmp) / f"inproc-{concurrent}"
            options = pkg.Options(answers_path=EXAMPLE, out=out, concurrent=concurrent)
            seconds = seconds_of(
                lambda options=options: pkg.make_package(options, lang="sv"), args.runs
            )
            how = "conversions in threads" if concurrent else "one after the other"
            print(f"  in-process, sv, {how}: {seconds}")
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
