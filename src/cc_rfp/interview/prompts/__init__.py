"""One prompt per question type, in the style of questionary's ``prompts/``.

``ask_question`` returns the answer, an ``Unknown`` ("don't know yet", with its note),
``Special.SKIP`` (left open) or ``Special.BACK`` (go to the previous question).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cc_rfp.interview.ask import Special
from cc_rfp.interview.prompts.base import Asking, ask_note
from cc_rfp.interview.prompts.faithful import keep_or_reenter, shown_faithfully
from cc_rfp.interview.prompts.hours import ask_hours
from cc_rfp.interview.prompts.kpis import ask_kpis
from cc_rfp.interview.prompts.ranking import ask_ranking
from cc_rfp.interview.prompts.records import ask_records
from cc_rfp.interview.prompts.scalar import (
    ask_choice,
    ask_date,
    ask_multichoice,
    ask_number,
    ask_text_question,
    ask_yesno,
)
from cc_rfp.interview.prompts.table import ask_table

ASKERS: dict[str, Callable[[Asking], Any]] = {
    "text": ask_text_question,
    "longtext": ask_text_question,
    "integer": ask_number,
    "decimal": ask_number,
    "percent": ask_number,
    "choice": ask_choice,
    "multichoice": ask_multichoice,
    "yesno": ask_yesno,
    "date": ask_date,
    "records": ask_records,
    "table": ask_table,
    "hours": ask_hours,
    "kpis": ask_kpis,
    "ranking": ask_ranking,
}


def ask_question(a: Asking) -> Any:
    """Ask one question of any type; "don't know yet" comes back with its note.

    An answer the prompt cannot show as it is (see ``faithful``) is first offered to be
    kept unchanged, so Enter on a revisit never rewrites what the person did not change.
    """
    result: Any = None
    if not shown_faithfully(a):
        result = keep_or_reenter(a)
    if result is None:
        result = ASKERS[a.question.type](a)
    if result is Special.UNKNOWN:
        return ask_note(a.ui, a.current)
    return result


__all__ = ["ASKERS", "Asking", "ask_question"]
