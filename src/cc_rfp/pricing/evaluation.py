"""Award models: the figures that decide who wins, computed the same way for every bid.

Notation as in the shared guide: EP a bid's evaluation price, s_k its score on criterion k on
the scale 0..S, M_k the criterion's maximum value in SEK (value-added model), u_k its surcharge
at score 0 (surcharge model), w_k and w_p percentage weights (relative points). The value-added
and surcharge models are absolute: a bid's figure does not depend on the other bids. Relative
points are not, which is why :func:`rank_reversal` exists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cc_rfp.pricing.rows import PriceRow

SCALE = 5.0
"""The published score scale 0..S."""

MODELS = ("lowest_price", "value_added", "surcharge", "relative_points")
LOWER_WINS = {
    "lowest_price": True,
    "value_added": True,
    "surcharge": True,
    "relative_points": False,
}


@dataclass(frozen=True)
class Criterion:
    """A quality criterion as the award models need it (fields unused by a model may be 0)."""

    name: str
    value_sek: float = 0.0
    surcharge_percent: float = 0.0
    weight: float = 0.0


@dataclass(frozen=True)
class Bid:
    """A (possibly fictitious) bid: its evaluation price and its score per criterion."""

    name: str
    price: float
    scores: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """One bid's comparison figure (SEK, or points for relative points) and its rank (1 = wins)."""

    name: str
    figure: float
    rank: int


def evaluation_price(
    rows: Sequence[PriceRow], prices: Mapping[str, float], quantities: Mapping[str, float] = {}
) -> float:
    """EP = Σ price × quantity × weight over the evaluated rows.

    ``prices`` by row id; ``quantities`` overrides a row's quantity (a bid's staffing-plan hours
    for ``source == "bidder"`` rows). A row without a price is an error, never a silent zero.
    """
    total = 0.0
    for row in rows:
        if row.weight <= 0:
            continue
        if row.id not in prices:
            raise KeyError(f"no price for row '{row.id}'")
        total += prices[row.id] * quantities.get(row.id, row.quantity) * row.weight
    return total


def quality_deduction(bid: Bid, criteria: Sequence[Criterion], scale: float = SCALE) -> float:
    """Σ M_k · s_k / S: the SEK a bid's quality is worth in the value-added model."""
    return sum(c.value_sek * _score(bid, c, scale) / scale for c in criteria)


def figure(
    model: str,
    bid: Bid,
    criteria: Sequence[Criterion],
    lowest_price: float | None = None,
    price_weight: float = 0.0,
    scale: float = SCALE,
) -> float:
    """The bid's comparison figure under ``model`` (relative points need ``lowest_price``)."""
    if model == "lowest_price":
        return bid.price
    if model == "value_added":
        return bid.price - quality_deduction(bid, criteria, scale)
    if model == "surcharge":
        surcharge = sum(
            c.surcharge_percent / 100 * (1 - _score(bid, c, scale) / scale) for c in criteria
        )
        return bid.price * (1 + surcharge)
    if model == "relative_points":
        if lowest_price is None:
            raise ValueError("relative points need the lowest evaluation price")
        price_points = price_weight * lowest_price / bid.price
        return price_points + sum(c.weight * _score(bid, c, scale) / scale for c in criteria)
    raise ValueError(f"unknown award model '{model}'")


def rank(
    model: str,
    bids: Sequence[Bid],
    criteria: Sequence[Criterion],
    price_weight: float = 0.0,
    scale: float = SCALE,
) -> list[Outcome]:
    """Every bid's figure and rank, in the order given (ties share a rank)."""
    if not bids:
        return []
    lowest = min(b.price for b in bids)
    figures = [figure(model, b, criteria, lowest, price_weight, scale) for b in bids]
    better = (lambda a, b: a < b) if LOWER_WINS[model] else (lambda a, b: a > b)
    out = []
    for bid, own in zip(bids, figures, strict=True):
        ahead = sum(1 for other in figures if better(round(other, 6), round(own, 6)))
        out.append(Outcome(bid.name, own, ahead + 1))
    return out


def winner(outcomes: Sequence[Outcome]) -> str | None:
    """The single winner's name, or None on a tie for first place."""
    first = [o.name for o in outcomes if o.rank == 1]
    return first[0] if len(first) == 1 else None


@dataclass(frozen=True)
class Reversal:
    """Whether adding a cheap, low-quality bid changes the winner between the others."""

    without: list[Outcome]
    with_cheap: list[Outcome]
    winner_without: str | None
    winner_with: str | None

    @property
    def flips(self) -> bool:
        return self.winner_with != self.winner_without and self.winner_with != self.cheap

    @property
    def cheap(self) -> str:
        return self.with_cheap[-1].name


def rank_reversal(
    model: str,
    bids: Sequence[Bid],
    cheap: Bid,
    criteria: Sequence[Criterion],
    price_weight: float = 0.0,
    scale: float = SCALE,
) -> Reversal:
    """Rank ``bids`` with and without ``cheap`` (which is placed last) under ``model``."""
    without = rank(model, bids, criteria, price_weight, scale)
    with_cheap = rank(model, [*bids, cheap], criteria, price_weight, scale)
    return Reversal(without, with_cheap, winner(without), winner(with_cheap))


def fictitious_bids(base_price: float, criteria: Sequence[Criterion]) -> tuple[list[Bid], Bid]:
    """Three bids in the shape of the guide's worked example, scaled to ``base_price``.

    A: full price and good quality (4 of 5); B: about two thirds of A's price and average
    quality (3); C: the cheap outlier at about 59 % of A's price with almost no quality (0.5).
    The ratios are the guide's (4,287,600 : 2,882,480 : 2,517,600), so the check behaves as
    the guide's example does and only the client's model and values change the answer.
    """
    ratios = (1.0, 2_882_480 / 4_287_600, 2_517_600 / 4_287_600)
    scores = (4.0, 3.0, 0.5)
    made = [
        Bid(name, base_price * ratio, {c.name: score for c in criteria})
        for name, ratio, score in zip("ABC", ratios, scores, strict=True)
    ]
    return made[:2], made[2]


def value_share(criteria: Sequence[Criterion], yearly_cost: float) -> float | None:
    """Σ M_k as a share (percent) of the estimated yearly cost; None without a cost."""
    if yearly_cost <= 0:
        return None
    return 100 * sum(c.value_sek for c in criteria) / yearly_cost


def _score(bid: Bid, criterion: Criterion, scale: float) -> float:
    score = float(bid.scores.get(criterion.name, 0.0))
    if not 0 <= score <= scale:
        raise ValueError(f"score {score} for '{criterion.name}' is outside 0..{scale:g}")
    return score
