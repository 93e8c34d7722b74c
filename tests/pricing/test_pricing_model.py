"""The price form follows each channel's model; the evaluation price adds exactly its rows;
validate names a model that cannot be computed."""

from __future__ import annotations

from typing import Any

import pytest

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import load_bank
from cc_rfp.core.validate import validate_answers
from cc_rfp.pricing import evaluation as ev
from cc_rfp.pricing.model import StaffingEstimate, price_rows

BANK = load_bank()
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def flat(per_month: int) -> dict[str, int]:
    return dict.fromkeys(MONTHS, per_month)


def answers(**values: Any) -> Answers:
    base: dict[str, Any] = {
        "channels": ["phone", "email", "chat"],
        "volume_phone": flat(3_000),  # 36,000 a year
        "volume_email": flat(1_000),  # 12,000
        "volume_chat": flat(500),  # 6,000
        "aht_phone": 300,
        "contract_months": 24,
        "pricing_model_source": "prescribed",
        "price_unit_phone": "per_hour",
        "price_unit_email": "per_contact",
        "price_unit_chat": "per_minute",
        "pricing_extras": ["management_fee", "incentives"],
        "aht_chat": 600,
        "start_up_pricing": "fixed_price",
        "exit_pricing": "included",
        "price_options": [
            {"option": "extended_hours", "unit": "per_hour", "quantity": 400, "weight": 50},
            {"option": "outbound", "unit": "per_contact", "quantity": 1_000, "weight": 0},
        ],
    }
    base.update(values)
    return Answers(values=base)


def test_each_channel_gets_only_its_own_models_rows() -> None:
    estimate = {"phone": StaffingEstimate(agent_hours_per_week=100, fte=3.5)}
    rows = price_rows(BANK, answers(), "en", estimate)
    assert [r.id for r in rows] == [
        "phone.per_hour",
        "email.per_contact",
        "chat.per_minute",
        "management_fee",
        "startup",
        "option.1",
        "option.2",
    ]
    by_id = {r.id: r for r in rows}
    # one-off start-up: the evaluation period is the contract, 24 months = 2 years
    assert by_id["email.per_contact"].quantity == 24_000
    assert by_id["chat.per_minute"].quantity == 6_000 * 600 / 60 * 2  # 120,000 minutes
    assert by_id["phone.per_hour"].source == "bidder"
    assert by_id["phone.per_hour"].quantity == 100 * 52 * 2  # the client's estimate only
    assert by_id["management_fee"].quantity == 24
    assert by_id["startup"].quantity == 1
    assert (by_id["option.1"].quantity, by_id["option.1"].weight) == (800, 0.5)
    assert not by_id["option.2"].evaluated
    assert "Commission" not in " ".join(r.text for r in rows)


def test_the_evaluation_price_against_a_hand_calculation() -> None:
    rows = price_rows(BANK, answers(), "en")
    prices = {
        "phone.per_hour": 420.0,
        "email.per_contact": 40.0,
        "chat.per_minute": 8.0,
        "management_fee": 30_000.0,
        "startup": 250_000.0,
        "option.1": 500.0,
        "option.2": 99.0,
    }
    plan = {"phone.per_hour": 9_000.0}  # the bid's binding staffing plan for two years
    hand = (
        420 * 9_000  # phone per staffed hour: 3,780,000
        + 40 * 24_000  # email per contact: 960,000
        + 8 * 120_000  # chat per minute: 960,000
        + 30_000 * 24  # management fee: 720,000
        + 250_000  # start-up
        + 500 * 800 * 0.5  # extended hours, weight 50 %: 200,000
    )  # outbound has weight 0: priced, not evaluated
    assert ev.evaluation_price(rows, prices, plan) == pytest.approx(hand) == 6_870_000


def test_without_one_off_prices_the_scenario_period_holds() -> None:
    rows = price_rows(
        BANK, answers(start_up_pricing="included", scenario_period="first_year"), "en"
    )
    assert {r.id: r.quantity for r in rows}["email.per_contact"] == 12_000


def test_a_bidder_proposed_model_has_no_channel_rows() -> None:
    values = answers(pricing_model_source="bidder_proposes")
    for key in (
        "price_unit_phone",
        "price_unit_email",
        "price_unit_chat",
        "pricing_extras",
        "price_options",
    ):
        del values.values[key]
    assert [r.id for r in price_rows(BANK, values, "en")] == ["startup"]


def _problems(**values: Any) -> dict[str, str]:
    found = validate_answers(BANK, answers(**values))
    return {
        p.question: p.message
        for p in found
        if (p.question and "quality" in p.question)
        or p.question in {"price_weight", "price_unit_chat"}
    }


def test_validate_names_a_criterion_without_a_sek_value() -> None:
    found = _problems(
        evaluation_basis="price_and_quality",
        evaluation_model="value_added",
        quality_criteria=[{"criterion": "Solution", "value_sek": 500_000}, {"criterion": "Team"}],
    )
    assert "quality_criteria[1].value_sek" in found
    assert "SEK" in found["quality_criteria[1].value_sek"]
    assert "quality_criteria[0].value_sek" not in found


def test_validate_names_points_weights_that_do_not_add_up() -> None:
    found = _problems(
        evaluation_basis="price_and_quality",
        evaluation_model="relative_points",
        price_weight=40,
        quality_criteria=[{"criterion": "Solution", "weight": 50}],
    )
    assert "90" in found["price_weight"]


def test_validate_names_a_per_minute_channel_without_handling_time() -> None:
    values = answers()
    del values.values["aht_chat"]
    found = {p.question: p.message for p in validate_answers(BANK, values)}
    assert "handling time" in found["price_unit_chat"]
