"""Stream export rows into per-channel hourly buckets, noting every data-quality doubt.

A bucket is one channel's hour on one day (key ``date ordinal * 24 + hour``) holding sums:
a year of 20 queues collapses into at most 8,760 buckets per channel, whatever the row count.
Interval rows add their counts and totals; per-contact rows are counted by queue-entry time.
Quality facts (slots seen per queue, repeats, call ids, outcomes read as "other") are kept
as counts beside the buckets, never as copies of the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cc_rfp.errors import InputError
from cc_rfp.importer.parse import (
    CellError,
    Clock,
    cached,
    make_duration,
    make_number,
    make_stamp,
    normalise_header,
)
from cc_rfp.importer.profiles import (
    ABANDONED,
    ANSWERED,
    CONTACT,
    INBOUND,
    MEDIA,
    OTHER,
    OUTCOMES,
    SKIP,
    Profile,
)
from cc_rfp.importer.readers import Table

# The sums each bucket holds (indices into its list).
OFFERED, ANS, ABD, OTH, HANDLE, HANDLED, WAIT_ANS, WAITED_ANS, IN_SL, SL_BASE, WAIT_ALL = range(11)
SHORT, SIZE = 11, 12

MAX_ROW_ERRORS = 20
"""Unreadable rows named one by one; beyond this the message counts the rest."""
SLOT_MINUTES = 15
SUMMARY_ROWS = frozenset({"total", "totalt", "summa", "sum", "totals"})

KEYWORDS = (
    ("chat", "chat"), ("chatt", "chat"), ("mail", "email"), ("e-post", "email"),
    ("epost", "email"), ("sms", "sms"), ("whatsapp", "sms"), ("social", "social"),
    ("facebook", "social"), ("instagram", "social"), ("tel", "phone"), ("phone", "phone"),
    ("voice", "phone"), ("samtal", "phone"), ("växel", "phone"),
)  # fmt: skip
"""Words in a queue name that tell its channel when nothing else does (first match wins)."""


@dataclass
class Options:
    """What the person said on the command line that changes how rows are read."""

    channels: dict[str, str] = field(default_factory=dict)
    """Queue name (lower case) -> channel, or "ignore"."""
    tz: str = "Europe/Stockholm"
    sl_seconds: float = 20.0
    short_abandon: float = 5.0
    drop_short_abandons: bool = False


@dataclass
class FileFacts:
    """What one file held, for the summary and the sources record."""

    name: str
    profile: Profile
    rows: int = 0
    first: int | None = None  # date ordinals
    last: int | None = None
    queues: Counter[str] = field(default_factory=Counter)
    summary_rows: int = 0


@dataclass
class Store:
    """Buckets per channel plus the quality counts, filled by every file of one import."""

    options: Options
    buckets: dict[str, dict[int, list[float]]] = field(default_factory=dict)
    queue_channel: dict[str, str] = field(default_factory=dict)
    unmapped: Counter[str] = field(default_factory=Counter)
    # interval files
    slots: dict[str, dict[int, bytearray]] = field(default_factory=dict)
    interval_minutes: Counter[int] = field(default_factory=Counter)
    mismatched_rows: int = 0
    mismatch: float = 0.0
    short_in_file: float = 0.0
    handle_parts: set[str] = field(default_factory=set)
    # per-contact logs
    seen_ids: set[str] = field(default_factory=set)
    transfers: int = 0
    outbound: int = 0
    skipped_ivr: int = 0
    other_outcomes: Counter[str] = field(default_factory=Counter)
    unknown_outcomes: Counter[str] = field(default_factory=Counter)
    short_abandons: int = 0
    shapes: set[str] = field(default_factory=set)
    sl_from: set[str] = field(default_factory=set)
    files: list[FileFacts] = field(default_factory=list)

    def channel_of(self, queue: str, media: str | None, profile: Profile) -> str | None:
        """The channel of a queue: --channel, then the row's media, the profile, the name."""
        key = f"{queue}\x00{media or ''}"
        found = self.queue_channel.get(key)
        if found is not None:
            return None if found == "ignore" else found
        chosen = self.options.channels.get(queue.strip().lower())
        if chosen is None and media:
            chosen = MEDIA.get(normalise_header(media))
        if chosen is None:
            chosen = profile.channel
        if chosen is None:
            lowered = queue.lower()
            chosen = next((ch for word, ch in KEYWORDS if word in lowered), None)
        if chosen is None:
            self.unmapped[queue] += 1
            return None
        self.queue_channel[key] = chosen
        return None if chosen == "ignore" else chosen


