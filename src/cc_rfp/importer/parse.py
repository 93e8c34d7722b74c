"""Cells as exports write them: numbers with either decimal mark, durations, timestamps.

Each parser is called once per cell of a file of up to millions of rows, so the common case
(a plain integer, an ISO timestamp) takes the fast path first, and everything that repeats
(a date, a time-zone conversion) is cached.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any


class CellError(ValueError):
    """A cell that cannot be read; the message says what was expected (no line: the caller
    knows it)."""


def make_number(decimal_comma: bool) -> Callable[[Any], float]:
    """A number parser for a file: with ``decimal_comma`` "12,5" is 12.5, else 1,250 is 1250."""

    def number(cell: Any) -> float:
        if isinstance(cell, (int, float)) and not isinstance(cell, bool):
            return float(cell)
        if cell is None:
            return 0.0
        text = str(cell).strip()
        try:
            return float(text) if text else 0.0
        except ValueError:
            pass
        cleaned = text.replace("\u00a0", "").replace(" ", "").replace("%", "")
        cleaned = cleaned.replace(",", ".") if decimal_comma else cleaned.replace(",", "")
        try:
            return float(cleaned)
        except ValueError:
            raise CellError(f"'{text}' is not a number") from None

    return number


def make_duration(decimal_comma: bool) -> Callable[[Any], float]:
    """Seconds from "75", "75,5", "01:15" (mm:ss), "1:01:15" (h:mm:ss) or an Excel time."""
    number = make_number(decimal_comma)

    def duration(cell: Any) -> float:
        if type(cell) is str:
            text = cell.strip()
            if ":" not in text:
                try:
                    return float(text) if text else 0.0
                except ValueError:
                    pass
                try:
                    return number(text)
                except CellError:
                    raise CellError(
                        f"'{text}' is not a duration (seconds, mm:ss or hh:mm:ss)"
                    ) from None
            parts = text.split(":")
            try:
                if len(parts) == 2:
                    return int(parts[0]) * 60 + float(parts[1].replace(",", "."))
                if len(parts) == 3:
                    seconds = float(parts[2].replace(",", "."))
                    return int(parts[0]) * 3600 + int(parts[1]) * 60 + seconds
            except ValueError:
                pass
            raise CellError(f"'{text}' is not a duration (seconds, mm:ss or hh:mm:ss)")
        if isinstance(cell, (int, float)) and not isinstance(cell, bool):
            return float(cell)
        if isinstance(cell, dt.timedelta):
            return cell.total_seconds()
        if isinstance(cell, dt.time):
            return cell.hour * 3600 + cell.minute * 60 + cell.second + cell.microsecond / 1e6
        if cell is None:
            return 0.0
        return duration(str(cell))

    return duration


_DATE = re.compile(
    r"\s*(\d{4})-(\d{1,2})-(\d{1,2})|\s*(\d{1,2})[./](\d{1,2})[./](\d{4})|\s*(\d{4})(\d{2})(\d{2})\b"
)
_TIME = re.compile(
    r"[T ]?\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)
_TIME_ONLY = re.compile(r"\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*$")


@lru_cache(maxsize=8192)
def _date_ordinal(text: str) -> int:
    match = _DATE.match(text)
    if not match:
        raise CellError(f"'{text}' is not a date (YYYY-MM-DD, DD.MM.YYYY or YYYYMMDD)")
    g = match.groups()
    if g[0]:
        year, month, day = int(g[0]), int(g[1]), int(g[2])
    elif g[3]:
        year, month, day = int(g[5]), int(g[4]), int(g[3])
    else:
        year, month, day = int(g[6]), int(g[7]), int(g[8])
    try:
        return dt.date(year, month, day).toordinal()
    except ValueError:
        raise CellError(f"'{text}' is not a real date") from None


@lru_cache(maxsize=4096)
def _minutes(text: str) -> int:
    match = _TIME_ONLY.match(text)
    if not match:
        raise CellError(f"'{text}' is not a time of day (HH:MM)")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 24 or minute > 59:
        raise CellError(f"'{text}' is not a time of day (HH:MM)")
    return min(hour * 60 + minute, 1439)


class Clock:
    """Local (date ordinal, minute of day) from a timestamp, in the client's time zone.

    A timestamp with ``Z`` or an offset (Zendesk, Teams) is converted to ``tz``; one without
    is taken as local already, which is how phone systems in the Nordics export. The
    conversion is cached per (date, hour, offset), so it costs a dictionary lookup per row.
    """

    def __init__(self, tz: str) -> None:
        self.tz_name = tz
        self._zone: Any = None
        self._shift: dict[tuple[str, int, str], tuple[int, int]] = {}
        self.converted = 0

    def zone(self) -> Any:
        if self._zone is None:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                self._zone = ZoneInfo(self.tz_name)
            except (ZoneInfoNotFoundError, ValueError):
                raise CellError(
                    f"time zone '{self.tz_name}' is not known here (on Windows: pip install "
                    "tzdata); give --tz as a name such as Europe/Stockholm"
                ) from None
        return self._zone

    def stamp(self, cell: Any) -> tuple[int, int]:
        """(date ordinal, minute of day) of a timestamp cell."""
        if isinstance(cell, dt.datetime):
            if cell.tzinfo is not None:
                cell = cell.astimezone(self.zone())
            return cell.toordinal(), cell.hour * 60 + cell.minute
        if isinstance(cell, dt.date):
            return cell.toordinal(), 0
        text = str(cell).strip() if cell is not None else ""
        date_end = 10 if len(text) >= 10 and text[4:5] == "-" else None
        if date_end is None:
            match = _DATE.match(text)
            if not match:
                raise CellError(f"'{text}' is not a timestamp (date and time)")
            date_end = match.end()
        rest = text[date_end:]
        match = _TIME.match(rest)
        if not match:
            if rest.strip():
                raise CellError(f"'{text}' is not a timestamp (date and time)")
            return _date_ordinal(text[:date_end]), 0
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise CellError(f"'{text}' is not a timestamp (date and time)")
        offset = match.group(4)
        if not offset:
            return _date_ordinal(text[:date_end]), hour * 60 + minute
        key = (text[:date_end], hour, offset)
        found = self._shift.get(key)
        if found is None:
            found = self._convert(text[:date_end], hour, offset)
            self._shift[key] = found
        self.converted += 1
        return found[0], found[1] + minute

    def _convert(self, date_text: str, hour: int, offset: str) -> tuple[int, int]:
        """The local date and minute of the whole hour ``hour`` at ``offset`` (minutes kept)."""
        if offset == "Z":
            delta = dt.timedelta(0)
        else:
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            delta = sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
        day = dt.date.fromordinal(_date_ordinal(date_text))
        moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.timezone(delta))
        local = moment.astimezone(self.zone())
        return local.toordinal(), local.hour * 60 + local.minute

    def date_time(self, date_cell: Any, time_cell: Any) -> tuple[int, int]:
        """(date ordinal, minute of day) from separate date and time columns (local)."""
        if isinstance(date_cell, dt.date):  # a datetime is a date too
            ordinal = date_cell.toordinal()
        else:
            ordinal = _date_ordinal(str(date_cell).strip().split(" ")[0])
        if isinstance(time_cell, dt.time):
            return ordinal, time_cell.hour * 60 + time_cell.minute
        if isinstance(time_cell, dt.datetime):
            return ordinal, time_cell.hour * 60 + time_cell.minute
        if isinstance(time_cell, (int, float)) and not isinstance(time_cell, bool):
            return ordinal, round(float(time_cell) * 1440) % 1440  # Excel fraction of day
        return ordinal, _minutes(str(time_cell).strip())


def normalise_header(text: Any) -> str:
    """A header compared loosely: lower case, punctuation and repeated spaces gone."""
    cleaned = re.sub(r"[^\w%]+", " ", str(text or "").lower()).strip()
    return re.sub(r"\s+", " ", cleaned)


CACHE_LIMIT = 200_000
"""Distinct cell texts remembered per parser: exports repeat the same durations, times and
counts endlessly, so a dictionary lookup replaces most parses (bounded for memory)."""


def cached(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``parse`` with a bounded memory of the cells it has seen."""
    cache: dict[Any, Any] = {}
    get = cache.get

    def lookup(cell: Any) -> Any:
        value = get(cell)
        if value is None:
            value = parse(cell)
            if len(cache) < CACHE_LIMIT:
                cache[cell] = value
        return value

    return lookup


