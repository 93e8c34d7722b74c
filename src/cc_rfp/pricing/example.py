"""The award model tried on the client's own price form, with fictitious but plausible prices.

A worked example in made-up round numbers says nothing about whether the client's SEK values
are large enough, since the answer depends on how big the contract is. So the example prices
the rows the price form really has (``price_rows``: each channel's own model, the management
fee, start-up, exit and the evaluated options, with the scenario's quantities over the
evaluation period) at stated market prices per kind of row. That priced form is bid A, the
good and expensive bid; B and C charge the guide's ratios of A's prices on every row (about 67 %
and 59 %), so the three bids relate as the guide's worked example does and only the client's
quantities, model and values change the outcome.

The same market pricing gives the one estimate of a yearly cost that the interview and the
internal memo compare the SEK values with (:attr:`WorkedExample.yearly_cost`), so the two
never show different shares.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank
from cc_rfp.i18n import t
from cc_rfp.pricing import evaluation as ev
from cc_rfp.pricing.model import (
    Period,
    StaffingEstimate,
    Values,
    channel_models,
    evaluation_period,
    price_rows,
    yearly_volume,
)
from cc_rfp.pricing.rows import PriceRow

MARKET_PRICES: Mapping[str, float] = {
    "per_contact": 50.0,
    "per_minute": 10.0,
    "per_hour": 500.0,
    "per_fte": 75_000.0,
    "per_month": 45_000.0,
    "startup": 400_000.0,
    "exit": 150_000.0,
    "option_fixed": 100_000.0,
}
"""Bid A's unit prices (SEK excl. VAT) by kind of row: plausible for outsourced Swedish
customer service, not a market survey. ``per_hour`` is a staffed agent hour (the memo used the
same middle figure); ``per_contact`` lies inside the guide's example bids (43–62 SEK a call,
33–48 an email); an FTE-month of about 150 paid hours at the hourly price, less planning gains;
``per_month`` a fixed monthly fee (management, reporting, technology); start-up and exit are
one-off fixed prices. A channel priced at a fixed monthly fee is priced as its average monthly
contacts at the per-contact price, since its size depends on the channel."""

PRICE_KINDS = tuple(MARKET_PRICES)

RATIOS = (1.0, 2_882_480 / 4_287_600, 2_517_600 / 4_287_600)
"""Bids A, B and C as shares of A's prices: the guide's evaluation prices relative to A."""
SCORES = (4.0, 3.0, 0.5)
"""Each bid's score on every criterion (scale 0–5), as in the guide's example."""
NAMES = ("A", "B", "C")


@dataclass(frozen=True)
class ExampleRow:
    """One evaluated row of the form, priced by the three fictitious bids.

    ``quantity`` is the row's quantity rounded as the form shows it, so the amounts can be
    checked by hand from the printed figures; ``prices`` are A's, B's and C's unit prices,
    rounded to öre (whole kronor from 1,000 SEK up) as a bid would state them.
    """

    row: PriceRow
    kind: str
    quantity: float
    prices: tuple[float, float, float]

    def amount(self, bid: int) -> float:
        """Unit price × quantity × weight for bid 0 (A), 1 (B) or 2 (C)."""
        return self.prices[bid] * self.quantity * self.row.weight

    @property
    def recurring(self) -> bool:
        """Whether the row is paid month by month (a channel's price or a monthly fee)."""
        return self.row.kind in ("unit", "fixed")


@dataclass(frozen=True)
class Award:
    """The award model as answered: the model, its criteria and the price weight (points)."""

    model: str | None
    criteria: list[ev.Criterion]
    price_weight: float


@dataclass(frozen=True)
class WorkedExample:
    """The client's form priced by three fictitious bids, and how the award model ranks them.

    ``left_out`` are evaluated rows the example cannot price: a quantity the bidder states
    (hours of a start-up plan) with no estimate from the client. ``reversal`` is None when the
    award model cannot be computed from the answers yet.
    """

    period: Period
    rows: list[ExampleRow]
    left_out: list[PriceRow]
    award: Award
    bids: list[ev.Bid]
    reversal: ev.Reversal | None

    @property
    def prices(self) -> tuple[float, float, float]:
        """The three evaluation prices: Σ unit price × quantity × weight over the rows."""
        a, b, c = (sum(r.amount(i) for r in self.rows) for i in range(3))
        return a, b, c

    @property
    def yearly_cost(self) -> float | None:
        """Bid A's recurring price per year: the estimate of a yearly cost.

        One-off prices and options are left out: they are not what the service costs a year.
        None when no recurring row could be priced.
        """
        recurring = [r for r in self.rows if r.recurring]
        if not recurring or self.period.years <= 0:
            return None
        total = sum(r.amount(0) for r in recurring)
        return total / self.period.years if total > 0 else None

    @property
    def value_total(self) -> float:
        """Σ Mₖ: the SEK values of the quality criteria."""
        return sum(c.value_sek for c in self.award.criteria)

    @property
    def value_share(self) -> float | None:
        """Σ Mₖ as a percentage of the yearly cost (None without values or a cost)."""
        if not self.value_total or self.yearly_cost is None:
            return None
        return ev.value_share(self.award.criteria, self.yearly_cost)

    @property
    def cheap_wins(self) -> bool:
        """Whether C, the cheap bid with almost no quality, wins under the model."""
        return self.reversal is not None and self.reversal.winner_with == NAMES[2]

    @property
    def values_needed(self) -> float | None:
        """Value-added model: the total of SEK values above which C no longer wins.

        The criteria keep their proportions and are scaled by λ; a bid's comparison figure is
        EP − λ·D (D its quality deduction at today's values), so C loses to bid i once
        λ > (EPᵢ − EP_C) ÷ (Dᵢ − D_C). The smallest such λ times today's total is the answer.
        None for other models, without values, or when no bid earns more quality than C.
        """
        if self.award.model != "value_added" or not self.value_total or len(self.bids) < 3:
            return None
        cheap = self.bids[2]
        cheap_deduction = ev.quality_deduction(cheap, self.award.criteria)
        factors = []
        for other in self.bids[:2]:
            gained = ev.quality_deduction(other, self.award.criteria) - cheap_deduction
            if gained > 0:
                factors.append((other.price - cheap.price) / gained)
        return min(factors) * self.value_total if factors else None


def award_inputs(values: Values) -> Award:
    """The award model, criteria and price weight as the answers give them.

    Lowest price when the basis is price only; otherwise the model asked for (None while it
    is unanswered or quality alone decides, which no price example can show).
    """
    basis = values.get("evaluation_basis")
    model = "lowest_price" if basis == "price_only" else values.get("evaluation_model")
    criteria = []
    if basis != "price_only":
        for row in values.get("quality_criteria") or []:
            criteria.append(
                ev.Criterion(
                    str(row.get("criterion")),
                    float(row.get("value_sek") or 0),
                    float(row.get("surcharge_percent") or 0),
                    float(row.get("weight") or 0),
                )
            )
    return Award(
        str(model) if model in ev.MODELS else None,
        criteria,
        float(values.get("price_weight") or 0),
    )


def staffing_estimates(bank: Bank, answers: Answers) -> dict[str, StaffingEstimate]:
    """The client's own staffing estimate per channel (the staffing annex's figures).

    Gives hour and FTE rows an example quantity. The estimate is advice: when it cannot be
    made (figures missing, a custom bank) the rows are left out of the example instead.
    """
    try:
        from cc_rfp.staffing.week import size_week

        sized = size_week(bank, answers)
    except Exception:  # no estimate: the bidder's plan alone decides those rows
        return {}
    return {
        p.channel.channel: StaffingEstimate(p.agent_hours, p.fte)
        for p in sized.channels
        if p.agent_hours > 0
    }


def example_rows(
    bank: Bank,
    answers: Answers,
    lang: str,
    estimates: Mapping[str, StaffingEstimate] | None = None,
) -> list[PriceRow]:
    """The rows the example prices: the price form's, and for a bidder-proposed model (where
    the form has no channel rows) each channel's contacts, priced per contact."""
    rows = price_rows(bank, answers, lang, estimates)
    values = Values(bank, answers)
    if values.get("pricing_model_source") != "bidder_proposes" or channel_models(values):
        return rows
    period = evaluation_period(values)
    proposed = []
    for channel in values.get("channels") or []:
        volume = yearly_volume(values, str(channel))
        if volume:
            proposed.append(
                PriceRow(
                    f"{channel}.per_contact",
                    "unit",
                    str(channel),
                    t("pricing.price_row_per_contact", lang),
                    t("pricing.price_unit_per_contact", lang),
                    volume * period.years,
                )
            )
    return proposed + rows


def price_kind(row: PriceRow, values: Values) -> str | None:
    """Which market price a row takes (a key of ``MARKET_PRICES``), None if none fits."""
    if row.channel is not None:
        model = row.id.split(".", 1)[1]
        return "per_month" if model == "fixed_month" else model
    if row.id == "management_fee":
        return "per_month"
    if row.id in ("startup", "exit"):
        return row.id if row.source == "scenario" else None  # per hour: the bidder's plan
    if row.kind == "option":
        options = values.get("price_options") or []
        index = int(row.id.split(".", 1)[1]) - 1
        unit = str(options[index].get("unit")) if 0 <= index < len(options) else ""
        return {"per_hour": "per_hour", "per_contact": "per_contact", "per_month": "per_month"}.get(
            unit, "option_fixed" if unit == "fixed" else None
        )
    return None


def market_price(row: PriceRow, kind: str, values: Values) -> float | None:
    """Bid A's unit price for ``row``: the market price of its kind; a channel at a fixed
    monthly fee pays its average monthly contacts at the per-contact price."""
    if row.channel is not None and row.id.endswith(".fixed_month"):
        volume = yearly_volume(values, row.channel)
        return round(volume / 12 * MARKET_PRICES["per_contact"]) if volume else None
    return MARKET_PRICES[kind]


def stated_price(price: float) -> float:
    """A unit price as a bid states it: to the öre, in whole kronor from 1,000 SEK up."""
    return float(round(price)) if price >= 1_000 else round(price, 2)


def shown_quantity(row: PriceRow) -> float:
    """The quantity as the form prints it (FTE-months to one decimal, the rest whole)."""
    return round(row.quantity, 1) if row.id.endswith(".per_fte") else float(round(row.quantity))


def worked_example(
    bank: Bank,
    answers: Answers,
    lang: str,
    estimates: Mapping[str, StaffingEstimate] | None = None,
) -> WorkedExample:
    """Price the client's form with bids A, B and C and rank them under the award model.

    ``estimates`` default to the client's staffing estimate (:func:`staffing_estimates`).
    """
    from cc_rfp.pricing.checks import pricing_problems

    if estimates is None:
        estimates = staffing_estimates(bank, answers)
    values = Values(bank, answers)
    period = evaluation_period(values)
    priced: list[ExampleRow] = []
    left_out: list[PriceRow] = []
    for row in example_rows(bank, answers, lang, estimates):
        if row.weight <= 0:
            continue  # priced but not evaluated: no part of the evaluation price
        kind = price_kind(row, values)
        price = market_price(row, kind, values) if kind else None
        quantity = shown_quantity(row)
        if price is None or quantity <= 0:
            left_out.append(row)
            continue
        a, b, c = (stated_price(price * ratio) for ratio in RATIOS)
        priced.append(ExampleRow(row, kind or "", quantity, (a, b, c)))
    award = award_inputs(values)
    totals = [sum(r.amount(i) for r in priced) for i in range(3)]
    bids = [
        ev.Bid(name, total, {c.name: score for c in award.criteria})
        for name, total, score in zip(NAMES, totals, SCORES, strict=True)
    ]
    reversal = None
    computable = award.model is not None and (award.model == "lowest_price" or award.criteria)
    blocked = any(
        qid in {"quality_criteria", "price_weight"}
        for qid, _, _ in pricing_problems(bank, answers, lang)
    )
    if computable and not blocked and all(b.price > 0 for b in bids):
        reversal = ev.rank_reversal(
            str(award.model), bids[:2], bids[2], award.criteria, award.price_weight
        )
    return WorkedExample(period, priced, left_out, award, bids, reversal)
