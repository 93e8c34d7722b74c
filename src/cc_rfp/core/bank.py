"""The question bank: loading ``questions.yaml``, checking it whole, and looking things up.

Every check here produces one line that names the file, the question and what to fix, because
the people who edit the bank are consultants, not programmers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from cc_rfp.core import conditions
from cc_rfp.core.bank_model import (
    CHOICE_TYPES,
    LANGUAGES,
    BankFile,
    Choice,
    Field_,
    KeySet,
    KpiDef,
    Question,
    Section,
    validate_bank,
)
from cc_rfp.errors import BankError
from cc_rfp.io import resources
from cc_rfp.io.yamlio import LinePath, parse_yaml, read_text


def text(value: dict[str, str] | None, lang: str) -> str:
    """Pick one language of a bilingual string ("" for None)."""
    if not value:
        return ""
    return value.get(lang) or value.get("en") or next(iter(value.values()))


@dataclass(frozen=True)
class Bank:
    """A validated question bank with lookups by id."""

    file: BankFile
    path: str
    sha256: str
    questions: dict[str, Question] = field(repr=False)
    section_of: dict[str, Section] = field(repr=False)

    @property
    def version(self) -> int:
        return self.file.version

    @property
    def sections(self) -> list[Section]:
        return self.file.sections

    @property
    def order(self) -> list[str]:
        return list(self.questions)

    def section(self, section_id: str) -> Section:
        for section in self.file.sections:
            if section.id == section_id:
                return section
        known = ", ".join(s.id for s in self.file.sections)
        raise BankError(f"no section '{section_id}' in the question bank; use one of: {known}")

    @cached_property
    def keysets(self) -> dict[str, KeySet]:
        return {k.id: k for k in self.file.keysets}

    @cached_property
    def kpis(self) -> dict[str, KpiDef]:
        return {k.id: k for k in self.file.kpi_catalogue}

    def choices(self, question: Question | Field_) -> list[Choice]:
        """The choices of a question or record field, following ``choices_from``."""
        if question.choices:
            return list(question.choices)
        if question.choices_from:
            return self.choices(self.questions[question.choices_from])
        return []

    def keys(self, question: Question) -> list[Choice]:
        """The fixed keys of a table question."""
        return list(self.keysets[question.keys].keys) if question.keys else []

    def channels(self, question: Question, answers: dict[str, Any] | None = None) -> list[Choice]:
        """The channels of an hours question: those chosen in ``channels_from`` when answered."""
        if question.channels:
            return list(question.channels)
        source = self.questions[question.channels_from or ""]
        options = self.choices(source)
        chosen = (answers or {}).get(source.id)
        if isinstance(chosen, list):
            picked = [c for c in options if c.value in chosen]
            return picked or options
        return options

    def depends_on(self, question_id: str) -> frozenset[str]:
        """Ids whose answers decide whether this question applies or what its default is."""
        question = self.questions[question_id]
        found: set[str] = set()
        for expr in (question.when, question.default_expr):
            if expr:
                found |= conditions.names(expr)
        return frozenset(found & set(self.questions))

    @cached_property
    def dependents(self) -> dict[str, frozenset[str]]:
        """For each id, the later questions whose condition or default refers to it."""
        result: dict[str, set[str]] = {qid: set() for qid in self.questions}
        for qid in self.questions:
            for dep in self.depends_on(qid):
                result[dep].add(qid)
        return {k: frozenset(v) for k, v in result.items()}


def load_bank(path: Path | str | None = None) -> Bank:
    """Load and check a bank; the built-in one when ``path`` is None."""
    source = Path(path) if path is not None else resources.bank_path()
    name = str(path) if path is not None else "questions.yaml"
    raw_text = read_text(source, what="question bank")
    bank = parse_bank(raw_text, name)
    from cc_rfp.core.contract import check  # the ids the code reads by name: one line, exit 2

    check(bank)
    return bank


@lru_cache(maxsize=8)
def parse_bank(raw_text: str, name: str = "questions.yaml") -> Bank:
    """Check bank text and build a Bank, or raise BankError with one line.

    Cached: the interview, validation and rendering may each ask for the same bank. Two
    stages: the YAML (``parse_yaml``, with the line of every key), then the data
    (``bank_from_data``), which also takes data that never was text.
    """
    if not raw_text.strip():
        raise BankError(f"{name}: is empty; expected a question bank")
    from cc_rfp.io import cache

    # This exact text passed every check before, with this code: the cache skips YAML,
    # validation and the checks below (the one-per-id loop still builds the lookups).
    model = cache.load_bank_model(raw_text)
    if model is not None:
        return _assemble(model, {}, name, _digest(raw_text), check=False)
    data, lines = parse_yaml(raw_text, name)
    bank = bank_from_data(data, lines, name, sha256=_digest(raw_text))
    cache.store_bank_model(raw_text, bank.file)  # only once every check has passed
    return bank


def bank_from_data(data: Any, lines: dict[LinePath, int], name: str, *, sha256: str = "") -> Bank:
    """Check parsed bank data and build a Bank, or raise BankError with one line.

    The data stage of ``parse_bank``, apart so that a caller holding data (a property test
    mutating the bank) need not write it out as YAML and parse it back to have it checked.
    ``lines`` maps key paths to lines for the messages (may be empty); ``sha256`` is the
    digest of the text the data came from, when there was one. Nothing is cached here.
    """
    from pydantic import ValidationError

    if not isinstance(data, dict):
        raise BankError(f"{name}: must be a mapping with 'version', 'guide_points' and 'sections'")
    try:
        model = validate_bank(data)
    except ValidationError as exc:
        raise BankError(_format_validation(exc, data, lines, name)) from None
    except RecursionError:
        raise BankError(f"{name}: is nested too deeply to be a question bank") from None
    return _assemble(model, lines, name, sha256, check=True)


def _assemble(
    model: BankFile, lines: dict[LinePath, int], name: str, sha256: str, *, check: bool
) -> Bank:
    """The lookups by id, refusing repeated ids; ``check`` also runs the per-question checks
    (a model from the cache passed them already)."""
    questions: dict[str, Question] = {}
    section_of: dict[str, Section] = {}
    section_ids: set[str] = set()
    for s_index, section in enumerate(model.sections):
        if section.id in section_ids:
            line = lines.get(("sections", s_index), 0)
            raise BankError(f"{name}:{line}: section '{section.id}' appears twice; rename one")
        section_ids.add(section.id)
        for q_index, question in enumerate(section.questions):
            where = _where(name, lines, ("sections", s_index, "questions", q_index))
            if question.id in questions:
                raise BankError(
                    f"{where}: question '{question.id}': the id is used twice; "
                    "give one of them another id"
                )
            if check:
                _check_question(model, question, questions, where)
            questions[question.id] = question
            section_of[question.id] = section
    return Bank(model, name, sha256, questions, section_of)


def _digest(raw_text: str) -> str:
    """The bank's fingerprint (``Bank.sha256``): of the text, cached or not."""
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


