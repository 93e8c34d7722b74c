"""Figures and data-quality findings from the buckets of one import.

The window is the last twelve whole calendar months the files cover (a month counts when
every one of its days lies inside the files' period), so a 24-month export fills the bank's
twelve-month tables with the most recent year and keeps the rest in the sources record. With
fewer than twelve whole months the monthly table is not filled and the other figures use
the whole period; the summary says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
import statistics
from dataclasses import dataclass, field
from typing import Any

from cc_rfp.importer.buckets import (
    ABD,
    ANS,
    HANDLE,
    HANDLED,
    IN_SL,
    OFFERED,
    OTH,
    SL_BASE,
    SLOT_MINUTES,
    WAIT_ALL,
    WAIT_ANS,
    WAITED_ANS,
    Store,
)

OUTLIER_FACTOR = 10.0
"""A day this many times the median of its neighbours (three days either side) is named."""
MAX_NAMED = 5


@dataclass(frozen=True)
class Finding:
    """One line of the summary: a catalogue key (``import.q_*``) and its figures."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class ChannelFigures:
    """What one channel's history says, over the window."""

    channel: str
    months: dict[str, int]
    """Offered contacts per whole calendar month of the period ("2024-01": n)."""
    monthly: list[int] | None
    """The window's twelve months, January first (the bank's months keyset), or None."""
    offered: float
    answered: float
    abandoned: float
    other: float
    weekday: list[float]
    """Mean offered per weekday (Monday first), as shares in percent."""
    intraday: list[float]
    """Offered per hour of Monday to Friday, as shares in percent."""
    aht: float | None
    asa: float | None
    answer_rate: float | None
    service_level: float | None
    patience: float | None
    """Total wait of every contact / abandons: the patience estimate from a per-contact log."""


@dataclass
class Derived:
    channels: dict[str, ChannelFigures]
    period: tuple[dt.date, dt.date]
    window: tuple[dt.date, dt.date]
    whole_months: int
    findings: list[Finding]


def shares(values: list[float], decimals: int = 1) -> list[float]:
    """Percentages that add up to exactly 100 at ``decimals`` (largest remainder)."""
    total = sum(values)
    if total <= 0:
        return [0.0] * len(values)
    unit = 10**decimals
    raw = [v / total * 100 * unit for v in values]
    floors = [math.floor(r) for r in raw]
    short = 100 * unit - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - floors[i], reverse=True)
    for i in order[:short]:
        floors[i] += 1
    return [f / unit for f in floors]


def _whole_months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        start = dt.date(year, month, 1)
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        if start >= first and end <= last:
            months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def derive(store: Store) -> Derived:
    """Every figure and finding of one import."""
    firsts = [f.first for f in store.files if f.first is not None]
    lasts = [f.last for f in store.files if f.last is not None]
    first, last = dt.date.fromordinal(min(firsts)), dt.date.fromordinal(max(lasts))
    whole = _whole_months(first, last)
    if len(whole) >= 12:
        (y0, m0), (y1, m1) = whole[-12], whole[-1]
        window = (dt.date(y0, m0, 1), dt.date(y1, m1, calendar.monthrange(y1, m1)[1]))
    else:
        window = (first, last)
    lo, hi = window[0].toordinal(), window[1].toordinal()
    findings: list[Finding] = []
    channels = {}
    for channel, buckets in store.buckets.items():
        channels[channel] = _channel(channel, buckets, whole, lo, hi, len(whole) >= 12)
        findings += _outliers(channel, buckets, first.toordinal(), last.toordinal())
        if CONTACT_SHAPE in store.shapes:
            findings += _empty_days(channel, buckets, first.toordinal(), last.toordinal())
    findings = _file_findings(store, whole) + findings + _slot_findings(store)
    return Derived(channels, (first, last), window, len(whole), findings)


CONTACT_SHAPE = "contact"


