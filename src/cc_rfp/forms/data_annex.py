"""The data annex (``underlag.xlsx`` / ``tender-data.xlsx``): the tender's figures as data.

Bidders build their own staffing and price models from the client's volumes, curves, handling
times and opening hours. Retyping them from the document costs time and brings errors, and two
bidders who mistype differently price different services. So the same answers the document
shows go out as numbers in one workbook: volumes per month and channel, the weekday and
intraday curves, case types, opening hours and today's results. Every figure is read from the
answers through the document's own rules (``document.view.Doc``: a question that does not
apply, or whose answer is unknown, is not shown as a figure), so the annex can never say
something the document does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cc_rfp import i18n
from cc_rfp.core.bank import Bank, text
from cc_rfp.core.values import choice_labels
from cc_rfp.forms import workbook as wb

HEADER_ROW = 3
"""Row 1 is the sheet's title, row 2 a note (the period, or what is missing)."""


class _Annex:
    """The answers, as plain figures and labels in one language."""

    def __init__(self, bank: Bank, answers: Any, lang: str, templates_dir: Path | None) -> None:
        from cc_rfp.document import catalog
        from cc_rfp.document.view import Doc
        from cc_rfp.io import resources

        strings = catalog.load(resources.templates_dir(), templates_dir).strings(lang)
        self.bank = bank
        self.lang = lang
        self.doc = Doc(bank, answers, lang, strings)
        self.values = answers.values

    def has(self, qid: str) -> bool:
        return qid in self.bank.questions and self.doc.has(qid)

    def val(self, qid: str) -> Any:
        return self.doc.val(qid) if self.has(qid) else None

    def question(self, qid: str) -> str:
        return text(self.bank.questions[qid].text, self.lang)

    def keys(self, keyset: str) -> list[tuple[str, str]]:
        found = self.bank.keysets.get(keyset)
        return [(k.value, text(k.label, self.lang)) for k in found.keys] if found else []

    def channels(self) -> list[tuple[str, str]]:
        if "channels" not in self.bank.questions:
            return []
        chosen = self.val("channels") or []
        labels = choice_labels(self.bank.choices(self.bank.questions["channels"]), self.lang)
        return [(value, labels.get(value, value)) for value in labels if value in chosen]


def write_data_annex(
    path: Path | str,
    bank: Bank,
    answers: Any,
    meta: wb.FormMeta,
    lang: str | None = None,
    *,
    templates_dir: Path | None = None,
) -> int:
    """Write the data annex to ``path`` atomically; return its size in bytes."""
    book = build_data_annex(bank, answers, meta, lang, templates_dir=templates_dir)
    return wb.save_workbook(book, path)


def build_data_annex(
    bank: Bank,
    answers: Any,
    meta: wb.FormMeta,
    lang: str | None = None,
    *,
    templates_dir: Path | None = None,
) -> Any:
    """The annex as an openpyxl workbook."""
    lang = lang or meta.lang
    annex = _Annex(bank, answers, lang, templates_dir)
    book = wb.new_workbook()
    content: list[list[Any]] = []
    for build in (_volumes, _weekdays, _intraday, _case_types, _opening_hours, _results):
        content.append(build(book, annex))
    title = i18n.t("forms.annex_title", lang, reference=meta.reference)
    wb.add_instructions(
        book,
        lang,
        title + (i18n.t("forms.draft_suffix", lang) if meta.draft else ""),
        ([i18n.t("forms.instr_draft", lang)] if meta.draft else [])
        + [
            i18n.t("forms.annex_instr_what", lang, reference=meta.reference),
            i18n.t("forms.annex_instr_document", lang),
            i18n.t("forms.annex_instr_missing", lang),
            i18n.t("forms.annex_instr_copy", lang),
        ],
    )
    wb.add_metadata(book, "data_annex", meta, wb.content_hash(content))
    wb.lock_structure(book)
    book.active = 0
    return book


