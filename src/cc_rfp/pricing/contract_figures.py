"""The figures of the contract schedules: index adjustment, penalties and bonus, volume floor.

A bidder prices risk from these schedules, so every example the tender prints (an adjusted
price, a month's penalty, a shortfall invoice) is computed here from the buyer's own numbers and
never in a template. The functions are pure and take plain numbers; ``document/view.py`` feeds
them the answers and formats the results.

Conventions, the same in every schedule:

* Percentages are given in per cent (85 means 85 %), as the answers hold them.
* A KPI's *unit* is what its result moves in: a percentage point for a share target, a point
  for a score (NPS) or on an index's own scale (NKI 0–100, never a percent), a second or an
  hour for a time-only target (ASA).
* Money is rounded half up to öre only where a price is shown (:func:`money`); intermediate
  figures keep full precision so that a chain of examples does not drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Direction = Literal["at_least", "at_most"]

EXAMPLE_MISS_UNITS = 3.0
"""How far below its threshold a KPI lands in the printed penalty examples (3 points, 3 s)."""

EXAMPLE_BASE_PRICE = 100.0
"""The illustrative unit price (SEK) of the index example: a round figure a bidder can scale."""

EXAMPLE_INDEX_BASE = 165.0
EXAMPLE_INDEX_NEW = 170.4
"""Illustrative index values (a rise of about 3.3 %), not a forecast of the real series."""

EXAMPLE_FLOOR_MISS_POINTS = 10.0
"""In the volume-floor example the month ends this many points of forecast below the floor."""


def money(amount: float) -> float:
    """``amount`` rounded half up to two decimals (öre), as an invoice shows it."""
    return float(Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# ----- price adjustment ------------------------------------------------------------------
@dataclass(frozen=True)
class IndexTerm:
    """One index in an adjustment clause: its weight in the indexed share and two readings."""

    weight: float
    """Share of the indexed part that follows this index, 0..1 (1 for a single index)."""
    base: float
    """I0: the index for the base month."""
    current: float
    """I1: the index for the comparison month."""

    def change(self) -> float:
        """(I1 − I0) / I0, the relative movement of the index."""
        if self.base <= 0:
            raise ValueError("the base index must be positive")
        return (self.current - self.base) / self.base


def index_change(terms: Sequence[IndexTerm]) -> float:
    """The weighted relative change of the indices; the weights must add up to 1."""
    if not terms:
        raise ValueError("an index clause needs at least one index")
    total = sum(t.weight for t in terms)
    if abs(total - 1.0) > 1e-9:
        raise ValueError(f"index weights add up to {total}, not 1")
    return sum(t.weight * t.change() for t in terms)


def adjusted_price(
    base_price: float, indexed_share_percent: float, terms: Sequence[IndexTerm]
) -> float:
    """p1 = p0 · (1 + s · Σ w·(I1 − I0)/I0), unrounded.

    Only the indexed share s moves; the rest of the price stays fixed for the whole contract.
    """
    if not 0 <= indexed_share_percent <= 100:
        raise ValueError("the indexed share is a percentage between 0 and 100")
    return base_price * (1 + indexed_share_percent / 100 * index_change(terms))


@dataclass(frozen=True)
class IndexExample:
    """The worked example printed under the index clause."""

    base_price: float
    indexed_share_percent: float
    base_index: float
    new_index: float
    change_percent: float
    adjusted_price: float
    """Rounded to öre."""


def index_example(indexed_share_percent: float) -> IndexExample:
    """The clause applied to the illustrative price and index readings with the buyer's share."""
    term = IndexTerm(1.0, EXAMPLE_INDEX_BASE, EXAMPLE_INDEX_NEW)
    return IndexExample(
        base_price=EXAMPLE_BASE_PRICE,
        indexed_share_percent=indexed_share_percent,
        base_index=EXAMPLE_INDEX_BASE,
        new_index=EXAMPLE_INDEX_NEW,
        change_percent=100 * term.change(),
        adjusted_price=money(adjusted_price(EXAMPLE_BASE_PRICE, indexed_share_percent, [term])),
    )


# ----- penalties and bonus -----------------------------------------------------------------
@dataclass(frozen=True)
class PenaltyRule:
    """One row of the penalty schedule: a KPI, where the penalty starts, what a unit costs."""

    kpi: str
    direction: Direction
    """at_least: a result below the threshold costs; at_most: a result above it does."""
    threshold: float
    per_unit_percent: float
    """Penalty per unit of shortfall, in per cent of the month's invoice."""
    cap_percent: float | None = None
    """This KPI's own cap in per cent of the month's invoice, if any."""

    def __post_init__(self) -> None:
        if self.per_unit_percent < 0:
            raise ValueError("a penalty per unit cannot be negative")
        if self.cap_percent is not None and self.cap_percent < 0:
            raise ValueError("a cap cannot be negative")


