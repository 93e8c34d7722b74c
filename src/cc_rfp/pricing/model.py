"""The price form a client's answers call for: one model per channel, and nothing else.

A bid manager prices exactly the rows of the form, and the evaluation price adds exactly
those rows. So the rows are derived here, once, from the answers: each channel's own
compensation model (``price_unit_<channel>``), the management fee, start-up, exit assistance
and the options with the weight stated in advance. Quantities are the client's scenario over
the evaluation period; for hour and FTE rows the quantity is the bidder's binding staffing
plan, and the client's own estimate (the staffing annex) is carried only to show a worked
example.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank
from cc_rfp.core.state import AnswerState, state_of
from cc_rfp.i18n import t
from cc_rfp.pricing.rows import PriceRow

UNIT_PREFIX = "price_unit_"
CHANNEL_MODELS = ("per_contact", "per_minute", "per_hour", "per_fte", "fixed_month")
STAFFING_PLAN_MODELS = ("per_hour", "per_fte")
"""Models whose quantity is the bidder's binding staffing plan, not a client figure."""

DEFAULT_CONTRACT_MONTHS = 36
"""The contract length assumed (and said to be assumed) when the client has not stated it."""

WEEKS_PER_YEAR = 52.0


@dataclass(frozen=True)
class Period:
    """The period the evaluation price covers.

    ``months`` is what quantities are multiplied for (yearly figure × months / 12).
    ``basis`` is the scenario period chosen (or assumed); ``forced`` says the contract length
    was used because one-off prices exist; ``assumed`` that a figure behind it is missing.
    """

    months: float
    basis: str
    forced: bool = False
    assumed: bool = False

    @property
    def years(self) -> float:
        return self.months / 12


@dataclass(frozen=True)
class StaffingEstimate:
    """The client's own staffing estimate for one channel (the staffing annex's figures)."""

    agent_hours_per_week: float
    fte: float


class Values:
    """The usable answers (applicable, answered, valid) the pricing reads, by id."""

    def __init__(self, bank: Bank, answers: Answers) -> None:
        self.bank = bank
        self.answers = answers
        self._known = answers.known()  # a snapshot: the answers do not change meanwhile
        self._usable: dict[str, bool] = {}

    def get(self, qid: str) -> Any:
        usable = self._usable.get(qid)
        if usable is None:
            question = self.bank.questions.get(qid)
            usable = question is not None and (
                state_of(self.bank, self.answers, question, self._known) is AnswerState.ANSWERED
            )
            self._usable[qid] = usable
        return self.answers.values[qid] if usable else None


def channel_models(values: Values) -> dict[str, str]:
    """Each chosen channel's compensation model, in the bank's channel order."""
    chosen = values.get("channels") or []
    models = {}
    for channel in chosen:
        model = values.get(UNIT_PREFIX + str(channel))
        if model in CHANNEL_MODELS:
            models[str(channel)] = str(model)
    return models


def yearly_volume(values: Values, channel: str) -> float | None:
    """Contacts per year for a channel (the sum of its monthly volumes), or None."""
    volume = values.get(f"volume_{channel}")
    if not isinstance(volume, Mapping) or not volume:
        return None
    return float(sum(float(v) for v in volume.values()))


def channel_aht(values: Values, channel: str) -> float | None:
    """Handling time in seconds, worked out exactly as the staffing annex does."""
    from cc_rfp.staffing.inputs import channel_aht as aht

    found = aht({q: values.get(q) for q in (f"aht_{channel}", "case_types")}, channel)
    return found[0] if found else None


def has_oneoff(values: Values) -> bool:
    """Whether start-up or exit assistance is priced as a one-off."""
    oneoff = values.get("start_up_pricing") in ("fixed_price", "per_hour")
    return oneoff or values.get("exit_pricing") in ("fixed_price", "per_hour")


def evaluation_period(values: Values) -> Period:
    """The evaluation period: the contract length when one-off prices exist, else the
    scenario period the client chose (the first year when not stated)."""
    months = values.get("contract_months")
    contract = float(months) if months else float(DEFAULT_CONTRACT_MONTHS)
    basis = values.get("scenario_period")
    if has_oneoff(values) and basis != "contract_period":
        return Period(contract, "contract_period", forced=True, assumed=not months)
    if basis == "typical_month":
        return Period(1.0, "typical_month")
    if basis == "contract_period":
        return Period(contract, "contract_period", assumed=not months)
    return Period(12.0, "first_year", assumed=basis is None)


