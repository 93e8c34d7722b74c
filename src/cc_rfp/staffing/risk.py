"""Two figures a bid manager asks for before believing a staffing: how often a per-day target
fails at that staffing, and what turning interval needs into real shifts adds.

**Day risk.** Erlang gives the *expected* service level of an interval at a given arrival
rate. A day's real volume scatters around its forecast: at the very least by Poisson
randomness (a day expecting N contacts gets N ± √N), and in practice also by forecast error.
With the staffing of every interval held fixed, a day with X times its expected volume has
each interval's traffic scaled by X; the day's service level is the volume-weighted service
level of its intervals (Erlang A or C at the scaled traffic). It falls as X grows, so the day
fails exactly when X exceeds the factor x* where it crosses the target (found by bisection),
and the risk is P(day volume > x*·N): the Poisson tail, and, when today's forecast accuracy is
known, a normal tail whose variance adds the forecast error (a mean absolute percentage error
m is a standard deviation of m·√(π/2) for a normal error).

**Allowances.** The sizing gives agents per interval; people work shifts. Two stated additions:
*minimum cover* (at least one agent whenever a channel is open, however little traffic there
is) is the agent-hours that rule adds over the bare Erlang need; *shift fit* is the extra
agent-hours when each day's need is covered by shifts of ``MIN_SHIFT_HOURS``–``MAX_SHIFT_HOURS``
on the interval grid, laid greedily (each new shift starts at the first interval still short
and runs while the need is still uncovered, at least the shortest shift, moved earlier when
the day closes too soon). Breaks and absence are not in it: shrinkage covers them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cc_rfp.staffing.erlang import MAX_TRAFFIC, performance, sizing_cost
from cc_rfp.staffing.inputs import Channel
from cc_rfp.staffing.sizing import CHEAP_SIZING, Staffed

MIN_SHIFT_HOURS = 4.0
MAX_SHIFT_HOURS = 8.0
MAX_FACTOR = 20.0
"""A day at twenty times its forecast is beyond any risk worth a figure: probability 0."""
FACTOR_TOLERANCE = 1e-4


@dataclass(frozen=True)
class DayRisk:
    """One weekday's risk of missing a per-day service-level target."""

    day: int
    calls: float
    service_level: float
    """The day's expected service level at its forecast volume."""
    threshold: float
    """x*: the day misses the target when its volume exceeds this multiple of the forecast."""
    poisson: float
    """P(miss) with Poisson day volumes."""
    forecast: float | None
    """P(miss) with Poisson plus the client's forecast error, when that is known."""


def _groups(day: Sequence[Staffed]) -> list[tuple[int, float, float]]:
    """The day's intervals as (servers, traffic, calls) with equal staffing and traffic merged:
    the quarters of an hour share both, so a day costs one evaluation per distinct pair."""
    merged: dict[tuple[int, float], float] = {}
    for s in day:
        key = (s.servers, s.traffic)
        merged[key] = merged.get(key, 0.0) + s.slot.calls
    return [(servers, traffic, calls) for (servers, traffic), calls in merged.items()]


def day_service_level(
    channel: Channel, day: Sequence[Staffed], seconds: float, factor: float
) -> float:
    """The day's service level (answered within ``seconds`` / offered) at ``factor`` × volume."""
    return _level(channel, _groups(day), seconds, factor)


def _level(
    channel: Channel, groups: list[tuple[int, float, float]], seconds: float, factor: float
) -> float:
    calls = sum(c for _, _, c in groups)
    if calls <= 0:
        return 1.0
    total = 0.0
    for servers, base, weight in groups:
        traffic = base * factor
        if traffic > MAX_TRAFFIC:  # beyond the model: counted as missing the target
            return 0.0
        # The bounded-cost forms wherever an exact evaluation is not cheap: a bisection makes
        # dozens of evaluations per interval, and a risk figure needs no more than they give.
        approx = sizing_cost(traffic, channel.aht, channel.patience) > CHEAP_SIZING
        # Not the cached ``achieved``: every factor is a new traffic, and a bisection's
        # hundreds of one-off values would only push the week's own sizings out of it.
        perf = performance(
            servers, traffic, channel.aht, seconds, channel.patience, approximate=approx
        )
        total += weight * perf.service_level
    return total / calls


def threshold(channel: Channel, day: Sequence[Staffed], target: float, seconds: float) -> float:
    """The smallest volume factor at which the day's service level falls below ``target``
    (``math.inf`` when even ``MAX_FACTOR`` keeps it)."""

    groups = _groups(day)

    def fails(factor: float) -> bool:
        return _level(channel, groups, seconds, factor) < target - 1e-12

    if not fails(MAX_FACTOR):
        return math.inf
    low, high = 0.0, 1.0
    while not fails(high):
        low, high = high, high * 2
    while high - low > FACTOR_TOLERANCE:
        mid = (low + high) / 2
        if fails(mid):
            high = mid
        else:
            low = mid
    return high


