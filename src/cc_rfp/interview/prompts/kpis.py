"""KPI targets: pick a KPI from the catalogue, its target(s), mandatory or desirable, and how
and how often it is measured and reported."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table

from cc_rfp.core.answers import is_unknown
from cc_rfp.core.bank import text
from cc_rfp.core.bank_model import LANGUAGES, TARGET_RANGES, Choice, Field_, KpiDef
from cc_rfp.core.types.kpis import (
    KPI_INTERVALS_KEYSET,
    KPI_KEYS,
    KPI_LEVELS_KEYSET,
    KPI_REPORTING_KEYSET,
    TODAY,
)
from cc_rfp.core.values import check_value, format_number, parse_service_level
from cc_rfp.interview.ask import NO_DEFAULT, Special, ask_select, ask_text
from cc_rfp.interview.prompts.base import (
    Asking,
    brief,
    echoed_number,
    number_text,
    number_validator,
    to_number,
)
from cc_rfp.interview.prompts.records import row_action
from cc_rfp.interview.text import t

UNITS = {"percent": "%", "seconds": "s", "hours": "h", "score": "", "index": ""}


def clean_kpis(value: Any, catalogue: dict[str, KpiDef]) -> list[dict[str, Any]]:
    """Rows of an earlier answer that name a known KPI, without keys the file cannot hold."""
    if not isinstance(value, list):
        return []
    rows = []
    for row in value:
        if isinstance(row, dict) and row.get("kpi") in catalogue:
            rows.append({k: v for k, v in row.items() if k in KPI_KEYS and v is not None})
    return rows


def _label(choices: list[Choice], value: Any, lang: str) -> str:
    for choice in choices:
        if choice.value == value:
            return text(choice.label, lang)
    return "–" if value is None else str(value)


def _keyset(a: Asking, name: str) -> list[Choice]:
    keyset = a.bank.keysets.get(name)
    return list(keyset.keys) if keyset else []


def _channels(a: Asking, kpi: KpiDef) -> list[Choice]:
    """The channels a KPI can be set for: those chosen earlier, limited to the KPI's own."""
    q = a.question
    if not (q.channels or q.channels_from):
        return []
    chosen = a.bank.channels(q, a.known)
    if kpi.channels:
        chosen = [c for c in chosen if c.value in kpi.channels]
    return chosen


def target_text(a: Asking, row: dict[str, Any]) -> str:
    kpi = a.bank.kpis.get(row.get("kpi", ""))
    if kpi is None:
        return ""
    parts = []
    for kind in kpi.targets:
        if kind in row:
            unit = UNITS[kind]
            parts.append(brief(row[kind], a.lang) + (f" {unit}" if unit else ""))
    sign = "≥" if kpi.direction == "at_least" else "≤"
    return f"{sign} " + " / ".join(parts) if parts else ""


def show_kpis(a: Asking, rows: list[dict[str, Any]]) -> None:
    ui = a.ui
    if not rows:
        ui.say(ui.t("kpi_none"), style="dim")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for key in ("kpi_col", "kpi_channel", "kpi_target", "kpi_level", "kpi_measured"):
        table.add_column(ui.t(key), overflow="fold")
    channels = (
        a.bank.channels(a.question) if (a.question.channels or a.question.channels_from) else []
    )
    for row in rows:
        kpi = a.bank.kpis[row["kpi"]]
        measured = " / ".join(
            _label(_keyset(a, ks), row.get(key), a.lang)
            for key, ks in (("interval", KPI_INTERVALS_KEYSET), ("reporting", KPI_REPORTING_KEYSET))
            if row.get(key)
        )
        method = row.get("method")
        if method:
            measured = f"{measured}; {method}" if measured else str(method)
        table.add_row(
            text(kpi.name, a.lang),
            _label(channels, row.get("channel"), a.lang) if row.get("channel") else ui.t("all"),
            target_text(a, row),
            _label(_keyset(a, KPI_LEVELS_KEYSET), row.get("level"), a.lang),
            measured or "–",
        )
    ui.console.print(table)


def target_unit(kind: str) -> dict[str, str] | None:
    """The unit a kind of target is typed in, so "30 s", "1 min", "24 h", "2 dagar" read."""
    if kind in ("score", "index"):  # figures on the KPI's own scale have no unit to type
        return None
    return {lang: t(f"kpi_unit_{kind}", lang) for lang in LANGUAGES}


SUB_KEYS = (Special.HELP, Special.UNKNOWN)
"""The keys every prompt inside a KPI row understands (``<`` belongs to the row menu)."""


class RowUnknown(Exception):
    """``!`` in a KPI row: the target is not decided yet (the KPI is named in the note)."""

    def __init__(self, kpi: str) -> None:
        super().__init__(kpi)
        self.kpi = kpi


