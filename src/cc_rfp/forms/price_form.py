"""The price form bidders fill in (``prisbilaga.xlsx`` / ``price-form.xlsx``).

Its rows are the pricing model's ``PriceRow`` list, grouped per channel, then prices common to
all channels, options and one-off prices. Each row shows the buyer's quantity and the weight
it has in the evaluation (locked), the bidder's unit price (the only input) and an amount
``unit price x quantity x weight`` as a formula, for the bidder's convenience only: formulas
written here carry no cached value, and the evaluation recomputes every amount from the
tender's own quantities (``read.py``).

When a row is priced per hour or per FTE, the quantity that counts is the one the bidder
commits to, so a staffing-plan sheet asks for it; the amount formula uses the plan's quantity
once it is filled in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cc_rfp import i18n
from cc_rfp.forms import workbook as wb
from cc_rfp.pricing.rows import PriceRow

# Column layout of the price sheet (the reader uses the same constants).
COL_ID, COL_TEXT, COL_UNIT, COL_QUANTITY, COL_WEIGHT, COL_PRICE, COL_AMOUNT = "ABCDEFG"
# Column layout of the staffing-plan sheet.
PLAN_ID, PLAN_TEXT, PLAN_UNIT, PLAN_ESTIMATE, PLAN_QUANTITY, PLAN_COMMENT = "ABCDEF"
BIDDER_CELL = wb.BIDDER_CELL
"""Where the bidder writes its name, on the price sheet and on the compliance matrix."""
FIRST_ROW = 6
"""The header row of the table; rows follow it."""

_STAFFING_ID = re.compile(r"(?:^|[._])(?:per_)?(?:hour|hours|fte|fte_month|fte_months)$")
"""Row ids whose price is per productive hour or per FTE (``phone.per_hour``)."""


def is_staffing_row(row: PriceRow) -> bool:
    """Whether the row is priced per hour or per FTE, so its quantity is the bidder's plan.

    ``PriceRow`` has no field for this; the pricing model's ids say it (``<channel>.per_hour``,
    ``<channel>.per_fte_month``).
    """
    return row.kind == "unit" and bool(_STAFFING_ID.search(row.id))


def quantities_hash(rows: Sequence[PriceRow]) -> str:
    """The hash the metadata sheet carries: ids, quantities and weights, in order."""
    return wb.content_hash([(row.id, row.quantity, row.weight) for row in rows])


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    rows: tuple[PriceRow, ...]


def groups(
    rows: Sequence[PriceRow], lang: str, channel_labels: Mapping[str, str] | None = None
) -> list[Group]:
    """Rows in the form's order: per channel (first appearance), common, options, one-off."""
    labels = dict(channel_labels or {})
    order: dict[str, list[PriceRow]] = {}
    common: list[PriceRow] = []
    options: list[PriceRow] = []
    oneoff: list[PriceRow] = []
    for row in rows:
        if row.kind == "option":
            options.append(row)
        elif row.kind == "oneoff":
            oneoff.append(row)
        elif row.channel:
            order.setdefault(row.channel, []).append(row)
        else:
            common.append(row)
    out = [
        Group(f"channel.{channel}", _channel_label(channel, labels, lang), tuple(found))
        for channel, found in order.items()
    ]
    if common:
        out.append(Group("common", i18n.t("forms.group_common", lang), tuple(common)))
    if options:
        out.append(Group("options", i18n.t("forms.group_options", lang), tuple(options)))
    if oneoff:
        out.append(Group("oneoff", i18n.t("forms.group_oneoff", lang), tuple(oneoff)))
    return out


def _channel_label(channel: str, labels: Mapping[str, str], lang: str) -> str:
    if channel in labels:
        return labels[channel]
    known = i18n.entries().get(f"staffing.ch_{channel}")
    name = known.get(lang, channel) if known else channel
    return i18n.t("forms.group_channel", lang, channel=name)


@dataclass(frozen=True)
class Layout:
    """Where each row landed: the reader does not rely on it, tests and the plan formulas do."""

    price_rows: dict[str, int]
    plan_rows: dict[str, int]
    total_row: int


