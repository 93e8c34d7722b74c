"""Opening hours per channel: a preset in one keypress, or custom hours per weekday.

Hours are stored as "HH:MM-HH:MM" or "closed"; typing is forgiving ("8-17", "8.30–17",
"stängt") and every day is checked as it is typed (HH:MM, start before end).
"""

from __future__ import annotations

import re
from typing import Any

from rich import box
from rich.table import Table

from cc_rfp.core.answers import is_unknown
from cc_rfp.core.bank import text
from cc_rfp.core.bank_model import Choice
from cc_rfp.core.values import CLOSED, hours_problems
from cc_rfp.interview.ask import KEYS, Special, ask_select, ask_text
from cc_rfp.interview.prompts.base import Asking

CLOSED_WORDS = {"closed", "stängt", "stängd", "-", "–", "x"}
SPAN_RE = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*[-–]\s*(\d{1,2})(?:[:.](\d{2}))?$")

# Presets by weekday position (Monday first): five weekdays, then Saturday and Sunday.
PRESETS: list[tuple[str, tuple[str, str]]] = [
    ("preset_office", ("08:00-17:00", CLOSED)),
    ("preset_extended", ("08:00-20:00", "10:00-16:00")),
    ("preset_every_day", ("08:00-22:00", "08:00-22:00")),
    ("preset_always", ("00:00-24:00", "00:00-24:00")),
]


def normalise_span(typed: str) -> str:
    """The stored form of what was typed ("8-17" -> "08:00-17:00"), else the text as is."""
    stripped = typed.strip().lower()
    if stripped in CLOSED_WORDS:
        return CLOSED
    match = SPAN_RE.match(stripped)
    if not match:
        return typed.strip()
    h1, m1, h2, m2 = match.groups()
    return f"{int(h1):02d}:{m1 or '00'}-{int(h2):02d}:{m2 or '00'}"


def _weekdays(a: Asking) -> list[Choice]:
    return list(a.bank.keysets["weekdays"].keys)


def _preset_week(days: list[str], spans: tuple[str, str]) -> dict[str, str]:
    return {day: spans[0] if i < 5 else spans[1] for i, day in enumerate(days)}


def _clean(value: Any, days: list[str]) -> dict[str, dict[str, str]]:
    """Complete, valid weeks of an earlier answer, by channel."""
    if not isinstance(value, dict):
        return {}
    weeks: dict[str, dict[str, str]] = {}
    for channel, week in value.items():
        if not isinstance(week, dict):
            continue
        spans = {d: week[d] for d in days if isinstance(week.get(d), str)}
        if len(spans) == len(days) and not any(hours_problems(s, "en") for s in spans.values()):
            weeks[str(channel)] = spans
    return weeks


def span_text(a: Asking, span: str) -> str:
    return a.ui.t("closed") if span == CLOSED else span


def show_weeks(a: Asking, weeks: dict[str, dict[str, str]], channels: list[Choice]) -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("")
    shown = [c for c in channels if c.value in weeks]
    for channel in shown:
        table.add_column(text(channel.label, a.lang))
    for day in _weekdays(a):
        table.add_row(
            text(day.label, a.lang),
            *(span_text(a, weeks[c.value][day.value]) for c in shown),
        )
    a.ui.console.print(table)


def _week_brief(a: Asking, week: dict[str, str], days: list[Choice]) -> str:
    first, weekend = week[days[0].value], week[days[-1].value]
    return f"{span_text(a, first)} … {span_text(a, weekend)}"


def ask_hours(a: Asking) -> Any:
    ui = a.ui
    channels = a.bank.channels(a.question, a.known)
    days = _weekdays(a)
    day_ids = [d.value for d in days]
    before = _clean(a.start, day_ids)
    weeks: dict[str, dict[str, str]] = {}
    index = 0
    while index < len(channels):
        channel = channels[index]
        name = text(channel.label, a.lang)
        options: list[tuple[str, Any]] = []
        old = before.get(channel.value)
        if old:
            options.append((ui.t("hours_keep", week=_week_brief(a, old, days)), "keep"))
        if index > 0:
            previous = text(channels[index - 1].label, a.lang)
            options.append((ui.t("hours_same", channel=previous), "same"))
        options += [(ui.t(key), key) for key, _ in PRESETS]
        options.append((ui.t("hours_custom"), "custom"))
        default: Any = "keep" if old else ("same" if index > 0 else PRESETS[0][0])
        if is_unknown(a.current) and index == 0:
            default = Special.UNKNOWN
        message = f"{a.title} – {name}" if len(channels) > 1 or index else a.title
        pick = ask_select(ui, message, options, default=default, specials=KEYS)
        if pick is Special.HELP:
            a.help()
            continue
        if pick is Special.BACK and index > 0:
            index -= 1
            continue
        if isinstance(pick, Special):
            return pick
        if pick == "keep" and old:
            week = dict(old)
        elif pick == "same":
            week = dict(weeks[channels[index - 1].value])
        elif pick == "custom":
            earlier = weeks[channels[index - 1].value] if index > 0 else {}
            custom = _ask_days(a, name, days, weeks.get(channel.value) or old or {}, earlier)
            if custom is None:
                continue
            week = custom
        else:
            spans = dict(PRESETS)[pick]
            week = _preset_week(day_ids, spans)
        weeks[channel.value] = week
        a.progress({c: dict(w) for c, w in weeks.items()})
        show_weeks(a, weeks, channels)
        index += 1
    return weeks


def _ask_days(
    a: Asking,
    channel: str,
    days: list[Choice],
    start: dict[str, str],
    earlier: dict[str, str],
) -> dict[str, str] | None:
    """Hours day by day; ``<`` steps back a day (from Monday: back to the presets).

    Each day's default is this channel's earlier answer, else the day before (weekdays are
    usually alike), and Monday starts from the previous channel's Monday.
    """
    ui = a.ui
    lang = a.lang

    def check(typed: str) -> bool | str:
        if not typed.strip():
            return ui.t("hours_need")
        problems = hours_problems(normalise_span(typed), lang)
        return problems[0] if problems else True

    week: dict[str, str] = {}
    index = 0
    while index < len(days):
        day = days[index]
        suggestion = start.get(day.value)
        if suggestion is None:
            suggestion = week.get(days[index - 1].value) if index else earlier.get(day.value)
        default = span_text(a, suggestion) if suggestion else ""
        typed = ask_text(
            ui,
            f"{channel}: {text(day.label, lang)}",
            default=default,
            validate=check,
            instruction=ui.t("hours_hint"),
            specials=(Special.HELP, Special.BACK),
        )
        if typed is Special.HELP:
            ui.say(ui.t("hint_hours"), style="italic")
            continue
        if typed is Special.BACK:
            if index == 0:
                return None
            index -= 1
            continue
        week[day.value] = normalise_span(str(typed))
        index += 1
    return week
