"""How long the Word and PDF tender take, how big they are, and what the converters weigh.

Run: ``python benchmarks/convert.py`` (add ``--install`` to also time ``pip install`` of the
two converters into a fresh virtual environment; that needs the package index or pip's cache).

Prints, for the example answers (``examples/answers-example.yaml``) in both languages: the
median wall time of the Markdown render, of the DOCX conversion and of the PDF conversion
(pandoc → Typst → the typst wheel), and each file's size; then the installed size of
pypandoc-binary and typst (their folders in site-packages). The input Markdown is the
example render when the templates render, else the committed ``examples/spec-example.*.md``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdf

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "answers-example.yaml"


def timed(work, runs: int) -> tuple[float, object]:
    """Median seconds of ``runs`` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def installed_size(distribution: str) -> int:
    """Bytes of every file the distribution installed."""
    dist = importlib.metadata.distribution(distribution)
    total = 0
    for file in dist.files or []:
        path = Path(str(dist.locate_file(file)))
        if path.is_file():
            total += path.stat().st_size
    return total


def pip_install_seconds(packages: list[str]) -> float:
    """Wall time of ``pip install PACKAGES`` into a fresh venv (downloads or pip's cache)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "venv", tmp], check=True)
        pip = Path(tmp) / ("Scripts" if sys.platform == "win32" else "bin") / "pip"
        start = time.perf_counter()
        subprocess.run([str(pip), "install", "-q", *packages], check=True)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--install", action="store_true", help="also time pip install")
    args = parser.parse_args()

    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.document import convert
    from cc_rfp.document.render import render_document
    from cc_rfp.errors import CcRfpError

    bank, answers = load_bank(None), load_answers(EXAMPLE)
    print(f"example: {EXAMPLE.relative_to(REPO)}, {args.runs} runs, median wall time")
    for lang in ("sv", "en"):
        try:
            seconds, markdown = timed(
                lambda lang=lang: render_document(bank, answers, lang=lang), args.runs
            )
            source = f"render {seconds:.2f} s"
        except CcRfpError as exc:
            markdown = (REPO / "examples" / f"spec-example.{lang}.md").read_text("utf-8")
            source = f"render failed ({exc}); committed example Markdown used"
        cover = convert.cover_for(bank, answers, lang, markdown)
        docx_s, docx = timed(
            lambda m=markdown, c=cover, lang=lang: convert.convert(m, "docx", c, lang=lang),
            args.runs,
        )
        pdf_s, pdf = timed(
            lambda m=markdown, c=cover, lang=lang: convert.convert(m, "pdf", c, lang=lang),
            args.runs,
        )
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        print(f"{lang}: {source}")
        print(f"  docx {docx_s:.2f} s, {len(docx) / 1024:.0f} kB")
        print(f"  pdf  {pdf_s:.2f} s, {len(pdf) / 1024:.0f} kB, {pages} pages")
    for name in ("pypandoc-binary", "typst"):
        size = installed_size(name)
        version = importlib.metadata.version(name)
        print(f"installed {name} {version}: {size / 1e6:.1f} MB")
    if args.install:
        seconds = pip_install_seconds(["pypandoc-binary", "typst"])
        print(f"pip install pypandoc-binary typst into a fresh venv: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