def _channel(
    channel: str,
    buckets: dict[int, list[float]],
    whole: list[tuple[int, int]],
    lo: int,
    hi: int,
    full_year: bool,
) -> ChannelFigures:
    months: dict[str, float] = {f"{y:04d}-{m:02d}": 0.0 for y, m in whole}
    sums = [0.0] * 12
    per_weekday = [0.0] * 7
    per_hour = [0.0] * 24
    window_months = [0.0] * 12
    for key, cell in buckets.items():
        ordinal, hour = divmod(key, 24)
        day = dt.date.fromordinal(ordinal)
        label = f"{day.year:04d}-{day.month:02d}"
        if label in months:
            months[label] += cell[OFFERED]
        if not lo <= ordinal <= hi:
            continue
        for i in (OFFERED, ANS, ABD, OTH, HANDLE, HANDLED, WAIT_ANS, WAITED_ANS, IN_SL, SL_BASE):
            sums[i] += cell[i]
        per_weekday[day.weekday()] += cell[OFFERED]
        if day.weekday() < 5:
            per_hour[hour] += cell[OFFERED]
        window_months[day.month - 1] += cell[OFFERED]
    wait_all = sum(c[WAIT_ALL] for k, c in buckets.items() if lo <= k // 24 <= hi)
    days_of = [0] * 7
    for ordinal in range(lo, hi + 1):
        days_of[dt.date.fromordinal(ordinal).weekday()] += 1
    means = [per_weekday[i] / days_of[i] if days_of[i] else 0.0 for i in range(7)]
    if sum(per_hour) == 0:  # a weekend-only channel: its curve from every day
        for key, cell in buckets.items():
            if lo <= key // 24 <= hi:
                per_hour[key % 24] += cell[OFFERED]
    offered, answered, abandoned = sums[OFFERED], sums[ANS], sums[ABD]
    return ChannelFigures(
        channel=channel,
        months={k: round(v) for k, v in months.items()},
        monthly=[round(v) for v in window_months] if full_year else None,
        offered=offered,
        answered=answered,
        abandoned=abandoned,
        other=sums[OTH],
        weekday=shares(means),
        intraday=shares(per_hour),
        aht=sums[HANDLE] / sums[HANDLED] if sums[HANDLED] and sums[HANDLE] else None,
        asa=sums[WAIT_ANS] / sums[WAITED_ANS] if sums[WAITED_ANS] else None,
        answer_rate=answered / offered * 100 if offered and (answered or abandoned) else None,
        service_level=sums[IN_SL] / sums[SL_BASE] * 100 if sums[SL_BASE] else None,
        patience=wait_all / abandoned if abandoned and wait_all else None,
    )


def _daily(buckets: dict[int, list[float]]) -> dict[int, float]:
    days: dict[int, float] = {}
    for key, cell in buckets.items():
        days[key // 24] = days.get(key // 24, 0.0) + cell[OFFERED]
    return days


def _outliers(channel: str, buckets: dict[int, list[float]], lo: int, hi: int) -> list[Finding]:
    days = _daily(buckets)
    named = []
    for ordinal in range(lo, hi + 1):
        value = days.get(ordinal, 0.0)
        around = [
            days.get(o, 0.0)
            for o in range(max(ordinal - 3, lo), min(ordinal + 3, hi) + 1)
            if o != ordinal
        ]
        middle = statistics.median(around) if around else 0.0
        if middle > 0 and value > OUTLIER_FACTOR * middle:
            named.append((ordinal, value, middle))
    if not named:
        return []
    shown = ", ".join(
        f"{dt.date.fromordinal(o).isoformat()} ({round(v)} / {round(m)})"
        for o, v, m in named[:MAX_NAMED]
    )
    return [Finding("import.q_outliers", {"channel": channel, "count": len(named), "days": shown})]


def _empty_days(channel: str, buckets: dict[int, list[float]], lo: int, hi: int) -> list[Finding]:
    """Days without a single contact where the same weekday usually has traffic: a gap?"""
    days = _daily(buckets)
    by_weekday: dict[int, list[float]] = {}
    for ordinal in range(lo, hi + 1):
        by_weekday.setdefault(ordinal % 7, []).append(days.get(ordinal, 0.0))
    empty = [
        o
        for o in range(lo, hi + 1)
        if days.get(o, 0.0) == 0 and statistics.median(by_weekday[o % 7]) > 0
    ]
    if not empty:
        return []
    shown = ", ".join(dt.date.fromordinal(o).isoformat() for o in empty[:MAX_NAMED])
    return [
        Finding("import.q_empty_days", {"channel": channel, "count": len(empty), "days": shown})
    ]


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, calendar.monthrange(year, month)[1])
    return day - dt.timedelta(days=(day.weekday() - 6) % 7)


def _slot_findings(store: Store) -> list[Finding]:
    """Missing and repeated intervals of interval files, per queue, summed over queues."""
    if not store.slots:
        return []
    length = _interval_length(store)
    step = max(length // SLOT_MINUTES, 1)
    per_day = 1440 // length
    missing_gap = missing_zero = dst_repeats = repeats = dst_missing = rows = 0
    for days in store.slots.values():
        lo, hi = min(days), max(days)
        ndays = hi - lo + 1
        have = [0] * per_day
        for day in days.values():
            for s in range(per_day):
                if day[s * step]:
                    have[s] += 1
        for ordinal in range(lo, hi + 1):
            day = days.get(ordinal)
            date = dt.date.fromordinal(ordinal)
            spring = date == _last_sunday(date.year, 3)
            autumn = date == _last_sunday(date.year, 10)
            for s in range(per_day):
                count = day[s * step] if day is not None else 0
                rows += count
                in_dst_hour = 120 <= s * length < 180
                if count == 0:
                    if spring and in_dst_hour:
                        dst_missing += 1
                    elif have[s] * 2 >= ndays:
                        missing_gap += 1
                    else:
                        missing_zero += 1
                elif count > 1:
                    if autumn and in_dst_hour:
                        dst_repeats += count - 1
                    else:
                        repeats += count - 1
    out = [
        Finding(
            "import.q_intervals",
            {
                "length": length,
                "queues": len(store.slots),
                "gap": missing_gap,
                "zero": missing_zero,
            },
        )
    ]
    if dst_repeats or dst_missing:
        out.append(Finding("import.q_dst", {"repeats": dst_repeats, "missing": dst_missing}))
    if repeats:
        out.append(Finding("import.q_repeats", {"count": repeats}))
    return out


def _interval_length(store: Store) -> int:
    if store.interval_minutes:
        value = store.interval_minutes.most_common(1)[0][0]
        if value in (15, 30, 60):
            return value
    steps: list[int] = []
    for days in store.slots.values():
        for day in days.values():
            filled = [i for i, c in enumerate(day) if c]
            if len(filled) >= 3:
                steps.append(min(b - a for a, b in itertools.pairwise(filled)) * SLOT_MINUTES)
                break
    value = min(steps) if steps else 60
    return value if value in (15, 30, 60) else 60


def _file_findings(store: Store, whole: list[tuple[int, int]]) -> list[Finding]:
    """The definitions assumed and what the rows themselves showed."""
    out: list[Finding] = []
    if len(whole) < 12:
        out.append(Finding("import.q_short_period", {"months": len(whole)}))
    if store.mismatched_rows:
        out.append(
            Finding(
                "import.q_mismatch",
                {"rows": store.mismatched_rows, "difference": round(store.mismatch)},
            )
        )
    if store.other_outcomes:
        top = ", ".join(f"{k or '–'} {v}" for k, v in store.other_outcomes.most_common(4))
        out.append(
            Finding("import.q_other", {"count": sum(store.other_outcomes.values()), "values": top})
        )
    if store.unknown_outcomes:
        top = ", ".join(f"'{k}' {v}" for k, v in store.unknown_outcomes.most_common(4))
        out.append(Finding("import.q_unknown_outcome", {"values": top}))
    if store.transfers:
        out.append(Finding("import.q_transfers", {"count": store.transfers}))
    elif CONTACT_SHAPE in store.shapes and not store.seen_ids:
        out.append(Finding("import.q_no_ids", {}))
    if "interval" in store.shapes:
        out.append(Finding("import.q_interval_transfers", {}))
    if store.short_abandons or store.short_in_file:
        key = (
            "import.q_short_dropped" if store.options.drop_short_abandons else "import.q_short_kept"
        )
        count = store.short_abandons + round(store.short_in_file)
        out.append(Finding(key, {"count": count, "seconds": store.options.short_abandon}))
    if store.outbound:
        out.append(Finding("import.q_outbound", {"count": store.outbound}))
    if store.skipped_ivr:
        out.append(Finding("import.q_ivr", {"count": store.skipped_ivr}))
    summary = sum(f.summary_rows for f in store.files)
    if summary:
        out.append(Finding("import.q_summary_rows", {"count": summary}))
    with_acw = {"acw", "acw_avg", "acw_total", "handle", "handle_avg", "handle_total"}
    if store.handle_parts and not with_acw & store.handle_parts:
        out.append(Finding("import.q_no_acw", {}))
    return out
