"""The language layer: which language to speak, the UI text catalogue and its one lookup ``t``.

Every sentence the program says outside the document (validation messages, the interview, the
staffing report) is an entry of ``i18n/ui/*.yaml``, in the same format as the document's
``templates/text/*.yaml`` (``key: {sv: "…", en: "…"}`` with ``{name}`` placeholders) and read by
the same loader (``cc_rfp.document.catalog.read_folder``, through the on-disk cache).
Keys carry their area as a prefix: ``msg.*`` validation, ``value.*`` a value named in words,
``interview.*``, ``staffing.*``. Numbers, percentages and durations are formatted by
``cc_rfp.i18n.numbers``, one rule per language.

The catalogue is read on the first lookup, never at import: ``cc-rfp --help`` stays fast.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from cc_rfp.core.bank_model import LANGUAGES
from cc_rfp.errors import InputError

UI_DIR = Path(__file__).with_name("ui")
"""The UI catalogue files; shipped inside the package (``src/cc_rfp`` is the wheel's package)."""

FALLBACK = "en"
"""The language of an entry that lacks the asked one (tests keep every entry complete)."""

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")
"""``{name}``; anything else in braces (``{unknown: true}``) is text."""


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


@lru_cache(maxsize=1)
def entries() -> dict[str, dict[str, str]]:
    """Every UI entry, read once per process (the YAML itself once per change, via the cache)."""
    from cc_rfp.document.catalog import read_folder

    return read_folder(UI_DIR)


def fill(text: str, key: str, values: dict[str, object]) -> str:
    """``text`` with each ``{name}`` replaced by ``str(values[name])``; one pass, so a value
    that itself holds braces is never filled again."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"text key '{key}' needs a value for {{{name}}}")
        return str(values[name])

    return _PLACEHOLDER.sub(one, text)


def t(key: str, lang: str, /, **values: object) -> str:
    """The UI text ``key`` in ``lang`` (English if that column is missing), filled in.

    A key that is not in the catalogue is a KeyError: a programming error the completeness
    test (tests/i18n/test_i18n.py) catches before it ships.
    """
    texts = entries()[key]
    return fill(texts.get(lang, texts[FALLBACK]), key, values)


def table(prefix: str) -> dict[str, dict[str, str]]:
    """The entries under ``prefix.`` without it: the old per-area tables, for tests and tools."""
    start = prefix + "."
    return {key[len(start) :]: dict(v) for key, v in entries().items() if key.startswith(start)}
