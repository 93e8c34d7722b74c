"""The client's week, sized: the API the command, the interview and the document call.

``build_plan(bank, answers, lang=...)`` reads the figures, lays each real-time channel's week
out in intervals and sizes them (Erlang C, or Erlang A for phone when a patience figure
exists), gives deferred channels a workload-based FTE, and adds the consistency findings and
the cost sensitivity. ``Plan.to_dict()`` is the ``--json`` output and the annex's data.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank, text
from cc_rfp.staffing import consistency, risk, sensitivity
from cc_rfp.staffing.erlang import MAX_TRAFFIC, scheduled_agents, sizing_cost
from cc_rfp.staffing.inputs import (
    DAYS,
    MAX_PATIENCE,
    MONTHS,
    WEEKS_PER_MONTH,
    Channel,
    Figures,
    Goal,
    read_figures,
    values_of,
)
from cc_rfp.staffing.profiles import NON_PEAK_CAP, hour_ranges
from cc_rfp.staffing.result import (
    SCHEMA_VERSION,
    Finding,
    Join,
    Label,
    Num,
    Pct,
    Ref,
    Words,
    goal_words,
    phrase,
)
from cc_rfp.staffing.sizing import (
    INTERVALS,
    Staffed,
    agent_hours,
    build_slots,
    fte,
    heatmap,
    longest_closed,
    shift_hours,
    staff,
    weekly_kpis,
)
from cc_rfp.staffing.texts import num, say

DEFAULT_SECONDS = 20.0
"""Answer time the service level is reported at when no service level target exists."""

PLAN_WORK_BUDGET = 20_000_000.0
"""Estimated inner-loop steps (``erlang.sizing_cost``, ≈ 0.05 µs each here) a whole plan may
spend on exact sizing: about a second. A channel whose exact sizing would not fit what is
left is sized with the bounded-cost approximations instead (``Channel.approximate``) and the
annex says so, so a plan finishes in a second or two whatever the figures."""

SIZING_SETS = 20
"""How many times a plan sizes a channel's week: the month asked for, the peak month, the six
sensitivity scenarios and the twelve months of the FTE-per-month table (each interval and
target is sized once thanks to the caches, so this is an upper bound)."""


class TooMuchTraffic(ValueError):
    """A channel's figures put more traffic in one interval than the model sizes."""

    def __init__(self, traffic: float) -> None:
        super().__init__(f"{traffic:,.0f} erlangs in one interval")
        self.traffic = traffic


@dataclass
class ChannelPlan:
    """One channel's sizing: a sized week (real-time) or a workload (deferred)."""

    channel: Channel
    monthly: float
    goals: list[Goal] = field(default_factory=list)
    week: list[Staffed] = field(default_factory=list)
    seconds: float = DEFAULT_SECONDS
    agent_hours: float = 0.0
    fte: float = 0.0
    consistency: list[dict[str, Any]] = field(default_factory=list)
    """Figures per goal (``goals`` order), no words: ``Plan`` adds each target's words."""
    peak_fte: float = 0.0
    month_fte: dict[str, float] = field(default_factory=dict)
    """FTE sized on each month's own volume (jan … dec), for the FTE-per-month table."""
    day_risks: list[tuple[Goal, list[risk.DayRisk]]] = field(default_factory=list)
    """Per service-level goal, each open weekday's risk of missing it as a per-day target."""
    allowances: risk.Allowances | None = None

    @property
    def weekly(self) -> float:
        return self.monthly / WEEKS_PER_MONTH


