"""cc-rfp evaluate's other ways in: --simulate, --scores-template and the scores it reads back,
and problems in the scores file. The folder rules (missing forms, two forms, late bids) are
read in-process in ``tests/evaluate/test_evaluate_tender.py``."""

from __future__ import annotations

from pathlib import Path

import yaml_data
from openpyxl import load_workbook

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.evaluate.tender import load_tender, write_blank_forms
from tests.conftest import assert_one_line_error, run_cli
from tests.helpers.evaluate_support import SYD, fill_matrix, fill_price_form, write_answers


def test_simulate_runs_fictitious_bids_through_the_published_model(tmp_path: Path) -> None:
    answers = write_answers(tmp_path)
    result = run_cli("evaluate", str(answers), "--simulate", "--base-price", "4287600")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Simulering av utvärderingsmodellen")
    # the guide's three bids: 4,287,600 / 2,882,480 / 2,517,600 SEK, quality 4 / 3 / 0.5
    for price in ("4 287 600", "2 882 480", "2 517 600"):
        assert price in text.replace("\u00a0", " ")
    # value-added with 2,000,000 + 1,000,000 SEK: the dear and good bid's figure
    assert "1 887 600" in text.replace("\u00a0", " ")  # 4,287,600 - 3,000,000 * 4/5
    assert "Med den publicerade modellen vinner anbudet" in text


def test_simulate_and_bids_together_are_refused(tmp_path: Path) -> None:
    answers = write_answers(tmp_path)
    (tmp_path / "bids").mkdir()
    line = assert_one_line_error(
        run_cli("evaluate", str(answers), str(tmp_path / "bids"), "--simulate")
    )
    assert "--simulate" in line


def test_scores_template_round_trip(tmp_path: Path) -> None:
    answers = write_answers(tmp_path)
    tender = load_tender(load_bank(None), load_answers(answers), "sv")
    prices, matrix = write_blank_forms(tender, tmp_path / "blank")
    bids = tmp_path / "bids"
    for key in ("a", "b"):
        (bids / key).mkdir(parents=True)
        fill_price_form(prices, bids / key / "prisbilaga.xlsx", SYD, 30_000, name=key.upper())
        fill_matrix(matrix, bids / key / "kravmatris.xlsx", {})
    template = tmp_path / "poang.xlsx"
    result = run_cli(
        "evaluate",
        str(answers),
        str(bids),
        "--scores-template",
        str(template),
        "--evaluators",
        "Anna, Björn",
    )
    assert result.returncode == 0, result.stderr
    assert "8 rader" in result.stderr  # 2 bids x 2 criteria x 2 evaluators
    book = load_workbook(template)
    sheet = book["Poäng"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[:3] for r in rows][:2] == [("a", "1. Lösning", "Anna"), ("a", "1. Lösning", "Björn")]
    for number in range(2, sheet.max_row + 1):
        sheet[f"D{number}"] = "3,5" if sheet[f"A{number}"].value == "a" else 4
        sheet[f"E{number}"] = "Motiverat."
    book.save(template)
    result = run_cli("evaluate", str(answers), str(bids), "--scores", str(template))
    assert result.returncode == 0, result.stderr
    assert "| **A** | **Medelvärde** | **3,5** | |" in result.stdout

    # every problem at once, with its cell, and no report
    sheet["D2"] = 9
    sheet["E3"] = None
    sheet["A4"] = "nobody"
    book.save(template)
    result = run_cli("evaluate", str(answers), str(bids), "--scores", str(template))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert any("cell D2" in line and "0–5" in line for line in lines), lines
    assert any("D3" in line and "motivering saknas" in line for line in lines), lines
    assert any("D4" in line and "”nobody”" in line for line in lines), lines
    assert any("ingen poäng för A" in line for line in lines), lines  # the row moved away
    assert result.stdout == ""


def test_a_model_with_scores_needs_them(tmp_path: Path) -> None:
    answers = write_answers(tmp_path)
    (tmp_path / "bids" / "a").mkdir(parents=True)
    line = assert_one_line_error(run_cli("evaluate", str(answers), str(tmp_path / "bids")))
    assert "--scores" in line and "--scores-template" in line


def test_english_report(tmp_path: Path) -> None:
    answers = write_answers(tmp_path)
    data = yaml_data.load(answers.read_text(encoding="utf-8"))
    data["cc_rfp"]["language"] = "en"
    answers.write_text(yaml_data.dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("evaluate", str(answers), "--simulate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Simulation of the award model")
    assert "Dear and good" in result.stdout and "A shorter bar is better." in result.stdout
