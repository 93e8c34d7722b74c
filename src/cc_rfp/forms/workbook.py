"""The layer every spreadsheet bidders receive shares: protection, input cells, metadata.

Bidders get three workbooks (price form, compliance matrix, data annex). They must all behave
the same way, because the evaluation reads them back without a human checking the layout:

- Every sheet is protected and the workbook's structure is locked, so an honest bidder cannot
  overwrite a quantity or delete a sheet by accident. Protection has no password: it is not
  security (anyone can lift it), and the reader checks everything that matters anyway.
- Only input cells are unlocked; they are coloured and (for prices) validated as a decimal
  >= 0. Validation is not enforced against pasted values, so the reader parses what it finds.
- Column A holds a stable row id and is hidden: rows are found by id, never by position.
- A hidden metadata sheet states the form's kind and version, the tender's reference, the
  language and a SHA-256 hash of the content the bidder must not change (the quantities for
  the price form). The reader compares it with the tender's own, so a form of another tender
  or an older version of this one is recognised.
- Files are written atomically: a crash leaves the old file or the new one.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cc_rfp import i18n
from cc_rfp.core import bilingual
from cc_rfp.core.bank_model import LANGUAGES

if TYPE_CHECKING:  # openpyxl is imported where a workbook is made, never at CLI start
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

FORM_VERSION = 1
"""The layout version of the forms this code writes and reads; a reader refuses newer ones."""

META_SHEET = "cc-rfp"
"""The hidden metadata sheet's name: the same in every language, so any reader finds it."""

ID_COLUMN = "A"
"""The hidden column of stable row ids."""

INPUT_FILL = "FFF2CC"
"""The colour of the cells a bidder fills in (light yellow, legible when printed grey)."""

HEADER_FILL = "D9E1F2"
GROUP_FILL = "EDEDED"

PRICE_FORMAT = "#,##0.00"
AMOUNT_FORMAT = "#,##0"

KINDS = ("price_form", "compliance_matrix", "data_annex")

BIDDER_CELL = "C3"
"""Where a bidder types its name, on every form it fills in."""


@dataclass(frozen=True)
class FormMeta:
    """What identifies the tender a form belongs to.

    ``reference`` is the procurement's reference number (or another text that names this
    tender uniquely); the reader refuses a form whose reference or content hash differs.
    """

    reference: str
    lang: str
    title: str = ""
    buyer: str = ""
    draft: bool = False


def meta_from_answers(answers: Any, lang: str | None = None) -> FormMeta:
    """The form metadata of a tender, from its answers (an ``Answers`` or a plain dict).

    The reference is the procurement's reference number when the answers hold one; a
    private procurement often has none, so the buyer's name and the bid deadline stand in
    (together they name one tender).
    """
    values = answers.values if hasattr(answers, "values") else dict(answers)
    language = lang or getattr(answers, "language", None) or "sv"

    def known(key: str, shown_in: str = LANGUAGES[0]) -> str:
        # A text given in both languages: the reference is read in one fixed language, so
        # the Swedish and the English form of one tender carry the same reference.
        value, _ = bilingual.pick(values.get(key), shown_in)
        return str(value).strip() if isinstance(value, (str, int, float)) else ""

    reference = next(
        (
            known(key)
            for key in ("procurement_reference", "tender_reference", "reference_number")
            if known(key)
        ),
        "",
    )
    if not reference:
        reference = " ".join(part for part in (known("buyer_name"), known("bid_deadline")) if part)
    return FormMeta(
        reference=reference,
        lang=language,
        title=known("tender_title", language),
        buyer=known("buyer_name", language),
    )


def number_key(value: float) -> str:
    """A number's text for hashing: 41000, 41000.0 and 41000.00000 hash alike."""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def content_hash(items: Iterable[Sequence[Any]]) -> str:
    """SHA-256 of a list of rows (strings and numbers), in a canonical JSON form.

    Only language-independent content goes in (ids, quantities, weights, levels), so the
    Swedish and the English form of the same tender carry the same hash.
    """
    canonical = [[number_key(x) if _is_number(x) else str(x) for x in row] for row in items]
    text = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# ---------------------------------------------------------------------------- writing


def new_workbook() -> Workbook:
    """An empty workbook (its default sheet removed)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    return book


def protect(sheet: Worksheet) -> None:
    """Protect a sheet: locked cells cannot change; columns and rows may still be resized."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # False: allowed (openpyxl names the prohibition)
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def lock_structure(book: Workbook) -> None:
    """No sheet can be added, deleted, renamed or unhidden without lifting protection."""
    from openpyxl.workbook.protection import WorkbookProtection

    book.security = WorkbookProtection(lockStructure=True)


