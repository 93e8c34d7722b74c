"""Helpers the forms tests share: a tender's rows, and filling a form as a bidder would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from cc_rfp.forms import FormMeta
from cc_rfp.pricing.rows import PriceRow

META = FormMeta(reference="Dnr 2026/118", lang="sv", buyer="Nordlys Hem AB")

ROWS = [
    PriceRow("phone.per_hour", "unit", "phone", "Telefon, per bemannad timme", "timme", 9_450.0),
    PriceRow("email.per_contact", "unit", "email", "E-post, per hanterat ärende", "ärende", 15_600),
    PriceRow("chat.per_contact", "unit", "chat", "Chatt, per hanterad chatt", "chatt", 11_760),
    PriceRow("management.monthly", "fixed", None, "Förvaltningsavgift", "månad", 36),
    PriceRow("option.norwegian", "option", "phone", "Tillägg norska, per timme", "timme", 800, 0.5),
    PriceRow("option.outbound", "option", None, "Utgående samtal", "samtal", 2_000, 0.0),
    PriceRow("startup", "oneoff", None, "Uppstart och övergång", "fast pris", 1),
    PriceRow("exit", "oneoff", None, "Utträdeshjälp", "fast pris", 1),
]
"""Per-channel models (phone per hour, email and chat per contact), a monthly fee, an
evaluated and a non-evaluated option, and two one-off prices."""

CONTACT_ROWS = [row for row in ROWS if row.id != "phone.per_hour"]
"""The same tender without an hour-priced row: no staffing-plan sheet."""


def row_of(sheet: Any, row_id: str) -> int:
    """The row number holding ``row_id`` in the hidden column A (the bidder's way is by eye)."""
    for number, (value,) in enumerate(sheet.iter_rows(min_col=1, max_col=1, values_only=True), 1):
        if value == row_id:
            return number
    raise AssertionError(f"{row_id} not in {sheet.title}")


def fill(source: Path, target: Path, sheet_name: str, column: str, values: dict[str, Any]) -> None:
    """Open ``source`` as a bidder's application would, type ``values`` into ``column`` of
    the rows with those ids, and save as ``target``."""
    book = load_workbook(source)
    sheet = book[sheet_name]
    for row_id, value in values.items():
        sheet[f"{column}{row_of(sheet, row_id)}"] = value
    book.save(target)


def unlocked(sheet: Any) -> set[str]:
    """Every cell of the used range that is not locked."""
    return {
        cell.coordinate
        for row in sheet.iter_rows()
        for cell in row
        if not isinstance(cell, MergedCell) and cell.protection.locked is False
    }


def validated(sheet: Any) -> dict[str, Any]:
    """Cell -> the data validation that covers it."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            for row in sheet.iter_rows(
                min_row=cell_range.min_row,
                max_row=cell_range.max_row,
                min_col=cell_range.min_col,
                max_col=cell_range.max_col,
            ):
                for cell in row:
                    found[cell.coordinate] = validation
    return found
