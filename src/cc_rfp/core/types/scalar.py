"""One value: text, longtext, integer, decimal, percent, yesno and date.

Each is also a type a ``records`` field may have, so its check works on one cell.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from cc_rfp.core.bank_model import LANGUAGES, PATTERN_TEXT_LIMIT, Question
from cc_rfp.core.types.base import Problem, QuestionType
from cc_rfp.core.values import NUMBER_DIGITS, in_range, is_number, number_problem
from cc_rfp.i18n.messages import msg

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank
    from cc_rfp.core.bank_model import Choice, Field_

_PROMPTS = "cc_rfp.interview.prompts.scalar"


def _text_cell(spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    if isinstance(value, dict):  # a records cell holds one text (see core/bilingual.py)
        return [((), msg("text_cell_one_language", lang))]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return [((), msg("not_text", lang))]
    if isinstance(value, str):
        text = value
    elif not is_number(value):
        return [((), msg("unusable_number", lang, digits=NUMBER_DIGITS))]
    else:
        text = str(value)
    problems: list[Problem] = []
    if not text.strip():
        problems.append(((), msg("empty", lang)))
    pattern = getattr(spec, "pattern", None)
    # Cap the length before any regular expression sees the text: matching time grows with
    # it, and a pasted megabyte in an email field must not freeze anything.
    limit = getattr(spec, "max_length", None)
    if pattern and (limit is None or limit > PATTERN_TEXT_LIMIT):
        limit = PATTERN_TEXT_LIMIT
    if limit and len(text) > limit:
        problems.append(((), msg("too_long", lang, length=len(text), limit=limit)))
    elif pattern and not re.fullmatch(pattern, text):
        problems.append(((), msg("pattern", lang)))
    return problems


def _text_answer(bank: Bank, question: Question, value: Any, answers: Any, lang: str):
    """A whole text answer: one string, or ``{sv: …, en: …}`` with one or both languages,
    each checked like a plain text (length, pattern, not empty)."""
    if not isinstance(value, dict):
        return _text_cell(question, value, [], lang)
    if not value:
        return [((), msg("text_languages_empty", lang, languages=", ".join(LANGUAGES)))]
    problems: list[Problem] = []
    for key, text in value.items():
        if key not in LANGUAGES:
            name = str(key)[:40]
            known = ", ".join(LANGUAGES)
            problems.append(((), msg("text_language_key", lang, key=name, languages=known)))
            continue
        if not isinstance(text, str):  # a number in one language would be a mistake
            problems.append(((key,), msg("not_text", lang)))
            continue
        problems.extend(
            ((key, *path), problem) for path, problem in _text_cell(question, text, [], lang)
        )
    return problems


def _integer_cell(spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    problem = number_problem(value, lang, "not_integer")
    if problem is None and not float(value).is_integer():
        problem = msg("not_integer", lang)
    return [((), problem)] if problem else in_range(float(value), spec.min, spec.max, lang)


def _decimal_cell(spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    problem = number_problem(value, lang)
    return [((), problem)] if problem else in_range(float(value), spec.min, spec.max, lang)


def _percent_cell(spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    problem = number_problem(value, lang)
    if problem:
        return [((), problem)]
    low = 0 if spec.min is None else spec.min
    high = 100 if spec.max is None else spec.max
    return in_range(float(value), low, high, lang)


def _yesno_cell(spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    return [] if isinstance(value, bool) else [((), msg("not_bool", lang))]


def _date_cell(spec: Question | Field_, value: Any, choices: list[Choice], lang: str):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return []
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
            return []
        except ValueError:
            pass
    return [((), msg("not_date", lang))]


def _bounded(out: dict[str, Any], spec: Question | Field_) -> dict[str, Any]:
    if spec.min is not None:
        out["minimum"] = spec.min
    if spec.max is not None:
        out["maximum"] = spec.max
    return out


def _text_schema(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    out: dict[str, Any] = {"type": ["string", "number"]}
    limit = getattr(spec, "max_length", None)
    if getattr(spec, "pattern", None):
        # validate refuses a longer text before its pattern is tried; say so here too
        limit = min(limit or PATTERN_TEXT_LIMIT, PATTERN_TEXT_LIMIT)
        out = {"type": "string", "pattern": f"^(?:{spec.pattern})$"}
    if limit:
        out["maxLength"] = limit
    return _bounded(out, spec)


def _text_answer_schema(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    """One text, or the same text by language: ``{sv: …, en: …}`` with at least one key."""
    one = _text_schema(bank, spec)
    if not isinstance(spec, Question):  # a records cell: one string
        return one
    string = {k: v for k, v in one.items() if k not in ("minimum", "maximum")}
    string["type"] = "string"
    by_language = {
        "type": "object",
        "properties": {code: string for code in LANGUAGES},
        "additionalProperties": False,
        "minProperties": 1,
    }
    return {"anyOf": [one, by_language]}


def _integer_schema(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    return _bounded({"type": "integer"}, spec)


def _decimal_schema(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    return _bounded({"type": "number"}, spec)


def _percent_schema(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    return _bounded({"type": "number", "minimum": 0, "maximum": 100}, spec)


def _yesno_schema(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    return _bounded({"type": "boolean"}, spec)


def _date_schema(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    return _bounded({"type": "string", "format": "date"}, spec)


def cell_type(name: str, cell: Any, schema: Any, prompt: str, **flags: Any) -> QuestionType:
    """A type whose whole answer is one cell: the answer check is the cell check."""

    def check(bank: Bank, question: Question, value: Any, answers: Any, lang: str):
        return cell(question, value, bank.choices(question), lang)

    return QuestionType(name=name, check=check, cell=cell, schema=schema, prompt=prompt, **flags)


def text_type(name: str, **flags: Any) -> QuestionType:
    """A free-text type: a records cell is one string, a whole answer may be bilingual."""
    return QuestionType(
        name=name,
        check=_text_answer,
        cell=_text_cell,
        schema=_text_answer_schema,
        prompt=f"{_PROMPTS}:ask_text_question",
        **flags,
    )


TYPES = [
    text_type("text"),
    text_type("longtext", block=True),
    cell_type("integer", _integer_cell, _integer_schema, f"{_PROMPTS}:ask_number", numeric=True),
    cell_type("decimal", _decimal_cell, _decimal_schema, f"{_PROMPTS}:ask_number", numeric=True),
    cell_type("percent", _percent_cell, _percent_schema, f"{_PROMPTS}:ask_number", numeric=True),
    cell_type("yesno", _yesno_cell, _yesno_schema, f"{_PROMPTS}:ask_yesno"),
    cell_type("date", _date_cell, _date_schema, f"{_PROMPTS}:ask_date"),
]
