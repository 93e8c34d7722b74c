"""The shape every question type fills in, and the registry that holds them.

A type family module (``scalar``, ``choice``, ``records``, ``table``, ``hours``, ``kpis``)
declares its types as ``QuestionType`` values; everything that used to branch on
``question.type`` (validation, the JSON Schema, whether an answer still fits the choices it was
given from, how the interview asks, how the document lays it out, which keysets the bank must
define) asks the registry instead. Adding a type is one module and one line in ``__init__``.

Presentation stays with its layer: the interview's prompt is named here by its import path
(core never imports the interview), and the document view formats each type in a method named
after it (``_fmt_<type>``), which ``tests/core/test_types.py`` checks exists for every block type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cc_rfp.core.values import Problem

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Choice, Field_, Question

Check = Callable[["Bank", "Question", Any, dict[str, Any], str], list[Problem]]
CellCheck = Callable[["Question | Field_", Any, "list[Choice]", str], list[Problem]]
Schema = Callable[["Bank", "Question | Field_"], dict[str, Any]]
Fits = Callable[["Bank", "Question", Any, dict[str, Any]], bool]


def _always_fits(bank: Bank, question: Question, value: Any, known: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class QuestionType:
    """One question type: what a valid answer is, its schema, and how each layer treats it.

    ``cell`` is set for types a ``records`` field may have (one value in one cell); for them
    ``check`` checks the same value as a whole answer. ``prompt`` is
    ``"module:function"`` of the interview's asker, imported only when the interview runs.
    """

    name: str
    check: Check
    schema: Schema
    prompt: str
    cell: CellCheck | None = None
    fits: Fits = _always_fits
    numeric: bool = False
    has_choices: bool = False
    block: bool = False
    keysets: tuple[str, ...] = field(default=())
    """Keysets of the bank every question of this type reads (checked when a bank loads)."""
