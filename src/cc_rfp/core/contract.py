"""What the code and the built-in templates need from a question bank, declared once.

``questions.yaml`` is content and may change freely, except for the ids, keysets and KPI target
kinds below: staffing, validation, the schema, the interview and the document read them by
name. ``check(bank)`` runs at the end of every bank load (``bank.load_bank``), so every
command (questions, schema, validate, render, staffing, interview) refuses a bank that breaks
the contract with one line naming what is missing and what needs it (exit 2), instead of an
internal error (exit 70) or a quietly wrong staffing plan. ``docs/bank-ids.md`` is generated
from this module (``python -m cc_rfp.core.contract > docs/bank-ids.md``; a test keeps them equal).

What is required, and when. A bank may be deliberately small (``tests/data/mini-bank.yaml``
has no ``intraday_share`` and no ``hours`` keyset), so nothing is required merely for existing
in the built-in bank; a need is triggered by what the bank does contain:

* An **id** in ``QUESTIONS`` may be absent (staffing then names the figure as missing, and
  rendering with the built-in templates stops with one line naming the template and the
  unknown id, as before: a bank used with user templates need not have them). When present,
  it must have one of the declared types, its table must run over the declared keyset, and a
  records question must have the fields the code reads, with usable types.
* The per-channel ids ``volume_<channel>`` and ``aht_<channel>``, for each choice of the
  ``channels`` question, follow the same rule.
* A **keyset** in ``KEYSETS`` is required when something present reads it: ``weekdays`` by
  any question of type hours, ``months`` by a ``volume_<channel>`` table, ``hours`` by
  ``intraday_share``, and the three KPI-row keysets by any question of type kpis. A keyset
  with one of these ids, when present, must have exactly the keys the code reads, in order
  (staffing reads ``mon`` … ``sun``, ``jan`` … ``dec``, ``h00`` … ``h23`` by name); the
  KPI-row keysets may hold any subset the consultant wants to offer.
* A **KPI** in ``KPIS`` may be absent from ``kpi_catalogue`` (staffing then cannot size to
  it); when present it must offer the target kinds the sizing reads.

The check only looks things up in dictionaries the bank already built: about 0.05 ms on the
built-in bank, plus about 1 ms to import this module (benchmarks/bank_contract.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from cc_rfp.core import types
from cc_rfp.core.types.kpis import KPI_INTERVALS_KEYSET, KPI_LEVELS_KEYSET, KPI_REPORTING_KEYSET
from cc_rfp.errors import BankError

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Question

NUMBER_TYPES = ("integer", "decimal", "percent")
"""Staffing reads these ids as plain numbers, so any numeric type will do."""

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
HOUR_KEYS = tuple(f"h{h:02d}" for h in range(24))


CHANNELS = "channels"
"""The multichoice question whose choices name the channels (phone, email, chat, …)."""
VOLUME_PREFIX = "volume_"
AHT_PREFIX = "aht_"


class KeysetNeed(NamedTuple):
    """A keyset the code reads by id; ``keys`` are the exact keys it reads (None: any)."""

    id: str
    keys: tuple[str, ...] | None
    needed_by: str
    """When the keyset is required, as the error message says it."""
    read_by: str
    shown: str
    """The keys as docs/bank-ids.md shows them."""


class FieldNeed(NamedTuple):
    """A field of a records question that the code reads by id."""

    id: str
    types: tuple[str, ...]


class IdNeed(NamedTuple):
    """A question the code or the built-in templates read by id."""

    id: str
    types: tuple[str, ...]
    read_by: str
    shape: str
    """What the answer holds, as docs/bank-ids.md says it."""
    keys: str | None = None
    """The keyset a table question must run over."""
    fields: tuple[FieldNeed, ...] = ()
    builtin: str = ""
    """The type the built-in bank uses when several would do, as docs/bank-ids.md shows it."""


class KpiNeed(NamedTuple):
    """A KPI of the catalogue that staffing sizes to, and the target kinds it reads."""

    id: str
    targets: tuple[str, ...]
    read_by: str


KEYSETS: tuple[KeysetNeed, ...] = (
    KeysetNeed(
        "months",
        MONTH_KEYS,
        "a `volume_<channel>` table",
        "the staffing plan and the document's volume tables",
        "jan feb mar apr may jun jul aug sep oct nov dec",
    ),
    KeysetNeed(
        "weekdays",
        WEEKDAY_KEYS,
        "a question of type hours",
        "the staffing plan, the hours prompt, validation, the schema and the document",
        "mon tue wed thu fri sat sun",
    ),
    KeysetNeed(
        "hours",
        HOUR_KEYS,
        "`intraday_share`",
        "the staffing plan",
        "h00 … h23 (the hour of day an interval starts; labels like 08–09)",
    ),
    KeysetNeed(
        KPI_LEVELS_KEYSET,
        None,
        "a question of type kpis",
        "the KPI prompt, validation, the schema and the document's KPI table",
        "mandatory (ska-krav) · desirable (bör-krav)",
    ),
    KeysetNeed(
        KPI_INTERVALS_KEYSET,
        None,
        "a question of type kpis",
        "the KPI prompt, validation, the schema and the document's KPI table",
        "half_hour · hour · day · week · month",
    ),
    KeysetNeed(
        KPI_REPORTING_KEYSET,
        None,
        "a question of type kpis",
        "the KPI prompt, validation, the schema and the document's KPI table",
        "daily · weekly · monthly · quarterly",
    ),
)

QUESTIONS: tuple[IdNeed, ...] = (
    IdNeed("buyer_name", ("text",), "the document's title and invitation", "the buying company"),
    IdNeed(
        CHANNELS,
        ("multichoice",),
        "staffing, the document and the templates",
        "values such as phone, email, chat, social, sms; each value v names volume_v and aht_v",
    ),
    IdNeed(
        "case_types",
        ("records",),
        "staffing, for handling times, and the document",
        "fields name, share (percent, sums to 100), aht_seconds (incl. after-contact work), "
        "channel (choices_from channels)",
        fields=(
            FieldNeed("share", ("percent",)),
            FieldNeed("aht_seconds", ("integer", "decimal")),
            FieldNeed("channel", ("choice",)),
        ),
    ),
    IdNeed(
        "weekday_share",
        ("table",),
        "staffing and the document",
        "% of the week's volume per weekday, sums to 100",
        keys="weekdays",
    ),
    IdNeed(
        "intraday_share",
        ("table",),
        "staffing and the document",
        "% of the day's volume per hour, sums to 100",
        keys="hours",
    ),
    IdNeed(
        "opening_hours",
        ("hours",),
        "staffing and the document",
        'channels_from channels; "HH:MM-HH:MM" or "closed" per weekday',
    ),
    IdNeed(
        "email_response_clock",
        ("choice",),
        "staffing, to count response times in opening hours",
        "choice; the value opening_hours counts response time in opening hours only",
    ),
    IdNeed(
        "chat_concurrency",
        NUMBER_TYPES,
        "staffing",
        "chats one agent handles at once",
        builtin="decimal",
    ),
    IdNeed(
        "shrinkage_percent",
        NUMBER_TYPES,
        "staffing",
        "share of paid time not available",
        builtin="percent",
    ),
    IdNeed(
        "fte_hours_per_week",
        NUMBER_TYPES,
        "staffing",
        "contracted hours of one FTE",
        builtin="decimal",
    ),
    IdNeed(
        "volume_growth_percent",
        NUMBER_TYPES,
        "staffing",
        "expected yearly growth",
        builtin="percent",
    ),
    IdNeed(
        "current_answer_rate",
        NUMBER_TYPES,
        "staffing, for the Erlang A patience",
        "today's answer rate, percent",
        builtin="percent",
    ),
    IdNeed(
        "current_asa_seconds",
        NUMBER_TYPES,
        "staffing, for the Erlang A patience",
        "today's average speed of answer, seconds",
        builtin="integer",
    ),
    IdNeed(
        "kpi_targets",
        ("kpis",),
        "staffing, the interview's staffing note and the document's KPI table",
        "rows {kpi, channel, percent/seconds/hours/score, level, interval, reporting, method}",
    ),
    IdNeed(
        "purpose_ranking",
        ("ranking",),
        "templates/parts/03_purpose.md.j2",
        "satisfaction, cost, revenue, development, growth, peaks",
    ),
    IdNeed(
        "quality_criteria",
        ("records",),
        "cc_rfp.pricing (award models) and templates/parts/09_evaluation.md.j2",
        "fields criterion, value_sek, surcharge_percent, weight, desirables, how, score_5/3/1",
    ),
)

CHANNEL_QUESTIONS: tuple[IdNeed, ...] = (
    IdNeed(
        VOLUME_PREFIX + "<channel>",
        ("table",),
        "staffing and the document",
        "contacts per month; each asked when its channel is chosen",
        keys="months",
    ),
    IdNeed(
        AHT_PREFIX + "<channel>",
        NUMBER_TYPES,
        "staffing and the document",
        "handling time in seconds incl. hold and after-contact work",
        builtin="integer (seconds)",
    ),
)
"""Ids made of a prefix and a value of the channels question (volume_phone, aht_chat, …)."""

KPIS: tuple[KpiNeed, ...] = (
    KpiNeed("service_level", ("percent", "seconds"), "staffing, as a sizing target"),
    KpiNeed("asa", ("seconds",), "staffing, as a sizing target"),
    KpiNeed("answer_rate", ("percent",), "staffing, as a sizing target"),
    KpiNeed("abandon_rate", ("percent",), "staffing, as a sizing target"),
    KpiNeed(
        "email_response", ("percent", "hours"), "staffing, for e-mail and other deferred channels"
    ),
)

_QUESTIONS = {need.id: need for need in QUESTIONS}
_KEYSETS = {need.id: need for need in KEYSETS}


def _one_of(types: tuple[str, ...]) -> str:
    return types[0] if len(types) == 1 else ", ".join(types[:-1]) + " or " + types[-1]


def _channel_ids(bank: Bank) -> dict[str, IdNeed]:
    """The per-channel ids this bank has (volume_phone, aht_chat, …), with their needs."""
    source = bank.questions.get(CHANNELS)
    if source is None:
        return {}
    found: dict[str, IdNeed] = {}
    for choice in bank.choices(source):
        for pattern in CHANNEL_QUESTIONS:
            qid = pattern.id.replace("<channel>", choice.value)
            if qid in bank.questions:
                found[qid] = IdNeed(
                    qid, pattern.types, pattern.read_by, pattern.shape, pattern.keys
                )
    return found


def _check_question(bank: Bank, question: Question, need: IdNeed) -> None:
    where = f"{bank.path}: question '{question.id}'"
    if question.type not in need.types:
        raise BankError(
            f"{where} must be of type {_one_of(need.types)} (read by {need.read_by}), "
            f"not {question.type}; change its type or rename it"
        )
    if need.keys and question.keys != need.keys:
        raise BankError(
            f"{where} must be a table over keyset '{need.keys}' (read by {need.read_by}), "
            f"not '{question.keys}'"
        )
    fields = {f.id: f for f in question.fields or []}
    for wanted in need.fields:
        have = fields.get(wanted.id)
        if have is None:
            raise BankError(
                f"{where} needs a field '{wanted.id}' of type {_one_of(wanted.types)} "
                f"(read by {need.read_by})"
            )
        if have.type not in wanted.types:
            raise BankError(
                f"{where}: field '{wanted.id}' must be of type {_one_of(wanted.types)} "
                f"(read by {need.read_by}), not {have.type}"
            )


def _needed_keysets(bank: Bank, channel_ids: dict[str, IdNeed]) -> list[tuple[str, str]]:
    """(keyset id, the question that needs it) for every keyset something present reads."""
    needed: list[tuple[str, str]] = []
    for question in bank.questions.values():
        needed += [(keyset, question.id) for keyset in types.get(question.type).keysets]
    for need in (*QUESTIONS, *channel_ids.values()):
        if need.keys and need.id in bank.questions:
            needed.append((need.keys, need.id))
    return needed


def check(bank: Bank) -> None:
    """Raise BankError (one line, exit 2) at the first thing the code needs and the bank lacks.

    Called at the end of every bank load; see the module docstring for what is required when.
    """
    channel_ids = _channel_ids(bank)
    for qid, question in bank.questions.items():
        need = _QUESTIONS.get(qid) or channel_ids.get(qid)
        if need is not None:
            _check_question(bank, question, need)
    for keyset_id, user in _needed_keysets(bank, channel_ids):
        if keyset_id not in bank.keysets:
            keyset = _KEYSETS[keyset_id]
            raise BankError(
                f"{bank.path}: question '{user}' needs a keyset '{keyset_id}' "
                f"(read by {keyset.read_by}); add it under keysets"
            )
    for keyset_id, keyset in bank.keysets.items():
        declared = _KEYSETS.get(keyset_id)
        if declared is None or declared.keys is None:
            continue
        keys = tuple(k.value for k in keyset.keys)
        if keys != declared.keys:
            raise BankError(
                f"{bank.path}: keyset '{keyset_id}' must have exactly the keys "
                f"{' '.join(declared.keys)} in that order (read by {declared.read_by}); "
                f"it has {' '.join(keys) or 'none'}"
            )
    for kpi_need in KPIS:
        kpi = bank.kpis.get(kpi_need.id)
        if kpi is None:
            continue
        missing = [kind for kind in kpi_need.targets if kind not in kpi.targets]
        if missing:
            raise BankError(
                f"{bank.path}: kpi '{kpi.id}' needs the target kinds "
                f"{', '.join(kpi_need.targets)} (read by {kpi_need.read_by}); "
                f"add {', '.join(missing)} to its targets"
            )


BUILTIN_CHANNELS = ("phone", "email", "chat", "social", "sms")
"""The channels of the built-in bank, which name its per-channel ids in docs/bank-ids.md."""


def markdown(bank: Bank | None = None) -> str:
    """docs/bank-ids.md: the declarations above, shown with the built-in bank's keys and KPIs."""
    if bank is None:
        from cc_rfp.core.bank import load_bank

        bank = load_bank()
    out = [
        "# Question ids the code relies on",
        "",
        "<!-- Generated from src/cc_rfp/core/contract.py (and the keys and KPIs of questions.yaml)",
        "     by `python -m cc_rfp.core.contract > docs/bank-ids.md`;",
        "     tests/core/test_contract.py keeps them equal. Edit contract.py, not this file. -->",
        "",
        "`questions.yaml` is content and may change freely, except for these ids and shapes,",
        "which staffing, validation, the schema, the interview and the document read by name.",
        "Every command checks them when it loads a bank (`--questions` too) and stops with one",
        "line naming what is missing and what reads it (exit 2). Nothing here is required",
        "merely to exist: an id may be absent (staffing then names the figure as missing; the",
        "built-in templates stop at the first id they read that the bank lacks), but when",
        "present it must have one of the types below, and a keyset is required when something",
        "present reads it.",
        "",
        "## Keysets (`keysets:` in the bank)",
        "| id | keys (built-in bank) | rule | required when the bank has | read by |",
        "|---|---|---|---|---|",
    ]
    for keyset in KEYSETS:
        if keyset.id == "hours":
            keys = keyset.shown
        else:
            keys = " ".join(k.value for k in bank.keysets[keyset.id].keys)
        rule = "any keys" if keyset.keys is None else "exactly these, in order"
        out.append(f"| `{keyset.id}` | {keys} | {rule} | {keyset.needed_by} | {keyset.read_by} |")
    out += [
        "",
        "## KPI catalogue (`kpi_catalogue:`), target kinds in brackets",
        "The built-in catalogue:",
        " · ".join(
            f"{k.id} [{', '.join([*k.targets, *(['at_most'] * (k.direction == 'at_most'))])}]"
            for k in bank.kpis.values()
        ),
        "",
        "A KPI staffing sizes to may be left out of a bank's catalogue; when present, it must",
        "offer these target kinds:",
        "",
        "| id | target kinds | read by |",
        "|---|---|---|",
    ]
    out += [f"| `{k.id}` | {', '.join(k.targets)} | {k.read_by} |" for k in KPIS]
    out += [
        "",
        "## Questions",
        "`volume_<channel>` and `aht_<channel>` exist for each value of `channels`; the rows",
        "below name the built-in bank's.",
        "",
        "| id | type (built-in bank) | a bank may also use | shape | read by |",
        "|---|---|---|---|---|",
    ]
    for need in (*QUESTIONS, *CHANNEL_QUESTIONS):
        ids = f"`{need.id}`"
        if "<channel>" in need.id:
            ids = ", ".join(f"`{need.id.replace('<channel>', c)}`" for c in BUILTIN_CHANNELS)
        kind = need.builtin or need.types[0] + (f" ({need.keys})" if need.keys else "")
        others = [t for t in need.types if t != kind.partition(" ")[0]]
        also = ", ".join(others) or "–"
        out.append(f"| {ids} | {kind} | {also} | {need.shape} | {need.read_by} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    print(markdown(), end="")
