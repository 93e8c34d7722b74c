"""Reading the forms bidders send back: every problem at once, as data, never a traceback.

A returned workbook is untrusted input from someone else's software. The reader:

- never writes to it (it is opened read-only in memory; nothing is saved);
- parses its XML through defusedxml (openpyxl uses it when installed; it is a dependency), and
  refuses a file that would unpack to more than ``MAX_UNPACKED`` bytes before parsing it;
- recognises an ``.xls``, ``.ods``, ``.numbers`` or PDF file by name and by content and asks
  for ``.xlsx`` in one problem;
- finds rows by the hidden id in column A, never by position, and reports a missing, unknown
  or duplicated row, a changed quantity or weight, and every price it cannot read (error
  strings such as ``#VALUE!``, text that is not a number, an ambiguous "1,234", a negative
  price, a date) with the file, the sheet and the cell;
- compares the hidden metadata with the tender's own: a form of another tender (its
  reference), of another version of this tender (its content hash) or of a newer layout.

Problems are ``FormProblem`` values with a code and the figures; ``message(lang)`` phrases
them through the language layer. Reading goes on after a problem, so a bidder gets one list.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from cc_rfp import i18n
from cc_rfp.forms import compliance as cm
from cc_rfp.forms import price_form as pf
from cc_rfp.forms import workbook as wb
from cc_rfp.forms.numbers import parse_amount
from cc_rfp.forms.requirements import Requirement
from cc_rfp.pricing.rows import PriceRow

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A price form is tens of kilobytes; anything this big is not one."""

MAX_UNPACKED = 100 * 1024 * 1024
"""The most the workbook may unpack to (a zip bomb is refused before parsing)."""

MAX_ROWS = 20_000
"""Rows scanned for ids: a bidder's file that claims a million rows does not stall reading."""

_OTHER_FORMATS = {
    ".xls": "Excel 97-2003 (.xls)",
    ".xlsb": "Excel binary (.xlsb)",
    ".ods": "OpenDocument (.ods)",
    ".numbers": "Numbers (.numbers)",
    ".pdf": "PDF",
    ".csv": "CSV",
}


@dataclass(frozen=True)
class FormProblem:
    """One thing wrong with a returned form, located as precisely as it can be.

    ``code`` names the problem (the catalogue key is ``forms.problem_<code>``); ``values``
    the figures its sentence needs. ``sheet`` and ``cell`` are None when the problem is the
    whole file (or a whole sheet).
    """

    code: str
    file: str
    sheet: str | None = None
    cell: str | None = None
    values: tuple[tuple[str, str], ...] = ()

    def where(self, lang: str) -> str:
        if self.sheet and self.cell:
            return i18n.t(
                "forms.where_cell", lang, file=self.file, sheet=self.sheet, cell=self.cell
            )
        if self.sheet:
            return i18n.t("forms.where_sheet", lang, file=self.file, sheet=self.sheet)
        return self.file

    def message(self, lang: str) -> str:
        """One line: where, then what is wrong and what to do."""
        # A sentence may name the sheet it is about (a missing sheet is located on itself).
        values = {"sheet": self.sheet or "", "cell": self.cell or "", **dict(self.values)}
        text = i18n.t(f"forms.problem_{self.code}", lang, **values)
        return f"{self.where(lang)}: {text}"


@dataclass
class PriceFormReading:
    """What a bidder's price form says, as far as it could be read.

    ``prices`` holds every unit price that could be read (by row id); a row with a problem
    is absent. ``plan`` the quantities of the staffing plan (hour and FTE rows). The bidder's
    own amounts and total are what its spreadsheet application stored, for the evaluation to
    compare with its own recomputation; None when the file holds no computed values.
    """

    prices: dict[str, float] = field(default_factory=dict)
    plan: dict[str, float] = field(default_factory=dict)
    bidder: str | None = None
    bidder_amounts: dict[str, float] = field(default_factory=dict)
    bidder_total: float | None = None
    typed_as_text: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ComplianceAnswer:
    """A bidder's answer to one requirement: True (yes), False (no) or None (blank or
    unreadable), with where in the bid it is shown and the comment, as typed."""

    answer: bool | None
    raw: str
    where: str
    comment: str


