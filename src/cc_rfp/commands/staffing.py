"""``cc-rfp staffing``: indicative staffing from direct figures or from an answers file.

Only typer is imported here at start-up; the queueing core, rich, yaml and pydantic are
imported inside the command so ``cc-rfp --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from cc_rfp.commands._options import BankOption, LangOption

DIRECT_FLAGS = ("--calls", "--aht", "--target", "--asa", "--max-abandon")


def staffing(
    answers: Annotated[
        Path | None,
        typer.Argument(
            metavar="[ANSWERS]",
            help="An answers file: size the client's whole week from it.",
            show_default=False,
        ),
    ] = None,
    calls: Annotated[
        str | None,
        typer.Option("--calls", metavar="N", help="Calls offered in one interval."),
    ] = None,
    interval: Annotated[
        str | None,
        typer.Option("--interval", metavar="MINUTES", help="Interval length (default 15)."),
    ] = None,
    aht: Annotated[
        str | None,
        typer.Option("--aht", metavar="SECONDS", help="Average handling time per call."),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option("--target", metavar="PCT/SECONDS", help="Service level target, e.g. 80/20."),
    ] = None,
    asa: Annotated[
        str | None,
        typer.Option("--asa", metavar="SECONDS", help="Highest average speed of answer."),
    ] = None,
    max_occupancy: Annotated[
        str | None,
        typer.Option("--max-occupancy", metavar="PCT", help="Highest agent occupancy."),
    ] = None,
    max_abandon: Annotated[
        str | None,
        typer.Option(
            "--max-abandon", metavar="PCT", help="Highest abandon rate (needs --patience)."
        ),
    ] = None,
    shrinkage: Annotated[
        str | None,
        typer.Option("--shrinkage", metavar="PCT", help="Paid time not available for calls."),
    ] = None,
    patience: Annotated[
        str | None,
        typer.Option(
            "--patience",
            metavar="SECONDS",
            help="Mean time callers wait before hanging up (Erlang A).",
        ),
    ] = None,
    fte_hours: Annotated[
        str | None,
        typer.Option("--fte-hours", metavar="HOURS", help="Contracted hours a week per FTE."),
    ] = None,
    month: Annotated[
        str,
        typer.Option("--month", metavar="average|peak", help="Which month's volume to size."),
    ] = "average",
    lang: LangOption = None,
    questions: BankOption = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of tables.")
    ] = False,
) -> None:
    """Indicative staffing (Erlang C / Erlang A) from direct figures or an answers file."""
    from cc_rfp.errors import InputError
    from cc_rfp.i18n import resolve_lang

    numbers = {
        "--calls": _number("--calls", calls),
        "--interval": _number("--interval", interval),
        "--aht": _number("--aht", aht),
        "--asa": _number("--asa", asa),
        "--max-occupancy": _number("--max-occupancy", max_occupancy),
        "--max-abandon": _number("--max-abandon", max_abandon),
        "--shrinkage": _number("--shrinkage", shrinkage),
        "--patience": _number("--patience", patience),
        "--fte-hours": _number("--fte-hours", fte_hours),
    }
    _check_ranges(numbers)
    if answers is not None:
        given = [flag for flag in DIRECT_FLAGS if numbers.get(flag) is not None]
        if target is not None:
            given.append("--target")
        if given:
            raise InputError(
                f"{', '.join(given)}: these are for direct figures; with an answers file "
                "the figures and targets come from the file"
            )
        _from_answers(answers, numbers, month, lang, questions, json_output)
        return
    if numbers["--calls"] is None or numbers["--aht"] is None or target is None:
        raise InputError(
            "give an answers file, or --calls, --aht and --target (e.g. "
            "cc-rfp staffing --calls 100 --interval 30 --aht 180 --target 80/20)"
        )
    _direct(numbers, target, resolve_lang(lang), json_output)


def _number(flag: str, text: str | None) -> float | None:
    from cc_rfp.core.values import parse_number
    from cc_rfp.errors import InputError

    if text is None:
        return None
    try:
        return parse_number(text)
    except ValueError as exc:
        if str(exc) == "too large":  # parse_number refuses figures beyond 15 digits
            raise InputError(f"{flag} {text}: far too large; check the figure") from None
        raise InputError(f"{flag} {text}: not a number; write it like 180 or 12.5") from None


def _check_ranges(numbers: dict[str, float | None]) -> None:
    """Each flag's own range, checked before any computing, with what to do instead."""
    from cc_rfp.errors import InputError

    rules: dict[str, tuple[str, str]] = {
        "--calls": ("ge0", "the number of calls cannot be negative; give 0 or more"),
        "--interval": ("gt0", "the interval must be more than 0 minutes, e.g. 15 or 30"),
        "--aht": ("gt0", "the handling time must be more than 0 seconds, e.g. 180"),
        "--asa": ("gt0", "an ASA target must be more than 0 seconds, e.g. 30"),
        "--max-occupancy": ("pct_gt0", "give a percentage above 0 and at most 100, e.g. 85"),
        "--max-abandon": ("pct_gt0", "give a percentage above 0 and at most 100, e.g. 5"),
        "--shrinkage": ("pct_lt100", "give a percentage from 0 up to but not 100, e.g. 30"),
        "--patience": ("patience", "give seconds above 0 and at most 86400 (a day), e.g. 120"),
        "--fte-hours": ("gt0", "give the hours of a full-time week, e.g. 40"),
    }
    for flag, (rule, advice) in rules.items():
        value = numbers[flag]
        if value is None:
            continue
        bad = {
            "ge0": value < 0,
            "gt0": value <= 0,
            "pct_gt0": not 0 < value <= 100,
            "pct_lt100": not 0 <= value < 100,
            "patience": not 0 < value <= 86_400,
        }[rule]
        if bad:
            raise InputError(f"{flag} {_plain(value)}: {advice}")


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _parse_target(text: str) -> tuple[float, float]:
    """ "80/20" → (0.8, 20.0), with a one-line error for anything else."""
    from cc_rfp.core.values import parse_number
    from cc_rfp.errors import InputError

    parts = text.split("/")
    try:
        if len(parts) != 2:
            raise ValueError
        percent, seconds = parse_number(parts[0]), parse_number(parts[1])
    except ValueError:
        raise InputError(
            f"--target {text}: write the service level as PCT/SECONDS, e.g. 80/20"
        ) from None
    if not 0 < percent < 100:
        raise InputError(
            f"--target {text}: the percentage must be above 0 and below 100 "
            "(100 % can never be guaranteed), e.g. 80/20"
        )
    if seconds < 0:
        raise InputError(f"--target {text}: the seconds cannot be negative, e.g. 80/20")
    return percent / 100, seconds


