"""Prompts for one-value questions: text, long text, numbers, dates, choices and yes/no."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cc_rfp.core import bilingual
from cc_rfp.core.answers import is_unknown
from cc_rfp.core.bank import text
from cc_rfp.core.bank_model import LANGUAGES
from cc_rfp.i18n.messages import msg
from cc_rfp.interview.ask import KEYS, NO_DEFAULT, Special, ask_checkbox, ask_select, ask_text
from cc_rfp.interview.prompts.base import (
    Asking,
    choices_for,
    echoed_number,
    number_text,
    number_validator,
    range_text,
    required_hint,
    shown_value,
    text_validator,
    to_number,
    yes_no,
)

BOTH_LANGUAGES = "tender_both_languages"
"""The yes/no question: the client wants the tender in Swedish and in English."""

DATE_RE = re.compile(r"^\s*(\d{4})[-./](\d{1,2})[-./](\d{1,2})\s*$")


def _instruction(a: Asking, *extra: str) -> str | None:
    """What to type, in brackets after the question: unit, range, what Enter does."""
    parts = [p for p in extra if p]
    if is_unknown(a.current):
        parts.append(a.ui.t("enter_keeps_unknown"))
        if a.suggested is not None:
            shown = shown_value(a.bank, a.question, a.suggested, a.lang)
            parts.append(a.ui.t("suggested_hint", value=shown))
    elif a.current is None and not a.question.required and a.start in (None, ""):
        parts.append(a.ui.t("enter_skips"))
    return f"({', '.join(parts)})" if parts else None


def _empty(a: Asking) -> Any:
    """An empty answer keeps "don't know yet", else leaves an optional question open."""
    return a.current if is_unknown(a.current) else Special.SKIP


def _empty_ok(a: Asking) -> bool:
    return is_unknown(a.current) or not a.question.required


def _both_languages(a: Asking) -> bool:
    """Whether to offer the text in the other language too (core/bilingual.py).

    When the client wants the tender in both languages, for free text without a fixed form
    (an email address or a time is the same in both); and always when the file already holds
    a text by language, so a revisit shows, and on Enter keeps, both.
    """
    if isinstance(a.current, dict):
        return True
    return a.known.get(BOTH_LANGUAGES) is True and not getattr(a.question, "pattern", None)


def ask_text_question(a: Asking) -> Any:
    """Text, or long text that ends with an empty line; then, when the tender is wanted in
    both languages, the same text in the other language (Enter skips it)."""
    q = a.question
    multiline = q.type == "longtext"
    start = a.start
    both = _both_languages(a)
    if isinstance(start, dict):
        default = start.get(a.lang) if isinstance(start.get(a.lang), str) else ""
    else:
        default = str(start) if isinstance(start, (str, int, float)) else ""
    hint = a.ui.t("longtext_hint") if multiline else ""
    # a file holding only the other language's text may leave this language empty
    empty_ok = _empty_ok(a) or (isinstance(start, dict) and bool(bilingual.texts(start)))
    while True:
        result = a.helped(
            lambda typed=default: ask_text(
                a.ui,
                a.title,
                default=typed,
                validate=text_validator(q, a.lang, empty_ok=empty_ok),
                instruction=_instruction(a, hint),
                multiline=multiline,
            )
        )
        if isinstance(result, Special):
            return result
        cleaned = result.strip("\n").rstrip() if multiline else result.strip()
        if not both:
            return cleaned if cleaned.strip() else _empty(a)
        second = _ask_other_language(a, start, multiline)
        if second is Special.BACK:
            default = cleaned  # back to this language's text, as just typed
            continue
        if isinstance(second, Special):
            return second
        return _joined(a, start, cleaned, second)


def _ask_other_language(a: Asking, start: Any, multiline: bool) -> str | Special:
    """The sub-prompt for the other language's text ("" when skipped with Enter)."""
    other = next(code for code in LANGUAGES if code != a.lang)
    default = start.get(other, "") if isinstance(start, dict) else ""
    default = default if isinstance(default, str) else ""
    names = {"sv": a.ui.t("language_name_sv"), "en": a.ui.t("language_name_en")}
    title = a.ui.t("text_other_language", language=names[other])
    hint = a.ui.t("longtext_hint") if multiline else ""
    parts = [p for p in (hint, a.ui.t("enter_skips")) if p]
    result = a.helped(
        lambda: ask_text(
            a.ui,
            title,
            default=default,
            validate=text_validator(a.question, a.lang, empty_ok=True),
            instruction=f"({', '.join(parts)})",
            multiline=multiline,
        )
    )
    if isinstance(result, Special):
        return result
    return result.strip("\n").rstrip() if multiline else result.strip()


