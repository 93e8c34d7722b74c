"""The state of one answer, worked out in one place for every part that asks.

The document, the review table, ``cc-rfp validate`` and the interview's "first open question"
all need to know whether a question is answered, "don't know yet", not asked, not applicable
or answered with something the file check refuses. When each worked it out for itself, the
four drifted apart (one forgot the condition, one treated an invalid answer as fine); now each
asks :func:`state_of` and decides at its own call site what a state means for it (the
document prints an invalid answer as "not specified", validate names the problem).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from cc_rfp.core import conditions
from cc_rfp.core.answers import Answers, is_unknown
from cc_rfp.core.bank import Bank
from cc_rfp.core.bank_model import Question
from cc_rfp.core.values import Problem, check_value


class AnswerState(Enum):
    """Where one question stands for one set of answers."""

    ANSWERED = "answered"
    """Applies, and has a value the file check accepts."""
    UNKNOWN = "unknown"
    """Applies, and is answered "don't know yet" (maybe with a note)."""
    NOT_ASKED = "not_asked"
    """Applies, and has no answer at all."""
    NOT_APPLICABLE = "not_applicable"
    """Its condition is false for these answers (whatever the file holds for it)."""
    INVALID = "invalid"
    """Applies, and has a value the file check refuses."""


OPEN = frozenset({AnswerState.NOT_ASKED, AnswerState.INVALID})
"""States that still need an answer from the consultant (the interview asks them again)."""

PENDING = frozenset({AnswerState.NOT_ASKED, AnswerState.INVALID, AnswerState.UNKNOWN})
"""States the document lists as open items: everything applicable without a usable value."""


def assess(
    bank: Bank,
    answers: Answers,
    question: Question,
    known: dict[str, Any] | None = None,
    lang: str = "en",
) -> tuple[AnswerState, list[Problem]]:
    """The state of ``question``'s answer, with the file check's problems when it is INVALID.

    ``known`` is ``answers.known()``; pass it when asking about many questions, since it is
    a fresh dict per call. ``lang`` only changes the wording of the problems, never the state.
    """
    if known is None:
        known = answers.known()
    if not conditions.holds(question.when, known):
        return AnswerState.NOT_APPLICABLE, []
    value = answers.values.get(question.id)
    if value is None:
        return AnswerState.NOT_ASKED, []
    if is_unknown(value):
        return AnswerState.UNKNOWN, []
    problems = check_value(bank, question, value, known, lang)
    return (AnswerState.INVALID if problems else AnswerState.ANSWERED), problems


def state_of(
    bank: Bank, answers: Answers, question: Question, known: dict[str, Any] | None = None
) -> AnswerState:
    """The state of ``question``'s answer (see :class:`AnswerState`)."""
    return assess(bank, answers, question, known)[0]


def states(bank: Bank, answers: Answers) -> dict[str, AnswerState]:
    """The state of every question of the bank, in bank order (``known`` computed once)."""
    known = answers.known()
    return {qid: state_of(bank, answers, bank.questions[qid], known) for qid in bank.order}
