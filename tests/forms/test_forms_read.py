"""Reading forms that bidders got wrong: every problem at once, located, never a traceback."""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
from forms_support import META, ROWS, fill, row_of

from cc_rfp.forms import FormMeta, read_compliance_matrix, read_price_form, write_price_form
from cc_rfp.forms import price_form as pf
from cc_rfp.forms.numbers import parse_amount
from cc_rfp.pricing.rows import PriceRow

GOOD = {row.id: 10 for row in ROWS}


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "anbud.xlsx"
    write_price_form(path, ROWS, META)
    fill(path, path, "Prisbilaga", pf.COL_PRICE, GOOD)
    fill(path, path, "Bemanningsplan", pf.PLAN_QUANTITY, {"phone.per_hour": 9450})
    return path


def codes(problems: list) -> list[tuple[str, str | None]]:
    return [(p.code, p.cell) for p in problems]


@pytest.mark.parametrize(
    ("raw", "value", "problem"),
    [
        ("1 234,50 kr", "1234.50", None),
        ("1\u202f234,50\u00a0SEK", "1234.50", None),
        ("42,75", "42.75", None),
        ("42.75", "42.75", None),
        ("1.234,5", "1234.5", None),
        ("1,234.5", "1234.5", None),
        ("1 234 567", "1234567", None),
        ("250:-", "250", None),
        ("0,125", "0.125", None),
        ("1,234", None, "ambiguous"),
        ("12.500", None, "ambiguous"),
        ("#VALUE!", None, "error_value"),
        ("#N/A", None, "error_value"),
        ("-5", None, "negative"),
        (-0.5, None, "negative"),
        ("12 34", None, "not_a_number"),
        ("ca 40", None, "not_a_number"),
        (float("nan"), None, "not_a_number"),
        (True, None, "bool"),
        ("", None, None),
        (None, None, None),
    ],
)
def test_parse_amount(raw: object, value: str | None, problem: str | None) -> None:
    from decimal import Decimal

    parsed = parse_amount(raw)
    assert parsed.problem == problem
    assert parsed.value == (Decimal(value) if value is not None else None)


def test_a_date_is_not_a_price() -> None:
    import datetime as dt

    assert parse_amount(dt.datetime(2026, 12, 4)).problem == "date"


