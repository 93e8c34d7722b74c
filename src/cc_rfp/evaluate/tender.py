"""What the bids are compared against, derived from the answers as the forms were.

The price form's rows and quantities, the compliance matrix's requirements and the forms'
metadata must be exactly those the bidders received, or every returned form would look like a
form of another tender. So they are computed here as ``cc-rfp package`` computes them
(``pricing.model.price_rows`` without a staffing estimate, ``forms.meta_from_answers``,
``forms.requirements_from_markdown`` over the rendered tender), and :func:`write_blank_forms`
writes the forms from the same values. The client's staffing estimate is kept apart: it is
the minimum a bidder's staffing plan is compared with.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank
from cc_rfp.errors import InputError
from cc_rfp.evaluate.compute import QUALITY_ONLY, Model
from cc_rfp.forms.requirements import Requirement
from cc_rfp.forms.workbook import FormMeta
from cc_rfp.pricing import evaluation as ev
from cc_rfp.pricing.rows import PriceRow


@dataclass
class Tender:
    """The tender's side of the evaluation."""

    bank: Bank
    answers: Answers
    lang: str
    rows: list[PriceRow]
    meta: FormMeta
    requirements: list[Requirement]
    model: Model
    deadline: dt.datetime | None
    minimum: dict[str, float] = field(default_factory=dict)
    """Row id -> the client's estimate of the least staffing (hours or FTE-months over the
    evaluation period) for rows whose quantity is the bidder's plan."""
    channel_labels: dict[str, str] = field(default_factory=dict)
    criteria_text: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def mandatory(self) -> list[Requirement]:
        return [r for r in self.requirements if r.level == "mandatory"]


def load_tender(
    bank: Bank,
    answers: Answers,
    lang: str,
    templates_dir: Path | None = None,
    *,
    with_requirements: bool = True,
) -> Tender:
    """The tender of ``answers``; an InputError when the answers cannot say how bids are
    evaluated (no basis, a model without the figures it needs)."""
    from cc_rfp.forms import meta_from_answers
    from cc_rfp.pricing.example import staffing_estimates
    from cc_rfp.pricing.model import Values, price_rows

    values = Values(bank, answers)
    model = published_model(values, bank, answers, lang)
    rows = price_rows(bank, answers, lang)
    estimated = price_rows(bank, answers, lang, staffing_estimates(bank, answers))
    minimum = {
        row.id: row.quantity
        for row in estimated
        if row.source == "bidder" and row.kind == "unit" and row.quantity > 0
    }
    requirements: list[Requirement] = []
    if with_requirements:
        requirements = tender_requirements(bank, answers, lang, templates_dir)
    from cc_rfp.pricing.model import _channel_labels

    criteria = values.get("quality_criteria") or []
    return Tender(
        bank=bank,
        answers=answers,
        lang=lang,
        rows=rows,
        meta=meta_from_answers(answers, lang),
        requirements=requirements,
        model=model,
        deadline=deadline(values.get("bid_deadline"), values.get("bid_deadline_time")),
        minimum=minimum,
        channel_labels=_channel_labels(bank, lang),
        criteria_text={
            str(r.get("criterion")): {k: str(v) for k, v in r.items() if v is not None}
            for r in criteria
        },
    )


def row_text(row: PriceRow, labels: dict[str, str]) -> str:
    """A price row's text with its channel, so two channels' "per contact" rows differ."""
    if row.channel and row.channel in labels:
        return f"{labels[row.channel]}: {row.text}"
    return row.text


def published_model(values: Any, bank: Bank, answers: Answers, lang: str) -> Model:
    """The award model the tender published, or an InputError saying what is missing."""
    from cc_rfp import i18n
    from cc_rfp.pricing.checks import pricing_problems

    basis = values.get("evaluation_basis")
    if basis is None:
        raise InputError(i18n.t("evaluate.error_no_basis", lang))
    name = {"price_only": "lowest_price", "quality_only": QUALITY_ONLY}.get(str(basis))
    if name is None:
        name = str(values.get("evaluation_model") or "value_added")
    rows = values.get("quality_criteria") or []
    criteria = tuple(
        ev.Criterion(
            str(r.get("criterion")),
            float(r.get("value_sek") or 0),
            float(r.get("surcharge_percent") or 0),
            float(r.get("weight") or 0),
        )
        for r in rows
    )
    if name != "lowest_price":
        if not criteria:
            raise InputError(i18n.t("evaluate.error_no_criteria", lang))
        names = [c.name for c in criteria]
        if len(set(names)) != len(names):
            raise InputError(i18n.t("evaluate.error_criteria_twice", lang))
        for qid, _, message in pricing_problems(bank, answers, lang):
            if qid in ("quality_criteria", "price_weight"):
                raise InputError(i18n.t("evaluate.error_model", lang, id=qid, problem=message))
    else:
        criteria = ()
    return Model(
        name,
        criteria,
        float(values.get("price_weight") or 0) if name == "relative_points" else 0.0,
        ev.SCALE,
        str(values.get("tie_break") or "quality_then_lot"),
    )


def deadline(date: Any, time: Any) -> dt.datetime | None:
    """The bid deadline as a local date and time (the end of the day when no time is given)."""
    if isinstance(date, dt.datetime):
        day = date.date()
    elif isinstance(date, dt.date):
        day = date
    else:
        try:
            day = dt.date.fromisoformat(str(date).strip())
        except ValueError:
            return None
    moment = dt.time(23, 59, 59)
    if time is not None:
        with contextlib.suppress(ValueError):
            moment = dt.time.fromisoformat(str(time).strip())
    return dt.datetime.combine(day, moment)


def tender_requirements(
    bank: Bank, answers: Answers, lang: str, templates_dir: Path | None = None
) -> list[Requirement]:
    """The numbered requirements as the rendered tender shows them."""
    from cc_rfp.document.render import render_document
    from cc_rfp.forms import requirements_from_markdown

    markdown = render_document(bank, answers, lang=lang, templates_dir=templates_dir, draft=True)
    return requirements_from_markdown(markdown, lang, templates_dir)


def write_blank_forms(tender: Tender, folder: Path) -> tuple[Path, Path]:
    """The price form and the compliance matrix of the tender, as bidders receive them, with
    the names ``cc-rfp package`` gives them."""
    from cc_rfp.document.package import file_names
    from cc_rfp.forms import write_compliance_matrix, write_price_form

    folder.mkdir(parents=True, exist_ok=True)
    names = file_names(tender.lang)
    prices = folder / names["price_form"]
    matrix = folder / names["compliance_matrix"]
    write_price_form(prices, tender.rows, tender.meta, channel_labels=tender.channel_labels)
    write_compliance_matrix(matrix, tender.requirements, tender.meta)
    return prices, matrix
