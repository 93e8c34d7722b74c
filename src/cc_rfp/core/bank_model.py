"""The shape of ``questions.yaml``: frozen dataclasses that pydantic validates.

The bank is product content edited by people, so validation forbids unknown keys (a typo such
as ``reqired`` is an error, not silently ignored) and insists on every language for every
string a user reads.

The classes are plain dataclasses, not pydantic models, and their constraints are markers
(``Rule``, ``After``) that pydantic reads only when it validates. So a command whose bank
comes from the cache (nearly every run) never imports pydantic, about 60 ms of CPU a process;
``validate_bank`` is the one place that does, for a bank text not seen before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Literal

LANGUAGES = ("sv", "en")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"

QuestionType = Literal[
    "text",
    "longtext",
    "integer",
    "decimal",
    "percent",
    "choice",
    "multichoice",
    "yesno",
    "date",
    "records",
    "table",
    "hours",
    "kpis",
    "ranking",
]
FieldType = Literal["text", "longtext", "integer", "decimal", "percent", "choice", "yesno"]
TargetKind = Literal["percent", "seconds", "hours", "score", "index"]
"""What a KPI's target is written in: ``percent`` a share (0–100 %), ``seconds``/``hours`` a
time, ``score`` a signed balance of shares (NPS, −100..+100, shown with its sign) and ``index``
a figure on the KPI's own scale that is not a percentage (NKI 0–100, a CES mean on 1–7):
shown bare, never with "%" or a sign."""
UnknownKind = Literal["propose", "buyer", "internal"]
"""Who closes a missing answer: ``propose`` the bidders may propose a solution or state their
assumption (the open-items annex invites them once); ``buyer`` only the buyer can give it
(organisation number, contact, dates, history, today's figures), so it blocks a final tender;
``internal`` a figure for the buyer alone (a cost target), never printed in the bidders'
document, only in the internal memo."""

NUMERIC_TYPES = {"integer", "decimal", "percent"}
CHOICE_TYPES = {"choice", "multichoice", "ranking"}

TARGET_RANGES: dict[str, tuple[float, float]] = {
    "percent": (0, 100),
    "seconds": (0, 86_400),
    "hours": (0, 24 * 31),
    "score": (-100, 100),
    "index": (0, 100),
}


def _complete(value: dict[str, str]) -> dict[str, str]:
    missing = [lang for lang in LANGUAGES if not str(value.get(lang, "")).strip()]
    if missing:
        names = " and ".join(f"'{lang}'" for lang in missing)
        raise ValueError(f"needs text in {names}")
    extra = sorted(set(value) - set(LANGUAGES))
    if extra:
        raise ValueError(f"has unknown language {', '.join(extra)}; use {', '.join(LANGUAGES)}")
    return value


class Rule:
    """A constraint on a value (``pattern``, ``min_length``, ``gt``, ``ge``), in the words of
    ``pydantic.Field``; pydantic applies it when validating, nothing else reads it."""

    __slots__ = ("constraints",)

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Field

        return handler.generate_schema(Annotated[source, Field(**self.constraints)])


class After:
    """A check run on a value once pydantic has validated its type (``AfterValidator``)."""

    __slots__ = ("check",)

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


LStr = Annotated[dict[str, str], After(_complete)]
"""A user-facing string in every language of the bank."""

Id = Annotated[str, Rule(pattern=ID_PATTERN)]


# --- Patterns whose matching time is bounded --------------------------------------------
#
# Python's regular expressions backtrack: ``^(a+)+$`` against forty a's and a b takes hours,
# and a bank from someone else could hang every ``validate``. A pattern is accepted only when
# static analysis shows its work on a text of PATTERN_TEXT_LIMIT characters stays small: no
# backreference, no repeated part that can end in more than one place (``(a+)+``; but
# ``(-\d+)*`` is fine, each round ends where a "-" begins), no repeated alternatives that can
# match the same text (``(a|a)*``), and at most one open-ended repeat whose end can shift
# (``.*.*x`` has two). Answers longer than PATTERN_TEXT_LIMIT never reach a pattern, so the
# worst accepted pattern costs about 16 x 1000² steps. Character sets are compared on a probe
# alphabet (Latin and a few other scripts), which is enough for the patterns people write.

try:  # Python 3.11+
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

PATTERN_TEXT_LIMIT = 1000
"""The longest text a bank pattern is applied to; a longer answer is "too long" instead."""

PATTERN_MAX_LENGTH = 1000
"""The longest pattern a bank may hold (real ones are a few dozen characters)."""

_STEP_BUDGET = 16 * PATTERN_TEXT_LIMIT
"""Loose repeats allowed (their spans multiplied): one open-ended one, so at worst quadratic.

Each loose repeat's every end is tried against a linear scan of the rest, so a budget of
16 x the text limit means at most about 16 million steps on the longest text."""

_REPEATS = {
    op for op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)) if op
}
_NO_BACKTRACK = {op for op in (getattr(_sre, "POSSESSIVE_REPEAT", None),) if op}
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_PROBE = frozenset(
    [chr(c) for c in range(0x250)] + list("\u00a0\u2013\u2014\u2019\u2028\u3000\u0416\u4e2d")
)
"""Characters sets are compared on: ASCII, Latin and a few others from each script family."""

_CATEGORY_RE = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W",
}


class _Unbounded(Exception):
    """A pattern whose matching time cannot be bounded; the text says why."""


@cache
def _category(cat: Any) -> frozenset[str]:
    expr = _CATEGORY_RE.get(cat)
    if expr is None:
        return _PROBE  # unknown: assume it overlaps everything (the safe side)
    compiled = re.compile(expr)
    return frozenset(c for c in _PROBE if compiled.fullmatch(c))


class _Chars:
    """Character sets of a parsed pattern's pieces, folded for case when the pattern is."""

    def __init__(self, fold: bool) -> None:
        self.fold = fold

    def _folded(self, chars: set[str]) -> frozenset[str]:
        if self.fold:
            chars = chars | {c.lower() for c in chars} | {c.upper() for c in chars}
        return frozenset(chars)

    def atom(self, op: Any, av: Any) -> frozenset[str] | None:
        """The characters one single-character item matches; None for anything else."""
        if op is _sre.LITERAL:
            return self._folded({chr(av)})
        if op is _sre.NOT_LITERAL:
            return frozenset(_PROBE - {chr(av)})
        if op is _sre.ANY:
            return _PROBE
        if op is not _sre.IN:
            return None
        chars: set[str] = set()
        negate = False
        for kind, value in av:
            if kind is _sre.NEGATE:
                negate = True
            elif kind is _sre.LITERAL:
                chars.add(chr(value))
            elif kind is _sre.RANGE:
                low, high = value
                chars |= {c for c in _PROBE if low <= ord(c) <= high}
            elif kind is _sre.CATEGORY:
                chars |= _category(value)
            else:
                chars |= _PROBE
        folded = self._folded(chars)
        return frozenset(_PROBE - folded) if negate else folded

    def all(self, items: Sequence[Any]) -> frozenset[str]:
        """Every character ``items`` may consume."""
        found: set[str] = set()
        for op, av in items:
            chars = self.atom(op, av)
            if chars is not None:
                found |= chars
            elif op in _REPEATS:
                found |= self.all(av[2])
            elif op is _sre.SUBPATTERN:
                found |= self.all(av[3])
            elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
                found |= self.all(av[1])
            elif op is _sre.BRANCH:
                for alternative in av[1]:
                    found |= self.all(alternative)
            elif op is _ATOMIC:
                found |= self.all(av)
            elif op is not _sre.AT:
                return _PROBE
        return frozenset(found)

    def first(self, items: Sequence[Any]) -> tuple[frozenset[str], bool]:
        """The characters ``items`` may start with, and whether it may match nothing."""
        found: set[str] = set()
        for op, av in items:
            chars = self.atom(op, av)
            if chars is not None:
                return frozenset(found | chars), False
            if op is _sre.AT or op in (_sre.ASSERT, _sre.ASSERT_NOT):
                continue
            if op is _sre.SUBPATTERN:
                chars, empty = self.first(av[3])
            elif op is _ATOMIC:
                chars, empty = self.first(av)
            elif op in _REPEATS:
                chars, empty = self.first(av[2])
                empty = empty or av[0] == 0
            elif op is _sre.BRANCH:
                parts = [self.first(alternative) for alternative in av[1]]
                chars = frozenset().union(*(p[0] for p in parts))
                empty = any(p[1] for p in parts)
            else:
                return _PROBE, True
            found |= chars
            if not empty:
                return frozenset(found), False
        return frozenset(found), True

    def positions(self, items: Sequence[Any]) -> list[frozenset[str]] | None:
        """Per-position sets of a fixed sequence of single characters, else None."""
        out: list[frozenset[str]] = []
        for op, av in items:
            chars = self.atom(op, av)
            if chars is not None:
                out.append(chars)
            elif op is _sre.AT:
                continue
            elif op is _sre.SUBPATTERN:
                inner = self.positions(av[3])
                if inner is None:
                    return None
                out += inner
            elif op in _REPEATS and av[0] == av[1] and av[0] <= 64:
                inner = self.positions(av[2])
                if inner is None:
                    return None
                out += inner * av[0]
            else:
                return None
        return out

    def exclusive(self, one: Sequence[Any], other: Sequence[Any]) -> bool:
        """Whether two alternatives can never match the same text at the same place."""
        first_a, empty_a = self.first(one)
        first_b, empty_b = self.first(other)
        if empty_a or empty_b:
            return False
        if not first_a & first_b:
            return True
        pos_a, pos_b = self.positions(one), self.positions(other)
        if pos_a is None or pos_b is None:
            return False
        return any(not a & b for a, b in zip(pos_a, pos_b, strict=False))


Follow = tuple[frozenset[str], bool]
"""What may come after a piece: its first characters, and whether that is unknown/empty."""

_END: Follow = (frozenset(), False)
"""After the whole pattern: the end of the text (patterns are applied with fullmatch)."""


class _Walk:
    """One pass over a parsed pattern that raises _Unbounded at the first unsafe construct.

    A variable repeat is *pinned* when what follows it cannot start with a character it
    consumes (``[^@]+@``): it then has one way to end. Every other, *loose*, variable repeat
    multiplies the ways to try, so their spans are multiplied against a budget, and a repeated
    part must contain no loose repeat at all (that is the exponential ``(a+)+``).
    """

    def __init__(self, chars: _Chars) -> None:
        self.chars = chars
        self.steps = 1

    def follow(self, rest: Sequence[Any], after: Follow) -> Follow:
        first, empty = self.chars.first(rest)
        return (first | after[0], after[1]) if empty else (first, False)

    def items(self, items: Sequence[Any], repeated: bool, after: Follow) -> int:
        """Check ``items``; return how many loose repeats they contain."""
        loose = 0
        for index, (op, av) in enumerate(items):
            follow = self.follow(items[index + 1 :], after)
            if op in (_sre.GROUPREF, getattr(_sre, "GROUPREF_EXISTS", None)):
                raise _Unbounded("uses a backreference, whose matching time cannot be bounded")
            if op is _sre.SUBPATTERN:
                loose += self.items(av[3], repeated, follow)
            elif op is _ATOMIC:
                loose += self.items(av, repeated, follow)
            elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
                loose += self.items(av[1], repeated, (_PROBE, True))
            elif op is _sre.BRANCH:
                loose += self.branch(av[1], repeated, follow)
            elif op in _REPEATS:
                loose += self.repeat(op, av, repeated, follow)
        return loose

    def branch(self, alternatives: list[Any], repeated: bool, after: Follow) -> int:
        if repeated:
            for i, one in enumerate(alternatives):
                for other in alternatives[i + 1 :]:
                    if not self.chars.exclusive(one, other):
                        raise _Unbounded(
                            "repeats alternatives that can match the same text, like (a|a)*"
                        )
        return sum(self.items(alternative, repeated, after) for alternative in alternatives)

    def repeat(self, op: Any, av: Any, repeated: bool, after: Follow) -> int:
        low, high, body = av
        backtracks = op not in _NO_BACKTRACK
        if high > 1:
            # A round ends where the next round (or what follows the repeat) begins.
            first, empty = self.chars.first(body)
            round_after: Follow = (_PROBE, True) if empty else (first | after[0], after[1])
            inner = self.items(body, True, round_after)
            if inner and backtracks:
                raise _Unbounded(
                    "repeats a part that can end in more than one place, like (a+)+ or (.*)*"
                )
        else:
            inner = self.items(body, repeated, after)
        if low == high or not backtracks or self.pinned(body, after):
            return inner
        span = PATTERN_TEXT_LIMIT if high == _sre.MAXREPEAT else high - low + 1
        self.steps *= min(span, PATTERN_TEXT_LIMIT)
        if self.steps > _STEP_BUDGET:
            raise _Unbounded(
                "has open-ended repeats whose ends can shift against each other, like .*.*x"
            )
        return inner + 1

    def pinned(self, body: Sequence[Any], after: Follow) -> bool:
        """Whether the repeat can end in one place only: what follows cannot continue it."""
        follow, unknown = after
        return not unknown and not follow & self.chars.all(body)


def pattern_problem(pattern: str) -> str | None:
    """Why a bank ``pattern`` is unusable (invalid, or too slow to match); None when fine."""
    if len(pattern) > PATTERN_MAX_LENGTH:
        return f"is longer than {PATTERN_MAX_LENGTH} characters; shorten it"
    try:
        compiled = re.compile(pattern)
        parsed = _sre_parse.parse(pattern)
    except re.error as exc:
        return f"is not a valid regular expression ({exc})"
    except (RecursionError, OverflowError):
        return "is nested too deeply to be checked; simplify it"
    fold = bool(compiled.flags & re.IGNORECASE) or bool(re.search(r"\(\?[a-zA-Z]*i", pattern))
    try:
        _Walk(_Chars(fold)).items(parsed, False, _END)
    except _Unbounded as exc:
        return f"{exc}; such a pattern can take hours on a long answer, so rewrite it"
    except RecursionError:
        return "is nested too deeply to be checked; simplify it"
    return None


def _quote_pattern(pattern: str, limit: int = 60) -> str:
    flat = repr(pattern)
    return flat if len(flat) <= limit else flat[: limit - 4] + "…" + flat[-1]


class _Checked:
    """The cross-field rules of a bank class, run by pydantic right after it built one.

    A class mixing this in defines ``_check(self)``. The hook is only looked up while pydantic
    validates a bank (``validate_bank``); the cache and the interview build instances directly.
    """

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        def checked(value: Any) -> Any:
            value._check()
            return value

        return core_schema.no_info_after_validator_function(checked, handler(source))


_STRICT = {"extra": "forbid"}
"""pydantic's config for every bank class (``__pydantic_config__``): an unknown key is an
error. Instances are frozen by the dataclass itself."""

_bank_class = dataclass(frozen=True, slots=True, kw_only=True)


@_bank_class
class Choice:
    __pydantic_config__ = _STRICT
    value: Id
    label: LStr
    help: LStr | None = None


@_bank_class
class KeySet:
    """Fixed keys of a table (months, weekdays, hours of the day)."""

    __pydantic_config__ = _STRICT
    id: Id
    keys: list[Choice]


@_bank_class
class Field_(_Checked):
    """One column of a record list."""

    __pydantic_config__ = _STRICT
    id: Id
    type: FieldType
    label: LStr
    help: LStr | None = None
    unit: LStr | None = None
    choices: list[Choice] | None = None
    choices_from: Id | None = None
    min: float | None = None
    max: float | None = None
    required: bool = False

    def _check(self) -> None:
        if self.type == "choice" and not (self.choices or self.choices_from):
            raise ValueError(f"field '{self.id}' of type choice needs choices or choices_from")


@_bank_class
class KpiDef:
    """A KPI the buyer may set a target for, with the definition the document prints."""

    __pydantic_config__ = _STRICT
    id: Id
    name: LStr
    definition: LStr
    targets: Annotated[list[TargetKind], Rule(min_length=1)]
    direction: Literal["at_least", "at_most"] = "at_least"
    channels: list[Id] | None = None


@_bank_class
class Question(_Checked):
    __pydantic_config__ = _STRICT
    id: Id
    type: QuestionType
    text: LStr
    help: LStr | None = None
    guide: list[str] = field(default_factory=list)
    required: bool = False
    when: str | None = None
    default: Any = None
    default_expr: str | None = None
    unit: LStr | None = None
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    max_length: Annotated[int | None, Rule(gt=0)] = None
    choices: list[Choice] | None = None
    choices_from: Id | None = None
    fields: list[Field_] | None = None
    keys: Id | None = None
    sum: float | None = None
    sum_tolerance: float = 1.0
    sum_field: Id | None = None
    channels: list[Choice] | None = None
    channels_from: Id | None = None
    min_items: Annotated[int | None, Rule(ge=0)] = None
    max_items: Annotated[int | None, Rule(ge=1)] = None
    unknown: UnknownKind = "propose"
    """What a missing answer means for the tender (see ``UnknownKind``)."""
    essential: bool = False
    """Asked by ``interview --essentials`` (with every required question): a tender cannot
    do without it, so a first meeting that answers these yields a complete draft."""

    def _check(self) -> None:
        kind = self.type
        if kind in CHOICE_TYPES and not (self.choices or self.choices_from):
            raise ValueError(f"type {kind} needs 'choices' (or 'choices_from')")
        if kind == "records":
            if not self.fields:
                raise ValueError("type records needs 'fields'")
            names = [f.id for f in self.fields]
            if len(names) != len(set(names)):
                raise ValueError("has two fields with the same id")
            if self.sum_field and self.sum_field not in names:
                raise ValueError(f"sum_field '{self.sum_field}' is not one of the fields")
        if kind == "table" and not self.keys:
            raise ValueError("type table needs 'keys' (the id of a keyset such as months)")
        if kind == "hours" and not (self.channels or self.channels_from):
            raise ValueError("type hours needs 'channels' or 'channels_from'")
        if self.pattern is not None:
            problem = pattern_problem(self.pattern)
            if problem:
                raise ValueError(f"pattern {_quote_pattern(self.pattern)} {problem}")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is larger than max")


@_bank_class
class Section:
    __pydantic_config__ = _STRICT
    id: Id
    name: dict[str, Annotated[str, Rule(pattern=r"^[a-zåäö][a-zåäö0-9_-]*$")]] | None = None
    """The id as shown and typed in each language (``--section prissättning``); the plain
    ``id`` is accepted in every language."""
    title: LStr
    intro: LStr | None = None
    questions: Annotated[list[Question], Rule(min_length=1)]


@_bank_class
class BankFile:
    """The whole ``questions.yaml``."""

    __pydantic_config__ = _STRICT
    version: Annotated[int, Rule(ge=1)]
    guide_points: dict[str, LStr]
    keysets: list[KeySet] = field(default_factory=list)
    kpi_catalogue: list[KpiDef] = field(default_factory=list)
    sections: Annotated[list[Section], Rule(min_length=1)]


@cache
def _bank_adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(BankFile)


def validate_bank(data: Any) -> BankFile:
    """Build a ``BankFile`` from parsed YAML, checking every rule above.

    Raises pydantic's ``ValidationError`` (the loader turns its first error into one line).
    pydantic is imported here only: a bank served from the cache never loads it.
    """
    return _bank_adapter().validate_python(data)


def bank_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``questions.yaml``, as pydantic derives it from the classes above."""
    return _bank_adapter().json_schema()
