"""Issue 12 through prompt_toolkit's pipe input: figures typed as people type them, revisits
that change nothing by themselves, and help and "don't know yet" inside KPI rows."""

from __future__ import annotations

from typing import Any

import pytest
from interview_support import DOWN, ENTER, write_bank
from test_interview_prompts import ask, valid

from cc_rfp.core.answers import Unknown
from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.interview.ask import Special
from cc_rfp.interview.prompts.base import number_validator


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_bank(tmp_path_factory.mktemp("bank")))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("330 s", 330), ("5:30", 330), ("5 min", 300), ("5,5 min", 330), ("330", 330)],
)
def test_handling_time_with_units(bank: Bank, typed: str, expected: int) -> None:
    result, shown = ask(bank, "aht_phone", typed + ENTER)
    assert result == expected
    if typed != "330":
        assert f"{typed} → {expected} seconds" in shown  # the answer line says how it was read


def test_wrong_unit_is_named_not_ignored(bank: Bank) -> None:
    result, _ = ask(bank, "aht_phone", "5 kr" + ENTER + "\x15" + "300" + ENTER)
    assert result == 300
    check = number_validator("integer", bank.questions["aht_phone"], "en", empty_ok=True)
    assert check("5 kr") == "5 kr: is in another unit than the question's (seconds)"
    sv = number_validator("integer", bank.questions["aht_phone"], "sv", empty_ok=True)
    assert sv("2 h") is True  # 7 200 seconds, the question's maximum
    assert sv("3 h").startswith("3 h: får vara högst")


def test_revisited_unknown_keeps_unknown_even_with_a_default(bank: Bank) -> None:
    current = Unknown("ask finance")
    result, shown = ask(bank, "aht_phone", ENTER, current=current, suggested=240)
    assert result == current
    assert "suggested: 240" in shown


def test_typing_replaces_a_prefilled_answer(bank: Bank) -> None:
    result, _ = ask(bank, "aht_phone", "300" + ENTER, current=240)
    assert result == 300  # not 240300


def test_table_row_replaces_and_one_figure_fills_every_month(bank: Bank) -> None:
    old = dict.fromkeys(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 900
    )
    keys = DOWN + ENTER + "4 000/mån" + ENTER + ENTER  # paste a row; every month; keep
    result, _ = ask(bank, "volume_phone", keys, current=old)
    assert set(result.values()) == {4000} and len(result) == 12


def test_table_thousands_spaces(bank: Bank) -> None:
    row = "21 000 19 500 16 000 13 000 11 000 9 500 8 000 9 000 11 500 14 000 17 500 20 500"
    result, _ = ask(bank, "volume_phone", ENTER + row + ENTER + ENTER)
    assert result["jan"] == 21000 and result["dec"] == 20500


def test_unlikely_month_is_not_kept_on_enter(bank: Bank) -> None:
    row = "; ".join(["1 000"] * 11 + ["205 000"])
    saved: list[Any] = []
    keys = ENTER + row + ENTER + ENTER  # Enter at "Is this right?" now means "enter again"
    keys += ENTER + "; ".join(["1 000"] * 11 + ["2 050"]) + ENTER + ENTER
    result, shown = ask(bank, "volume_phone", keys, saved=saved)
    assert "is 205 times the median month" in shown
    assert result["dec"] == 2050


def _kpi_keys(first_target: str) -> str:
    keys = ENTER  # add
    keys += ENTER  # service level
    keys += DOWN + ENTER  # phone
    keys += first_target + ENTER
    return keys


def test_service_level_typed_as_80_60(bank: Bank) -> None:
    keys = _kpi_keys("80/60") + ENTER + ENTER + ENTER + ENTER + ENTER
    result, shown = ask(bank, "kpi_targets", keys)
    assert result[0]["percent"] == 80 and result[0]["seconds"] == 60
    assert "80/60 → 80% within 60 s" in shown
    assert valid(bank, "kpi_targets", result)


def test_service_level_typed_in_words(bank: Bank) -> None:
    keys = _kpi_keys("80 % inom 60 s") + ENTER + ENTER + ENTER + ENTER + ENTER
    result, _ = ask(bank, "kpi_targets", keys, lang="sv")
    assert (result[0]["percent"], result[0]["seconds"]) == (80, 60)


def test_asa_typed_with_a_unit(bank: Bank) -> None:
    keys = ENTER + DOWN + ENTER + ENTER + "30 s" + ENTER + ENTER + ENTER + ENTER + ENTER + ENTER
    result, _ = ask(bank, "kpi_targets", keys)
    assert result[0]["seconds"] == 30


def test_help_in_a_kpi_row_target(bank: Bank) -> None:
    keys = _kpi_keys("?") + "80" + ENTER + "20" + ENTER + ENTER + ENTER + ENTER + ENTER + ENTER
    result, shown = ask(bank, "kpi_targets", keys)
    assert "Share answered within y seconds." in shown  # the KPI's definition
    assert "80/60 or 80%" in shown
    assert "must be a number" not in shown
    assert result[0]["percent"] == 80


def test_dont_know_in_a_kpi_row_target(bank: Bank) -> None:
    asa = {"kpi": "asa", "seconds": 30, "level": "desirable"}
    keys = "\x1b[A\x1b[A\x1b[A" + _kpi_keys("!")  # the menu starts on Done: up to "add"
    keys += ENTER  # keep the suggested note
    result, shown = ask(bank, "kpi_targets", keys, current=[asa])
    assert isinstance(result, Unknown)
    assert "Service level" in result.note and "Average speed of answer" in result.note
    assert result is not Special.UNKNOWN
    assert "must be a number" not in shown
