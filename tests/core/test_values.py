"""Numbers and opening hours the way people type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cc_rfp.core.values import format_number, parse_hours, parse_number


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1 200", 1200),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1\u00a0200,75", 1200.75),
        ("1,200.5", 1200.5),
        ("1.200,5", 1200.5),
        ("80 %", 80),
        ("-3", -3),
    ],
)
def test_parse_number(typed, value):
    assert parse_number(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["", "abc", "nan", "inf", "1,2,3.4.5"])
def test_parse_number_rejects(typed):
    with pytest.raises(ValueError):
        parse_number(typed)


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.sampled_from(["sv", "en"]))
def test_formatted_numbers_read_back(value, lang):
    assert parse_number(format_number(value, lang, 2)) == pytest.approx(round(value, 2), abs=0.01)


def test_parse_hours():
    assert parse_hours("08:00-17:00") == (480, 1020)
    assert parse_hours("8:30 – 24:00") == (510, 1440)
    assert parse_hours("closed") is None
    for bad in ("17:00-08:00", "25:00-26:00", "08-17", "08:00-08:00"):
        with pytest.raises(ValueError):
            parse_hours(bad)
