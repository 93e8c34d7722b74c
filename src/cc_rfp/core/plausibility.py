"""Figures that are possible but unlikely, and figures beyond any real contact centre.

A check of the type (``core/types``) says whether a value can be held at all; this module
says whether it is believable. A December of 40 digits pasted onto an old row, or a handling
time of 5 400 seconds typed as "90" minutes meant as seconds, passes a type check but should
never reach a tender unseen. Two levels:

- *implausible* (a warning): a month more than ``MONTH_RATIO`` times the median month, a
  handling or waiting time of more than ``LONG_SECONDS``. The interview asks before keeping
  such a figure and ``cc-rfp validate`` prints a warning with the line; both still accept it,
  since a real utility can have a storm month.
- *beyond bounds* (an error): a monthly volume above ``MONTH_LIMIT`` or a time in seconds above
  ``SECONDS_LIMIT``. No contact centre has them; ``validate`` refuses the file.

The rules read only the bank (the question's type, keyset and unit), so they apply to any
bank, and they run on answers the type check has accepted.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cc_rfp.core.values import format_number, is_number, unit_kind
from cc_rfp.i18n.messages import msg

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Field_, Question

MONTH_RATIO = 10.0
"""A month this many times the median month is asked about (a seasonal peak is 2-3 times)."""
MONTH_LIMIT = 100_000_000
"""Contacts in one month of one channel: beyond this no real contact centre is (hard bound)."""
LONG_SECONDS = 3600
"""A handling time, waiting time or other time in seconds above an hour is asked about."""
SECONDS_LIMIT = 86_400
"""A time in seconds above a whole day is beyond bounds: it is another unit typed wrong."""


@dataclass(frozen=True)
class Finding:
    """One figure that is unlikely (``hard`` False) or beyond bounds (``hard`` True)."""

    path: tuple[Any, ...]
    message: str
    hard: bool = False


def findings(bank: Bank, question: Question, value: Any, lang: str = "en") -> list[Finding]:
    """What is unlikely or out of bounds in ``value`` (an answer the type check accepted)."""
    if question.type == "table":
        return _table(bank, question, value, lang)
    if question.type == "records":
        return _records(question, value, lang)
    if question.type in ("integer", "decimal"):
        return [Finding((), m, hard) for m, hard in _seconds(question, value, lang)]
    return []


def _seconds(spec: Question | Field_, value: Any, lang: str) -> list[tuple[str, bool]]:
    if unit_kind(spec.unit, spec.type) != "seconds" or not is_number(value):
        return []
    number = float(value)
    shown = format_number(number, lang)
    if number > SECONDS_LIMIT:
        limit = format_number(SECONDS_LIMIT, lang)
        return [(msg("beyond_seconds", lang, value=shown, limit=limit), True)]
    if number > LONG_SECONDS:
        minutes = format_number(round(number / 60), lang)
        return [(msg("long_seconds", lang, value=shown, minutes=minutes), False)]
    return []


def _records(question: Question, value: Any, lang: str) -> list[Finding]:
    if not isinstance(value, list):
        return []
    found: list[Finding] = []
    for index, row in enumerate(value):
        if not isinstance(row, dict):
            continue
        for spec in question.fields or []:
            for message, hard in _seconds(spec, row.get(spec.id), lang):
                found.append(Finding((index, spec.id), message, hard))
    return found


def _table(bank: Bank, question: Question, value: Any, lang: str) -> list[Finding]:
    """Months of a volume table: beyond bounds, or far above the median month."""
    if question.sum is not None or question.keys != "months" or not isinstance(value, dict):
        return []
    figures = {k: float(v) for k, v in value.items() if is_number(v)}
    found: list[Finding] = []
    for key, number in figures.items():
        if number > MONTH_LIMIT:
            limit = format_number(MONTH_LIMIT, lang)
            found.append(Finding((key,), msg("beyond_month", lang, limit=limit), True))
    if found or len(figures) < 3:
        return found
    median = statistics.median(figures.values())
    if median <= 0:
        return found
    for key, number in figures.items():
        if number > MONTH_RATIO * median:
            ratio = format_number(round(number / median), lang)
            text = msg("far_above_median", lang, ratio=ratio, median=format_number(median, lang))
            found.append(Finding((key,), text))
    return found


def months_findings(bank: Bank, question: Question, value: Any, lang: str) -> list[Finding]:
    """The table findings alone (the interview's table prompt asks before it keeps them)."""
    return _table(bank, question, value, lang)
