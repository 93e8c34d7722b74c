"""The client's week, sized: the API the command, the interview and the document call.

``build_plan(bank, answers, lang=...)`` reads the figures, lays each real-time channel's week
out in intervals and sizes them (Erlang C, or Erlang A for phone when a patience figure
exists), gives deferred channels a workload-based FTE, and adds the consistency findings and
the cost sensitivity. ``Plan.to_dict()`` is the ``--json`` output and the annex's data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cc_rfp.answers import Answers
from cc_rfp.bank import Bank, text
from cc_rfp.staffing import consistency, sensitivity
from cc_rfp.staffing.erlang import MAX_TRAFFIC, scheduled_agents, sizing_cost
from cc_rfp.staffing.inputs import (
    DAYS,
    MAX_PATIENCE,
    WEEKS_PER_MONTH,
    Channel,
    Figures,
    Goal,
    read_figures,
    values_of,
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
from cc_rfp.staffing.texts import num, pct, say

DEFAULT_SECONDS = 20.0
"""Answer time the service level is reported at when no service level target exists."""

PLAN_WORK_BUDGET = 20_000_000.0
"""Estimated inner-loop steps (``erlang.sizing_cost``, ≈ 0.05 µs each here) a whole plan may
spend on exact sizing: about a second. A channel whose exact sizing would not fit what is
left is sized with the bounded-cost approximations instead (``Channel.approximate``) and the
annex says so, so a plan finishes in a second or two whatever the figures."""

SIZING_SETS = 8
"""How many times a plan sizes a channel's week: the month asked for, the peak month and the
six sensitivity scenarios (each interval and target is sized once thanks to the caches, so
this is an upper bound)."""


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
    peak_fte: float = 0.0

    @property
    def weekly(self) -> float:
        return self.monthly / WEEKS_PER_MONTH


@dataclass
class Plan:
    """Indicative staffing for the client's week, in one language."""

    lang: str
    interval_minutes: int
    month_basis: str
    figures: Figures
    channels: list[ChannelPlan]
    findings: list[str]
    assumptions: list[str]
    sensitivity: list[dict[str, Any]]
    month_names: dict[str, str]

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
        return lines

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-ready data (rates as fractions, times in seconds)."""
        figures = self.figures
        data: dict[str, Any] = {
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
            "channels": [self._channel(c) for c in self.channels],
            "totals": {
                "agent_hours": round(
                    sum(c.agent_hours for c in self.channels if c.channel.realtime), 2
                ),
                "workload_hours": round(
                    sum(c.agent_hours for c in self.channels if not c.channel.realtime), 2
                ),
                "fte": round(self.total_fte, 2),
                "peak_fte": round(sum(c.peak_fte for c in self.channels), 2),
            },
            "findings": list(self.findings),
            "sensitivity": self.sensitivity,
            "assumptions": list(self.assumptions),
            "summary_lines": self.summary_lines(),
        }
        return data

    def _channel(self, plan: ChannelPlan) -> dict[str, Any]:
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
            consistency=plan.consistency,
            intervals=[self._interval(plan, s) for s in plan.week],
        )
        return data

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
    """Size the client's week from an answers file (or a dict of answer values).

    Flags win over answers: ``shrinkage_percent`` and ``max_occupancy_percent`` in percent,
    ``fte_hours`` per week, ``patience`` in seconds (Erlang A for phone). ``month`` is
    "average" or "peak". Never raises for missing figures: ``Plan.missing`` names them and
    the channels that have their figures are still sized.
    """
    if interval_minutes not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(map(str, INTERVALS))} minutes")
    if month not in ("average", "peak"):
        raise ValueError("month must be 'average' or 'peak'")
    if patience is not None and not 0 < patience <= MAX_PATIENCE:
        raise ValueError(f"patience must be above 0 and at most {MAX_PATIENCE:.0f} seconds")
    figures = read_figures(
        bank,
        answers,
        lang,
        shrinkage_percent=shrinkage_percent,
        fte_hours=fte_hours,
        patience=patience,
        max_occupancy_percent=max_occupancy_percent,
    )
    values = values_of(answers)
    findings = list(figures.findings)
    plans: list[ChannelPlan] = []
    budget = PLAN_WORK_BUDGET
    for channel in figures.channels:
        if channel.realtime:
            goals = _usable_goals(channel, lang, findings)
            if not goals:
                figures.missing.append(
                    f"{say('m_targets', lang, channel=channel.label)} (kpi_targets)"
                )
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
                _cannot_size(channel, exc, figures, lang)
                continue
            found, plan.consistency = consistency.analyse(
                channel, goals, plan.week, plan.seconds, lang
            )
            findings += found
        else:
            plan = _size_deferred(channel, figures, month)
            plan.peak_fte = _size_deferred(channel, figures, "peak").fte
            findings += _response_findings(channel, values, lang)
        plans.append(plan)

    rows: list[dict[str, Any]] = []
    if plans:
        goals_by_channel = {p.channel.channel: p.goals for p in plans if p.channel.realtime}
        labels = {p.channel.channel: p.channel.label for p in plans}
        scenarios = sensitivity.scenarios(goals_by_channel, labels, lang)

        def evaluate(scenario: sensitivity.Scenario) -> float | None:
            if scenario.key == "base":
                return sum(p.fte for p in plans)
            try:
                return _scenario_fte(plans, figures, interval_minutes, month, scenario)
            except (ValueError, ArithmeticError):  # e.g. +20 % volume beyond the model
                return None

        rows = sensitivity.table(scenarios, evaluate)
    names = _month_names(bank, lang)
    return Plan(
        lang=lang,
        interval_minutes=interval_minutes,
        month_basis=month,
        figures=figures,
        channels=plans,
        findings=findings,
        assumptions=_assumptions(plans, figures, interval_minutes, month, names, lang),
        sensitivity=rows,
        month_names=names,
    )


def _cannot_size(channel: Channel, exc: Exception, figures: Figures, lang: str) -> None:
    """Name the channel that cannot be sized, and why, in the annex's language.

    The line goes to ``missing`` (the annex lists the channel as not included) and to
    ``unusable`` (render and the interview say it on stderr); the other channels are sized.
    """
    if isinstance(exc, TooMuchTraffic):
        source = "case_types" if channel.aht_source == "case_types" else f"aht_{channel.channel}"
        line = say(
            "u_traffic",
            lang,
            channel=channel.label,
            traffic=num(exc.traffic, lang),
            limit=num(MAX_TRAFFIC, lang),
            qids=f"volume_{channel.channel}, {source}",
        )
    else:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        line = say("u_sizing", lang, channel=channel.label, why=why)
    figures.missing.append(line)
    figures.unusable.append(line)


def _usable_goals(channel: Channel, lang: str, findings: list[str]) -> list[Goal]:
    """The goals sizing can use; the others get a finding that says why not."""
    usable = []
    for goal in channel.goals:
        why = None
        if goal.kind == "service_level" and goal.value >= 1:
            why = "why_sl_100"
        elif goal.kind == "asa" and goal.value <= 0:
            why = "why_asa_0"
        elif goal.kind == "max_occupancy" and goal.value <= 0:
            why = "why_occupancy_0"
        elif goal.kind == "max_abandon" and channel.patience is None:
            findings.append(
                say("f_no_patience", lang, channel=channel.label, object=goal.text("obj", lang))
            )
            continue
        elif goal.kind == "max_abandon" and goal.value <= 0:
            why = "why_abandon_0"
        if why:
            findings.append(
                say(
                    "f_infeasible",
                    lang,
                    channel=channel.label,
                    object=goal.text("obj", lang),
                    why=say(why, lang),
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


def _response_findings(channel: Channel, values: dict[str, Any], lang: str) -> list[str]:
    """A response time shorter than the longest closed stretch cannot be met around the clock."""
    if channel.hours is None or values.get("email_response_clock") == "opening_hours":
        return []
    gap = longest_closed(channel.hours)
    found = []
    for response in channel.responses:
        if response["hours"] < gap:
            target = say(
                "t_response", lang, p=num(response["percent"], lang), h=num(response["hours"], lang)
            )
            found.append(
                say(
                    "f_email_closed",
                    lang,
                    channel=channel.label,
                    target=target,
                    gap=num(gap, lang),
                )
            )
    return found


def _month_names(bank: Bank | None, lang: str) -> dict[str, str]:
    if bank is not None and "months" in bank.keysets:
        return {k.value: text(k.label, lang) for k in bank.keysets["months"].keys}
    return {}


def _assumptions(
    plans: list[ChannelPlan],
    figures: Figures,
    interval: int,
    month: str,
    names: dict[str, str],
    lang: str,
) -> list[str]:
    found = [say("a_indicative", lang)]
    realtime = [p for p in plans if p.channel.realtime]
    erlang_c = [p.channel.label for p in realtime if p.channel.patience is None]
    if erlang_c:
        found.append(say("a_model_c", lang, channels=", ".join(erlang_c)))
    for p in realtime:
        if p.channel.patience is not None:
            source = say(f"src_patience_{p.channel.patience_source}", lang)
            found.append(
                say(
                    "a_model_a",
                    lang,
                    channel=p.channel.label,
                    patience=num(p.channel.patience, lang),
                    source=source,
                )
            )
    for p in realtime:
        if any(s.perf.approximate for s in p.week):
            key = "a_budget" if p.channel.approximate else "a_approximate"
            found.append(say(key, lang, channel=p.channel.label))
    if realtime:
        found.append(say("a_interval", lang, minutes=interval))
        found.append(say("a_week", lang))
        found.append(say("a_sl_rule", lang))
        found.append(say("a_channelless", lang))
    found.append(say(f"a_month_{month}", lang))
    for p in plans:
        channel = p.channel
        which = (
            say("month_average", lang)
            if month == "average"
            else say("month_peak", lang, name=names.get(channel.peak_month, channel.peak_month))
        )
        found.append(
            say(
                "a_volume",
                lang,
                channel=channel.label,
                month=which,
                volume=num(p.monthly, lang),
                week=num(p.weekly, lang),
            )
        )
        if channel.answered_rate:
            found.append(
                say(
                    "a_answered", lang, channel=channel.label, rate=pct(channel.answered_rate, lang)
                )
            )
        key = "a_aht_cases" if channel.aht_source == "case_types" else "a_aht_answer"
        found.append(
            say(
                key, lang, channel=channel.label, aht=num(channel.aht, lang), qid=channel.aht_source
            )
        )
        if channel.concurrency:
            model = say("model_erlang_c", lang)
            found.append(
                say(
                    "a_chat",
                    lang,
                    channel=channel.label,
                    c=num(channel.concurrency, lang),
                    model=model,
                )
            )
        if not channel.realtime:
            found.append(say("a_deferred", lang, channel=channel.label))
    found.append(
        say(
            "a_shrinkage",
            lang,
            s=pct(figures.shrinkage, lang),
            source=say(f"src_{_source(figures.shrinkage_source)}", lang),
            h=num(figures.fte_hours, lang),
            hsource=say(f"src_{_source(figures.fte_hours_source)}", lang),
        )
    )
    occupancy = [g for p in realtime for g in p.goals if g.kind == "max_occupancy"]
    if occupancy:
        found.append(say("a_max_occupancy_flag", lang, p=pct(occupancy[0].value, lang)))
    if figures.growth:
        found.append(say("a_growth", lang, g=num(figures.growth, lang)))
    return found


def _source(source: str) -> str:
    return {"flag": "flag", "answers": "answers"}.get(source, "default")