@dataclass
class Plan:
    """Indicative staffing for the client's week, phrased in one language.

    ``findings`` and ``assumptions`` are codes with figures (``result.Finding``); every
    reader turns them into sentences through ``result.phrase`` with ``labels`` (channel and
    month names in ``lang``), so the report, the note, the annex and ``--json`` agree.
    """

    lang: str
    interval_minutes: int
    month_basis: str
    figures: Figures
    channels: list[ChannelPlan]
    findings: list[Finding]
    assumptions: list[Finding]
    sensitivity: list[dict[str, Any]]
    month_names: dict[str, str]
    labels: dict[str, str] = field(default_factory=dict)
    checks: list[Finding] = field(default_factory=list)
    """The bid manager's figures: day risk and the shift-fit and minimum-cover allowances."""

    def check_texts(self) -> list[str]:
        """The day-risk and allowance figures as sentences in the plan's language."""
        return [phrase(f, self.lang, self.labels) for f in self.checks]

    def month_totals(self) -> dict[str, float]:
        """FTE per month over every channel (months with no channel sized are left out)."""
        totals: dict[str, float] = {}
        for plan in self.channels:
            for month, value in plan.month_fte.items():
                totals[month] = totals.get(month, 0.0) + value
        return totals

    @property
    def busiest_month(self) -> str | None:
        totals = self.month_totals()
        return max(totals, key=lambda m: totals[m]) if totals else None

    def finding_texts(self) -> list[str]:
        """The findings as sentences in the plan's language."""
        return [phrase(f, self.lang, self.labels) for f in self.findings]

    def assumption_texts(self) -> list[str]:
        """The assumptions as sentences in the plan's language."""
        return [phrase(f, self.lang, self.labels) for f in self.assumptions]

    @property
    def missing(self) -> list[str]:
        return list(self.figures.missing)

    @property
    def available(self) -> bool:
        return bool(self.channels)

    @property
    def total_fte(self) -> float:
        return sum(c.fte for c in self.channels)

    def summary_lines(self) -> list[str]:
        """Headline figures, one short line per channel and a total."""
        lines = []
        for c in self.channels:
            model = say(f"model_{_model(c)}", self.lang)
            if c.channel.realtime:
                lines.append(
                    f"{c.channel.label}: {num(c.agent_hours, self.lang)} "
                    f"{say('week_agent_hours', self.lang)}, "
                    f"{num(c.fte, self.lang, 1)} FTE ({model})"
                )
            else:
                lines.append(f"{c.channel.label}: {num(c.fte, self.lang, 1)} FTE ({model})")
        if len(self.channels) > 1:
            lines.append(f"{say('r_total', self.lang)}: {num(self.total_fte, self.lang, 1)} FTE")
        busiest = self.busiest_month
        if busiest is not None:
            lines.append(
                say(
                    "r_busiest_line",
                    self.lang,
                    month=self.month_names.get(busiest, busiest),
                    fte=num(self.month_totals()[busiest], self.lang, 1),
                )
            )
        if self.figures.intraday_source == "standard" or self.figures.weekday_source == "standard":
            lines.append(say("r_curve_assumed", self.lang))
        return lines

    def to_dict(self, *, intervals: bool = True) -> dict[str, Any]:
        """Everything as plain JSON-ready data (rates as fractions, times in seconds).

        ``intervals=False`` leaves out each real-time channel's interval rows (672 a week at
        15 minutes): the document shows the heat map and the KPIs, never the rows, and
        building, copying and weighing them in the sandbox was about a tenth of a render.
        """
        figures = self.figures
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "available": self.available,
            "indicative": True,
            "lang": self.lang,
            "missing": self.missing,
            "model": "erlang_a"
            if any(_model(c) == "erlang_a" for c in self.channels)
            else "erlang_c",
            "interval_minutes": self.interval_minutes,
            "month_basis": self.month_basis,
            "shrinkage": round(figures.shrinkage, 4),
            "shrinkage_source": figures.shrinkage_source,
            "fte_hours_per_week": figures.fte_hours,
            "fte_hours_source": figures.fte_hours_source,
            "days": [say(f"day_{d}", self.lang) for d in DAYS],
            "channels": [self._channel(c, intervals) for c in self.channels],
            "totals": {
                "agent_hours": round(
                    sum(c.agent_hours for c in self.channels if c.channel.realtime), 2
                ),
                "workload_hours": round(
                    sum(c.agent_hours for c in self.channels if not c.channel.realtime), 2
                ),
                "fte": round(self.total_fte, 2),
                "peak_fte": round(sum(c.peak_fte for c in self.channels), 2),
                "months": self._month_rows(self.month_totals()),
                "busiest_month": self.busiest_month,
            },
            "curves": {
                "weekday": figures.weekday_source,
                "intraday": figures.intraday_source,
                "peak_hours": [f"h{h:02d}" for h in figures.peak_hours],
            },
            "findings": [f.to_dict(self.lang, self.labels) for f in self.findings],
            "checks": [f.to_dict(self.lang, self.labels) for f in self.checks],
            "sensitivity": self.sensitivity,
            "assumptions": [f.to_dict(self.lang, self.labels) for f in self.assumptions],
            "summary_lines": self.summary_lines(),
        }
        return data

    def _channel(self, plan: ChannelPlan, intervals: bool = True) -> dict[str, Any]:
        channel = plan.channel
        data: dict[str, Any] = {
            "channel": channel.channel,
            "label": channel.label,
            "kind": "realtime" if channel.realtime else "deferred",
            "model": _model(plan),
            "aht_seconds": round(channel.aht, 2),
            "aht_source": channel.aht_source,
            "monthly_volume": round(plan.monthly, 2),
            "weekly_volume": round(plan.weekly, 2),
            "peak_month": channel.peak_month,
            "peak_month_name": self.month_names.get(channel.peak_month, channel.peak_month),
            "peak_monthly_volume": round(channel.monthly[channel.peak_month], 2),
            "fte": round(plan.fte, 2),
            "peak_fte": round(plan.peak_fte, 2),
            "volume_source": channel.volume_source,
            "months": self._month_rows(plan.month_fte, channel),
        }
        if not channel.realtime:
            data["workload_hours"] = round(plan.agent_hours, 2)
            data["response_targets"] = [
                {
                    **r,
                    "text": say(
                        "t_response",
                        self.lang,
                        p=num(r["percent"], self.lang),
                        h=num(r["hours"], self.lang),
                    ),
                }
                for r in channel.responses
            ]
            return data
        kpis = weekly_kpis(plan.week)
        data.update(
            patience_seconds=round(channel.patience, 2) if channel.patience else None,
            concurrency=channel.concurrency,
            targets=[g.to_dict(self.lang) for g in plan.goals],
            target_texts=_target_texts(plan.goals, self.lang),
            agent_hours=round(plan.agent_hours, 2),
            peak_agents=max((s.agents for s in plan.week), default=0),
            peak_scheduled_agents=max(
                (scheduled_agents(s.agents, self.figures.shrinkage) for s in plan.week),
                default=0,
            ),
            service_level_seconds=plan.seconds,
            kpis=_round_kpis(kpis, channel.patience is not None),
            heatmap=heatmap(plan.week),
            consistency=[
                {**goal.to_dict(self.lang), **record}
                for goal, record in zip(plan.goals, plan.consistency, strict=False)
            ],
        )
        if intervals:
            data["intervals"] = [self._interval(plan, s) for s in plan.week]
        data.update(
            day_risk=[_day_risk_data(goal, days, self.lang) for goal, days in plan.day_risks],
            allowances=_allowance_data(plan, self.figures),
        )
        return data

    def _month_rows(
        self, fte_by_month: dict[str, float], channel: Channel | None = None
    ) -> list[dict[str, Any]]:
        """One row per month: key, name, FTE (and the channel's volume that month)."""
        rows = []
        for month in MONTHS:
            if month not in fte_by_month:
                continue
            row: dict[str, Any] = {
                "month": month,
                "name": self.month_names.get(month, month),
                "fte": round(fte_by_month[month], 2),
            }
            if channel is not None:
                row["volume"] = round(channel.monthly[month], 2)
            rows.append(row)
        return rows

    def _interval(self, plan: ChannelPlan, s: Staffed) -> dict[str, Any]:
        perf = s.perf
        item: dict[str, Any] = {
            "day": DAYS[s.slot.day],
            "start": f"{s.slot.start // 60:02d}:{s.slot.start % 60:02d}",
            "open_minutes": s.slot.minutes,
            "calls": round(s.slot.calls, 3),
            "traffic_erlangs": round(s.traffic, 4),
            "agents": s.agents,
            "scheduled_agents": scheduled_agents(s.agents, self.figures.shrinkage),
            "service_level": round(perf.service_level, 4),
            "asa_seconds": _seconds(perf.asa),
            "occupancy": round(perf.occupancy, 4),
            "probability_of_waiting": round(perf.probability_of_waiting, 4),
        }
        if plan.channel.concurrency:
            item["chat_places"] = s.servers
        if plan.channel.patience is not None:
            item["abandon_rate"] = round(perf.abandon_rate, 4)
            item["answer_rate"] = round(perf.answer_rate, 4)
        return item


