"""Read the client's figures for staffing out of an answers file, or say which are missing.

Only the ids and shapes in docs/bank-ids.md are read. A "don't know yet" answer counts as
missing, and every missing figure is named in plain language so the client knows exactly
what to supply; a channel that has its figures is sized even when another one lacks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cc_rfp.core.answers import Answers, is_unknown
from cc_rfp.core.bank import Bank, text
from cc_rfp.core.contract import MONTH_KEYS, WEEKDAY_KEYS
from cc_rfp.core.values import is_number, parse_hours
from cc_rfp.staffing.erlang import MAX_PATIENCE_RATIO, Targets, patience_from_history
from cc_rfp.staffing.profiles import (
    STANDARD_WEEKDAY,
    intraday_profile,
    parse_peak_hours,
)
from cc_rfp.staffing.result import Finding, Join, Label, Num, Ref
from cc_rfp.staffing.texts import has, num, pct, say

REALTIME = ("phone", "chat")
"""Channels answered while the customer waits: sized interval by interval with Erlang."""
DAYS = WEEKDAY_KEYS  # the keys every bank load checks the weekdays keyset for
MONTHS = MONTH_KEYS
HOURS = tuple(f"{h:02d}" for h in range(24))
WEEKS_PER_MONTH = 52 / 12
SIZING_KPIS = ("service_level", "asa", "abandon_rate", "answer_rate")
MAX_MONTHLY = 1e9
"""Contacts a month beyond any real centre; larger figures are treated as not given."""
MIN_AHT, MAX_AHT = 1.0, 86_400.0
MAX_PATIENCE = 86_400.0
"""A patience estimate beyond a day means almost nobody hangs up: Erlang C is used."""
ASSUMED_PATIENCE = 120.0
"""Mean patience (s) assumed when an answer-rate or abandon-rate target is the kind the client
set but neither today's answer rate and ASA nor ``acceptable_wait_seconds`` tell it: without
some patience such a target could not be sized at all, so it is assumed and said."""

Hours = tuple[tuple[int, int] | None, ...]
"""Opening hours per weekday (mon first) as minutes (start, end), None when closed."""


@dataclass(frozen=True)
class Goal:
    """One target of one channel, as the sizing needs it and as people say it.

    ``kind`` is service_level, asa, max_abandon or max_occupancy; ``value`` a fraction, or
    seconds for asa. An answer-rate target p becomes max_abandon 1 − p but keeps its words.
    """

    kind: str
    value: float
    seconds: float = 0.0
    kpi: str = ""
    level: str | None = None

    @property
    def words(self) -> str:
        """Which phrasing to use: the KPI the client named."""
        return "answer_rate" if self.kpi == "answer_rate" else self.kind

    def targets(self) -> Targets:
        if self.kind == "service_level":
            return Targets(service_level=self.value, answer_seconds=self.seconds)
        if self.kind == "asa":
            return Targets(asa=self.value)
        if self.kind == "max_abandon":
            return Targets(max_abandon=self.value)
        return Targets(max_occupancy=self.value)

    def params(self, lang: str) -> dict[str, str]:
        shown = 1.0 - self.value if self.words == "answer_rate" else self.value
        if self.kind == "asa":
            return {"s": num(self.value, lang)}
        return {"p": pct(shown, lang), "s": num(self.seconds, lang)}

    def text(self, form: str, lang: str) -> str:
        """``form`` is t (short), subj, obj or gives (the last needs other params)."""
        return say(f"{form}_{self.words}", lang, **self.params(lang))

    def to_dict(self, lang: str) -> dict[str, Any]:
        data: dict[str, Any] = {"kpi": self.kpi or self.kind, "text": self.text("t", lang)}
        if self.kind == "service_level":
            data.update(percent=round(self.value * 100, 4), seconds=self.seconds)
        elif self.kind == "asa":
            data["seconds"] = self.value
        elif self.words == "answer_rate":
            data["percent"] = round((1.0 - self.value) * 100, 4)
        else:
            data["percent"] = round(self.value * 100, 4)
        data["level"] = self.level
        return data


@dataclass
class Channel:
    """One channel's figures: volume, handling time, hours, targets."""

    channel: str
    label: str
    realtime: bool
    monthly: dict[str, float]
    aht: float
    aht_source: str
    hours: Hours | None = None
    goals: list[Goal] = field(default_factory=list)
    concurrency: float | None = None
    patience: float | None = None
    patience_source: str = ""
    answered_rate: float | None = None  # volumes were answered contacts, divided by this
    responses: list[dict[str, Any]] = field(default_factory=list)
    approximate: bool = False
    """Set by the plan when sizing this channel exactly would exceed its work budget: its
    large intervals are then sized by bounded-cost approximations (the annex says so)."""
    volume_source: str = "months"
    """months (the monthly table), month (one figure for every month) or year (a yearly
    total split evenly): the latter two come from ``volume_totals`` and are an assumption."""
    volume_given: float = 0.0
    """The figure ``volume_totals`` gave (a month's or a year's contacts)."""
    dropped_months: tuple[str, ...] = ()
    """Months of the table that were given but could not be used (named, never dropped
    silently): the average is over the months that remain."""

    @property
    def average_month(self) -> float:
        return sum(self.monthly.values()) / len(self.monthly)

    @property
    def peak_month(self) -> str:
        return max(self.monthly, key=lambda m: self.monthly[m])

    def month_volume(self, basis: str) -> float:
        """``average``, ``peak``, or a month key (jan … dec; the average when not given)."""
        if basis == "peak":
            return self.monthly[self.peak_month]
        if basis in self.monthly:
            return self.monthly[basis]
        return self.average_month


