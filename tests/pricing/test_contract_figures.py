"""The contract schedules' figures against hand calculations (and the shared guide's example)."""

from __future__ import annotations

import pytest

from cc_rfp.pricing import contract_figures as cf
from cc_rfp.pricing.contract_figures import IndexTerm, PenaltyRule


# ----- price adjustment ------------------------------------------------------------------
def test_index_formula_matches_the_guide_example():
    # evaluation-and-price-forms.md: p0 = 54.00, s = 0.85, I0 = 165.0, I1 = 170.4 -> 55.50
    p1 = cf.adjusted_price(54.00, 85, [IndexTerm(1.0, 165.0, 170.4)])
    assert p1 == pytest.approx(54 * (1 + 0.85 * 5.4 / 165))
    assert cf.money(p1) == 55.50


def test_only_the_indexed_share_moves():
    assert cf.adjusted_price(100, 0, [IndexTerm(1.0, 100, 120)]) == 100
    assert cf.adjusted_price(100, 100, [IndexTerm(1.0, 100, 120)]) == pytest.approx(120)
    assert cf.adjusted_price(100, 50, [IndexTerm(1.0, 100, 90)]) == pytest.approx(95)


def test_two_indices_are_weighted():
    # 80 % labour cost index +4 %, 20 % CPI +2 %: change 3.6 %, 90 % indexed -> +3.24 %
    terms = [IndexTerm(0.8, 100, 104), IndexTerm(0.2, 200, 204)]
    assert cf.index_change(terms) == pytest.approx(0.036)
    assert cf.adjusted_price(250, 90, terms) == pytest.approx(250 * 1.0324)


@pytest.mark.parametrize(
    "terms",
    [[], [IndexTerm(0.5, 100, 101)], [IndexTerm(1.0, 0, 101)]],
    ids=["none", "weights", "zero"],
)
def test_index_clause_refuses_what_cannot_be_computed(terms):
    with pytest.raises(ValueError):
        cf.adjusted_price(100, 85, terms)


def test_index_example_uses_the_buyers_share():
    example = cf.index_example(85)
    assert example.indexed_share_percent == 85
    assert example.change_percent == pytest.approx(100 * (170.4 - 165) / 165)
    assert example.adjusted_price == 102.78  # 100 * (1 + 0.85 * 0.0327272...) = 102.7818...
    assert cf.index_example(60).adjusted_price == 101.96  # 100 * (1 + 0.6 * 0.0327272...)


def test_money_rounds_half_up():
    assert cf.money(2.675) == 2.68  # binary float would round this down
    assert cf.money(55.5018) == 55.50


# ----- penalties and bonus -----------------------------------------------------------------
SL = PenaltyRule("service_level", "at_least", 80, 0.5)
ASA = PenaltyRule("asa", "at_most", 30, 0.1, cap_percent=2)


def test_penalty_per_point_below_the_threshold():
    assert cf.penalty_percent(SL, 80) == 0
    assert cf.penalty_percent(SL, 85) == 0
    assert cf.penalty_percent(SL, 77) == pytest.approx(1.5)
    assert cf.penalty_percent(SL, 71.5) == pytest.approx(4.25)


def test_penalty_for_a_time_target_counts_upwards_and_keeps_its_own_cap():
    assert cf.penalty_percent(ASA, 25) == 0
    assert cf.penalty_percent(ASA, 45) == pytest.approx(1.5)
    assert cf.penalty_percent(ASA, 90) == 2  # 6 % before the KPI's own cap


def test_month_total_is_capped_on_the_invoice():
    month = cf.month_penalty([SL, ASA], [70, 50], cap_percent=8)
    assert month.per_rule == pytest.approx((5.0, 2.0))
    assert month.total_percent == pytest.approx(7.0)
    assert not month.capped and month.capped_percent == pytest.approx(7.0)
    worse = cf.month_penalty([SL, ASA], [60, 50], cap_percent=8)
    assert worse.total_percent == pytest.approx(12.0)
    assert worse.capped and worse.capped_percent == 8
    assert cf.amount(worse.capped_percent, 1_250_000) == 100_000.00


def test_month_penalty_needs_one_result_per_rule():
    with pytest.raises(ValueError):
        cf.month_penalty([SL, ASA], [70], cap_percent=None)


def test_example_result_stays_on_the_scale():
    assert cf.example_result("at_least", 80, percent_scale=True) == 77
    assert cf.example_result("at_most", 30, percent_scale=False) == 33
    assert cf.example_result("at_least", 2, percent_scale=True) == 0
    assert cf.example_result("at_most", 99, percent_scale=True) == 100