def _day_risk_data(goal: Goal, days: list[risk.DayRisk], lang: str) -> dict[str, Any]:
    """A service-level goal's per-day risk as JSON data (probabilities as fractions)."""
    return {
        **goal.to_dict(lang),
        "method": "poisson_day_volume",
        "days": [
            {
                "day": DAYS[d.day],
                "calls": round(d.calls, 2),
                "service_level": round(d.service_level, 4),
                "threshold": None if math.isinf(d.threshold) else round(d.threshold, 4),
                "probability": round(d.poisson, 4),
                "probability_with_forecast_error": (
                    None if d.forecast is None else round(d.forecast, 4)
                ),
            }
            for d in days
        ],
        "expected_days_per_month": round(_days_per_month(days, "poisson"), 2),
    }


def _days_per_month(days: list[risk.DayRisk], which: str) -> float:
    """Expected days a month that miss: each weekday's probability × its weeks a month."""
    return sum(getattr(d, which) or 0.0 for d in days) * WEEKS_PER_MONTH


def _allowance_data(plan: ChannelPlan, figures: Figures) -> dict[str, Any] | None:
    allowance = plan.allowances
    if allowance is None:
        return None
    extra = allowance.minimum_cover_hours + allowance.shift_fit_hours
    return {
        "agent_hours": round(allowance.agent_hours, 2),
        "minimum_cover_hours": round(allowance.minimum_cover_hours, 2),
        "minimum_cover_share": round(allowance.share(allowance.minimum_cover_hours), 4),
        "shift_fit_hours": round(allowance.shift_fit_hours, 2),
        "shift_fit_share": round(allowance.share(allowance.shift_fit_hours), 4),
        "shift_hours_min": risk.MIN_SHIFT_HOURS,
        "shift_hours_max": risk.MAX_SHIFT_HOURS,
        "fte_with_shift_fit": round(
            fte(allowance.shift_hours, figures.fte_hours, figures.shrinkage), 2
        ),
        "extra_share": round(allowance.share(extra), 4),
    }


