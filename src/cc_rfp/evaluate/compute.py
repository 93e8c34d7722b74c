"""The figures that decide the award, and the checks that show how firmly they decide it.

Every comparison figure comes from :mod:`cc_rfp.pricing.evaluation` (the published models);
this module adds what an evaluation needs around them: the "quality only" basis (a fixed
price, the best quality wins), the published tie-break, and four checks:

- each bid removed in turn: does the winner between the others change (rank reversal)?
- tipping points: which single SEK value, weight or surcharge, moved alone, changes the winner,
  and how far the winner's own evaluation price could rise before it loses;
- the ranking at 90, 100 and 120 % of the scenario volumes (fixed fees do not scale);
- evaluators whose scores of one bid on one criterion lie more than two steps apart.

Pure functions over plain values: no files, no language. The report phrases the results.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from cc_rfp.pricing import evaluation as ev
from cc_rfp.pricing.rows import PriceRow

QUALITY_ONLY = "quality_only"
"""The buyer fixes the price; the highest quality wins (``evaluation_basis: quality_only``)."""

MODELS = (*ev.MODELS, QUALITY_ONLY)
TIE_BREAKS = ("quality_then_lot", "price_then_lot", "lot")
VOLUME_LEVELS = (0.9, 1.0, 1.2)
SPREAD_LIMIT = 2.0
"""Evaluators more than this many steps apart on one bid and criterion are pointed out."""

_ROUND = 6
"""Figures equal to this many decimals are a tie (floating-point noise is not a lead)."""


@dataclass(frozen=True)
class Model:
    """The published award model: which formula, its criteria, the price weight and tie-break."""

    name: str
    criteria: tuple[ev.Criterion, ...] = ()
    price_weight: float = 0.0
    scale: float = ev.SCALE
    tie_break: str = "quality_then_lot"

    @property
    def lower_wins(self) -> bool:
        return self.name != QUALITY_ONLY and ev.LOWER_WINS[self.name]

    @property
    def needs_scores(self) -> bool:
        return self.name != "lowest_price"


def quality_factor(model: Model, criterion: ev.Criterion) -> float:
    """What a full score on ``criterion`` is worth in ``model`` (SEK, surcharge % or weight)."""
    if model.name == "value_added":
        return criterion.value_sek
    if model.name == "surcharge":
        return criterion.surcharge_percent
    if model.name == "relative_points":
        return criterion.weight
    if any(c.weight > 0 for c in model.criteria):
        return criterion.weight
    return 1.0


def quality(model: Model, bid: ev.Bid) -> float:
    """The bid's quality in the model's own currency: Σ factor_k · s_k / S (higher is better).

    For the value-added model it is the deduction in SEK, for points the quality points; the
    tie-break "highest quality" compares this.
    """
    return sum(
        quality_factor(model, c) * float(bid.scores.get(c.name, 0.0)) / model.scale
        for c in model.criteria
    )


def figures(model: Model, bids: Sequence[ev.Bid]) -> list[float]:
    """Each bid's comparison figure under ``model``, in the order given."""
    if not bids:
        return []
    if model.name == QUALITY_ONLY:
        return [quality(model, bid) for bid in bids]
    outcomes = ev.rank(model.name, bids, model.criteria, model.price_weight, model.scale)
    return [o.figure for o in outcomes]


@dataclass(frozen=True)
class Placed:
    """A bid's place after the tie-break: ``place`` 1 wins; ``tied`` says its figure equals
    another's; ``lot`` that the tie-break did not separate them either (lots are drawn)."""

    name: str
    price: float
    figure: float
    quality: float
    place: int
    tied: bool = False
    lot: bool = False


