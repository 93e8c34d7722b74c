"""Check an answers file against the bank and report every problem at once.

A consultant fixing a hand-edited file wants the whole list in one go, each problem with the
question id and the line, not a fix-rerun-fix loop.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank
from cc_rfp.core.state import AnswerState, assess, state_of
from cc_rfp.i18n.messages import msg

SUGGESTED_UNKNOWN = 20
"""Unknown ids that get their own line and a spelling suggestion; the rest get one summary.

A suggestion compares the id with every question id (difflib), about a quarter of a
millisecond each: 20,000 unknown ids took 5 s, for a list nobody reads past the first lines.
"""


@dataclass(frozen=True)
class Problem:
    question: str | None
    line: int | None
    message: str
    warning: bool = False
    """An unlikely figure (``core/plausibility``): printed, but the file is still valid."""

    def format(self, name: str) -> str:
        where = f"{name}:{self.line}" if self.line else name
        message = f"warning: {self.message}" if self.warning else self.message
        return f"{where}: {self.question}: {message}" if self.question else f"{where}: {message}"


def _path_text(qid: str, path: tuple[Any, ...]) -> str:
    out = qid
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out


def validate_answers(
    bank: Bank, answers: Answers, lang: str = "en", *, warnings: bool = False
) -> list[Problem]:
    """Every problem with the answers, in file order where lines are known.

    Figures beyond hard bounds are always problems; with ``warnings`` unlikely figures
    (``core/plausibility``) come too, marked ``warning``.
    """
    from cc_rfp.core.plausibility import findings

    problems: list[Problem] = []
    known = answers.known()
    unknown: list[str] = []
    for qid, value in answers.values.items():
        question = bank.questions.get(qid)
        if question is None:
            unknown.append(qid)
            if len(unknown) <= SUGGESTED_UNKNOWN:
                problems.append(_unknown_id(bank, answers, qid))
            continue
        line = answers.line_of(qid)
        answer_state, found = assess(bank, answers, question, known, lang)
        if answer_state is AnswerState.NOT_APPLICABLE:
            problems.append(
                Problem(
                    qid,
                    line,
                    f"is answered but does not apply (condition: {question.when}); "
                    "remove the answer or change the answer it depends on",
                )
            )
            continue
        if answer_state is AnswerState.UNKNOWN:
            continue
        # A misspelt "don't know yet" gets its own message, even where the type check passes.
        if isinstance(value, dict) and "unknown" in value:
            problems.append(Problem(qid, line, msg("bad_unknown", lang)))
            continue
        for path, message in found:
            where = answers.line_of(qid, *path)
            problems.append(Problem(_path_text(qid, path), where, message))
        if not found:
            for finding in findings(bank, question, value, lang):
                if finding.hard or warnings:
                    where = answers.line_of(qid, *finding.path)
                    name = _path_text(qid, finding.path)
                    problems.append(Problem(name, where, finding.message, not finding.hard))
    for qid in bank.order:
        question = bank.questions[qid]
        if question.required and state_of(bank, answers, question, known) is AnswerState.NOT_ASKED:
            problems.append(Problem(qid, None, "is required but not answered"))
    from cc_rfp.pricing.checks import pricing_problems  # the price form and award model

    for qid, path, message in pricing_problems(bank, answers, lang):
        problems.append(Problem(_path_text(qid, path), answers.line_of(qid, *path), message))
    if warnings:  # answers that contradict each other (core/contradictions): warnings too
        from cc_rfp.core.contradictions import find

        for item in find(bank, answers, lang):
            problems.append(Problem(", ".join(item.ids), item.line, item.message, True))
    if len(unknown) > SUGGESTED_UNKNOWN:
        rest = unknown[SUGGESTED_UNKNOWN:]
        problems.append(
            Problem(
                None,
                answers.line_of(rest[0]),
                f"{len(rest)} more ids are not questions in the bank (from '{_short(rest[0])}' "
                "on); remove them or fix the ids",
            )
        )
    problems.sort(key=lambda p: (p.line is None, p.line or 0))
    return problems


def _unknown_id(bank: Bank, answers: Answers, qid: str) -> Problem:
    """An id that is no question, with the closest real id when one is close."""
    close = difflib.get_close_matches(qid, bank.order, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "; remove it or fix the id"
    return Problem(_short(qid), answers.line_of(qid), f"is not a question in the bank{hint}")


def _short(text: str, limit: int = 60) -> str:
    """An id from the file as a message quotes it: one line, and not thousands of characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