@dataclass
class Figures:
    """Everything staffing reads from the answers, plus what is missing."""

    channels: list[Channel]
    weekday: tuple[float, ...] | None
    intraday: tuple[float, ...] | None
    missing: list[str]
    shrinkage: float
    shrinkage_source: str
    fte_hours: float
    fte_hours_source: str
    growth: float | None
    findings: list[Finding]
    unusable: list[Finding] = field(default_factory=list)
    """Figures that are given but cannot be used, with why (the annex and stderr say so)."""
    weekday_source: str = "answers"
    """answers, or standard: ``profiles.STANDARD_WEEKDAY`` because the shares are unknown."""
    intraday_source: str = "answers"
    """answers, or standard: ``profiles.intraday_profile`` shaped by ``peak_hours``."""
    peak_hours: tuple[int, ...] = ()
    """The busiest hours the client named (0–23), used only with the standard curve."""
    forecast_accuracy: float | None = None
    """Today's forecast accuracy in percent, when answered (the day-risk figure uses it)."""


def values_of(answers: Answers | Mapping[str, Any]) -> dict[str, Any]:
    """Answer values by id with "don't know yet" answers dropped."""
    raw = answers.values if isinstance(answers, Answers) else dict(answers)
    return {k: v for k, v in raw.items() if v is not None and not is_unknown(v)}


def _number(value: Any) -> float | None:
    return float(value) if is_number(value) else None


def channel_label(bank: Bank | None, channel: str, lang: str) -> str:
    """The channel's name in the bank (its choice label), else a built-in one."""
    if bank is not None and "channels" in bank.questions:
        for choice in bank.choices(bank.questions["channels"]):
            if choice.value == channel:
                return text(choice.label, lang)
    key = f"ch_{channel}"
    return say(key, lang) if has(key) else channel


def _default(bank: Bank | None, qid: str) -> float | None:
    if bank is None or qid not in bank.questions:
        return None
    return _number(bank.questions[qid].default)


def _hour_key(key: Any) -> str:
    """ "h08", "08", "8" and 8 all name the hour 08 (the bank's keys are h00 … h23)."""
    text_key = str(key).strip().lower().removeprefix("h")
    if text_key.isascii() and text_key.isdigit():
        return f"{int(text_key):02d}"
    return str(key)


def _share_table(value: Any, keys: tuple[str, ...]) -> tuple[float, ...] | None:
    if not isinstance(value, Mapping):
        return None
    if keys == HOURS:
        cells = {_hour_key(k): _number(v) for k, v in value.items()}
    else:
        cells = {str(k): _number(v) for k, v in value.items()}
    shares = tuple(cells.get(k) for k in keys)
    if any(s is None or s < 0 for s in shares) or sum(shares) <= 0:  # type: ignore[arg-type]
        return None
    return shares  # type: ignore[return-value]


def _monthly(value: Any) -> tuple[dict[str, float] | None, tuple[str, ...]]:
    """The usable months of a volume table, and the months given but unusable (named)."""
    if not isinstance(value, Mapping):
        return None, ()
    months = {m: _number(value.get(m)) for m in MONTHS if m in value}
    usable = {m: v for m, v in months.items() if v is not None and 0 <= v <= MAX_MONTHLY}
    dropped = tuple(m for m in months if m not in usable)
    return (usable or None), (dropped if usable else ())