def rank(model: Model, bids: Sequence[ev.Bid]) -> list[Placed]:
    """The bids best first, ties broken by the published rule."""
    found = figures(model, bids)
    sign = 1 if model.lower_wins else -1

    def key(i: int) -> tuple[float, float]:
        bid = bids[i]
        by = 0.0
        if model.tie_break == "quality_then_lot":
            by = -round(quality(model, bid), _ROUND)
        elif model.tie_break == "price_then_lot":
            by = round(bid.price, _ROUND)
        return (sign * round(found[i], _ROUND), by)

    order = sorted(range(len(bids)), key=key)
    keys = [key(i) for i in order]
    out: list[Placed] = []
    for i, own in zip(order, keys, strict=True):
        out.append(
            Placed(
                bids[i].name,
                bids[i].price,
                found[i],
                quality(model, bids[i]),
                place=1 + keys.index(own),
                tied=sum(1 for k in keys if k[0] == own[0]) > 1,
                lot=keys.count(own) > 1,
            )
        )
    return out


def winner(placed: Sequence[Placed]) -> str | None:
    """The one bid in first place, or None when lots must be drawn (or no bid)."""
    first = [p.name for p in placed if p.place == 1]
    return first[0] if len(first) == 1 else None


# ---------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Removal:
    """The winner when ``removed`` is left out; ``flips``: a bid that is not the winner
    changes who wins between the others."""

    removed: str
    winner: str | None
    flips: bool


def without_each(model: Model, bids: Sequence[ev.Bid]) -> list[Removal]:
    """Re-rank with each bid removed in turn."""
    overall = winner(rank(model, bids))
    out = []
    for bid in bids:
        rest = [b for b in bids if b.name != bid.name]
        found = winner(rank(model, rest)) if rest else None
        flips = bid.name != overall and found != overall
        out.append(Removal(bid.name, found, flips))
    return out


@dataclass(frozen=True)
class Tipping:
    """How far one published parameter must move, alone, before the winner changes.

    ``kind``: ``value_sek``, ``surcharge_percent``, ``weight`` (of ``criterion``),
    ``price_weight``, or ``winner_price`` (the winner's evaluation price, SEK). ``threshold``
    None: no value of it changes the winner (within the range that makes sense).
    """

    kind: str
    criterion: str | None
    current: float
    threshold: float | None
    new_winner: str | None


def tipping_points(model: Model, bids: Sequence[ev.Bid]) -> list[Tipping]:
    """Every parameter of the model, moved alone; then the winner's own price."""
    placed = rank(model, bids)
    first = winner(placed)
    if first is None or len(bids) < 2:
        return []
    out: list[Tipping] = []
    kind = {
        "value_added": "value_sek",
        "surcharge": "surcharge_percent",
        "relative_points": "weight",
    }.get(model.name)
    if model.name == QUALITY_ONLY and any(c.weight > 0 for c in model.criteria):
        kind = "weight"
    if kind is not None:
        for index, criterion in enumerate(model.criteria):
            current = float(getattr(criterion, kind))

            def with_value(value: float, index: int = index, kind: str = kind) -> Model:
                changed = list(model.criteria)
                changed[index] = replace(changed[index], **{kind: value})
                return replace(model, criteria=tuple(changed))

            out.append(_tip(kind, criterion.name, current, with_value, bids, first))
    if model.name == "relative_points":
        out.append(
            _tip(
                "price_weight",
                None,
                model.price_weight,
                lambda value: replace(model, price_weight=value),
                bids,
                first,
            )
        )
    if model.name != QUALITY_ONLY:
        out.append(_winner_price(model, bids, first))
    return out


def _tip(
    kind: str,
    criterion: str | None,
    current: float,
    with_value: Callable[[float], Model],
    bids: Sequence[ev.Bid],
    first: str,
) -> Tipping:
    """Every model's figure is linear in one SEK value, surcharge or weight (the lowest price
    of relative points does not depend on them), so each rival's crossing is solved exactly,
    and the nearest crossing that really changes the winner is kept."""
    base = figures(with_value(current), bids)
    step = figures(with_value(current + 1.0), bids)
    names = [b.name for b in bids]
    w = names.index(first)
    candidates = []
    for i in range(len(bids)):
        slope = (step[i] - base[i]) - (step[w] - base[w])
        if i == w or abs(slope) < 1e-12:
            continue
        crossing = current - (base[i] - base[w]) / slope
        if crossing >= 0 and (kind == "value_sek" or crossing <= 100):
            candidates.append(crossing)
    for crossing in sorted(candidates, key=lambda x: abs(x - current)):
        beyond = crossing + (1e-6 * max(1.0, abs(crossing))) * (1 if crossing >= current else -1)
        if beyond < 0:
            continue
        new = winner(rank(with_value(beyond), bids))
        if new is not None and new != first:
            return Tipping(kind, criterion, current, crossing, new)
    return Tipping(kind, criterion, current, None, None)


