"""Time ``cc-rfp evaluate`` on 20 generated bids: read, qualify, price, rank, check, report.

Run: ``.venv/bin/python benchmarks/evaluate.py [--bids 20]``. The bids are the example
tender's price form and compliance matrix filled with random prices (seeded), plus one
scores file; they are generated first, then the command is timed in a fresh process (the
wall-clock time a consultant waits, start-up included) and in-process (the evaluation only).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "answers-example.yaml"


def generate(folder: Path, count: int) -> tuple[Path, Path, Path]:
    from openpyxl import load_workbook

    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.evaluate.tender import load_tender, write_blank_forms

    def row_of(sheet: object, row_id: str) -> int:
        for number, (value,) in enumerate(sheet.iter_rows(max_col=1, values_only=True), 1):  # type: ignore[attr-defined]
            if value == row_id:
                return number
        raise KeyError(row_id)

    answers = folder / "answers.yaml"
    answers.write_bytes(EXAMPLE.read_bytes())
    tender = load_tender(load_bank(None), load_answers(answers), "sv")
    prices, matrix = write_blank_forms(tender, folder / "blank")
    chance = random.Random(14)
    bids = folder / "bids"
    scores = []
    for n in range(1, count + 1):
        key = f"bid{n:02d}"
        (bids / key).mkdir(parents=True)
        book = load_workbook(prices)
        sheet = book["Prisbilaga"]
        for row in tender.rows:
            base = {"oneoff": 200_000, "fixed": 60_000}.get(row.kind, 40.0)
            sheet[f"F{row_of(sheet, row.id)}"] = round(base * chance.uniform(0.7, 1.4), 2)
        if "Bemanningsplan" in book.sheetnames:
            plan = book["Bemanningsplan"]
            for row in tender.rows:
                if row.id in tender.minimum:
                    cell = f"E{row_of(plan, row.id)}"
                    plan[cell] = round(tender.minimum[row.id] * chance.uniform(0.9, 1.2))
        book.save(bids / key / "prisbilaga.xlsx")
        book = load_workbook(matrix)
        sheet = book["Kravmatris"]
        for number in range(7, sheet.max_row + 1):
            if sheet[f"A{number}"].value:
                sheet[f"F{number}"] = "Ja" if chance.random() > 0.02 else "Nej"
        book.save(bids / key / "kravmatris.xlsx")
        (bids / key / "bid.yaml").write_text("received: 2027-01-29 10:00\n", encoding="utf-8")
        for index in range(1, len(tender.model.criteria) + 1):
            for evaluator in ("Anna", "Björn", "Cecilia"):
                scores.append(
                    {
                        "bid": key,
                        "criterion": index,
                        "evaluator": evaluator,
                        "score": chance.randint(1, 5),
                        "justification": "Bedömd mot poängbeskrivningen.",
                    }
                )
    path = folder / "scores.yaml"
    path.write_text(yaml.safe_dump({"scores": scores}, allow_unicode=True), encoding="utf-8")
    return answers, bids, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bids", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        answers, bids, scores = generate(folder, args.bids)
        command = [
            str(Path(sys.executable).parent / "cc-rfp"),
            "evaluate",
            str(answers),
            str(bids),
            "--scores",
            str(scores),
            "-o",
            str(folder / "report.md"),
        ]
        walls = []
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True)
            walls.append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(f"evaluate failed: {done.stderr.strip()}")
        summary = done.stderr.strip().splitlines()[-1]
        from cc_rfp.commands.evaluate import run

        start = time.perf_counter()
        run(answers, bids, scores=scores, out=folder / "report-2.md")
        inside = time.perf_counter() - start
        size = (folder / "report.md").stat().st_size
    print(f"{args.bids} bids: {summary}")
    print(f"cc-rfp evaluate, fresh process: best {min(walls):.2f} s of {args.runs} runs")
    print(f"in-process (one run, cold caches of this process): {inside:.2f} s")
    print(f"report: {size / 1024:.0f} kB of Markdown")


if __name__ == "__main__":
    main()
