"""After the award questions: what the chosen model does with fictitious bids, while the client
is still in the room to change the SEK values or the model.

The figures are the tender's worked example (``pricing.example``): the client's own price form
priced at stated market prices (bid A) and at the guide's ratios (B, and C, cheap with almost
no quality). The SEK values are shown as a share of A's yearly cost, the same estimate the
internal memo uses. For a points model a small table shows whether C, which cannot win, changes
the winner between A and B. The note is advice, not an answer: any failure is one dim line and
the interview goes on.
"""

from __future__ import annotations

import math
from typing import Any

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank
from cc_rfp.core.conditions import holds
from cc_rfp.i18n.numbers import format_number, format_percent
from cc_rfp.interview.ask import Ui

AWARD_QUESTIONS = ("evaluation_basis", "evaluation_model", "quality_criteria", "price_weight")
"""The questions that settle the award model, in the bank's order; the note follows the last
one that applies (the price weight only for points)."""


def note_due(bank: Bank, answers: Answers, qid: str) -> bool:
    """Whether ``qid`` is the last award question that applies, so the model is complete."""
    if qid not in AWARD_QUESTIONS or qid not in bank.questions:
        return False
    known = answers.known()
    later = AWARD_QUESTIONS[AWARD_QUESTIONS.index(qid) + 1 :]
    return not any(q in bank.questions and holds(bank.questions[q].when, known) for q in later)


def show_award(ui: Ui, bank: Bank, answers: Answers) -> None:
    """Print the award model's behaviour with the fictitious bids; never raise."""
    try:
        lines = award_lines(bank, answers, ui.lang)
    except Exception as exc:  # advice must never break the interview
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        ui.say(ui.t("award_failed", reason=reason), style="dim")
        return
    if not lines:
        return
    ui.say()
    ui.say(ui.t("award_title"), style="bold")
    for style, line in lines:
        if style == "table":
            ui.console.print(line)
        else:
            _bullet(ui, line, style or None)


def _bullet(ui: Ui, line: str, style: str | None) -> None:
    from rich.padding import Padding
    from rich.text import Text

    ui.console.print(Padding(Text(f"• {line}", style=style or ""), (0, 0, 0, 2), expand=False))


def award_lines(bank: Bank, answers: Answers, lang: str) -> list[tuple[str, Any]]:
    """The note as (style, content) pairs: a bullet's style ("", "yellow", "dim") and its
    text, or ("table", a rich Table). Empty when there is no model to try."""
    from cc_rfp.interview.text import t
    from cc_rfp.pricing.checks import pricing_problems
    from cc_rfp.pricing.example import worked_example

    found = worked_example(bank, answers, lang)
    model = found.award.model
    if model is None:
        return []
    out: list[tuple[str, Any]] = []
    if found.reversal is None:
        problems = [
            message
            for qid, _, message in pricing_problems(bank, answers, lang)
            if qid in {"quality_criteria", "price_weight"}
        ]
        reason = problems[0] if problems else t("award_nothing_priced", lang)
        return [("dim", t("award_not_yet", lang, reason=reason))]
    yearly = found.yearly_cost
    if found.value_share is not None and yearly:
        out.append(
            (
                "",
                t(
                    "award_share",
                    lang,
                    total=format_number(found.value_total, lang, 0),
                    share=format_percent(found.value_share / 100, lang, 1),
                    yearly=_millions(yearly, lang),
                ),
            )
        )
    if found.left_out:
        names = ", ".join(r.text for r in found.left_out)
        out.append(("dim", t("award_left_out", lang, rows=names)))
    reversal = found.reversal
    if model == "relative_points":
        out.append(("table", _table(found, lang)))
    if model == "lowest_price":
        out.append(("yellow", t("award_lowest", lang)))
    elif reversal.flips:
        out.append(
            (
                "yellow",
                t(
                    "award_flips",
                    lang,
                    without=reversal.winner_without or "–",
                    winner=reversal.winner_with or "–",
                ),
            )
        )
    elif found.cheap_wins:
        out.append(("yellow", t("award_cheap_wins", lang, without=reversal.winner_without or "–")))
        needed = found.values_needed
        if needed and yearly:
            out.append(
                (
                    "yellow",
                    t(
                        "award_needed",
                        lang,
                        needed=_millions(needed, lang, up=True),
                        share=format_percent(needed / yearly, lang, 0),
                    ),
                )
            )
    else:
        out.append(("", t("award_stable", lang, winner=reversal.winner_with or "–")))
    return out


def _millions(amount: float, lang: str, up: bool = False) -> str:
    """SEK as millions with one decimal; ``up`` rounds up, so "more than" stays true."""
    value = math.ceil(amount / 100_000) / 10 if up else amount / 1_000_000
    return format_number(value, lang, 1)


def _table(found: Any, lang: str) -> Any:
    """Bids, evaluation price, score, total points and rank, with and without C."""
    from rich.table import Table

    from cc_rfp.interview.text import t
    from cc_rfp.pricing.example import SCORES

    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False)
    table.add_column(t("award_col_bid", lang))
    for key in ("award_col_price", "award_col_score", "award_col_points"):
        table.add_column(t(key, lang), justify="right")
    table.add_column(t("award_col_rank", lang), justify="right")
    table.add_column(t("award_col_rank_without", lang), justify="right")
    without = {o.name: o for o in found.reversal.without}
    for bid, score, outcome in zip(found.bids, SCORES, found.reversal.with_cheap, strict=True):
        alone = without.get(bid.name)
        table.add_row(
            bid.name,
            _millions(bid.price, lang),
            format_number(score, lang, 1),
            format_number(outcome.figure, lang, 2),
            str(outcome.rank),
            str(alone.rank) if alone else "–",
        )
    from rich.padding import Padding

    return Padding(table, (0, 0, 0, 4))