def _winner_price(model: Model, bids: Sequence[ev.Bid], first: str) -> Tipping:
    """The winner's evaluation price at which another bid wins (bisection: relative price
    points are not linear in a bid's own price)."""
    index = [b.name for b in bids].index(first)
    current = bids[index].price

    def winner_at(price: float) -> str | None:
        changed = list(bids)
        changed[index] = replace(changed[index], price=price)
        return winner(rank(model, changed))

    high = max(current * 2, 1.0)
    for _ in range(40):
        if winner_at(high) != first:
            break
        high *= 2
    else:
        return Tipping("winner_price", None, current, None, None)
    low = current
    for _ in range(80):
        middle = (low + high) / 2
        if winner_at(middle) == first:
            low = middle
        else:
            high = middle
        if high - low <= 0.005:
            break
    return Tipping("winner_price", None, current, high, winner_at(high))


def evaluation_prices(
    rows: Sequence[PriceRow],
    prices: Mapping[str, Mapping[str, float]],
    plans: Mapping[str, Mapping[str, float]],
    volume: float = 1.0,
) -> dict[str, float]:
    """Each bid's evaluation price from the tender's rows (bid name -> SEK).

    ``plans`` gives a bid's own quantity for rows the bidder states (its staffing plan).
    ``volume`` scales the rows priced per unit (contacts, minutes, hours): fixed fees,
    one-off prices and options keep their quantity.
    """
    out = {}
    for name, own in prices.items():
        quantities = {}
        for row in rows:
            quantity = float(plans.get(name, {}).get(row.id, row.quantity))
            if row.kind == "unit":
                quantity *= volume
            quantities[row.id] = quantity
        out[name] = ev.evaluation_price(rows, own, quantities)
    return out


@dataclass(frozen=True)
class VolumeLevel:
    level: float
    placed: list[Placed]

    @property
    def winner(self) -> str | None:
        return winner(self.placed)


def volume_levels(
    model: Model,
    bids: Sequence[ev.Bid],
    rows: Sequence[PriceRow],
    prices: Mapping[str, Mapping[str, float]],
    plans: Mapping[str, Mapping[str, float]],
    levels: Sequence[float] = VOLUME_LEVELS,
) -> list[VolumeLevel]:
    """The ranking with every per-unit quantity at each level of the scenario volumes."""
    out = []
    for level in levels:
        priced = evaluation_prices(rows, prices, plans, level)
        scaled = [replace(b, price=priced[b.name]) for b in bids if b.name in priced]
        out.append(VolumeLevel(level, rank(model, scaled)))
    return out


@dataclass(frozen=True)
class Spread:
    """Evaluators' scores of one bid on one criterion that lie more than two steps apart."""

    bid: str
    criterion: str
    lowest: tuple[str, float]
    highest: tuple[str, float]

    @property
    def steps(self) -> float:
        return self.highest[1] - self.lowest[1]


def spreads(
    scores: Mapping[str, Mapping[str, Sequence[tuple[str, float]]]], limit: float = SPREAD_LIMIT
) -> list[Spread]:
    """``scores``: bid -> criterion -> [(evaluator, score)]."""
    out = []
    for bid, by_criterion in scores.items():
        for criterion, given in by_criterion.items():
            if len(given) < 2:
                continue
            low = min(given, key=lambda g: g[1])
            high = max(given, key=lambda g: g[1])
            if high[1] - low[1] > limit + 1e-9:
                out.append(Spread(bid, criterion, low, high))
    return out


def mean(values: Sequence[float]) -> float:
    """The criterion score of a bid: the mean of the evaluators' scores."""
    return math.fsum(values) / len(values) if values else 0.0
