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


# --- Figures with units, as people type them ---------------------------------------------
#
# A handling time is said "5:30" or "330 s", a response time "24 h" or "2 dagar", a mandate
# "500 kr", a service level "80/60". Each question's unit (its English label in the bank)
# names what it measures, so "30 sek" is thirty seconds in a time question and thirty kronor
# in a price question; a unit of another kind ("5 kr" for a handling time) is refused rather
# than read as a bare number.

UNIT_SECONDS: dict[str, dict[str, float]] = {
    "time": {
        "s": 1,
        "sek": 1,
        "sec": 1,
        "secs": 1,
        "sekund": 1,
        "sekunder": 1,
        "second": 1,
        "seconds": 1,
        "m": 60,
        "min": 60,
        "mins": 60,
        "minut": 60,
        "minuter": 60,
        "minute": 60,
        "minutes": 60,
        "h": 3600,
        "t": 3600,
        "tim": 3600,
        "timme": 3600,
        "timmar": 3600,
        "hr": 3600,
        "hrs": 3600,
        "hour": 3600,
        "hours": 3600,
        "d": 86400,
        "dag": 86400,
        "dagar": 86400,
        "dygn": 86400,
        "day": 86400,
        "days": 86400,
        "v": 7 * 86400,
        "vecka": 7 * 86400,
        "veckor": 7 * 86400,
        "w": 7 * 86400,
        "week": 7 * 86400,
        "weeks": 7 * 86400,
    },
    "calendar": {
        "mån": 1,
        "månad": 1,
        "månader": 1,
        "month": 1,
        "months": 1,
        "år": 12,
        "year": 12,
        "years": 12,
    },
}
"""Spelled units per family, as a factor to the family's base (seconds; months)."""

MONEY_FACTORS = {
    "kr": 1,
    "kronor": 1,
    "sek": 1,
    ":-": 1,
    "tkr": 1000,
    "ksek": 1000,
    "mkr": 1_000_000,
    "mnkr": 1_000_000,
    "msek": 1_000_000,
}
PERCENT_WORDS = {"%", "procent", "percent", "pct"}

KIND_BASE: dict[str, tuple[str, float]] = {
    "seconds": ("time", 1),
    "minutes": ("time", 60),
    "hours": ("time", 3600),
    "days": ("time", 86400),
    "weeks": ("time", 7 * 86400),
    "months": ("calendar", 1),
    "years": ("calendar", 12),
}
"""Unit kinds measured in a family: the family and the kind's size in the family's base."""

_UNIT_WORDS = (
    ("second", "seconds"),
    ("minute", "minutes"),
    ("working day", "days"),
    ("hour", "hours"),
    ("day", "days"),
    ("week", "weeks"),
    ("month", "months"),
    ("year", "years"),
    ("sek", "money"),
    ("kr", "money"),
)

_AMOUNT = r"[-−+]?\d[\d \u00a0\u202f.,]*"
_QUANTITY_RE = re.compile(rf"^\s*(?P<num>{_AMOUNT}|[-−+]?[.,]\d+)\s*(?P<unit>[^\d\s][^\d]*)?$")
_PART_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\d\s.,][^\d\s]*)")
_CLOCK_RE = re.compile(r"^\s*(\d{1,3}):([0-5]\d)(?::([0-5]\d))?\s*$")
_SERVICE_LEVEL_RE = re.compile(
    r"^\s*(?P<pct>\d+(?:[.,]\d+)?)\s*(?:%|procent|percent)?\s*"
    r"(?:/|inom|within|in|på|at)\s*(?P<time>.+?)\s*$",
    re.IGNORECASE,
)


