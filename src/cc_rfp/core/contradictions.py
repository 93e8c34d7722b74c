"""Answers that are each valid but contradict each other.

``validate`` checks one answer at a time; a tender can still promise something no supplier
can deliver: an email reply within 24 hours counted round the clock while the inbox is closed
for 42, volume on a Sunday when every channel is closed, a curve at 0 % in hours that are open.
Bidders find these and price the risk or ask about them, so ``validate`` reports them as
warnings (exit 0 unless ``--strict``), each with the line and the ids involved, and the
internal memo lists them.

Five kinds, each a ``code``:

- ``response_clock``: a response-time target counted round the clock, shorter than the
  longest stretch the channel is closed;
- ``volume_closed_day`` / ``volume_closed_hour``: volume on a weekday, or in an hour of an
  ordinary weekday, when every channel is closed;
- ``curve_zero_open``: the intraday curve at 0 % in hours when a channel is open all weekday;
- ``mandatory_conflict``: a mandatory answer another answer contradicts (two different
  targets for one KPI and channel, a binding target on a channel not in scope, a penalty or
  bonus on a target that does not bind or does not exist);
- ``unreachable_target``: a target no number of agents meets (from the staffing model).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank
from cc_rfp.core.values import is_number, parse_hours

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
DAYS = (*WEEKDAYS, "sat", "sun")
DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Contradiction:
    """Two or more answers that cannot all hold; ``message`` is in the caller's language."""

    code: str
    ids: tuple[str, ...]
    line: int | None
    message: str
    figures: dict[str, Any] = field(default_factory=dict, compare=False)

    def format(self, name: str, lang: str = "en") -> str:
        """``file:line: warning: ids: message``, like a validate problem."""
        from cc_rfp.i18n import t

        where = f"{name}:{self.line}" if self.line else name
        return f"{where}: {t('msg.contradiction_warning', lang)}: {', '.join(self.ids)}: " + (
            self.message
        )


def find(
    bank: Bank, answers: Answers, lang: str = "en", state: Callable[[str], Any] | None = None
) -> list[Contradiction]:
    """Every contradiction between the answers, in file order where lines are known.

    ``state`` gives a question's ``AnswerState`` by id when the caller has them already (the
    document view works out each once); without it they are worked out here.
    """
    found: list[Contradiction] = []
    values = _usable(bank, answers, state)
    hours = _opening(values)
    found += _response_clock(bank, answers, values, hours, lang)
    found += _closed_volume(answers, values, hours, lang)
    found += _mandatory(bank, answers, values, lang)
    found += _unreachable(bank, answers, lang)
    found.sort(key=lambda c: (c.line is None, c.line or 0, c.code))
    return found


# ----- reading the answers ---------------------------------------------------------------
def _usable(
    bank: Bank, answers: Answers, state: Callable[[str], Any] | None = None
) -> dict[str, Any]:
    """Answers that apply and are valid (a broken answer is validate's, not ours)."""
    from cc_rfp.core.state import AnswerState, state_of

    known = answers.known() if state is None else {}

    def worked_out(qid: str) -> AnswerState:
        return state_of(bank, answers, bank.questions[qid], known)

    state_by_id = state or worked_out
    return {
        qid: value
        for qid, value in answers.values.items()
        if qid in bank.questions and state_by_id(qid) is AnswerState.ANSWERED
    }


def _opening(values: dict[str, Any]) -> dict[str, list[tuple[int, int] | None]]:
    """Opening spans per chosen channel and day (minutes), for channels with hours given."""
    raw = values.get("opening_hours")
    chosen = values.get("channels") or []
    if not isinstance(raw, dict):
        return {}
    out = {}
    for channel, week in raw.items():
        if (chosen and channel not in chosen) or not isinstance(week, dict):
            continue
        out[channel] = [parse_hours(str(week.get(day, "closed"))) for day in DAYS]
    return out


