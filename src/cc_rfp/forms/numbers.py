"""Reading a price a bidder typed: a number, or text in Swedish or English notation.

A price typed with a decimal comma in an application set to English stays text ("42,75"), and
so does "1 234,50 kr"; a careless paste brings "#VALUE!". The evaluation must read what the
bidder meant or say exactly why it cannot, never guess: "1,234" may be 1.234 (Swedish) or
1234 (English), so it is refused as ambiguous rather than read either way.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

ERROR_STRINGS = frozenset(
    {"#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
    | {"#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)
"""Error values spreadsheet applications show in a cell (``#N/A`` in every locale's file)."""

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_CURRENCY = re.compile(r"^(?:sek|kr\.?|:-|\.-|,-)+|(?:sek|kr\.?|:-|\.-|,-)+$", re.IGNORECASE)
_SIGN = re.compile(r"^[-\u2212\u2013]")

_PLAIN = re.compile(r"^\d+$")
_SPACED = re.compile(r"^\d{1,3}(?: \d{3})+$")
_COMMA_DECIMAL = re.compile(r"^(\d+|\d{1,3}(?: \d{3})+),(\d+)$")
_DOT_DECIMAL = re.compile(r"^(\d+|\d{1,3}(?: \d{3})+)\.(\d+)$")
_DOT_THOUSANDS_COMMA_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{3})+),(\d+)$")
_COMMA_THOUSANDS_DOT_DECIMAL = re.compile(r"^(\d{1,3}(?:,\d{3})+)\.(\d+)$")
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3}){2,}$")


@dataclass(frozen=True)
class Parsed:
    """A cell read as a price: ``value`` when it could be read, else ``problem`` says why.

    ``value`` None and ``problem`` None: the cell is empty. ``was_text``: the bidder typed
    text that had to be interpreted (the evaluation may want to say so).
    """

    value: Decimal | None = None
    problem: str | None = None
    was_text: bool = False


def parse_amount(raw: Any) -> Parsed:
    """Read a cell value (number, text, error string, date, bool or None) as an amount >= 0.

    Problems (codes phrased by ``forms.problem_<code>``): ``error_value``, ``ambiguous``,
    ``not_a_number``, ``negative``, ``date``, ``bool``.
    """
    if raw is None:
        return Parsed()
    if isinstance(raw, bool):
        return Parsed(problem="bool")
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return Parsed(problem="date")
    if isinstance(raw, (int, float, Decimal)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return Parsed(problem="not_a_number")
        value = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
        if value < 0:
            return Parsed(problem="negative")
        return Parsed(value=value)
    if not isinstance(raw, str):
        return Parsed(problem="not_a_number")
    return _parse_text(raw)


def _parse_text(raw: str) -> Parsed:
    text = raw.strip()
    if not text:
        return Parsed()
    if text.upper() in ERROR_STRINGS or (text.startswith("#") and text.endswith(("!", "?"))):
        return Parsed(problem="error_value", was_text=True)
    text = _SPACES.sub(" ", text).strip()
    previous = None
    while previous != text:  # "1 234,50 kr", "SEK 1 234", "250:-", "kr 12"
        previous = text
        text = _CURRENCY.sub("", text).strip()
    if _SIGN.match(text):
        rest = _parse_text(text[1:])
        if rest.value is not None and rest.value != 0:
            return Parsed(problem="negative", was_text=True)
        return Parsed(value=rest.value, problem=rest.problem, was_text=True)
    value = _number(text)
    if isinstance(value, str):
        return Parsed(problem=value, was_text=True)
    return Parsed(value=value, was_text=True)


def _number(text: str) -> Decimal | str:
    """The number ``text`` (spaces already made single) denotes, or a problem code."""
    if _PLAIN.match(text) or _SPACED.match(text):
        return Decimal(text.replace(" ", ""))
    for pattern in (_COMMA_DECIMAL, _DOT_DECIMAL):
        found = pattern.match(text)
        if found:
            whole, fraction = found.groups()
            if _ambiguous(whole, fraction):
                return "ambiguous"
            return _decimal(whole.replace(" ", ""), fraction)
    found = _DOT_THOUSANDS_COMMA_DECIMAL.match(text)
    if found:
        return _decimal(found.group(1).replace(".", ""), found.group(2))
    found = _COMMA_THOUSANDS_DOT_DECIMAL.match(text)
    if found:
        return _decimal(found.group(1).replace(",", ""), found.group(2))
    if _DOT_THOUSANDS.match(text):
        return Decimal(text.replace(".", ""))
    if _COMMA_THOUSANDS.match(text):
        return Decimal(text.replace(",", ""))
    return "not_a_number"


def _ambiguous(whole: str, fraction: str) -> bool:
    """ "1,234" and "1.234": one separator followed by exactly three digits reads as a
    decimal in one convention and as a thousands mark in the other. A whole part of 0 or
    with spaces as thousands marks ("1 234,567") can only be a decimal."""
    return len(fraction) == 3 and " " not in whole and whole.lstrip("0") != ""


def _decimal(whole: str, fraction: str) -> Decimal | str:
    try:
        return Decimal(f"{whole}.{fraction}")
    except InvalidOperation:  # pragma: no cover - the patterns only pass digits
        return "not_a_number"