def _target_texts(goals: list[Goal], lang: str) -> dict[str, str]:
    """The targets' words per KPI ("service_level": "80 % in 20 s"), for tables."""
    texts: dict[str, list[str]] = {}
    for goal in goals:
        texts.setdefault(goal.kpi or goal.kind, []).append(goal.text("t", lang))
    return {kpi: "; ".join(words) for kpi, words in texts.items()}


def _model(plan: ChannelPlan) -> str:
    if not plan.channel.realtime:
        return "workload"
    return "erlang_a" if plan.channel.patience is not None else "erlang_c"


def _seconds(value: float) -> float | None:
    return round(value, 2) if math.isfinite(value) else None


def _round_kpis(kpis: dict[str, float], abandonment: bool) -> dict[str, float]:
    keys = ["service_level", "asa_seconds", "occupancy", "probability_of_waiting"]
    if abandonment:
        keys += ["abandon_rate", "answer_rate"]
    return {k: round(kpis[k], 2 if k == "asa_seconds" else 4) for k in keys}


# --------------------------------------------------------------------------- building


@dataclass
class Sized:
    """A sized week with no language in it: what ``build_plan`` phrases per language.

    ``skipped`` are channels left out (no usable target, or sizing refused), as findings whose
    sentence ``missing`` lists; ``scenario_fte`` is the sensitivity FTE per scenario key.
    """

    figures: Figures
    channels: list[ChannelPlan]
    findings: list[Finding]
    skipped: list[Finding]
    unusable: list[Finding]
    scenario_fte: dict[str, float]
    checks: list[Finding] = field(default_factory=list)


RESPONSE_CLOCK = "email_response_clock"
"""The one answer the sizing reads besides the figures (whether response times count in
opening hours); part of the sized week's cache key."""

SIZED_CACHE_SIZE = 8
"""Sized weeks kept in-process, so rendering both languages sizes the week once."""

_sized_cache: dict[tuple[Any, ...], Sized] = {}


def build_plan(
    bank: Bank | None,
    answers: Answers | Mapping[str, Any],
    *,
    lang: str,
    interval_minutes: int = 15,
    month: str = "average",
    shrinkage_percent: float | None = None,
    fte_hours: float | None = None,
    patience: float | None = None,
    max_occupancy_percent: float | None = None,
) -> Plan:
    """Size the client's week from an answers file (or a dict of answer values), in ``lang``.

    Flags win over answers: ``shrinkage_percent`` and ``max_occupancy_percent`` in percent,
    ``fte_hours`` per week, ``patience`` in seconds (Erlang A for phone). ``month`` is
    "average" or "peak". Never raises for missing figures: ``Plan.missing`` names them and
    the channels that have their figures are still sized. The sizing (``size_week``) has no
    language and is cached, so a second language only phrases.
    """
    options = {
        "interval_minutes": interval_minutes,
        "month": month,
        "shrinkage_percent": shrinkage_percent,
        "fte_hours": fte_hours,
        "patience": patience,
        "max_occupancy_percent": max_occupancy_percent,
    }
    sized = size_week(bank, answers, **options)
    return phrase_plan(sized, bank, answers, lang, **options)


def size_week(
    bank: Bank | None,
    answers: Answers | Mapping[str, Any],
    *,
    interval_minutes: int = 15,
    month: str = "average",
    shrinkage_percent: float | None = None,
    fte_hours: float | None = None,
    patience: float | None = None,
    max_occupancy_percent: float | None = None,
) -> Sized:
    """The sized week, from a cache when the same figures were sized before.

    The key is what the sizing reads, not the whole answers file: the figures taken from the
    answers (volumes, handling times, hours, curves, targets, the options) and the one answer
    read besides them, so editing prose elsewhere in the file still finds the sized week, in
    this process or (through the on-disk cache, invalidated by the staffing code) the next.
    """
    import hashlib
    import pickle

    if interval_minutes not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(map(str, INTERVALS))} minutes")
    if month not in ("average", "peak"):
        raise ValueError("month must be 'average' or 'peak'")
    if patience is not None and not 0 < patience <= MAX_PATIENCE:
        raise ValueError(f"patience must be above 0 and at most {MAX_PATIENCE:.0f} seconds")
    flags = {
        "shrinkage_percent": shrinkage_percent,
        "fte_hours": fte_hours,
        "patience": patience,
        "max_occupancy_percent": max_occupancy_percent,
    }
    figures = read_figures(bank, answers, "en", **flags)
    read_besides = values_of(answers).get(RESPONSE_CLOCK)
    digest = hashlib.sha256(pickle.dumps((figures, read_besides), protocol=4)).hexdigest()
    # The bank reaches the sizing only through the figures (its keysets, labels and KPI
    # catalogue as read into them), so the figures stand for it in the key.
    key = (digest, interval_minutes, month)
    hit = _sized_cache.get(key)
    if hit is not None:
        return hit
    from cc_rfp.io import cache

    stored_as = cache.sized_key(digest, str(interval_minutes), month)
    sized = cache.load_sized(stored_as)
    if sized is None:
        sized = _size(answers, interval_minutes, month, figures)
        cache.store_sized(stored_as, sized)
    if len(_sized_cache) >= SIZED_CACHE_SIZE:
        _sized_cache.pop(next(iter(_sized_cache)))
    _sized_cache[key] = sized
    return sized


