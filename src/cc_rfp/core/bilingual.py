"""Free-text answers in both languages: ``{sv: "…", en: "…"}`` (one or both) or a plain string.

A client who wants the tender in Swedish and in English may write a text or longtext answer
twice. The document in one language prints that language's text when there is one and else
the other (and then says once that quoted text is in the other language). A plain string stays
valid and means "written in the answers file's language", so older files need no migration.

Only whole text and longtext answers take the mapping: a cell of a ``records`` table stays one
string, because names there (quality criteria, case types) are keys other files refer to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from cc_rfp.core.bank_model import LANGUAGES

if TYPE_CHECKING:
    from cc_rfp.core.answers import Answers
    from cc_rfp.core.bank import Bank

TEXT_TYPES = ("text", "longtext")
"""Question types whose answer may be a mapping by language."""


def is_bilingual(value: Any) -> bool:
    """Whether ``value`` is a language mapping (a dict), right or wrong in its keys."""
    return isinstance(value, dict)


def texts(value: Any) -> dict[str, str]:
    """The non-empty texts of a mapping by language, in the order of ``LANGUAGES``."""
    if not isinstance(value, dict):
        return {}
    return {
        lang: value[lang]
        for lang in LANGUAGES
        if isinstance(value.get(lang), str) and value[lang].strip()
    }


def pick(value: Any, lang: str, written: str | None = None) -> tuple[Any, str | None]:
    """The text to print in a document in ``lang`` and the language it is written in.

    A mapping gives its ``lang`` text, else the other one; a plain answer is returned as it is
    with ``written`` (the answers file's language, None when the file does not say).
    """
    if not isinstance(value, dict):
        return value, written
    found = texts(value)
    if lang in found:
        return found[lang], lang
    for other, text in found.items():
        return text, other
    return "", None


@dataclass(frozen=True)
class Localized:
    """Answers with every bilingual text reduced to one string, and where each came from."""

    answers: Answers
    written_in: dict[str, str | None]
    """Per text question that has a text: the language the printed text is in."""


def localize(bank: Bank, answers: Answers, lang: str) -> Localized:
    """A copy of ``answers`` whose text answers are plain strings for a document in ``lang``.

    Everything downstream of this (the document view, the staffing plan, the checks, the
    memo) reads strings as before; ``written_in`` lets the document say once that a quoted
    text is in the other language.
    """
    values = dict(answers.values)
    written_in: dict[str, str | None] = {}
    for qid, question in bank.questions.items():
        if question.type not in TEXT_TYPES or qid not in values:
            continue
        value = values[qid]
        if isinstance(value, dict):
            values[qid], written_in[qid] = pick(value, lang)
        elif isinstance(value, str):
            written_in[qid] = answers.language
    return Localized(replace(answers, values=values), written_in)
