"""The question-type registry: one module per type family, one lookup ``get``.

See ``base.py`` for what a type declares. Everything that must treat types differently asks
the registry, so a new type is a new module here plus its prompt and its document layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cc_rfp.core.types import choice, hours, kpis, records, scalar, table
from cc_rfp.core.types.base import Problem, QuestionType

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Question

REGISTRY: dict[str, QuestionType] = {
    t.name: t for family in (scalar, choice, records, table, hours, kpis) for t in family.TYPES
}


def get(name: str) -> QuestionType:
    """The type called ``name`` (the bank's model admits only registered names)."""
    return REGISTRY[name]


def check_value(
    bank: Bank, question: Question, value: Any, answers: dict[str, Any], lang: str = "en"
) -> list[Problem]:
    """Every problem with ``value`` as an answer to ``question`` (empty when it is fine)."""
    return REGISTRY[question.type].check(bank, question, value, answers, lang)


__all__ = ["REGISTRY", "Problem", "QuestionType", "check_value", "get"]