def test_every_problem_at_once_with_sheet_and_cell(filled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(filled)
    sheet = book["Prisbilaga"]
    email = row_of(sheet, "email.per_contact")
    chat = row_of(sheet, "chat.per_contact")
    fee = row_of(sheet, "management.monthly")
    startup = row_of(sheet, "startup")
    sheet[f"D{email}"] = 12_000  # a changed quantity
    sheet[f"F{chat}"] = "#VALUE!"
    sheet[f"F{fee}"] = "1,234"
    sheet[f"F{startup}"] = "gratis"
    sheet.delete_rows(row_of(sheet, "exit"))
    sheet[f"A{sheet.max_row + 2}"] = "phone.per_minute"  # a row the tender does not have
    path = tmp_path / "wrong.xlsx"
    book.save(path)
    reading, problems = read_price_form(path, ROWS, META)
    assert codes(problems) == [
        ("quantity_changed", f"D{email}"),
        ("error_value", f"F{chat}"),
        ("ambiguous", f"F{fee}"),
        ("not_a_number", f"F{startup}"),
        ("row_missing", None),
        ("row_unknown", f"A{sheet.max_row}"),
    ]
    assert all(p.file == "wrong.xlsx" and p.sheet == "Prisbilaga" for p in problems)
    assert reading.prices["email.per_contact"] == 10  # the price is read; the quantity is not used
    assert "chat.per_contact" not in reading.prices
    for lang in ("sv", "en"):
        for problem in problems:
            line = problem.message(lang)
            assert "\n" not in line and line.startswith("wrong.xlsx")
    assert problems[0].message("sv") == (
        f"wrong.xlsx, bladet ”Prisbilaga”, cell D{email}: "
        "mängden för ”E-post, per hanterat ärende” "
        "har ändrats till 12000 (underlaget: 15600); utvärderingen räknar med underlagets mängd"
    )


def test_a_deleted_sheet_is_reported_and_the_rest_still_read(filled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(filled)
    del book["Bemanningsplan"]
    path = tmp_path / "noplan.xlsx"
    book.save(path)
    reading, problems = read_price_form(path, ROWS, META)
    assert codes(problems) == [("sheet_missing", None)]
    assert problems[0].sheet == "Bemanningsplan"
    assert reading.prices == {k: 10.0 for k in GOOD}


def test_missing_metadata_and_price_sheet(filled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(filled)
    del book["cc-rfp"]
    del book["Prisbilaga"]
    path = tmp_path / "gutted.xlsx"
    book.save(path)
    _, problems = read_price_form(path, ROWS, META)
    assert [p.code for p in problems] == ["metadata_missing", "sheet_missing"]


def test_another_tenders_form_and_another_version_of_this_one(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    write_price_form(other, ROWS, FormMeta("Dnr 2025/7", "sv"))
    _, problems = read_price_form(other, ROWS, META)
    assert problems[0].code == "other_tender"
    assert "Dnr 2025/7" in problems[0].message("en") and META.reference in problems[0].message("en")
    older = tmp_path / "older.xlsx"
    changed = [PriceRow(**{**r.__dict__, "quantity": r.quantity * 2}) for r in ROWS]
    write_price_form(older, changed, META)
    _, problems = read_price_form(older, ROWS, META)
    assert problems[0].code == "other_version"
    # the quantities on that form differ too, each reported with its cell
    assert {p.code for p in problems[1:]} >= {"quantity_changed"}


def test_a_newer_form_version_is_named(filled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(filled)
    book["cc-rfp"]["B2"] = 99
    path = tmp_path / "new.xlsx"
    book.save(path)
    _, problems = read_price_form(path, ROWS, META)
    assert [p.code for p in problems] == ["newer_form"]


def test_a_compliance_matrix_given_as_a_price_form_is_the_wrong_kind(tmp_path: Path) -> None:
    from cc_rfp.forms import write_compliance_matrix
    from cc_rfp.forms.requirements import Requirement

    path = tmp_path / "matrix.xlsx"
    reqs = [Requirement("req.1", 1, "K1", "mandatory", "ska-krav", "Text", "1.5")]
    write_compliance_matrix(path, reqs, META)
    _, problems = read_price_form(path, ROWS, META)
    assert problems[0].code == "wrong_kind"
    _, problems = read_compliance_matrix(tmp_path / "missing.xlsx", reqs, META)
    assert [p.code for p in problems] == ["file_missing"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("anbud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "wrong_format"),
        ("anbud.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "wrong_format"),
        ("anbud.pdf", b"%PDF-1.7\n", "wrong_format"),
        ("anbud.xlsx", b"%PDF-1.7\n", "wrong_format"),
        ("anbud.ods", b"PK\3\4", "wrong_format"),
        ("anbud.numbers", b"PK\3\4", "wrong_format"),
        ("anbud.xlsx", b"", "unreadable"),
        ("anbud.xlsx", b"PK\3\4 broken zip", "unreadable"),
        ("anbud.xlsx", bytes(random.Random(1).randrange(256) for _ in range(5000)), "unreadable"),
    ],
)
def test_files_that_are_not_xlsx_get_one_line(
    tmp_path: Path, name: str, data: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    reading, problems = read_price_form(path, ROWS, META)
    assert [p.code for p in problems] == [code]
    assert reading.prices == {}
    line = problems[0].message("sv")
    assert "\n" not in line
    if code == "wrong_format":
        assert ".xlsx" in line


def test_an_ods_package_renamed_to_xlsx_is_recognised(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<x/>")
    path = tmp_path / "anbud.xlsx"
    path.write_bytes(buffer.getvalue())
    _, problems = read_price_form(path, ROWS, META)
    assert [p.code for p in problems] == ["wrong_format"]
    assert "OpenDocument" in problems[0].message("en")


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    from cc_rfp.forms import read

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", "<x/>")
        package.writestr("xl/big.xml", b"\0" * (read.MAX_UNPACKED + 1))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 1_000_000
    _, problems = read_price_form(path, ROWS, META)
    assert [p.code for p in problems] == ["too_large"]


def test_entity_expansion_is_refused_by_defusedxml(filled: Path, tmp_path: Path) -> None:
    """A sheet declaring XML entities (billion laughs): defusedxml refuses it before expanding
    anything, and the reader says the file is unreadable. (openpyxl parses the small parts
    with lxml when installed, with entity resolution off; the sheets always go through
    defusedxml.)"""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML
    doctype = (
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    path = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(filled) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = (doctype + data.decode()).encode()
            target.writestr(item, data)
    _, problems = read_price_form(path, ROWS, META)
    assert [p.code for p in problems] == ["unreadable"]
    assert "EntitiesForbidden" in problems[0].message("en")


def test_the_bidders_file_is_never_modified(filled: Path) -> None:
    before = hashlib.sha256(filled.read_bytes()).hexdigest()
    mtime = filled.stat().st_mtime_ns
    read_price_form(filled, ROWS, META)
    assert hashlib.sha256(filled.read_bytes()).hexdigest() == before
    assert filled.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in filled.parent.iterdir()) == ["anbud.xlsx"]


def test_random_cell_damage_never_raises(filled: Path, tmp_path: Path) -> None:
    """Cells replaced by odd values: problems or prices, never an exception."""
    import datetime as dt

    junk = ["#REF!", "", " ", "1,,2", "∞", -1, 1e308, dt.date(2026, 1, 1), True, "=A1", "x" * 300]
    rng = random.Random(13)
    for run in range(12):
        book = openpyxl.load_workbook(filled)
        sheet = book["Prisbilaga"]
        for _ in range(8):
            cell = sheet.cell(row=rng.randrange(1, sheet.max_row + 3), column=rng.randrange(1, 9))
            if type(cell).__name__ == "MergedCell":
                continue
            cell.value = rng.choice(junk)
        path = tmp_path / f"damaged{run}.xlsx"
        book.save(path)
        reading, problems = read_price_form(path, ROWS, META)
        for problem in problems:
            assert problem.message("en")
        assert set(reading.prices) <= {row.id for row in ROWS}
