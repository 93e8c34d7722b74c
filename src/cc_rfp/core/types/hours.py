"""Opening hours: per channel, per weekday, "08:00-17:00" or "closed"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cc_rfp.core.types.base import Problem, QuestionType
from cc_rfp.core.values import HOURS_RE, hours_problems
from cc_rfp.i18n.messages import msg, shown

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Field_, Question

WEEKDAYS_KEYSET = "weekdays"


def _check(bank: Bank, q: Question, value: Any, answers: Any, lang: str) -> list[Problem]:
    if not isinstance(value, dict):
        return [((), msg("not_mapping", lang))]
    channels = [c.value for c in bank.channels(q)]
    days = [k.value for k in bank.keysets[WEEKDAYS_KEYSET].keys]
    problems: list[Problem] = []
    for channel, week in value.items():
        if channel not in channels:
            known = ", ".join(channels)
            problems.append(
                ((channel,), msg("unknown_key", lang, key=shown(channel, lang), known=known))
            )
            continue
        if not isinstance(week, dict):
            problems.append(((channel,), msg("not_mapping", lang)))
            continue
        for day, span in week.items():
            if day not in days:
                known = ", ".join(days)
                problems.append(
                    ((channel, day), msg("unknown_key", lang, key=shown(day, lang), known=known))
                )
                continue
            problems += [((channel, day), m) for m in hours_problems(span, lang)]
        for day in days:
            if day not in week:
                problems.append(((channel,), msg("missing_key", lang, key=day)))
    problems += _missing_channels(bank, q, value, answers, lang)
    return problems


def _missing_channels(
    bank: Bank, q: Question, value: dict[Any, Any], answers: Any, lang: str
) -> list[Problem]:
    """The channels the client chose (``channels_from``) that have no opening hours.

    Without this a file whose hours cover only phone, while chat is chosen too, validates
    clean and staffing silently leaves chat out.
    """
    if not q.channels_from or not isinstance(answers, dict):
        return []
    chosen = answers.get(q.channels_from)
    if not isinstance(chosen, list):
        return []
    missing = [c.value for c in bank.channels(q, answers) if c.value in chosen]
    missing = [name for name in missing if name not in value]
    if not missing:
        return []
    text = msg(
        "hours_missing_channel", lang, missing=", ".join(missing), channels_question=q.channels_from
    )
    return [((), text)]


def _schema(bank: Bank, q: Question | Field_) -> dict[str, Any]:
    days = [k.value for k in bank.keysets[WEEKDAYS_KEYSET].keys]
    span = {"type": "string", "pattern": f"(?:{HOURS_RE.pattern})|^closed$"}
    week = {
        "type": "object",
        "properties": dict.fromkeys(days, span),
        "required": days,
        "additionalProperties": False,
    }
    channels = [c.value for c in bank.channels(q)]  # type: ignore[arg-type]
    return {
        "type": "object",
        "properties": dict.fromkeys(channels, week),
        "additionalProperties": False,
    }


def _fits(bank: Bank, q: Question, value: Any, known: dict[str, Any]) -> bool:
    """Whether the hours cover exactly the channels the client chose."""
    if not isinstance(value, dict):
        return True
    return set(value) == {c.value for c in bank.channels(q, known)}


TYPES = [
    QuestionType(
        name="hours",
        check=_check,
        schema=_schema,
        prompt="cc_rfp.interview.prompts.hours:ask_hours",
        fits=_fits,
        block=True,
        keysets=(WEEKDAYS_KEYSET,),
    )
]
