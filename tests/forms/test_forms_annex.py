"""The data annex of the example tender: the answers' figures as numbers, protected."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from forms_support import unlocked

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.forms import meta_from_answers, write_data_annex
from cc_rfp.forms import workbook as wb
from cc_rfp.forms.data_annex import HEADER_ROW

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example() -> tuple:
    return load_bank(None), load_answers(ROOT / "examples" / "answers-example.yaml", announce=False)


def test_the_annex_holds_the_examples_figures(example: tuple, tmp_path: Path) -> None:
    bank, answers = example
    path = tmp_path / "underlag.xlsx"
    write_data_annex(path, bank, answers, meta_from_answers(answers, "sv"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Instruktioner",
        "Volymer per månad",
        "Veckodagar",
        "Dygnskurva",
        "Ärendetyper",
        "Öppettider",
        "Dagens resultat",
        wb.META_SHEET,
    ]
    for sheet in book.worksheets:
        assert sheet.protection.sheet
        assert not unlocked(sheet)
    values = answers.values
    volumes = book["Volymer per månad"]
    header = [c.value for c in volumes[HEADER_ROW]]
    assert header == ["Månad", "Telefon", "E-post och webbformulär", "Chatt", "Summa"]
    months = list(values["volume_phone"])
    for offset, month in enumerate(months, HEADER_ROW + 1):
        row = [c.value for c in volumes[offset]]
        expected = [values[f"volume_{ch}"][month] for ch in ("phone", "email", "chat")]
        assert row[1:4] == expected
        assert row[4] == sum(expected)
    total = [c.value for c in volumes[HEADER_ROW + 13]]
    assert total[1] == sum(values["volume_phone"].values())
    assert total[4] == sum(sum(values[f"volume_{c}"].values()) for c in ("phone", "email", "chat"))
    weekdays = book["Veckodagar"]
    shares = [weekdays.cell(row=n, column=2).value for n in range(HEADER_ROW + 1, HEADER_ROW + 8)]
    assert shares == list(values["weekday_share"].values())
    intraday = book["Dygnskurva"]
    hours = [intraday.cell(row=n, column=2).value for n in range(HEADER_ROW + 1, HEADER_ROW + 25)]
    assert hours == list(values["intraday_share"].values())
    cases = book["Ärendetyper"]
    names = [
        cases.cell(row=HEADER_ROW + 1 + i, column=1).value for i in range(len(values["case_types"]))
    ]
    assert names == [c["name"] for c in values["case_types"]]
    assert cases.cell(row=HEADER_ROW + 1, column=4).value == values["case_types"][0]["aht_seconds"]
    hours_sheet = book["Öppettider"]
    assert (
        hours_sheet.cell(row=HEADER_ROW + 1, column=2).value
        == values["opening_hours"]["phone"]["mon"]
    )
    assert hours_sheet.cell(row=HEADER_ROW + 7, column=2).value == "Stängt"
    results = {
        book["Dagens resultat"].cell(row=n, column=1).value: book["Dagens resultat"]
        .cell(row=n, column=2)
        .value
        for n in range(HEADER_ROW + 1, book["Dagens resultat"].max_row + 1)
    }
    assert values["current_answer_rate"] in results.values()
    assert values["current_asa_seconds"] in results.values()
    assert "Genomsnittlig hanteringstid, Telefon (sekunder)" in results
    meta = wb.read_metadata(book[wb.META_SHEET])
    assert meta["kind"] == "data_annex" and meta["language"] == "sv"
    assert meta["tender_reference"] == meta_from_answers(answers).reference


def test_an_unknown_or_missing_answer_is_said_not_shown_as_a_figure(
    example: tuple, tmp_path: Path
) -> None:
    from cc_rfp.core.answers import Unknown

    bank, answers = example
    values = dict(answers.values)
    values["weekday_share"] = Unknown(note="Mäts från januari")
    del values["intraday_share"]
    import dataclasses

    changed = dataclasses.replace(answers, values=values)
    path = tmp_path / "u.xlsx"
    write_data_annex(path, bank, changed, meta_from_answers(changed, "en"), "en")
    book = openpyxl.load_workbook(path)
    for name in ("Weekdays", "Intraday curve"):
        sheet = book[name]
        assert sheet["A2"].value.startswith("Not available yet:")
        assert all(
            sheet.cell(row=n, column=2).value is None
            for n in range(HEADER_ROW + 1, sheet.max_row + 1)
        )
    assert (
        book["Volumes per month"].cell(row=HEADER_ROW + 1, column=2).value
        == values["volume_phone"]["jan"]
    )
