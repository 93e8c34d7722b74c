"""After the KPI targets: what they imply, so an inconsistent target is caught while the client
is still in the room (e.g. a service level the current staffing could never reach).

Staffing is advice, not part of the answers: any failure in it is reported in one line and
the interview goes on.
"""

from __future__ import annotations

from typing import Any

from cc_rfp.answers import Answers
from cc_rfp.bank import Bank
from cc_rfp.interview.ask import Ui


def _build(bank: Bank, answers: Answers, lang: str) -> Any:
    try:
        from cc_rfp.staffing.week import build_plan
    except ImportError:
        return None
    return build_plan(bank, answers, lang=lang)


def show_staffing(ui: Ui, bank: Bank, answers: Answers) -> None:
    """Print the KPI findings and the staffing they imply; never raise."""
    try:
        plan = _build(bank, answers, ui.lang)
        if plan is None:
            return
        lines = staffing_lines(ui, plan)
    except Exception as exc:  # staffing must never break the interview
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        ui.say(ui.t("staffing_failed", reason=reason), style="dim")
        return
    if not lines:
        return
    ui.say()
    ui.say(ui.t("staffing_title"), style="bold")
    for line in lines:
        ui.say(f"  {line}")


def staffing_lines(ui: Ui, plan: Any) -> list[str]:
    """The findings, the headline staffing figures and what is missing, as short lines."""
    lines = [str(f) for f in getattr(plan, "findings", None) or []]
    data = plan.to_dict() if hasattr(plan, "to_dict") else {}
    for line in data.get("summary_lines", []) if isinstance(data, dict) else []:
        lines.append(str(line))
    missing = list(getattr(plan, "missing", None) or [])
    if missing:
        lines.append(ui.t("staffing_missing", items=", ".join(str(m) for m in missing)))
    return lines