def _size(
    answers: Answers | Mapping[str, Any],
    interval_minutes: int,
    month: str,
    figures: Figures,
) -> Sized:
    # The figures' numbers do not depend on the language; their labels and missing lines
    # (read in English by ``size_week``) are not used: ``phrase_plan`` reads them in its
    # language. Besides the figures, only RESPONSE_CLOCK is read from the answers.
    values = values_of(answers)
    findings = list(figures.findings)
    skipped: list[Finding] = []
    unusable: list[Finding] = []
    plans: list[ChannelPlan] = []
    budget = PLAN_WORK_BUDGET
    for channel in figures.channels:
        if channel.realtime:
            goals = _usable_goals(channel, findings)
            if not goals:
                skipped.append(Finding("m_targets", channel.channel, None, {}))
                continue
            try:
                cost = _exact_cost(channel, goals, figures, interval_minutes)
                if cost <= budget:  # False for NaN: never exact on an unknown cost
                    budget -= cost
                else:
                    channel.approximate = True
                plan = _size_realtime(channel, goals, figures, interval_minutes, month)
                plan.peak_fte = (
                    plan.fte
                    if month == "peak"
                    else _size_realtime(channel, goals, figures, interval_minutes, "peak").fte
                )
            except (ValueError, ArithmeticError) as exc:  # this channel's part only
                line = _cannot_size(channel, exc)
                skipped.append(line)
                unusable.append(line)
                continue
            found, plan.consistency = consistency.analyse(channel, goals, plan.week, plan.seconds)
            findings += found
            try:
                plan.month_fte = _month_fte(
                    channel,
                    lambda m, c=channel, g=goals: (
                        _size_realtime(c, g, figures, interval_minutes, m).fte
                    ),
                )
            except (ValueError, ArithmeticError):  # a month beyond the model: table left out
                plan.month_fte = {}
            # The bid manager's figures are extras: one that cannot be computed is left out,
            # never the channel's sizing.
            accuracy = figures.forecast_accuracy
            with contextlib.suppress(ValueError, ArithmeticError):
                plan.day_risks = [
                    (g, risk.day_risks(channel, plan.week, g.value, g.seconds, accuracy))
                    for g in goals
                    if g.kind == "service_level"
                ]
            with contextlib.suppress(ValueError, ArithmeticError):
                plan.allowances = risk.allowances(channel, plan.week, interval_minutes)
        else:
            plan = _size_deferred(channel, figures, month)
            plan.peak_fte = _size_deferred(channel, figures, "peak").fte
            plan.month_fte = _month_fte(
                channel, lambda m, c=channel: _size_deferred(c, figures, m).fte
            )
            findings += _response_findings(channel, values)
        plans.append(plan)

    scenario_fte: dict[str, float] = {}
    if plans:
        goals_by_channel = {p.channel.channel: p.goals for p in plans if p.channel.realtime}
        # Only the scenarios' goals, volumes and hours are used here; their words are made
        # again in the reader's language by ``phrase_plan``.
        ids = {p.channel.channel: p.channel.channel for p in plans}
        for scenario in sensitivity.scenarios(goals_by_channel, ids, "en"):
            if scenario.key == "base":
                scenario_fte["base"] = sum(p.fte for p in plans)
                continue
            # A scenario that cannot be sized (e.g. +20 % volume beyond the model) is left out.
            with contextlib.suppress(ValueError, ArithmeticError):
                scenario_fte[scenario.key] = _scenario_fte(
                    plans, figures, interval_minutes, month, scenario
                )
    return Sized(figures, plans, findings, skipped, unusable, scenario_fte, _checks(plans, figures))


