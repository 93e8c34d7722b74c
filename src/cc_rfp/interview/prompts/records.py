"""Record lists (case types, evaluation criteria): add, edit and remove rows in a menu.

The rows so far are shown as a table before every choice, each change is saved at once, and
a share column that does not add up can be scaled to its total in one step.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table

from cc_rfp.core.answers import is_unknown
from cc_rfp.core.bank import text
from cc_rfp.core.bank_model import Field_
from cc_rfp.core.values import check_value, is_number
from cc_rfp.interview.ask import KEYS, Special, ask_select
from cc_rfp.interview.prompts.base import Asking, ask_field, brief
from cc_rfp.interview.shares import needs_normalising, normalise


def clean_rows(value: Any, fields: list[Field_]) -> list[dict[str, Any]]:
    """The usable rows of an earlier answer (a hand-edited file may hold anything)."""
    if not isinstance(value, list):
        return []
    names = {f.id for f in fields}
    return [
        {k: v for k, v in row.items() if k in names and v is not None}
        for row in value
        if isinstance(row, dict)
    ]


def cell_text(a: Asking, spec: Field_, value: Any) -> str:
    if value is None:
        return "–"
    if spec.type == "choice":
        for choice in a.bank.choices(spec):
            if choice.value == value:
                return text(choice.label, a.lang)
    return brief(value, a.lang)


def show_rows(a: Asking, rows: list[dict[str, Any]]) -> None:
    fields = a.question.fields or []
    if not rows:
        a.ui.say(a.ui.t("rows_none"), style="dim")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("#", justify="right", style="dim")
    for spec in fields:
        unit = text(spec.unit, a.lang) or ("%" if spec.type == "percent" else "")
        label = text(spec.label, a.lang) + (f" ({unit})" if unit else "")
        numeric = spec.type in ("integer", "decimal", "percent")
        table.add_column(label, justify="right" if numeric else "left", overflow="fold")
    for index, row in enumerate(rows, start=1):
        table.add_row(str(index), *(cell_text(a, f, row.get(f.id)) for f in fields))
    a.ui.console.print(table)


def ask_row(a: Asking, row: dict[str, Any]) -> dict[str, Any]:
    """Every field of one row, the old cells as defaults."""
    new: dict[str, Any] = {}
    for spec in a.question.fields or []:
        value = ask_field(a.ui, a.bank, spec, row.get(spec.id), a.known, new=not row)
        if value is not None:
            new[spec.id] = value
    return new


def pick_row(a: Asking, rows: list[dict[str, Any]], message: str) -> int | None:
    fields = a.question.fields or []
    first = fields[0] if fields else None
    options: list[tuple[str, Any]] = []
    for index, row in enumerate(rows):
        label = cell_text(a, first, row.get(first.id)) if first else ""
        options.append((f"{index + 1}. {label}", index))
    options.append((a.ui.t("cancel"), None))
    picked = ask_select(a.ui, message, options, specials=())
    return picked if isinstance(picked, int) else None


def _sum_is_off(a: Asking, rows: list[dict[str, Any]]) -> list[float] | None:
    """The shares, when the only thing wrong is that they do not add up to the total."""
    q = a.question
    if not (q.sum_field and q.sum is not None):
        return None
    shares = [row.get(q.sum_field) for row in rows]
    if not all(is_number(s) for s in shares):
        return None
    numbers = [float(s) for s in shares]
    return numbers if needs_normalising(numbers, q.sum, q.sum_tolerance) else None


def row_action(a: Asking, rows: list[dict[str, Any]], add_label: str) -> Any:
    """The menu under a list of rows (records, KPIs): add, edit, remove, done, or a key."""
    ui = a.ui
    options: list[tuple[str, Any]] = [(ui.t(add_label), "add")]
    if rows:
        options += [(ui.t("rows_edit"), "edit"), (ui.t("rows_remove"), "remove")]
    options.append((ui.t("rows_done"), "done"))
    default: Any = "done" if rows else "add"
    if not rows and is_unknown(a.current):
        default = Special.UNKNOWN
    while True:
        action = ask_select(ui, a.title, options, default=default, specials=KEYS)
        if action is not Special.HELP:
            return action
        a.help()


def ask_records(a: Asking) -> Any:
    q = a.question
    ui = a.ui
    rows = clean_rows(a.start, q.fields or [])
    while True:
        show_rows(a, rows)
        action = row_action(a, rows, "rows_add")
        if isinstance(action, Special):
            return action
        if action == "add":
            rows.append(ask_row(a, {}))
            a.save_whole([dict(r) for r in rows])
        elif action == "edit":
            index = pick_row(a, rows, ui.t("rows_which_edit"))
            if index is not None:
                rows[index] = ask_row(a, rows[index])
                a.save_whole([dict(r) for r in rows])
        elif action == "remove":
            index = pick_row(a, rows, ui.t("rows_which_remove"))
            if index is not None:
                del rows[index]
                a.save_whole([dict(r) for r in rows])
        elif action == "done":
            result = _finish(a, rows)
            if result is not None:
                return result


def _finish(a: Asking, rows: list[dict[str, Any]]) -> Any:
    """The answer to return on "done", or None to stay in the menu."""
    q, ui = a.question, a.ui
    if not rows:
        if is_unknown(a.current):
            return a.current
        if q.required or q.min_items:
            ui.say(ui.t("rows_needed"), style="yellow")
            return None
        return Special.SKIP
    problems = check_value(a.bank, q, rows, a.known, a.lang)
    if not problems:
        return [dict(r) for r in rows]
    shares = _sum_is_off(a, rows)
    if shares is not None and q.sum is not None and q.sum_field:
        total = brief(round(sum(shares), 2), a.lang)
        choice = ask_select(
            ui,
            ui.t("rows_sum_off", total=total, expected=brief(q.sum, a.lang)),
            [(ui.t("rows_scale"), True), (ui.t("rows_fix"), False)],
            specials=(),
        )
        if choice is True:
            for row, share in zip(rows, normalise(shares, q.sum), strict=True):
                row[q.sum_field] = share
            a.save_whole([dict(r) for r in rows])
            if not check_value(a.bank, q, rows, a.known, a.lang):
                show_rows(a, rows)
                return [dict(r) for r in rows]
        return None
    for path, message in problems:
        where = f"{path[0] + 1}: " if path and isinstance(path[0], int) else ""
        ui.say(f"  {where}{message}", style="yellow")
    return None