def style_header(cells: Iterable[Any]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for cell in cells:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_title(sheet: Any, cell: str, text: str) -> None:
    """A sheet's title: large and bold in ``cell``."""
    from openpyxl.styles import Font

    sheet[cell] = text
    sheet[cell].font = Font(bold=True, size=14)


def write_headers(sheet: Any, row: int, headers: Mapping[str, str]) -> None:
    """One header row: each column letter's text, the row from the first to the last styled."""
    for column, text in headers.items():
        sheet[f"{column}{row}"] = text
    columns = list(headers)
    style_header(sheet[f"{columns[0]}{row}:{columns[-1]}{row}"][0])


def write_form_head(
    sheet: Any, title: str, meta: FormMeta, lang: str, hint: str, bidder_to: str, hint_to: str
) -> None:
    """The top of a sheet bidders fill in: title (marked when a draft), buyer, the bidder's
    name as an input cell (C3 to ``bidder_to``), and the filling hint (B4 to ``hint_to``)."""
    write_title(sheet, "B1", title + (i18n.t("forms.draft_suffix", lang) if meta.draft else ""))
    sheet["B2"] = meta.buyer or ""
    sheet["B3"] = i18n.t("forms.bidder_name", lang)
    make_input(sheet[BIDDER_CELL])
    sheet.merge_cells(f"{BIDDER_CELL}:{bidder_to}3")
    sheet["B4"] = hint
    wrap(sheet["B4"])
    sheet.merge_cells(f"B4:{hint_to}4")
    sheet.row_dimensions[4].height = 30


def style_group(cells: Iterable[Any]) -> None:
    from openpyxl.styles import Font, PatternFill

    for cell in cells:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=GROUP_FILL)


def wrap(cell: Any) -> None:
    from openpyxl.styles import Alignment

    cell.alignment = Alignment(wrap_text=True, vertical="top")


def make_input(cell: Any, validation: DataValidation | None = None) -> None:
    """Unlock, colour and (optionally) validate one cell a bidder fills in."""
    from openpyxl.styles import Alignment, PatternFill, Protection

    cell.protection = Protection(locked=False)
    cell.fill = PatternFill("solid", fgColor=INPUT_FILL)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if validation is not None:
        validation.add(cell)


def decimal_validation(sheet: Worksheet, lang: str) -> DataValidation:
    """A validation that accepts a decimal >= 0 (or blank), with a message in ``lang``."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=_short(i18n.t("forms.validation_price_title", lang), 32),
        error=_short(i18n.t("forms.validation_price_error", lang), 255),
        promptTitle=_short(i18n.t("forms.validation_price_title", lang), 32),
        prompt=_short(i18n.t("forms.validation_price_prompt", lang), 255),
    )
    sheet.add_data_validation(validation)
    return validation


def list_validation(sheet: Worksheet, choices: Sequence[str], lang: str) -> DataValidation:
    """A drop-down list of ``choices`` (inline, so it survives copying the sheet)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_short(i18n.t("forms.validation_answer_title", lang), 32),
        error=_short(
            i18n.t("forms.validation_answer_error", lang, choices=" / ".join(choices)), 255
        ),
    )
    sheet.add_data_validation(validation)
    return validation


def _short(text: str, limit: int) -> str:
    """Excel refuses validation titles over 32 and messages over 255 characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hide_id_column(sheet: Worksheet) -> None:
    sheet.column_dimensions[ID_COLUMN].hidden = True


def set_widths(sheet: Worksheet, widths: dict[str, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width


def add_instructions(book: Workbook, lang: str, title: str, lines: Sequence[str]) -> Worksheet:
    """The first sheet: a title and numbered instructions, protected like the rest."""

    sheet = book.create_sheet(i18n.t("forms.sheet_instructions", lang), 0)
    write_title(sheet, "B1", title)
    for number, line in enumerate(lines, 1):
        sheet.cell(row=number + 2, column=1, value=number)
        cell = sheet.cell(row=number + 2, column=2, value=line)
        wrap(cell)
    set_widths(sheet, {"A": 4, "B": 110})
    protect(sheet)
    return sheet


def add_metadata(
    book: Workbook,
    kind: str,
    meta: FormMeta,
    digest: str,
    sheets: dict[str, str] | None = None,
) -> Worksheet:
    """The hidden metadata sheet: key in column A, value in column B.

    ``sheets`` maps a role (``prices``, ``plan``, ``matrix``) to the sheet's name in this
    language, so a reader finds the sheets of a form in either language.
    """
    assert kind in KINDS, kind
    from cc_rfp import __version__

    sheet = book.create_sheet(META_SHEET)
    rows: list[tuple[str, str | int]] = [
        ("kind", kind),
        ("form_version", FORM_VERSION),
        ("tender_reference", meta.reference),
        ("language", meta.lang),
        ("hash", digest),
        ("draft", "yes" if meta.draft else "no"),
        ("written_by", f"cc-rfp {__version__}"),
    ]
    rows += [(f"sheet.{role}", name) for role, name in (sheets or {}).items()]
    for number, (key, value) in enumerate(rows, 1):
        sheet.cell(row=number, column=1, value=key)
        sheet.cell(row=number, column=2, value=value)
    sheet.sheet_state = "hidden"
    protect(sheet)
    return sheet


def read_metadata(sheet: Worksheet) -> dict[str, str]:
    """The metadata sheet as a dict of text (whatever a bidder's application did to it)."""
    found: dict[str, str] = {}
    for row in sheet.iter_rows(min_row=1, max_row=200, max_col=2, values_only=True):
        if not row or row[0] is None:
            continue
        key = str(row[0]).strip()
        value = row[1] if len(row) > 1 else None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        found[key] = "" if value is None else str(value).strip()
    return found


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def save_workbook(book: Workbook, path: Path | str) -> int:
    """Write the workbook atomically; return its size in bytes."""
    from cc_rfp.io.atomic import atomic_write_bytes

    data = workbook_bytes(book)
    atomic_write_bytes(path, data, what="a spreadsheet")
    return len(data)
