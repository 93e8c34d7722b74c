"""The price form as bidders receive it, opened with openpyxl: protection, inputs, ids, metadata."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from forms_support import CONTACT_ROWS, META, ROWS, unlocked, validated

from cc_rfp import i18n
from cc_rfp.forms import FormMeta, write_price_form
from cc_rfp.forms import price_form as pf
from cc_rfp.forms import workbook as wb
from cc_rfp.pricing.rows import PriceRow


@pytest.fixture(scope="module", params=["sv", "en"])
def form(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    lang = request.param
    path = tmp_path_factory.mktemp(lang) / "form.xlsx"
    size = write_price_form(path, ROWS, FormMeta(META.reference, lang, buyer=META.buyer))
    assert size == path.stat().st_size
    return lang, openpyxl.load_workbook(path)


def test_sheets_in_order_and_the_metadata_sheet_hidden(form: tuple) -> None:
    lang, book = form
    assert book.sheetnames == [
        i18n.t("forms.sheet_instructions", lang),
        i18n.t("forms.sheet_prices", lang),
        i18n.t("forms.sheet_plan", lang),
        wb.META_SHEET,
    ]
    assert book[wb.META_SHEET].sheet_state == "hidden"
    assert all(book[name].sheet_state == "visible" for name in book.sheetnames[:-1])
    assert book.security.lockStructure


def test_every_sheet_is_protected(form: tuple) -> None:
    _, book = form
    for sheet in book.worksheets:
        assert sheet.protection.sheet, sheet.title


def test_only_price_cells_and_the_bidder_name_are_unlocked(form: tuple) -> None:
    lang, book = form
    sheet = book[i18n.t("forms.sheet_prices", lang)]
    rows = {sheet[f"A{n}"].value: n for n in range(1, sheet.max_row + 1) if sheet[f"A{n}"].value}
    prices = {f"{pf.COL_PRICE}{rows[row.id]}" for row in ROWS}
    assert unlocked(sheet) == prices | {pf.BIDDER_CELL}
    for coordinate in prices | {pf.BIDDER_CELL}:
        assert sheet[coordinate].fill.fgColor.rgb.endswith(wb.INPUT_FILL)
    plan = book[i18n.t("forms.sheet_plan", lang)]
    plan_row = {plan[f"A{n}"].value: n for n in range(1, plan.max_row + 1)}["phone.per_hour"]
    assert unlocked(plan) == {f"E{plan_row}", f"F{plan_row}"}
    assert not unlocked(book[i18n.t("forms.sheet_instructions", lang)])
    assert not unlocked(book[wb.META_SHEET])


def test_row_ids_hidden_and_quantities_and_weights_as_given(form: tuple) -> None:
    lang, book = form
    sheet = book[i18n.t("forms.sheet_prices", lang)]
    assert sheet.column_dimensions["A"].hidden
    found = {
        sheet[f"A{n}"].value: n
        for n in range(pf.FIRST_ROW + 1, sheet.max_row + 1)
        if sheet[f"A{n}"].value
    }
    assert list(found) == [
        "phone.per_hour",  # channels first, in the order the rows name them
        "email.per_contact",
        "chat.per_contact",
        "management.monthly",  # then prices common to all channels
        "option.norwegian",  # then options (even one with a channel)
        "option.outbound",
        "startup",  # then one-off prices
        "exit",
    ]
    for row in ROWS:
        number = found[row.id]
        assert sheet[f"{pf.COL_TEXT}{number}"].value == row.text
        assert sheet[f"{pf.COL_UNIT}{number}"].value == row.unit
        assert sheet[f"{pf.COL_QUANTITY}{number}"].value == row.quantity
        assert sheet[f"{pf.COL_WEIGHT}{number}"].value == row.weight
        assert sheet[f"{pf.COL_AMOUNT}{number}"].value.startswith("=IF(")


def test_groups_channel_then_common_options_one_off() -> None:
    groups = pf.groups(ROWS, "en", {"phone": "Phone"})
    assert [g.key for g in groups] == [
        "channel.phone",
        "channel.email",
        "channel.chat",
        "common",
        "options",
        "oneoff",
    ]
    assert groups[0].title == "Phone"
    assert [r.id for r in groups[4].rows] == ["option.norwegian", "option.outbound"]
    assert [r.id for r in groups[5].rows] == ["startup", "exit"]


def test_price_cells_validated_as_a_decimal_of_at_least_zero(form: tuple) -> None:
    lang, book = form
    sheet = book[i18n.t("forms.sheet_prices", lang)]
    checks = validated(sheet)
    prices = unlocked(sheet) - {pf.BIDDER_CELL}
    assert prices <= set(checks)
    for coordinate in prices:
        rule = checks[coordinate]
        assert (rule.type, rule.operator, rule.formula1) == ("decimal", "greaterThanOrEqual", "0")
        assert rule.showErrorMessage and rule.error
    assert pf.BIDDER_CELL not in checks


def test_metadata_states_kind_version_reference_language_and_the_quantities_hash(
    form: tuple,
) -> None:
    lang, book = form
    meta = wb.read_metadata(book[wb.META_SHEET])
    assert meta["kind"] == "price_form"
    assert meta["form_version"] == str(wb.FORM_VERSION)
    assert meta["tender_reference"] == META.reference
    assert meta["language"] == lang
    assert meta["hash"] == pf.quantities_hash(ROWS)
    assert meta["sheet.prices"] == i18n.t("forms.sheet_prices", lang)


def test_the_hash_follows_the_quantities_not_the_language_or_texts() -> None:
    base = pf.quantities_hash(ROWS)
    assert base == pf.quantities_hash([PriceRow(**{**r.__dict__, "text": "x"}) for r in ROWS])
    changed = [PriceRow(**{**r.__dict__}) for r in ROWS]
    changed[1] = PriceRow(**{**ROWS[1].__dict__, "quantity": 15_601})
    assert pf.quantities_hash(changed) != base
    reweighted = list(ROWS)
    reweighted[4] = PriceRow(**{**ROWS[4].__dict__, "weight": 1.0})
    assert pf.quantities_hash(reweighted) != base
    assert wb.content_hash([("a", 41000)]) == wb.content_hash([("a", 41000.0)])


def test_no_staffing_plan_sheet_without_hour_or_fte_rows(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    write_price_form(path, CONTACT_ROWS, META)
    book = openpyxl.load_workbook(path)
    assert i18n.t("forms.sheet_plan", "sv") not in book.sheetnames
    assert "sheet.plan" not in wb.read_metadata(book[wb.META_SHEET])


def test_staffing_rows_are_recognised_by_their_id() -> None:
    assert pf.is_staffing_row(ROWS[0])
    assert pf.is_staffing_row(PriceRow("chat.per_fte_month", "unit", "chat", "t", "u", 24))
    assert not pf.is_staffing_row(ROWS[1])
    assert not pf.is_staffing_row(PriceRow("hourly.report", "fixed", None, "t", "u", 1))


def test_amount_formula_uses_the_plan_once_filled(form: tuple) -> None:
    lang, book = form
    sheet = book[i18n.t("forms.sheet_prices", lang)]
    number = next(
        n for n in range(1, sheet.max_row + 1) if sheet[f"A{n}"].value == "phone.per_hour"
    )
    formula = sheet[f"{pf.COL_AMOUNT}{number}"].value
    assert f"'{i18n.t('forms.sheet_plan', lang)}'!E" in formula
    assert "ISNUMBER" in formula


def test_duplicate_row_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="twice"):
        write_price_form(tmp_path / "p.xlsx", [*ROWS, ROWS[0]], META)
    assert not (tmp_path / "p.xlsx").exists()


def test_a_draft_says_so_on_the_form_and_in_the_metadata(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    write_price_form(path, ROWS, FormMeta(META.reference, "en", draft=True))
    book = openpyxl.load_workbook(path)
    assert book["Price form"]["B1"].value.endswith("(DRAFT)")
    assert wb.read_metadata(book[wb.META_SHEET])["draft"] == "yes"


def test_writing_is_atomic_and_refuses_a_read_only_target(tmp_path: Path) -> None:
    from cc_rfp.errors import OutputError

    path = tmp_path / "p.xlsx"
    path.write_bytes(b"old")
    path.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        write_price_form(path, ROWS, META)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.xlsx"]
