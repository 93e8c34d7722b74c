"""Lay a channel's week out in intervals and size each one.

Each target is sized on its own per interval and the staffing is the largest of those
numbers: every measure improves with more agents, so that is exactly the smallest staffing
meeting all targets at once, and it also tells which target decides each interval (used by
the consistency findings) without sizing again. Sizings are cached because many intervals
share the same traffic (the four quarters of an hour, scenarios that leave a day unchanged).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from cc_rfp.staffing.erlang import Performance, Targets, performance, size, sizing_cost
from cc_rfp.staffing.inputs import Channel, Hours

DAY_MINUTES = 24 * 60
INTERVALS = (5, 10, 15, 20, 30, 60)
"""Interval lengths that divide an hour, so every interval lies within one hour's share."""


@dataclass(frozen=True)
class Slot:
    """One open interval of the week: weekday (0 = Monday), start minute, open minutes, calls."""

    day: int
    start: int
    minutes: float
    calls: float


def build_slots(
    weekly: float,
    weekday: tuple[float, ...],
    intraday: tuple[float, ...],
    hours: Hours,
    interval: int,
) -> list[Slot]:
    """Spread a week's volume over the open intervals.

    Weekday shares are renormalised over the open days and hour shares over the open hours,
    so volume asked for while closed is assumed to come when open. An interval gets its
    hour's share in proportion to the minutes of it that are open.
    """
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(map(str, INTERVALS))} minutes")
    open_days = [d for d in range(7) if hours[d] is not None]
    day_weights = [weekday[d] for d in open_days]
    if sum(day_weights) <= 0:  # only closed days had volume: spread evenly over open ones
        day_weights = [1.0] * len(open_days)
    week_total = sum(day_weights)
    slots: list[Slot] = []
    for day, day_weight in zip(open_days, day_weights, strict=True):
        start, end = hours[day]  # type: ignore[misc]
        cells = []
        for begin in range(0, DAY_MINUTES, interval):
            overlap = min(end, begin + interval) - max(start, begin)
            if overlap > 0:
                cells.append((begin, overlap, intraday[begin // 60] * overlap / 60))
        cell_total = sum(w for _, _, w in cells)
        if cell_total <= 0:  # no share in any open hour: spread evenly over open minutes
            cells = [(b, o, float(o)) for b, o, _ in cells]
            cell_total = sum(o for _, o, _ in cells)
        day_volume = weekly * day_weight / week_total
        slots += [Slot(day, b, o, day_volume * w / cell_total) for b, o, w in cells]
    return slots


CHEAP_SIZING = 20_000.0
"""Estimated steps (``sizing_cost``) of an exact sizing that is done exactly even in a channel
over its work budget: about a millisecond, so little is gained by approximating (Erlang C
stays exact up to about 2 million erlangs, Erlang A up to a few dozen erlangs unless callers
are far more patient than a call is long, where the normal approximation agrees closely)."""


def bounded(channel_approximate: bool, traffic: float, aht: float, patience: float | None) -> bool:
    """Whether this interval of a channel is sized with the bounded-cost approximations."""
    return channel_approximate and sizing_cost(traffic, aht, patience) > CHEAP_SIZING


@lru_cache(maxsize=200_000)
def needed(
    traffic: float,
    aht: float,
    targets: Targets,
    patience: float | None,
    approximate: bool = False,
) -> int:
    """Servers one target needs on this traffic (cached: intervals repeat)."""
    return size(traffic, aht, targets, patience, approximate=approximate).agents


@lru_cache(maxsize=200_000)
def achieved(
    servers: int,
    traffic: float,
    aht: float,
    seconds: float,
    patience: float | None,
    approximate: bool = False,
) -> Performance:
    return performance(servers, traffic, aht, seconds, patience, approximate=approximate)


@dataclass(frozen=True)
class Staffed:
    """One interval with its traffic, what each goal needs, and the staffing chosen."""

    slot: Slot
    traffic: float
    needs: tuple[int, ...]
    servers: int  # Erlang servers: agents, or chat places
    agents: int
    perf: Performance


def staff(
    channel: Channel,
    slots: list[Slot],
    goals: list[Targets],
    seconds: float,
    choose: tuple[int, ...] | None = None,
) -> list[Staffed]:
    """Size every slot for all ``goals`` (or keep only the goals at ``choose`` indexes).

    What a slot needs and achieves depends on its traffic alone, and a week repeats few
    traffics (the four quarters of an hour share one, closed days none), so each distinct
    traffic is sized once per call.
    """
    picked = range(len(goals)) if choose is None else choose
    by_traffic: dict[float, tuple[tuple[int, ...], int, int, Performance]] = {}
    result = []
    for slot in slots:
        traffic = slot.calls * channel.aht / (slot.minutes * 60)
        known = by_traffic.get(traffic)  # NaN never matches: it is worked out every time
        if known is None:
            approx = bounded(channel.approximate, traffic, channel.aht, channel.patience)
            needs = tuple(needed(traffic, channel.aht, g, channel.patience, approx) for g in goals)
            known = by_traffic[traffic] = (
                needs,
                *_chosen(channel, traffic, needs, picked, seconds),
            )
        result.append(Staffed(slot, traffic, *known))
    return result


def restaff(
    channel: Channel, week: list[Staffed], picked: tuple[int, ...], seconds: float
) -> list[Staffed]:
    """The same week staffed for only the goals at ``picked`` (no new sizing needed)."""
    by_traffic: dict[float, tuple[int, int, Performance]] = {}
    result = []
    for s in week:
        known = by_traffic.get(s.traffic)
        if known is None:
            known = by_traffic[s.traffic] = _chosen(channel, s.traffic, s.needs, picked, seconds)
        result.append(Staffed(s.slot, s.traffic, s.needs, *known))
    return result


def _chosen(
    channel: Channel,
    traffic: float,
    needs: tuple[int, ...],
    picked: range | tuple[int, ...],
    seconds: float,
) -> tuple[int, int, Performance]:
    """Servers, agents and what they achieve for the goals at ``picked``."""
    servers = max((needs[i] for i in picked), default=0)
    if channel.concurrency:
        agents = max(1, math.ceil(round(servers / channel.concurrency, 9)))
        servers = math.floor(round(agents * channel.concurrency, 9))
    else:
        agents = servers = max(1, servers)
    approx = bounded(channel.approximate, traffic, channel.aht, channel.patience)
    perf = achieved(servers, traffic, channel.aht, seconds, channel.patience, approx)
    return servers, agents, perf


def agent_hours(week: list[Staffed]) -> float:
    return sum(s.agents * s.slot.minutes for s in week) / 60


def fte(hours: float, fte_hours: float, shrinkage: float) -> float:
    """Full-time equivalents to cover ``hours`` of staffed time after shrinkage."""
    return hours / (fte_hours * (1.0 - shrinkage))


def weekly_kpis(week: list[Staffed]) -> dict[str, float]:
    """Volume-weighted results over the week (occupancy: busy over staffed server time)."""
    calls = sum(s.slot.calls for s in week)
    answered = sum(s.slot.calls * s.perf.answer_rate for s in week)
    staffed = sum(s.servers * s.slot.minutes for s in week)
    busy = sum(s.traffic * s.perf.answer_rate * s.slot.minutes for s in week)

    def mean(field: str) -> float:
        if calls <= 0:
            return 0.0
        return sum(s.slot.calls * getattr(s.perf, field) for s in week) / calls

    asa = (
        sum(s.slot.calls * s.perf.answer_rate * s.perf.asa for s in week) / answered
        if answered > 0
        else 0.0
    )
    return {
        "service_level": mean("service_level") if calls > 0 else 1.0,
        "asa_seconds": asa,
        "occupancy": busy / staffed if staffed > 0 else 0.0,
        "probability_of_waiting": mean("probability_of_waiting"),
        "abandon_rate": mean("abandon_rate"),
        "answer_rate": 1.0 - mean("abandon_rate"),
    }


def decisive(week: list[Staffed], index: int) -> int:
    """In how many intervals goal ``index`` needs the most servers (ties count for each)."""
    return sum(1 for s in week if s.needs and s.needs[index] == max(s.needs))


def heatmap(week: list[Staffed]) -> dict[str, list]:
    """Agents per weekday × hour (the most in any interval of the hour); None when closed."""
    grid: dict[tuple[int, int], int] = {}
    for s in week:
        key = (s.slot.day, s.slot.start // 60)
        grid[key] = max(grid.get(key, 0), s.agents)
    hours = sorted({h for _, h in grid})
    if hours:
        hours = list(range(hours[0], hours[-1] + 1))
    return {
        "hours": [f"{h:02d}" for h in hours],
        "labels": [f"{h:02d}–{h + 1:02d}" for h in hours],
        "agents": [[grid.get((d, h)) for h in hours] for d in range(7)],
    }


def shift_hours(hours: Hours, minutes: int) -> Hours:
    """Each open day ``minutes`` longer (closing later, or opening earlier at midnight) or
    shorter (closing earlier, never below one hour)."""
    changed: list[tuple[int, int] | None] = []
    for span in hours:
        if span is None:
            changed.append(None)
            continue
        start, end = span
        if minutes < 0:
            changed.append((start, end + minutes) if end + minutes - start >= 60 else span)
        elif end + minutes <= DAY_MINUTES:
            changed.append((start, end + minutes))
        elif start - minutes >= 0:
            changed.append((start - minutes, end))
        else:
            changed.append(span)
    return tuple(changed)


def longest_closed(hours: Hours) -> float:
    """The longest stretch in hours the channel is closed, around the week."""
    open_minutes = [False] * (7 * DAY_MINUTES)
    for day, span in enumerate(hours):
        if span is not None:
            for m in range(span[0], span[1]):
                open_minutes[day * DAY_MINUTES + m] = True
    if all(open_minutes):
        return 0.0
    if not any(open_minutes):
        return 7 * 24.0
    first_open = open_minutes.index(True)
    ring = open_minutes[first_open:] + open_minutes[:first_open]
    longest = run = 0
    for is_open in ring:
        run = 0 if is_open else run + 1
        longest = max(longest, run)
    return longest / 60