def write_price_form(
    path: Path | str,
    rows: Sequence[PriceRow],
    meta: wb.FormMeta,
    lang: str | None = None,
    *,
    channel_labels: Mapping[str, str] | None = None,
) -> int:
    """Write the price form to ``path`` atomically; return its size in bytes."""
    book, _ = build_price_form(rows, meta, lang, channel_labels=channel_labels)
    return wb.save_workbook(book, path)


def build_price_form(
    rows: Sequence[PriceRow],
    meta: wb.FormMeta,
    lang: str | None = None,
    *,
    channel_labels: Mapping[str, str] | None = None,
) -> tuple[object, Layout]:
    """The price form as an openpyxl workbook, with where its rows are."""

    lang = lang or meta.lang
    ids = [row.id for row in rows]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise ValueError(f"price row id '{duplicate}' is used twice")
    staffing = [row for row in rows if is_staffing_row(row)]
    book = wb.new_workbook()
    sheet = book.create_sheet(i18n.t("forms.sheet_prices", lang))
    plan_name = i18n.t("forms.sheet_plan", lang)
    plan_rows = {row.id: FIRST_ROW + 1 + n for n, row in enumerate(staffing)}

    title = i18n.t("forms.price_title", lang, reference=meta.reference)
    hint = i18n.t("forms.price_fill_hint", lang)
    wb.write_form_head(sheet, title, meta, lang, hint, bidder_to=COL_AMOUNT, hint_to=COL_AMOUNT)

    headers = {
        COL_ID: "id",
        COL_TEXT: i18n.t("forms.col_text", lang),
        COL_UNIT: i18n.t("forms.col_unit", lang),
        COL_QUANTITY: i18n.t("forms.col_quantity", lang),
        COL_WEIGHT: i18n.t("forms.col_weight", lang),
        COL_PRICE: i18n.t("forms.col_price", lang),
        COL_AMOUNT: i18n.t("forms.col_amount", lang),
    }
    wb.write_headers(sheet, FIRST_ROW, headers)
    sheet.freeze_panes = f"{COL_TEXT}{FIRST_ROW + 1}"

    validation = wb.decimal_validation(sheet, lang)
    where: dict[str, int] = {}
    number = FIRST_ROW
    for group in groups(rows, lang, channel_labels):
        number += 1
        sheet[f"{COL_TEXT}{number}"] = group.title
        wb.style_group(sheet[f"{COL_TEXT}{number}:{COL_AMOUNT}{number}"][0])
        for row in group.rows:
            number += 1
            where[row.id] = number
            sheet[f"{COL_ID}{number}"] = row.id
            sheet[f"{COL_TEXT}{number}"] = row.text
            wb.wrap(sheet[f"{COL_TEXT}{number}"])
            sheet[f"{COL_UNIT}{number}"] = row.unit
            sheet[f"{COL_QUANTITY}{number}"] = _plain(row.quantity)
            sheet[f"{COL_QUANTITY}{number}"].number_format = _quantity_format(row.quantity)
            sheet[f"{COL_WEIGHT}{number}"] = _plain(row.weight)
            sheet[f"{COL_WEIGHT}{number}"].number_format = "0.##"
            price = f"{COL_PRICE}{number}"
            wb.make_input(sheet[price], validation)
            sheet[price].number_format = wb.PRICE_FORMAT
            quantity = f"{COL_QUANTITY}{number}"
            if row.id in plan_rows:
                planned = f"'{plan_name}'!{PLAN_QUANTITY}{plan_rows[row.id]}"
                quantity = f"IF(ISNUMBER({planned}),{planned},{quantity})"
            sheet[f"{COL_AMOUNT}{number}"] = (
                f'=IF({price}="","",{price}*{quantity}*{COL_WEIGHT}{number})'
            )
            sheet[f"{COL_AMOUNT}{number}"].number_format = wb.AMOUNT_FORMAT
    total = number + 2
    sheet[f"{COL_TEXT}{total}"] = i18n.t("forms.total", lang)
    sheet[f"{COL_AMOUNT}{total}"] = (
        f"=SUM({COL_AMOUNT}{FIRST_ROW + 1}:{COL_AMOUNT}{number})" if where else 0
    )
    sheet[f"{COL_AMOUNT}{total}"].number_format = wb.AMOUNT_FORMAT
    wb.style_group(sheet[f"{COL_TEXT}{total}:{COL_AMOUNT}{total}"][0])
    wb.set_widths(
        sheet,
        {COL_ID: 18, COL_TEXT: 60, COL_UNIT: 16, COL_QUANTITY: 14, COL_WEIGHT: 10}
        | {COL_PRICE: 16, COL_AMOUNT: 16},
    )
    wb.hide_id_column(sheet)
    wb.protect(sheet)

    sheets = {"prices": sheet.title}
    if staffing:
        _plan_sheet(book, plan_name, staffing, plan_rows, lang)
        sheets["plan"] = plan_name
    wb.add_instructions(
        book, lang, title, _instructions(lang, meta, bool(staffing), sheet.title, plan_name)
    )
    wb.add_metadata(book, "price_form", meta, quantities_hash(rows), sheets)
    wb.lock_structure(book)
    book.active = 0
    return book, Layout(where, plan_rows, total)


