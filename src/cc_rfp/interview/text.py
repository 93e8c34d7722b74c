"""The interview's own words (menus, hints, notices) in every language of the bank.

Question texts come from the bank; everything else the interview says is an ``interview.*``
entry of the UI catalogue (``cc_rfp/i18n/ui/interview.yaml``), one file a translator can read
top to bottom. ``t`` is kept as the name the interview modules use.
"""

from __future__ import annotations

from typing import Any

from cc_rfp import i18n


def t(key: str, lang: str, **params: object) -> str:
    """The text ``interview.<key>`` in ``lang`` (an alias of ``i18n.t``)."""
    return i18n.t(f"interview.{key}", lang, **params)


def __getattr__(name: str) -> Any:
    """``STRINGS``: the ``interview.*`` entries as the former table, read on first use."""
    if name == "STRINGS":
        return i18n.table("interview")
    raise AttributeError(name)
