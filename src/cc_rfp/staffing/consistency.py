"""Which target decides the staffing, and what the others come out at.

Targets set one by one often disagree: 80 % in 20 s already gives an ASA far below a 60 s
ASA target, which then costs nothing and promises nothing. The client should see that while
the targets can still change, in plain words, so every sentence here names the targets the
way the client set them and the figure the others come out at.
"""

from __future__ import annotations

from typing import Any

from cc_rfp.staffing.inputs import Channel, Goal
from cc_rfp.staffing.result import Finding, Join, Num, Pct, Words, goal_words
from cc_rfp.staffing.sizing import (
    Staffed,
    achieved,
    agent_hours,
    bounded,
    decisive,
    restaff,
    weekly_kpis,
)

LOW_OCCUPANCY = 0.5
"""Below this weekly occupancy the targets are flagged as expensive for the volume."""


def goal_value(channel: Channel, week: list[Staffed], goal: Goal) -> float:
    """What ``goal``'s measure comes out at over the week (a fraction, or seconds for ASA)."""
    if goal.kind == "service_level":
        return weekly_kpis(_remeasure(channel, week, goal.seconds))["service_level"]
    kpis = weekly_kpis(week)
    if goal.kind == "asa":
        return kpis["asa_seconds"]
    if goal.kind == "max_abandon":
        return kpis["answer_rate"] if goal.words == "answer_rate" else kpis["abandon_rate"]
    return kpis["occupancy"]


def _remeasure(channel: Channel, week: list[Staffed], seconds: float) -> list[Staffed]:
    """The same staffing as ``week``, its service level measured at another answer time."""
    return [
        Staffed(
            s.slot,
            s.traffic,
            s.needs,
            s.servers,
            s.agents,
            achieved(
                s.servers,
                s.traffic,
                channel.aht,
                seconds,
                channel.patience,
                bounded(channel.approximate, s.traffic, channel.aht, channel.patience),
            ),
        )
        for s in week
    ]


def gives(goal: Goal, value: float) -> Words:
    """ "an ASA of about 13 s": what a measure comes out at, phrased for ``goal``'s KPI."""
    if goal.kind == "service_level":
        return Words("gives_service_level", {"p": Pct(value), "s": Num(goal.seconds)})
    if goal.kind == "asa":
        return Words("gives_asa", {"s": Num(value)})
    return Words(f"gives_{goal.words}", {"p": Pct(value)})


def analyse(
    channel: Channel, goals: list[Goal], week: list[Staffed], seconds: float
) -> tuple[list[Finding], list[dict[str, Any]]]:
    """Findings (codes, no language) and one record of figures per goal, in ``goals`` order."""
    if not week:
        return [], []
    total = agent_hours(week)
    records: list[dict[str, Any]] = []
    binding: list[int] = []
    without_weeks: dict[int, list[Staffed]] = {}
    for i, goal in enumerate(goals):
        others = tuple(j for j in range(len(goals)) if j != i)
        alone = restaff(channel, week, (i,), seconds)
        record: dict[str, Any] = {
            "decisive_intervals": decisive(week, i),
            "alone_agent_hours": round(agent_hours(alone), 2),
            "achieved": _rounded(goal, goal_value(channel, week, goal)),
        }
        if others:
            without = restaff(channel, week, others, seconds)
            without_weeks[i] = without
            hours_without = agent_hours(without)
            record["agent_hours_without"] = round(hours_without, 2)
            record["binding"] = hours_without < total - 1e-9
            if not record["binding"]:
                record["value_without"] = _rounded(goal, goal_value(channel, without, goal))
        else:
            record["binding"] = True
        if record["binding"]:
            binding.append(i)
        records.append(record)

    # Targets that tie everywhere (each alone would give the same staffing) decide together.
    deciders = (
        binding
        or [i for i in range(len(goals)) if decisive(week, i) > 0]
        or list(range(len(goals)))
    )
    findings = _binding_findings(channel, goals, week, deciders, seconds)
    subject: Words = (
        goal_words(goals[deciders[0]], "subj") if len(deciders) == 1 else Words("f_the_others")
    )
    for i, goal in enumerate(goals):
        if i in deciders:
            continue
        value = goal_value(channel, without_weeks[i], goal)
        findings.append(
            Finding(
                "f_no_effect",
                channel.channel,
                goal.kpi or goal.kind,
                {
                    "subject": subject,
                    "gives": gives(goal, value),
                    "object": goal_words(goal, "obj"),
                },
            )
        )
    occupancy = weekly_kpis(week)["occupancy"]
    if occupancy < LOW_OCCUPANCY:
        findings.append(
            Finding("f_low_occupancy", channel.channel, "occupancy", {"p": Pct(occupancy)})
        )
    return findings, records


def _rounded(goal: Goal, value: float) -> float:
    return round(value, 2) if goal.kind == "asa" else round(value, 4)


def _binding_findings(
    channel: Channel,
    goals: list[Goal],
    week: list[Staffed],
    binding: list[int],
    seconds: float,
) -> list[Finding]:
    if len(binding) > 1:
        counts = sorted(((decisive(week, i), i) for i in binding), reverse=True)
        parts = tuple(
            Words("f_binds_part", {"object": goal_words(goals[i], "obj"), "k": k, "n": len(week)})
            for k, i in counts
        )
        return [Finding("f_binds_split", channel.channel, None, {"parts": Join(parts)})]
    decider = goals[binding[0]]
    kpis = weekly_kpis(week)
    then: list[Words] = []
    sl_goals = [g for g in goals if g.kind == "service_level" and g is not decider]
    if sl_goals:
        sl = goal_value(channel, week, sl_goals[0])
        then.append(Words("then_service_level", {"p": Pct(sl), "s": Num(sl_goals[0].seconds)}))
    if decider.kind != "asa":
        then.append(Words("then_asa", {"s": Num(kpis["asa_seconds"])}))
    then.append(Words("then_wait", {"p": Pct(kpis["probability_of_waiting"])}))
    if decider.kind != "max_occupancy":
        then.append(Words("then_occupancy", {"p": Pct(kpis["occupancy"])}))
    if channel.patience is not None and decider.kind != "max_abandon":
        then.append(Words("then_abandon", {"p": Pct(kpis["abandon_rate"])}))
    return [
        Finding(
            "f_binds",
            channel.channel,
            decider.kpi or decider.kind,
            {"subject": goal_words(decider, "subj"), "then": Join(tuple(then))},
        )
    ]