def _plan_sheet(
    book: object, name: str, rows: Sequence[PriceRow], where: dict[str, int], lang: str
) -> None:
    sheet = book.create_sheet(name)  # type: ignore[attr-defined]

    wb.write_title(sheet, "B1", i18n.t("forms.plan_title", lang))
    sheet["B3"] = i18n.t("forms.plan_hint", lang)
    wb.wrap(sheet["B3"])
    sheet.merge_cells(f"B3:{PLAN_COMMENT}4")
    sheet.row_dimensions[3].height = 45
    headers = {
        PLAN_ID: "id",
        PLAN_TEXT: i18n.t("forms.col_text", lang),
        PLAN_UNIT: i18n.t("forms.col_unit", lang),
        PLAN_ESTIMATE: i18n.t("forms.col_estimate", lang),
        PLAN_QUANTITY: i18n.t("forms.col_planned", lang),
        PLAN_COMMENT: i18n.t("forms.col_comment", lang),
    }
    wb.write_headers(sheet, FIRST_ROW, headers)
    validation = wb.decimal_validation(sheet, lang)
    for row in rows:
        number = where[row.id]
        sheet[f"{PLAN_ID}{number}"] = row.id
        sheet[f"{PLAN_TEXT}{number}"] = row.text
        wb.wrap(sheet[f"{PLAN_TEXT}{number}"])
        sheet[f"{PLAN_UNIT}{number}"] = row.unit
        sheet[f"{PLAN_ESTIMATE}{number}"] = _plain(row.quantity)
        sheet[f"{PLAN_ESTIMATE}{number}"].number_format = _quantity_format(row.quantity)
        wb.make_input(sheet[f"{PLAN_QUANTITY}{number}"], validation)
        sheet[f"{PLAN_QUANTITY}{number}"].number_format = _quantity_format(row.quantity)
        wb.make_input(sheet[f"{PLAN_COMMENT}{number}"])
    wb.set_widths(
        sheet,
        {PLAN_ID: 18, PLAN_TEXT: 50, PLAN_UNIT: 16, PLAN_ESTIMATE: 16}
        | {PLAN_QUANTITY: 18, PLAN_COMMENT: 40},
    )
    wb.hide_id_column(sheet)
    wb.protect(sheet)


def _instructions(
    lang: str, meta: wb.FormMeta, plan: bool, prices: str, plan_name: str
) -> list[str]:
    lines = [
        i18n.t("forms.price_instr_what", lang, reference=meta.reference, sheet=prices),
        i18n.t("forms.price_instr_fill", lang),
        i18n.t("forms.price_instr_numbers", lang),
        i18n.t("forms.price_instr_locked", lang),
        i18n.t("forms.price_instr_recompute", lang),
        i18n.t("forms.price_instr_options", lang),
    ]
    if plan:
        lines.append(i18n.t("forms.price_instr_plan", lang, sheet=plan_name))
    lines.append(i18n.t("forms.instr_submit", lang))
    if meta.draft:
        lines.insert(0, i18n.t("forms.instr_draft", lang))
    return lines


def _plain(value: float) -> int | float:
    """Whole numbers as int, so the cell shows 41000, not 41000.0, in every application."""
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _quantity_format(value: float) -> str:
    return wb.AMOUNT_FORMAT if float(value).is_integer() else "#,##0.00"