def _month_fte(channel: Channel, size_month: Any) -> dict[str, float]:
    """FTE per month, each month sized once per distinct volume (flat years cost one)."""
    by_volume: dict[float, float] = {}
    result = {}
    for month in MONTHS:
        if month not in channel.monthly:
            continue
        volume = channel.monthly[month]
        if volume not in by_volume:
            by_volume[volume] = size_month(month)
        result[month] = by_volume[volume]
    return result


def _checks(plans: list[ChannelPlan], figures: Figures) -> list[Finding]:
    """Day risk and allowances as findings: each figure with its method."""
    found: list[Finding] = []
    for plan in plans:
        channel = plan.channel
        for goal, days in plan.day_risks:
            if not days:
                continue
            worst = max(days, key=lambda d: d.poisson)
            found.append(
                Finding(
                    "k_day_risk",
                    channel.channel,
                    goal.kpi or goal.kind,
                    {
                        "object": goal_words(goal, "obj"),
                        "p": Pct(worst.poisson),
                        "day": Words(f"wd_{DAYS[worst.day]}"),
                        "days": Num(_days_per_month(days, "poisson"), 1),
                        "sl": Pct(worst.service_level),
                    },
                )
            )
            if figures.forecast_accuracy is not None:
                worst_f = max(days, key=lambda d: d.forecast or 0.0)
                found.append(
                    Finding(
                        "k_day_risk_forecast",
                        channel.channel,
                        goal.kpi or goal.kind,
                        {
                            "accuracy": Num(figures.forecast_accuracy),
                            "p": Pct(worst_f.forecast or 0.0),
                            "day": Words(f"wd_{DAYS[worst_f.day]}"),
                            "days": Num(_days_per_month(days, "forecast"), 1),
                        },
                    )
                )
        allowance = plan.allowances
        if allowance is None:
            continue
        found.append(
            Finding(
                "k_min_cover",
                channel.channel,
                None,
                {
                    "h": Num(allowance.minimum_cover_hours, 1),
                    "p": Pct(allowance.share(allowance.minimum_cover_hours)),
                },
            )
        )
        found.append(
            Finding(
                "k_shift_fit",
                channel.channel,
                None,
                {
                    "h": Num(allowance.shift_fit_hours, 1),
                    "p": Pct(allowance.share(allowance.shift_fit_hours)),
                    "low": Num(risk.MIN_SHIFT_HOURS),
                    "high": Num(risk.MAX_SHIFT_HOURS),
                    "fte": Num(fte(allowance.shift_hours, figures.fte_hours, figures.shrinkage), 1),
                },
            )
        )
    return found


def phrase_plan(
    sized: Sized,
    bank: Bank | None,
    answers: Answers | Mapping[str, Any],
    lang: str,
    *,
    interval_minutes: int,
    month: str,
    **flags: float | None,
) -> Plan:
    """``sized`` in ``lang``: channel and month names, missing figures and scenario words.

    Reading the figures again is cheap (no sizing) and gives the missing lines and the
    channel names in ``lang``; the numbers all come from ``sized``.
    """
    figures = read_figures(bank, answers, lang, **flags)  # type: ignore[arg-type]
    names = _month_names(bank, lang)
    labels = {**names, **{c.channel: c.label for c in figures.channels}}
    figures.missing += [
        f"{phrase(f, lang, labels)} (kpi_targets)"
        if f.code == "m_targets"
        else phrase(f, lang, labels)
        for f in sized.skipped
    ]
    figures.unusable += sized.unusable
    plans = [
        replace(p, channel=replace(p.channel, label=labels[p.channel.channel]))
        for p in sized.channels
    ]
    rows: list[dict[str, Any]] = []
    if plans:
        goals_by_channel = {p.channel.channel: p.goals for p in plans if p.channel.realtime}
        scenarios = sensitivity.scenarios(goals_by_channel, labels, lang)
        rows = sensitivity.table(scenarios, lambda s: sized.scenario_fte.get(s.key))
    return Plan(
        lang=lang,
        interval_minutes=interval_minutes,
        month_basis=month,
        figures=figures,
        channels=plans,
        findings=list(sized.findings),
        assumptions=_assumptions(plans, sized.figures, interval_minutes, month),
        sensitivity=rows,
        month_names=names,
        labels=labels,
        checks=list(sized.checks),
    )


def _cannot_size(channel: Channel, exc: Exception) -> Finding:
    """Why the channel cannot be sized: ``missing`` lists it as not included and render and
    the interview say it on stderr; the other channels are sized."""
    if isinstance(exc, TooMuchTraffic):
        source = "case_types" if channel.aht_source == "case_types" else f"aht_{channel.channel}"
        return Finding(
            "u_traffic",
            channel.channel,
            None,
            {
                "traffic": Num(exc.traffic),
                "limit": Num(MAX_TRAFFIC),
                "qids": Join((Ref(f"volume_{channel.channel}"), Ref(source)), sep=", "),
            },
        )
    why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Finding("u_sizing", channel.channel, None, {"why": why})


