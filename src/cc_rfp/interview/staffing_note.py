"""After the KPI targets: what they imply, so an inconsistent target is caught while the client
is still in the room (e.g. a service level the current staffing could never reach).

Staffing is advice, not part of the answers: any failure in it is reported in one line and
the interview goes on.
"""

from __future__ import annotations

from typing import Any

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank
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
        findings, summary, missing = staffing_parts(plan)
    except Exception as exc:  # staffing must never break the interview
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        ui.say(ui.t("staffing_failed", reason=reason), style="dim")
        return
    if not (findings or summary or missing):
        return
    ui.say()
    ui.say(ui.t("staffing_title"), style="bold")
    for line in findings:
        _bullet(ui, line, "yellow")
    for line in summary:
        _bullet(ui, line, None)
    if missing:
        ui.say(ui.t("staffing_missing"), style="dim")
        for item in missing:
            _bullet(ui, item, "dim")


def _bullet(ui: Ui, line: str, style: str | None) -> None:
    from rich.padding import Padding
    from rich.text import Text

    ui.console.print(Padding(Text(f"• {line}", style=style or ""), (0, 0, 0, 2), expand=False))


def staffing_parts(plan: Any) -> tuple[list[str], list[str], list[str]]:
    """Findings, headline staffing lines and missing figures, as plain strings.

    The findings are phrased by ``Plan.finding_texts`` (``staffing.result.phrase``), the one
    function the report and the annex phrase the same codes through.
    """
    findings = list(plan.finding_texts())
    summary = list(plan.summary_lines())
    missing = [str(m) for m in plan.missing]
    return findings, summary, missing
