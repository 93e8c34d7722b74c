"""Reading and checking figures, hours and choices as people type them.

The building blocks the question types (``core/types``) check answers with, shared by
``cc-rfp validate``, the interview and rendering, so a value the interview accepts is always a
value the document can print. ``check_value`` is the one entry point for a whole answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from cc_rfp.core.bank import Bank, text
from cc_rfp.core.bank_model import Choice, Field_, Question
from cc_rfp.i18n.messages import msg, shown
from cc_rfp.i18n.numbers import format_number as format_number  # re-exported: the one formatter

Problem = tuple[tuple[Any, ...], str]
"""A problem: the path inside the answer (e.g. (2, 'share')) and the message."""

HOURS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")
CLOSED = "closed"

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


def in_range(value: float, low: float | None, high: float | None, lang: str) -> list[Problem]:
    """Below ``low`` or above ``high`` as a problem (none when inside or unbounded)."""
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


def choice_problem(value: Any, choices: list[Choice], lang: str) -> list[Problem]:
    """A value that is not one of ``choices`` as a problem naming the known ones."""
    known = [c.value for c in choices]
    if not isinstance(value, str) or value not in known:
        return [((), msg("not_choice", lang, value=shown(value, lang), known=", ".join(known)))]
    return []


def count_problem(q: Question, value: list[Any], lang: str) -> list[Problem]:
    """Fewer than ``min_items`` or more than ``max_items`` entries as a problem."""
    if q.min_items is not None and len(value) < q.min_items:
        return [((), msg("too_few", lang, limit=q.min_items))]
    if q.max_items is not None and len(value) > q.max_items:
        return [((), msg("too_many", lang, limit=q.max_items))]
    return []


def sum_problem(q: Question, total: float, lang: str) -> list[Problem]:
    """Shares whose ``total`` misses the question's ``sum`` by more than its tolerance."""
    if q.sum is not None and abs(total - q.sum) > q.sum_tolerance:
        return [((), msg("sum", lang, total=round(total, 2), expected=_short(q.sum)))]
    return []


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


def check_scalar(kind: str, spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    """Problems with one value of a one-cell type (a record field, a KPI row's cell)."""
    from cc_rfp.core.types import get

    cell = get(kind).cell
    if cell is None:
        raise AssertionError(f"not a one-cell type: {kind}")
    return cell(spec, value, choices, lang)


def check_value(
    bank: Bank, question: Question, value: Any, answers: dict[str, Any], lang: str = "en"
) -> list[Problem]:
    """Every problem with ``value`` as an answer to ``question`` (its type's check)."""
    from cc_rfp.core.types import check_value as by_type

    return by_type(bank, question, value, answers, lang)
