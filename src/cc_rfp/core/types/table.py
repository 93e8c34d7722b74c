"""A figure per key of a keyset (months, weekdays, hours): volumes, or shares summing to 100."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from cc_rfp.core.types.base import Problem, QuestionType
from cc_rfp.core.values import in_range, number_problem, sum_problem
from cc_rfp.i18n.messages import msg, shown

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Field_, Question


def _check(bank: Bank, q: Question, value: Any, answers: Any, lang: str) -> list[Problem]:
    if not isinstance(value, dict):
        return [((), msg("not_mapping", lang))]
    keys = [k.value for k in bank.keys(q)]
    problems: list[Problem] = []
    numbers: list[float] = []
    low = 0 if q.min is None else q.min
    for key, cell in value.items():
        name = str(key)
        problem = number_problem(cell, lang)
        if name not in keys:
            known = ", ".join(keys)
            problems.append(((key,), msg("unknown_key", lang, key=shown(key, lang), known=known)))
        elif problem:
            problems.append(((key,), problem))
        else:
            problems += [((key,), m) for _, m in in_range(float(cell), low, q.max, lang)]
            numbers.append(float(cell))
    for key in keys:
        if key not in {str(k) for k in value}:
            problems.append(((), msg("missing_key", lang, key=key)))
    if not problems:
        # every entry passed is_number, so this sum stays finite
        problems += sum_problem(q, math.fsum(numbers), lang)
    return problems


def _schema(bank: Bank, q: Question | Field_) -> dict[str, Any]:
    keys = [k.value for k in bank.keys(q)]  # type: ignore[arg-type]
    return {
        "type": "object",
        "properties": {k: {"type": "number", "minimum": 0} for k in keys},
        "required": keys,
        "additionalProperties": False,
    }


TYPES = [
    QuestionType(
        name="table",
        check=_check,
        schema=_schema,
        prompt="cc_rfp.interview.prompts.table:ask_table",
        numeric=True,
        block=True,
    )
]