def longest_closed_hours(week: list[tuple[int, int] | None]) -> float:
    """The longest stretch in hours a channel is closed, around the week (168 if never open)."""
    open_minutes = [False] * (7 * DAY_MINUTES)
    for day, span in enumerate(week):
        if span is not None:
            for minute in range(span[0], span[1]):
                open_minutes[day * DAY_MINUTES + minute] = True
    if not any(open_minutes):
        return 7 * 24.0
    start = open_minutes.index(True)  # walk from an open minute so a wrap counts once
    longest = run = 0
    for step in range(1, len(open_minutes) + 1):
        if open_minutes[(start + step) % len(open_minutes)]:
            run = 0
        else:
            run += 1
            longest = max(longest, run)
    return longest / 60


def _open_in(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] < end and span[1] > start


def _covers(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] <= start and span[1] >= end


# ----- the checks ------------------------------------------------------------------------
def _response_clock(
    bank: Bank,
    answers: Answers,
    values: dict[str, Any],
    hours: dict[str, list[tuple[int, int] | None]],
    lang: str,
) -> list[Contradiction]:
    from cc_rfp.i18n import t
    from cc_rfp.i18n.numbers import format_number

    if values.get("email_response_clock") != "calendar":
        return []
    found = []
    for index, row in enumerate(values.get("kpi_targets") or []):
        kpi = bank.kpis.get(row.get("kpi"))
        if kpi is None or "hours" not in kpi.targets or not is_number(row.get("hours")):
            continue
        channel = row.get("channel") or "email"
        if channel not in hours:
            continue
        gap = longest_closed_hours(hours[channel])
        target = float(row["hours"])
        if target >= gap:
            continue
        message = t(
            "msg.contradiction_response_clock",
            lang,
            channel=channel,
            hours=format_number(target, lang),
            gap=format_number(gap, lang, 1),
        )
        found.append(
            Contradiction(
                "response_clock",
                (f"kpi_targets[{index}].hours", "email_response_clock", f"opening_hours.{channel}"),
                answers.line_of("kpi_targets", index, "hours"),
                message,
                {"channel": channel, "target_hours": target, "closed_hours": gap},
            )
        )
    return found


def _closed_volume(
    answers: Answers,
    values: dict[str, Any],
    hours: dict[str, list[tuple[int, int] | None]],
    lang: str,
) -> list[Contradiction]:
    from cc_rfp.i18n import t
    from cc_rfp.i18n.numbers import format_number

    if not hours:
        return []
    found = []
    weekday_share = values.get("weekday_share")
    if isinstance(weekday_share, dict):
        for index, day in enumerate(DAYS):
            share = weekday_share.get(day)
            if not is_number(share) or float(share) <= 0:
                continue
            if all(week[index] is None for week in hours.values()):
                found.append(
                    Contradiction(
                        "volume_closed_day",
                        (f"weekday_share.{day}", "opening_hours"),
                        answers.line_of("weekday_share", day),
                        t(
                            "msg.contradiction_volume_closed_day",
                            lang,
                            day=t(f"staffing.wd_{day}", lang),
                            share=format_number(float(share), lang),
                        ),
                    )
                )
    intraday = values.get("intraday_share")
    if not isinstance(intraday, dict):
        return found
    closed, zero = [], []
    for hour in range(24):
        key = f"h{hour:02d}"
        share = intraday.get(key)
        if not is_number(share):
            continue
        start, end = hour * 60, hour * 60 + 60
        spans = [week[d] for week in hours.values() for d in range(len(WEEKDAYS))]
        if float(share) > 0 and not any(_open_in(s, start, end) for s in spans):
            closed.append(hour)
        covered = any(
            all(_covers(week[d], start, end) for d in range(len(WEEKDAYS)))
            for week in hours.values()
        )
        if float(share) == 0 and covered:
            zero.append(hour)
    for code, group in (("volume_closed_hour", closed), ("curve_zero_open", zero)):
        for first, last in _runs(group):
            keys = [f"h{h:02d}" for h in range(first, last + 1)]
            found.append(
                Contradiction(
                    code,
                    (
                        f"intraday_share.{keys[0]}" + (f"–{keys[-1]}" if len(keys) > 1 else ""),
                        "opening_hours",
                    ),
                    answers.line_of("intraday_share", keys[0]),
                    t(
                        f"msg.contradiction_{code}",
                        lang,
                        start=f"{first:02d}:00",
                        end=f"{last + 1:02d}:00",
                    ),
                )
            )
    return found


