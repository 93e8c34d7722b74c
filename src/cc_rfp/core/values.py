"""What a valid answer of each question type looks like.

One checker per type, shared by ``cc-rfp validate``, the interview and rendering, so a value
the interview accepts is always a value the document can print.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from cc_rfp.core.bank import Bank, text
from cc_rfp.core.bank_model import PATTERN_TEXT_LIMIT, TARGET_RANGES, Choice, Field_, Question
from cc_rfp.i18n.messages import msg, shown
from cc_rfp.i18n.numbers import format_number as format_number  # re-exported: the one formatter

Problem = tuple[tuple[Any, ...], str]
"""A problem: the path inside the answer (e.g. (2, 'share')) and the message."""

HOURS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")
CLOSED = "closed"
KPI_KEYS = {"kpi", "channel", "level", "interval", "reporting", "method", *TARGET_RANGES}
KPI_LEVELS_KEYSET = "requirement_levels"
KPI_INTERVALS_KEYSET = "measurement_intervals"
KPI_REPORTING_KEYSET = "report_frequencies"

NUMBER_DIGITS = 15
NUMBER_LIMIT = 10.0**NUMBER_DIGITS
"""The largest figure any answer may hold (a 15-digit count, or a budget in öre).

Far above every real contact-centre figure, and small enough that a sum of a million of
them stays exact-ish and finite: ``1e308`` typed seven times into a share table would sum
to infinity and crash the arithmetic after it.
"""
NUMBER_TEXT_LIMIT = 64
"""Longest typed text parse_number reads (thousands marks and spaces included)."""


def parse_number(text: str) -> float:
    """Read a number the way people type it: "1 200", "12,5", "12.5", "1,200.5", "80 %".

    Raises ValueError for anything else, including a figure beyond NUMBER_LIMIT ("too large"),
    so no caller ever computes with an implausible or infinite number.
    """
    if len(text) > NUMBER_TEXT_LIMIT:
        raise ValueError("too long")
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
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        raise ValueError("too large")
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


def is_number(value: Any) -> bool:
    """A figure that is safe to compute with: real, finite and within ±NUMBER_LIMIT.

    Integers are compared without converting them to float, which overflows beyond 1e308.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return -NUMBER_LIMIT <= value <= NUMBER_LIMIT


def is_unusable_number(value: Any) -> bool:
    """A number too large or infinite to use, or the digits of one YAML could not convert.

    Validation says "is not a usable number" for these rather than "must be a number".
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return not is_number(value)
    if isinstance(value, str):
        digits = value.strip().lstrip("+-").replace("_", "")
        return len(digits) > NUMBER_DIGITS and digits.isdigit()
    return False


def number_problem(value: Any, lang: str, key: str = "not_number") -> str | None:
    """The message for a value that is no usable number (``key`` when it is none at all)."""
    if is_unusable_number(value):
        return msg("unusable_number", lang, digits=NUMBER_DIGITS)
    if not is_number(value):
        return msg(key, lang)
    return None


def safe_sum(numbers: list[float]) -> float:
    """The sum of figures, or ValueError("too large") if any is unusable or the sum is.

    For shares and totals the interview adds up: huge entries are refused, never summed
    into infinity.
    """
    if not all(is_number(n) for n in numbers):
        raise ValueError("too large")
    total = math.fsum(numbers)
    if not math.isfinite(total) or abs(total) > NUMBER_LIMIT * max(1, len(numbers)):
        raise ValueError("too large")
    return total


def _range(value: float, low: float | None, high: float | None, lang: str) -> list[Problem]:
    if low is not None and value < low:
        return [((), msg("below_min", lang, limit=_short(low)))]
    if high is not None and value > high:
        return [((), msg("above_max", lang, limit=_short(high)))]
    return []


def _short(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def choice_label(choices: Iterable[Choice], value: Any, lang: str) -> str | None:
    """The label, in ``lang``, of the choice stored as ``value``; None when no choice is.

    Plain text: the caller escapes it for Markdown or a table cell, and decides what an
    unknown value shows as (the value itself, or a dash).
    """
    for option in choices:
        if option.value == value:
            return text(option.label, lang)
    return None


def choice_labels(choices: Iterable[Choice], lang: str) -> dict[str, str]:
    """Every choice's label in ``lang`` by stored value, for labelling many values at once."""
    return {option.value: text(option.label, lang) for option in choices}


def _choice(value: Any, choices: list[Choice], lang: str) -> list[Problem]:
    known = [c.value for c in choices]
    if not isinstance(value, str) or value not in known:
        return [((), msg("not_choice", lang, value=shown(value, lang), known=", ".join(known)))]
    return []


