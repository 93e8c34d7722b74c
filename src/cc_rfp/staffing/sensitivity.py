"""What neighbouring choices would cost: FTE for a stricter or looser service level, an hour
less or more a day, and more volume — the trade-offs the guide asks the client to weigh
(G3.5) before a target is fixed in the tender.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from cc_rfp.staffing.inputs import Goal
from cc_rfp.staffing.texts import join, num, pct, say

SL_STEP = 0.10
"""A service-level step: 80 % in 20 s has 70/20 and 90/20 as neighbours."""
SL_CEILING = 0.99
VOLUME_STEPS = (10, 20)


@dataclass(frozen=True)
class Scenario:
    """A change to the base case: goals per channel, a volume factor, an hour shift a day."""

    key: str
    label: str
    goals: dict[str, list[Goal]] | None = None
    volume: float = 1.0
    hour_shift: int = 0


def scenarios(goals: dict[str, list[Goal]], labels: dict[str, str], lang: str) -> list[Scenario]:
    """The base case and its neighbours, in table order."""
    looser, stricter = _step(goals, labels, lang)
    rows = [s for s in (looser,) if s]
    rows.append(Scenario("base", say("s_base", lang)))
    rows += [s for s in (stricter,) if s]
    rows.append(Scenario("hours_shorter", say("s_hours_shorter", lang), hour_shift=-60))
    rows.append(Scenario("hours_longer", say("s_hours_longer", lang), hour_shift=60))
    rows += [
        Scenario(f"volume_{p}", say("s_volume", lang, p=p), volume=1 + p / 100)
        for p in VOLUME_STEPS
    ]
    return rows


def _step(
    goals: dict[str, list[Goal]], labels: dict[str, str], lang: str
) -> tuple[Scenario | None, Scenario | None]:
    """Service level a step looser and stricter; ASA halved and doubled when there is none."""
    has_sl = any(g.kind == "service_level" for gs in goals.values() for g in gs)
    kind = "service_level" if has_sl else "asa"
    if not any(g.kind == kind for gs in goals.values() for g in gs):
        return None, None
    result: list[Scenario | None] = []
    for direction in ("looser", "stricter"):
        changed: dict[str, list[Goal]] = {}
        words: list[str] = []
        for channel, channel_goals in goals.items():
            new = [_moved(g, direction) if g.kind == kind else g for g in channel_goals]
            changed[channel] = new
            for old, goal in zip(channel_goals, new, strict=True):
                if goal != old:
                    words.append(_describe(goal, labels[channel], len(goals), lang))
        if not words:
            result.append(None)
            continue
        label = say("s_sl" if kind == "service_level" else "s_asa", lang, targets=join(words, lang))
        result.append(Scenario(f"{kind}_{direction}", label, goals=changed))
    return result[0], result[1]


def _moved(goal: Goal, direction: str) -> Goal:
    """The goal a step looser or stricter (unchanged when it cannot move that way)."""
    if goal.kind == "service_level":
        if direction == "looser":
            value = round(goal.value - SL_STEP, 6)
            return replace(goal, value=value) if value > 0 else goal
        value = min(round(goal.value + SL_STEP, 6), SL_CEILING)
        return replace(goal, value=value) if value > goal.value else goal
    factor = 2.0 if direction == "looser" else 0.5
    return replace(goal, value=goal.value * factor)


def _describe(goal: Goal, label: str, channels: int, lang: str) -> str:
    if goal.kind == "service_level":
        words = say("t_service_level", lang, p=pct(goal.value, lang), s=num(goal.seconds, lang))
    else:
        words = f"{num(goal.value, lang)} s"
    return f"{label.lower()} {words}" if channels > 1 else words


def table(
    rows: list[Scenario], evaluate: Callable[[Scenario], float | None]
) -> list[dict[str, Any]]:
    """FTE per scenario and the change from the base case.

    A scenario ``evaluate`` cannot size (None, e.g. more volume than the model takes) is left
    out of the table rather than failing it.
    """
    evaluated = [(row, evaluate(row)) for row in rows]
    results = [(row, fte) for row, fte in evaluated if fte is not None]
    base = next(fte for row, fte in results if row.key == "base")
    return [
        {
            "key": row.key,
            "label": row.label,
            "fte": round(fte, 2),
            "delta_fte": round(fte - base, 2),
            "delta_percent": round((fte - base) / base * 100, 1) if base else 0.0,
        }
        for row, fte in results
    ]
