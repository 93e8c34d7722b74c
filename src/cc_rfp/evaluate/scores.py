"""The evaluation group's scores: per bid, per criterion, per evaluator, 0..S with a reason.

One score is one row, the same in YAML and in the spreadsheet the tool writes empty for the
group (``--scores-template``)::

    scores:
      - bid: norr            # the bidder's folder name (or the bidder's name)
        criterion: 1         # the criterion's number in the tender, or its name
        evaluator: Anna
        score: 4             # 0..5; 3,5 and 3.5 both read
        justification: Konkret plan för topparna, prognosmetod belagd.

A bid's score on a criterion is the mean of its evaluators' scores. Every row is checked and
every problem reported at once with its line (YAML) or cell (spreadsheet); a score without a
justification is a problem, because the award decision must be able to give the reasons.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cc_rfp import i18n
from cc_rfp.errors import InputError
from cc_rfp.evaluate.compute import Model, mean
from cc_rfp.forms.numbers import parse_amount

_NUMBERED = re.compile(r"^(\d+)(?:\.0)?(?:[.)]\s.*)?$")
"""A criterion named by its number: "2", "2.0" (a spreadsheet's number), "2. Övergångsplan"."""
COLUMNS = ("bid", "criterion", "evaluator", "score", "justification")
SHEET_KEY = "evaluate.scores_sheet"


@dataclass(frozen=True)
class Given:
    """One evaluator's score of one bid on one criterion, with the reason."""

    evaluator: str
    score: float
    justification: str


@dataclass
class Scores:
    """bid key -> criterion name -> the evaluators' scores; ``problems`` phrased, located."""

    given: dict[str, dict[str, list[Given]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def of(self, bid: str) -> dict[str, float]:
        """The bid's score per criterion (the mean of the evaluators')."""
        return {c: mean([g.score for g in found]) for c, found in self.given.get(bid, {}).items()}

    def pairs(self) -> dict[str, dict[str, list[tuple[str, float]]]]:
        return {
            bid: {c: [(g.evaluator, g.score) for g in found] for c, found in by.items()}
            for bid, by in self.given.items()
        }


def load_scores(path: Path, model: Model, bids: Mapping[str, str], lang: str) -> Scores:
    """Read a scores file (``.yaml``/``.yml`` or ``.xlsx``). ``bids`` maps each bid's key
    (its folder) to its display name; either may name the bid in the file."""
    if path.suffix.lower() in (".yaml", ".yml"):
        rows = _yaml_rows(path, lang)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _sheet_rows(path, lang)
    else:
        raise InputError(i18n.t("evaluate.scores_format", lang, path=path))
    return check_rows(rows, model, bids, lang)


Row = tuple[str, dict[str, Any]]
"""(where the row is, its fields) or (a problem, {}) when the file itself failed."""


def check_rows(
    rows: Sequence[tuple[str, dict[str, Any]] | str],
    model: Model,
    bids: Mapping[str, str],
    lang: str,
) -> Scores:
    out = Scores()
    by_name = {name.casefold(): key for key, name in bids.items()}
    by_name.update({key.casefold(): key for key in bids})
    criteria = {c.name.casefold(): c.name for c in model.criteria}
    numbered = {str(n): c.name for n, c in enumerate(model.criteria, 1)}
    seen: dict[tuple[str, str, str], str] = {}
    for item in rows:
        if isinstance(item, str):
            out.problems.append(item)
            continue
        where, row = item
        if all(_text(row.get(c)) == "" for c in COLUMNS):
            continue
        bid = by_name.get(_text(row.get("bid")).casefold())
        if bid is None:
            out.problems.append(
                _say(where, "scores_unknown_bid", lang, found=_text(row.get("bid")))
            )
            continue
        raw_criterion = _text(row.get("criterion"))
        number = _NUMBERED.match(raw_criterion)
        criterion = criteria.get(raw_criterion.casefold()) or (
            numbered.get(number.group(1)) if number else None
        )
        if criterion is None:
            out.problems.append(
                _say(where, "scores_unknown_criterion", lang, found=raw_criterion or "–")
            )
            continue
        evaluator = _text(row.get("evaluator"))
        if not evaluator:
            out.problems.append(_say(where, "scores_no_evaluator", lang))
            continue
        raw_score = row.get("score")
        if raw_score is None or _text(raw_score) == "":
            out.problems.append(_say(where, "scores_missing", lang))
            continue
        parsed = parse_amount(raw_score)
        value = float(parsed.value) if parsed.value is not None else None
        if value is None or not 0 <= value <= model.scale:
            out.problems.append(
                _say(
                    where,
                    "scores_out_of_scale",
                    lang,
                    found=_text(raw_score),
                    scale=f"{model.scale:g}",
                )
            )
            continue
        why = _text(row.get("justification"))
        if not why:
            out.problems.append(_say(where, "scores_no_justification", lang))
            continue
        key = (bid, criterion, evaluator.casefold())
        if key in seen:
            out.problems.append(_say(where, "scores_twice", lang, other=seen[key]))
            continue
        seen[key] = where
        out.given.setdefault(bid, {}).setdefault(criterion, []).append(Given(evaluator, value, why))
    return out


def missing(scores: Scores, model: Model, bids: Mapping[str, str], lang: str) -> list[str]:
    """A problem for every qualified bid and criterion nobody scored."""
    out = []
    for key, name in bids.items():
        for criterion in model.criteria:
            if not scores.given.get(key, {}).get(criterion.name):
                out.append(
                    i18n.t("evaluate.scores_not_given", lang, bid=name, criterion=criterion.name)
                )
    return out


def _say(where: str, code: str, lang: str, **values: Any) -> str:
    return f"{where}: {i18n.t(f'evaluate.{code}', lang, **values)}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _yaml_rows(path: Path, lang: str) -> list[tuple[str, dict[str, Any]] | str]:
    from cc_rfp.io.yamlio import load_yaml_file

    data, lines = load_yaml_file(path, what="scores file")
    items = data.get("scores") if isinstance(data, dict) else data
    prefix = ("scores",) if isinstance(data, dict) else ()
    if not isinstance(items, list):
        raise InputError(i18n.t("evaluate.scores_not_list", lang, path=path))
    out: list[tuple[str, dict[str, Any]] | str] = []
    for index, item in enumerate(items):
        line = lines.get((*prefix, index), 0)
        where = f"{path.name}:{line}"
        if not isinstance(item, dict):
            out.append(_say(where, "scores_not_row", lang))
            continue
        out.append((where, {str(k): v for k, v in item.items()}))
    return out


def _sheet_rows(path: Path, lang: str) -> list[tuple[str, dict[str, Any]] | str]:
    """The rows of the scores sheet, read as untrusted input (as a bidder's form is)."""
    from cc_rfp.forms.read import _Collector, _open

    collector = _Collector(path)
    book = _open(path, collector)
    if book is None:
        from cc_rfp.evaluate.qualify import message

        return [message(p, lang) for p in collector.problems]
    names = set(i18n.entries()[SHEET_KEY].values())
    sheet = next((book[n] for n in book.sheetnames if n in names), None)
    if sheet is None:
        sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        return [f"{path.name}: {i18n.t('evaluate.scores_no_sheet', lang)}"]
    out: list[tuple[str, dict[str, Any]] | str] = []
    last = min(sheet.max_row or 0, 20_000)
    for number, values in enumerate(
        sheet.iter_rows(min_row=2, max_row=last, max_col=len(COLUMNS), values_only=True), 2
    ):
        row = dict(zip(COLUMNS, values, strict=False))
        where = i18n.t(
            "forms.where_cell", lang, file=path.name, sheet=sheet.title, cell=f"D{number}"
        )
        out.append((where, row))
    return out


def write_template(
    path: Path, model: Model, bids: Mapping[str, str], evaluators: Sequence[str], lang: str
) -> int:
    """The empty scores spreadsheet: a row per bid, criterion and evaluator, score and
    justification to fill in (only those cells unlocked); returns its size in bytes."""
    from cc_rfp.forms import workbook as wb

    book = wb.new_workbook()
    sheet = book.create_sheet(i18n.t(SHEET_KEY, lang))
    headers = [i18n.t(f"evaluate.scores_col_{c}", lang) for c in COLUMNS]
    for column, text in enumerate(headers, 1):
        sheet.cell(row=1, column=column, value=text)
    wb.style_header(sheet["A1:E1"][0])
    sheet.freeze_panes = "A2"
    validation = _score_validation(sheet, model, lang)
    number = 1
    for key in bids:
        for index, criterion in enumerate(model.criteria, 1):
            for evaluator in evaluators:
                number += 1
                sheet.cell(row=number, column=1, value=key)
                sheet.cell(row=number, column=2, value=f"{index}. {criterion.name}")
                sheet.cell(row=number, column=3, value=evaluator)
                wb.make_input(sheet.cell(row=number, column=4), validation)
                wb.make_input(sheet.cell(row=number, column=5))
    wb.set_widths(sheet, {"A": 22, "B": 40, "C": 18, "D": 10, "E": 70})
    wb.protect(sheet)
    return wb.save_workbook(book, path)


def _score_validation(sheet: Any, model: Model, lang: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2=f"{model.scale:g}",
        allow_blank=True,
        showErrorMessage=True,
        error=i18n.t("evaluate.scores_validation", lang, scale=f"{model.scale:g}"),
    )
    sheet.add_data_validation(validation)
    return validation
