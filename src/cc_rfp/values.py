"""What a valid answer of each question type looks like.

One checker per type, shared by ``cc-rfp validate``, the interview and rendering, so a value
the interview accepts is always a value the document can print.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from cc_rfp.bank import Bank
from cc_rfp.bank_model import TARGET_RANGES, Choice, Field_, Question
from cc_rfp.messages import msg

Problem = tuple[tuple[Any, ...], str]
"""A problem: the path inside the answer (e.g. (2, 'share')) and the message."""

HOURS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")
CLOSED = "closed"
KPI_KEYS = {"kpi", "channel", "level", "interval", "reporting", "method", *TARGET_RANGES}
KPI_LEVELS_KEYSET = "requirement_levels"
KPI_INTERVALS_KEYSET = "measurement_intervals"
KPI_REPORTING_KEYSET = "report_frequencies"


def parse_number(text: str) -> float:
    """Read a number the way people type it: "1 200", "12,5", "12.5", "1,200.5", "80 %"."""
    cleaned = text.strip().replace("\u00a0", " ").replace("\u202f", " ").rstrip("%").strip()
    cleaned = cleaned.replace(" ", "").replace("−", "-")
    if not cleaned:
        raise ValueError("empty")
    if "," in cleaned and "." in cleaned:
        # Whichever comes last is the decimal mark; the other groups thousands.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError("not finite")
    return value


def parse_hours(text: str) -> tuple[int, int] | None:
    """Parse "08:00-17:00" into minutes since midnight; None for closed.

    Raises ValueError for anything else, including a start that is not before the end.
    """
    if text.strip().lower() in {CLOSED, "stängt", "-", ""}:
        return None
    match = HOURS_RE.match(text)
    if not match:
        raise ValueError("format")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError("format")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if start >= end:
        raise ValueError("order")
    return start, end


def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    """Print a number with the language's thousands and decimal marks."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)
    text = f"{value:,.{decimals}f}"
    if lang == "sv":
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


def is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _range(value: float, low: float | None, high: float | None, lang: str) -> list[Problem]:
    if low is not None and value < low:
        return [((), msg("below_min", lang, limit=_short(low)))]
    if high is not None and value > high:
        return [((), msg("above_max", lang, limit=_short(high)))]
    return []