def shortfall(direction: Direction, threshold: float, result: float) -> float:
    """How many units the result is on the wrong side of the threshold (0 when it is met)."""
    gap = threshold - result if direction == "at_least" else result - threshold
    return max(0.0, gap)


def penalty_percent(rule: PenaltyRule, result: float) -> float:
    """The penalty for one KPI in one month, in per cent of the invoice (its own cap applied)."""
    amount = shortfall(rule.direction, rule.threshold, result) * rule.per_unit_percent
    return min(amount, rule.cap_percent) if rule.cap_percent is not None else amount


@dataclass(frozen=True)
class MonthPenalty:
    """One month's penalties: per KPI, their sum, and what is invoiced after the overall cap."""

    per_rule: tuple[float, ...]
    total_percent: float
    capped_percent: float
    capped: bool


def month_penalty(
    rules: Sequence[PenaltyRule], results: Sequence[float], cap_percent: float | None
) -> MonthPenalty:
    """Penalties for a month's results, one per rule, then the cap on the month's invoice."""
    if len(rules) != len(results):
        raise ValueError("one result per penalty rule")
    per_rule = tuple(penalty_percent(r, x) for r, x in zip(rules, results, strict=True))
    total = sum(per_rule)
    capped = cap_percent is not None and total > cap_percent
    return MonthPenalty(per_rule, total, cap_percent if capped else total, capped)


def example_result(direction: Direction, threshold: float, *, percent_scale: bool) -> float:
    """The result used in the printed example: EXAMPLE_MISS_UNITS on the wrong side.

    A share cannot go below 0 or above 100, nor can an index such as NKI, so on such a scale
    (``percent_scale``) the example stays inside it.
    """
    result = (
        threshold - EXAMPLE_MISS_UNITS
        if direction == "at_least"
        else threshold + EXAMPLE_MISS_UNITS
    )
    if percent_scale:
        result = min(100.0, max(0.0, result))
    return result


def bonus_percent(
    direction: Direction,
    threshold: float,
    per_unit_percent: float,
    result: float,
    cap_percent: float | None,
) -> float:
    """The bonus for a month, in per cent of the invoice: units better than the threshold × rate."""
    better = shortfall("at_most" if direction == "at_least" else "at_least", threshold, result)
    amount = better * per_unit_percent
    return min(amount, cap_percent) if cap_percent is not None else amount


def earned_back(met_after: Sequence[bool], months: int) -> bool:
    """Whether a month's penalty is paid back: the KPI met its target in each of the next
    ``months`` months (``met_after`` lists those months in order; too few months means not yet)."""
    if months <= 0:
        return False
    return len(met_after) >= months and all(met_after[:months])


def amount(percent_of_invoice: float, invoice: float) -> float:
    """A percentage of an invoice in SEK, rounded to öre."""
    return money(invoice * percent_of_invoice / 100)


# ----- volume floor ----------------------------------------------------------------------
def whole(value: float) -> float:
    """``value`` rounded half up to a whole unit (contacts and hours are counted whole)."""
    return float(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def floor_units(forecast: float, floor_percent: float) -> float:
    """The guaranteed volume: floor % of the forecast (or other basis) for the period, in
    whole units (rounded half up), so that the floor, the actual volume and the shortfall
    printed side by side add up."""
    if forecast < 0:
        raise ValueError("a forecast cannot be negative")
    if not 0 <= floor_percent <= 100:
        raise ValueError("the floor is a percentage between 0 and 100")
    return whole(forecast * floor_percent / 100)


def shortfall_units(forecast: float, actual: float, floor_percent: float) -> float:
    """Units short of the floor in a period (0 when the actual volume reaches it)."""
    return max(0.0, floor_units(forecast, floor_percent) - actual)


@dataclass(frozen=True)
class FloorExample:
    """The worked volume-floor example for one channel and one period."""

    forecast: float
    floor_percent: float
    floor: float
    actual: float
    short: float
    charged_share_percent: float
    charged_units: float
    """Units short × the charged share: how many unit prices the shortfall invoice holds."""


def floor_example(
    forecast: float, floor_percent: float, charged_share_percent: float
) -> FloorExample:
    """A period that ends EXAMPLE_FLOOR_MISS_POINTS points of forecast below the floor.

    The forecast and the actual volume are whole units, as they would be counted.
    """
    forecast = whole(forecast)
    actual = whole(max(0.0, forecast * (floor_percent - EXAMPLE_FLOOR_MISS_POINTS) / 100))
    short = shortfall_units(forecast, actual, floor_percent)
    return FloorExample(
        forecast=forecast,
        floor_percent=floor_percent,
        floor=floor_units(forecast, floor_percent),
        actual=actual,
        short=short,
        charged_share_percent=charged_share_percent,
        charged_units=short * charged_share_percent / 100,
    )
