"""The worked example priced on the client's own price form: rows × quantities → the evaluation
price of three fictitious bids, the comparison figures under the published model, whether the
cheap low-quality bid C changes the winner, and the yearly cost the SEK values are compared with.
Every expectation is a hand calculation from the stated market prices and the guide's ratios."""

from __future__ import annotations

from typing import Any

import pytest

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import load_bank
from cc_rfp.pricing import example as px
from cc_rfp.pricing.model import StaffingEstimate

BANK = load_bank()
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
ESTIMATE = {"phone": StaffingEstimate(agent_hours_per_week=100, fte=3.5)}
B_RATIO, C_RATIO = 2_882_480 / 4_287_600, 2_517_600 / 4_287_600


def flat(per_month: int) -> dict[str, int]:
    return dict.fromkeys(MONTHS, per_month)


def answers(**values: Any) -> Answers:
    """Phone per staffed hour, email per contact, chat per minute (a different model per
    channel), a management fee, fixed start-up, exit by the hour, two options."""
    base: dict[str, Any] = {
        "channels": ["phone", "email", "chat"],
        "volume_phone": flat(3_000),
        "volume_email": flat(1_000),  # 12,000 a year
        "volume_chat": flat(500),  # 6,000 a year
        "aht_phone": 300,
        "aht_chat": 600,
        "contract_months": 24,
        "pricing_model_source": "prescribed",
        "price_unit_phone": "per_hour",
        "price_unit_email": "per_contact",
        "price_unit_chat": "per_minute",
        "pricing_extras": ["management_fee"],
        "start_up_pricing": "fixed_price",
        "exit_pricing": "per_hour",
        "price_options": [
            {"option": "extended_hours", "unit": "per_hour", "quantity": 400, "weight": 50},
            {"option": "outbound", "unit": "per_contact", "quantity": 1_000, "weight": 0},
        ],
        "evaluation_basis": "price_and_quality",
        "evaluation_model": "value_added",
        "quality_criteria": [
            {"criterion": "Solution", "value_sek": 600_000},
            {"criterion": "Transition", "value_sek": 400_000},
        ],
    }
    base.update(values)
    return Answers(values=base)


def stated(price: float) -> float:
    return float(round(price)) if price >= 1_000 else round(price, 2)


# The rows over the 24-month evaluation period (one-off start-up: the contract length) with
# bid A's market prices: hand-made from the answers above.
HAND_ROWS = {
    "phone.per_hour": (100 * 52 * 2, 500.0, 1.0),  # 10,400 staffed hours (client's estimate)
    "email.per_contact": (24_000, 50.0, 1.0),
    "chat.per_minute": (6_000 * 10 * 2, 10.0, 1.0),  # 600 s = 10 minutes: 120,000 minutes
    "management_fee": (24, 45_000.0, 1.0),
    "startup": (1, 400_000.0, 1.0),
    "option.1": (800, 500.0, 0.5),  # extended hours per hour, weight 50 %
}


def test_the_client_rows_are_priced_at_the_stated_market_prices() -> None:
    found = px.worked_example(BANK, answers(), "en", ESTIMATE)
    assert {r.row.id: (r.quantity, r.prices[0], r.row.weight) for r in found.rows} == HAND_ROWS
    # exit by the hour: the bidder's plan gives its hours, the client has no estimate
    assert [r.id for r in found.left_out] == ["exit"]
    # option 2 has weight 0: priced in the form, no part of the evaluation price
    assert "option.2" not in {r.row.id for r in found.rows}