def _where(name: str, lines: dict[LinePath, int], path: LinePath) -> str:
    line = lines.get(path)
    return f"{name}:{line}" if line else name


def _check_question(
    model: BankFile, question: Question, earlier: dict[str, Question], where: str
) -> None:
    prefix = f"{where}: question '{question.id}'"
    known_points = set(model.guide_points)
    for point in question.guide:
        if point not in known_points:
            raise BankError(
                f"{prefix}: guide id '{point}' is not in guide_points; fix the id or add the point"
            )
    for key in ("when", "default_expr"):
        expr = getattr(question, key)
        if not expr:
            continue
        problem = conditions.syntax_error(expr)
        if problem:
            raise BankError(
                f"{prefix}: {key} {_quote(expr)} is not a valid expression ({_quote(problem)})"
            )
        for used in sorted(conditions.names(expr)):
            if used not in earlier:
                later = "a later or unknown"
                raise BankError(
                    f"{prefix}: {key} refers to {later} question '{used}'; "
                    "a condition may only use questions asked before it"
                )
    refs = [("choices_from", question.choices_from), ("channels_from", question.channels_from)]
    refs += [(f"field '{f.id}' choices_from", f.choices_from) for f in question.fields or []]
    for key, ref in refs:
        if ref is None:
            continue
        source = earlier.get(ref)
        if source is None:
            raise BankError(f"{prefix}: {key} names '{ref}', which is not an earlier question")
        if source.type not in CHOICE_TYPES:
            raise BankError(f"{prefix}: {key} names '{ref}', which has no choices")
    if question.keys and question.keys not in {k.id for k in model.keysets}:
        known = ", ".join(k.id for k in model.keysets) or "none defined"
        raise BankError(f"{prefix}: keys '{question.keys}' is not a keyset (known: {known})")
    if question.type == "kpis" and not model.kpi_catalogue:
        raise BankError(f"{prefix}: type kpis needs a kpi_catalogue in the bank")


def _quote(text: str, limit: int = 60) -> str:
    """Quote bank text for a one-line message: line breaks shown, long text shortened."""
    flat = repr(text)
    return flat if len(flat) <= limit else flat[: limit - 4] + "…" + flat[-1]


def _format_validation(exc: Any, data: Any, lines: dict[LinePath, int], name: str) -> str:
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        message = "is not a known key; check the spelling"
    elif error["type"] in ("dataclass_type", "model_type"):
        message = "must be a mapping (indented 'key: value' lines)"
    elif error["type"] == "missing":
        message = "is required"
    elif error["type"] == "string_pattern_mismatch":
        message = "must be snake_case (lower-case letters, digits and _)"
    # Find the deepest question or section the location lies in, for a useful label.
    label = ""
    for depth in (4, 2):
        if depth == 4 and loc[2:3] != ("questions",):
            continue  # e.g. a section's name in one language: the section is the label
        if len(loc) >= depth and loc[0] == "sections":
            node: Any = data
            try:
                for step in loc[:depth]:
                    node = node[step]
            except (KeyError, IndexError, TypeError):
                continue
            kind = "question" if depth == 4 else "section"
            ident = node.get("id", f"#{loc[depth - 1]}") if isinstance(node, dict) else "?"
            label = f"{kind} '{ident}'"
            rest = loc[depth:]
            break
    else:
        rest = loc
    line = 0
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            line = lines[loc[:cut]]
            break
    where = f"{name}:{line}" if line else name
    field_path = ".".join(str(p) for p in rest)
    parts = [where]
    if label:
        parts.append(label)
    if field_path:
        parts.append(field_path)
    parts.append(message)
    return ": ".join(parts)


__all__ = ["LANGUAGES", "Bank", "bank_from_data", "load_bank", "parse_bank", "text"]
