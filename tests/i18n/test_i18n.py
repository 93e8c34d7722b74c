"""The language layer: complete catalogues, keys the code uses exist, one number rule per language.

Every text the program says is a catalogue entry (``src/cc_rfp/i18n/ui/*.yaml`` for the UI,
``templates/text/*.yaml`` for the document); a translator's missing column or a renamed
placeholder must fail here, not in front of a consultant.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cc_rfp import i18n
from cc_rfp.document.catalog import placeholders, read_folder
from cc_rfp.i18n.numbers import (
    ANSWER,
    REPORT,
    format_number,
    format_percent,
    percent_number,
)

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "cc_rfp"
LANGS = {"sv", "en"}

CATALOGUES = {
    "ui": read_folder(i18n.UI_DIR, i18n.UI_DIR),
    "templates": read_folder(ROOT / "templates" / "text", ROOT / "templates"),
}
"""Read straight from the files (not through the on-disk cache) so the test sees the source."""


# ------------------------------------------------------------------------- completeness


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_every_key_exists_in_every_language_with_the_same_placeholders(name: str) -> None:
    entries = CATALOGUES[name]
    assert entries, name
    for key, texts in entries.items():
        assert set(texts) == LANGS, f"{name}: {key}: languages {sorted(texts)}"
        names = {lang: placeholders(text) for lang, text in texts.items()}
        assert names["sv"] == names["en"], f"{name}: {key}: {names}"
        for lang, text in texts.items():
            assert text.strip() or key.startswith("common."), f"{name}: {key}: {lang} is empty"


def test_ui_keys_carry_their_area() -> None:
    """The prefix says which caller a key belongs to: an area named by a catalogue file, or
    ``msg``/``value`` for what validation says (the aliases add those)."""
    from cc_rfp.i18n import UI_DIR

    areas = {path.stem for path in UI_DIR.glob("*.yaml")} | {"msg", "value"}
    for key in CATALOGUES["ui"]:
        assert "." in key and key.split(".", 1)[0] in areas, key


def test_the_loader_serves_the_files() -> None:
    """What ``t`` reads (through the cache) is what the files say."""
    assert i18n.entries() == CATALOGUES["ui"]


# ------------------------------------------------------------------------- keys the code uses

_LOOKUPS = {
    # call pattern (the key follows as a string literal)      -> prefix of the catalogue key
    r"\bmsg\(\s*": "msg.",
    r"\bsay\(\s*": "staffing.",
    r"\bi18n\.t\(\s*": "",
}
_INTERVIEW = r"(?:\bui\.|(?<![\w.]))t\(\s*"
"""The interview's ``t``/``ui.t`` (only in the interview's modules)."""


def _python_sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _used_keys() -> tuple[set[str], set[str]]:
    """Literal keys, and the literal prefixes of f-string keys (``say(f"model_{m}"``)."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for path in _python_sources():
        source = path.read_text(encoding="utf-8")
        calls = dict(_LOOKUPS)
        if "interview" in path.parts or path.parts[-2:] == ("commands", "interview.py"):
            calls[_INTERVIEW] = "interview."
        for call, prefix in calls.items():
            for key in re.findall(call + r"[\"']([a-z_][\w.]*)[\"']", source):
                keys.add(prefix + key)
            for start in re.findall(call + r"f[\"']([a-z_][\w.]*)\{", source):
                prefixes.add(prefix + start)
    return keys, prefixes


def test_every_key_the_code_uses_exists() -> None:
    keys, prefixes = _used_keys()
    assert len(keys) > 150, "the scan found too few keys; did a lookup name change?"
    ui = CATALOGUES["ui"]
    assert keys <= set(ui), sorted(keys - set(ui))
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in ui), f"no key starts with {prefix}"


