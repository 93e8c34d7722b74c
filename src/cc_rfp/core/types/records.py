"""Rows of named fields (case types, systems, evaluation criteria): each field a cell type."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from cc_rfp.core.types.base import Problem, QuestionType
from cc_rfp.core.values import count_problem, is_number, sum_problem
from cc_rfp.i18n.messages import msg, shown

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Field_, Question


def _check(bank: Bank, q: Question, value: Any, answers: Any, lang: str) -> list[Problem]:
    from cc_rfp.core.types import get

    if not isinstance(value, list):
        return [((), msg("not_list", lang))]
    problems: list[Problem] = []
    fields = {f.id: f for f in q.fields or []}
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            problems.append(((i,), msg("not_mapping", lang)))
            continue
        for key, cell in row.items():
            spec = fields.get(key) if isinstance(key, str) else None
            if spec is None:
                known = ", ".join(fields)
                problems.append(
                    ((i, key), msg("unknown_key", lang, key=shown(key, lang), known=known))
                )
                continue
            if cell is None:
                if spec.required:
                    problems.append(((i, key), msg("required", lang)))
                continue
            cell_check = get(spec.type).cell
            assert cell_check is not None  # the bank model allows only cell types as fields
            for _, m in cell_check(spec, cell, bank.choices(spec), lang):
                problems.append(((i, key), m))
        for key, spec in fields.items():
            if spec.required and key not in row:
                problems.append(((i,), msg("missing_key", lang, key=key)))
    problems += count_problem(q, value, lang)
    if q.sum_field and q.sum is not None and value and not problems:
        shares = [row.get(q.sum_field) for row in value]
        if all(is_number(s) for s in shares):
            problems += sum_problem(q, math.fsum(float(s) for s in shares), lang)
    return problems


def _schema(bank: Bank, q: Question | Field_) -> dict[str, Any]:
    from cc_rfp.core.types import get

    fields = getattr(q, "fields", None) or []
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {f.id: get(f.type).schema(bank, f) for f in fields},
            "required": [f.id for f in fields if f.required],
            "additionalProperties": False,
        },
    }


def _fits(bank: Bank, q: Question, value: Any, known: dict[str, Any]) -> bool:
    """Whether every cell of a ``choices_from`` field is still among the picked answers."""
    if not isinstance(value, list):
        return True
    for spec in q.fields or []:
        picked = known.get(spec.choices_from) if spec.choices_from else None
        if isinstance(picked, list):
            for row in value:
                cell = row.get(spec.id) if isinstance(row, dict) else None
                if cell is not None and cell not in picked:
                    return False
    return True


TYPES = [
    QuestionType(
        name="records",
        check=_check,
        schema=_schema,
        prompt="cc_rfp.interview.prompts.records:ask_records",
        fits=_fits,
        block=True,
    )
]
