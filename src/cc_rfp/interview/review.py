"""Counting answers per section, for the section headers, the summaries and the final review."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich import box
from rich.table import Table

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank, text
from cc_rfp.core.bank_model import Question, Section
from cc_rfp.core.state import OPEN, AnswerState, state_of
from cc_rfp.interview.ask import Ui


def is_open(bank: Bank, answers: Answers, question: Question) -> bool:
    """Not answered, or answered with something the file check would refuse (and applies)."""
    return state_of(bank, answers, question) in OPEN


@dataclass
class Tally:
    """Applicable questions of a section by state; ``open_ids`` lists the unanswered."""

    answered: int = 0
    unknown: int = 0
    open: int = 0
    open_ids: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.answered + self.unknown + self.open


def tally(bank: Bank, answers: Answers, section: Section) -> Tally:
    result = Tally()
    known = answers.known()
    for question in section.questions:
        answer_state = state_of(bank, answers, question, known)
        if answer_state is AnswerState.NOT_APPLICABLE:
            continue
        if answer_state is AnswerState.UNKNOWN:
            result.unknown += 1
        elif answer_state in OPEN:
            result.open += 1
            result.open_ids.append(question.id)
        else:
            result.answered += 1
    return result


def shown_id(section: Section, lang: str) -> str:
    """A section's id as the interview shows it and ``--section`` takes it in ``lang``."""
    return str((section.name or {}).get(lang) or section.id)


def short(value: str, limit: int = 50) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def show_review(ui: Ui, bank: Bank, answers: Answers) -> int:
    """The per-section table and the open items; returns how many items are open."""
    table = Table(box=box.SIMPLE_HEAD, title=ui.t("review_title"), title_justify="left")
    table.add_column("#", justify="right")
    table.add_column(ui.t("review_section"), overflow="fold")
    table.add_column(ui.t("review_answered"), justify="right")
    table.add_column(ui.t("review_unknown"), justify="right")
    table.add_column(ui.t("review_open"), justify="right")
    open_total = 0
    lines: list[str] = []
    for number, section in enumerate(bank.sections, start=1):
        counts = tally(bank, answers, section)
        open_total += counts.unknown + counts.open
        table.add_row(
            str(number),
            text(section.title, ui.lang),
            f"{counts.answered}/{counts.total}",
            str(counts.unknown or "–"),
            str(counts.open or "–"),
        )
        for qid in counts.open_ids:
            # The section's id, not its number: "3. … 3. … 5." read as broken numbering.
            where = shown_id(section, ui.lang)
            lines.append(f"  [{where}] {short(text(bank.questions[qid].text, ui.lang), 60)}")
    ui.console.print(table)
    if lines:
        ui.say(ui.t("review_open_list"))
        for line in lines[:10]:
            ui.say(line)
        if len(lines) > 10:
            ui.say(ui.t("review_more", count=len(lines) - 10))
    return open_total