def _row_help(a: Asking, kpi: KpiDef | None, prompt: str) -> None:
    """Help inside a KPI row: the KPI's definition (or the catalogue) and what to type."""
    ui, lang = a.ui, a.lang
    shown = [kpi] if kpi is not None else list(a.bank.kpis.values())
    for one in shown:
        ui.say(f"{text(one.name, lang)}: {text(one.definition, lang)}", style="italic")
    ui.say(ui.t(prompt), style="italic")


def _sub(a: Asking, kpi: KpiDef | None, hint: str, ask: Any) -> Any:
    """Ask one prompt of a KPI row until it is not ``?``; ``!`` raises RowUnknown."""
    while True:
        result = ask()
        if result is Special.HELP:
            _row_help(a, kpi, hint)
            continue
        if result is Special.UNKNOWN:
            raise RowUnknown(text(kpi.name, a.lang) if kpi is not None else "")
        return result


def ask_kpi_row(a: Asking, row: dict[str, Any]) -> dict[str, Any] | None:
    """One KPI target, the old row's values as defaults; None when cancelled.

    Every prompt in the row understands ``?`` (the KPI's definition and what to type) and
    ``!`` (the target is not decided yet: raises RowUnknown). A service level takes both of
    its targets in one line ("80/60", "80 % inom 60 s"); times take a unit ("30 s", "24 h").
    """
    ui, lang = a.ui, a.lang
    catalogue = list(a.bank.kpis.values())
    options: list[tuple[str, Any]] = [(text(k.name, lang), k.id) for k in catalogue]
    options.append((ui.t("cancel"), None))
    kpi_id = _sub(
        a,
        None,
        "kpi_help_which",
        lambda: ask_select(
            ui, ui.t("kpi_which"), options, default=row.get("kpi", NO_DEFAULT), specials=SUB_KEYS
        ),
    )
    if kpi_id is None:
        return None
    kpi = a.bank.kpis[kpi_id]
    same = row.get("kpi") == kpi_id
    new: dict[str, Any] = {"kpi": kpi_id}
    channels = _channels(a, kpi)
    if channels:
        picks = [(ui.t("all"), None)] + [(text(c.label, lang), c.value) for c in channels]
        channel = _sub(
            a,
            kpi,
            "kpi_help_channel",
            lambda: ask_select(
                ui,
                ui.t("kpi_channel_prompt"),
                picks,
                default=row.get("channel"),
                specials=SUB_KEYS,
            ),
        )
        if channel is not None:
            new["channel"] = channel
    _ask_targets(a, kpi, row if same else {}, new)
    levels = _keyset(a, KPI_LEVELS_KEYSET)
    if levels:
        level_options = [(text(c.label, lang), c.value) for c in levels]
        new["level"] = _sub(
            a,
            kpi,
            "kpi_help_level",
            lambda: ask_select(
                ui,
                ui.t("kpi_level_prompt"),
                level_options,
                default=row.get("level") or levels[0].value,
                specials=SUB_KEYS,
            ),
        )
    for key, keyset, prompt in (
        ("interval", KPI_INTERVALS_KEYSET, "kpi_interval_prompt"),
        ("reporting", KPI_REPORTING_KEYSET, "kpi_reporting_prompt"),
    ):
        choices = _keyset(a, keyset)
        if not choices:
            continue
        picks = [(text(c.label, lang), c.value) for c in choices] + [(ui.t("not_given"), None)]
        # Editing keeps "not given"; a new row starts on the first real choice.
        default = row.get(key) if row else NO_DEFAULT
        picked = _sub(
            a,
            kpi,
            "kpi_help_measure",
            lambda picks=picks, prompt=prompt, default=default: ask_select(
                ui, ui.t(prompt), picks, default=default, specials=SUB_KEYS
            ),
        )
        if picked is not None:
            new[key] = picked
    method = _sub(
        a,
        kpi,
        "kpi_help_measure",
        lambda: ask_text(
            ui,
            ui.t("kpi_method_prompt"),
            default=str(row.get("method") or ""),
            instruction=ui.t("kpi_method_hint"),
            specials=SUB_KEYS,
        ),
    )
    if str(method).strip():
        new["method"] = str(method).strip()
    if same and row.get(TODAY) is not None:
        new[TODAY] = row[TODAY]  # today's result, given in the file, survives an edit
    return new


