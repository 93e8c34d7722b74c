"""How the staffing modules speak: ``say`` a catalogue entry, format a figure.

Every sentence is a ``staffing.*`` entry of the UI catalogue
(``cc_rfp/i18n/ui/staffing.yaml``), the two languages side by side; the modules only pick a
key and fill in figures formatted here by the language layer's one rule (the ``REPORT``
style of ``cc_rfp.i18n.numbers``: computed figures, fewer decimals than typed answers).
"""

from __future__ import annotations

from typing import Any

from cc_rfp import i18n
from cc_rfp.i18n.numbers import REPORT, format_number, format_percent, percent_number


def say(key: str, lang: str, **params: object) -> str:
    """The sentence ``staffing.<key>`` in ``lang`` (an alias of ``i18n.t``)."""
    return i18n.t(f"staffing.{key}", lang, **params)


def has(key: str) -> bool:
    """Whether ``staffing.<key>`` is in the catalogue (a built-in channel name, say)."""
    return f"staffing.{key}" in i18n.entries()


def num(value: float, lang: str, decimals: int | None = None) -> str:
    """A computed figure for a sentence."""
    return format_number(value, lang, decimals, style=REPORT)


def pct(fraction: float, lang: str, decimals: int | None = None) -> str:
    """A fraction as a percentage figure (0.8 → "80"), without the % sign."""
    return percent_number(fraction, lang, decimals)


def percent(fraction: float, lang: str, decimals: int | None = None) -> str:
    """A fraction as a percentage with the language's sign: "88.3%" or "88,3 %"."""
    return format_percent(fraction, lang, decimals)


def join(items: list[str], lang: str) -> str:
    """ "a, b and c" in the language."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {say('and', lang)} " + items[-1]


def __getattr__(name: str) -> Any:
    """``TEXTS``: the ``staffing.*`` entries as the former table, read on first use."""
    if name == "TEXTS":
        return i18n.table("staffing")
    raise AttributeError(name)
