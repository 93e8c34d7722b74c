"""The internal memo's figures: what the buyer and the consultant read, bidders never do.

The tender states requirements; the memo explains them to the people who set them: what the
staffing estimate leaves out and how likely a per-day target is to fail, what each target
costs, which answers contradict each other, which facts must be closed before publishing,
which questions bidders will send, how the evaluation model behaves with fictitious bids,
and the internal notes. Every figure is computed here (or by the staffing, pricing and
contradiction code this module reads) and handed to ``templates/memo.md.j2`` as formatted
plain data, so the template only words it.
"""

from __future__ import annotations

import math
from typing import Any

from cc_rfp.core.answers import Answers, is_unknown
from cc_rfp.core.bank import Bank
from cc_rfp.document import mdtext
from cc_rfp.document.view import Doc
from cc_rfp.i18n.numbers import format_number

DAY_RISK_NOTABLE = 0.05
"""A day-risk probability from which the memo expects bidders to ask how the target is measured."""
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TARGET_FINDINGS = frozenset({"f_no_effect", "f_infeasible", "f_email_closed"})
"""Staffing findings that mean the targets do not all agree (one has no effect, one cannot
be met, a response time the closed inbox breaks)."""
TARGET_CONTRADICTIONS = frozenset({"response_clock", "mandatory_conflict", "unreachable_target"})
CHECK_CODES = ("k_shift_fit", "k_min_cover", "k_day_risk", "k_day_risk_forecast")


def memo_data(
    bank: Bank, answers: Answers, lang: str, doc: Doc, staffing: dict[str, Any]
) -> dict[str, Any]:
    """Everything the memo template shows, as formatted plain data."""
    from cc_rfp.core import contradictions

    found = contradictions.find(bank, answers, lang, doc.answer_state)
    data: dict[str, Any] = {
        "staffing": _staffing(staffing, lang),
        "contradictions": [
            {
                "code": c.code,
                "labels": ", ".join(dict.fromkeys(_label(doc, i) for i in c.ids)),
                "message": mdtext.inline(c.message),
            }
            for c in found
        ],
        "facts": doc.missing_buyer_facts,
        "internal": _internal(bank, answers, doc),
        "notes": _notes(bank, answers, doc),
    }
    data["checked"] = consistency_checked(staffing, found)
    data["evaluation"] = _evaluation(doc, lang)
    data["questions"] = _questions(doc, data)
    return data


def _num(value: float, lang: str, decimals: int | None = None) -> str:
    return format_number(float(value), lang, decimals)


def _pct(fraction: float, lang: str, decimals: int = 0) -> str:
    sign = " %" if lang == "sv" else "%"
    return format_number(100 * float(fraction), lang, decimals) + sign


def _label(doc: Doc, qid: str) -> str:
    """A question's short label for an id a contradiction names (``intraday_share.h18``)."""
    base = qid.split(".", 1)[0].split("[", 1)[0]
    if base in doc.bank.questions:
        return doc.short_label(base)
    return mdtext.inline(qid)


def _staffing(staffing: dict[str, Any], lang: str) -> dict[str, Any]:
    """The estimate, what it leaves out (checks by code), the day risk and the sensitivity."""
    if not staffing.get("available"):
        return {"available": False, "missing": staffing.get("missing", [])}
    checks: dict[str, list[str]] = {code: [] for code in CHECK_CODES}
    for check in staffing.get("checks", []):
        checks.setdefault(check["code"], []).append(mdtext.inline(check["text"]))
    totals = staffing["totals"]
    months = totals.get("months") or []
    busiest = next((m for m in months if m["month"] == totals.get("busiest_month")), None)
    average = sum(m["fte"] for m in months) / len(months) if months else 0.0
    day_names = dict(zip(DAYS, staffing.get("days") or DAYS, strict=False))
    day_risk = []
    for channel in staffing["channels"]:
        for goal in channel.get("day_risk") or []:
            worst = max(goal["days"], key=lambda d: d["probability"], default=None)
            if worst is None:
                continue
            forecast = worst.get("probability_with_forecast_error")
            day_risk.append(
                {
                    "channel": mdtext.cell(channel["label"]),
                    "target": mdtext.cell(goal["text"]),
                    "day": mdtext.cell(day_names.get(worst["day"], worst["day"])),
                    "probability": _pct(worst["probability"], lang, 1),
                    "forecast": _pct(forecast, lang, 0) if forecast is not None else "–",
                    "days_per_month": _num(goal["expected_days_per_month"], lang, 1),
                    "notable": worst["probability"] >= DAY_RISK_NOTABLE
                    or (forecast or 0) >= DAY_RISK_NOTABLE,
                }
            )
    sensitivity = [
        {
            "label": mdtext.cell(row["label"]),
            "base": row["key"] == "base",
            "fte": _num(row["fte"], lang, 1),
            "delta_fte": ("+" if row["delta_fte"] > 0 else "") + _num(row["delta_fte"], lang, 1),
            "delta_percent": ("+" if row["delta_percent"] > 0 else "")
            + _num(row["delta_percent"], lang, 1)
            + (" %" if lang == "sv" else "%"),
            "key": row["key"],
            "delta_raw": row["delta_percent"],
        }
        for row in staffing.get("sensitivity") or []
    ]
    return {
        "available": True,
        "summary": [mdtext.inline(line) for line in staffing.get("summary_lines", [])],
        "fte": _num(totals["fte"], lang, 1),
        "fte_raw": totals["fte"],
        "shrinkage": _pct(staffing["shrinkage"], lang),
        "fte_hours": _num(staffing["fte_hours_per_week"], lang),
        "busiest_name": busiest["name"] if busiest else "",
        "busiest_fte": _num(busiest["fte"], lang, 1) if busiest else "",
        "busiest_over_average": _pct(busiest["fte"] / average - 1, lang)
        if busiest and average
        else "",
        "checks": checks,
        "day_risk": day_risk,
        "sensitivity": sensitivity,
        "findings": [mdtext.inline(f["text"]) for f in staffing.get("findings", [])],
        "assumptions": [mdtext.inline(f["text"]) for f in staffing.get("assumptions", [])],
        "standard_curve": staffing.get("curves", {}).get("intraday") == "standard"
        or staffing.get("curves", {}).get("weekday") == "standard",
    }


