"""Answers picked from a list: choice (one), multichoice (several), ranking (all, in order)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cc_rfp.core.types.base import Problem, QuestionType
from cc_rfp.core.types.scalar import cell_type
from cc_rfp.core.values import choice_problem, count_problem
from cc_rfp.i18n.messages import msg, shown

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Choice, Field_, Question

_PROMPTS = "cc_rfp.interview.prompts"


def _choice_cell(spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    return choice_problem(value, choices, lang)


def _check_multichoice(bank: Bank, q: Question, value: Any, answers: Any, lang: str):
    if not isinstance(value, list):
        return [((), msg("not_list", lang))]
    problems: list[Problem] = []
    seen: set[Any] = set()
    choices = bank.choices(q)
    for i, item in enumerate(value):
        problems += [((i,), m) for _, m in choice_problem(item, choices, lang)]
        if isinstance(item, str):
            if item in seen:
                problems.append(((i,), msg("duplicate", lang, value=shown(item, lang))))
            seen.add(item)
    problems += count_problem(q, value, lang)
    return problems


def _check_ranking(bank: Bank, q: Question, value: Any, answers: Any, lang: str):
    problems = _check_multichoice(bank, q, value, answers, lang)
    if problems:
        return problems
    missing = [c.value for c in bank.choices(q) if c.value not in value]
    if missing:
        return [((), msg("ranking_incomplete", lang, missing=", ".join(missing)))]
    return []


def _enum(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    return {"enum": [c.value for c in bank.choices(spec)]}


def _list_schema(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    return {"type": "array", "items": _enum(bank, spec), "uniqueItems": True}


def _picked_from_source(bank: Bank, q: Question, value: Any, known: dict[str, Any]) -> bool:
    """Whether every picked value is still among the answers ``choices_from`` offers."""
    if not q.choices_from:
        return True
    picked = known.get(q.choices_from)
    items = value if isinstance(value, list) else [value]
    return not isinstance(picked, list) or all(v in picked for v in items)


TYPES = [
    cell_type(
        "choice",
        _choice_cell,
        _enum,
        f"{_PROMPTS}.scalar:ask_choice",
        fits=_picked_from_source,
        has_choices=True,
    ),
    QuestionType(
        name="multichoice",
        check=_check_multichoice,
        schema=_list_schema,
        prompt=f"{_PROMPTS}.scalar:ask_multichoice",
        fits=_picked_from_source,
        has_choices=True,
    ),
    QuestionType(
        name="ranking",
        check=_check_ranking,
        schema=_list_schema,
        prompt=f"{_PROMPTS}.ranking:ask_ranking",
        has_choices=True,
        block=True,
    ),
]