def _volume_total(values: Mapping[str, Any], channel: str) -> tuple[float, str] | None:
    """A channel's row of ``volume_totals``: (contacts, "month" or "year"), else None."""
    for row in _rows(dict(values), "volume_totals"):
        figure = _number(row.get("volume"))
        per = row.get("per")
        if row.get("channel") != channel or figure is None or per not in ("month", "year"):
            continue
        monthly = figure if per == "month" else figure / 12
        if 0 <= monthly <= MAX_MONTHLY:
            return figure, str(per)
    return None


def parse_week_hours(value: Any) -> Hours | None:
    """One channel's opening hours, or None when any day is absent or unreadable."""
    if not isinstance(value, Mapping):
        return None
    hours: list[tuple[int, int] | None] = []
    for day in DAYS:
        span = value.get(day)
        if not isinstance(span, str):
            return None
        try:
            hours.append(parse_hours(span))
        except ValueError:
            return None
    return tuple(hours)


def channel_aht(values: Mapping[str, Any], channel: str) -> tuple[float, str] | None:
    """A channel's handling time and its source: its own answer, else the case-type mix.

    Shared with the document's evaluation scenario so the scenario and the staffing annex
    always use the same handling time.
    """
    direct = _number(values.get(f"aht_{channel}"))
    if direct is not None and MIN_AHT <= direct <= MAX_AHT:
        return direct, f"aht_{channel}"
    rows = values.get("case_types")
    if not isinstance(rows, list):
        return None
    usable = [
        r
        for r in rows
        if isinstance(r, Mapping)
        and 0 < (_number(r.get("share")) or 0) <= 100
        and MIN_AHT <= (_number(r.get("aht_seconds")) or 0) <= MAX_AHT
    ]
    own = [r for r in usable if r.get("channel") == channel]
    chosen = own or [r for r in usable if not r.get("channel")]
    if not chosen:
        return None
    weight = sum(float(r["share"]) for r in chosen)
    aht = sum(float(r["share"]) * float(r["aht_seconds"]) for r in chosen) / weight
    return aht, "case_types"


def _rows(values: dict[str, Any], qid: str) -> list[Mapping[str, Any]]:
    """The mapping rows of a list answer (anything else in it is ignored)."""
    value = values.get(qid)
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []


def _goals(values: dict[str, Any], channels: list[str]) -> dict[str, list[Goal]]:
    """The sizing goals of each real-time channel from the KPI rows.

    A row with a channel applies to it; a row without one applies to every real-time channel
    that has no row of that KPI of its own.
    """
    rows = _rows(values, "kpi_targets")
    own: dict[str, list[Goal]] = {c: [] for c in channels}
    general: list[tuple[str, Goal]] = []
    for row in rows:
        kpi = row.get("kpi")
        if not isinstance(kpi, str) or kpi not in SIZING_KPIS:
            continue  # a mangled row (a list where an id belongs) is validate's to report
        goal = _goal(row)
        if goal is None:
            continue
        channel = row.get("channel")
        if isinstance(channel, str) and channel in own:
            own[channel].append(goal)
        elif not channel:
            general.append((str(kpi), goal))
    for channel in channels:
        kinds = {g.kpi for g in own[channel]}
        own[channel] += [g for kpi, g in general if kpi not in kinds]
    return own


def _goal(row: Mapping[str, Any]) -> Goal | None:
    kpi = row.get("kpi")
    percent, seconds = _number(row.get("percent")), _number(row.get("seconds"))
    if (percent is not None and not 0 <= percent <= 100) or (seconds is not None and seconds < 0):
        return None  # out of range: validation reports it; staffing cannot use it
    level = row.get("level") if isinstance(row.get("level"), str) else None
    if kpi == "service_level" and percent is not None and seconds is not None:
        return Goal("service_level", percent / 100, seconds, "service_level", level)
    if kpi == "asa" and seconds is not None:
        return Goal("asa", seconds, 0.0, "asa", level)
    if kpi == "abandon_rate" and percent is not None:
        return Goal("max_abandon", percent / 100, 0.0, "abandon_rate", level)
    if kpi == "answer_rate" and percent is not None:
        return Goal("max_abandon", 1 - percent / 100, 0.0, "answer_rate", level)
    return None


