"""Ranking (the purposes of the outsourcing): pick the most important, then the next.

The old order is the default at every step, so keeping a ranking is Enter, Enter, Enter;
``<`` takes back the last pick.
"""

from __future__ import annotations

from typing import Any

from cc_rfp.core.answers import is_unknown
from cc_rfp.core.bank import text
from cc_rfp.interview.ask import KEYS, Special, ask_select
from cc_rfp.interview.prompts.base import Asking


def ask_ranking(a: Asking) -> Any:
    ui = a.ui
    choices = a.bank.choices(a.question)
    labels = {c.value: text(c.label, a.lang) for c in choices}
    previous = [v for v in a.start if v in labels] if isinstance(a.start, list) else []
    order: list[str] = []
    while True:
        remaining = [c.value for c in choices if c.value not in order]
        if len(remaining) <= 1:
            order += remaining
            break
        default: Any = next((v for v in previous if v in remaining), None)
        if not order and is_unknown(a.current):
            default = Special.UNKNOWN
        message = f"{a.title} – {ui.t('rank_place', n=len(order) + 1, count=len(choices))}"
        pick = ask_select(
            ui, message, [(labels[v], v) for v in remaining], default=default, specials=KEYS
        )
        if pick is Special.HELP:
            a.help()
            continue
        if pick is Special.BACK and order:
            order.pop()
            continue
        if isinstance(pick, Special):
            return pick
        order.append(pick)
        if len(order) < len(choices) - 1:
            _show(ui, order, labels)
    _show(ui, order, labels)
    return order


def _show(ui: Any, order: list[str], labels: dict[str, str]) -> None:
    ui.say("  " + "  ".join(f"{i}. {labels[v]}" for i, v in enumerate(order, 1)), style="dim")
