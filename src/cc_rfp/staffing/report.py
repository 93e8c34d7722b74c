"""Terminal rendering with rich: the one-interval table, and the plan with its heat map.

Rendering reads only the dictionaries the ``--json`` output is made of, so the terminal, the
JSON and the annex cannot disagree about a number.
"""

from __future__ import annotations

from typing import Any

from cc_rfp.staffing.texts import num, pct, percent, say


def _table(title: str | None = None, **kwargs: Any) -> Any:
    from rich import box
    from rich.table import Table

    return Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", **kwargs)


def direct_table(result: dict[str, Any], *, seconds: float, shrinkage: float, lang: str) -> Any:
    """The staffing of one interval as a two-column table."""
    model = say("model_erlang_a" if "abandon_rate" in result else "model_erlang_c", lang)
    table = _table(say("r_direct_title", lang, model=model))
    table.add_column(say("r_measure", lang))
    table.add_column(say("r_value", lang), justify="right")
    asa = result["asa_seconds"]
    rows = [
        (say("r_traffic", lang), num(result["traffic_erlangs"], lang, 2)),
        (say("r_agents", lang), num(result["agents"], lang)),
        (
            say("r_scheduled", lang, s=pct(shrinkage, lang)),
            num(result["scheduled_agents"], lang),
        ),
        (
            say("r_service_level", lang, s=num(seconds, lang)),
            percent(result["service_level"], lang, 2),
        ),
        (say("r_asa", lang), "∞" if asa is None else f"{num(asa, lang, 1)} s"),
        (say("r_occupancy", lang), percent(result["occupancy"], lang, 1)),
        (say("r_waiting", lang), percent(result["probability_of_waiting"], lang, 2)),
    ]
    if "abandon_rate" in result:
        rows.append((say("r_abandon", lang), percent(result["abandon_rate"], lang, 2)))
        rows.append((say("r_answer", lang), percent(result["answer_rate"], lang, 2)))
    for label, value in rows:
        table.add_row(label, value)
    if result.get("approximate"):
        table.caption = say("r_approximate", lang)
    return table


def plan_renderables(data: dict[str, Any]) -> list[Any]:
    """Everything of a plan, in reading order, as rich renderables."""
    from rich.text import Text

    lang = data["lang"]
    parts: list[Any] = [Text(say("r_title", lang), style="bold")]
    if not data["channels"]:
        parts.append(Text(say("r_nothing", lang, items="; ".join(data["missing"]))))
        return parts
    curves = data["curves"]
    if "standard" in (curves["weekday"], curves["intraday"]):
        parts.append(Text(say("r_curve_assumed", lang), style="yellow"))
    parts.append(_channels(data, lang))
    if data["totals"]["months"]:
        parts.append(_months(data, lang))
    for channel in data["channels"]:
        if channel["kind"] == "realtime":
            parts.append(_kpis(channel, lang))
            parts.append(_heatmap(channel, data["days"], lang, _basis(data, channel, lang)))
        elif channel["response_targets"]:
            targets = "; ".join(t["text"] for t in channel["response_targets"])
            model = say(f"model_{channel['model']}", lang)
            line = say("r_response", lang, channel=channel["label"], model=model, targets=targets)
            parts.append(Text(line))
    parts.append(_bullets(say("r_findings", lang), [f["text"] for f in data["findings"]]))
    if data["checks"]:
        parts.append(_bullets(say("r_checks", lang), [f["text"] for f in data["checks"]]))
    parts.append(_sensitivity(data["sensitivity"], lang))
    assumptions = [a["text"] for a in data["assumptions"]]
    parts.append(_bullets(say("r_assumptions", lang), assumptions, style="dim"))
    if data["missing"]:
        parts.append(_bullets(say("r_missing", lang), data["missing"], style="yellow"))
    return parts


def _channels(data: dict[str, Any], lang: str) -> Any:
    table = _table(say("r_staffing", lang))
    for key, justify in (
        ("r_channel", "left"),
        ("r_week_volume", "right"),
        ("r_aht", "right"),
        ("r_agent_hours", "right"),
        ("r_peak_agents", "right"),
        ("r_fte", "right"),
        ("r_peak_fte", "right"),
    ):
        table.add_column(say(key, lang), justify=justify)  # type: ignore[arg-type]
    for c in data["channels"]:
        realtime = c["kind"] == "realtime"
        table.add_row(
            c["label"],
            num(c["weekly_volume"], lang),
            num(c["aht_seconds"], lang),
            num(c["agent_hours"] if realtime else c["workload_hours"], lang),
            num(c["peak_agents"], lang) if realtime else "–",
            num(c["fte"], lang, 1),
            num(c["peak_fte"], lang, 1),
        )
    totals = data["totals"]
    table.add_row(
        say("r_total", lang),
        "",
        "",
        num(totals["agent_hours"] + totals["workload_hours"], lang),
        "",
        num(totals["fte"], lang, 1),
        num(totals["peak_fte"], lang, 1),
        style="bold",
    )
    return table