def _responses(values: dict[str, Any], channel: str) -> list[dict[str, Any]]:
    """Response-time targets (email_response rows) of a deferred channel."""
    found = []
    for row in _rows(values, "kpi_targets"):
        if row.get("kpi") != "email_response":
            continue
        target = row.get("channel") or "email"
        percent, hours = _number(row.get("percent")), _number(row.get("hours"))
        if target == channel and percent is not None and hours is not None:
            found.append({"percent": percent, "hours": hours, "level": row.get("level")})
    return found


def read_figures(
    bank: Bank | None,
    answers: Answers | Mapping[str, Any],
    lang: str,
    *,
    shrinkage_percent: float | None = None,
    fte_hours: float | None = None,
    patience: float | None = None,
    max_occupancy_percent: float | None = None,
) -> Figures:
    """The client's figures for staffing; flags (percent, hours, seconds) win over answers."""
    values = values_of(answers)
    missing: list[str] = []
    findings: list[Finding] = []
    unusable: list[Finding] = []

    def need(qid: str, key: str, **params: Any) -> None:
        missing.append(f"{say(key, lang, **params)} ({qid})")

    chosen = values.get("channels")
    if not isinstance(chosen, list) or not chosen:
        need("channels", "m_channels")
        chosen = []
    chosen = list(dict.fromkeys(str(c) for c in chosen))
    weekday = _share_table(values.get("weekday_share"), DAYS)
    intraday = _share_table(values.get("intraday_share"), HOURS)
    # Unknown curves never stop the sizing: a standard curve takes their place, bent to the
    # stated peak hours, and the plan says so wherever it is read (a_*_standard).
    weekday_source = intraday_source = "answers"
    peak_hours: tuple[int, ...] = ()
    if weekday is None:
        weekday, weekday_source = STANDARD_WEEKDAY, "standard"
    if intraday is None:
        peak_hours = parse_peak_hours(values.get("peak_hours"))
        intraday, intraday_source = intraday_profile(peak_hours), "standard"
    realtime = [c for c in chosen if c in REALTIME]
    goals = _goals(values, realtime)
    all_hours = values.get("opening_hours")
    if not isinstance(all_hours, Mapping):
        all_hours = {}
    answer_rate = _number(values.get("current_answer_rate"))
    current_asa = _number(values.get("current_asa_seconds"))

    channels: list[Channel] = []
    for name in chosen:
        label = channel_label(bank, name, lang)
        ok = True
        monthly, dropped = _monthly(values.get(f"volume_{name}"))
        volume_source, volume_given = "months", 0.0
        if monthly is None:
            total = _volume_total(values, name)
            if total is not None:
                volume_given, volume_source = total
                each = volume_given if volume_source == "month" else volume_given / 12
                monthly = dict.fromkeys(MONTHS, each)
        if monthly is None:
            need(f"volume_{name}", "m_volume", channel=label)
            ok = False
        aht = channel_aht(values, name)
        if aht is None:
            need(f"aht_{name}", "m_aht", channel=label)
            ok = False
        hours = parse_week_hours(all_hours.get(name))
        is_realtime = name in REALTIME
        if is_realtime:
            if hours is None:
                need("opening_hours", "m_hours", channel=label)
                ok = False
            elif not any(hours):
                need("opening_hours", "m_open", channel=label)
                ok = False
            if not goals[name]:
                need("kpi_targets", "m_targets", channel=label)
                ok = False
        if not ok or monthly is None or aht is None:
            continue
        channel = Channel(name, label, is_realtime, monthly, aht[0], aht[1], hours)
        channel.volume_source, channel.volume_given = volume_source, volume_given
        if dropped:
            channel.dropped_months = dropped
            unusable.append(
                Finding(
                    "u_months",
                    name,
                    None,
                    {
                        "months": Join(tuple(Label(m) for m in dropped)),
                        "qid": Ref(f"volume_{name}"),
                        "n": len(monthly),
                    },
                )
            )
        if is_realtime:
            channel.goals = list(goals[name])
            if max_occupancy_percent is not None:
                occupancy = max_occupancy_percent / 100
                channel.goals.append(Goal("max_occupancy", occupancy, kpi="occupancy"))
        else:
            channel.responses = _responses(values, name)
        if name == "chat":
            concurrency = _in_range(_number(values.get("chat_concurrency")), 1, 100)
            if concurrency is None:
                concurrency = _in_range(_default(bank, "chat_concurrency"), 1, 100)
            channel.concurrency = concurrency or 1.0
        if name == "phone":
            _phone_extras(channel, values, patience, answer_rate, current_asa, findings, unusable)
        if is_realtime and channel.patience is None:
            _assume_patience(channel, values)
        channels.append(channel)

    shrink, shrink_source = _setting(
        shrinkage_percent,
        _in_range(_number(values.get("shrinkage_percent")), 0, 99.9),
        _in_range(_default(bank, "shrinkage_percent"), 0, 99.9),
    )
    hours_value, hours_source = _setting(
        fte_hours,
        _in_range(_number(values.get("fte_hours_per_week")), 0.1, 168),
        _in_range(_default(bank, "fte_hours_per_week"), 0.1, 168),
    )
    return Figures(
        channels=channels,
        weekday=weekday,
        intraday=intraday,
        missing=missing,
        shrinkage=(shrink if shrink is not None else 30.0) / 100,
        shrinkage_source=shrink_source,
        fte_hours=hours_value if hours_value is not None else 40.0,
        fte_hours_source=hours_source,
        growth=_number(values.get("volume_growth_percent")),
        findings=findings + unusable,
        unusable=unusable,
        weekday_source=weekday_source,
        intraday_source=intraday_source,
        peak_hours=peak_hours,
        forecast_accuracy=_in_range(_number(values.get("forecast_accuracy_now")), 0, 100),
    )