def _ask_targets(a: Asking, kpi: KpiDef, row: dict[str, Any], new: dict[str, Any]) -> None:
    """The KPI's target figures into ``new``; "80/60" answers a percent-and-seconds pair."""
    ui, lang = a.ui, a.lang
    name = text(kpi.name, lang)
    pair = kpi.targets[:2] == ["percent", "seconds"]
    for kind in kpi.targets:
        if kind in new:
            continue  # given with the first target ("80/60")
        low, high = TARGET_RANGES[kind]
        spec = Field_(
            id="target",
            type="decimal",
            label={"sv": kind, "en": kind},
            unit=target_unit(kind),
            min=low,
            max=high,
        )
        single = number_validator("decimal", spec, lang, empty_ok=False, unknown_ok=True)
        both = pair and kind == "percent"

        def check(typed: str, single: Any = single, both: bool = both) -> bool | str:
            if both and parse_service_level(typed) is not None:
                percent, seconds = parse_service_level(typed) or (0.0, 0.0)
                if not 0 <= percent <= 100:
                    return single(str(percent))
                if not 0 <= seconds <= TARGET_RANGES["seconds"][1]:
                    return f"{typed.strip()}: {ui.t('kpi_pair_bad')}"
                return True
            return single(typed)

        hint = ui.t(f"direction_{kpi.direction}") if kind == kpi.targets[0] else None
        if both:
            hint = f"{hint[:-1]}, {ui.t('kpi_pair_hint')})" if hint else None
        echo_one = echoed_number("decimal", spec, lang)

        def shown(typed: str, both: bool = both, echo_one: Any = echo_one) -> str:
            level = parse_service_level(typed) if both else None
            if level is None:
                return echo_one(typed)
            percent, seconds = (format_number(v, lang) for v in level)
            return ui.t("kpi_pair_echo", typed=typed.strip(), percent=percent, seconds=seconds)

        typed = _sub(
            a,
            kpi,
            f"kpi_help_{kind}",
            lambda kind=kind, check=check, hint=hint, shown=shown: ask_text(
                ui,
                ui.t(f"kpi_target_{kind}", kpi=name),
                default=number_text(row.get(kind), lang),
                validate=check,
                instruction=hint,
                specials=SUB_KEYS,
                shown=shown,
            ),
        )
        level = parse_service_level(str(typed)) if both else None
        if level is not None:
            new["percent"], new["seconds"] = (_plain(v) for v in level)
            continue
        new[kind] = to_number("decimal", str(typed), spec)


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _unknown_note(a: Asking, rows: list[dict[str, Any]], kpi: str) -> Any:
    """ "Don't know yet" for the KPI question, its note naming what is known and what is not.

    The rows already typed are not thrown away unseen: they are written into the note, so
    the file still says what was agreed while the question as a whole waits for the target.
    """
    from cc_rfp.core.answers import Unknown

    ui = a.ui
    agreed = "; ".join(
        f"{text(a.bank.kpis[r['kpi']].name, a.lang)} {target_text(a, r)}".strip() for r in rows
    )
    parts = [ui.t("kpi_unknown_note", kpi=kpi)] if kpi else []
    if agreed:
        parts.append(ui.t("kpi_unknown_rows", rows=agreed))
    if rows:
        ui.say(ui.t("kpi_unknown_kept"), style="yellow")
    note = ask_text(ui, ui.t("note_prompt"), default=" ".join(parts), specials=())
    return Unknown(str(note).strip())


def ask_kpis(a: Asking) -> Any:
    ui = a.ui
    rows = clean_kpis(a.start, a.bank.kpis)
    while True:
        show_kpis(a, rows)
        action = row_action(a, rows, "kpi_add")
        if isinstance(action, Special):
            return action
        if action in ("add", "edit"):
            index = None
            if action == "edit":
                index = _pick(a, rows, "rows_which_edit")
                if index is None:
                    continue
            try:
                new = ask_kpi_row(a, rows[index] if index is not None else {})
            except RowUnknown as unknown:
                return _unknown_note(a, rows, unknown.kpi)
            if new is None:
                continue
            if index is None:
                rows.append(new)
            else:
                rows[index] = new
            a.save_whole([dict(r) for r in rows])
        elif action == "remove":
            index = _pick(a, rows, "rows_which_remove")
            if index is not None:
                del rows[index]
                a.save_whole([dict(r) for r in rows])
        elif action == "done":
            if not rows:
                if is_unknown(a.current):
                    return a.current
                if a.question.required:
                    ui.say(ui.t("rows_needed"), style="yellow")
                    continue
                return Special.SKIP
            problems = check_value(a.bank, a.question, rows, a.known, a.lang)
            if not problems:
                return [dict(r) for r in rows]
            for path, message in problems:
                where = f"{path[0] + 1}: " if path and isinstance(path[0], int) else ""
                ui.say(f"  {where}{message}", style="yellow")


def _pick(a: Asking, rows: list[dict[str, Any]], prompt: str) -> int | None:
    """The row to edit or remove, by KPI and target; None when cancelled."""
    options: list[tuple[str, Any]] = [
        (f"{i + 1}. {text(a.bank.kpis[r['kpi']].name, a.lang)} {target_text(a, r)}", i)
        for i, r in enumerate(rows)
    ]
    options.append((a.ui.t("cancel"), None))
    picked = ask_select(a.ui, a.ui.t(prompt), options, specials=())
    return picked if isinstance(picked, int) else None


__all__ = ["ask_kpis"]