def _usable_goals(channel: Channel, findings: list[Finding]) -> list[Goal]:
    """The goals sizing can use; the others get a finding that says why not."""
    usable = []
    for goal in channel.goals:
        why = None
        kpi = goal.kpi or goal.kind
        if goal.kind == "service_level" and goal.value >= 1:
            why = "why_sl_100"
        elif goal.kind == "asa" and goal.value <= 0:
            why = "why_asa_0"
        elif goal.kind == "max_occupancy" and goal.value <= 0:
            why = "why_occupancy_0"
        elif goal.kind == "max_abandon" and channel.patience is None:
            findings.append(
                Finding("f_no_patience", channel.channel, kpi, {"object": goal_words(goal, "obj")})
            )
            continue
        elif goal.kind == "max_abandon" and goal.value <= 0:
            why = "why_abandon_0"
        if why:
            findings.append(
                Finding(
                    "f_infeasible",
                    channel.channel,
                    kpi,
                    {"object": goal_words(goal, "obj"), "why": Words(why)},
                )
            )
            continue
        usable.append(goal)
    return usable


def _size_realtime(
    channel: Channel,
    goals: list[Goal],
    figures: Figures,
    interval: int,
    month: str,
    *,
    volume: float = 1.0,
    hour_shift: int = 0,
) -> ChannelPlan:
    monthly = channel.month_volume(month) * volume
    hours = channel.hours if not hour_shift else shift_hours(channel.hours, hour_shift)  # type: ignore[arg-type]
    slots = build_slots(
        monthly / WEEKS_PER_MONTH,
        figures.weekday,  # type: ignore[arg-type]
        figures.intraday,  # type: ignore[arg-type]
        hours,  # type: ignore[arg-type]
        interval,
    )
    seconds = next((g.seconds for g in goals if g.kind == "service_level"), DEFAULT_SECONDS)
    busiest = max((s.calls * channel.aht / (s.minutes * 60) for s in slots), default=0.0)
    if not busiest <= MAX_TRAFFIC:  # also NaN: refuse before any sizing starts
        raise TooMuchTraffic(busiest)
    week = staff(channel, slots, [g.targets() for g in goals], seconds)
    hours_staffed = agent_hours(week)
    return ChannelPlan(
        channel=channel,
        monthly=monthly,
        goals=goals,
        week=week,
        seconds=seconds,
        agent_hours=hours_staffed,
        fte=fte(hours_staffed, figures.fte_hours, figures.shrinkage),
    )


def _exact_cost(channel: Channel, goals: list[Goal], figures: Figures, interval: int) -> float:
    """Estimated steps to size the channel exactly in every set (``SIZING_SETS``): each
    distinct traffic of its busiest month with 20 % more volume, for every target."""
    slots = build_slots(
        channel.month_volume("peak") * 1.2 / WEEKS_PER_MONTH,
        figures.weekday,  # type: ignore[arg-type]
        figures.intraday,  # type: ignore[arg-type]
        channel.hours,  # type: ignore[arg-type]
        interval,
    )
    traffics = {s.calls * channel.aht / (s.minutes * 60) for s in slots}
    caps = [g.value if g.kind == "max_occupancy" else None for g in goals]
    return SIZING_SETS * sum(
        sizing_cost(t, channel.aht, channel.patience, occupancy=cap)
        for t in traffics
        for cap in caps
    )


def _size_deferred(
    channel: Channel, figures: Figures, month: str, volume: float = 1.0
) -> ChannelPlan:
    monthly = channel.month_volume(month) * volume
    workload = monthly / WEEKS_PER_MONTH * channel.aht / 3600
    return ChannelPlan(
        channel=channel,
        monthly=monthly,
        agent_hours=workload,
        fte=fte(workload, figures.fte_hours, figures.shrinkage),
    )


def _scenario_fte(
    plans: list[ChannelPlan],
    figures: Figures,
    interval: int,
    month: str,
    scenario: sensitivity.Scenario,
) -> float:
    total = 0.0
    for plan in plans:
        channel = plan.channel
        if channel.realtime:
            goals = (scenario.goals or {}).get(channel.channel, plan.goals)
            total += _size_realtime(
                channel,
                goals,
                figures,
                interval,
                month,
                volume=scenario.volume,
                hour_shift=scenario.hour_shift,
            ).fte
        else:
            total += _size_deferred(channel, figures, month, scenario.volume).fte
    return total