class RowErrors:
    """Unreadable rows of one file, collected so they are reported all at once."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []
        self.count = 0

    def add(self, line: int, problem: str) -> None:
        self.count += 1
        if len(self.lines) < MAX_ROW_ERRORS:
            self.lines.append(f"line {line}: {problem}")

    def raise_if_any(self) -> None:
        if not self.count:
            return
        more = f"; and {self.count - len(self.lines)} more" if self.count > len(self.lines) else ""
        noun = "row cannot" if self.count == 1 else "rows cannot"
        raise InputError(
            f"{self.name}: {self.count} {noun} be read: {'; '.join(self.lines)}{more}; "
            "correct them or export again (nothing was written)"
        )


def _bucket(store: Store, channel: str, key: int) -> list[float]:
    table = store.buckets.get(channel)
    if table is None:
        table = store.buckets[channel] = {}
    cell = table.get(key)
    if cell is None:
        cell = table[key] = [0.0] * SIZE
    return cell


def ingest(table: Table, profile: Profile, columns: dict[str, int], store: Store) -> FileFacts:
    """Read every row of one opened export into ``store``; unreadable rows end it with one line."""
    facts = FileFacts(table.name, profile)
    store.files.append(facts)
    store.shapes.add(profile.shape)
    errors = RowErrors(table.name)
    clock = Clock(store.options.tz)
    stamp = make_stamp(columns, clock, profile.utc)
    step = ingest_contact if profile.shape == CONTACT else ingest_interval
    step(table, profile, columns, store, facts, errors, stamp)
    errors.raise_if_any()
    if facts.rows == 0:
        raise InputError(f"{table.name}: has a header but no rows of data")
    return facts


def _is_blank(row: list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def _is_summary(row: list[Any], columns: dict[str, int]) -> bool:
    """A "Total" row an export adds at the end (in the time or queue column, or the first)."""
    for name in ("start", "date", "queue"):
        i = columns.get(name)
        if i is not None and i < len(row):
            cell = row[i]
            if isinstance(cell, str) and cell.strip().lower() in SUMMARY_ROWS:
                return True
    cell = row[0] if row else None
    return isinstance(cell, str) and cell.strip().lower() in SUMMARY_ROWS


def ingest_interval(
    table: Table,
    profile: Profile,
    columns: dict[str, int],
    store: Store,
    facts: FileFacts,
    errors: RowErrors,
    stamp: Callable[[list[Any]], tuple[int, int]],
) -> None:
    """Add interval rows: counts as given, totals from totals or averages times answered.

    A hot path like ``ingest_contact``: cached parsers, per-queue lookups done once.
    """
    number = cached(make_number(table.decimal_comma))
    duration = cached(make_duration(table.decimal_comma))
    col = columns.get
    i_queue, i_media = col("queue"), col("media")
    i_off, i_ans, i_abd = col("offered"), col("answered"), col("abandoned")
    i_sl, i_slp, i_short = col("answered_in_sl"), col("sl_percent"), col("abandoned_short")
    i_len = col("interval")
    if "handle_total" in columns:
        totals, averages = [columns["handle_total"]], []
    else:
        totals = [columns[f] for f in ("talk_total", "acw_total") if f in columns]
        averages = [columns["handle_avg"]] if "handle_avg" in columns else []
        if not averages:
            averages = [columns[f] for f in ("talk_avg", "hold_avg", "acw_avg") if f in columns]
    has_handle = bool(totals or averages)
    store.handle_parts.update(f for f in columns if f.startswith(("talk", "hold", "acw", "handle")))
    i_wait, i_asa = col("wait_total"), col("asa")
    if i_sl is not None:
        store.sl_from.add("count")
    elif i_slp is not None:
        store.sl_from.add("percent")
    check_sum = i_off is not None and i_ans is not None and i_abd is not None
    drop_short = store.options.drop_short_abandons
    per_series: dict[tuple[Any, Any], tuple[dict[int, bytearray], Any, str]] = {}
    queue_rows: dict[str, int] = {}
    lengths: Counter[int] = Counter()
    width = len(table.header) if table.header else len(profile.positions)
    lo, hi = 1 << 30, -1
    rows = mismatched = 0
    mismatch = short_total = 0.0
    for row in table.rows:
        if len(row) < width:
            if _is_blank(row):
                continue
            if _is_summary(row, columns):
                facts.summary_rows += 1
                continue
            errors.add(table.line(), f"{len(row)} fields where the header has {width}")
            continue
        try:
            ordinal, minute = stamp(row)
            answered = number(row[i_ans]) if i_ans is not None else 0.0
            abandoned = number(row[i_abd]) if i_abd is not None else 0.0
            offered = number(row[i_off]) if i_off is not None else answered + abandoned
            handle = 0.0
            for i in totals:
                handle += duration(row[i])
            for i in averages:
                handle += duration(row[i]) * answered
            if i_wait is not None:
                wait = duration(row[i_wait])
            elif i_asa is not None:
                wait = duration(row[i_asa]) * answered
            else:
                wait = -1.0
            if i_sl is not None:
                in_sl = number(row[i_sl])
            elif i_slp is not None:
                in_sl = number(row[i_slp]) / 100 * offered
            else:
                in_sl = -1.0
            short = number(row[i_short]) if i_short is not None else 0.0
            if i_len is not None:
                lengths[int(number(row[i_len]))] += 1
        except (CellError, IndexError) as exc:
            if _is_summary(row, columns):  # only a row that fails to read can be a total
                facts.summary_rows += 1
                continue
            errors.add(table.line(), str(exc))
            continue
        if offered < 0 or answered < 0 or abandoned < 0:
            errors.add(table.line(), "a negative count")
            continue
        rows += 1
        if ordinal < lo:
            lo = ordinal
        if ordinal > hi:
            hi = ordinal
        queue_cell = row[i_queue] if i_queue is not None else "(all)"
        media = row[i_media] if i_media is not None else None
        pair = (queue_cell, media)
        found = per_series.get(pair)
        if found is None:
            queue = str(queue_cell).strip()
            series = queue if media is None else f"{queue} ({media})"
            channel = store.channel_of(queue, str(media) if media is not None else None, profile)
            buckets = None if channel is None else store.buckets.setdefault(channel, {})
            found = per_series[pair] = (store.slots.setdefault(series, {}), buckets, queue)
        days, buckets, queue = found
        queue_rows[queue] = queue_rows.get(queue, 0) + 1
        day = days.get(ordinal)
        if day is None:
            day = days[ordinal] = bytearray(1440 // SLOT_MINUTES)
        slot = minute // SLOT_MINUTES
        if day[slot] < 255:
            day[slot] += 1
        if buckets is None:
            continue
        if check_sum:
            gap = offered - answered - abandoned
            if gap > 1e-9 or gap < -1e-9:
                mismatched += 1
                mismatch += gap
        if short:
            short_total += short
            if drop_short:
                offered -= short
                abandoned -= short
        key = ordinal * 24 + minute // 60
        cell = buckets.get(key)
        if cell is None:
            cell = buckets[key] = [0.0] * SIZE
        cell[OFFERED] += offered
        cell[ANS] += answered
        cell[ABD] += abandoned
        if offered > answered + abandoned:
            cell[OTH] += offered - answered - abandoned
        if has_handle:
            cell[HANDLE] += handle
            cell[HANDLED] += answered
        if wait >= 0:
            cell[WAIT_ANS] += wait
            cell[WAITED_ANS] += answered
        if in_sl >= 0:
            cell[IN_SL] += in_sl
            cell[SL_BASE] += offered
        cell[SHORT] += short
    facts.rows += rows
    for queue, count in queue_rows.items():
        facts.queues[queue] += count
    store.interval_minutes.update(lengths)
    store.mismatched_rows += mismatched
    store.mismatch += mismatch
    store.short_in_file += short_total
    if hi >= 0:
        facts.first = lo if facts.first is None else min(facts.first, lo)
        facts.last = hi if facts.last is None else max(facts.last, hi)


def ingest_contact(
    table: Table,
    profile: Profile,
    columns: dict[str, int],
    store: Store,
    facts: FileFacts,
    errors: RowErrors,
    stamp: Callable[[list[Any]], tuple[int, int]],
) -> None:
    """Count contacts by queue-entry hour; a call id seen before is a transfer leg.

    The loop is the import's hot path (two million rows in the benchmark): cells go through
    cached parsers, and queue, channel and bucket lookups through local dictionaries.
    """
    duration = cached(make_duration(table.decimal_comma))
    col = columns.get
    i_queue, i_media, i_id, i_dir = col("queue"), col("media"), col("id"), col("direction")
    i_out, i_wait, i_talk, i_hold, i_acw, i_handle = (
        col(f) for f in ("outcome", "wait", "talk", "hold", "acw", "handle")
    )
    parts = [i for i in (i_talk, i_hold, i_acw) if i is not None]
    if i_handle is not None:
        parts = [i_handle]
    store.handle_parts.update(f for f in ("talk", "hold", "acw", "handle") if f in columns)
    options = store.options
    sl_seconds, short_limit = options.sl_seconds, options.short_abandon
    drop_short = options.drop_short_abandons
    seen = store.seen_ids if i_id is not None else None
    outcome_of: dict[Any, str] = {}
    direction_in: dict[Any, bool] = {}
    queue_buckets: dict[tuple[Any, Any], dict[int, list[float]] | None] = {}
    queue_rows: dict[str, int] = {}
    other_rows: Counter[str] = Counter()
    width = len(table.header or ())
    lo, hi = 1 << 30, -1
    rows = 0
    if i_wait is not None:
        store.sl_from.add("log")
    for row in table.rows:
        if len(row) < width:
            if not _is_blank(row):
                errors.add(table.line(), f"{len(row)} fields where the header has {width}")
            continue
        try:
            if i_dir is not None:
                inbound = direction_in.get(row[i_dir])
                if inbound is None:
                    text = str(row[i_dir] or "").strip().lower()
                    inbound = direction_in[row[i_dir]] = not text or text in INBOUND
                if not inbound:
                    store.outbound += 1
                    continue
            ordinal, minute = stamp(row)
            wait = duration(row[i_wait]) if i_wait is not None else 0.0
            handle = 0.0
            for i in parts:
                handle += duration(row[i])
            if i_out is not None:
                raw = row[i_out]
                outcome = outcome_of.get(raw)
                if outcome is None:
                    outcome = outcome_of[raw] = _outcome(raw)
                if outcome[0] == "?":
                    store.unknown_outcomes[outcome[1:]] += 1
                    outcome = OTHER
            elif i_talk is not None and i_handle is None:
                outcome = ANSWERED if duration(row[i_talk]) > 0 else ABANDONED
            else:
                outcome = ANSWERED
        except (CellError, IndexError) as exc:
            if _is_summary(row, columns):  # only a row that fails to read can be a total
                facts.summary_rows += 1
                continue
            errors.add(table.line(), str(exc))
            continue
        if wait < 0 or handle < 0:
            errors.add(table.line(), "a negative duration")
            continue
        rows += 1
        if outcome == SKIP:
            store.skipped_ivr += 1
            continue
        queue_cell = row[i_queue] if i_queue is not None else "(all)"
        media = row[i_media] if i_media is not None else None
        pair = (queue_cell, media)
        buckets = queue_buckets.get(pair, False)
        if buckets is False:
            queue = str(queue_cell).strip()
            channel = store.channel_of(queue, str(media) if media is not None else None, profile)
            buckets = None if channel is None else store.buckets.setdefault(channel, {})
            queue_buckets[pair] = buckets
        queue_rows[queue_cell] = queue_rows.get(queue_cell, 0) + 1
        if ordinal < lo:
            lo = ordinal
        if ordinal > hi:
            hi = ordinal
        if buckets is None:
            continue
        key = ordinal * 24 + minute // 60
        cell = buckets.get(key)
        if cell is None:
            cell = buckets[key] = [0.0] * SIZE
        if seen is not None:
            contact = row[i_id]
            if contact in seen:
                store.transfers += 1
                cell[HANDLE] += handle  # the work of a later leg, on the same contact
                continue
            seen.add(contact)
        if outcome == ABANDONED and wait < short_limit:
            store.short_abandons += 1
            if drop_short:
                continue
            cell[SHORT] += 1
        cell[OFFERED] += 1
        cell[WAIT_ALL] += wait
        cell[SL_BASE] += 1
        if outcome == ANSWERED:
            cell[ANS] += 1
            cell[HANDLE] += handle
            cell[HANDLED] += 1
            cell[WAIT_ANS] += wait
            cell[WAITED_ANS] += 1
            if wait <= sl_seconds:
                cell[IN_SL] += 1
        elif outcome == ABANDONED:
            cell[ABD] += 1
        else:
            cell[OTH] += 1
            other_rows[row[i_out] if i_out is not None else ""] += 1
    facts.rows += rows
    for queue_cell, count in queue_rows.items():
        facts.queues[str(queue_cell).strip()] += count
    for value, count in other_rows.items():
        store.other_outcomes[str(value).strip()] += count
    if hi >= 0:
        facts.first = lo if facts.first is None else min(facts.first, lo)
        facts.last = hi if facts.last is None else max(facts.last, hi)


def _outcome(raw: Any) -> str:
    """The outcome class of an outcome cell; "?value" for one no system is known to write."""
    text = raw if isinstance(raw, str) else str(raw or "")
    found = OUTCOMES.get(normalise_header(text).replace("_", " "))
    if found is None:
        found = OUTCOMES.get(text.strip().lower())
    return found if found is not None else "?" + text.strip()
