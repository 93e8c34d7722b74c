"""The example tender of the evaluate tests, worked out by hand, and the folder rules.

The hand calculation in ``tests/helpers/evaluate_support.py`` (which
``tests/e2e/test_evaluate_e2e.py`` checks every figure of the report against) adds up, and the
tender read from those answers has its quantities. The folder rules (missing forms, two forms,
a blank mandatory answer, an unreadable receipt time) are read in-process, as ``cc-rfp
evaluate`` reads each bid folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.evaluate.bids import read_bid
from cc_rfp.evaluate.qualify import qualify
from cc_rfp.evaluate.tender import Tender, load_tender, write_blank_forms
from tests.helpers.evaluate_support import (
    CHAT,
    EMAIL,
    EP_NORR,
    EP_SYD,
    J_NORR,
    J_SYD,
    NORR_AMOUNTS,
    OPTION,
    PLAN,
    SYD,
    SYD_AMOUNTS,
    fill_matrix,
    fill_price_form,
    write_answers,
)


@pytest.fixture(scope="module")
def tender(tmp_path_factory: pytest.TempPathFactory) -> Tender:
    """The tender of the hand calculation, read as ``cc-rfp evaluate`` reads it."""
    answers = write_answers(tmp_path_factory.mktemp("tender"))
    return load_tender(load_bank(None), load_answers(answers), "sv")


def test_the_hand_calculation_adds_up() -> None:
    """The hand calculation is arithmetic, not the program: the sums of the rows."""
    assert sum(NORR_AMOUNTS.values()) == EP_NORR
    assert sum(SYD_AMOUNTS.values()) == EP_SYD
    assert (J_NORR, J_SYD) == (15_552_000, 10_978_000)


def test_the_tender_has_the_quantities_worked_out_by_hand(tender: Tender) -> None:
    rows = {row.id: row for row in tender.rows}
    assert rows["email.per_contact"].quantity == EMAIL
    assert rows["chat.per_contact"].quantity == CHAT
    assert rows["management_fee"].quantity == 36
    assert (rows["option.1"].quantity, rows["option.1"].weight) == (OPTION, 0.5)
    assert rows["option.2"].weight == 0
    # the buyer's estimate of the least phone staffing lies between the two plans
    assert PLAN["syd"] < tender.minimum["phone.per_hour"] < PLAN["norr"]


def test_folder_rules(tmp_path: Path) -> None:
    answers = write_answers(tmp_path)
    tender = load_tender(load_bank(None), load_answers(answers), "sv")
    prices, matrix = write_blank_forms(tender, tmp_path / "blank")
    bids = tmp_path / "bids"
    only_prices, twice, blank = bids / "x", bids / "y", bids / "z"
    for folder in (only_prices, twice, blank):
        folder.mkdir(parents=True)
    fill_price_form(prices, only_prices / "prisbilaga.xlsx", SYD, 30_000, name="X")
    fill_price_form(prices, twice / "pris-1.xlsx", SYD, 30_000, name="Y")
    fill_price_form(prices, twice / "pris-2.xlsx", SYD, 30_000, name="Y")
    fill_matrix(matrix, twice / "kravmatris.xlsx", {})
    fill_price_form(prices, blank / "prisbilaga.xlsx", SYD, 30_000, name="Z")
    first = tender.mandatory[0]
    fill_matrix(matrix, blank / "kravmatris.xlsx", {first.id: ""})
    (blank / "bid.yaml").write_text("received: the day before\n", encoding="utf-8")

    x = qualify(read_bid(only_prices, tender), tender)
    assert (x.status, x.reasons) == ("rejected", ["kravmatrisen saknas"])
    y = qualify(read_bid(twice, tender), tender)
    assert y.status == "open" and "två prisbilagor" in y.reasons[0]
    z = qualify(read_bid(blank, tender), tender)
    assert z.status == "rejected"
    assert any(f"ska-krav {first.label} är obesvarat" in r for r in z.reasons), z.reasons
    assert any("är ingen tidpunkt" in p for p in z.problems)