def test_no_phrase_table_is_left_in_the_code() -> None:
    """Bilingual text lives in catalogues only: no ``{"sv": …, "en": …}`` dict in src/."""
    pattern = re.compile(r"[\"'](?:sv|en)[\"']\s*:\s*[\"']")
    found = [
        f"{path.relative_to(SRC)}:{number}"
        for path in _python_sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, found


# ------------------------------------------------------------------------- lookup


def test_t_fills_named_placeholders_once_and_leaves_other_braces() -> None:
    assert i18n.t("msg.below_min", "sv", limit=3) == "måste vara minst 3"
    assert "{unknown: true}" in i18n.t("msg.bad_unknown", "en")
    assert i18n.t("msg.duplicate", "en", value="'{value}'") == "'{value}' is listed twice"


def test_t_refuses_a_missing_value_and_an_unknown_key() -> None:
    with pytest.raises(KeyError, match="limit"):
        i18n.t("msg.below_min", "en")
    with pytest.raises(KeyError):
        i18n.t("msg.no_such_message", "en")


def test_the_old_names_are_aliases_of_t() -> None:
    from cc_rfp.i18n.messages import msg
    from cc_rfp.interview.text import t as interview_t
    from cc_rfp.staffing.texts import say

    assert msg("required", "sv") == i18n.t("msg.required", "sv")
    assert interview_t("saved", "en", count=2, path="a.yaml") == i18n.t(
        "interview.saved", "en", count=2, path="a.yaml"
    )
    assert say("r_total", "sv") == i18n.t("staffing.r_total", "sv") == "Totalt"


@pytest.mark.e2e
def test_importing_the_language_layer_reads_no_catalogue() -> None:
    """``cc-rfp --help`` imports these modules' callers; the YAML must wait for a lookup."""
    code = (
        "import sys, cc_rfp.i18n, cc_rfp.i18n.messages, cc_rfp.interview.text, "
        "cc_rfp.staffing.texts, cc_rfp.i18n.numbers\n"
        "assert cc_rfp.i18n.entries.cache_info().currsize == 0\n"
        "assert 'cc_rfp.document.catalog' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# ------------------------------------------------------------------------- numbers

NUMBERS = [
    # value, decimals, style, sv, en
    (0, None, ANSWER, "0", "0"),
    (1234567, None, ANSWER, "1\u00a0234\u00a0567", "1,234,567"),
    (12.5, None, ANSWER, "12,5", "12.5"),
    (0.25, None, ANSWER, "0,25", "0.25"),
    (-1234.5, None, ANSWER, "-1\u00a0234,5", "-1,234.5"),
    (2.675, 2, ANSWER, "2,67", "2.67"),  # the float's exact value is below the tie
    (0.5, 0, ANSWER, "0", "0"),  # a true tie goes to even
    (1.5, 0, ANSWER, "2", "2"),
    (12.5, None, REPORT, "12", "12"),  # computed figures from 10 up: no decimals
    (3.25, None, REPORT, "3,2", "3.2"),
    (1234.56, 1, REPORT, "1\u00a0234,6", "1,234.6"),
    (math.inf, None, ANSWER, "∞", "∞"),
    (-math.inf, None, REPORT, "-∞", "-∞"),
    (math.nan, None, ANSWER, "?", "?"),
    (10**400, None, ANSWER, "∞", "∞"),  # an integer beyond float never raises
]


@pytest.mark.parametrize(("value", "decimals", "style", "sv", "en"), NUMBERS)
def test_numbers_follow_one_rule_per_language(value, decimals, style, sv, en) -> None:
    assert format_number(value, "sv", decimals, style=style) == sv
    assert format_number(value, "en", decimals, style=style) == en


@pytest.mark.parametrize(
    ("fraction", "decimals", "sv", "en"),
    [
        (0.8, None, "80 %", "80%"),
        (0.29, None, "29 %", "29%"),  # 28.999999999999996 is not given a decimal
        (0.883, None, "88 %", "88%"),
        (0.0525, None, "5,2 %", "5.2%"),
        (0.883, 1, "88,3 %", "88.3%"),
        (12.345, None, "1\u00a0234 %", "1,234%"),
    ],
)
def test_percentages_follow_the_same_rule(fraction, decimals, sv, en) -> None:
    assert format_percent(fraction, "sv", decimals) == sv
    assert format_percent(fraction, "en", decimals) == en


def test_every_formatter_is_the_one_formatter() -> None:
    """The document, the interview, validation and staffing all end in i18n.numbers."""
    from cc_rfp.core import values
    from cc_rfp.document import view as document
    from cc_rfp.interview import charts
    from cc_rfp.staffing import texts

    assert values.format_number is format_number
    assert document.format_number is format_number
    assert charts.format_number is format_number
    for value in (0.8, 0.29, 0.0525, 1.0, 12.345):
        assert texts.pct(value, "sv") == percent_number(value, "sv")
        assert texts.num(value * 100, "en") == format_number(value * 100, "en", style=REPORT)


def test_an_unknown_language_writes_numbers_as_english() -> None:
    assert format_number(1234.5, "de") == "1,234.5"
