"""KPI rows: a KPI of the bank's catalogue, its targets, level, channel, interval, reporting,
how it is measured and, optionally, today's result (``today``: a figure in the KPI's main unit,
or ``{unknown: true, note: …}`` when the buyer does not know it yet)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cc_rfp.core.answers import as_unknown
from cc_rfp.core.bank_model import TARGET_RANGES
from cc_rfp.core.types.base import Problem, QuestionType
from cc_rfp.core.values import choice_problem, in_range, number_problem
from cc_rfp.i18n.messages import msg, shown

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Choice, Field_, Question

KPI_KEYS = {"kpi", "channel", "level", "interval", "reporting", "method", "today", *TARGET_RANGES}
TODAY = "today"
"""Today's result of a KPI row, in the unit of the KPI's first target kind; optional, and it
may be "don't know yet" (the answers file's ``{unknown: true}`` form) like any answer."""
KPI_LEVELS_KEYSET = "requirement_levels"
KPI_INTERVALS_KEYSET = "measurement_intervals"
KPI_REPORTING_KEYSET = "report_frequencies"
_KEYSET_OF = {
    "level": KPI_LEVELS_KEYSET,
    "interval": KPI_INTERVALS_KEYSET,
    "reporting": KPI_REPORTING_KEYSET,
}


def _check(bank: Bank, q: Question, value: Any, answers: Any, lang: str) -> list[Problem]:
    if not isinstance(value, list):
        return [((), msg("not_list", lang))]
    problems: list[Problem] = []
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            problems.append(((i,), msg("not_mapping", lang)))
            continue
        problems += _row_problems(bank, q, i, row, lang)
    return problems


def _row_problems(bank: Bank, q: Question, i: int, row: dict[Any, Any], lang: str):
    problems: list[Problem] = []
    catalogue = bank.kpis
    for key in row:
        if key not in KPI_KEYS:
            known = ", ".join(sorted(KPI_KEYS))
            problems.append(((i, key), msg("unknown_key", lang, key=shown(key, lang), known=known)))
    kpi = catalogue.get(row.get("kpi")) if isinstance(row.get("kpi"), str) else None
    if kpi is None:
        known = ", ".join(catalogue)
        text = msg("not_choice", lang, value=shown(row.get("kpi"), lang), known=known)
        return [*problems, ((i, "kpi"), text)]
    for kind in kpi.targets:
        problem = number_problem(row.get(kind), lang)
        if kind not in row:
            problems.append(((i,), msg("missing_key", lang, key=kind)))
        elif problem:
            problems.append(((i, kind), problem))
        else:
            low, high = TARGET_RANGES[kind]
            problems += [((i, kind), m) for _, m in in_range(float(row[kind]), low, high, lang)]
    for key, keyset in _KEYSET_OF.items():
        if key in row and keyset in bank.keysets:
            choices = bank.keysets[keyset].keys
            problems += [((i, key), m) for _, m in choice_problem(row[key], choices, lang)]
    if row.get("level") is None:
        problems.append(((i,), msg("missing_key", lang, key="level")))
    if "channel" in row and row["channel"] is not None:
        channels = kpi_channels(bank, q)
        problems += [((i, "channel"), m) for _, m in choice_problem(row["channel"], channels, lang)]
    if "method" in row and row["method"] is not None and not isinstance(row["method"], str):
        problems.append(((i, "method"), msg("not_text", lang)))
    today = row.get(TODAY)
    if today is not None and as_unknown(today) is None:
        problem = number_problem(today, lang)
        if problem:
            problems.append(((i, TODAY), problem))
        else:
            low, high = TARGET_RANGES[kpi.targets[0]]
            problems += [((i, TODAY), m) for _, m in in_range(float(today), low, high, lang)]
    return problems


def kpi_channels(bank: Bank, q: Question) -> list[Choice]:
    """The channels a KPI row may name: the question's, or none when it lists none."""
    if q.channels or q.channels_from:
        return bank.channels(q)
    return []


def _schema(bank: Bank, q: Question | Field_) -> dict[str, Any]:
    props: dict[str, Any] = {
        "kpi": {"enum": list(bank.kpis)},
        "channel": {"type": "string"},
        "method": {"type": "string"},
    }
    for key, keyset in _KEYSET_OF.items():
        keys = bank.keysets[keyset].keys if keyset in bank.keysets else None
        props[key] = {"enum": [k.value for k in keys]} if keys is not None else {}
    for kind_name, (low, high) in TARGET_RANGES.items():
        props[kind_name] = {"type": "number", "minimum": low, "maximum": high}
    props[TODAY] = {
        "oneOf": [
            {"type": "number"},
            {
                "type": "object",
                "properties": {"unknown": {"const": True}, "note": {"type": "string"}},
                "required": ["unknown"],
                "additionalProperties": False,
            },
        ]
    }
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": props,
            "required": ["kpi", "level"],
            "additionalProperties": False,
        },
    }


def _fits(bank: Bank, q: Question, value: Any, known: dict[str, Any]) -> bool:
    """Whether every row's channel is still one the client chose."""
    if not isinstance(value, list) or not (q.channels or q.channels_from):
        return True
    chosen = {c.value for c in bank.channels(q, known)}
    channels = {row.get("channel") for row in value if isinstance(row, dict)}
    return channels <= chosen | {None}


TYPES = [
    QuestionType(
        name="kpis",
        check=_check,
        schema=_schema,
        prompt="cc_rfp.interview.prompts.kpis:ask_kpis",
        fits=_fits,
        block=True,
        keysets=tuple(_KEYSET_OF.values()),
    )
]