def _short(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _choice(value: Any, choices: list[Choice], lang: str) -> list[Problem]:
    known = [c.value for c in choices]
    if not isinstance(value, str) or value not in known:
        return [((), msg("not_choice", lang, value=value, known=", ".join(known)))]
    return []


def check_scalar(kind: str, spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    """Problems with one scalar value of a question or record field."""
    low, high = spec.min, spec.max
    if kind in {"text", "longtext"}:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return [((), msg("not_text", lang))]
        text = str(value)
        problems: list[Problem] = []
        if not text.strip():
            problems.append(((), msg("empty", lang)))
        max_length = getattr(spec, "max_length", None)
        if max_length and len(text) > max_length:
            problems.append(((), msg("too_long", lang, limit=max_length)))
        pattern = getattr(spec, "pattern", None)
        if pattern and not re.fullmatch(pattern, text):
            problems.append(((), msg("pattern", lang)))
        return problems
    if kind == "integer":
        if not is_number(value) or not float(value).is_integer():
            return [((), msg("not_integer", lang))]
        return _range(float(value), low, high, lang)
    if kind in {"decimal", "percent"}:
        if not is_number(value):
            return [((), msg("not_number", lang))]
        if kind == "percent":
            low = 0 if low is None else low
            high = 100 if high is None else high
        return _range(float(value), low, high, lang)
    if kind == "choice":
        return _choice(value, choices, lang)
    if kind == "yesno":
        return [] if isinstance(value, bool) else [((), msg("not_bool", lang))]
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return []
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
                return []
            except ValueError:
                pass
        return [((), msg("not_date", lang))]
    raise AssertionError(f"not a scalar type: {kind}")


SCALAR_TYPES = {"text", "longtext", "integer", "decimal", "percent", "choice", "yesno", "date"}


def check_value(
    bank: Bank, question: Question, value: Any, answers: dict[str, Any], lang: str = "en"
) -> list[Problem]:
    """Every problem with ``value`` as an answer to ``question`` (empty when it is fine)."""
    kind = question.type
    if kind in SCALAR_TYPES:
        return check_scalar(kind, question, value, bank.choices(question), lang)
    checker = _STRUCTURED[kind]
    return checker(bank, question, value, answers, lang)


def _check_multichoice(bank: Bank, q: Question, value: Any, answers: Any, lang: str):
    if not isinstance(value, list):
        return [((), msg("not_list", lang))]
    problems: list[Problem] = []
    seen: set[Any] = set()
    choices = bank.choices(q)
    for i, item in enumerate(value):
        problems += [((i,), m) for _, m in _choice(item, choices, lang)]
        if isinstance(item, str):
            if item in seen:
                problems.append(((i,), msg("duplicate", lang, value=item)))
            seen.add(item)
    problems += _count(q, value, lang)
    return problems


def _count(q: Question, value: list[Any], lang: str) -> list[Problem]:
    if q.min_items is not None and len(value) < q.min_items:
        return [((), msg("too_few", lang, limit=q.min_items))]
    if q.max_items is not None and len(value) > q.max_items:
        return [((), msg("too_many", lang, limit=q.max_items))]
    return []


def _check_ranking(bank: Bank, q: Question, value: Any, answers: Any, lang: str):
    problems = _check_multichoice(bank, q, value, answers, lang)
    if problems:
        return problems
    missing = [c.value for c in bank.choices(q) if c.value not in value]
    if missing:
        return [((), msg("ranking_incomplete", lang, missing=", ".join(missing)))]
    return []


def _check_records(bank: Bank, q: Question, value: Any, answers: Any, lang: str):
    if not isinstance(value, list):
        return [((), msg("not_list", lang))]
    problems: list[Problem] = []
    fields = {f.id: f for f in q.fields or []}
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            problems.append(((i,), msg("not_mapping", lang)))
            continue
        for key, cell in row.items():
            spec = fields.get(key) if isinstance(key, str) else None
            if spec is None:
                problems.append(
                    ((i, key), msg("unknown_key", lang, key=key, known=", ".join(fields)))
                )
                continue
            if cell is None:
                if spec.required:
                    problems.append(((i, key), msg("required", lang)))
                continue
            for _, m in check_scalar(spec.type, spec, cell, bank.choices(spec), lang):
                problems.append(((i, key), m))
        for key, spec in fields.items():
            if spec.required and key not in row:
                problems.append(((i,), msg("missing_key", lang, key=key)))
    problems += _count(q, value, lang)
    if q.sum_field and q.sum is not None and value and not problems:
        shares = [row.get(q.sum_field) for row in value]
        if all(is_number(s) for s in shares):
            problems += _sum(q, [float(s) for s in shares], lang)
    return problems


def _sum(q: Question, numbers: list[float], lang: str) -> list[Problem]:
    total = sum(numbers)
    if q.sum is not None and abs(total - q.sum) > q.sum_tolerance:
        return [((), msg("sum", lang, total=round(total, 2), expected=_short(q.sum)))]
    return []


def _check_table(bank: Bank, q: Question, value: Any, answers: Any, lang: str):
    if not isinstance(value, dict):
        return [((), msg("not_mapping", lang))]
    keys = [k.value for k in bank.keys(q)]
    problems: list[Problem] = []
    numbers: list[float] = []
    low = 0 if q.min is None else q.min
    for key, cell in value.items():
        name = str(key)
        if name not in keys:
            problems.append(((key,), msg("unknown_key", lang, key=key, known=", ".join(keys))))
        elif not is_number(cell):
            problems.append(((key,), msg("not_number", lang)))
        else:
            problems += [((key,), m) for _, m in _range(float(cell), low, q.max, lang)]
            numbers.append(float(cell))
    for key in keys:
        if key not in {str(k) for k in value}:
            problems.append(((), msg("missing_key", lang, key=key)))
    if not problems:
        problems += _sum(q, numbers, lang)
    return problems


def _check_hours(bank: Bank, q: Question, value: Any, answers: Any, lang: str):
    if not isinstance(value, dict):
        return [((), msg("not_mapping", lang))]
    channels = [c.value for c in bank.channels(q)]
    days = [k.value for k in bank.keysets["weekdays"].keys]
    problems: list[Problem] = []
    for channel, week in value.items():
        if channel not in channels:
            problems.append(
                ((channel,), msg("unknown_key", lang, key=channel, known=", ".join(channels)))
            )
            continue
        if not isinstance(week, dict):
            problems.append(((channel,), msg("not_mapping", lang)))
            continue
        for day, span in week.items():
            if day not in days:
                problems.append(
                    ((channel, day), msg("unknown_key", lang, key=day, known=", ".join(days)))
                )
                continue
            problems += [((channel, day), m) for m in hours_problems(span, lang)]
        for day in days:
            if day not in week:
                problems.append(((channel,), msg("missing_key", lang, key=day)))
    return problems


def hours_problems(span: Any, lang: str) -> list[str]:
    """Problems with one day's opening hours ("08:00-17:00" or "closed")."""
    if not isinstance(span, str):
        return [msg("bad_hours", lang, value=span)]
    try:
        parse_hours(span)
    except ValueError as exc:
        key = "hours_order" if str(exc) == "order" else "bad_hours"
        return [msg(key, lang, value=span)]
    return []


def _check_kpis(bank: Bank, q: Question, value: Any, answers: Any, lang: str):
    if not isinstance(value, list):
        return [((), msg("not_list", lang))]
    problems: list[Problem] = []
    catalogue = bank.kpis
    keysets = bank.keysets
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            problems.append(((i,), msg("not_mapping", lang)))
            continue
        for key in row:
            if key not in KPI_KEYS:
                problems.append(
                    ((i, key), msg("unknown_key", lang, key=key, known=", ".join(sorted(KPI_KEYS))))
                )
        kpi = catalogue.get(row.get("kpi")) if isinstance(row.get("kpi"), str) else None
        if kpi is None:
            problems.append(
                (
                    (i, "kpi"),
                    msg("not_choice", lang, value=row.get("kpi"), known=", ".join(catalogue)),
                )
            )
            continue
        for kind in kpi.targets:
            if kind not in row:
                problems.append(((i,), msg("missing_key", lang, key=kind)))
            elif not is_number(row[kind]):
                problems.append(((i, kind), msg("not_number", lang)))
            else:
                low, high = TARGET_RANGES[kind]
                problems += [((i, kind), m) for _, m in _range(float(row[kind]), low, high, lang)]
        for key, keyset in (
            ("level", KPI_LEVELS_KEYSET),
            ("interval", KPI_INTERVALS_KEYSET),
            ("reporting", KPI_REPORTING_KEYSET),
        ):
            if key in row and keyset in keysets:
                problems += [
                    ((i, key), m) for _, m in _choice(row[key], keysets[keyset].keys, lang)
                ]
        if row.get("level") is None:
            problems.append(((i,), msg("missing_key", lang, key="level")))
        if "channel" in row and row["channel"] is not None:
            channels = _kpi_channels(bank, q)
            problems += [((i, "channel"), m) for _, m in _choice(row["channel"], channels, lang)]
        if "method" in row and row["method"] is not None and not isinstance(row["method"], str):
            problems.append(((i, "method"), msg("not_text", lang)))
    return problems


def _kpi_channels(bank: Bank, q: Question) -> list[Choice]:
    if q.channels or q.channels_from:
        return bank.channels(q)
    return []


_STRUCTURED: dict[str, Callable[..., list[Problem]]] = {
    "multichoice": _check_multichoice,
    "ranking": _check_ranking,
    "records": _check_records,
    "table": _check_table,
    "hours": _check_hours,
    "kpis": _check_kpis,
}
