"""Staffing's findings as codes and figures; one function phrases them in a language.

Sizing decides *what* to say (a code such as ``f_no_effect`` and its figures); the
catalogue (``cc_rfp/i18n/ui/staffing.yaml``, key ``staffing.<code>``, both languages with
``{name}`` placeholders) decides *how*. The terminal report, the interview note, the
document annex and ``--json`` all phrase the same ``Finding`` through ``phrase``, so they
cannot disagree, and a plan sized once can be phrased in every language.

A finding's values are terms: ``Num`` and ``Pct`` (figures, formatted by the language's
number rule), ``Label`` (a channel, named in the language), ``Words`` (a nested catalogue
phrase, e.g. a target's words) and ``Join`` ("a, b and c"); plain ``str``/``int`` pass
through as they are (question ids, counts).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cc_rfp.staffing.texts import has, join, num, pct, say

SCHEMA_VERSION = 2
"""The ``--json`` shape's version (``docs/staffing.schema.json``); raised on a breaking change."""


@dataclass(frozen=True)
class Num:
    """A computed figure ("1 234", "12,5")."""

    value: float
    decimals: int | None = None


@dataclass(frozen=True)
class Pct:
    """A fraction shown as a percentage figure without the sign (0.8 → "80")."""

    value: float


@dataclass(frozen=True)
class Label:
    """A channel (or a month), named the way the bank or the language names it."""

    channel: str


@dataclass(frozen=True)
class Words:
    """A nested catalogue phrase: ``staffing.<key>`` filled with its own terms."""

    key: str
    values: Mapping[str, Term] = field(default_factory=dict)


@dataclass(frozen=True)
class Join:
    """Terms joined as "a, b and c" in the language, or by ``sep`` when given."""

    items: tuple[Term, ...]
    sep: str | None = None


@dataclass(frozen=True)
class Ref:
    """A question the statement rests on: its id for the consultant and ``--json``, its
    document label in the tender and the memo (``labels["q:" + id]``), which print no ids."""

    qid: str


QUESTION_LABEL = "q:"
"""The prefix under which ``labels`` may name questions (``q:aht_phone`` → a label)."""

Term = Num | Pct | Label | Words | Join | Ref | str | int


@dataclass
class Finding:
    """One statement of the plan: a catalogue code, what it is about, and its figures.

    ``channel`` (a channel id such as "phone") fills the sentence's ``{channel}``; ``kpi``
    names the target concerned, when one is; ``values`` fill the other placeholders.
    """

    code: str
    channel: str | None = None
    kpi: str | None = None
    values: dict[str, Term] = field(default_factory=dict)

    def to_dict(
        self, lang: str, labels: Mapping[str, str], voice: str | None = None
    ) -> dict[str, Any]:
        """The JSON form: code, subject, raw figures, and the sentence for people."""
        return {
            "code": self.code,
            "channel": self.channel,
            "kpi": self.kpi,
            "values": {k: data(v) for k, v in self.values.items()},
            "text": phrase(self, lang, labels, voice),
        }


NOT_IN_TENDER = frozenset({"f_low_occupancy"})
"""Findings that are advice to the buyer (targets that cost much for what they give): the
terminal report and the memo say them; the tender's annex, the buyer's neutral estimate,
does not (the occupancy itself is stated with the target that decides the staffing)."""

VOICES = ("tender",)
"""Who reads a sentence besides the consultant: ``tender`` is the bidders' document, where
the staffing is the buyer's non-binding estimate and advice to the buyer has no place. A code
with a ``staffing.<code>_tender`` entry says it that way there; others read the same."""


def phrase(finding: Finding, lang: str, labels: Mapping[str, str], voice: str | None = None) -> str:
    """The sentence for ``finding`` in ``lang``; ``labels`` name the channels (id → name) and,
    under ``q:<id>``, the questions; ``voice`` picks the tender's wording where it differs."""
    params = {k: words(v, lang, labels) for k, v in finding.values.items()}
    if finding.channel is not None:
        params["channel"] = labels.get(finding.channel, finding.channel)
    code = finding.code
    if voice in VOICES and has(f"{code}_{voice}"):
        code = f"{code}_{voice}"
    return say(code, lang, **params)


def words(term: Term, lang: str, labels: Mapping[str, str]) -> str:
    """One term in ``lang``."""
    if isinstance(term, Num):
        return num(term.value, lang, term.decimals)
    if isinstance(term, Pct):
        return pct(term.value, lang)
    if isinstance(term, Label):
        return labels.get(term.channel, term.channel)
    if isinstance(term, Words):
        return say(term.key, lang, **{k: words(v, lang, labels) for k, v in term.values.items()})
    if isinstance(term, Join):
        items = [words(t, lang, labels) for t in term.items]
        return join(items, lang) if term.sep is None else term.sep.join(items)
    if isinstance(term, Ref):
        return labels.get(QUESTION_LABEL + term.qid, term.qid)
    return str(term)


def data(term: Term) -> Any:
    """One term as JSON data: figures as numbers (fractions for percentages), phrases as
    ``{"code", "values"}``, joins as lists, channels by id."""
    if isinstance(term, (Num, Pct)):
        return term.value
    if isinstance(term, Label):
        return term.channel
    if isinstance(term, Words):
        return {"code": term.key, "values": {k: data(v) for k, v in term.values.items()}}
    if isinstance(term, Join):
        return [data(t) for t in term.items]
    if isinstance(term, Ref):
        return term.qid
    return term


def goal_words(goal: Any, form: str) -> Words:
    """A target's words in ``form`` (t, subj, obj, gives): the same as ``Goal.text``."""
    shown = 1.0 - goal.value if goal.words == "answer_rate" else goal.value
    values: dict[str, Term]
    if goal.kind == "asa":
        values = {"s": Num(goal.value)}
    else:
        values = {"p": Pct(shown), "s": Num(goal.seconds)}
    return Words(f"{form}_{goal.words}", values)