def test_bonus_counts_units_better_than_the_threshold():
    assert cf.bonus_percent("at_least", 75, 0.5, 74, cap_percent=8) == 0
    assert cf.bonus_percent("at_least", 75, 0.5, 79, cap_percent=8) == pytest.approx(2.0)
    assert cf.bonus_percent("at_least", 75, 0.5, 100, cap_percent=8) == 8
    assert cf.bonus_percent("at_most", 30, 0.1, 20, cap_percent=None) == pytest.approx(1.0)


def test_earn_back_needs_every_following_month_met():
    assert cf.earned_back([True, True, True], 3)
    assert not cf.earned_back([True, False, True], 3)
    assert not cf.earned_back([True, True], 3)  # not yet
    assert not cf.earned_back([True, True, True], 0)  # no earn-back agreed


def test_negative_rates_are_refused():
    with pytest.raises(ValueError):
        PenaltyRule("x", "at_least", 80, -1)


# ----- volume floor ----------------------------------------------------------------------
def test_floor_and_shortfall_in_whole_units():
    assert cf.floor_units(3417, 85) == 2904  # 2904.45
    assert cf.floor_units(1000, 85.05) == 851  # 850.5 rounds half up
    assert cf.shortfall_units(3417, 3000, 85) == 0
    assert cf.shortfall_units(3417, 2800, 85) == 104


def test_floor_example_adds_up():
    example = cf.floor_example(3416.67, 85, 50)
    assert example.forecast == 3417
    assert example.floor == 2904
    assert example.actual == 2563  # 75 % of 3417 = 2562.75
    assert example.short == 341
    assert example.floor - example.actual == example.short
    assert example.charged_units == pytest.approx(170.5)


def test_floor_percent_outside_0_to_100_is_refused():
    with pytest.raises(ValueError):
        cf.floor_units(100, 120)


# ----- the figures reach the document from this module, not from template arithmetic ------
def _render(lang: str, **changes: object) -> str:
    from cc_rfp.core.answers import Answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.document.render import render_document

    values: dict[str, object] = {
        "channels": ["phone"],
        "volume_phone": dict.fromkeys(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            2000,
        ),
        "kpi_targets": [
            {
                "kpi": "service_level",
                "channel": "phone",
                "percent": 80,
                "seconds": 20,
                "level": "mandatory",
                "interval": "day",
                "reporting": "daily",
            },
            {"kpi": "asa", "channel": "phone", "seconds": 30, "level": "mandatory"},
        ],
        "bonus_malus": "both",
        "bonus_malus_cap_percent": 2,
        "penalty_schedule": [
            {"kpi": "service_level", "channel": "phone", "per_unit_percent": 0.5},
            {"kpi": "asa", "channel": "phone", "per_unit_percent": 0.25, "cap_percent": 0.5},
        ],
        "bonus_kpi": "nps",
        "bonus_threshold": 40,
        "bonus_per_unit_percent": 0.2,
        "volume_floor_percent": 90,
        "volume_floor_charge_percent": 40,
        "price_adjustment_index": "aki",
        "indexed_share_percent": 60,
        **changes,
    }
    return render_document(load_bank(), Answers(values=values), lang=lang)


def test_schedules_print_the_computed_figures():
    doc = _render("en")
    # service level with the buyer's own numbers, never "x % within y s"
    assert "At least 80% of offered contacts are answered within 20 s." in doc
    assert "x % within y s" not in doc
    # penalties: 80 - 3 = 77 -> 3 points x 0.5 = 1.5 %; ASA 33 s -> 3 x 0.25 = 0.75, own cap 0.5
    assert "Result 77%: 3 percentage points from the threshold gives 1.50%" in doc
    assert "Result 33 s: 3 seconds from the threshold gives 0.50%" in doc
    # 1.5 + 0.5 = 2.0, not above the 2 % cap
    assert "the penalties would add up to 2% of the monthly invoice" in doc
    # bonus on NPS: 43 is 3 points above 40 -> 0.6 %
    assert "a result of +43 is 3 points above the threshold and gives 0.60%" in doc
    # floor: 2000 a month, 90 % -> 1800; outcome 80 % = 1600; 200 short x 40 % = 80 unit prices
    assert "| Phone | 2,000 | 1,800 | 1,600 | 200 | 80.0 |" in doc
    # index: 100 x (1 + 0.6 x 5.4/165) = 101.96
    assert "= SEK 101.96" in doc


def test_the_cap_shows_when_the_examples_exceed_it():
    rows = [
        {"kpi": "service_level", "channel": "phone", "per_unit_percent": 1},
        {"kpi": "asa", "channel": "phone", "per_unit_percent": 1},
    ]
    doc = _render("sv", penalty_schedule=rows)
    assert "blev summan 6 % av månadsfakturan; taket på 2 % gör att 2 % dras av" in doc