def check_scalar(kind: str, spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    """Problems with one scalar value of a question or record field."""
    low, high = spec.min, spec.max
    if kind in {"text", "longtext"}:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return [((), msg("not_text", lang))]
        if isinstance(value, str):
            text = value
        elif not is_number(value):
            return [((), msg("unusable_number", lang, digits=NUMBER_DIGITS))]
        else:
            text = str(value)
        problems: list[Problem] = []
        if not text.strip():
            problems.append(((), msg("empty", lang)))
        pattern = getattr(spec, "pattern", None)
        # Cap the length before any regular expression sees the text: matching time grows
        # with it, and a pasted megabyte in an email field must not freeze anything.
        limit = getattr(spec, "max_length", None)
        if pattern and (limit is None or limit > PATTERN_TEXT_LIMIT):
            limit = PATTERN_TEXT_LIMIT
        if limit and len(text) > limit:
            problems.append(((), msg("too_long", lang, length=len(text), limit=limit)))
        elif pattern and not re.fullmatch(pattern, text):
            problems.append(((), msg("pattern", lang)))
        return problems
    if kind == "integer":
        problem = number_problem(value, lang, "not_integer")
        if problem is None and not float(value).is_integer():
            problem = msg("not_integer", lang)
        return [((), problem)] if problem else _range(float(value), low, high, lang)
    if kind in {"decimal", "percent"}:
        problem = number_problem(value, lang)
        if problem:
            return [((), problem)]
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
                problems.append(((i,), msg("duplicate", lang, value=shown(item, lang))))
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
                    (
                        (i, key),
                        msg("unknown_key", lang, key=shown(key, lang), known=", ".join(fields)),
                    )
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
    total = math.fsum(numbers)  # every entry passed is_number, so this stays finite
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
        problem = number_problem(cell, lang)
        if name not in keys:
            known = ", ".join(keys)
            problems.append(((key,), msg("unknown_key", lang, key=shown(key, lang), known=known)))
        elif problem:
            problems.append(((key,), problem))
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
            known = ", ".join(channels)
            problems.append(
                ((channel,), msg("unknown_key", lang, key=shown(channel, lang), known=known))
            )
            continue
        if not isinstance(week, dict):
            problems.append(((channel,), msg("not_mapping", lang)))
            continue
        for day, span in week.items():
            if day not in days:
                known = ", ".join(days)
                problems.append(
                    ((channel, day), msg("unknown_key", lang, key=shown(day, lang), known=known))
                )
                continue
            problems += [((channel, day), m) for m in hours_problems(span, lang)]
        for day in days:
            if day not in week:
                problems.append(((channel,), msg("missing_key", lang, key=day)))
    problems += _hours_missing_channels(bank, q, value, answers, lang)
    return problems


def _hours_missing_channels(
    bank: Bank, q: Question, value: dict[Any, Any], answers: Any, lang: str
) -> list[Problem]:
    """The channels the client chose (``channels_from``) that have no opening hours.

    Without this a file whose hours cover only phone, while chat is chosen too, validates
    clean and staffing silently leaves chat out.
    """
    if not q.channels_from or not isinstance(answers, dict):
        return []
    chosen = answers.get(q.channels_from)
    if not isinstance(chosen, list):
        return []
    missing = [c.value for c in bank.channels(q, answers) if c.value in chosen]
    missing = [name for name in missing if name not in value]
    if not missing:
        return []
    text = msg(
        "hours_missing_channel", lang, missing=", ".join(missing), channels_question=q.channels_from
    )
    return [((), text)]


def hours_problems(span: Any, lang: str) -> list[str]:
    """Problems with one day's opening hours ("08:00-17:00" or "closed")."""
    if not isinstance(span, str):
        return [msg("bad_hours", lang, value=shown(span, lang))]
    try:
        parse_hours(span)
    except ValueError as exc:
        key = "hours_order" if str(exc) == "order" else "bad_hours"
        return [msg(key, lang, value=shown(span, lang))]
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
                known = ", ".join(sorted(KPI_KEYS))
                problems.append(
                    ((i, key), msg("unknown_key", lang, key=shown(key, lang), known=known))
                )
        kpi = catalogue.get(row.get("kpi")) if isinstance(row.get("kpi"), str) else None
        if kpi is None:
            problems.append(
                (
                    (i, "kpi"),
                    msg(
                        "not_choice",
                        lang,
                        value=shown(row.get("kpi"), lang),
                        known=", ".join(catalogue),
                    ),
                )
            )
            continue
        for kind in kpi.targets:
            problem = number_problem(row.get(kind), lang)
            if kind not in row:
                problems.append(((i,), msg("missing_key", lang, key=kind)))
            elif problem:
                problems.append(((i, kind), problem))
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