def price_rows(
    bank: Bank,
    answers: Answers,
    lang: str,
    estimates: Mapping[str, StaffingEstimate] | None = None,
) -> list[PriceRow]:
    """Exactly the rows of the price form, in form order.

    Channel rows follow each channel's model; then the management fee, start-up, exit
    assistance and the options (weight = the stated share, 0 = priced but not evaluated).
    Commission and incentives are never rows: they stay outside the evaluation price.
    ``estimates`` (the client's staffing estimate per channel) gives hour and FTE rows an
    illustrative quantity; without it those rows have quantity 0 and the bidder's plan decides.
    """
    values = Values(bank, answers)
    period = evaluation_period(values)
    labels = _channel_labels(bank, lang)
    rows: list[PriceRow] = []
    for channel, model in channel_models(values).items():
        rows.append(
            _channel_row(
                values,
                channel,
                model,
                labels.get(channel, channel),
                period,
                lang,
                (estimates or {}).get(channel),
            )
        )
    extras = values.get("pricing_extras") or []
    if "management_fee" in extras:
        rows.append(
            PriceRow(
                "management_fee",
                "fixed",
                None,
                t("pricing.price_row_management_fee", lang),
                t("pricing.price_unit_per_month", lang),
                period.months,
            )
        )
    for key, qid in (("startup", "start_up_pricing"), ("exit", "exit_pricing")):
        how = values.get(qid)
        if how == "fixed_price":
            rows.append(
                PriceRow(
                    key,
                    "oneoff",
                    None,
                    t(f"pricing.price_row_{key}", lang),
                    t("pricing.price_unit_fixed", lang),
                    1.0,
                )
            )
        elif how == "per_hour":
            rows.append(
                PriceRow(
                    key,
                    "oneoff",
                    None,
                    t(f"pricing.price_row_{key}", lang),
                    t("pricing.price_unit_per_hour", lang),
                    0.0,
                    source="bidder",
                )
            )
    for index, option in enumerate(values.get("price_options") or [], 1):
        rows.append(_option_row(bank, option, index, period, lang))
    return rows


def _channel_labels(bank: Bank, lang: str) -> dict[str, str]:
    from cc_rfp.core.bank import text

    question = bank.questions.get("channels")
    if question is None:
        return {}
    return {c.value: text(c.label, lang) for c in bank.choices(question)}


def _channel_row(
    values: Values,
    channel: str,
    model: str,
    label: str,
    period: Period,
    lang: str,
    estimate: StaffingEstimate | None,
) -> PriceRow:
    text = t(f"pricing.price_row_{model}", lang)
    unit = t(f"pricing.price_unit_{model}", lang)
    row_id = f"{channel}.{model}"
    volume = yearly_volume(values, channel)
    if model == "per_contact":
        quantity = volume * period.years if volume is not None else 0.0
        return PriceRow(row_id, "unit", channel, text, unit, quantity)
    if model == "per_minute":
        aht = channel_aht(values, channel)
        minutes = volume * aht / 60 * period.years if volume is not None and aht else 0.0
        return PriceRow(row_id, "unit", channel, text, unit, minutes)
    if model == "per_hour":
        hours = estimate.agent_hours_per_week * WEEKS_PER_YEAR * period.years if estimate else 0.0
        return PriceRow(row_id, "unit", channel, text, unit, hours, source="bidder")
    if model == "per_fte":
        fte_months = estimate.fte * period.months if estimate else 0.0
        return PriceRow(row_id, "unit", channel, text, unit, fte_months, source="bidder")
    return PriceRow(row_id, "fixed", channel, text, unit, period.months)  # fixed_month


def _option_row(
    bank: Bank, option: Mapping[str, Any], index: int, period: Period, lang: str
) -> PriceRow:
    from cc_rfp.core.values import choice_label

    fields = {f.id: f for f in bank.questions["price_options"].fields or []}
    kind = str(option.get("option"))
    name = choice_label(fields["option"].choices or [], kind, lang) or kind
    if option.get("description"):
        name = f"{name}: {option['description']}"
    unit_key = str(option.get("unit"))
    unit = choice_label(fields["unit"].choices or [], unit_key, lang) or unit_key
    per_year = float(option.get("quantity") or 0)
    quantity = per_year if unit_key == "fixed" else per_year * period.years
    weight = float(option.get("weight") or 0) / 100
    return PriceRow(f"option.{index}", "option", None, name, unit, quantity, weight)