def _months(data: dict[str, Any], lang: str) -> Any:
    """FTE per month: a column per channel and the total, the busiest month marked."""
    table = _table(say("r_months", lang))
    table.add_column(say("r_month", lang))
    channels = [c for c in data["channels"] if c["months"]]
    for c in channels:
        table.add_column(c["label"], justify="right")
    table.add_column(say("r_total", lang), justify="right")
    busiest = data["totals"]["busiest_month"]
    per_channel = [{row["month"]: row["fte"] for row in c["months"]} for c in channels]
    for row in data["totals"]["months"]:
        month = row["month"]
        name = row["name"] + (f" ({say('r_busiest', lang)})" if month == busiest else "")
        cells = [num(fte[month], lang, 1) if month in fte else "–" for fte in per_channel]
        style = "bold" if month == busiest else ""
        table.add_row(name, *cells, num(row["fte"], lang, 1), style=style)
    return table


def _basis(data: dict[str, Any], channel: dict[str, Any], lang: str) -> str:
    """Which month the heat map shows: the average month, or this channel's busiest."""
    if data["month_basis"] == "peak":
        return say("month_peak", lang, name=channel["peak_month_name"])
    return say("month_average", lang)


def _kpis(channel: dict[str, Any], lang: str) -> Any:
    """One real-time channel: each measure's target (if any) beside what is achieved."""
    k = channel["kpis"]
    model = say(f"model_{channel['model']}", lang)
    table = _table(say("r_kpis", lang, channel=channel["label"], model=model))
    table.add_column(say("r_measure", lang))
    table.add_column(say("r_target", lang), justify="right")
    table.add_column(say("r_achieved", lang), justify="right")
    targets: dict[str, list[str]] = {}
    for t in channel["targets"]:
        targets.setdefault(t["kpi"], []).append(t["text"])

    def row(label: str, kpis: tuple[str, ...], value: str) -> None:
        shown = [text for kpi in kpis for text in targets.get(kpi, [])]
        table.add_row(label, "; ".join(shown) or "–", value)

    seconds = num(channel["service_level_seconds"], lang)
    row(
        say("r_service_level", lang, s=seconds),
        ("service_level",),
        percent(k["service_level"], lang, 1),
    )
    row(say("r_asa", lang), ("asa",), f"{num(k['asa_seconds'], lang, 1)} s")
    if "answer_rate" in targets:
        achieved = percent(k["answer_rate"], lang, 1) if "answer_rate" in k else "–"
        row(say("r_answer", lang), ("answer_rate",), achieved)
    if "abandon_rate" in targets or ("abandon_rate" in k and "answer_rate" not in targets):
        achieved = percent(k["abandon_rate"], lang, 1) if "abandon_rate" in k else "–"
        row(say("r_abandon", lang), ("abandon_rate",), achieved)
    row(say("r_occupancy", lang), ("occupancy",), percent(k["occupancy"], lang, 1))
    row(say("r_waiting", lang), (), percent(k["probability_of_waiting"], lang, 1))
    return table


def _heatmap(channel: dict[str, Any], days: list[str], lang: str, month: str) -> Any:
    from rich.text import Text

    grid = channel["heatmap"]
    peak = max((v for row in grid["agents"] for v in row if v is not None), default=0)
    title = say("r_heatmap_month", lang, channel=channel["label"], month=month)
    table = _table(title, pad_edge=False)
    table.add_column("")
    for hour in grid["hours"]:
        table.add_column(hour, justify="right")
    for day, row in zip(days, grid["agents"], strict=True):
        cells = []
        for value in row:
            if value is None:
                cells.append(Text("·", style="dim"))
            else:
                cells.append(Text(f"{value}", style=_heat_style(value, peak)))
        table.add_row(day, *cells)
    return table


def _heat_style(value: int, peak: int) -> str:
    """Background from pale yellow (few agents) to deep red (the week's most)."""
    share = value / peak if peak else 0.0
    red = 255
    green = int(235 - 185 * share)
    blue = int(160 - 140 * share)
    return f"black on rgb({red},{green},{blue})"


def _bullets(title: str, lines: list[str], style: str = "") -> Any:
    from rich.console import Group
    from rich.text import Text

    items = [Text(title, style="bold")]
    items += [Text(f"• {line}", style=style) for line in lines]
    return Group(*items)


def _sensitivity(rows: list[dict[str, Any]], lang: str) -> Any:
    table = _table(say("r_sensitivity", lang))
    table.add_column(say("r_scenario", lang))
    table.add_column(say("r_fte", lang), justify="right")
    table.add_column(say("r_change", lang), justify="right")
    for row in rows:
        if row["key"] == "base":
            change = "–"
        else:
            sign = "+" if row["delta_fte"] >= 0 else "−"
            change = (
                f"{sign}{num(abs(row['delta_fte']), lang, 1)} "
                f"({sign}{percent(abs(row['delta_percent']) / 100, lang, 1)})"
            )
        style = "bold" if row["key"] == "base" else ""
        table.add_row(row["label"], num(row["fte"], lang, 1), change, style=style)
    return table
