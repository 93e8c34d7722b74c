"""Standard curves for a client who knows the month but not the hour or the weekday.

Most clients can say "the peak is 09–11" long before they can export an hourly curve. Refusing
to size until they can leaves the consultant with no staffing and no consistency check at the
very meeting where targets are set, so staffing fills the gap with a typical contact-centre
curve, bent to what the client did say (the opening hours, the stated peak hours), and every
reader is told it is an assumption (``a_intraday_standard`` / ``a_weekday_standard``).

The curves are generic shapes, not measurements of any one centre: a morning peak, a lunch
dip, a smaller early-afternoon hump and a tail into the evening; a heavy Monday easing towards
the weekend. Their exact values matter less than being stated, so the annex can say "replace
this with your own curve".
"""

from __future__ import annotations

from collections.abc import Iterable

STANDARD_INTRADAY: tuple[float, ...] = (
    0.2, 0.1, 0.1, 0.1, 0.1, 0.3,  # 00–06: night
    1.0, 3.5, 7.5, 10.0, 10.0, 9.0,  # 06–12: the morning build-up and peak
    7.5, 8.5, 8.0, 7.5, 6.5, 5.0,  # 12–18: lunch dip, afternoon hump, easing
    3.5, 2.5, 2.0, 1.5, 1.0, 0.5,  # 18–24: evening tail
)  # fmt: skip
"""Relative contacts per hour of an ordinary weekday (00–01 first); only the shape counts:
``build_slots`` renormalises over each channel's open hours."""

STANDARD_WEEKDAY: tuple[float, ...] = (19.0, 17.0, 16.0, 16.0, 15.0, 9.0, 8.0)
"""Relative contacts per weekday, Monday first (sums to 100); renormalised over open days."""

NON_PEAK_CAP = 0.85
"""With peak hours stated, every other hour is capped at this share of the peak hours' level,
so the stated hours are the busiest by a clear margin (and the standard peak does not stay)."""


def intraday_profile(peak_hours: Iterable[int] = ()) -> tuple[float, ...]:
    """The standard intraday curve, bent so the stated ``peak_hours`` (0–23) are the busiest.

    Each stated hour gets the curve's highest hourly value; every other hour keeps its value
    but at most ``NON_PEAK_CAP`` of that. With no peak hours stated the standard curve is
    returned as it is.
    """
    peaks = {h for h in peak_hours if 0 <= h < 24}
    if not peaks:
        return STANDARD_INTRADAY
    top = max(STANDARD_INTRADAY)
    cap = NON_PEAK_CAP * top
    return tuple(top if h in peaks else min(v, cap) for h, v in enumerate(STANDARD_INTRADAY))


def parse_peak_hours(value: object) -> tuple[int, ...]:
    """The hours (0–23) of a ``peak_hours`` answer (["h09", "h10"]); anything else is ignored."""
    if not isinstance(value, list):
        return ()
    hours: set[int] = set()
    for item in value:
        text = str(item).strip().lower().removeprefix("h")
        if text.isascii() and text.isdigit() and 0 <= int(text) < 24:
            hours.add(int(text))
    return tuple(sorted(hours))


def hour_ranges(hours: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive hours as (start, end) ranges: 9, 10, 14 → (9, 11), (14, 15)."""
    ranges: list[tuple[int, int]] = []
    for h in sorted(set(hours)):
        if ranges and ranges[-1][1] == h:
            ranges[-1] = (ranges[-1][0], h + 1)
        else:
            ranges.append((h, h + 1))
    return ranges