def unit_kind(unit: dict[str, str] | None, kind: str = "decimal") -> str | None:
    """What a question's figure measures, read from its unit's English label.

    ``seconds``, ``minutes``, ``hours``, ``days``, ``weeks``, ``months``, ``years``,
    ``money`` or ``percent``; None for a plain count ("calls", "agents per team leader").
    A word before "per" or "of" decides: "SEK per case" is money, "hours per week" hours,
    "customers per year" a count.
    """
    if kind == "percent":
        return "percent"
    label = str((unit or {}).get("en", "")).lower()
    if label.startswith("%") or label.startswith("±"):
        return "percent"
    head = re.split(r"\b(?:per|of|av)\b", label)[0]  # "customers per year" counts customers
    for word in re.findall(r"[a-z%]+", head):
        for stem, found in _UNIT_WORDS:
            if word.startswith(stem) or word == stem:
                return found
    return None


def _unit_factor(word: str, kind: str | None) -> float | None:
    """The factor that turns a number in ``word``'s unit into the question's unit (``kind``)."""
    word = word.strip().lower().rstrip(".")
    if kind == "money":
        return MONEY_FACTORS.get(word)
    if kind == "percent":
        return 1 if word in PERCENT_WORDS else None
    if kind in KIND_BASE:
        family, size = KIND_BASE[kind]
        factor = UNIT_SECONDS[family].get(word)
        return None if factor is None else factor / size
    return 1 if word in {"st", "pcs"} else None


def parse_quantity(text: str, kind: str | None) -> float:
    """A figure in the question's unit (``unit_kind``) from what a person typed.

    Accepts what ``parse_number`` does, plus a unit after the number ("330 s", "5 min",
    "24 h", "2 dagar", "500 kr", "80 %"), a clock for durations ("5:30" is five and a half
    minutes, "1:05:00" an hour and five minutes; in an hours question "1:30" is 1.5 h) and
    a sum of parts ("1 h 30 min"). Raises ValueError("unit") for a unit of another kind and
    whatever ``parse_number`` raises for a bad number.
    """
    if len(text) > NUMBER_TEXT_LIMIT:
        raise ValueError("too long")
    typed = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if kind in KIND_BASE and KIND_BASE[kind][0] == "time":
        clock = _CLOCK_RE.match(typed)
        if clock:
            a, b, c = clock.groups()
            if c is not None:
                seconds = int(a) * 3600 + int(b) * 60 + int(c)
            elif kind == "seconds":
                seconds = int(a) * 60 + int(b)  # a handling time: minutes and seconds
            else:
                seconds = int(a) * 3600 + int(b) * 60  # longer durations: hours and minutes
            return _checked(seconds / KIND_BASE[kind][1])
    match = _QUANTITY_RE.match(typed)
    if match is None:
        parts = _PART_RE.findall(typed)
        covered = "".join(n + u for n, u in parts) == typed.replace(" ", "")
        if kind in KIND_BASE and len(parts) > 1 and covered:
            total = 0.0
            for number, word in parts:
                factor = _unit_factor(word, kind)
                if factor is None:
                    raise ValueError("unit")
                total += parse_number(number) * factor
            return _checked(total)
        return parse_number(text)  # raises with parse_number's reason
    number, word = match.group("num"), match.group("unit")
    if not word:
        return parse_number(number)
    factor = _unit_factor(word, kind)
    if factor is None:
        raise ValueError("unit")
    return _checked(parse_number(number) * factor)


def _checked(value: float) -> float:
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        raise ValueError("too large")
    return round(value, 9)


def parse_service_level(text: str) -> tuple[float, float] | None:
    """ "80/60", "80 % inom 60 s", "80% within 20 seconds": (percent, seconds); else None."""
    match = _SERVICE_LEVEL_RE.match(text)
    if not match:
        return None
    try:
        return parse_number(match.group("pct")), parse_quantity(match.group("time"), "seconds")
    except ValueError:
        return None


def per_month(text: str) -> str | None:
    """The figure of "4 000/mån" or "4,000 per month" (the same every month), else None."""
    match = re.match(r"^\s*(.+?)\s*(?:/|per|i|a)\s*(?:mån|månad|month|mo)\.?\s*$", text, re.I)
    return match.group(1) if match else None