def _assume_patience(channel: Channel, values: Mapping[str, Any]) -> None:
    """A patience for a channel whose answer-rate or abandon-rate target needs one.

    Only when such a target exists: the customers' accepted wait (``acceptable_wait_seconds``)
    stands for their mean patience if answered, else ``ASSUMED_PATIENCE``; the plan lists it
    as an assumption (``a_model_a`` with its source).
    """
    if not any(g.kind == "max_abandon" for g in channel.goals):
        return
    accepted = _in_range(_number(values.get("acceptable_wait_seconds")), 1, MAX_PATIENCE)
    if accepted is not None and accepted <= MAX_PATIENCE_RATIO * channel.aht:
        channel.patience, channel.patience_source = accepted, "accepted_wait"
    else:
        channel.patience, channel.patience_source = ASSUMED_PATIENCE, "assumed"


def _in_range(value: float | None, low: float, high: float) -> float | None:
    """A setting usable for FTE arithmetic, else None (validation reports the bad answer)."""
    return value if value is not None and low <= value <= high else None


def _setting(flag: float | None, answer: float | None, default: float | None):
    """A setting's value and where it came from: flag, answers or the bank's default."""
    if flag is not None:
        return flag, "flag"
    if answer is not None:
        return answer, "answers"
    return default, "default"


def _phone_extras(
    channel: Channel,
    values: dict[str, Any],
    patience: float | None,
    answer_rate: float | None,
    current_asa: float | None,
    findings: list[Finding],
    unusable: list[Finding],
) -> None:
    """Erlang A patience and the answered-to-offered conversion, both for phone only.

    Today's answer rate and ASA give the patience only when they can be real: a negative
    ASA or a rate outside 0–100 % is named in ``unusable`` and phone falls back to Erlang C,
    so one bad figure costs the patience, never the annex.
    """
    if answer_rate is not None and not 0 <= answer_rate <= 100:
        unusable.append(
            Finding(
                "u_answer_rate",
                channel.channel,
                None,
                {"rate": Num(answer_rate), "qid": Ref("current_answer_rate")},
            )
        )
        answer_rate = None
    if current_asa is not None and current_asa < 0:
        unusable.append(
            Finding(
                "u_current_asa",
                channel.channel,
                None,
                {"asa": Num(current_asa), "qid": Ref("current_asa_seconds")},
            )
        )
        current_asa = None
    if patience is not None:
        channel.patience, channel.patience_source = patience, "flag"
    elif answer_rate is not None and current_asa is not None and 0 <= answer_rate < 100:
        estimate = patience_from_history(1 - answer_rate / 100, current_asa)
        if 0 < estimate <= MAX_PATIENCE and estimate <= MAX_PATIENCE_RATIO * channel.aht:
            channel.patience, channel.patience_source = estimate, "answers"
            findings.append(
                Finding(
                    "f_patience",
                    channel.channel,
                    None,
                    {"rate": Num(answer_rate), "asa": Num(current_asa), "patience": Num(estimate)},
                )
            )
    if values.get("phone_volume_basis") == "answered" and answer_rate and answer_rate > 0:
        channel.answered_rate = answer_rate / 100
        channel.monthly = {m: v / channel.answered_rate for m, v in channel.monthly.items()}