def _response_findings(channel: Channel, values: dict[str, Any]) -> list[Finding]:
    """A response time shorter than the longest closed stretch cannot be met around the clock."""
    if channel.hours is None or values.get(RESPONSE_CLOCK) == "opening_hours":
        return []
    gap = longest_closed(channel.hours)
    found = []
    for response in channel.responses:
        if response["hours"] < gap:
            target = Words(
                "t_response", {"p": Num(response["percent"]), "h": Num(response["hours"])}
            )
            found.append(
                Finding(
                    "f_email_closed",
                    channel.channel,
                    "response_time",
                    {"target": target, "gap": Num(gap)},
                )
            )
    return found


def _month_names(bank: Bank | None, lang: str) -> dict[str, str]:
    if bank is not None and "months" in bank.keysets:
        return {k.value: text(k.label, lang) for k in bank.keysets["months"].keys}
    return {}


def _assumptions(
    plans: list[ChannelPlan], figures: Figures, interval: int, month: str
) -> list[Finding]:
    found = [Finding("a_indicative")]
    realtime = [p for p in plans if p.channel.realtime]
    erlang_c = [Label(p.channel.channel) for p in realtime if p.channel.patience is None]
    if erlang_c:
        found.append(Finding("a_model_c", values={"channels": Join(tuple(erlang_c), ", ")}))
    for p in realtime:
        if p.channel.patience is not None:
            source = Words(f"src_patience_{p.channel.patience_source}")
            found.append(
                Finding(
                    "a_model_a",
                    p.channel.channel,
                    values={"patience": Num(p.channel.patience), "source": source},
                )
            )
    for p in realtime:
        if any(s.perf.approximate for s in p.week):
            key = "a_budget" if p.channel.approximate else "a_approximate"
            found.append(Finding(key, p.channel.channel))
    if realtime:
        found += _curve_assumptions(figures)
        found.append(Finding("a_interval", values={"minutes": interval}))
        found.append(Finding("a_week"))
        found.append(Finding("a_sl_rule"))
        found.append(Finding("a_channelless"))
    found.append(Finding(f"a_month_{month}"))
    for p in plans:
        channel = p.channel
        which = (
            Words("month_average")
            if month == "average"
            else Words("month_peak", {"name": Label(channel.peak_month)})
        )
        found.append(
            Finding(
                "a_volume",
                channel.channel,
                values={"month": which, "volume": Num(p.monthly), "week": Num(p.weekly)},
            )
        )
        if channel.volume_source != "months":
            found.append(
                Finding(
                    f"a_volume_{channel.volume_source}",
                    channel.channel,
                    values={"v": Num(channel.volume_given), "qid": Ref("volume_totals")},
                )
            )
        if channel.answered_rate:
            found.append(
                Finding("a_answered", channel.channel, values={"rate": Pct(channel.answered_rate)})
            )
        key = "a_aht_cases" if channel.aht_source == "case_types" else "a_aht_answer"
        found.append(
            Finding(
                key,
                channel.channel,
                values={"aht": Num(channel.aht), "qid": Ref(channel.aht_source)},
            )
        )
        if channel.concurrency:
            found.append(
                Finding(
                    "a_chat",
                    channel.channel,
                    values={"c": Num(channel.concurrency), "model": Words("model_erlang_c")},
                )
            )
        if not channel.realtime:
            found.append(Finding("a_deferred", channel.channel))
    found.append(
        Finding(
            "a_shrinkage",
            values={
                "s": Pct(figures.shrinkage),
                "source": Words(f"src_{_source(figures.shrinkage_source)}"),
                "h": Num(figures.fte_hours),
                "hsource": Words(f"src_{_source(figures.fte_hours_source)}"),
            },
        )
    )
    occupancy = [g for p in realtime for g in p.goals if g.kind == "max_occupancy"]
    if occupancy:
        found.append(Finding("a_max_occupancy_flag", values={"p": Pct(occupancy[0].value)}))
    if figures.growth:
        found.append(Finding("a_growth", values={"g": Num(figures.growth)}))
    return found


def _curve_assumptions(figures: Figures) -> list[Finding]:
    """The standard curves used in place of unknown ones, said as assumptions."""
    found = []
    if figures.weekday_source == "standard":
        found.append(Finding("a_weekday_standard", values={"qid": Ref("weekday_share")}))
    if figures.intraday_source == "standard":
        if figures.peak_hours:
            spans = tuple(
                Words("hour_span", {"a": f"{a:02d}", "b": f"{b:02d}"})
                for a, b in hour_ranges(figures.peak_hours)
            )
            found.append(
                Finding(
                    "a_intraday_peak",
                    values={
                        "peaks": Join(spans),
                        "qid": Ref("intraday_share"),
                        "cap": Pct(NON_PEAK_CAP),
                    },
                )
            )
        else:
            found.append(Finding("a_intraday_standard", values={"qid": Ref("intraday_share")}))
    return found


def _source(source: str) -> str:
    return {"flag": "flag", "answers": "answers"}.get(source, "default")
