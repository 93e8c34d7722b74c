"""Whether the pricing and the award model can be computed from the answers.

Each answer may be valid on its own while the whole cannot be computed: a value-added model
with a criterion that has no SEK value, points whose weights do not add up to 100, a price per
minute for a channel without a handling time. ``validate`` reports these with the line and id
so the consultant finds them before a bidder does.
"""

from __future__ import annotations

from typing import Any

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank
from cc_rfp.i18n.messages import msg
from cc_rfp.pricing.model import UNIT_PREFIX, Values, channel_aht, channel_models

WEIGHT_TOLERANCE = 0.5
"""Points: price weight + criteria weights may differ from 100 by at most this (rounding)."""

Found = tuple[str, tuple[Any, ...], str]
"""(question id, path inside the answer, message)."""


def pricing_problems(bank: Bank, answers: Answers, lang: str = "en") -> list[Found]:
    """Every reason the price form or the award model cannot be computed."""
    values = Values(bank, answers)
    found: list[Found] = []
    for channel, model in channel_models(values).items():
        if model == "per_minute" and channel_aht(values, channel) is None:
            qid = f"aht_{channel}"
            if qid in answers.values and not _is_unknown(answers.values[qid]):
                continue  # its own problem is reported where it is
            found.append((UNIT_PREFIX + channel, (), msg("pricing_minute_needs_aht", lang)))
    found += _award_problems(values, lang)
    return found


def _award_problems(values: Values, lang: str) -> list[Found]:
    basis = values.get("evaluation_basis")
    if basis is None or basis == "price_only":
        return []
    criteria = values.get("quality_criteria")
    if not criteria:
        if "quality_criteria" in values.answers.values:
            return []  # unknown yet: the document says so
        return [("quality_criteria", (), msg("pricing_no_criteria", lang))]
    model = values.get("evaluation_model") if basis == "price_and_quality" else None
    found: list[Found] = []
    need = {"value_added": "value_sek", "surcharge": "surcharge_percent"}.get(model or "")
    if need:
        for index, row in enumerate(criteria):
            amount = row.get(need)
            if amount is None or float(amount) <= 0:
                found.append(
                    ("quality_criteria", (index, need), msg(f"pricing_needs_{need}", lang))
                )
    if model == "relative_points":
        for index, row in enumerate(criteria):
            if row.get("weight") is None:
                found.append(
                    ("quality_criteria", (index, "weight"), msg("pricing_needs_weight", lang))
                )
        price = values.get("price_weight")
        if price is not None and not found:
            total = float(price) + sum(float(r["weight"]) for r in criteria)
            if abs(total - 100) > WEIGHT_TOLERANCE:
                found.append(
                    ("price_weight", (), msg("pricing_weights_sum", lang, total=_short(total)))
                )
    return found


def _is_unknown(value: Any) -> bool:
    from cc_rfp.core.answers import is_unknown

    return is_unknown(value)


def _short(number: float) -> str:
    return f"{number:g}"
