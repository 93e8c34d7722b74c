"""Turning counts into shares: people often have "calls per weekday", not percentages."""

from __future__ import annotations

import math


def normalise(values: list[float], total: float = 100.0, decimals: int = 1) -> list[float]:
    """Scale ``values`` so they add up to exactly ``total`` at ``decimals`` places.

    Largest-remainder rounding keeps the sum exact: rounding 24 hourly shares one by one can
    drift by more than the bank's tolerance.
    """
    whole = sum(values)
    if whole <= 0 or any(v < 0 for v in values):
        raise ValueError("needs non-negative values with a positive sum")
    step = 10**decimals
    exact = [v * total * step / whole for v in values]
    floors = [math.floor(x) for x in exact]
    left = round(total * step) - sum(floors)
    order = sorted(range(len(values)), key=lambda i: exact[i] - floors[i], reverse=True)
    for i in order[: max(0, left)]:
        floors[i] += 1
    return [f / step for f in floors]


def needs_normalising(values: list[float], total: float, tolerance: float) -> bool:
    """Whether numbers meant as shares are off their total (so probably raw counts)."""
    return bool(values) and abs(sum(values) - total) > tolerance and sum(values) > 0