def _joined(a: Asking, start: Any, first: str, second: str) -> Any:
    """The answer to save: a mapping by language, or the plain text when only one was given
    and the file did not hold a mapping (so Enter, Enter on a plain text keeps it plain)."""
    other = next(code for code in LANGUAGES if code != a.lang)
    by_language = {code: text for code, text in ((a.lang, first), (other, second)) if text}
    if not by_language:
        return _empty(a)
    if not isinstance(start, dict) and not second:
        return first
    return {code: by_language[code] for code in LANGUAGES if code in by_language}


def ask_number(a: Asking) -> Any:
    """Numbers as people type them: "1 200", "12,5", "80 %", and with the question's unit
    in any spelling ("330 s", "5:30", "5 min", "24 h", "2 dagar", "500 kr"); the answer line
    echoes what the figure was read as."""
    q = a.question
    unit = a.unit() or ("%" if q.type == "percent" else "")
    limits = range_text(q.min, q.max, a.lang)
    result = a.helped(
        lambda: ask_text(
            a.ui,
            a.title,
            default=number_text(a.start, a.lang),
            validate=number_validator(q.type, q, a.lang, empty_ok=_empty_ok(a)),
            instruction=_instruction(a, unit, limits),
            shown=echoed_number(q.type, q, a.lang),
        )
    )
    if isinstance(result, Special):
        return result
    return to_number(q.type, result, q) if result.strip() else _empty(a)


def parse_date(typed: str) -> dt.date:
    """YYYY-MM-DD, also with one-digit month or day and . or / between the parts."""
    match = DATE_RE.match(typed)
    if not match:
        raise ValueError(typed)
    year, month, day = (int(g) for g in match.groups())
    return dt.date(year, month, day)


def ask_date(a: Asking) -> Any:
    lang = a.lang

    def check(typed: str) -> bool | str:
        if not typed.strip():
            return True if _empty_ok(a) else required_hint(lang)
        try:
            parse_date(typed)
        except ValueError:
            return f"{typed.strip()}: {msg('not_date', lang)}"
        return True

    start = a.start
    default = start.isoformat() if isinstance(start, dt.date) else str(start or "")
    result = a.helped(
        lambda: ask_text(
            a.ui,
            a.title,
            default=default,
            validate=check,
            instruction=_instruction(a, a.ui.t("date_format")),
        )
    )
    if isinstance(result, Special):
        return result
    return parse_date(result).isoformat() if result.strip() else _empty(a)


def _or_none(value: Any) -> Any:
    return NO_DEFAULT if value is None else value


def ask_choice(a: Asking) -> Any:
    options = [(text(c.label, a.lang), c.value) for c in choices_for(a.bank, a.question, a.known)]
    default = Special.UNKNOWN if is_unknown(a.current) else _or_none(a.start)
    return a.helped(lambda: ask_select(a.ui, a.title, options, default=default, specials=KEYS))


def ask_yesno(a: Asking) -> Any:
    default = Special.UNKNOWN if is_unknown(a.current) else _or_none(a.start)
    return a.helped(lambda: ask_select(a.ui, a.title, yes_no(a.ui), default=default, specials=KEYS))


def ask_multichoice(a: Asking) -> Any:
    q = a.question
    options = [(text(c.label, a.lang), c.value) for c in choices_for(a.bank, q, a.known)]
    start = a.start if isinstance(a.start, list) else []
    needs_one = q.required or (q.min_items or 0) >= 1
    if len(options) == 1 and a.current is None and needs_one:
        # The only option of a list that needs a pick (required, or at least one item, as
        # the service languages): ticked, so Enter takes it instead of "needs at least 1".
        start = [options[0][1]]

    keep_unknown = is_unknown(a.current)

    def check(picked: list[Any]) -> bool | str:
        if not picked and keep_unknown:
            return True
        if q.required and not picked:
            return required_hint(a.lang)
        if q.min_items is not None and len(picked) < q.min_items:
            return msg("too_few", a.lang, limit=q.min_items)
        if q.max_items is not None and len(picked) > q.max_items:
            return msg("too_many", a.lang, limit=q.max_items)
        return True

    result = a.helped(lambda: ask_checkbox(a.ui, a.title, options, checked=start, validate=check))
    if result == [] and keep_unknown:
        return a.current
    return result
