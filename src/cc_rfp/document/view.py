"""What the templates see: answers turned into escaped, localised text and tables.

Templates stay readable prose because every formatting decision (number marks, choice labels,
tables, "not yet specified") lives here, once, for every question type. Everything returned is
Markdown that is already escaped, so an answer can never break the document around it.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from cc_rfp.core import bilingual, conditions, types
from cc_rfp.core.answers import Answers, as_unknown, is_unknown
from cc_rfp.core.bank import Bank, text
from cc_rfp.core.bank_model import TARGET_RANGES, Question
from cc_rfp.core.state import AnswerState, state_of
from cc_rfp.core.types.kpis import TODAY
from cc_rfp.core.values import choice_label, choice_labels, is_number, parse_hours
from cc_rfp.document import mdtext, unknowns
from cc_rfp.i18n.numbers import format_number

TARGET_KINDS = tuple(TARGET_RANGES)
"""The kinds a KPI target is written in, in the order a KPI's main unit is looked for."""

CHANNEL_QUESTION = "channels"
LIVE_CHANNELS = ("phone", "chat", "social", "sms")


class Doc:
    """The answers as the document needs them, in one language."""

    def __init__(
        self,
        bank: Bank,
        answers: Answers,
        lang: str,
        strings: dict[str, str],
        audience: str = "bidders",
    ) -> None:
        self.bank = bank
        # A text answer given in both languages is read as the text in ``lang`` (else the
        # other) by every method below: they all see plain strings (core/bilingual.py).
        local = bilingual.localize(bank, answers, lang)
        self.answers = local.answers
        self.lang = lang
        self.s = strings
        self.audience = audience
        """``bidders`` (the tender: internal answers hidden) or ``memo`` (everything)."""
        self._index = {qid: i for i, qid in enumerate(bank.order)}
        self.labels: dict[str, str] = {}
        """The document's short labels by question id (``label.<id>`` of the catalogue)."""
        self._known = answers.known()
        self._used: set[str] = set()
        self._status: dict[str, str] = {}
        self._states: dict[str, AnswerState] = {}
        self._applies: dict[str, bool] = {}
        self.written_in: dict[str, str | None] = local.written_in
        """Per free-text answer, the language its printed text is in (``bilingual.localize``);
        an answer not listed is in the answers file's language."""

    # ----- state of one question -------------------------------------------------------
    def _question(self, qid: str) -> Question:
        try:
            return self.bank.questions[qid]
        except KeyError:
            raise ValueError(f"no question '{qid}' in the question bank") from None

    def applies(self, qid: str) -> bool:
        """Whether the question's condition holds for these answers (worked out once)."""
        found = self._applies.get(qid)
        if found is None:
            found = self._applies[qid] = conditions.holds(self._question(qid).when, self._known)
        return found

    def status(self, qid: str) -> str:
        """answered, unknown, unanswered, or not_applicable (worked out once per question)."""
        self._used.add(qid)
        return self._state(qid)

    def _state(self, qid: str) -> str:
        """The status without counting the question as used by the template."""
        if qid not in self._status:
            self._status[qid] = self._status_of(qid)
        return self._status[qid]

    def answer_state(self, qid: str) -> AnswerState:
        """The question's ``AnswerState`` (state.py), worked out once per question."""
        found = self._states.get(qid)
        if found is None:
            question = self._question(qid)
            found = self._states[qid] = state_of(self.bank, self.answers, question, self._known)
        return found

    def _status_of(self, qid: str) -> str:
        """The template's word for the one answer state (state.py)."""
        answer_state = self.answer_state(qid)
        if answer_state in (AnswerState.NOT_ASKED, AnswerState.INVALID):
            return "unanswered"  # an invalid answer is not printed as if it were fine
        return answer_state.value  # answered, unknown, not_applicable

    def has(self, qid: str) -> bool:
        """True when the question applies and has a valid, known answer.

        An internal answer (a cost target) does not exist for the bidders' document.
        """
        if self.hidden(qid):
            self._used.add(qid)
            return False
        return self.status(qid) == "answered"

    def kind(self, qid: str) -> str:
        """Who closes a missing answer: propose, buyer or internal (``UnknownKind``)."""
        return self._question(qid).unknown

    def hidden(self, qid: str) -> bool:
        """Whether the answer is kept out of this document (internal, bidders' document)."""
        return self.audience == "bidders" and self.kind(qid) == "internal"

    @cached_property
    def missing_buyer_facts(self) -> list[dict[str, str]]:
        """Applicable buyer-only facts still unanswered or unknown: they block a final tender."""
        out = []
        for qid in self.bank.order:
            question = self.bank.questions[qid]
            if question.unknown != "buyer" or self._state(qid) not in {"unknown", "unanswered"}:
                continue
            value = self.answers.values.get(qid)
            out.append(
                {
                    "id": qid,
                    "question": mdtext.inline(text(question.text, self.lang)),
                    "label": self.short_label(qid),
                    "status": self._state(qid),
                    "note": mdtext.inline(value.note) if is_unknown(value) and value.note else "",
                }
            )
        return out

    def short_label(self, qid: str) -> str:
        """The document's label for a question (labels catalogue), else the bank's text."""
        label = self.labels.get(qid)
        return label if label else mdtext.inline(text(self._question(qid).text, self.lang))

    def val(self, qid: str) -> Any:
        """The raw answer, or None when there is no usable one."""
        return self.answers.values[qid] if self.has(qid) else None

    def picked(self, qid: str, value: str) -> bool:
        """Whether a choice or multiple-choice answer includes ``value``."""
        answer = self.val(qid)
        return value in answer if isinstance(answer, list) else answer == value

    # ----- text ------------------------------------------------------------------------
    def label(self, qid: str) -> str:
        self._used.add(qid)
        return mdtext.inline(text(self._question(qid).text, self.lang))

    def missing(self, qid: str) -> str:
        """Where an answer is missing or unknown: a marker that ``unknowns.resolve`` writes
        by the question's kind once the page is made (see ``cc_rfp.document.unknowns``)."""
        self._used.add(qid)
        return unknowns.missing_marker(self._index[qid])

    def _missing_value(self, qid: str) -> str:
        """A missing answer where a value was asked for (a sentence holding it is rewritten)."""
        self._used.add(qid)
        return unknowns.value_marker(self._index[qid])

    def missing_phrase(self, index: int, sentence: bool = False) -> str:
        """How a missing answer reads: by kind, with a bidder-facing note for ``propose``."""
        qid = self.bank.order[index]
        state = self._state(qid)
        kind = self.kind(qid)
        if state in {"not_applicable", "answered"} and not self.hidden(qid):
            phrase = self.s["not_specified"]  # an answer that applies nowhere: no invitation
        elif kind == "buyer":
            phrase = self.s["open_buyer"]
        else:
            phrase = self.s["open_propose"]
            value = self.answers.values.get(qid)
            if is_unknown(value) and value.note:  # written for bidders (buyer notes: memo)
                phrase += f" ({self.s['note']}: {mdtext.inline(value.note)})"
        if not sentence:
            return phrase
        label = self.short_label(qid)
        return f"{label}{'' if label.endswith('?') else ':'} {phrase}"

    def choice(self, qid: str, value: Any) -> str:
        """The label of one choice of a question (escaped)."""
        label = choice_label(self.bank.choices(self._question(qid)), value, self.lang)
        return mdtext.inline(value if label is None else label)

    def show(self, qid: str) -> str:
        """The answer as Markdown (text, list or table), or the not-specified sentence."""
        self._used.add(qid)
        if not self.has(qid):
            return self._missing_value(qid)
        question = self._question(qid)
        value = self.answers.values[qid]
        formatter = getattr(self, f"_fmt_{question.type}", None)
        if formatter is not None:
            return formatter(question, value)
        return self._scalar(question, value, mdtext.inline)

    def cell(self, qid: str) -> str:
        """A short answer for a table cell ("–" style sentence when missing)."""
        self._used.add(qid)
        if not self.has(qid):
            return self._missing_value(qid)
        question = self._question(qid)
        return self._scalar(question, self.answers.values[qid], mdtext.cell)

    def num(self, value: Any, decimals: int | None = None) -> str:
        if not is_number(value):
            return mdtext.inline(value)
        return format_number(float(value), self.lang, decimals)

    def pct(self, value: Any, decimals: int | None = None) -> str:
        return self.num(value, decimals) + self.s["percent_suffix"]

    # ----- formatting by type ----------------------------------------------------------
    def _unit(self, spec: Any) -> str:
        return text(spec.unit, self.lang) if getattr(spec, "unit", None) else ""

    def _scalar(self, spec: Any, value: Any, esc: Any) -> str:
        kind = spec.type
        if kind in {"integer", "decimal"}:
            unit = self._unit(spec)
            return self.num(value) + (f" {esc(unit)}" if unit else "")
        if kind == "percent":
            return self.pct(value)
        if kind == "yesno":
            return self.s["yes_label"] if value else self.s["no_label"]
        if kind == "date":
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        if kind == "choice":
            label = choice_label(self.bank.choices(spec), value, self.lang)
            if label is not None:
                return esc(label)
        if kind == "multichoice" and isinstance(value, list):
            labels = choice_labels(self.bank.choices(spec), self.lang)
            return ", ".join(esc(labels.get(v, v)) for v in value)
        if kind == "longtext" and esc is mdtext.inline:
            return mdtext.block(value)
        return esc(value)

    def _fmt_ranking(self, question: Question, value: list[str]) -> str:
        labels = choice_labels(self.bank.choices(question), self.lang)
        return "\n".join(f"{i}. {mdtext.inline(labels[v])}" for i, v in enumerate(value, 1))

    def _fmt_records(self, question: Question, rows: list[dict[str, Any]]) -> str:
        fields = question.fields or []
        header = []
        for spec in fields:
            unit = self._unit(spec)
            name = text(spec.label, self.lang) + (f" ({unit})" if unit else "")
            header.append(mdtext.cell(name))
        align = ["r" if f.type in {"integer", "decimal", "percent"} else "l" for f in fields]
        body = []
        for row in rows:
            cells = []
            for spec in fields:
                cell_value = row.get(spec.id)
                if cell_value is None:
                    cells.append("–")
                elif spec.type in {"integer", "decimal"}:
                    cells.append(self.num(cell_value))
                else:
                    cells.append(self._scalar(spec, cell_value, mdtext.cell))
            body.append(cells)
        if question.sum_field and question.sum is not None:
            index = [f.id for f in fields].index(question.sum_field)
            total = sum(float(r.get(question.sum_field) or 0) for r in rows)
            footer = [""] * len(fields)
            footer[0] = f"**{self.s['total']}**"
            footer[index] = self.pct(total)
            body.append(footer)
        return mdtext.table(header, body, align)

    def _fmt_table(self, question: Question, value: dict[Any, Any]) -> str:
        keys = self.bank.keys(question)
        numbers = {str(k): float(v) for k, v in value.items()}
        total = sum(numbers.values())
        key_header = self.s["month"] if question.keys == "months" else self.s["key"]
        if question.sum is not None:  # a share curve (bar charts stay in the terminal)
            rows = [
                [mdtext.cell(text(k.label, self.lang)), self.pct(numbers[k.value], 1)] for k in keys
            ]
            return mdtext.table([key_header, self.s["share"]], rows, ["l", "r"])
        unit = self._unit(question) or self.s["value"]
        rows = [
            [
                mdtext.cell(text(k.label, self.lang)),
                self.num(numbers[k.value]),
                self.pct(100 * numbers[k.value] / total, 1) if total else "–",
            ]
            for k in keys
        ]
        rows.append([f"**{self.s['total']}**", f"**{self.num(total)}**", self.pct(100.0)])
        if question.keys == "months":
            peak_key = max(keys, key=lambda k: numbers[k.value])
            rows.append([self.s["average"], self.num(total / 12, 0), ""])
            peak_label = mdtext.cell(text(peak_key.label, self.lang))
            rows.append([f"{self.s['peak']}: {peak_label}", self.num(numbers[peak_key.value]), ""])
        return mdtext.table([key_header, mdtext.cell(unit), self.s["share"]], rows, ["l", "r", "r"])

    def _fmt_hours(self, question: Question, value: dict[str, dict[str, str]]) -> str:
        days = self.bank.keysets["weekdays"].keys
        header = [self.s["channel"]] + [mdtext.cell(text(d.label, self.lang)) for d in days]
        rows = []
        for channel in self.bank.channels(question, self._known):
            week = value.get(channel.value)
            if not isinstance(week, dict):
                continue
            cells = [mdtext.cell(text(channel.label, self.lang))]
            for day in days:
                span = parse_hours(str(week.get(day.value, "closed")))
                if span is None:
                    cells.append(self.s["closed"])
                else:
                    cells.append(f"{_hhmm(span[0])}–{_hhmm(span[1])}")
            rows.append(cells)
        return mdtext.table(header, rows)

    def _fmt_kpis(self, question: Question, rows: list[dict[str, Any]]) -> str:
        header = [
            self.s[k] for k in ("kpi", "channel", "target", "definition", "interval", "reporting")
        ] + [self.s["requirement"], self.s["method"]]
        body = []
        for row in self.kpi_rows(question.id):
            body.append(
                [
                    row["name"],
                    row["channel"],
                    row["target"],
                    row["definition"],
                    row["interval"],
                    row["reporting"],
                    row["level"],
                    row["method"],
                ]
            )
        return mdtext.table(header, body)

    def kpi_rows(self, qid: str = "kpi_targets") -> list[dict[str, str]]:
        """One dict of escaped cells per KPI target: name, target, definition and the rest."""
        if not self.has(qid):
            return []
        question = self._question(qid)
        keysets = self.bank.keysets
        channels = choice_labels(self.bank.channels(question), self.lang)

        def keyset_label(keyset: str, value: Any) -> str:
            options = keysets[keyset].keys if keyset in keysets else []
            label = choice_label(options, value, self.lang)
            if label is not None:
                return mdtext.cell(label)
            return "–" if value is None else mdtext.cell(value)

        out = []
        for row in self.answers.values[qid]:
            kpi = self.bank.kpis[row["kpi"]]
            channel = row.get("channel")
            out.append(
                {
                    "id": kpi.id,
                    "name": mdtext.cell(text(kpi.name, self.lang)),
                    "channel": mdtext.cell(channels.get(channel, channel))
                    if channel
                    else self.s["all_channels"],
                    "target": self._target(kpi, row),
                    "definition": mdtext.cell(text(kpi.definition, self.lang)),
                    "interval": keyset_label("measurement_intervals", row.get("interval")),
                    "reporting": keyset_label("report_frequencies", row.get("reporting")),
                    "level": keyset_label("requirement_levels", row.get("level")),
                    "level_value": str(row.get("level")),
                    "method": mdtext.cell(row["method"]) if row.get("method") else "–",
                    **self._today(kpi, row.get(TODAY)),
                }
            )
        return out

    def _today(self, kpi: Any, value: Any) -> dict[str, Any]:
        """Today's result of a KPI row in the KPI's main unit (``today``), or that the buyer
        does not know it yet (``today_unknown``); both empty when the row gives none."""
        if value is None:
            return {"today": "", "today_unknown": False}
        if as_unknown(value) is not None or not is_number(value):
            return {"today": "", "today_unknown": True}
        return {"today": self._in_unit(kpi.targets[0], float(value)), "today_unknown": False}

    def quoted_language(self) -> str | None:
        """The language of the quoted free text when it is not the document's, else None.

        Free-text answers are printed as the client wrote them: a plain text in the language
        the answers file was kept in (its header's ``language``), a text given in both
        languages in the document's own, one given in the other language only in that one
        (``written_in``). A document quoting text in the other language says so once, near the
        start, instead of beside every quote; a file without the header, or one without any
        such free text that reaches the bidders, needs no note.
        """
        for qid, question in self.bank.questions.items():
            if question.type not in ("text", "longtext") or self.hidden(qid):
                continue
            written = self.written_in.get(qid, self.answers.language)
            if written is None or written == self.lang:
                continue
            value = self.answers.values.get(qid)
            if isinstance(value, str) and value.strip() and self.applies(qid):
                return written
        return None

    def kpi_ids(self) -> list[str]:
        """The KPIs the KPI table sets targets for, in order, once each (so the counting
        rules define only what the table uses)."""
        if not self.has("kpi_targets"):
            return []
        rows = self.answers.values["kpi_targets"]
        return list(dict.fromkeys(r["kpi"] for r in rows if isinstance(r, dict)))

    def _target(self, kpi: Any, row: dict[str, Any]) -> str:
        sign = "≥" if kpi.direction == "at_least" else "≤"
        parts = []
        if "percent" in kpi.targets:
            parts.append(f"{sign} {self.pct(row['percent'])}")
        if "score" in kpi.targets:
            score = float(row["score"])
            shown = ("+" if score > 0 else "") + self.num(score)
            parts.append(f"{sign} {shown}")
        if "index" in kpi.targets:
            parts.append(f"{sign} {self._in_unit('index', float(row['index']))}")
        if "seconds" in kpi.targets:
            seconds = self.num(row["seconds"]) + self.s["seconds_suffix"]
            parts.append(f"{self.s['within']} {seconds}" if parts else f"{sign} {seconds}")
        if "hours" in kpi.targets:
            hours = self.num(row["hours"]) + self.s["hours_suffix"]
            parts.append(f"{self.s['within']} {hours}" if parts else f"{sign} {hours}")
        return " ".join(parts)

    # ----- contract schedules: service levels, penalties, volume floor, index ------------
    # The figures come from cc_rfp.pricing.contract_figures; these methods only feed it the
    # answers and format what it returns, so templates never do arithmetic (issue 10).
    def _kpi_unit(self, kpi_id: str) -> str:
        """What a KPI's result moves in: percent (points), score, seconds or hours."""
        kpi = self.bank.kpis.get(kpi_id)
        if kpi is None:  # not in a custom bank's catalogue: a bare figure on its own scale
            return "index"
        return next(k for k in TARGET_KINDS if k in kpi.targets)

    def _kpi_direction(self, kpi_id: str) -> str:
        kpi = self.bank.kpis.get(kpi_id)
        return kpi.direction if kpi is not None else "at_least"

    def _in_unit(self, unit: str, value: float) -> str:
        """A KPI value in its unit: 80 %, +30, 20 s, 24 h."""
        if unit == "percent":
            return self.pct(value)
        if unit == "seconds":
            return self.num(value) + self.s["seconds_suffix"]
        if unit == "hours":
            return self.num(value) + self.s["hours_suffix"]
        if unit == "index":  # an index or mean on the KPI's own scale: no "%", no sign
            decimals = next((d for d in (0, 1) if round(value, d) == value), 2)
            return self.num(value, decimals)  # 4.2 stays "4.2", as typed
        return ("+" if value > 0 else "") + self.num(value)

    def _row_choice(self, qid: str, field: str, value: Any) -> str:
        question = self._question(qid)
        spec = next(f for f in question.fields or [] if f.id == field)
        label = choice_label(self.bank.choices(spec), value, self.lang)
        return mdtext.cell(value if label is None else label)

    def _known_answer(self, *qids: str) -> bool:
        """Whether every question is in the bank (a custom bank may lack them) and answered."""
        return all(q in self.bank.questions and self.has(q) for q in qids)

    def _records(self, qid: str) -> list[dict[str, Any]]:
        value = self.val(qid) if qid in self.bank.questions else None
        return value if isinstance(value, list) else []

    def _target_of(self, kpi_id: str, channel: Any) -> float | None:
        """The KPI table's target for a KPI (and channel): its main figure, or None."""
        unit = self._kpi_unit(kpi_id)
        for row in self._records("kpi_targets"):
            if row.get("kpi") == kpi_id and (channel is None or row.get("channel") == channel):
                figure = row.get(unit)
                return float(figure) if is_number(figure) else None
        return None

    def sla_rows(self) -> list[dict[str, Any]]:
        """The KPI table as contract service levels: each target's figures in their units,
        whether it binds, and the periods with another target (``sla_exceptions``)."""
        rows = self.kpi_rows()
        raw_rows = self._records("kpi_targets")
        exceptions = self._records("sla_exceptions")
        if exceptions:
            self._used.add("sla_exceptions")
        out = []
        for row, raw in zip(rows, raw_rows, strict=False):
            unit = self._kpi_unit(row["id"])
            figures = {
                kind: self._in_unit(kind, float(raw[kind])) if is_number(raw.get(kind)) else ""
                for kind in TARGET_KINDS
            }
            found = [
                f"{mdtext.cell(e['period'])}: {self._in_unit(unit, float(e['target']))}"
                for e in exceptions
                if e.get("kpi") == row["id"]
                and (not e.get("channel") or e.get("channel") == raw.get("channel"))
                and is_number(e.get("target"))
            ]
            out.append(
                {
                    **row,
                    **figures,
                    "binding": row["level_value"] == "mandatory",
                    "exceptions": "; ".join(found) if found else "–",
                }
            )
        return out

    def penalty_schedule(self) -> dict[str, Any]:
        """The penalty rows with their thresholds and a worked month, or ``rows`` empty.

        Each row's example result misses its threshold by EXAMPLE_MISS_UNITS; the total shows
        the monthly cap (``bonus_malus_cap_percent``) at work when the sum exceeds it.
        """
        from cc_rfp.pricing import contract_figures as cf

        rules, rows = [], []
        for raw in self._records("penalty_schedule"):
            kpi_id, channel = raw.get("kpi"), raw.get("channel")
            unit = self._kpi_unit(kpi_id)
            direction = self._kpi_direction(kpi_id)
            threshold = raw.get("threshold")
            threshold = (
                float(threshold) if is_number(threshold) else self._target_of(kpi_id, channel)
            )
            row: dict[str, Any] = {
                "kpi": self._row_choice("penalty_schedule", "kpi", kpi_id),
                "channel": self._row_choice("penalty_schedule", "channel", channel)
                if channel
                else self.s["all_channels"],
                "unit": unit,
                "direction": direction,
                "per_unit": self.pct(float(raw["per_unit_percent"])),
                "cap": self.pct(float(raw["cap_percent"]))
                if is_number(raw.get("cap_percent"))
                else "–",
                "threshold": self._in_unit(unit, threshold) if threshold is not None else None,
            }
            if threshold is not None:
                rule = cf.PenaltyRule(
                    kpi_id,
                    direction,
                    threshold,
                    float(raw["per_unit_percent"]),
                    float(raw["cap_percent"]) if is_number(raw.get("cap_percent")) else None,
                )
                result = cf.example_result(
                    direction, threshold, percent_scale=unit in ("percent", "index")
                )
                rules.append((rule, result))
                row |= {
                    "example_result": self._in_unit(unit, result),
                    "example_units": self.num(cf.shortfall(direction, threshold, result)),
                    "example_penalty": self.pct(cf.penalty_percent(rule, result)),
                }
            rows.append(row)
        cap = (
            self.val("bonus_malus_cap_percent")
            if self._known_answer("bonus_malus_cap_percent")
            else None
        )
        month = cf.month_penalty([r for r, _ in rules], [x for _, x in rules], cap)
        return {
            "rows": rows,
            "complete": bool(rows) and len(rules) == len(rows),
            "example_total": self.pct(month.total_percent),
            "example_invoiced": self.pct(month.capped_percent),
            "capped": month.capped,
            "cap": self.pct(float(cap)) if is_number(cap) else None,
        }

    def bonus_figures(self) -> dict[str, Any] | None:
        """The bonus KPI, threshold and rate with a worked month, or None when incomplete."""
        from cc_rfp.pricing import contract_figures as cf

        if not self._known_answer("bonus_kpi", "bonus_threshold", "bonus_per_unit_percent"):
            return None
        kpi_id = self.val("bonus_kpi")
        unit, direction = self._kpi_unit(kpi_id), self._kpi_direction(kpi_id)
        threshold, rate = (
            float(self.val("bonus_threshold")),
            float(self.val("bonus_per_unit_percent")),
        )
        cap = (
            self.val("bonus_malus_cap_percent")
            if self._known_answer("bonus_malus_cap_percent")
            else None
        )
        step = cf.EXAMPLE_MISS_UNITS if direction == "at_least" else -cf.EXAMPLE_MISS_UNITS
        result = threshold + step
        if unit in ("percent", "index"):  # both scales end at 0 and 100
            result = min(100.0, max(0.0, result))
        bonus = cf.bonus_percent(
            direction, threshold, rate, result, float(cap) if is_number(cap) else None
        )
        return {
            "kpi": self.choice("bonus_kpi", kpi_id),
            "unit": unit,
            "threshold": self._in_unit(unit, threshold),
            "per_unit": self.pct(rate),
            "example_result": self._in_unit(unit, result),
            "example_units": self.num(abs(result - threshold)),
            "example_bonus": self.pct(bonus),
        }

    def index_figures(self) -> dict[str, Any] | None:
        """The index clause's worked example with the buyer's indexed share, or None."""
        from cc_rfp.pricing import contract_figures as cf

        if not self._known_answer("price_adjustment_index", "indexed_share_percent"):
            return None
        if self.val("price_adjustment_index") == "none":
            return None
        example = cf.index_example(float(self.val("indexed_share_percent")))
        return {
            "base_price": self.num(example.base_price, 2),
            "share": self.pct(example.indexed_share_percent),
            "share_fraction": self.num(example.indexed_share_percent / 100, 2),
            "base_index": self.num(example.base_index, 1),
            "new_index": self.num(example.new_index, 1),
            "change": self.pct(example.change_percent, 2),
            "adjusted_price": self.num(example.adjusted_price, 2),
        }

    def floor_examples(self) -> list[dict[str, str]]:
        """The volume-floor example per channel (or in total) for one floor period, from the
        scenario's volumes as a stand-in forecast; empty when no floor or no volumes."""
        from cc_rfp.pricing import contract_figures as cf

        if not self._known_answer("volume_floor_percent"):
            return []
        floor = float(self.val("volume_floor_percent"))
        charge = (
            self.val("volume_floor_charge_percent")
            if self._known_answer("volume_floor_charge_percent")
            else 100
        )
        per_year = {"month": 12, "quarter": 4, "year": 1}.get(
            (self._known_answer("volume_floor_period") and self.val("volume_floor_period"))
            or "month",
            12,
        )
        volumes = [(c["label"], self.yearly_volume(c["value"])) for c in self.channels]
        volumes = [(label, v) for label, v in volumes if v]
        if (
            volumes
            and self._known_answer("volume_floor_scope")
            and self.val("volume_floor_scope") == "total"
        ):
            volumes = [(self.s["all_channels"], sum(v for _, v in volumes))]
        out = []
        for label, yearly in volumes:
            ex = cf.floor_example(yearly / per_year, floor, float(charge))
            out.append(
                {
                    "channel": label,
                    "forecast": self.num(ex.forecast, 0),
                    "floor": self.num(ex.floor, 0),
                    "actual": self.num(ex.actual, 0),
                    "short": self.num(ex.short, 0),
                    "charged": self.num(ex.charged_units, 1),
                }
            )
        return out

    # ----- whole-document views --------------------------------------------------------
    @cached_property
    def open_items(self) -> list[dict[str, str]]:
        """Every applicable question that is unknown or unanswered and that bidders may
        propose a solution for, in bank order (buyer-only facts and internal figures are
        listed in the memo, never offered to bidders)."""
        items = []
        for qid in self.bank.order:
            state = self._state(qid)
            if state not in {"unknown", "unanswered"} or self.kind(qid) != "propose":
                continue
            value = self.answers.values.get(qid)
            note = value.note if is_unknown(value) else ""
            items.append(
                {
                    "id": qid,
                    "section": mdtext.cell(text(self.bank.section_of[qid].title, self.lang)),
                    "question": mdtext.cell(text(self.bank.questions[qid].text, self.lang)),
                    "status": self.s[
                        "status_unknown" if state == "unknown" else "status_unanswered"
                    ],
                    "note": mdtext.cell(note) if note else "",
                }
            )
        return items

    @cached_property
    def channels(self) -> list[dict[str, str]]:
        """The chosen channels (value and label), in bank order."""
        if CHANNEL_QUESTION not in self.bank.questions:
            return []
        question = self.bank.questions[CHANNEL_QUESTION]
        chosen = self.val(CHANNEL_QUESTION) or []
        return [
            {"value": c.value, "label": mdtext.inline(text(c.label, self.lang))}
            for c in self.bank.choices(question)
            if c.value in chosen
        ]

    @cached_property
    def scenario(self) -> list[dict[str, Any]]:
        """The evaluation scenario per channel: yearly and peak volume, AHT, weekly hours."""
        rows = []
        for channel in self.channels:
            key = channel["value"]
            volume = self.val(f"volume_{key}") if f"volume_{key}" in self.bank.questions else None
            aht = self.aht(key)
            hours = self.weekly_open_hours(key)
            yearly = sum(float(v) for v in volume.values()) if volume else None
            peak = max(float(v) for v in volume.values()) if volume else None
            workload = yearly * aht / 3600 if yearly is not None and aht else None
            rows.append(
                {
                    "channel": channel["label"],
                    "value": key,
                    "yearly": self.num(yearly, 0) if yearly is not None else "–",
                    "monthly": self.num(yearly / 12, 0) if yearly is not None else "–",
                    "peak": self.num(peak, 0) if peak is not None else "–",
                    "aht": self.num(aht, 0) + self.s["seconds_suffix"] if aht else "–",
                    "weekly_hours": self.num(hours, 1) + self.s["hours_suffix"]
                    if hours is not None
                    else "–",
                    "workload_hours": self.num(workload, 0) + self.s["hours_suffix"]
                    if workload is not None
                    else "–",
                    "complete": None not in (yearly, aht),
                }
            )
        return rows

    def monthly_volume_table(self) -> str:
        """One table of contacts per month with a column per channel and a total column.

        The tender showed one twelve-row table per channel; a bid manager reads them side by
        side anyway. Channels without monthly volumes are left out (``volumes_missing``).
        """
        columns = []
        for channel in self.channels:
            qid = f"volume_{channel['value']}"
            if qid in self.bank.questions and self.has(qid):
                self._used.add(qid)
                values = {str(k): float(v) for k, v in self.answers.values[qid].items()}
                columns.append((channel["label"], values))
        if not columns:
            return ""
        months = self.bank.keysets["months"].keys
        header = [self.s["month"]] + [mdtext.cell(label) for label, _ in columns]
        header.append(self.s["total"])
        rows = []
        for month in months:
            figures = [values.get(month.value, 0.0) for _, values in columns]
            label = mdtext.cell(text(month.label, self.lang))
            rows.append([label, *(self.num(v) for v in figures), self.num(sum(figures))])
        totals = [sum(values.values()) for _, values in columns]
        last = [f"**{self.num(t)}**" for t in [*totals, sum(totals)]]
        rows.append([f"**{self.s['total']}**", *last])
        return mdtext.table(header, rows, ["l"] + ["r"] * (len(columns) + 1))

    def volumes_missing(self) -> list[dict[str, str]]:
        """The chosen channels whose monthly volumes are not given (id and channel label)."""
        out = []
        for channel in self.channels:
            qid = f"volume_{channel['value']}"
            if qid in self.bank.questions and not self.has(qid):
                out.append({"id": qid, "label": channel["label"]})
        return out

    def yearly_volume(self, channel: str) -> float | None:
        """Contacts per year for a channel (the sum of its monthly volumes), or None.

        The price form needs the raw figure to state scenario quantities such as billable
        minutes (contacts x handling time); ``scenario`` only holds formatted text.
        """
        qid = f"volume_{channel}"
        volume = self.val(qid) if qid in self.bank.questions else None
        return sum(float(v) for v in volume.values()) if volume else None

    def aht(self, channel: str) -> float | None:
        """Handling time in seconds for a channel, worked out as the staffing annex does."""
        from cc_rfp.staffing.inputs import channel_aht

        ids = [f"aht_{channel}", "case_types"]
        found = channel_aht({q: self.val(q) for q in ids if q in self.bank.questions}, channel)
        return found[0] if found else None

    def weekly_open_hours(self, channel: str) -> float | None:
        """Open hours per week for a channel, from the opening-hours answer."""
        hours = self.val("opening_hours") if "opening_hours" in self.bank.questions else None
        if not hours or channel not in hours:
            return None
        total = 0
        for span in hours[channel].values():
            parsed = parse_hours(str(span))
            if parsed:
                total += parsed[1] - parsed[0]
        return total / 60

    def remaining(self, section_id: str) -> list[dict[str, Any]]:
        """Applicable questions of a section that the template has not used yet.

        Templates call this last, so a question added to the bank still reaches the document
        before anyone writes prose for it.
        """
        out = []
        for question in self.bank.section(section_id).questions:
            if question.id in self._used or self.hidden(question.id):
                continue
            if not self.applies(question.id):
                continue
            body = self.show(question.id)
            block = "\n" in body or types.get(question.type).block
            out.append(
                {"id": question.id, "label": self.label(question.id), "body": body, "block": block}
            )
        return out

    def section_title(self, section_id: str) -> str:
        return mdtext.inline(text(self.bank.section(section_id).title, self.lang))

    # ----- pricing and evaluation (issue 10; figures from cc_rfp.pricing) -------------------
    @cached_property
    def _staffing_estimates(self) -> dict[str, Any]:
        """The client's own staffing estimate per channel, for hour/FTE rows' example figures."""
        from cc_rfp.pricing.example import staffing_estimates

        return staffing_estimates(self.bank, self.answers)

    @cached_property
    def _price_rows(self) -> list[Any]:
        from cc_rfp.pricing.model import price_rows

        return price_rows(self.bank, self.answers, self.lang, self._staffing_estimates)

    @cached_property
    def worked_example(self) -> Any:
        """The client's price form priced by three fictitious bids (``pricing.example``); the
        memo reads the same object, so the tender and the memo show the same figures."""
        from cc_rfp.pricing.example import worked_example

        return worked_example(self.bank, self.answers, self.lang, self._staffing_estimates)

    @cached_property
    def pricing_period(self) -> dict[str, Any]:
        """The evaluation period: months, basis, and whether one-off prices forced it."""
        from cc_rfp.pricing.model import Values, evaluation_period

        period = evaluation_period(Values(self.bank, self.answers))
        return {
            "months": self.num(period.months, 0),
            "months_raw": period.months,
            "basis": period.basis,
            "forced": period.forced,
            "assumed": period.assumed,
        }

    @cached_property
    def price_form(self) -> list[dict[str, Any]]:
        """The price form's rows as escaped cells (text, channel, unit, quantity, weight)."""
        channels = {c["value"]: c["label"] for c in self.channels}
        out = []
        for row in self._price_rows:
            bidder = row.source == "bidder"
            out.append(
                {
                    "id": row.id,
                    "kind": row.kind,
                    "model": row.id.split(".", 1)[1] if row.channel else row.id,
                    "text": mdtext.cell(row.text),
                    "channel": channels.get(row.channel, self.s["all_channels"])
                    if row.channel
                    else self.s["all_channels"],
                    "unit": mdtext.cell(row.unit),
                    "quantity": self.num(row.quantity, 0) if row.quantity else "–",
                    "bidder": bidder,
                    "weight": self.pct(100 * row.weight, 0),
                    "evaluated": row.evaluated,
                }
            )
        return out

    @cached_property
    def channel_models(self) -> list[str]:
        """The distinct channel models in the price form (per_contact, per_hour, …)."""
        seen: list[str] = []
        for row in self._price_rows:
            model = row.id.split(".", 1)[1] if row.channel else None
            if model and model not in seen:
                seen.append(model)
        return seen

    @cached_property
    def award(self) -> dict[str, Any]:
        """The award model with the client's criteria, and a worked example of fictitious bids.

        The example prices the client's own price form (``pricing.example``): bid A at stated
        market prices, B and C at the guide's ratios of A's prices; ``rows`` show unit price ×
        quantity for each bid, ``example`` the comparison figures with and without C, and
        ``flips`` whether the cheap bid changes the winner between the others.
        """
        from cc_rfp.pricing import example as px

        rows = self.val("quality_criteria") or []
        found = self.worked_example
        criteria = found.award.criteria
        model = found.award.model
        out: dict[str, Any] = {
            "model": model,
            "criteria": [
                {
                    "name": mdtext.cell(str(r.get("criterion"))),
                    "value_sek": self.num(float(r.get("value_sek") or 0), 0),
                    "surcharge": self.pct(float(r.get("surcharge_percent") or 0)),
                    "weight": self.pct(float(r.get("weight") or 0)),
                    "desirables": mdtext.cell(r.get("desirables") or "–"),
                    "score_5": mdtext.cell(r["score_5"]) if r.get("score_5") else "",
                    "score_3": mdtext.cell(r["score_3"]) if r.get("score_3") else "",
                    "score_1": mdtext.cell(r["score_1"]) if r.get("score_1") else "",
                }
                for r in rows
            ],
            "value_total": self.num(sum(c.value_sek for c in criteria), 0),
            "price_weight": self.pct(found.award.price_weight),
            "example": [],
            "flips": False,
        }
        if found.reversal is None:
            return out
        channels = {c["value"]: c["label"] for c in self.channels}
        out["rows"] = [
            {
                "text": mdtext.cell(r.row.text),
                "channel": channels.get(r.row.channel, self.s["all_channels"])
                if r.row.channel
                else self.s["all_channels"],
                "unit": mdtext.cell(r.row.unit),
                "quantity": self.num(r.quantity),
                "weight": self.pct(100 * r.row.weight, 0),
                "prices": [self.num(p, 0 if p >= 1_000 else 2) for p in r.prices],
            }
            for r in found.rows
        ]
        out["left_out"] = ", ".join(mdtext.inline(r.text) for r in found.left_out)
        out["estimated_hours"] = any(
            r.row.channel and r.kind in ("per_hour", "per_fte") for r in found.rows
        )
        out["totals"] = [self.num(p, 0) for p in found.prices]
        out["ratio_b"], out["ratio_c"] = (self.pct(100 * r, 0) for r in px.RATIOS[1:])
        out["scores"] = [self.num(s, 1) for s in px.SCORES]
        without = {o.name: o for o in found.reversal.without}
        decimals = 2 if model == "relative_points" else 0
        for bid, score, outcome in zip(
            found.bids, px.SCORES, found.reversal.with_cheap, strict=True
        ):
            alone = without.get(bid.name)
            out["example"].append(
                {
                    "name": bid.name,
                    "price": self.num(bid.price, 0),
                    "score": self.num(score, 1),
                    "figure": self.num(outcome.figure, decimals),
                    "rank": outcome.rank,
                    "figure_without": self.num(alone.figure, decimals) if alone else "–",
                    "rank_without": alone.rank if alone else "–",
                }
            )
        out["winner_without"] = found.reversal.winner_without or "–"
        out["winner_with"] = found.reversal.winner_with or "–"
        out["flips"] = found.reversal.flips
        return out


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def plain(value: Any) -> Any:
    """``value`` as plain data (str, int, float, bool, None, list, tuple, dict), copied.

    Templates may come from someone else, so nothing with behaviour reaches them: a date
    becomes its ISO text (what printing it showed anyway), any other object its text, and
    lists and dicts are copies, so a template cannot change the answers it is shown.
    """
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, (list, set, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


class DocView:
    """What a template can do with the answers: these methods, returning plain data, only.

    The sandbox allows exactly the names in ``exposed`` on this class (see ``sandbox.py``);
    the Doc, the bank and the answers behind it are not reachable from a template.
    """

    exposed = frozenset(
        {
            "show",
            "kind",
            "hidden",
            "missing_buyer_facts",
            "applies",
            "picked",
            "has",
            "status",
            "cell",
            "val",
            "label",
            "missing",
            "choice",
            "num",
            "pct",
            "yearly_volume",
            "monthly_volume_table",
            "volumes_missing",
            "aht",
            "weekly_open_hours",
            "kpi_rows",
            "kpi_ids",
            "quoted_language",
            "remaining",
            "section_title",
            "scenario",
            "channels",
            "open_items",
            "lang",
            "sla_rows",
            "penalty_schedule",
            "bonus_figures",
            "index_figures",
            "floor_examples",
            "price_form",
            "pricing_period",
            "channel_models",
            "award",
        }
    )

    __slots__ = ("__doc",)

    def __init__(self, doc: Doc) -> None:
        self.__doc = doc

    @property
    def lang(self) -> str:
        return self.__doc.lang

    def show(self, qid: str) -> str:
        return plain(self.__doc.show(qid))

    def kind(self, qid: str) -> str:
        return plain(self.__doc.kind(qid))

    def hidden(self, qid: str) -> bool:
        return bool(self.__doc.hidden(qid))

    @property
    def missing_buyer_facts(self) -> list[dict[str, str]]:
        return plain(self.__doc.missing_buyer_facts)

    def applies(self, qid: str) -> bool:
        return bool(self.__doc.applies(qid))

    def picked(self, qid: str, value: Any) -> bool:
        return bool(self.__doc.picked(qid, value))

    def has(self, qid: str) -> bool:
        return bool(self.__doc.has(qid))

    def status(self, qid: str) -> str:
        return plain(self.__doc.status(qid))

    def cell(self, qid: str) -> str:
        return plain(self.__doc.cell(qid))

    def val(self, qid: str) -> Any:
        return plain(self.__doc.val(qid))

    def label(self, qid: str) -> str:
        return plain(self.__doc.label(qid))

    def missing(self, qid: str) -> str:
        return plain(self.__doc.missing(qid))

    def choice(self, qid: str, value: Any) -> str:
        return plain(self.__doc.choice(qid, value))

    def num(self, value: Any, decimals: int | None = None) -> str:
        return plain(self.__doc.num(value, decimals))

    def pct(self, value: Any, decimals: int | None = None) -> str:
        return plain(self.__doc.pct(value, decimals))

    def yearly_volume(self, channel: str) -> float | None:
        return plain(self.__doc.yearly_volume(channel))

    def aht(self, channel: str) -> float | None:
        return plain(self.__doc.aht(channel))

    def monthly_volume_table(self) -> str:
        return plain(self.__doc.monthly_volume_table())

    def volumes_missing(self) -> list[dict[str, str]]:
        return plain(self.__doc.volumes_missing())

    def weekly_open_hours(self, channel: str) -> float | None:
        return plain(self.__doc.weekly_open_hours(channel))

    def kpi_rows(self, qid: str = "kpi_targets") -> list[dict[str, str]]:
        return plain(self.__doc.kpi_rows(qid))

    def kpi_ids(self) -> list[str]:
        return plain(self.__doc.kpi_ids())

    def quoted_language(self) -> str | None:
        return plain(self.__doc.quoted_language())

    def remaining(self, section_id: str) -> list[dict[str, Any]]:
        return plain(self.__doc.remaining(section_id))

    def section_title(self, section_id: str) -> str:
        return plain(self.__doc.section_title(section_id))

    # contract schedules (issue 10)
    def sla_rows(self) -> list[dict[str, Any]]:
        return plain(self.__doc.sla_rows())

    def penalty_schedule(self) -> dict[str, Any]:
        return plain(self.__doc.penalty_schedule())

    def bonus_figures(self) -> dict[str, Any] | None:
        return plain(self.__doc.bonus_figures())

    def index_figures(self) -> dict[str, Any] | None:
        return plain(self.__doc.index_figures())

    def floor_examples(self) -> list[dict[str, str]]:
        return plain(self.__doc.floor_examples())

    @property
    def scenario(self) -> list[dict[str, Any]]:
        return plain(self.__doc.scenario)

    @property
    def channels(self) -> list[dict[str, str]]:
        return plain(self.__doc.channels)

    @property
    def open_items(self) -> list[dict[str, str]]:
        return plain(self.__doc.open_items)

    # pricing and evaluation (issue 10)
    @property
    def price_form(self) -> list[dict[str, Any]]:
        return plain(self.__doc.price_form)

    @property
    def pricing_period(self) -> dict[str, Any]:
        return plain(self.__doc.pricing_period)

    @property
    def channel_models(self) -> list[str]:
        return plain(self.__doc.channel_models)

    @property
    def award(self) -> dict[str, Any]:
        return plain(self.__doc.award)