def test_evaluation_prices_of_a_b_and_c_by_hand() -> None:
    found = px.worked_example(BANK, answers(), "en", ESTIMATE)
    hand_a = (
        10_400 * 500  # 5,200,000
        + 24_000 * 50  # 1,200,000
        + 120_000 * 10  # 1,200,000
        + 24 * 45_000  # 1,080,000
        + 400_000
        + 800 * 500 * 0.5  # 200,000
    )
    assert hand_a == 9_280_000
    hand_b = sum(q * stated(p * B_RATIO) * w for q, p, w in HAND_ROWS.values())
    hand_c = sum(q * stated(p * C_RATIO) * w for q, p, w in HAND_ROWS.values())
    assert found.prices == pytest.approx((hand_a, hand_b, hand_c))
    # B's and C's unit prices as a bid states them: B's hour 336.14, C's contact 29.36
    by_id = {r.row.id: r for r in found.rows}
    assert by_id["phone.per_hour"].prices[1] == 336.14
    assert by_id["email.per_contact"].prices[2] == 29.36
    assert by_id["management_fee"].prices[1] == 30_253  # whole kronor from 1,000 up
    assert [b.price for b in found.bids] == pytest.approx([hand_a, hand_b, hand_c])


def test_the_yearly_cost_is_bid_a_recurring_rows_per_year() -> None:
    found = px.worked_example(BANK, answers(), "en", ESTIMATE)
    recurring = 5_200_000 + 1_200_000 + 1_200_000 + 1_080_000  # no start-up, no option
    assert found.yearly_cost == pytest.approx(recurring / 2)  # 4,340,000 a year
    assert found.value_share == pytest.approx(100 * 1_000_000 / 4_340_000)  # 23.0 %


def test_value_added_comparison_figures_and_the_cheap_bid() -> None:
    found = px.worked_example(BANK, answers(), "en", ESTIMATE)
    ep_a, ep_b, ep_c = found.prices
    figures = [o.figure for o in found.reversal.with_cheap]
    # J = EP − ΣM × s / 5 with scores 4, 3 and 0.5 on both criteria (ΣM = 1,000,000)
    assert figures == pytest.approx([ep_a - 800_000, ep_b - 600_000, ep_c - 100_000])
    assert found.reversal.winner_without == "B"
    assert found.cheap_wins and not found.reversal.flips


def test_values_needed_is_where_c_stops_winning() -> None:
    found = px.worked_example(BANK, answers(), "en", ESTIMATE)
    ep_a, ep_b, ep_c = found.prices
    # values scaled by λ: C loses to bid i once λ·(Dᵢ − D_C) > EPᵢ − EP_C, with deductions
    # D = 800,000 (A), 600,000 (B), 100,000 (C) at today's 1,000,000
    hand = min((ep_b - ep_c) / 500_000, (ep_a - ep_c) / 700_000) * 1_000_000
    assert found.values_needed == pytest.approx(hand)
    for factor, c_wins in ((0.99, True), (1.01, False)):
        total = found.values_needed * factor
        scaled = answers(
            quality_criteria=[
                {"criterion": "Solution", "value_sek": round(total * 0.6)},
                {"criterion": "Transition", "value_sek": round(total * 0.4)},
            ]
        )
        again = px.worked_example(BANK, scaled, "en", ESTIMATE)
        assert again.cheap_wins is c_wins


def test_points_model_flips_the_winner_as_in_the_guide() -> None:
    points = answers(
        evaluation_model="relative_points",
        price_weight=40,
        quality_criteria=[{"criterion": "Quality", "weight": 60}],
    )
    found = px.worked_example(BANK, points, "en", ESTIMATE)
    # the bids keep the guide's proportions, so they behave as the guide's example does:
    # B wins between A and B, C enters and A wins (rank reversal)
    assert (found.reversal.winner_without, found.reversal.winner_with) == ("B", "A")
    assert found.reversal.flips
    ep_a, ep_b, ep_c = found.prices
    a, b, c = (o.figure for o in found.reversal.with_cheap)
    assert a == pytest.approx(40 * ep_c / ep_a + 60 * 4 / 5)
    assert b == pytest.approx(40 * ep_c / ep_b + 60 * 3 / 5)
    assert c == pytest.approx(40 + 60 * 0.5 / 5)
    assert found.value_share is None and found.values_needed is None


def test_lowest_price_ranks_by_the_evaluation_price() -> None:
    found = px.worked_example(BANK, answers(evaluation_basis="price_only"), "en", ESTIMATE)
    assert found.award.model == "lowest_price" and found.award.criteria == []
    assert found.reversal.winner_with == "C"