def _direct(numbers: dict[str, float | None], target: str, lang: str, json_output: bool) -> None:
    import json

    from cc_rfp.errors import InputError
    from cc_rfp.staffing.erlang import (
        MAX_PATIENCE_RATIO,
        MAX_TRAFFIC,
        Targets,
        scheduled_agents,
        size,
        traffic_erlangs,
    )

    service_level, seconds = _parse_target(target)
    interval = numbers["--interval"] if numbers["--interval"] is not None else 15.0
    patience = numbers["--patience"]
    if numbers["--max-abandon"] is not None and patience is None:
        raise InputError(
            "--max-abandon needs --patience (seconds callers wait before hanging up): "
            "without it nobody hangs up"
        )
    shrinkage = (numbers["--shrinkage"] or 0.0) / 100
    targets = Targets(
        service_level=service_level,
        answer_seconds=seconds,
        asa=numbers["--asa"],
        max_occupancy=_fraction(numbers["--max-occupancy"]),
        max_abandon=_fraction(numbers["--max-abandon"]),
    )
    aht = numbers["--aht"] or 0.0
    traffic = traffic_erlangs(numbers["--calls"] or 0.0, interval * 60, aht)
    if traffic > MAX_TRAFFIC:
        raise InputError(
            f"--calls, --aht and --interval give {traffic:,.0f} erlangs; the model goes up to "
            f"{MAX_TRAFFIC:,.0f}: check the figures and units (seconds, minutes)"
        )
    if patience is not None and patience > MAX_PATIENCE_RATIO * aht:
        raise InputError(
            f"--patience {_plain(patience)}: callers that patient never hang up; leave "
            "--patience out (Erlang C)"
        )
    perf = size(traffic, aht, targets, patience)
    result: dict[str, Any] = {
        "traffic_erlangs": round(traffic, 4),
        "agents": perf.agents,
        "scheduled_agents": scheduled_agents(perf.agents, shrinkage),
        "service_level": round(perf.service_level, 4),
        "asa_seconds": _seconds(perf.asa),
        "occupancy": round(perf.occupancy, 4),
        "probability_of_waiting": round(perf.probability_of_waiting, 4),
    }
    if patience is not None:
        result["abandon_rate"] = round(perf.abandon_rate, 4)
        result["answer_rate"] = round(perf.answer_rate, 4)
    if perf.approximate:  # only then, so normal output stays as it was
        result["approximate"] = True
    if json_output:
        from cc_rfp.staffing.result import SCHEMA_VERSION

        typer.echo(json.dumps({"schema_version": SCHEMA_VERSION, **result}, ensure_ascii=False))
        return
    from rich.console import Console

    from cc_rfp.staffing.report import direct_table

    Console().print(direct_table(result, seconds=seconds, shrinkage=shrinkage, lang=lang))


def _fraction(percent: float | None) -> float | None:
    return None if percent is None else percent / 100


def _seconds(value: float) -> float | None:
    import math

    return round(value, 2) if math.isfinite(value) else None


def _from_answers(
    path: Path,
    numbers: dict[str, float | None],
    month: str,
    lang: str | None,
    questions: Path | None,
    json_output: bool,
) -> None:
    import json

    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.errors import InputError
    from cc_rfp.i18n import resolve_lang
    from cc_rfp.staffing.sizing import INTERVALS
    from cc_rfp.staffing.texts import say
    from cc_rfp.staffing.week import build_plan

    if month not in ("average", "peak"):
        raise InputError(f"--month {month}: use average or peak")
    interval = numbers["--interval"] if numbers["--interval"] is not None else 15.0
    if interval not in INTERVALS:
        allowed = ", ".join(str(i) for i in INTERVALS)
        raise InputError(
            f"--interval {_plain(interval)}: an interval must divide the hour; "
            f"use one of {allowed} minutes (15 is usual)"
        )
    bank = load_bank(questions)
    loaded = load_answers(path)
    language = resolve_lang(lang, loaded.language)
    plan = build_plan(
        bank,
        loaded,
        lang=language,
        interval_minutes=int(interval),
        month=month,
        shrinkage_percent=numbers["--shrinkage"],
        fte_hours=numbers["--fte-hours"],
        patience=numbers["--patience"],
        max_occupancy_percent=numbers["--max-occupancy"],
    )
    if not plan.available:
        raise InputError(f"{path}: {say('r_nothing', language, items='; '.join(plan.missing))}")
    data = plan.to_dict()
    if json_output:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    from rich.console import Console

    from cc_rfp.staffing.report import plan_renderables

    console = Console()
    for part in plan_renderables(data):
        console.print(part)
        console.print()