@dataclass
class ComplianceReading:
    answers: dict[str, ComplianceAnswer] = field(default_factory=dict)
    bidder: str | None = None


class _Collector:
    """Problems of one file, located in it."""

    def __init__(self, path: Path) -> None:
        self.file = path.name
        self.problems: list[FormProblem] = []

    def add(
        self, code: str, sheet: str | None = None, cell: str | None = None, **values: Any
    ) -> None:
        self.problems.append(
            FormProblem(code, self.file, sheet, cell, tuple((k, str(v)) for k, v in values.items()))
        )


# ---------------------------------------------------------------------------- opening


def _open(path: Path, out: _Collector) -> Any | None:
    """The workbook, or None after adding the one problem that stops reading."""
    suffix = path.suffix.lower()
    if suffix in _OTHER_FORMATS:
        out.add("wrong_format", format=_OTHER_FORMATS[suffix])
        return None
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        out.add("file_missing")
        return None
    except OSError as exc:
        out.add("unreadable", reason=exc.strerror or type(exc).__name__)
        return None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        out.add("wrong_format", format=_OTHER_FORMATS[".xls"])
        return None
    if head.startswith(b"%PDF"):
        out.add("wrong_format", format=_OTHER_FORMATS[".pdf"])
        return None
    if size > MAX_FILE_BYTES:
        out.add("too_large", size=f"{size / 1e6:.0f} MB")
        return None
    if not head.startswith(b"PK"):
        out.add("unreadable", reason="not a zip package")
        return None
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            unpacked = sum(item.file_size for item in package.infolist())
            mimetype = package.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as exc:
        out.add("unreadable", reason=_reason(exc))
        return None
    if b"opendocument" in mimetype:
        out.add("wrong_format", format=_OTHER_FORMATS[".ods"])
        return None
    if "xl/workbook.xml" not in names:
        out.add("unreadable", reason="no Excel workbook inside the package")
        return None
    if unpacked > MAX_UNPACKED:
        out.add("too_large", size=f"{unpacked / 1e6:.0f} MB")
        return None
    try:
        from openpyxl import load_workbook

        return load_workbook(path, data_only=True, keep_links=False, keep_vba=False)
    except Exception as exc:  # untrusted file: any parser failure is one problem, never a crash
        out.add("unreadable", reason=_reason(exc))
        return None


def _reason(exc: BaseException) -> str:
    """The innermost cause of a parser failure, in one short line.

    openpyxl wraps what went wrong ("could not read worksheets from …"); the cause it wraps
    (``EntitiesForbidden``, ``BadZipFile``, an XML syntax error) is what a person can act on.
    """
    inner = exc
    for _ in range(10):
        nested = inner.__cause__ or inner.__context__
        if nested is None:
            break
        inner = nested
    text = str(inner).splitlines()[0] if str(inner) else ""
    text = text if len(text) <= 120 else text[:119] + "…"
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def _metadata(book: Any, kind: str, reference: str, digest: str, out: _Collector) -> dict:
    """Check the hidden metadata sheet; return it (empty when missing)."""
    if wb.META_SHEET not in book.sheetnames:
        out.add("metadata_missing")
        return {}
    meta = wb.read_metadata(book[wb.META_SHEET])
    found_kind = meta.get("kind", "")
    if found_kind != kind:
        out.add("wrong_kind", found=found_kind or "?", expected=kind)
    try:
        version = int(meta.get("form_version", "0"))
    except ValueError:
        version = 0
    if version > wb.FORM_VERSION:
        out.add("newer_form", found=version, supported=wb.FORM_VERSION)
    found_reference = meta.get("tender_reference", "")
    if reference and found_reference != reference:
        out.add("other_tender", found=found_reference or "?", expected=reference)
    elif meta.get("hash", "") != digest:
        out.add("other_version")
    return meta


