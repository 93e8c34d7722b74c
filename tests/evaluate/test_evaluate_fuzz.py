"""Corrupted bids never crash the evaluation: random cells replaced, sheets removed, bytes
flipped or cut. Each run gives one-line problems (in the report) or a clean reading, never a
traceback; the bidder's file is never changed."""

from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.evaluate.bids import read_bid
from cc_rfp.evaluate.outcome import evaluate
from cc_rfp.evaluate.qualify import qualify
from cc_rfp.evaluate.report import render_report
from cc_rfp.evaluate.tender import load_tender, write_blank_forms
from tests.conftest import run_cli
from tests.helpers.evaluate_support import (
    OVERRIDES,
    SYD,
    fill_matrix,
    fill_price_form,
    write_answers,
)

PRICE_ONLY = {"evaluation_basis": "price_only", "bid_deadline": "2027-01-29"}

CELL_VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["#VALUE!", "#REF!", "1,234", "12,50 kr", ":-", "−5", "Nej", "Ja", "=1/0"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.dates(),
)


class World(dict):
    """The fixture's values, with a short repr for Hypothesis's failure reports."""

    def __repr__(self) -> str:
        return "world"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:

    root = tmp_path_factory.mktemp("fuzz")
    answers = write_answers(root, {**OVERRIDES, **PRICE_ONLY})
    tender = load_tender(load_bank(None), load_answers(answers), "sv")
    prices, matrix = write_blank_forms(tender, root / "blank")
    good = root / "good"
    good.mkdir()
    fill_price_form(prices, good / "prisbilaga.xlsx", SYD, 30_000, name="Syd")
    fill_matrix(matrix, good / "kravmatris.xlsx", {})
    return World(
        root=root,
        answers=answers,
        tender=tender,
        price=(good / "prisbilaga.xlsx").read_bytes(),
        matrix=(good / "kravmatris.xlsx").read_bytes(),
    )


def _mutate_cells(data: bytes, seed: int, count: int, values: list[Any]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    chance = random.Random(seed)
    sheets = book.worksheets
    for value in values[:count]:
        sheet = chance.choice(sheets)
        row = chance.randint(1, max(sheet.max_row, 1) + 2)
        column = chance.randint(1, 8)
        try:
            sheet.cell(row=row, column=column, value=value)
        except (ValueError, TypeError, AttributeError, IllegalCharacterError):
            continue  # openpyxl refuses the value or the (merged) cell: nothing to write
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _remove_sheets(data: bytes, seed: int) -> bytes:
    book = load_workbook(io.BytesIO(data))
    chance = random.Random(seed)
    for name in chance.sample(book.sheetnames, chance.randint(1, len(book.sheetnames) - 1)):
        del book[name]
    if all(sheet.sheet_state != "visible" for sheet in book.worksheets):
        book.worksheets[0].sheet_state = "visible"  # a workbook needs one visible sheet
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _flip_bytes(data: bytes, seed: int, count: int) -> bytes:
    chance = random.Random(seed)
    raw = bytearray(data)
    for _ in range(count):
        raw[chance.randrange(len(raw))] = chance.randrange(256)
    if chance.random() < 0.3:
        raw = raw[: chance.randrange(len(raw))]
    return bytes(raw)


def _evaluate_folder(world: dict[str, Any], folder: Path) -> str:
    tender = world["tender"]
    verdict = qualify(read_bid(folder, tender), tender)
    for line in verdict.problems + verdict.reasons + verdict.questions:
        assert "\n" not in line and "Traceback" not in line, line
    return render_report(evaluate(tender, [verdict], None))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    how=st.sampled_from(["cells", "sheets", "bytes"]),
    which=st.sampled_from(["price", "matrix", "both"]),
    seed=st.integers(0, 2**32 - 1),
    count=st.integers(1, 30),
    values=st.lists(CELL_VALUES, min_size=30, max_size=30),
)
def test_corrupted_bids_give_problems_or_a_report(
    world: dict[str, Any], tmp_path: Path, how: str, which: str, seed: int, count: int, values
) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f"{how}-{which}-", dir=tmp_path))
    files = {}
    for kind, name in (("price", "prisbilaga.xlsx"), ("matrix", "kravmatris.xlsx")):
        data = world[kind]
        if which in (kind, "both"):
            if how == "cells":
                data = _mutate_cells(data, seed, count, values)
            elif how == "sheets":
                data = _remove_sheets(data, seed)
            else:
                data = _flip_bytes(data, seed, count)
        (folder / name).write_bytes(data)
        files[name] = data
    text = _evaluate_folder(world, folder)
    assert text.startswith("# ")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == files


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("prisbilaga.xls", b"\xd0\xcf\x11\xe0" + bytes(100)),
        ("prisbilaga.pdf", b"%PDF-1.7\n"),
        ("prisbilaga.xlsx", b""),
        ("prisbilaga.xlsx", b"PK\x03\x04 not really"),
    ],
)
def test_other_formats_and_empty_files_hold_the_bid_with_one_line(world, tmp_path, name, data):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "kravmatris.xlsx").write_bytes(world["matrix"])
    tender = world["tender"]
    verdict = qualify(read_bid(folder, tender), tender)
    assert verdict.status == "open", verdict
    assert len(verdict.reasons) == 1 and "\n" not in verdict.reasons[0]
    if name.endswith((".xls", ".pdf")):
        assert ".xlsx" in verdict.reasons[0]


def test_the_command_survives_a_broken_bid(world, tmp_path):
    bids = tmp_path / "bids"
    for key in ("good", "broken"):
        (bids / key).mkdir(parents=True)
        (bids / key / "kravmatris.xlsx").write_bytes(world["matrix"])
    (bids / "good" / "prisbilaga.xlsx").write_bytes(world["price"])
    (bids / "broken" / "prisbilaga.xlsx").write_bytes(_flip_bytes(world["price"], 7, 400))
    result = run_cli("evaluate", str(world["answers"]), str(bids))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "| 1 | Syd |" in result.stdout
    assert "1 kan inte utvärderas ännu" in result.stderr
