"""Who qualifies, who does not and why, and what must be asked before the award.

Three outcomes, each with its reasons phrased in the tender's language:

- ``rejected``: the bid does not qualify: it arrived after the deadline, a form is missing
  (or is another tender's), or a mandatory requirement is answered "Nej" or left blank. The
  reason names the requirement.
- ``open``: the bid cannot be evaluated as it stands (a price that cannot be read, a file in
  another format, two price forms): the buyer must decide, usually after asking the bidder.
  Open bids are not ranked, and the report says the award assumes they stay out.
- ``qualified``: evaluated. It may still carry clarification questions that do not change
  its figures: a changed quantity (the tender's is used), its own total differing from the
  recomputed one (the recomputed one is used), a staffing plan below the client's estimate
  of the minimum staffing.

Nothing is fixed silently: every figure the tool used instead of the bidder's is a question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cc_rfp import i18n
from cc_rfp.evaluate.bids import BidFiles
from cc_rfp.evaluate.tender import Tender, row_text
from cc_rfp.forms.price_form import is_staffing_row
from cc_rfp.forms.read import FormProblem
from cc_rfp.i18n.numbers import format_number
from cc_rfp.pricing import evaluation as ev

QUESTION_CODES = frozenset(
    {"quantity_changed", "weight_changed", "row_unknown", "other_version", "metadata_missing"}
)
"""Problems that leave the bid's prices readable: evaluated, and asked about."""

MISSING_CODES = frozenset({"other_tender", "wrong_kind", "file_missing"})
"""The file is not this tender's form: as if the form were missing."""

FILE_CODES = frozenset(
    {"wrong_format", "unreadable", "too_large", "sheet_missing", "newer_form", *MISSING_CODES}
)
"""Problems after which nothing in the file can be relied on."""

TOTAL_TOLERANCE = 0.5
"""SEK: a bidder's total within this of the recomputed one is rounding, not a difference."""


@dataclass
class Verdict:
    """One bid's qualification and, when qualified, its evaluation price."""

    key: str
    name: str
    files: BidFiles
    status: str = "qualified"
    reasons: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    price: float | None = None

    def reject(self, reason: str) -> None:
        self.status = "rejected"
        self.reasons.append(reason)

    def hold(self, reason: str) -> None:
        if self.status != "rejected":
            self.status = "open"
        self.reasons.append(reason)


def qualify(bid: BidFiles, tender: Tender) -> Verdict:
    """The verdict on one bid (never raises for anything in the bidder's files)."""
    lang = tender.lang
    verdict = Verdict(bid.key, bid.name, bid)
    verdict.problems = [
        *bid.folder_problems,
        *(message(p, lang) for p in bid.price_problems),
        *(message(p, lang) for p in bid.matrix_problems),
    ]
    _timing(verdict, tender)
    for problem in bid.folder_problems:
        verdict.hold(problem)
    _price_form(verdict, tender)
    _matrix(verdict, tender)
    if verdict.status != "qualified":
        return verdict
    _price(verdict, tender)
    return verdict


def message(problem: FormProblem, lang: str) -> str:
    """The reader's one line for a problem (file, sheet and cell, then what is wrong)."""
    return problem.message(lang)


def _t(key: str, lang: str, **values: object) -> str:
    return i18n.t(f"evaluate.{key}", lang, **values)


def _when(moment: object, lang: str) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "–"  # type: ignore[attr-defined]


def _timing(verdict: Verdict, tender: Tender) -> None:
    lang = tender.lang
    received = verdict.files.received
    if received is None:
        verdict.notes.append(_t("note_no_receipt", lang))
        return
    if tender.deadline is not None and received > tender.deadline:
        verdict.reject(
            _t(
                "reason_late",
                lang,
                received=_when(received, lang),
                deadline=_when(tender.deadline, lang),
            )
        )


def _sort(
    problems: list[FormProblem],
) -> tuple[list[FormProblem], list[FormProblem], list[FormProblem]]:
    missing = [p for p in problems if p.code in MISSING_CODES]
    questions = [p for p in problems if p.code in QUESTION_CODES]
    other = [p for p in problems if p not in missing and p not in questions]
    return missing, questions, other


