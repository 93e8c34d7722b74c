"""Choosing the language of a document or an interview."""

from __future__ import annotations

import os

from cc_rfp.bank_model import LANGUAGES
from cc_rfp.errors import InputError


def resolve_lang(option: str | None, file_lang: str | None = None) -> str:
    """``--lang`` wins, then the answers file's language, then the locale, then English."""
    if option:
        if option not in LANGUAGES:
            raise InputError(f"--lang {option}: use one of {', '.join(LANGUAGES)}")
        return option
    if file_lang in LANGUAGES:
        return str(file_lang)
    for var in ("LC_ALL", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"