def make_stamp(
    columns: dict[str, int], clock: Clock, utc: bool
) -> Callable[[list[Any]], tuple[int, int]]:
    """(date ordinal, minute of day) of a row, from a timestamp column or a date and a time.

    An ISO text timestamp is split at the hour: the date-and-hour part (with its offset) is
    converted once and cached, the minutes are added; other forms go through ``Clock``.
    """
    if "start" not in columns:
        d, t = columns["date"], columns["time"]
        dates = cached(lambda cell: clock.date_time(cell, "00:00")[0])
        times = cached(lambda cell: clock.date_time(dt.date(2000, 1, 1), cell)[1])
        return lambda row: (dates(row[d]), times(row[t]))
    i = columns["start"]
    hours: dict[str, tuple[int, int]] = {}

    def full(cell: Any) -> tuple[int, int]:
        if utc:
            if isinstance(cell, dt.datetime) and cell.tzinfo is None:
                cell = cell.replace(tzinfo=dt.timezone.utc)
            elif isinstance(cell, str):
                text = cell.strip()
                cell = text if text.endswith("Z") or "+" in text[10:] else text + "Z"
        return clock.stamp(cell)

    def stamp(row: list[Any]) -> tuple[int, int]:
        cell = row[i]
        if (
            type(cell) is str
            and len(cell) >= 16
            and cell[4] == "-"
            and cell[13] == ":"
            and cell[10] in "T "
        ):
            if cell[-1] == "Z":
                key = cell[:13] + "Z"
            elif len(cell) >= 22 and cell[-6] in "+-" and cell[-3] == ":":
                key = cell[:13] + cell[-6:]
            else:
                key = cell[:13]
            base = hours.get(key)
            if base is None:
                tail = key[13:] or ""
                base = hours[key] = full(key[:13] + ":00" + tail)
            minutes = cell[14:16]
            if minutes.isdigit():
                return base[0], base[1] + int(minutes)
        return full(cell)

    return stamp
