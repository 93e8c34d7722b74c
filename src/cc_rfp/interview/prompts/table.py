"""Fixed-key tables (months, weekdays, hours): a whole pasted row or one value at a time.

Shares can be typed as raw counts ("calls per weekday") and are scaled to the bank's total;
the result is shown as a small bar chart before it is kept.
"""

from __future__ import annotations

import re
from typing import Any

from cc_rfp.core.answers import is_unknown
from cc_rfp.core.bank import text
from cc_rfp.core.plausibility import findings
from cc_rfp.core.values import check_value, is_number, parse_quantity, per_month, unit_kind
from cc_rfp.i18n.messages import msg
from cc_rfp.interview.ask import KEYS, Special, ask_select, ask_text
from cc_rfp.interview.charts import chart
from cc_rfp.interview.prompts.base import (
    Asking,
    brief,
    echoed_number,
    number_text,
    unreadable_number,
)
from cc_rfp.interview.shares import needs_normalising, normalise


def split_row(typed: str, count: int) -> list[str] | None:
    """The ``count`` cells of a pasted row, or None when it cannot be split that way.

    Spreadsheets paste tabs; people type spaces or semicolons. Commas separate only when
    nothing else does, since "12,5" is a Swedish decimal.
    """
    stripped = typed.strip()
    if re.search(r"[\t;\n]", stripped):
        parts = [p.strip() for p in re.split(r"[\t;\n]+", stripped) if p.strip()]
        return parts if len(parts) == count else None
    parts = stripped.split()
    if len(parts) == count:
        return parts
    grouped = _thousands(parts)
    if len(grouped) == count:
        return grouped
    parts = [p.strip() for p in stripped.split(",") if p.strip()]
    return parts if len(parts) == count else None


def _thousands(parts: list[str]) -> list[str]:
    """Words joined where a space groups thousands: "21 000 19 500" is two figures.

    Used only when splitting on every space gives the wrong count: a group of exactly three
    digits after a figure of at most three digits (or an earlier group) continues it.
    """
    out: list[str] = []
    for part in parts:
        previous = out[-1] if out else ""
        head = previous.split(" ")[0]
        if (
            out
            and re.fullmatch(r"\d{3}([.,]\d+)?", part)
            and re.fullmatch(r"\d{1,3}", head)
            and all(re.fullmatch(r"\d{3}", g) for g in previous.split(" ")[1:])
        ):
            out[-1] = f"{previous} {part}"
        else:
            out.append(part)
    return out


def same_for_all(typed: str) -> str | None:
    """The one figure of "4 000/mån" or a lone "4000" typed for every month, else None."""
    figure = per_month(typed)
    if figure is not None:
        return figure
    stripped = typed.strip()
    return stripped if len(_thousands(stripped.split())) == 1 else None


def _cell(a: Asking, typed: str) -> float:
    """One cell's figure, in the table's unit ("4 000", "12,5 %")."""
    return parse_quantity(typed, unit_kind(a.question.unit, "decimal"))


def _cell_problem(a: Asking, typed: str) -> str | None:
    q = a.question
    unreadable = unreadable_number(typed, "decimal", a.lang, q)
    if unreadable:
        return unreadable
    number = _cell(a, typed)
    low = 0 if q.min is None else q.min
    if number < low:
        return f"{typed.strip()}: {msg('below_min', a.lang, limit=brief(low, a.lang))}"
    if q.max is not None and number > q.max and q.sum is None:
        return f"{typed.strip()}: {msg('above_max', a.lang, limit=brief(q.max, a.lang))}"
    return None


def _start(a: Asking, keys: list[str]) -> dict[str, float]:
    start = a.start if isinstance(a.start, dict) else {}
    return {k: float(start[k]) for k in keys if is_number(start.get(k))}