def consistency_checked(staffing: dict[str, Any], found: list[Any]) -> dict[str, Any]:
    """Which consistency checks ran and what they found, so the tender claims no more.

    ``targets``: the staffing model ran, so the real-time targets were tried against each
    other; ``targets_clean``: and none was unreachable or without effect.
    """
    codes = {c.code for c in found}
    staffing_ran = bool(staffing.get("available"))
    target_findings = [f for f in staffing.get("findings", []) if f["code"] in TARGET_FINDINGS]
    return {
        "answers": True,
        "answers_clean": not codes,
        "targets": staffing_ran,
        "targets_clean": staffing_ran and not target_findings and not codes & TARGET_CONTRADICTIONS,
    }


def _internal(bank: Bank, answers: Answers, doc: Doc) -> list[dict[str, str]]:
    """Every applicable internal-kind question with its answer (or that it is open)."""
    out = []
    for qid in bank.order:
        if bank.questions[qid].unknown != "internal" or not doc.applies(qid):
            continue
        value = answers.values.get(qid)
        shown = doc.show(qid) if doc.status(qid) == "answered" else ""
        out.append(
            {
                "label": doc.short_label(qid),
                "value": shown,
                "note": mdtext.inline(value.note) if is_unknown(value) and value.note else "",
            }
        )
    return out


def _notes(bank: Bank, answers: Answers, doc: Doc) -> list[dict[str, str]]:
    """The notes written with "don't know yet" answers (internal ones are listed above)."""
    out = []
    for qid in bank.order:
        value = answers.values.get(qid)
        question = bank.questions[qid]
        if not is_unknown(value) or not value.note or question.unknown == "internal":
            continue
        if not doc.applies(qid):
            continue
        out.append(
            {
                "label": doc.short_label(qid),
                "kind": question.unknown,
                "note": mdtext.inline(value.note),
            }
        )
    return out


def _evaluation(doc: Doc, lang: str) -> dict[str, Any]:
    """The award model tried with fictitious bids, and the SEK values as a share of cost.

    The yearly cost is bid A of the tender's worked example (``pricing.example``): the
    client's own price form at stated market prices. The interview's award note reads the same
    figure (``interview/award_note.py``), so the consultant never sees two different shares.
    """
    found = doc.worked_example
    share = found.value_share
    needed = found.values_needed if found.cheap_wins else None
    out: dict[str, Any] = {
        **doc.award,
        "value_total_raw": found.value_total,
        "share": _pct(share / 100, lang, 1) if share is not None else "",
        "yearly": _num((found.yearly_cost or 0) / 1_000_000, lang, 1),
        # rounded up to 0.1 MSEK, so "more than" stays true of the printed figure
        "needed": _num(math.ceil(needed / 100_000) / 10, lang, 1) if needed else "",
        "needed_share": "",
    }
    if needed and found.yearly_cost:
        out["needed_share"] = _pct(needed / found.yearly_cost, lang, 0)
    return out


def _asked(question: str) -> str:
    """A bank question as a bidder would ask it: ending in a question mark."""
    question = question.rstrip()
    return question if question.endswith("?") else f"{question}?"


def _questions(doc: Doc, data: dict[str, Any]) -> list[dict[str, str]]:
    """Questions bidders are likely to send, each tied to the gap or finding behind it."""
    out: list[dict[str, str]] = []
    for fact in data["facts"]:
        out.append({"kind": "buyer_fact", "label": _asked(fact["question"])})
    for item in doc.open_items:
        out.append({"kind": "open_item", "label": _asked(item["question"])})
    for found in data["contradictions"]:
        out.append({"kind": "contradiction", "label": found["labels"]})
    staffing = data["staffing"]
    if staffing.get("available"):
        for row in staffing["day_risk"]:
            if row["notable"]:
                out.append({"kind": "day_risk", "label": f"{row['channel']}, {row['target']}"})
        if staffing["standard_curve"]:
            out.append({"kind": "standard_curve", "label": ""})
    if data["evaluation"].get("flips"):
        out.append({"kind": "award_flips", "label": ""})
    return out
