"""User-facing messages that are not part of the bank, in every language the bank has.

Validation messages are shared by ``cc-rfp validate`` and the interview, which shows them
inline in the interview's language.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "not_text": {"en": "must be text", "sv": "måste vara text"},
    "not_integer": {"en": "must be a whole number", "sv": "måste vara ett heltal"},
    "not_number": {"en": "must be a number", "sv": "måste vara ett tal"},
    "unusable_number": {
        "en": "is not a usable number (too large; use at most {digits} digits, like 1200 or 12.5)",
        "sv": "är inte ett användbart tal (för stort; högst {digits} siffror, som 1200 eller 12,5)",
    },
    "below_min": {"en": "must be at least {limit}", "sv": "måste vara minst {limit}"},
    "above_max": {"en": "must be at most {limit}", "sv": "får vara högst {limit}"},
    "too_long": {
        "en": "is too long ({length} characters, at most {limit})",
        "sv": "är för lång ({length} tecken, högst {limit})",
    },
    "pattern": {"en": "does not have the expected form", "sv": "har inte väntad form"},
    "not_choice": {
        "en": "{value} is not one of the choices ({known})",
        "sv": "{value} är inte ett av alternativen ({known})",
    },
    "not_list": {"en": "must be a list", "sv": "måste vara en lista"},
    "duplicate": {"en": "{value} is listed twice", "sv": "{value} finns två gånger"},
    "too_few": {"en": "needs at least {limit} entries", "sv": "behöver minst {limit} rader"},
    "too_many": {"en": "allows at most {limit} entries", "sv": "tillåter högst {limit} rader"},
    "not_bool": {"en": "must be yes or no (true/false)", "sv": "måste vara ja eller nej"},
    "not_date": {
        "en": "must be a date as YYYY-MM-DD",
        "sv": "måste vara ett datum som ÅÅÅÅ-MM-DD",
    },
    "not_mapping": {"en": "must be a mapping of keys to values", "sv": "måste vara nyckel: värde"},
    "unknown_key": {
        "en": "{key} is not one of the keys ({known})",
        "sv": "{key} är inte en av nycklarna ({known})",
    },
    "missing_key": {"en": "is missing '{key}'", "sv": "saknar '{key}'"},
    "sum": {
        "en": "adds up to {total}, expected about {expected}",
        "sv": "summerar till {total}, väntat cirka {expected}",
    },
    "bad_hours": {
        "en": "{value} is not HH:MM-HH:MM or closed",
        "sv": "{value} är inte TT:MM-TT:MM eller stängt",
    },
    "hours_order": {
        "en": "{value} must start before it ends",
        "sv": "{value} måste börja före slutet",
    },
    "ranking_incomplete": {
        "en": "must rank every item once (missing: {missing})",
        "sv": "måste rangordna varje alternativ en gång (saknas: {missing})",
    },
    "hours_missing_channel": {
        "en": "has no opening hours for {missing} (chosen in {channels_question}); add them "
        "or remove the channel there",
        "sv": "saknar öppettider för {missing} (vald i {channels_question}); lägg till dem "
        "eller ta bort kanalen där",
    },
    "required": {"en": "needs an answer", "sv": "behöver ett svar"},
    "empty": {"en": "is empty", "sv": "är tomt"},
    "bad_unknown": {
        "en": "an unknown answer is written as {{unknown: true}} (optionally with note: ...)",
        "sv": "ett okänt svar skrivs {{unknown: true}} (gärna med note: ...)",
    },
}


_KINDS: dict[str, dict[str, str]] = {
    "nothing": {"en": "nothing", "sv": "inget"},
    "yes": {"en": "yes", "sv": "ja"},
    "no": {"en": "no", "sv": "nej"},
    "list": {"en": "a list", "sv": "en lista"},
    "mapping": {"en": "a set of keys and values", "sv": "en samling nycklar och värden"},
    "huge": {"en": "a very large number", "sv": "ett mycket stort tal"},
    "value": {"en": "a value", "sv": "ett värde"},
}
SHOWN_LIMIT = 40
"""Longest piece of a user's value quoted back in a message."""


def shown(value: object, lang: str = "en") -> str:
    """A user's value as a message quotes it: text in quotes, anything else in people's words.

    Never Python's names (``None``, ``NoneType``, ``True``), and never a huge value whole:
    an integer of thousands of digits cannot even be turned into text.
    """
    import datetime as dt
    import math

    if value is None:
        kind = "nothing"
    elif isinstance(value, bool):
        kind = "yes" if value else "no"
    elif isinstance(value, int):
        kind = "huge" if abs(value) >= 10**15 else ""
        if not kind:
            return str(value)
    elif isinstance(value, float):
        kind = "huge" if not math.isfinite(value) or abs(value) >= 1e15 else ""
        if not kind:
            return repr(value)
    elif isinstance(value, str):
        flat = " ".join(value.split())
        if len(flat) > SHOWN_LIMIT:
            flat = flat[: SHOWN_LIMIT - 1] + "…"
        return f"'{flat}'"
    elif isinstance(value, dt.date):
        return f"'{value.isoformat()}'"
    elif isinstance(value, list):
        kind = "list"
    elif isinstance(value, dict):
        kind = "mapping"
    else:
        kind = "value"
    return pick(_KINDS, kind, lang)


def pick(catalogue: dict[str, dict[str, str]], key: str, lang: str, /, **params: object) -> str:
    """The entry ``key`` of a bilingual catalogue in ``lang`` (else English), filled in.

    Every catalogue of UI text (validation, interview, staffing) goes through here.
    """
    table = catalogue[key]
    return table.get(lang, table["en"]).format(**params)


def msg(message_id: str, lang: str = "en", **params: object) -> str:
    """A validation message in ``lang`` with its placeholders filled."""
    return pick(MESSAGES, message_id, lang, **params)
