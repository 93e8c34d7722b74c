"""Unlikely figures and figures beyond bounds (core/plausibility), and figures with units
(core/values.parse_quantity), as validate and the interview read them (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given
from hypothesis import strategies as st

from cc_rfp.core.values import parse_quantity, parse_service_level, per_month, unit_kind

DATA = Path(__file__).parents[1] / "data" / "partial-utility.yaml"


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("330 s", "seconds", 330),
        ("5:30", "seconds", 330),
        ("5 min", "seconds", 300),
        ("30 sek", "seconds", 30),
        ("1 h 30 min", "seconds", 5400),
        ("24 h", "hours", 24),
        ("2 dagar", "hours", 48),
        ("1:30", "hours", 1.5),
        ("48 h", "days", 2),
        ("500 kr", "money", 500),
        ("21 000", None, 21000),
        ("80 %", "percent", 80),
        ("1 år", "months", 12),
    ],
)
def test_parse_quantity(typed: str, kind: str | None, value: float) -> None:
    assert parse_quantity(typed, kind) == pytest.approx(value)


@pytest.mark.parametrize(("typed", "kind"), [("5 kr", "seconds"), ("3 h", "money"), ("4 s", None)])
def test_a_unit_of_another_kind_is_refused(typed: str, kind: str | None) -> None:
    with pytest.raises(ValueError, match="unit"):
        parse_quantity(typed, kind)


def test_service_levels_and_per_month() -> None:
    assert parse_service_level("80/60") == (80, 60)
    assert parse_service_level("80 % inom 60 s") == (80, 60)
    assert parse_service_level("90% within 1 min") == (90, 60)
    assert parse_service_level("80") is None
    assert per_month("4 000/mån") == "4 000" and per_month("4000 per month") == "4000"


def test_unit_kinds_of_bank_labels() -> None:
    assert unit_kind({"en": "seconds"}) == "seconds"
    assert unit_kind({"en": "SEK per case"}) == "money"
    assert unit_kind({"en": "customers per year"}) is None
    assert unit_kind({"en": "working days"}) == "days"


@given(st.integers(min_value=0, max_value=99), st.integers(min_value=0, max_value=59))
def test_clock_is_minutes_and_seconds(minutes: int, seconds: int) -> None:
    assert parse_quantity(f"{minutes}:{seconds:02d}", "seconds") == minutes * 60 + seconds


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_spaces_and_kronor(amount: int) -> None:
    grouped = f"{amount:,}".replace(",", " ")
    assert parse_quantity(f"{grouped} kr", "money") == amount
    assert parse_quantity(grouped, None) == amount


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(["s", "min", "h", "dagar"]))
def test_time_units_scale(number: int, unit: str) -> None:
    factor = {"s": 1, "min": 60, "h": 3600, "dagar": 86400}[unit]
    assert parse_quantity(f"{number} {unit}", "seconds") == number * factor


def _validate(tmp_path: Path, old: str, new: str) -> tuple[int, str]:
    text = DATA.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "a.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = run_cli("validate", str(path))
    return result.returncode, result.stdout


def _line_of(tmp_path: Path, needle: str) -> int:
    lines = (tmp_path / "a.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_validate_warns_about_an_implausible_month(tmp_path: Path) -> None:
    _, out = _validate(tmp_path, "    dec: 20500", "    dec: 205000")
    line = _line_of(tmp_path, "dec: 205000")
    assert f"a.yaml:{line}: volume_phone.dec: warning: is 15 times the median month" in out
    assert "volume_phone.dec" in out


def test_validate_refuses_a_month_beyond_bounds(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, "    dec: 20500", "    dec: 2050000000")
    line = _line_of(tmp_path, "dec: 2050000000")
    assert code == 1
    assert f"a.yaml:{line}: volume_phone.dec: is more than 100,000,000 contacts" in out
    assert "warning" not in out.split("volume_phone.dec")[1].split("\n")[0]
