"""The evaluation report in the tender's language: plain data for the template, then Markdown.

Every figure is computed and formatted here (``i18n.numbers``, one rule per language); the
template ``templates/evaluation_report.md.j2`` only places the values and the sentences of
``templates/text/evaluation_report.yaml``. Text that comes from bidders or evaluators (names,
justifications, comments) is escaped for Markdown here, once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cc_rfp import i18n
from cc_rfp.document import mdtext
from cc_rfp.evaluate import compute as cp
from cc_rfp.evaluate.outcome import Outcome
from cc_rfp.evaluate.tender import row_text
from cc_rfp.i18n.numbers import format_number, format_percent

TEMPLATE = "evaluation_report.md.j2"
BAR_WIDTH = 40
"""Characters of the longest bar in the chart of comparison figures."""


def money(value: float, lang: str, decimals: int = 0) -> str:
    return format_number(value, lang, decimals)


def figure_text(model: cp.Model, value: float, lang: str) -> str:
    """A comparison figure: points with two decimals, SEK whole."""
    return format_number(
        value, lang, 2 if model.name in ("relative_points", cp.QUALITY_ONLY) else 0
    )


def score_text(value: float, lang: str) -> str:
    """A score or a mean of scores: 4, 4,5, 3,67 (no trailing zeros)."""
    for decimals in (0, 1):
        if abs(value * 10**decimals - round(value * 10**decimals)) < 1e-9:
            return format_number(value, lang, decimals)
    return format_number(value, lang, 2)


def context(outcome: Outcome) -> dict[str, Any]:
    """Everything the template shows, as plain escaped strings, lists and dicts."""
    tender = outcome.tender
    lang = tender.lang
    model = tender.model
    name = lambda key: mdtext.cell(outcome.names.get(key, key))  # noqa: E731
    rows = tender.rows
    out: dict[str, Any] = {
        "simulated": outcome.simulated,
        "reference": mdtext.inline(tender.meta.reference or "–"),
        "buyer": mdtext.inline(tender.meta.buyer or "–"),
        "model": model.name,
        "lower_wins": model.lower_wins,
        "tie_break": model.tie_break,
        "scale": format_number(model.scale, lang),
        "price_weight": format_number(model.price_weight, lang),
        "deadline": tender.deadline.strftime("%Y-%m-%d %H:%M") if tender.deadline else "–",
        "criteria": [
            {
                "number": n,
                "name": mdtext.cell(c.name),
                "factor": _factor(model, c, lang),
            }
            for n, c in enumerate(model.criteria, 1)
        ],
        "base_price": money(outcome.base_price, lang) if outcome.base_price else "",
    }
    out["received"] = [
        {
            "key": mdtext.cell(v.key),
            "name": name(v.key),
            "received": v.files.received.strftime("%Y-%m-%d %H:%M") if v.files.received else "–",
            "price_form": mdtext.cell(v.files.price_form.name) if v.files.price_form else "–",
            "matrix": mdtext.cell(v.files.matrix.name) if v.files.matrix else "–",
            "ignored": mdtext.cell(", ".join(v.files.ignored)),
        }
        for v in outcome.verdicts
    ]
    out["qualification"] = [
        {
            "name": name(v.key),
            "status": v.status,
            "reasons": [mdtext.cell(r) for r in v.reasons],
        }
        for v in outcome.verdicts
    ]
    out["counts"] = {s: len(outcome.by_status(s)) for s in ("qualified", "rejected", "open")} | {
        "received": len(outcome.verdicts)
    }
    out["questions"] = [
        {"name": name(v.key), "entries": [mdtext.inline(q) for q in v.questions]}
        for v in outcome.verdicts
        if v.questions
    ]
    out["notes"] = [
        {"name": name(v.key), "entries": [mdtext.inline(q) for q in v.notes]}
        for v in outcome.verdicts
        if v.notes
    ]
    out["problems"] = [
        {"name": name(v.key), "entries": [mdtext.inline(p) for p in v.problems]}
        for v in outcome.verdicts
        if v.problems
    ]
    out["prices"] = []
    for bid in outcome.bids:
        own = outcome.prices.get(bid.name, {})
        plan = outcome.plans.get(bid.name, {})
        lines = []
        for row in rows:
            if row.id not in own:
                continue
            quantity = plan.get(row.id, row.quantity)
            amount = own[row.id] * quantity * row.weight
            lines.append(
                {
                    "text": mdtext.cell(row_text(row, tender.channel_labels)),
                    "unit": mdtext.cell(row.unit),
                    "quantity": format_number(quantity, lang, None),
                    "weight": format_number(row.weight, lang, None),
                    "price": money(own[row.id], lang, 2),
                    "amount": money(amount, lang, 2),
                    "plan": row.id in plan,
                }
            )
        out["prices"].append(
            {"name": name(bid.name), "lines": lines, "total": money(bid.price, lang, 2)}
        )
    out["scores"] = _scores(outcome, name)
    out["ranking"] = [
        {
            "place": p.place,
            "name": name(p.name),
            "price": money(p.price, lang),
            "quality": _quality_text(model, p.quality, lang),
            "figure": figure_text(model, p.figure, lang),
            "lot": p.lot,
            "tied": p.tied,
        }
        for p in outcome.placed
    ]
    out["ties"] = any(p.tied for p in outcome.placed)
    out["chart"] = chart(outcome)
    winner = outcome.winner
    out["winner"] = name(winner) if winner else ""
    out["lots"] = ", ".join(name(k) for k in outcome.lots)
    out["removals"] = [
        {
            "removed": name(r.removed),
            "winner": name(r.winner) if r.winner else "–",
            "flips": r.flips,
        }
        for r in outcome.removals
    ]
    out["flips"] = [r for r in out["removals"] if r["flips"]]
    out["tipping"] = [_tipping(t, model, name, lang) for t in outcome.tipping]
    out["volumes"] = [
        {
            "level": format_percent(level.level, lang, 0),
            "winner": name(level.winner) if level.winner else "–",
            "order": ", ".join(name(p.name) for p in level.placed),
            "changed": level.winner != winner,
        }
        for level in outcome.volumes
    ]
    out["volume_changes"] = any(v["changed"] for v in out["volumes"])
    out["spreads"] = [
        {
            "bid": name(s.bid),
            "criterion": mdtext.cell(s.criterion),
            "low": f"{mdtext.cell(s.lowest[0])} {score_text(s.lowest[1], lang)}",
            "high": f"{mdtext.cell(s.highest[0])} {score_text(s.highest[1], lang)}",
            "steps": score_text(s.steps, lang),
        }
        for s in outcome.spreads
    ]
    out["award"] = _award(outcome, name)
    return out


def _factor(model: cp.Model, criterion: Any, lang: str) -> str:
    value = cp.quality_factor(model, criterion)
    if model.name == "value_added":
        return money(value, lang)
    return format_number(value, lang, None)


def _quality_text(model: cp.Model, value: float, lang: str) -> str:
    if model.name == "value_added":
        return money(value, lang)
    return format_number(value, lang, 2)


def _scores(outcome: Outcome, name: Any) -> list[dict[str, Any]]:
    """Per criterion: every evaluator's score and justification, and the bid's mean."""
    lang = outcome.tender.lang
    model = outcome.tender.model
    if not model.criteria or not outcome.bids:
        return []
    out = []
    for number, criterion in enumerate(model.criteria, 1):
        lines = []
        for bid in outcome.bids:
            given = (
                outcome.scores.given.get(bid.name, {}).get(criterion.name, [])
                if outcome.scores
                else []
            )
            lines.append(
                {
                    "name": name(bid.name),
                    "mean": score_text(float(bid.scores.get(criterion.name, 0.0)), lang),
                    "given": [
                        {
                            "evaluator": mdtext.cell(g.evaluator),
                            "score": score_text(g.score, lang),
                            "why": mdtext.cell(g.justification),
                        }
                        for g in given
                    ],
                }
            )
        out.append({"number": number, "name": mdtext.inline(criterion.name), "bids": lines})
    return out


def _tipping(tip: cp.Tipping, model: cp.Model, name: Any, lang: str) -> dict[str, Any]:
    sek = tip.kind in ("value_sek", "winner_price")
    fmt = (lambda v: money(v, lang)) if sek else (lambda v: format_number(v, lang, 1))
    change = ""
    if tip.threshold is not None and tip.current:
        change = format_percent((tip.threshold - tip.current) / tip.current, lang, 0)
        if tip.threshold > tip.current:
            change = "+" + change
    return {
        "kind": tip.kind,
        "criterion": mdtext.cell(tip.criterion or ""),
        "current": fmt(tip.current),
        "threshold": fmt(tip.threshold) if tip.threshold is not None else "",
        "change": change,
        "new_winner": name(tip.new_winner) if tip.new_winner else "",
    }


def _award(outcome: Outcome, name: Any) -> dict[str, Any]:
    lang = outcome.tender.lang
    model = outcome.tender.model
    placed = outcome.placed
    winner = outcome.winner
    first = next((p for p in placed if p.name == winner), None)
    second = next((p for p in placed if p.name != winner), None)
    margin = ""
    if first and second:
        margin = figure_text(model, abs(second.figure - first.figure), lang)
    return {
        "winner": name(winner) if winner else "",
        "figure": figure_text(model, first.figure, lang) if first else "",
        "price": money(first.price, lang) if first else "",
        "quality": _quality_text(model, first.quality, lang) if first else "",
        "runner_up": name(second.name) if second else "",
        "margin": margin,
        "qualified": len(placed),
        "others": [
            {"name": name(p.name), "place": p.place, "figure": figure_text(model, p.figure, lang)}
            for p in placed
            if p.name != winner
        ],
        "rejected": [
            {"name": name(v.key), "reasons": mdtext.inline("; ".join(v.reasons))}
            for v in outcome.by_status("rejected")
        ],
        "open": [name(v.key) for v in outcome.by_status("open")],
    }


def chart(outcome: Outcome) -> list[str]:
    """A bar per ranked bid, proportional to its comparison figure, in a fixed-width block."""
    lang = outcome.tender.lang
    model = outcome.tender.model
    if not outcome.placed:
        return []
    labels = [outcome.names.get(p.name, p.name) for p in outcome.placed]
    width = min(max(len(label) for label in labels), 28)
    top = max(abs(p.figure) for p in outcome.placed) or 1.0
    lines = []
    for label, placed in zip(labels, outcome.placed, strict=True):
        length = round(BAR_WIDTH * max(placed.figure, 0.0) / top)
        short = label if len(label) <= width else label[: width - 1] + "…"
        bar = "█" * length if length else "▏"
        lines.append(f"{short.ljust(width)}  {bar} {figure_text(model, placed.figure, lang)}")
    return lines


def render_report(outcome: Outcome, templates_dir: Path | None = None) -> str:
    """The report as Markdown (the built-in template, or a ``--templates`` folder's)."""
    from cc_rfp.core.sandbox import TEMPLATE_LIMITS, budget
    from cc_rfp.document import catalog
    from cc_rfp.document.render import _environment, tidy
    from cc_rfp.errors import TemplateError
    from cc_rfp.io import resources

    lang = outcome.tender.lang
    builtin = resources.templates_dir()
    text = catalog.Text(
        catalog.load(builtin, templates_dir), catalog.load_outline(builtin, templates_dir), lang
    )
    env = _environment(templates_dir, lang if templates_dir is not None else None)
    try:
        with budget(TEMPLATE_LIMITS):
            markdown = env.get_template(TEMPLATE).render(
                r=context(outcome), lang=lang, **text.globals()
            )
    except catalog.TextError as exc:
        raise TemplateError(f"{TEMPLATE}: {exc}") from None
    return tidy(markdown)


def summary(outcome: Outcome) -> str:
    """One line for the terminal: how many bids, how many qualified, who wins."""
    lang = outcome.tender.lang
    counts = {s: len(outcome.by_status(s)) for s in ("qualified", "rejected", "open")}
    winner = outcome.winner
    return i18n.t(
        "evaluate.summary",
        lang,
        received=len(outcome.verdicts),
        qualified=counts["qualified"],
        rejected=counts["rejected"],
        open=counts["open"],
        winner=outcome.names.get(winner, winner) if winner else "–",
    )
