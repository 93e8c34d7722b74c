"""The shared guide's worked example, evaluated: the value-added ranking does not depend on the
cheap bid C; under relative points C flips the winner between A and B, and the report warns.

Bids (scenario: 41,000 phone, 15,600 email, 11,760 chat contacts, start-up 1):
A 4,287,600 SEK, quality 4.0; B 2,882,480, 3.0; C 2,517,600, 0.5.
"""

from __future__ import annotations

import dataclasses

import pytest

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.evaluate import compute as cp
from cc_rfp.evaluate.outcome import compare
from cc_rfp.evaluate.report import render_report
from cc_rfp.evaluate.tender import load_tender
from cc_rfp.pricing.evaluation import Bid, Criterion
from tests.conftest import EXAMPLE

SCENARIO = {"phone": 41_000, "email": 15_600, "chat": 11_760, "startup": 1}
PRICES = {
    "A": {"phone": 62.00, "email": 48.00, "chat": 55.00, "startup": 350_000},
    "B": {"phone": 43.00, "email": 33.50, "chat": 38.00, "startup": 150_000},
    "C": {"phone": 38.00, "email": 30.00, "chat": 35.00, "startup": 80_000},
}
QUALITY = {"A": 4.0, "B": 3.0, "C": 0.5}


def ep(bid: str) -> float:
    return sum(PRICES[bid][row] * SCENARIO[row] for row in SCENARIO)


def bids(model: str, names: str = "ABC") -> list[Bid]:
    keys = ("solution", "transition") if model == "value_added" else ("quality",)
    return [Bid(n, ep(n), dict.fromkeys(keys, QUALITY[n])) for n in names]


VALUE_ADDED = cp.Model(
    "value_added", (Criterion("solution", 1_000_000), Criterion("transition", 500_000))
)
POINTS = cp.Model("relative_points", (Criterion("quality", weight=60),), price_weight=40)


def test_the_evaluation_prices_are_the_guides() -> None:
    assert (ep("A"), ep("B"), ep("C")) == (4_287_600, 2_882_480, 2_517_600)


def test_lowest_price_picks_c() -> None:
    assert cp.winner(cp.rank(cp.Model("lowest_price"), bids("lowest_price"))) == "C"


def test_value_added_ranks_b_first_with_or_without_c() -> None:
    placed = cp.rank(VALUE_ADDED, bids("value_added"))
    assert {p.name: round(p.figure) for p in placed} == {
        "A": 3_087_600,
        "B": 1_982_480,
        "C": 2_367_600,
    }
    assert cp.winner(placed) == "B"
    assert cp.winner(cp.rank(VALUE_ADDED, bids("value_added", "AB"))) == "B"
    assert not any(r.flips for r in cp.without_each(VALUE_ADDED, bids("value_added")))


def test_relative_points_flip_the_winner_when_c_comes_in() -> None:
    two = {p.name: round(p.figure, 2) for p in cp.rank(POINTS, bids("points", "AB"))}
    assert two == {"A": 74.89, "B": 76.00}
    three = cp.rank(POINTS, bids("points"))
    assert {p.name: round(p.figure, 2) for p in three} == {"A": 71.49, "B": 70.94, "C": 46.00}
    assert cp.winner(three) == "A"
    flips = [r for r in cp.without_each(POINTS, bids("points")) if r.flips]
    assert [(r.removed, r.winner) for r in flips] == [("C", "B")]


@pytest.fixture(scope="module")
def tender():
    return load_tender(load_bank(None), load_answers(EXAMPLE), "en", with_requirements=False)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_report_warns_under_points_and_not_under_value_added(tender, lang) -> None:
    names = {n: f"Bid {n}" for n in "ABC"}
    points = dataclasses.replace(tender, model=POINTS, lang=lang)
    text = render_report(compare(points, bids("points"), names))
    warning = {
        "sv": "**Varning:** utan Bid C vinner Bid B, med det vinner Bid A.",
        "en": ("**Warning:** without Bid C, Bid B wins; with it, Bid A wins."),
    }[lang]
    assert warning in text
    assert "71,49" in text if lang == "sv" else "71.49" in text
    value = dataclasses.replace(tender, model=VALUE_ADDED, lang=lang)
    text = render_report(compare(value, bids("value_added"), names))
    assert ("Varning" if lang == "sv" else "Warning") not in text.split("## ")[-2]
    stable = {
        "sv": "Vinnaren är densamma vilket anbud som än tas bort",
        "en": "The winner is the same whichever bid is removed",
    }[lang]
    assert stable in text
    assert ("1 982 480" if lang == "sv" else "1,982,480") in text.replace("\u00a0", " ")


def test_tipping_points_of_the_worked_example() -> None:
    """Value-added: B leads C by 385,120 SEK; C's deficit is 2.5 steps on each criterion, so
    lowering the solution value by 385,120 / 0.5 = 770,240 SEK would hand C the award."""
    tips = {(t.kind, t.criterion): t for t in cp.tipping_points(VALUE_ADDED, bids("value_added"))}
    solution = tips[("value_sek", "solution")]
    assert solution.threshold == pytest.approx(1_000_000 - 770_240)
    assert solution.new_winner == "C"
    price = tips[("winner_price", None)]
    assert price.threshold == pytest.approx(2_882_480 + 385_120, abs=0.01)
    assert price.new_winner == "C"


def test_simulate_starts_from_the_tenders_own_worked_example() -> None:
    """Without --base-price the dear bid costs what bid A of the tender's worked example does
    (its own rows and quantities at market prices); an empty file falls back to the round
    figure."""
    from cc_rfp.commands.evaluate import DEFAULT_BASE_PRICE, _market_base_price
    from cc_rfp.core.answers import Answers, load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.pricing.example import worked_example

    bank, answers = load_bank(None), load_answers(EXAMPLE)
    dear = _market_base_price(bank, answers, "sv")
    assert dear == worked_example(bank, answers, "sv").prices[0] > 0
    assert dear != DEFAULT_BASE_PRICE
    assert _market_base_price(bank, Answers(), "sv") == DEFAULT_BASE_PRICE
