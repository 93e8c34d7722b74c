"""Rows of a CSV or XLSX export, streamed, each with the line number a person would look up.

CSV: the separator is whichever of ``;``, ``,``, ``|`` and tab the first line holds most of;
the encoding UTF-8 (with or without BOM), else Windows-1252, which older Nordic PBX exports
use. A file separated by anything but a comma reads "12,5" as 12.5 (decimal comma).
XLSX: the first sheet, its first row with two or more filled cells as the header, read in
openpyxl's read-only mode so a large workbook is streamed too.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cc_rfp.errors import InputError

SEPARATORS = (";", ",", "|", "\t")
SAMPLE = 64 * 1024


@dataclass
class Table:
    """An opened export: its header (None when header-less) and its rows, streamed."""

    name: str
    header: list[str] | None
    rows: Iterator[list[Any]]
    line: Callable[[], int]
    """The line (CSV) or sheet row (XLSX) of the row last yielded."""
    decimal_comma: bool
    kind: str
    separator: str = ""
    close: Callable[[], None] = lambda: None


def open_table(path: Path) -> Table:
    """Open an export by its content (XLSX is a zip), whatever its name ends with."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SAMPLE)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not an export file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    if head.startswith(b"PK\x03\x04"):
        return _xlsx(path)
    if not head.strip():
        raise InputError(f"{path}: is empty; expected a CSV or XLSX export")
    if b"\x00" in head:
        raise InputError(f"{path}: is not a text (CSV) or XLSX file")
    return _csv(path, head)


def _encoding(head: bytes) -> str:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the sample's end
            return "cp1252"
    return "utf-8-sig"


def _csv(path: Path, head: bytes) -> Table:
    encoding = _encoding(head)
    first = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()[0]
    separator = max(SEPARATORS, key=first.count)
    if first.count(separator) == 0:
        raise InputError(
            f"{path}: line 1 has no separator (; , | or tab); expected a CSV export with a row "
            "per interval or per contact"
        )
    handle = path.open(encoding=encoding, newline="", errors="strict")
    reader = csv.reader(handle, delimiter=separator)

    def rows() -> Iterator[list[Any]]:
        try:
            yield from reader
        except UnicodeDecodeError:
            raise InputError(
                f"{path}: line {reader.line_num + 1}: not {encoding} text; save the export as UTF-8"
            ) from None
        except csv.Error as exc:
            raise InputError(f"{path}: line {reader.line_num}: {exc}") from None
        finally:
            handle.close()

    stream = rows()
    first_row = next(stream, None)
    if first_row is None:
        raise InputError(f"{path}: has no rows")
    header: list[str] | None = first_row
    if _headerless(first_row):
        header = None
        stream = itertools.chain([first_row], stream)
    return Table(
        name=str(path),
        header=header,
        rows=stream,
        line=lambda: reader.line_num,
        decimal_comma=separator != ",",
        kind="csv",
        separator=separator,
        close=handle.close,
    )


def _headerless(row: list[str]) -> bool:
    """The Calabrio import form: interval minutes, a date and a time in the first three fields."""
    from cc_rfp.importer.parse import CellError, _date_ordinal, _minutes

    if len(row) < 6 or row[0].strip() not in ("15", "30", "60"):
        return False
    try:
        _date_ordinal(row[1].strip())
        _minutes(row[2].strip())
    except CellError:
        return False
    return True


def _xlsx(path: Path) -> Table:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(f"{path}: reading XLSX needs openpyxl (pip install openpyxl)") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(
            f"{path}: is not a readable XLSX workbook ({type(exc).__name__})"
        ) from None
    sheet = book.worksheets[0]
    counter = {"row": 0}
    source = sheet.iter_rows(values_only=True)
    header: list[str] | None = None
    for cells in source:
        counter["row"] += 1
        if sum(1 for c in cells if c not in (None, "")) >= 2:
            header = ["" if c is None else str(c) for c in cells]
            break
    if header is None:
        book.close()
        raise InputError(f"{path}: the first sheet has no header row")

    def rows() -> Iterator[list[Any]]:
        try:
            width = len(header)
            for cells in source:
                counter["row"] += 1
                row = list(cells)
                if len(row) < width:  # Excel leaves out empty cells at the end of a row
                    row += [None] * (width - len(row))
                yield row
        finally:
            book.close()

    return Table(
        name=str(path),
        header=header,
        rows=rows(),
        line=lambda: counter["row"],
        decimal_comma=True,
        kind="xlsx",
        close=book.close,
    )
