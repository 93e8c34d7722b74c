"""Whether a prompt can show the answer a file already holds exactly as it is.

Revisiting is Enter, Enter: each prompt starts on the old answer, so whatever a prompt cannot
show (a typo in one day of a week, a KPI the catalogue does not know, a choice spelt
``Phone``, a key the tool does not read) would silently become something else on Enter.
Such an answer is never rewritten behind the person's back: the interview says what it
cannot show and asks whether to keep the answer as it is (``validate`` will flag it) or to
enter a new one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cc_rfp.core import bilingual
from cc_rfp.core.answers import is_unknown
from cc_rfp.core.bank_model import LANGUAGES
from cc_rfp.core.types.kpis import KPI_KEYS
from cc_rfp.core.values import check_value, hours_problems, is_number
from cc_rfp.interview.ask import KEYS, Special, ask_select
from cc_rfp.interview.prompts.base import Asking, choices_for, number_text, to_number

KEEP = "keep"
REENTER = "reenter"


def _number_shown(kind: str, value: Any, lang: str) -> bool:
    if not is_number(value) or isinstance(value, bool):
        return False
    try:
        return to_number(kind, number_text(value, lang)) == value
    except (ValueError, OverflowError, ArithmeticError):
        return False


def _date_shown(value: Any) -> bool:
    from cc_rfp.interview.prompts.scalar import parse_date

    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str):
        return False
    try:
        return parse_date(value).isoformat() == value
    except ValueError:
        return False


def _hashable_items(value: list[Any]) -> bool:
    return all(isinstance(v, (str, int, float, bool)) for v in value)


def _hours_shown(a: Asking, value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    chosen = {c.value for c in a.bank.channels(a.question, a.known)}
    days = [d.value for d in a.bank.keysets["weekdays"].keys]
    for channel, week in value.items():
        if channel not in chosen:
            if a.reshaped:
                continue  # the channel was unticked in this sitting: its hours go
            return False
        if not isinstance(week, dict) or set(week) != set(days):
            return False
        if any(not isinstance(s, str) or hours_problems(s, "en") for s in week.values()):
            return False
    return True


def _table_shown(a: Asking, value: Any) -> bool:
    keys = {k.value for k in a.bank.keys(a.question)}
    return (
        isinstance(value, dict)
        and set(value) <= keys
        and all(is_number(v) and not isinstance(v, bool) for v in value.values())
    )


def _rows_shown(value: Any, allowed: set[str]) -> bool:
    return isinstance(value, list) and all(
        isinstance(row, dict) and set(row) <= allowed and None not in row.values() for row in value
    )


def shown_faithfully(a: Asking) -> bool:
    """Whether the prompt for ``a`` starts on exactly the answer the file holds."""
    value, q = a.current, a.question
    if value is None or is_unknown(value):
        return True
    kind = q.type
    if kind in ("text", "longtext"):
        if isinstance(value, dict):  # a text by language: shown when each part is a text
            return bool(value) and set(value) <= set(LANGUAGES) and bilingual.texts(value) == value
        return isinstance(value, str)
    if kind in ("integer", "decimal", "percent"):
        return _number_shown(kind, value, a.lang)
    if kind == "date":
        return _date_shown(value)
    if kind == "yesno":
        return isinstance(value, bool)
    listed = q.choices or q.choices_from
    known = {} if a.reshaped else a.known  # after a change there, any listed choice is fine
    options = [c.value for c in choices_for(a.bank, q, known)] if listed else []
    if kind == "choice":
        return isinstance(value, (str, int, float, bool)) and value in options
    if kind in ("multichoice", "ranking"):
        return (
            isinstance(value, list)
            and _hashable_items(value)
            and all(v in options for v in value)
            and len(set(value)) == len(value)
        )
    if kind == "table":
        return _table_shown(a, value)
    if kind == "hours":
        return _hours_shown(a, value)
    if kind == "records":
        fields = {f.id for f in q.fields or []}
        return _rows_shown(value, fields)
    if kind == "kpis":
        return _rows_shown(value, KPI_KEYS) and all(row.get("kpi") in a.bank.kpis for row in value)
    return True


def why_not_shown(a: Asking) -> str:
    """What is wrong with the file's answer, as ``validate`` would say it (first problem)."""
    problems = check_value(a.bank, a.question, a.current, a.known, a.lang)
    if problems:
        path, message = problems[0]
        where = ".".join(str(p + 1 if isinstance(p, int) else p) for p in path)
        return f"{where} {message}".strip() if where else message
    return a.ui.t("faithful_generic")


def keep_or_reenter(a: Asking) -> Any:
    """Ask before a prompt that cannot show the file's answer: the answer kept, or None.

    Returns the file's answer unchanged for "keep", None for "enter a new answer", or a
    Special (back, don't know yet) the caller passes on.
    """
    ui = a.ui
    ui.say(ui.t("faithful_notice", reason=why_not_shown(a)), style="yellow")
    options = [(ui.t("faithful_keep"), KEEP), (ui.t("faithful_reenter"), REENTER)]
    while True:
        pick = ask_select(ui, a.title, options, default=KEEP, specials=KEYS)
        if pick is Special.HELP:
            a.help()
            continue
        if isinstance(pick, Special):
            return pick
        if pick == KEEP:
            ui.say(ui.t("faithful_kept"), style="dim")
            return a.current
        return None


__all__ = ["keep_or_reenter", "shown_faithfully"]
