"""Numbers, percentages and durations in a language: one rule per language, one rounding rule.

Rounding: a figure is rounded once, to the nearest value with the chosen number of decimals,
ties to even on the float's exact value (Python's ``format``, which ``round`` agrees with).
Every formatter of the program (document, interview, staffing, charts) ends in
``format_number``, so none can round differently.

How many decimals, when the caller does not say, depends on what the figure is (a named
style, the only deliberate difference between callers):

- ``ANSWER``: a figure someone typed (``12.5``, ``0.25``): whole numbers bare, otherwise one
  decimal from 10 up and two below. The document and the interview show answers this way.
- ``REPORT``: a figure the program computed (staffing): whole numbers, and anything from 10
  up, without decimals; one decimal below 10.
"""

from __future__ import annotations

import math
from typing import Literal, NamedTuple


class NumberRule(NamedTuple):
    """How one language writes a number."""

    thousands: str
    decimal: str
    percent: str
    """What follows a percentage: Swedish writes a space before the sign."""


RULES: dict[str, NumberRule] = {
    "sv": NumberRule(thousands="\u00a0", decimal=",", percent=" %"),
    "en": NumberRule(thousands=",", decimal=".", percent="%"),
}
"""A third language adds one line here. Swedish groups thousands with a no-break space."""

DEFAULT_RULE = RULES["en"]

Style = Literal["answer", "report"]
ANSWER: Style = "answer"
REPORT: Style = "report"


def auto_decimals(number: float, style: Style = ANSWER) -> int:
    """The decimals a figure gets when the caller does not choose (see the module doc)."""
    if number.is_integer():
        return 0
    if style == REPORT:
        return 0 if abs(number) >= 10 else 1
    return 1 if abs(number) >= 10 else 2


def format_number(
    value: float, lang: str, decimals: int | None = None, *, style: Style = ANSWER
) -> str:
    """A number with the language's thousands and decimal marks.

    Never fails: render must print a document even around a figure validate refuses, so an
    infinite or overflowing value prints as a sign and ∞ instead of raising.
    """
    try:
        number = float(value)
    except OverflowError:
        number = math.inf if value > 0 else -math.inf
    if math.isnan(number):
        return "?"
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    if decimals is None:
        decimals = auto_decimals(number, style)
    text = f"{number:,.{decimals}f}"
    rule = RULES.get(lang, DEFAULT_RULE)
    if rule.thousands == "," and rule.decimal == ".":
        return text
    return text.replace(",", "\0").replace(".", rule.decimal).replace("\0", rule.thousands)


def percent_number(
    fraction: float, lang: str, decimals: int | None = None, *, style: Style = REPORT
) -> str:
    """A fraction as a percentage figure without the sign (0.8 → "80").

    Float noise of the scaling (0.29 × 100 = 28.999999999999996) does not cost a decimal.
    """
    value = fraction * 100
    if decimals is None and math.isfinite(value):
        decimals = auto_decimals(float(round(value, 6)), style)
    return format_number(value, lang, decimals, style=style)


def percent_sign(lang: str) -> str:
    """What follows a percentage figure: "%" in English, " %" in Swedish."""
    return RULES.get(lang, DEFAULT_RULE).percent


def format_percent(
    fraction: float, lang: str, decimals: int | None = None, *, style: Style = REPORT
) -> str:
    """A fraction as a percentage with the language's sign: "88.3%" or "88,3 %"."""
    return percent_number(fraction, lang, decimals, style=style) + percent_sign(lang)