def poisson_above(mean: float, limit: float) -> float:
    """P(N > limit) for N ~ Poisson(mean): exact sums up to a mean of 1,000, then the normal
    approximation with continuity correction (its error is far below the figures shown)."""
    if math.isinf(limit):
        return 0.0
    if limit < 0:
        return 1.0
    k = math.floor(limit)  # N > limit  ⇔  N ≥ k + 1
    if mean <= 0:
        return 0.0
    if mean > 1_000:
        return _normal_above((k + 0.5 - mean) / math.sqrt(mean))
    log_mean = math.log(mean)
    below = math.fsum(math.exp(j * log_mean - mean - math.lgamma(j + 1)) for j in range(k + 1))
    return min(1.0, max(0.0, 1.0 - below))


def _normal_above(z: float) -> float:
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def forecast_sd(accuracy_percent: float) -> float:
    """The relative standard deviation of a forecast error whose mean absolute percentage
    error is 100 − ``accuracy_percent`` (normal: MAPE = σ·√(2/π))."""
    return (100.0 - accuracy_percent) / 100.0 * math.sqrt(math.pi / 2.0)


def day_risks(
    channel: Channel,
    week: Sequence[Staffed],
    target: float,
    seconds: float,
    forecast_accuracy: float | None = None,
) -> list[DayRisk]:
    """The risk of missing ``target`` (a fraction, within ``seconds``) on each open weekday."""
    risks = []
    for day in range(7):
        slots = [s for s in week if s.slot.day == day]
        calls = sum(s.slot.calls for s in slots)
        if not slots or calls <= 0:
            continue
        x = threshold(channel, slots, target, seconds)
        with_forecast = None
        if forecast_accuracy is not None:
            sd = math.sqrt(calls + (forecast_sd(forecast_accuracy) * calls) ** 2)
            with_forecast = 0.0 if math.isinf(x) else _normal_above((x * calls - calls) / sd)
        risks.append(
            DayRisk(
                day=day,
                calls=calls,
                service_level=day_service_level(channel, slots, seconds, 1.0),
                threshold=x,
                poisson=poisson_above(calls, x * calls),
                forecast=with_forecast,
            )
        )
    return risks


# --------------------------------------------------------------------------- allowances


@dataclass(frozen=True)
class Allowances:
    """Agent-hours a week added to the interval sizing, each by its own stated rule."""

    agent_hours: float
    """The sized agent-hours (``sizing.agent_hours``) the shares are of."""
    minimum_cover_hours: float
    shift_hours: float
    """Agent-hours the greedy shifts cover in all (always ≥ ``agent_hours``)."""

    @property
    def shift_fit_hours(self) -> float:
        return self.shift_hours - self.agent_hours

    def share(self, hours: float) -> float:
        return hours / self.agent_hours if self.agent_hours > 0 else 0.0


def bare_agents(channel: Channel, s: Staffed) -> int:
    """What the targets alone need in an interval, without the one-agent minimum."""
    servers = max(s.needs, default=0)
    if channel.concurrency:
        return math.ceil(round(servers / channel.concurrency, 9))
    return servers


def allowances(channel: Channel, week: Sequence[Staffed], interval: int) -> Allowances:
    """Minimum cover and shift fit for a sized week (see the module's description)."""
    sized = sum(s.agents * s.slot.minutes for s in week) / 60
    cover = sum((s.agents - bare_agents(channel, s)) * s.slot.minutes for s in week) / 60
    shifts = 0.0
    for day in range(7):
        need = {s.slot.start // interval: s.agents for s in week if s.slot.day == day}
        if need:
            shifts += _shift_cover(need, interval)
    return Allowances(agent_hours=sized, minimum_cover_hours=cover, shift_hours=shifts)


def _shift_cover(need: dict[int, int], interval: int) -> float:
    """Agent-hours of greedy shifts covering ``need`` (agents per interval index of one day)."""
    first, last = min(need), max(need) + 1  # the open span of the day, in interval indexes
    shortest = max(1, round(MIN_SHIFT_HOURS * 60 / interval))
    longest = max(shortest, round(MAX_SHIFT_HOURS * 60 / interval))
    covered = dict.fromkeys(range(first, last), 0)
    total = 0
    for i in range(first, last):
        while covered[i] < need.get(i, 0):
            start = i
            end = start + 1
            while end < last and end - start < longest and covered[end] < need.get(end, 0):
                end += 1
            # Laying shifts one at a time, the next ones would take this same shape for as
            # long as every interval it runs through is still short: lay them together (a
            # million agents must not mean a million steps).
            count = min(need.get(j, 0) - covered[j] for j in range(start, end))
            end = max(end, min(last, start + shortest))
            start = max(first, min(start, end - shortest))
            for j in range(start, end):
                covered[j] += count
            total += count * (end - start)
    return total * interval / 60