def ask_table(a: Asking) -> Any:
    q, ui = a.question, a.ui
    keys = [k.value for k in a.bank.keys(q)]
    labels = [text(k.label, a.lang) for k in a.bank.keys(q)]
    values = _start(a, keys)
    earlier = values
    while True:
        complete = len(values) == len(keys)
        options: list[tuple[str, Any]] = []
        if complete:
            shown = " · ".join(brief(values[k], a.lang) for k in keys)
            options.append((ui.t("table_keep", values=_shorten(shown)), "keep"))
        options += [
            (ui.t("table_row", count=len(keys)), "row"),
            (ui.t("table_keys"), "keys"),
        ]
        if a.offer_import is not None:
            options.append((ui.t("table_import"), "import"))
        default: Any = "keep" if complete else "row"
        if is_unknown(a.current) and not values:
            default = Special.UNKNOWN
        how = ask_select(ui, a.title, options, default=default, specials=KEYS)
        if how is Special.HELP:
            a.help()
            continue
        if isinstance(how, Special):
            return how
        if how == "import":
            imported = a.offer_import() if a.offer_import is not None else None
            if imported is None:
                continue
            return imported
        if how == "row":
            entered = _ask_row(a, keys, labels, values)
        elif how == "keys":
            entered = _ask_keys(a, keys, labels, values)
        else:
            entered = dict(values)
        if entered is Special.UNKNOWN:
            return entered
        if entered is None:
            continue
        earlier, values = values, entered
        if q.sum is not None:
            numbers = [values[k] for k in keys]
            if needs_normalising(numbers, q.sum, q.sum_tolerance):
                try:
                    scaled = normalise(numbers, q.sum)
                except (ValueError, OverflowError):  # not shares at all: say so, ask again
                    ui.say(ui.t("table_count_bad"), style="yellow")
                    continue
                ui.say(
                    ui.t(
                        "table_scaled",
                        total=brief(round(sum(numbers), 2), a.lang),
                        expected=brief(q.sum, a.lang),
                    ),
                    style="cyan",
                )
                values = dict(zip(keys, scaled, strict=True))
        result = {k: _plain(values[k]) for k in keys}
        unit = "%" if q.sum == 100 else text(q.unit, a.lang)
        for line in chart(
            labels,
            [values[k] for k in keys],
            lang=a.lang,
            unit=unit,
            width=min(ui.console.width, 80),
            plain=ui.plain_chart,
        ):
            ui.say(line)
        problems = check_value(a.bank, q, result, a.known, a.lang)
        for path, message in problems:
            ui.say(f"  {'.'.join(str(p) for p in path)} {message}".rstrip(), style="yellow")
        if problems:
            continue
        if how == "keep":
            return result
        doubts = findings(a.bank, q, result, a.lang)
        label = dict(zip(keys, labels, strict=True))
        for finding in doubts:
            where = label.get(str(finding.path[0]), "") if finding.path else ""
            ui.say(f"  {where}: {finding.message}".strip(": "), style="yellow")
        if any(f.hard for f in doubts):
            continue
        a.progress(result)
        answers = [(ui.t("table_ok_yes"), True), (ui.t("table_ok_no"), False)]
        ok = ask_select(
            ui,
            ui.t("table_ok"),
            answers,
            default=not doubts,  # an unlikely month: Enter does not keep it
            specials=(),
        )
        if ok is True:
            return result
        values = earlier  # "enter again": the figures refused are not offered to keep


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _shorten(shown: str, limit: int = 48) -> str:
    return shown if len(shown) <= limit else shown[: limit - 1].rstrip(" ·") + "…"


def _ask_row(
    a: Asking, keys: list[str], labels: list[str], values: dict[str, float]
) -> dict[str, float] | None:
    """All values in one line; None to go back to the menu."""
    count = len(keys)

    def cells(typed: str) -> list[str] | None:
        """The typed cells; one figure ("4 000/mån", or alone) stands for every key."""
        parts = split_row(typed, count)
        if parts is None and a.question.sum is None:
            one = same_for_all(typed)
            if one is not None:
                return [one] * count
        return parts

    def check(typed: str) -> bool | str:
        if not typed.strip():
            return True
        parts = cells(typed)
        if parts is None:
            return a.ui.t("table_count", count=count, first=labels[0], last=labels[-1])
        for part in parts:
            problem = _cell_problem(a, part)
            if problem:
                return problem
        return True

    # The row starts empty: the old figures are on the menu's "Keep" line, and a row typed
    # into a prefilled field was appended to the old one (December became 40 digits).
    hint = "table_row_hint" if a.question.sum is not None else "table_row_hint_same"
    typed = ask_text(
        a.ui,
        a.ui.t("table_row_prompt", first=labels[0], last=labels[-1], count=count),
        default="",
        validate=check,
        instruction=a.ui.t(hint),
        specials=(Special.HELP, Special.UNKNOWN),
    )
    if typed is Special.HELP:
        a.help()
        return None
    if typed is Special.UNKNOWN:
        return typed  # type: ignore[return-value]
    if not isinstance(typed, str) or not typed.strip():
        return None
    parts = cells(typed) or []
    return {k: _cell(a, p) for k, p in zip(keys, parts, strict=True)}


def _ask_keys(
    a: Asking, keys: list[str], labels: list[str], values: dict[str, float]
) -> dict[str, float] | None:
    """One value per key; ``<`` steps back a key (from the first key: back to the menu)."""
    entered = dict(values)

    def check(typed: str) -> bool | str:
        if not typed.strip():
            return a.ui.t("table_need_value")
        return _cell_problem(a, typed) or True

    index = 0
    while index < len(keys):
        key = keys[index]
        typed = ask_text(
            a.ui,
            f"{labels[index]} ({index + 1}/{len(keys)})",
            default=number_text(entered.get(key), a.lang),
            validate=check,
            specials=(Special.HELP, Special.UNKNOWN, Special.BACK),
            shown=echoed_number("decimal", a.question, a.lang),
        )
        if typed is Special.HELP:
            a.help()
            continue
        if typed is Special.BACK:
            if index == 0:
                return None
            index -= 1
            continue
        if typed is Special.UNKNOWN:
            return typed  # type: ignore[return-value]
        entered[key] = _cell(a, str(typed))
        a.progress({k: _plain(v) for k, v in entered.items()})
        index += 1
    return entered
