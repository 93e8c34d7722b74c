"""Answers files outlive versions: the steps that read an older file in today's form.

A consultant's answers file may be months old and written by an older cc-rfp. When a later
version renames a question id or reshapes a value, the file is not refused and not rewritten
behind the person's back: loading applies the migrations the file needs, in order, to the
answers mapping in memory, and the loader says so in one line. The file on disk changes only
when the interview saves an answer (then it is written in today's form, with today's format
number); ``validate``, ``render`` and ``staffing`` never write it.

Each migration is keyed by the file format it produces: a file whose ``cc_rfp: format:`` is
lower gets it. Adding one means appending to :data:`MIGRATIONS` with the next format number
(the loader's current format follows from the list), and adding a frozen file to
``tests/data/`` if the old form is not covered yet. A file without a header is taken to be in
today's form: nothing is migrated, since a reshape applied twice would corrupt a value.

Format 2 (issue 10) gives every channel its own compensation model and replaces the weights
table by quality criteria with SEK values: see :func:`per_channel_pricing` and
:func:`quality_criteria_from_weights`. Format 3 (issue 11) gives KPIs on their own scale
(NKI, CES) the target kind ``index``: see :func:`kpi_index_targets`. Format 4 (issue 12) adds
the purpose ``peaks`` to the ranking, last in an older file's order: see :func:`rank_peaks_last`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

BASE_FORMAT = 1
"""The format cc-rfp 0.1.0 wrote; every later format is reached through MIGRATIONS."""


@dataclass(frozen=True)
class Migration:
    """One step from an older answers form to the next.

    ``apply`` is pure: it gets a copy of the answers mapping (id to the raw YAML value, empty
    entries included) and returns the new mapping. ``description`` is what the person reads
    (one line, e.g. "renamed agents to agents_now"); it is shown only when the step changed
    the file's answers. ``renames`` maps old ids to new ones so that line numbers in
    ``validate`` messages still point at the entry in the file.
    """

    to_format: int
    description: str
    apply: Callable[[dict[str, Any]], dict[str, Any]]
    renames: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if "\n" in self.description or not self.description.strip():
            raise ValueError("a migration's description is one non-empty line")
        if self.to_format <= BASE_FORMAT:
            raise ValueError(f"a migration produces a format after {BASE_FORMAT}")


def rename(old: str, new: str, *, to_format: int) -> Migration:
    """A migration that moves the answer under ``old`` to ``new`` (an answer under ``new`` wins).

    A file that already has ``new`` (a hand edit in today's form) keeps it; the old entry is
    then dropped, so the file never holds both.
    """

    def apply(answers: dict[str, Any]) -> dict[str, Any]:
        if old not in answers:
            return answers
        out: dict[str, Any] = {}
        for key, value in answers.items():
            if key == old:
                if new not in answers or answers[new] is None:
                    out[new] = value
            elif key == new:
                if value is not None or old not in answers:
                    out[new] = value
            else:
                out[key] = value
        return out

    return Migration(to_format, f"renamed {old} to {new}", apply, {old: new})


UNIT_PARAMETERS = ("per_contact", "per_minute", "per_hour", "per_fte")
"""0.1.0's unit prices, in the order a channel's one model is taken from an old list."""

PRICE_CRITERION = re.compile(r"^\s*(pris|price)\b", re.IGNORECASE)
"""How a 0.1.0 weights row is recognised as the price row ("Pris", "Price", "Pris (SEK)")."""


def per_channel_pricing(answers: dict[str, Any]) -> dict[str, Any]:
    """``pricing_parameters`` (one list for every channel) to a model per channel.

    0.1.0 asked one list for all channels, so "phone per hour, email per contact" could not
    be said and every unit in the list was priced for every channel. Each chosen channel now
    gets the first unit price of the old list (``price_unit_<channel>``); a fixed fee becomes
    the management fee beside unit prices, or each channel's fixed monthly price when the list
    had no unit price; commission and incentives move to ``pricing_extras``. An unknown or
    malformed old answer is dropped, so the new questions are simply asked again.
    """
    if "pricing_parameters" not in answers:
        return answers
    old = answers["pricing_parameters"]
    out = {k: v for k, v in answers.items() if k != "pricing_parameters"}
    if not isinstance(old, list) or answers.get("pricing_model_source") == "bidder_proposes":
        return out
    unit = next((u for u in UNIT_PARAMETERS if u in old), None)
    channels = answers.get("channels") if isinstance(answers.get("channels"), list) else []
    model = unit or ("fixed_month" if "fixed_fee" in old else None)
    if model:
        for channel in channels:
            if isinstance(channel, str) and f"price_unit_{channel}" not in out:
                out[f"price_unit_{channel}"] = model
    extras = [x for x in ("commission", "incentives") if x in old]
    if unit and "fixed_fee" in old:
        extras.insert(0, "management_fee")
    out.setdefault("pricing_extras", extras)
    return out


def quality_criteria_from_weights(answers: dict[str, Any]) -> dict[str, Any]:
    """``evaluation_weights`` (price and quality rows in one table) to ``quality_criteria``.

    0.1.0 files weighed price against quality in percent, which is the relative points model,
    so that model is kept (``evaluation_model: relative_points``) and the price row's weight
    becomes ``price_weight``. Each other row becomes a quality criterion with its weight and
    its "how it is assessed" text. Nothing else is guessed: SEK values are for the consultant.
    """
    if "evaluation_weights" not in answers:
        return answers
    old = answers["evaluation_weights"]
    out = {k: v for k, v in answers.items() if k != "evaluation_weights"}
    basis = answers.get("evaluation_basis")
    if not isinstance(old, list) or basis == "price_only":
        return out
    rows = [r for r in old if isinstance(r, dict)]
    price = [r for r in rows if PRICE_CRITERION.match(str(r.get("criterion") or ""))]
    quality = [r for r in rows if r not in price]
    criteria = []
    for row in quality:
        criterion = {"criterion": row.get("criterion"), "weight": row.get("weight")}
        if row.get("how"):
            criterion["how"] = row["how"]
        criteria.append(criterion)
    if criteria and "quality_criteria" not in out:
        out["quality_criteria"] = criteria
    if basis == "price_and_quality":
        out.setdefault("evaluation_model", "relative_points")
        if price and "price_weight" not in out:
            weights = [r.get("weight") for r in price]
            if all(isinstance(w, (int, float)) and not isinstance(w, bool) for w in weights):
                out["price_weight"] = sum(weights)
    return out


INDEX_KPIS = ("ces", "nki")
"""KPIs whose target is a figure on their own scale (target kind ``index``) since format 3."""


def kpi_index_targets(answers: dict[str, Any]) -> dict[str, Any]:
    """KPI rows whose figure was not what its key said, in today's kinds (format 3).

    Before format 3 a CES mean (4.2 on a 1–5 scale) was stored as a ``score``, which the
    tender printed as a signed NPS-like "+4.2", and the customer satisfaction index had no
    row of its own, so a buyer who measures NKI and not CSAT had to enter "NKI 72" as a CSAT
    row of 72 %. Now a CES row keeps its figure under ``index``, and a CSAT row in a file whose
    satisfaction measures name NKI but not CSAT becomes the NKI row it stood for (``index``).
    Rows in any other shape are left as they are for validation to report.
    """
    rows = answers.get("kpi_targets")
    if not isinstance(rows, list):
        return answers
    measures = answers.get("satisfaction_measures")
    measures = measures if isinstance(measures, list) else []
    csat_was_nki = "nki" in measures and "csat" not in measures
    out_rows = []
    for row in rows:
        if not isinstance(row, dict):
            out_rows.append(row)
            continue
        row = dict(row)
        if row.get("kpi") == "ces" and "score" in row and "index" not in row:
            row["index"] = row.pop("score")
        elif row.get("kpi") == "csat" and csat_was_nki and "percent" in row:
            row["kpi"] = "nki"
            row["index"] = row.pop("percent")
        out_rows.append(row)
    return {**answers, "kpi_targets": out_rows}


NEW_PURPOSE = "peaks"
"""The purpose format 4 added to ``purpose_ranking``: seasonal and event-driven peaks."""


def rank_peaks_last(answers: dict[str, Any]) -> dict[str, Any]:
    """``purpose_ranking`` with the purpose ``peaks`` appended last (format 4).

    A ranking must place every choice, so the new choice alone would make every earlier
    ranking invalid. Before format 4 a buyer who cared about peaks ranked ``growth`` for it
    (the old help text said so); appending ``peaks`` last keeps the order the consultant chose
    and puts nothing above it; the consultant moves it up in the interview or in the file.
    An unknown, empty or malformed ranking is left for validation to report.
    """
    ranking = answers.get("purpose_ranking")
    if not isinstance(ranking, list) or not ranking or NEW_PURPOSE in ranking:
        return answers
    return {**answers, "purpose_ranking": [*ranking, NEW_PURPOSE]}


MIGRATIONS: list[Migration] = [
    Migration(
        2,
        "pricing_parameters became a compensation model per channel (price_unit_<channel>) "
        "and pricing_extras; evaluation_weights became quality_criteria and price_weight",
        lambda answers: quality_criteria_from_weights(per_channel_pricing(answers)),
    ),
    Migration(
        3,
        "a CES target is a figure on its own scale (index, not score); a CSAT target of a "
        "file that measures NKI and not CSAT became the NKI index target it stood for",
        kpi_index_targets,
    ),
    Migration(
        4,
        "purpose_ranking gained the purpose peaks (seasonal and event peaks), ranked last",
        rank_peaks_last,
    ),
]
"""Ordered by ``to_format``."""


def current_format() -> int:
    """The format this cc-rfp writes: one past the last migration's source, or the base."""
    return max([BASE_FORMAT, *(m.to_format for m in MIGRATIONS)])


@dataclass
class Migrated:
    """The answers mapping in today's form and what it took to get there."""

    answers: dict[str, Any]
    applied: list[str] = field(default_factory=list)
    """Descriptions of the steps that changed something, in order."""
    renames: dict[str, str] = field(default_factory=dict)
    """Old id to today's id, composed over all applied steps."""


def migrate(answers: Mapping[str, Any], file_format: int | None) -> Migrated:
    """Apply, in order, every migration a file of ``file_format`` needs; never mutate the input.

    ``None`` (no header) means today's form. A step that changes nothing is not reported.
    """
    result = Migrated(answers=dict(answers))
    if file_format is None:
        return result
    for step in sorted(MIGRATIONS, key=lambda m: m.to_format):
        if step.to_format <= file_format:
            continue
        before = result.answers
        after = step.apply(copy.deepcopy(before))
        if after == before:
            continue
        result.answers = dict(after)
        result.applied.append(step.description)
        for old, new in step.renames.items():
            for first, now in list(result.renames.items()):
                if now == old:
                    result.renames[first] = new
            result.renames.setdefault(old, new)
    return result


def notice(name: str, written_by: Any, applied: list[str]) -> str:
    """The one line every command prints when a file was read in an older form."""
    who = f"cc-rfp {written_by}" if written_by else "an older cc-rfp"
    return (
        f"{name}: written by {who}; read in today's form ({'; '.join(applied)}); "
        "the file changes only when you save it"
    )