def _runs(hours: list[int]) -> list[tuple[int, int]]:
    """Consecutive hours as (first, last) pairs: 7, 8, 9, 20 -> (7, 9), (20, 20)."""
    out: list[tuple[int, int]] = []
    for hour in hours:
        if out and out[-1][1] == hour - 1:
            out[-1] = (out[-1][0], hour)
        else:
            out.append((hour, hour))
    return out


def _mandatory(
    bank: Bank, answers: Answers, values: dict[str, Any], lang: str
) -> list[Contradiction]:
    from cc_rfp.i18n import t

    found = []
    rows = values.get("kpi_targets") or []
    chosen = values.get("channels")
    seen: dict[tuple[str, str | None], int] = {}
    for index, row in enumerate(rows):
        key = (row.get("kpi"), row.get("channel"))
        figures = {
            k: row.get(k) for k in ("percent", "seconds", "hours", "score", "index", "level")
        }
        if key in seen:
            first = seen[key]
            other = {k: rows[first].get(k) for k in figures}
            if other != figures:
                found.append(
                    Contradiction(
                        "mandatory_conflict",
                        (f"kpi_targets[{first}]", f"kpi_targets[{index}]"),
                        answers.line_of("kpi_targets", index),
                        t(
                            "msg.contradiction_two_targets",
                            lang,
                            kpi=row.get("kpi"),
                            channel=row.get("channel") or "–",
                        ),
                    )
                )
        else:
            seen[key] = index
        channel = row.get("channel")
        in_scope = not isinstance(chosen, list) or channel in chosen
        if row.get("level") == "mandatory" and channel and not in_scope:
            found.append(
                Contradiction(
                    "mandatory_conflict",
                    (f"kpi_targets[{index}].channel", "channels"),
                    answers.line_of("kpi_targets", index, "channel"),
                    t(
                        "msg.contradiction_channel_not_in_scope",
                        lang,
                        kpi=row.get("kpi"),
                        channel=channel,
                    ),
                )
            )

    def level_of(kpi: str, channel: str | None) -> str | None:
        for row in rows:
            if row.get("kpi") == kpi and (not channel or row.get("channel") in (channel, None)):
                return str(row.get("level"))
        return None

    for index, row in enumerate(values.get("penalty_schedule") or []):
        level = level_of(row.get("kpi"), row.get("channel"))
        if level != "mandatory":
            found.append(
                Contradiction(
                    "mandatory_conflict",
                    (f"penalty_schedule[{index}].kpi", "kpi_targets"),
                    answers.line_of("penalty_schedule", index, "kpi"),
                    t(
                        "msg.contradiction_penalty_not_binding"
                        if level
                        else "msg.contradiction_penalty_no_target",
                        lang,
                        kpi=row.get("kpi"),
                    ),
                )
            )
    bonus = values.get("bonus_kpi")
    if bonus and rows and level_of(bonus, None) is None and bonus in bank.kpis:
        found.append(
            Contradiction(
                "mandatory_conflict",
                ("bonus_kpi", "kpi_targets"),
                answers.line_of("bonus_kpi"),
                t("msg.contradiction_bonus_no_target", lang, kpi=bonus),
            )
        )
    return found


def _unreachable(bank: Bank, answers: Answers, lang: str) -> list[Contradiction]:
    """Targets the staffing model finds no number of agents can meet (``f_infeasible``)."""
    try:
        from cc_rfp.staffing.result import phrase
        from cc_rfp.staffing.week import build_plan

        plan = build_plan(bank, answers, lang=lang)
    except Exception:  # no plan (figures missing): nothing to say about reachability
        return []
    found = []
    rows = answers.values.get("kpi_targets")
    rows = rows if isinstance(rows, list) else []
    for finding in plan.findings:
        if finding.code != "f_infeasible":
            continue
        index = next(
            (
                i
                for i, row in enumerate(rows)
                if isinstance(row, dict)
                and row.get("kpi") == finding.kpi
                and row.get("channel") in (finding.channel, None)
            ),
            None,
        )
        ids = (f"kpi_targets[{index}]",) if index is not None else ("kpi_targets",)
        found.append(
            Contradiction(
                "unreachable_target",
                ids,
                answers.line_of("kpi_targets", index) if index is not None else None,
                phrase(finding, lang, plan.labels),
            )
        )
    return found