def test_no_award_figures_while_the_model_cannot_be_computed() -> None:
    missing = answers(quality_criteria=[{"criterion": "Solution"}])  # no SEK value
    found = px.worked_example(BANK, missing, "en", ESTIMATE)
    assert found.reversal is None and found.rows  # the form is still priced


def test_without_a_staffing_estimate_hour_rows_are_left_out() -> None:
    found = px.worked_example(BANK, answers(), "en", {})
    assert "phone.per_hour" in [r.id for r in found.left_out]
    assert found.yearly_cost == pytest.approx((1_200_000 + 1_200_000 + 1_080_000) / 2)


def test_a_channel_at_a_fixed_monthly_fee_pays_its_contacts_at_the_contact_price() -> None:
    found = px.worked_example(BANK, answers(price_unit_email="fixed_month"), "en", ESTIMATE)
    row = {r.row.id: r for r in found.rows}["email.fixed_month"]
    assert (row.quantity, row.prices[0]) == (24, 1_000 * 50)


def test_a_bidder_proposed_model_is_priced_per_contact_in_the_example() -> None:
    values = answers(pricing_model_source="bidder_proposes")
    for key in ("price_unit_phone", "price_unit_email", "price_unit_chat", "price_options"):
        del values.values[key]
    found = px.worked_example(BANK, values, "en", ESTIMATE)
    quantities = {r.row.id: r.quantity for r in found.rows if r.row.channel}
    assert quantities == {
        "phone.per_contact": 72_000,
        "email.per_contact": 24_000,
        "chat.per_contact": 12_000,
    }


def test_the_guide_ratios_and_scores() -> None:
    assert px.RATIOS[1] == pytest.approx(B_RATIO) and px.RATIOS[2] == pytest.approx(C_RATIO)
    assert px.SCORES == (4.0, 3.0, 0.5)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(
    "change",
    [
        {},
        {"evaluation_basis": "price_only"},
        {
            "evaluation_model": "relative_points",
            "price_weight": 40,
            "quality_criteria": [{"criterion": "Quality", "weight": 60}],
        },
    ],
    ids=["value_added", "lowest_price", "relative_points"],
)
def test_the_document_prints_the_computed_example(lang: str, change: dict[str, Any]) -> None:
    from cc_rfp.document import catalog
    from cc_rfp.document.render import render_document
    from cc_rfp.i18n.numbers import format_number
    from cc_rfp.io import resources

    values = answers(**change)
    found = px.worked_example(BANK, values, lang)
    text = render_document(BANK, values, lang=lang, draft=True)
    texts = catalog.load(resources.templates_dir())
    ep_row = next(
        line for line in text.splitlines() if texts.text("evaluation.example_ep", lang) in line
    )
    for price in found.prices:
        assert f"**{format_number(price, lang, 0)}**" in ep_row
    winner = found.reversal.winner_with
    assert f"| {winner} |" in text
    if change.get("evaluation_basis") == "price_only":
        assert texts.text("evaluation.example_lowest_wins", lang) in text
    elif found.reversal.flips:
        assert texts.text("evaluation.example_flips", lang) in text


def test_surcharge_model_figures_by_hand() -> None:
    surcharge = answers(
        evaluation_model="surcharge",
        quality_criteria=[
            {"criterion": "Solution", "surcharge_percent": 30},
            {"criterion": "Transition", "surcharge_percent": 20},
        ],
    )
    found = px.worked_example(BANK, surcharge, "en", ESTIMATE)
    ep_a, ep_b, ep_c = found.prices
    # J = EP × (1 + Σ uₖ × (1 − s ÷ 5)), uₖ = 0.3 and 0.2, so Σ uₖ = 0.5
    expected = [ep_a * (1 + 0.5 * 0.2), ep_b * (1 + 0.5 * 0.4), ep_c * (1 + 0.5 * 0.9)]
    assert [o.figure for o in found.reversal.with_cheap] == pytest.approx(expected)
    assert found.value_share is None  # no SEK values in a surcharge model