def _price_form(verdict: Verdict, tender: Tender) -> None:
    lang = tender.lang
    bid = verdict.files
    if bid.price_form is None:
        if "price_form" not in bid.duplicates:  # two forms are already a reason to hold it
            verdict.reject(_t("reason_no_price_form", lang))
        return
    missing, questions, other = _sort(bid.price_problems)
    for problem in missing:
        verdict.reject(_t("reason_not_this_form", lang, problem=message(problem, lang)))
    for problem in other:
        verdict.hold(message(problem, lang))
    for problem in questions:
        verdict.questions.append(
            _t("question_form", lang, problem=message(problem, lang).rstrip("."))
        )
    if bid.prices.typed_as_text:
        texts = {row.id: row_text(row, tender.channel_labels) for row in tender.rows}
        verdict.notes.append(
            _t(
                "note_typed_as_text",
                lang,
                rows="; ".join(texts.get(i, i) for i in bid.prices.typed_as_text),
            )
        )


def _matrix(verdict: Verdict, tender: Tender) -> None:
    lang = tender.lang
    bid = verdict.files
    if not tender.requirements:
        return
    if bid.matrix is None:
        if "compliance_matrix" not in bid.duplicates:
            verdict.reject(_t("reason_no_matrix", lang))
        return
    missing, questions, other = _sort(bid.matrix_problems)
    for problem in missing:
        verdict.reject(_t("reason_not_this_form", lang, problem=message(problem, lang)))
    if missing or any(p.code in FILE_CODES for p in other):
        for problem in other:
            verdict.hold(message(problem, lang))
        return
    for problem in questions:
        verdict.questions.append(
            _t("question_form", lang, problem=message(problem, lang).rstrip("."))
        )
    no = i18n.t("forms.answer_no", lang)
    for requirement in tender.mandatory:
        answer = bid.compliance.answers.get(requirement.id)
        label = requirement.label
        if answer is None or (answer.answer is None and not answer.raw):
            verdict.reject(_t("reason_blank", lang, label=label, text=_short(requirement.text)))
        elif answer.answer is False:
            verdict.reject(_t("reason_no", lang, label=label, no=no, text=_short(requirement.text)))
        elif answer.answer is None:
            verdict.hold(_t("reason_unclear", lang, label=label, found=answer.raw))
    for problem in other:
        if problem.code != "answer_invalid":
            verdict.hold(message(problem, lang))


def _price(verdict: Verdict, tender: Tender) -> None:
    """The evaluation price from the tender's quantities (the bidder's plan for hour and FTE
    rows), the bidder's own total compared with it, and the plan against the estimate."""
    lang = tender.lang
    reading = verdict.files.prices
    quantities = {}
    for row in tender.rows:
        quantity = row.quantity
        if is_staffing_row(row) and row.id in reading.plan:
            quantity = reading.plan[row.id]
            least = tender.minimum.get(row.id, 0.0)
            if least > 0 and quantity < least * (1 - 1e-9):
                verdict.questions.append(
                    _t(
                        "question_plan_low",
                        lang,
                        row=row_text(row, tender.channel_labels),
                        planned=format_number(quantity, lang, 0),
                        estimate=format_number(least, lang, 0),
                        short=format_number(100 * (1 - quantity / least), lang, 0),
                    )
                )
        quantities[row.id] = quantity
    try:
        verdict.price = ev.evaluation_price(tender.rows, reading.prices, quantities)
    except KeyError as exc:
        verdict.hold(_t("reason_no_price", lang, row=str(exc).strip("'\"")))
        return
    total = reading.bidder_total
    if total is not None and abs(total - verdict.price) > TOTAL_TOLERANCE:
        verdict.questions.append(
            _t(
                "question_total",
                lang,
                theirs=format_number(total, lang, 2),
                ours=format_number(verdict.price, lang, 2),
            )
        )


def _short(text: str, limit: int = 90) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"