def _sheet(book: Any, meta: dict, role: str, key: str, out: _Collector) -> Any | None:
    """The sheet of ``role``: by the name the metadata records, else by its name in any
    language; a problem naming it when it is gone."""
    names = [meta.get(f"sheet.{role}", ""), *i18n.entries()[key].values()]
    for name in names:
        if name and name in book.sheetnames:
            return book[name]
    out.add("sheet_missing", sheet=names[0] or names[1])
    return None


def _ids(sheet: Any, out: _Collector) -> dict[str, int]:
    """Row number of every id in the hidden column; duplicates reported."""
    rows: dict[str, int] = {}
    last = min(sheet.max_row or 0, MAX_ROWS)
    for number, (value,) in enumerate(
        sheet.iter_rows(min_row=1, max_row=last, max_col=1, values_only=True), 1
    ):
        if value is None or number <= pf.FIRST_ROW:
            continue
        key = str(value).strip()
        if not key:
            continue
        if key in rows:
            out.add("row_duplicate", sheet.title, f"A{number}", row=key, other=rows[key])
            continue
        rows[key] = number
    return rows


def _number(value: Any) -> float | None:
    parsed = parse_amount(value)
    return float(parsed.value) if parsed.value is not None else None


def _same(found: float | None, expected: float) -> bool:
    return found is not None and abs(found - expected) <= 1e-9 * max(1.0, abs(expected))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


# ---------------------------------------------------------------------------- price form


def read_price_form(
    path: Path | str, expected_rows: Sequence[PriceRow], meta: wb.FormMeta
) -> tuple[PriceFormReading, list[FormProblem]]:
    """Read a returned price form against the tender's own rows and metadata.

    Never raises for anything in the file; a problem list that is empty means every row's
    price was read.
    """
    path = Path(path)
    out = _Collector(path)
    reading = PriceFormReading()
    book = _open(path, out)
    if book is None:
        return reading, out.problems
    digest = pf.quantities_hash(expected_rows)
    found_meta = _metadata(book, "price_form", meta.reference, digest, out)
    sheet = _sheet(book, found_meta, "prices", "forms.sheet_prices", out)
    if sheet is None:
        return reading, out.problems
    reading.bidder = _text(sheet[pf.BIDDER_CELL].value) or None
    rows = _ids(sheet, out)
    expected = {row.id for row in expected_rows}
    for row in expected_rows:
        number = rows.get(row.id)
        if number is None:
            out.add("row_missing", sheet.title, row=row.id, text=row.text)
            continue
        _check_fixed(sheet, row, number, out)
        parsed = _amount(sheet, f"{pf.COL_PRICE}{number}", row, "price_missing", out)
        if parsed is not None:
            reading.prices[row.id] = float(parsed.value)
            if parsed.was_text:
                reading.typed_as_text.append(row.id)
        amount = sheet[f"{pf.COL_AMOUNT}{number}"].value
        if isinstance(amount, (int, float, Decimal)) and not isinstance(amount, bool):
            reading.bidder_amounts[row.id] = float(amount)
    for key, number in rows.items():
        if key not in expected:
            out.add("row_unknown", sheet.title, f"A{number}", row=key)
    reading.bidder_total = _total(sheet, rows)
    if any(pf.is_staffing_row(row) for row in expected_rows):
        _read_plan(book, found_meta, expected_rows, reading, out)
    return reading, out.problems


def _check_fixed(sheet: Any, row: PriceRow, number: int, out: _Collector) -> None:
    """The quantity and weight must be the tender's: a changed one is reported, never used."""
    for column, expected, code in (
        (pf.COL_QUANTITY, row.quantity, "quantity_changed"),
        (pf.COL_WEIGHT, row.weight, "weight_changed"),
    ):
        raw = sheet[f"{column}{number}"].value
        if not _same(_number(raw), float(expected)):
            out.add(
                code,
                sheet.title,
                f"{column}{number}",
                row=row.id,
                text=row.text,
                found=_text(raw) or "–",
                expected=wb.number_key(expected),
            )


