"""Time and size of the three spreadsheets for the example tender, and reading one back.

Run: ``python benchmarks/forms.py [--runs N]``. Writes the price form (rows from the pricing
model, ``cc_rfp.pricing.price_rows``), the compliance matrix (requirements read from the
rendered example ``examples/spec-example.<lang>.md``) and the data annex of
``examples/answers-example.yaml`` into a temporary folder, then reads the price form back,
filled with a price on every row. Prints the median seconds of each step and each file's size.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="sv")
    args = parser.parse_args()

    from openpyxl import load_workbook

    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.forms import (
        meta_from_answers,
        read_price_form,
        requirements_from_markdown,
        write_compliance_matrix,
        write_data_annex,
        write_price_form,
    )
    from cc_rfp.forms import price_form as pf
    from cc_rfp.pricing.model import price_rows

    bank = load_bank(None)
    answers = load_answers(ROOT / "examples" / "answers-example.yaml", announce=False)
    meta = meta_from_answers(answers, args.lang)
    rows = price_rows(bank, answers, args.lang)
    markdown = (ROOT / "examples" / f"spec-example.{args.lang}.md").read_text(encoding="utf-8")
    times: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        steps = {
            "price form": lambda: write_price_form(out / "price.xlsx", rows, meta),
            "compliance matrix (incl. reading the requirements)": lambda: write_compliance_matrix(
                out / "matrix.xlsx", requirements_from_markdown(markdown, args.lang), meta
            ),
            "data annex": lambda: write_data_annex(out / "annex.xlsx", bank, answers, meta),
        }
        for _ in range(args.runs):
            for name, step in steps.items():
                start = time.perf_counter()
                sizes[name] = step()
                times.setdefault(name, []).append(time.perf_counter() - start)
        book = load_workbook(out / "price.xlsx")
        sheet = book[book.sheetnames[1]]
        for number in range(1, sheet.max_row + 1):
            if sheet[f"A{number}"].value in {row.id for row in rows}:
                sheet[f"{pf.COL_PRICE}{number}"] = "1 234,50 kr"
        if len(book.sheetnames) > 3:
            plan = book[book.sheetnames[2]]
            for number in range(pf.FIRST_ROW + 1, plan.max_row + 1):
                if plan[f"A{number}"].value:
                    plan[f"{pf.PLAN_QUANTITY}{number}"] = 1000
        book.save(out / "filled.xlsx")
        for _ in range(args.runs):
            start = time.perf_counter()
            reading, problems = read_price_form(out / "filled.xlsx", rows, meta)
            times.setdefault("read the filled price form", []).append(time.perf_counter() - start)
        assert not problems, [p.message("en") for p in problems]
        assert len(reading.prices) == len(rows)
    print(f"example tender, {len(rows)} price rows, language {args.lang}, {args.runs} runs")
    for name, found in times.items():
        size = f"{sizes[name] / 1024:6.1f} KiB" if name in sizes else " " * 10
        print(f"  {name:55s} {statistics.median(found):6.3f} s  {size}")


if __name__ == "__main__":
    main()
