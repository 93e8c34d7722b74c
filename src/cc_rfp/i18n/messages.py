"""Validation messages: shared by ``cc-rfp validate`` and the interview, which shows them
inline in the interview's language.

The texts are the ``msg.*`` and ``value.*`` entries of the UI catalogue
(``cc_rfp/i18n/ui/messages.yaml``); ``msg`` is kept as the short name the validators use.
"""

from __future__ import annotations

from typing import Any

from cc_rfp.i18n import t

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
    return t(f"value.{kind}", lang)


def msg(message_id: str, lang: str = "en", **params: object) -> str:
    """The validation message ``msg.<message_id>`` (an alias of ``i18n.t``)."""
    return t(f"msg.{message_id}", lang, **params)


def __getattr__(name: str) -> Any:
    """``MESSAGES``: the ``msg.*`` entries as the former table, read on first use."""
    if name == "MESSAGES":
        from cc_rfp.i18n import table

        return table("msg")
    raise AttributeError(name)
