"""The evaluation as a whole: qualified bids priced, scored, ranked and checked.

:func:`evaluate` works on verdicts read from bidders' folders; :func:`simulate` on fictitious
bids made before the tender is published (dear and good, average, cheap and poor, in the
proportions of the shared guide's worked example), so the consultant sees whether the
published model rewards what the client wants. Both give an :class:`Outcome` the report
phrases.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cc_rfp.evaluate import compute as cp
from cc_rfp.evaluate.qualify import Verdict
from cc_rfp.evaluate.scores import Scores
from cc_rfp.evaluate.tender import Tender
from cc_rfp.pricing import evaluation as ev

SIMULATED = ("dear_good", "average", "cheap_poor")
"""The fictitious bids, in the order ``pricing.evaluation.fictitious_bids`` makes them."""


@dataclass
class Outcome:
    tender: Tender
    verdicts: list[Verdict]
    names: dict[str, str]
    """bid key -> the name the report shows."""
    bids: list[ev.Bid]
    placed: list[cp.Placed]
    removals: list[cp.Removal]
    tipping: list[cp.Tipping]
    volumes: list[cp.VolumeLevel]
    spreads: list[cp.Spread]
    scores: Scores | None = None
    simulated: bool = False
    base_price: float | None = None
    prices: dict[str, dict[str, float]] = field(default_factory=dict)
    plans: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def winner(self) -> str | None:
        return cp.winner(self.placed)

    @property
    def lots(self) -> list[str]:
        """The bids sharing first place after the tie-break (lots are drawn between them)."""
        first = [p.name for p in self.placed if p.place == 1]
        return first if len(first) > 1 else []

    def by_status(self, status: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == status]


def evaluate(tender: Tender, verdicts: list[Verdict], scores: Scores | None) -> Outcome:
    """Rank the qualified bids under the published model and run every check."""
    model = tender.model
    qualified = [v for v in verdicts if v.status == "qualified" and v.price is not None]
    bids = [
        ev.Bid(v.key, float(v.price or 0.0), scores.of(v.key) if scores else {}) for v in qualified
    ]
    prices = {v.key: dict(v.files.prices.prices) for v in qualified}
    plans = {v.key: dict(v.files.prices.plan) for v in qualified}
    return Outcome(
        tender=tender,
        verdicts=verdicts,
        names={v.key: v.name for v in verdicts},
        bids=bids,
        placed=cp.rank(model, bids),
        removals=cp.without_each(model, bids) if len(bids) > 1 else [],
        tipping=cp.tipping_points(model, bids),
        volumes=cp.volume_levels(model, bids, tender.rows, prices, plans) if bids else [],
        spreads=cp.spreads({k: v for k, v in scores.pairs().items() if k in prices})
        if scores
        else [],
        scores=scores,
        prices=prices,
        plans=plans,
    )


def simulate(tender: Tender, base_price: float, names: Mapping[str, str]) -> Outcome:
    """The published model applied to three fictitious bids. ``names`` gives each its label
    (keys of :data:`SIMULATED`)."""
    model = tender.model
    criteria = list(model.criteria) or [ev.Criterion("-")]
    made, cheap = ev.fictitious_bids(base_price, criteria)
    bids = [
        ev.Bid(key, bid.price, dict(bid.scores) if model.criteria else {})
        for key, bid in zip(SIMULATED, [*made, cheap], strict=True)
    ]
    return compare(tender, bids, names, base_price)


def compare(
    tender: Tender, bids: list[ev.Bid], names: Mapping[str, str], base_price: float | None = None
) -> Outcome:
    """Bids given as prices and scores (fictitious, or a worked example) under the tender's
    model, with the checks that need no price form."""
    model = tender.model
    return Outcome(
        tender=tender,
        verdicts=[],
        names=dict(names),
        bids=bids,
        placed=cp.rank(model, bids),
        removals=cp.without_each(model, bids),
        tipping=cp.tipping_points(model, bids),
        volumes=[],
        spreads=[],
        simulated=True,
        base_price=base_price,
    )