def _sheet(book: Any, key: str, annex: _Annex, note: str, headers: Sequence[str]) -> Any:

    sheet = book.create_sheet(i18n.t(key, annex.lang))
    wb.write_title(sheet, "A1", sheet.title)
    sheet["A2"] = note
    for column, header in enumerate(headers, 1):
        sheet.cell(row=HEADER_ROW, column=column, value=header)
    wb.style_header(sheet[HEADER_ROW][: len(headers)])
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    for column in range(1, len(headers) + 1):
        letter = sheet.cell(row=1, column=column).column_letter
        sheet.column_dimensions[letter].width = 24 if column == 1 else 16
    wb.protect(sheet)
    return sheet


def _missing(annex: _Annex, qid: str) -> str:
    return i18n.t("forms.annex_missing", annex.lang, question=annex.question(qid))


def _note(annex: _Annex, qid: str) -> str:
    """The note a sheet shows when its question has no usable answer (none if not asked)."""
    return _missing(annex, qid) if qid in annex.bank.questions else ""


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value) if float(value).is_integer() else float(value)


def _volumes(book: Any, annex: _Annex) -> list[Any]:
    questions = annex.bank.questions
    channels = [(v, label) for v, label in annex.channels() if f"volume_{v}" in questions]
    period = annex.val("volume_period")
    note = i18n.t("forms.annex_period", annex.lang, period=period) if period else ""
    headers = [i18n.t("forms.col_month", annex.lang)] + [label for _, label in channels]
    headers.append(i18n.t("forms.total", annex.lang))
    sheet = _sheet(book, "forms.sheet_volumes", annex, note, headers)
    months = annex.keys("months")
    data = {v: annex.val(f"volume_{v}") or {} for v, _ in channels}
    gaps = [annex.question(f"volume_{v}") for v, _ in channels if not data[v]]
    if gaps:
        sheet["A2"] = " ".join(
            [note, i18n.t("forms.annex_missing", annex.lang, question="; ".join(gaps))]
        ).strip()
    totals = [0.0] * len(channels)
    content: list[Any] = []
    for row, (month, label) in enumerate(months, HEADER_ROW + 1):
        sheet.cell(row=row, column=1, value=label)
        line = 0.0
        for column, (value, _) in enumerate(channels, 2):
            figure = _number(data[value].get(month))
            sheet.cell(row=row, column=column, value=figure).number_format = wb.AMOUNT_FORMAT
            if figure is not None:
                totals[column - 2] += figure
                line += figure
            content.append((month, value, figure if figure is not None else ""))
        total_cell = sheet.cell(row=row, column=len(channels) + 2, value=_number(line))
        total_cell.number_format = wb.AMOUNT_FORMAT
    last = HEADER_ROW + len(months) + 1
    sheet.cell(row=last, column=1, value=i18n.t("forms.total", annex.lang))
    for column, total in enumerate([*totals, sum(totals)], 2):
        sheet.cell(row=last, column=column, value=_number(total)).number_format = wb.AMOUNT_FORMAT
    wb.style_group(sheet[last][: len(headers)])
    return content


def _curve(book: Any, annex: _Annex, key: str, qid: str, keyset: str, label: str) -> list[Any]:
    shares = annex.val(qid) if qid in annex.bank.questions else None
    note = "" if shares else _note(annex, qid)
    sheet = _sheet(
        book, key, annex, note, [i18n.t(label, annex.lang), i18n.t("forms.col_share", annex.lang)]
    )
    content: list[Any] = []
    for row, (value, name) in enumerate(annex.keys(keyset), HEADER_ROW + 1):
        sheet.cell(row=row, column=1, value=name)
        figure = _number((shares or {}).get(value))
        sheet.cell(row=row, column=2, value=figure).number_format = "0.0#"
        content.append((value, figure if figure is not None else ""))
    return content


def _weekdays(book: Any, annex: _Annex) -> list[Any]:
    return _curve(
        book, annex, "forms.sheet_weekdays", "weekday_share", "weekdays", "forms.col_weekday"
    )


def _intraday(book: Any, annex: _Annex) -> list[Any]:
    return _curve(book, annex, "forms.sheet_intraday", "intraday_share", "hours", "forms.col_hour")


