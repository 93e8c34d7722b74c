"""Every question type, driven through prompt_toolkit's pipe input (as questionary tests do).

Each test types what a person would type and checks the value that would be saved; invalid
input is typed first where it matters, and the inline message comes from the same validator
the prompt uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from interview_support import (
    CTRL_C,
    CTRL_D,
    DOWN,
    ENTER,
    SPACE,
    UP,
    driven,
    line,
    write_bank,
)

from cc_rfp.core.answers import Unknown
from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.core.values import check_value
from cc_rfp.interview.ask import Special
from cc_rfp.interview.prompts import Asking, ask_question
from cc_rfp.interview.prompts.base import number_validator, text_validator

KNOWN = {"channels": ["phone", "chat"], "agents_now": 12}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_bank(tmp_path_factory.mktemp("bank")))


def ask(
    bank: Bank,
    qid: str,
    keys: str,
    *,
    lang: str = "en",
    current: Any = None,
    suggested: Any = None,
    known: dict[str, Any] | None = None,
    saved: list[Any] | None = None,
) -> tuple[Any, str]:
    """Ask ``qid`` with ``keys``; the result and everything printed."""
    with driven(keys, lang) as (ui, screen):
        asking = Asking(
            ui,
            bank,
            bank.questions[qid],
            current=current,
            suggested=suggested,
            known=dict(KNOWN if known is None else known),
            progress=(saved.append if saved is not None else lambda _v: None),
        )
        result = ask_question(asking)
    return result, screen.all


def valid(bank: Bank, qid: str, value: Any) -> bool:
    return not check_value(bank, bank.questions[qid], value, KNOWN, "en")


# ----------------------------------------------------------------- text, numbers, dates


def test_text_answer_is_stripped(bank: Bank) -> None:
    result, _ = ask(bank, "buyer_name", "  Acme AB " + ENTER)
    assert result == "Acme AB"


def test_required_text_refuses_empty_then_accepts(bank: Bank) -> None:
    result, _ = ask(bank, "buyer_name", ENTER + "Acme" + ENTER)
    assert result == "Acme"
    check = text_validator(bank.questions["buyer_name"], "sv", empty_ok=False)
    assert check("") == "behöver ett svar (! vet ej)"
    assert check("Acme") is True


def test_help_on_demand_then_answer(bank: Bank) -> None:
    result, shown = ask(bank, "buyer_name", "?" + ENTER + "Acme" + ENTER)
    assert result == "Acme"
    assert "The legal name." in shown
    assert "! don't know yet" in shown  # the keys legend is part of every help


def test_help_in_swedish(bank: Bank) -> None:
    _, shown = ask(bank, "buyer_name", "?" + ENTER + "Acme" + ENTER, lang="sv")
    assert "Det juridiska namnet." in shown
    assert "vet inte än" in shown


def test_dont_know_yet_with_a_note(bank: Bank) -> None:
    result, _ = ask(bank, "buyer_name", "!" + ENTER + "Board decides in May" + ENTER)
    assert result == Unknown("Board decides in May")


def test_dont_know_yet_without_a_note(bank: Bank) -> None:
    result, _ = ask(bank, "bid_deadline", "!" + ENTER + ENTER)
    assert result == Unknown("")


def test_back_key(bank: Bank) -> None:
    result, _ = ask(bank, "buyer_name", "<" + ENTER)
    assert result is Special.BACK


def test_enter_keeps_the_current_answer(bank: Bank) -> None:
    result, _ = ask(bank, "buyer_name", ENTER, current="Acme AB")
    assert result == "Acme AB"


def test_enter_keeps_dont_know_yet(bank: Bank) -> None:
    result, _ = ask(bank, "agents_now", ENTER, current=Unknown("later"))
    assert result == Unknown("later")


def test_optional_question_can_be_skipped(bank: Bank) -> None:
    result, _ = ask(bank, "bid_deadline", ENTER)
    assert result is Special.SKIP


def test_longtext_ends_with_an_empty_line(bank: Bank) -> None:
    keys = "We sell shoes." + ENTER + "Online too." + ENTER + ENTER
    result, _ = ask(bank, "business_idea", keys)
    assert result == "We sell shoes.\nOnline too."


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1 200", 1200), ("1\u00a0200", 1200), ("12", 12), ("0", 0)],
)
def test_integer_as_people_type_it(bank: Bank, typed: str, expected: int) -> None:
    result, _ = ask(bank, "agents_now", typed + ENTER)
    assert result == expected
    assert isinstance(result, int)


def test_integer_refuses_a_fraction_and_a_negative(bank: Bank) -> None:
    result, _ = ask(bank, "agents_now", "12,5" + ENTER + line("-3") + line("13"))
    assert result == 13
    check = number_validator("integer", bank.questions["agents_now"], "en", empty_ok=True)
    assert check("12,5") == "12,5: must be a whole number"
    assert check("-3") == "-3: must be at least 0"
    assert check("abc") == "abc: must be a whole number"
    sv = number_validator("integer", bank.questions["agents_now"], "sv", empty_ok=True)
    assert sv("-3") == "-3: måste vara minst 0"


@pytest.mark.parametrize(("typed", "expected"), [("2,5", 2.5), ("2.5", 2.5), ("3", 3)])
def test_decimal_with_comma_or_point(bank: Bank, typed: str, expected: float) -> None:
    result, _ = ask(bank, "chat_concurrency", line(typed), suggested=2)
    assert result == expected


def test_decimal_range_message_and_default(bank: Bank) -> None:
    result, _ = ask(bank, "chat_concurrency", line("12,5") + line(""), suggested=2)
    # 12,5 is refused (max 6); clearing the line and Enter leaves the prompt empty, so the
    # optional question is skipped; the suggested default is what Enter alone accepts:
    assert result is Special.SKIP
    result, _ = ask(bank, "chat_concurrency", ENTER, suggested=2)
    assert result == 2
    check = number_validator("decimal", bank.questions["chat_concurrency"], "sv", empty_ok=True)
    assert check("12,5") == "12,5: får vara högst 6"


def test_percent_accepts_a_percent_sign(bank: Bank) -> None:
    result, _ = ask(bank, "current_answer_rate", "85 %" + ENTER)
    assert result == 85
    check = number_validator("percent", bank.questions["current_answer_rate"], "en", empty_ok=True)
    assert check("120") == "120: must be at most 100"


def test_date_is_checked_and_normalised(bank: Bank) -> None:
    result, _ = ask(bank, "bid_deadline", "2025-13-01" + ENTER + line("2025-9-30"))
    assert result == "2025-09-30"


# ----------------------------------------------------------------- choices


def test_choice_moves_and_picks(bank: Bank) -> None:
    result, shown = ask(bank, "sourcing_model", DOWN + ENTER)
    assert result == "supplier"
    assert "Partner or supplier? Supplier" in shown


def test_choice_in_swedish_echoes_the_swedish_label(bank: Bank) -> None:
    result, shown = ask(bank, "sourcing_model", DOWN + ENTER, lang="sv")
    assert result == "supplier"
    assert "Leverantör" in shown


def test_choice_default_is_the_current_answer(bank: Bank) -> None:
    result, _ = ask(bank, "sourcing_model", ENTER, current="supplier")
    assert result == "supplier"


def test_choice_dont_know_and_help_are_listed_and_keyed(bank: Bank) -> None:
    result, _ = ask(bank, "sourcing_model", DOWN + DOWN + DOWN + ENTER + ENTER)
    assert result == Unknown("")
    result, shown = ask(bank, "sourcing_model", "?" + ENTER)
    assert result == "partner"
    assert "Move with the arrow keys" in shown


def test_yesno(bank: Bank) -> None:
    assert ask(bank, "has_survey", ENTER)[0] is True
    assert ask(bank, "has_survey", DOWN + ENTER)[0] is False
    assert ask(bank, "has_survey", ENTER, current=False)[0] is False


def test_multichoice_ticks(bank: Bank) -> None:
    result, shown = ask(bank, "channels", SPACE + DOWN + DOWN + SPACE + ENTER)
    assert result == ["phone", "chat"]
    assert "Which channels? Phone, Chat" in shown


def test_multichoice_required_refuses_none(bank: Bank) -> None:
    result, _ = ask(bank, "channels", ENTER + DOWN + SPACE + ENTER)
    assert result == ["email"]


def test_multichoice_keeps_current_ticks(bank: Bank) -> None:
    result, _ = ask(bank, "channels", ENTER, current=["email", "chat"])
    assert result == ["email", "chat"]


def test_ctrl_c_and_ctrl_d_reach_the_caller(bank: Bank) -> None:
    for qid in ("buyer_name", "sourcing_model", "channels", "case_types", "weekday_share"):
        with pytest.raises(KeyboardInterrupt):
            ask(bank, qid, CTRL_C)
        with pytest.raises(EOFError):
            ask(bank, qid, CTRL_D)
    # Ctrl-D stops even on a line that has text (a default), not only on an empty one.
    with pytest.raises(EOFError):
        ask(bank, "buyer_name", CTRL_D, current="Acme")


# ----------------------------------------------------------------- record lists


def test_records_add_rows_shown_as_a_table(bank: Bank) -> None:
    saved: list[Any] = []
    keys = ENTER + "Orders" + ENTER + "60" + ENTER + "180" + ENTER + ENTER
    keys += UP + UP + UP + ENTER + "Returns" + ENTER + "40" + ENTER + ENTER + DOWN + ENTER
    keys += ENTER
    result, shown = ask(bank, "case_types", keys, saved=saved)
    assert result == [
        {"name": "Orders", "share": 60, "aht_seconds": 180, "channel": "phone"},
        {"name": "Returns", "share": 40, "channel": "chat"},
    ]
    assert valid(bank, "case_types", result)
    assert saved[-1] == result  # each row was saved as it was added
    assert "Orders" in shown and "Share (%)" in shown and "Time (s)" in shown


def test_records_edit_and_remove(bank: Bank) -> None:
    current = [
        {"name": "Orders", "share": 50, "channel": "phone"},
        {"name": "Returns", "share": 30},
        {"name": "Other", "share": 20},
    ]
    # menu: add, edit, remove, done (pointer on done)
    keys = UP + UP + ENTER + DOWN + ENTER  # edit row 2
    keys += line("Refunds") + line("30") + ENTER + DOWN + DOWN + ENTER  # time skip, channel none
    keys += UP + ENTER + DOWN + DOWN + ENTER  # remove row 3
    keys += ENTER  # done: 80 % is off, so scale?
    keys += ENTER  # scale to the total
    result, shown = ask(bank, "case_types", keys, current=current)
    assert [row["name"] for row in result] == ["Orders", "Refunds"]
    assert [row["share"] for row in result] == [62.5, 37.5]
    assert "add up to 80, not 100" in shown


def test_records_required_field_and_cell_range(bank: Bank) -> None:
    keys = ENTER + ENTER + "Orders" + ENTER + "100" + ENTER + "0" + ENTER + line("90")
    keys += ENTER + ENTER
    result, _ = ask(bank, "case_types", keys)
    assert result == [{"name": "Orders", "share": 100, "aht_seconds": 90, "channel": "phone"}]


def test_records_dont_know_yet(bank: Bank) -> None:
    result, _ = ask(bank, "case_types", "!" + ENTER)
    assert result == Unknown("")


# ----------------------------------------------------------------- fixed-key tables


def test_table_pasted_row_with_swedish_numbers_and_chart(bank: Bank) -> None:
    row = "\t".join(["1 200", "1 100", "1 300", "1 250", "1 400", "900"] * 2)
    paste = "\x1b[200~" + row + "\x1b[201~"  # a terminal's bracketed paste
    result, shown = ask(bank, "volume_phone", ENTER + paste + ENTER + ENTER, lang="sv")
    assert result["jan"] == 1200 and result["jun"] == 900 and len(result) == 12
    assert valid(bank, "volume_phone", result)
    assert "█" in shown and "1\u00a0400" in shown  # the bar chart, Swedish thousands


def test_table_typed_tabs_separate_values(bank: Bank) -> None:
    row = "\t".join(["1 200"] * 12)  # a paste without bracketed paste arrives as Tab keys
    result, _ = ask(bank, "volume_phone", ENTER + row + ENTER + ENTER)
    assert set(result.values()) == {1200}


def test_table_row_with_semicolons_and_decimal_commas(bank: Bank) -> None:
    row = "; ".join(["10,5", "12", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"])
    result, _ = ask(bank, "volume_phone", ENTER + row + ENTER + ENTER)
    assert result["jan"] == 10.5


def test_table_wrong_count_is_refused(bank: Bank) -> None:
    keys = ENTER + "1 2 3" + ENTER + line(" ".join(["5"] * 12)) + ENTER
    result, _ = ask(bank, "volume_phone", keys)
    assert set(result.values()) == {5}
    from cc_rfp.interview.ask import Ui
    from cc_rfp.interview.prompts.table import split_row

    assert split_row("1 2 3", 12) is None
    assert Ui("sv").t("table_count", count=12, first="jan", last="dec").startswith("väntade 12")


def test_table_counts_become_percent_shares(bank: Bank) -> None:
    saved: list[Any] = []
    keys = ENTER + "500 450 400 420 380 100 50" + ENTER + ENTER
    result, shown = ask(bank, "weekday_share", keys, saved=saved)
    assert sum(result.values()) == pytest.approx(100)
    assert result["mon"] == pytest.approx(21.7)
    assert "read as counts" in shown
    assert valid(bank, "weekday_share", result)


def test_table_key_by_key_with_back(bank: Bank) -> None:
    saved: list[Any] = []
    keys = DOWN + ENTER  # one at a time
    keys += "30" + ENTER + "20" + ENTER + "<" + ENTER + line("25")  # Tuesday again
    keys += "".join(v + ENTER for v in ("15", "15", "10", "3", "2")) + ENTER
    result, _ = ask(bank, "weekday_share", keys, saved=saved)
    assert result == {"mon": 30, "tue": 25, "wed": 15, "thu": 15, "fri": 10, "sat": 3, "sun": 2}
    assert saved[0] == {"mon": 30}  # every key is saved as it is typed


def test_table_keep_current(bank: Bank) -> None:
    current = {"mon": 30, "tue": 25, "wed": 15, "thu": 15, "fri": 10, "sat": 3, "sun": 2}
    result, _ = ask(bank, "weekday_share", ENTER, current=current)
    assert result == current


def test_table_of_24_hours_shows_columns(bank: Bank) -> None:
    row = " ".join(["0"] * 8 + ["10"] * 9 + ["5"] * 2 + ["0"] * 5)
    result, shown = ask(bank, "intraday_share", ENTER + row + ENTER + ENTER)
    assert sum(result.values()) == pytest.approx(100)
    chart = [x for x in shown.splitlines() if "▇" in x or "█" in x]
    assert len(chart) == 6  # columns, six rows high, for 24 keys
    assert max(len(x) for x in chart) <= 80


# ----------------------------------------------------------------- opening hours


def test_hours_presets_and_same_as(bank: Bank) -> None:
    result, shown = ask(bank, "opening_hours", ENTER + ENTER)  # phone: office; chat: same
    week = {d: "08:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")}
    week |= {"sat": "closed", "sun": "closed"}
    assert result == {"phone": week, "chat": week}
    assert valid(bank, "opening_hours", result)
    assert "Saturday" in shown


def test_hours_custom_checks_each_day(bank: Bank) -> None:
    keys = ENTER  # phone: office hours
    keys += DOWN * 5 + ENTER  # chat: custom (keep? no; same, 4 presets, custom)
    keys += line("17:00-09:00") + line("25:00-26:00") + line("8-20")  # Monday
    keys += ENTER + ENTER + line("9.30-16") + line("stängt") + ENTER + line("closed")
    result, _ = ask(bank, "opening_hours", keys, lang="sv")
    assert result["chat"] == {
        "mon": "08:00-20:00",
        "tue": "08:00-20:00",
        "wed": "08:00-20:00",
        "thu": "09:30-16:00",
        "fri": "closed",
        "sat": "closed",
        "sun": "closed",
    }
    from cc_rfp.core.values import hours_problems

    assert hours_problems("17:00-09:00", "en") == ["'17:00-09:00' must start before it ends"]


def test_hours_follow_the_chosen_channels(bank: Bank) -> None:
    result, _ = ask(bank, "opening_hours", DOWN * 3 + ENTER, known={"channels": ["email"]})
    assert list(result) == ["email"]
    assert set(result["email"].values()) == {"00:00-24:00"}


# ----------------------------------------------------------------- KPIs and ranking


def test_kpi_target_row(bank: Bank) -> None:
    keys = ENTER  # add
    keys += ENTER  # service level
    keys += DOWN + ENTER  # channel: phone (all, phone, chat)
    keys += "80" + ENTER + "20" + ENTER
    keys += ENTER  # mandatory
    keys += ENTER  # per half hour
    keys += DOWN + ENTER  # monthly
    keys += "Telephony reports" + ENTER
    keys += ENTER  # done
    result, shown = ask(bank, "kpi_targets", keys)
    assert result == [
        {
            "kpi": "service_level",
            "channel": "phone",
            "percent": 80,
            "seconds": 20,
            "level": "mandatory",
            "interval": "half_hour",
            "reporting": "monthly",
            "method": "Telephony reports",
        }
    ]
    assert valid(bank, "kpi_targets", result)
    assert "≥ 80 % / 20 s" in shown


def test_kpi_target_out_of_range_and_desirable(bank: Bank) -> None:
    keys = ENTER + DOWN + ENTER  # add, ASA (no channel list: ASA has no channel limit)
    keys += ENTER  # all channels
    keys += "-5" + ENTER + line("30")  # seconds must be >= 0
    keys += DOWN + ENTER + DOWN + DOWN + ENTER + DOWN + DOWN + ENTER + ENTER + ENTER
    result, _ = ask(bank, "kpi_targets", keys)
    assert result == [{"kpi": "asa", "seconds": 30, "level": "desirable"}]


def test_kpi_rows_edit_and_remove(bank: Bank) -> None:
    sl = {
        "kpi": "service_level",
        "channel": "phone",
        "percent": 80,
        "seconds": 20,
        "level": "mandatory",
        "method": "Telephony reports",
    }
    asa = {"kpi": "asa", "seconds": 30, "level": "desirable"}
    keys = UP + UP + ENTER + ENTER  # edit, row 1
    keys += ENTER + ENTER + line("85") + ENTER  # same KPI and channel, 85 %, same seconds
    keys += ENTER + ENTER + ENTER + ENTER  # level, interval, reporting, method kept
    keys += UP + ENTER + DOWN + ENTER  # remove row 2
    keys += ENTER  # done
    result, shown = ask(bank, "kpi_targets", keys, current=[sl, asa])
    assert result == [{**sl, "percent": 85}]
    assert "≥ 85 % / 20 s" in shown


def test_ranking_picks_in_order(bank: Bank) -> None:
    result, shown = ask(bank, "purpose_ranking", DOWN + ENTER + DOWN + ENTER)
    assert result == ["cost", "growth", "satisfaction"]
    assert valid(bank, "purpose_ranking", result)
    assert "1. Lower cost  2. Growth  3. Happier customers" in shown


def test_ranking_keeps_old_order_with_enter_and_back_undoes(bank: Bank) -> None:
    old = ["growth", "cost", "satisfaction"]
    assert ask(bank, "purpose_ranking", ENTER + ENTER, current=old)[0] == old
    # Enter takes "growth"; < takes it back; Up moves to "cost"; Enter; Enter keeps "growth".
    result, _ = ask(bank, "purpose_ranking", ENTER + "<" + UP + ENTER + ENTER, current=old)
    assert result == ["cost", "growth", "satisfaction"]


def test_every_type_has_a_prompt(bank: Bank) -> None:
    from cc_rfp.core.types import REGISTRY
    from cc_rfp.interview.prompts import asker

    assert all(callable(asker(kind)) for kind in REGISTRY)
    assert {q.type for q in bank.questions.values()} == set(REGISTRY)


def test_bank_file_is_kept_out_of_the_way(tmp_path: Path) -> None:
    assert write_bank(tmp_path).name == "bank.yaml"


def test_the_test_bank_is_valid(tmp_path: Path) -> None:
    from cc_rfp.core.bank import load_bank

    bank = load_bank(write_bank(tmp_path))
    types = {q.type for q in bank.questions.values()}
    from typing import get_args

    from cc_rfp.core.bank_model import QuestionType

    assert types == set(get_args(QuestionType))
