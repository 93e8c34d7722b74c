"""Award models against the worked example in the shared guide (evaluation-and-price-forms.md)."""

from __future__ import annotations

import pytest

from cc_rfp.pricing import evaluation as ev
from cc_rfp.pricing.rows import PriceRow

# The guide's scenario: 41,000 phone, 15,600 email, 11,760 chat contacts, start-up 1.
ROWS = [
    PriceRow("phone.per_contact", "unit", "phone", "", "", 41_000),
    PriceRow("email.per_contact", "unit", "email", "", "", 15_600),
    PriceRow("chat.per_contact", "unit", "chat", "", "", 11_760),
    PriceRow("startup", "oneoff", None, "", "", 1),
]
UNIT_PRICES = {
    "A": (62.00, 48.00, 55.00, 350_000),
    "B": (43.00, 33.50, 38.00, 150_000),
    "C": (38.00, 30.00, 35.00, 80_000),
}
QUALITY = {"A": 4.0, "B": 3.0, "C": 0.5}


def bid(name: str, criteria: list[str]) -> ev.Bid:
    prices = dict(zip([r.id for r in ROWS], UNIT_PRICES[name], strict=True))
    return ev.Bid(name, ev.evaluation_price(ROWS, prices), dict.fromkeys(criteria, QUALITY[name]))


def test_evaluation_prices_match_the_guide() -> None:
    assert [bid(n, []).price for n in "ABC"] == [4_287_600, 2_882_480, 2_517_600]


def test_lowest_price_picks_c() -> None:
    assert ev.winner(ev.rank("lowest_price", [bid(n, []) for n in "ABC"], [])) == "C"


def test_proportional_points_reverse_the_rank_when_c_enters() -> None:
    quality = [ev.Criterion("quality", weight=60)]
    a, b, c = (bid(n, ["quality"]) for n in "ABC")
    without = ev.rank("relative_points", [a, b], quality, price_weight=40)
    assert [round(o.figure, 2) for o in without] == [74.89, 76.00]
    assert ev.winner(without) == "B"
    found = ev.rank_reversal("relative_points", [a, b], c, quality, price_weight=40)
    assert [round(o.figure, 2) for o in found.with_cheap] == [71.49, 70.94, 46.00]
    assert (found.winner_without, found.winner_with, found.flips) == ("B", "A", True)


def test_value_added_model_matches_the_guide_with_or_without_c() -> None:
    criteria = [ev.Criterion("solution", 1_000_000), ev.Criterion("transition", 500_000)]
    names = [c.name for c in criteria]
    a, b, c = (bid(n, names) for n in "ABC")
    found = ev.rank_reversal("value_added", [a, b], c, criteria)
    assert [o.figure for o in found.with_cheap] == pytest.approx([3_087_600, 1_982_480, 2_367_600])
    assert (found.winner_without, found.winner_with, found.flips) == ("B", "B", False)


def test_the_additive_form_ranks_identically() -> None:
    criteria = [ev.Criterion("solution", 1_000_000), ev.Criterion("transition", 500_000)]
    bids = [bid(n, [c.name for c in criteria]) for n in "ABC"]
    subtractive = ev.rank("value_added", bids, criteria)
    additive = [
        b.price + sum(c.value_sek for c in criteria) - ev.quality_deduction(b, criteria)
        for b in bids
    ]
    order = sorted(range(3), key=lambda i: additive[i])
    assert [subtractive[i].rank for i in order] == [1, 2, 3]


def test_surcharge_model_by_hand() -> None:
    criteria = [
        ev.Criterion("solution", surcharge_percent=20),
        ev.Criterion("team", surcharge_percent=10),
    ]
    one = ev.Bid("X", 1_000_000, {"solution": 5, "team": 0})
    # 1,000,000 × (1 + 0.20 × 0 + 0.10 × 1) = 1,100,000
    assert ev.figure("surcharge", one, criteria) == pytest.approx(1_100_000)


def test_fictitious_bids_follow_the_guide_ratios() -> None:
    criteria = [ev.Criterion("q", 1_000_000)]
    bids, cheap = ev.fictitious_bids(4_287_600, criteria)
    assert [round(b.price) for b in [*bids, cheap]] == [4_287_600, 2_882_480, 2_517_600]
    assert [b.scores["q"] for b in [*bids, cheap]] == [4.0, 3.0, 0.5]


def test_value_share_of_the_yearly_cost() -> None:
    criteria = [ev.Criterion("a", 300_000), ev.Criterion("b", 200_000)]
    assert ev.value_share(criteria, 5_000_000) == pytest.approx(10.0)
    assert ev.value_share(criteria, 0) is None


def test_a_missing_price_or_an_out_of_scale_score_is_an_error() -> None:
    with pytest.raises(KeyError, match="startup"):
        ev.evaluation_price(
            ROWS, {"phone.per_contact": 1, "email.per_contact": 1, "chat.per_contact": 1}
        )
    with pytest.raises(ValueError, match="outside"):
        ev.figure("value_added", ev.Bid("X", 1, {"q": 6}), [ev.Criterion("q", 1)])


def test_an_option_counts_with_its_weight_and_bidder_quantities_override() -> None:
    rows = [
        PriceRow("phone.per_hour", "unit", "phone", "", "", 1_000, source="bidder"),
        PriceRow("option.1", "option", None, "", "", 500, weight=0.5),
        PriceRow("option.2", "option", None, "", "", 500, weight=0.0),
    ]
    prices = {"phone.per_hour": 400, "option.1": 100, "option.2": 1_000_000}
    # 400 × 1,200 (the bid's own plan) + 100 × 500 × 0.5; option 2 is not evaluated
    assert ev.evaluation_price(rows, prices, {"phone.per_hour": 1_200}) == 480_000 + 25_000