def _case_types(book: Any, annex: _Annex) -> list[Any]:
    rows = annex.val("case_types") or []
    note = "" if rows else _note(annex, "case_types")
    headers = [
        i18n.t(key, annex.lang)
        for key in (
            "forms.col_case_type",
            "forms.col_channel",
            "forms.col_share",
            "forms.col_aht",
            "forms.col_handling",
        )
    ]
    sheet = _sheet(book, "forms.sheet_case_types", annex, note, headers)
    channels = dict(annex.channels())
    content: list[Any] = []
    for number, item in enumerate(rows, HEADER_ROW + 1):
        channel = item.get("channel")
        cells = [
            item.get("name", ""),
            channels.get(channel, channel or ""),
            _number(item.get("share")),
            _number(item.get("aht_seconds")),
            item.get("handling", ""),
        ]
        for column, value in enumerate(cells, 1):
            cell = sheet.cell(row=number, column=column, value=value)
            wb.wrap(cell)
        content.append(tuple("" if v is None else v for v in cells[:4]))
    sheet.column_dimensions["E"].width = 70
    sheet.column_dimensions["A"].width = 36
    return content


def _opening_hours(book: Any, annex: _Annex) -> list[Any]:
    hours = annex.val("opening_hours") or {}
    channels = [(v, label) for v, label in annex.channels() if v in hours]
    note = "" if hours else _note(annex, "opening_hours")
    headers = [i18n.t("forms.col_weekday", annex.lang)] + [label for _, label in channels]
    sheet = _sheet(book, "forms.sheet_hours", annex, note, headers)
    closed = i18n.t("forms.closed", annex.lang)
    content: list[Any] = []
    days = annex.keys("weekdays")
    for row, (day, name) in enumerate(days, HEADER_ROW + 1):
        sheet.cell(row=row, column=1, value=name)
        for column, (value, _) in enumerate(channels, 2):
            span = str(hours[value].get(day, "")).strip()
            shown = closed if span.lower() in {"closed", "stängt", ""} else span
            sheet.cell(row=row, column=column, value=shown)
            content.append((value, day, span))
    holidays = annex.val("holiday_hours")
    if holidays:
        row = HEADER_ROW + len(days) + 2
        sheet.cell(row=row, column=1, value=annex.question("holiday_hours"))
        cell = sheet.cell(row=row + 1, column=1, value=str(holidays))
        wb.wrap(cell)
        sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=4)
        sheet.row_dimensions[row + 1].height = 45
    return content


_RESULT_FIGURES = (
    "current_answer_rate",
    "current_asa_seconds",
    "forecast_accuracy_now",
    "current_fte",
)
_RESULT_TEXTS = ("current_kpi_results", "survey_results", "data_gaps")


def _results(book: Any, annex: _Annex) -> list[Any]:
    headers = [i18n.t("forms.col_figure", annex.lang), i18n.t("forms.col_value", annex.lang)]
    sheet = _sheet(book, "forms.sheet_results", annex, "", headers)
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 80
    content: list[Any] = []
    row = HEADER_ROW
    for value, label in annex.channels():
        qid = f"aht_{value}"
        aht = annex.doc.aht(value)
        if aht is None:
            continue
        row += 1
        sheet.cell(row=row, column=1, value=i18n.t("forms.aht_of", annex.lang, channel=label))
        sheet.cell(row=row, column=2, value=_number(aht))
        content.append((qid, _number(aht)))
    for qid in _RESULT_FIGURES + _RESULT_TEXTS:
        if qid not in annex.bank.questions or not annex.doc.applies(qid):
            continue
        row += 1
        sheet.cell(row=row, column=1, value=annex.question(qid))
        wb.wrap(sheet.cell(row=row, column=1))
        answer = annex.val(qid)
        shown: Any
        if answer is None:
            shown = annex.doc.missing(qid).replace("\\", "")
        elif qid in _RESULT_FIGURES:
            shown = _number(answer) if _number(answer) is not None else str(answer)
            unit = annex.bank.questions[qid].unit
            if unit:
                sheet.cell(row=row, column=3, value=text(unit, annex.lang))
        else:
            shown = str(answer)
        cell = sheet.cell(row=row, column=2, value=shown)
        wb.wrap(cell)
        content.append((qid, shown if isinstance(shown, (int, float)) else ""))
    return content