def _total(sheet: Any, rows: dict[str, int]) -> float | None:
    """The bidder's own total (the amount cell of the total row, below the last row)."""
    if not rows:
        return None
    label = {text.casefold() for text in i18n.entries()["forms.total"].values()}
    last = min(sheet.max_row or 0, MAX_ROWS)
    for number in range(max(rows.values()) + 1, min(last, max(rows.values()) + 10) + 1):
        if _text(sheet[f"{pf.COL_TEXT}{number}"].value).casefold() in label:
            value = sheet[f"{pf.COL_AMOUNT}{number}"].value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            return None
    return None


def _read_plan(
    book: Any,
    meta: dict,
    expected_rows: Sequence[PriceRow],
    reading: PriceFormReading,
    out: _Collector,
) -> None:
    sheet = _sheet(book, meta, "plan", "forms.sheet_plan", out)
    if sheet is None:
        return
    rows = _ids(sheet, out)
    for row in expected_rows:
        if not pf.is_staffing_row(row):
            continue
        number = rows.get(row.id)
        if number is None:
            out.add("row_missing", sheet.title, row=row.id, text=row.text)
            continue
        parsed = _amount(sheet, f"{pf.PLAN_QUANTITY}{number}", row, "plan_missing", out)
        if parsed is not None:
            reading.plan[row.id] = float(parsed.value)


def _amount(sheet: Any, cell: str, row: PriceRow, missing: str, out: _Collector) -> Any:
    """The figure a bidder typed in ``cell``, or None after noting why there is none: it
    cannot be read, or an evaluated row was left blank (``missing``)."""
    raw = sheet[cell].value
    parsed = parse_amount(raw)
    if parsed.problem:
        out.add(parsed.problem, sheet.title, cell, row=row.id, text=row.text, found=_text(raw))
    elif parsed.value is None:
        if row.evaluated:
            out.add(missing, sheet.title, cell, row=row.id, text=row.text)
    else:
        return parsed
    return None


# ---------------------------------------------------------------------------- compliance


_YES = {"ja", "yes", "j", "y"}
_NO = {"nej", "no", "n"}


def read_compliance_matrix(
    path: Path | str, requirements: Sequence[Requirement], meta: wb.FormMeta
) -> tuple[ComplianceReading, list[FormProblem]]:
    """Read a returned compliance matrix against the tender's requirements.

    A blank answer is read as None without a problem: whether it disqualifies depends on
    the requirement's level, which is the evaluation's decision, not the reader's.
    """
    path = Path(path)
    out = _Collector(path)
    reading = ComplianceReading()
    book = _open(path, out)
    if book is None:
        return reading, out.problems
    found_meta = _metadata(
        book, "compliance_matrix", meta.reference, cm.requirements_hash(requirements), out
    )
    sheet = _sheet(book, found_meta, "matrix", "forms.sheet_matrix", out)
    if sheet is None:
        return reading, out.problems
    reading.bidder = _text(sheet[cm.BIDDER_CELL].value) or None
    rows = _ids(sheet, out)
    expected = {r.id for r in requirements}
    yes, no = cm.answer_words(meta.lang)
    for requirement in requirements:
        number = rows.get(requirement.id)
        if number is None:
            out.add("requirement_missing", sheet.title, row=requirement.label)
            continue
        cell = f"{cm.COL_ANSWER}{number}"
        raw = sheet[cell].value
        answer = _yes_no(raw)
        if answer is None and _text(raw):
            out.add(
                "answer_invalid",
                sheet.title,
                cell,
                row=requirement.label,
                found=_text(raw),
                yes=yes,
                no=no,
            )
        reading.answers[requirement.id] = ComplianceAnswer(
            answer,
            _text(raw),
            _text(sheet[f"{cm.COL_WHERE}{number}"].value),
            _text(sheet[f"{cm.COL_COMMENT}{number}"].value),
        )
    for key, number in rows.items():
        if key not in expected:
            out.add("row_unknown", sheet.title, f"A{number}", row=key)
    return reading, out.problems


def _yes_no(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    word = _text(raw).casefold().rstrip(".")
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None
