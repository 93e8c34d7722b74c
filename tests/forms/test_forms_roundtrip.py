"""A bidder fills the price form and the compliance matrix; the reader gets the same values back.

The bidder's side is openpyxl writing values into the input cells, prices both as numbers and
as the Swedish text an English-locale application leaves as text ("1 234,50 kr", "42,75").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from forms_support import META, ROWS, fill

from cc_rfp import i18n
from cc_rfp.forms import (
    FormMeta,
    read_compliance_matrix,
    read_price_form,
    requirements_from_markdown,
    write_compliance_matrix,
    write_price_form,
)
from cc_rfp.forms import compliance as cm
from cc_rfp.forms import price_form as pf

ROOT = Path(__file__).resolve().parents[2]

TYPED = {
    "phone.per_hour": "1 234,50 kr",
    "email.per_contact": 42.75,
    "chat.per_contact": "42,75",
    "management.monthly": "1.234,5",
    "option.norwegian": "SEK\u00a01\u00a0050",
    "option.outbound": 12,
    "startup": "350 000:-",
    "exit": 0,
}
MEANT = {
    "phone.per_hour": 1234.5,
    "email.per_contact": 42.75,
    "chat.per_contact": 42.75,
    "management.monthly": 1234.5,
    "option.norwegian": 1050.0,
    "option.outbound": 12.0,
    "startup": 350_000.0,
    "exit": 0.0,
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_price_form_round_trip(tmp_path: Path, lang: str) -> None:
    meta = FormMeta(META.reference, lang)
    blank = tmp_path / "blank.xlsx"
    filled = tmp_path / "filled.xlsx"
    write_price_form(blank, ROWS, meta)
    prices = i18n.t("forms.sheet_prices", lang)
    fill(blank, filled, prices, pf.COL_PRICE, TYPED)
    fill(
        filled,
        filled,
        i18n.t("forms.sheet_plan", lang),
        pf.PLAN_QUANTITY,
        {"phone.per_hour": "9 800"},
    )
    import openpyxl

    book = openpyxl.load_workbook(filled)
    book[prices][pf.BIDDER_CELL] = "Kundtjänst AB"
    book.save(filled)
    reading, problems = read_price_form(filled, ROWS, meta)
    assert problems == []
    assert reading.prices == MEANT
    assert reading.plan == {"phone.per_hour": 9800.0}
    assert reading.bidder == "Kundtjänst AB"
    assert sorted(reading.typed_as_text) == sorted(
        k for k, v in TYPED.items() if isinstance(v, str)
    )


def test_the_english_form_of_a_swedish_tender_reads_the_same(tmp_path: Path) -> None:
    """Ids and the hash do not depend on the language: a bidder may return either form."""
    blank = tmp_path / "en.xlsx"
    write_price_form(blank, ROWS, FormMeta(META.reference, "en"))
    fill(blank, blank, "Price form", pf.COL_PRICE, {k: v for k, v in MEANT.items()})
    fill(blank, blank, "Staffing plan", pf.PLAN_QUANTITY, {"phone.per_hour": 9450})
    reading, problems = read_price_form(blank, ROWS, FormMeta(META.reference, "sv"))
    assert problems == []
    assert reading.prices == MEANT


def test_an_untouched_form_reports_every_missing_price_and_nothing_for_unweighted_options(
    tmp_path: Path,
) -> None:
    path = tmp_path / "blank.xlsx"
    write_price_form(path, ROWS, META)
    reading, problems = read_price_form(path, ROWS, META)
    assert reading.prices == {}
    missing = {(p.code, dict(p.values)["row"]) for p in problems}
    evaluated = {("price_missing", row.id) for row in ROWS if row.evaluated}
    assert missing == evaluated | {("plan_missing", "phone.per_hour")}
    assert ("price_missing", "option.outbound") not in missing  # weight 0: may stay blank


def requirements(lang: str) -> list:
    text = (ROOT / "examples" / f"spec-example.{lang}.md").read_text(encoding="utf-8")
    return requirements_from_markdown(text, lang)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_compliance_matrix_round_trip(tmp_path: Path, lang: str) -> None:
    found = requirements(lang)
    meta = FormMeta(META.reference, lang)
    blank_form = tmp_path / "matrix.xlsx"
    write_compliance_matrix(blank_form, found, meta)
    yes, no = cm.answer_words(lang)
    refused, blank = found[len(found) // 2].id, found[-1].id
    answers = {r.id: (no if r.id == refused else yes) for r in found}
    answers[blank] = None
    sheet = i18n.t("forms.sheet_matrix", lang)
    fill(blank_form, blank_form, sheet, cm.COL_ANSWER, answers)
    fill(blank_form, blank_form, sheet, cm.COL_WHERE, {"req.1": "Avsnitt 2", refused: "Bilaga 4"})
    fill(blank_form, blank_form, sheet, cm.COL_COMMENT, {refused: "Planeras 2028"})
    reading, problems = read_compliance_matrix(blank_form, found, meta)
    assert problems == []
    assert set(reading.answers) == {r.id for r in found}
    for r in found:
        got = reading.answers[r.id]
        expected = None if r.id == blank else r.id != refused
        assert got.answer is expected, r.id
    assert reading.answers["req.1"].where == "Avsnitt 2"
    assert reading.answers[refused].comment == "Planeras 2028"
    assert reading.answers["req.2"].where == ""


def test_matrix_answers_in_the_other_language_are_understood(tmp_path: Path) -> None:
    found = requirements("sv")
    path = tmp_path / "m.xlsx"
    write_compliance_matrix(path, found, META)
    fill(path, path, "Kravmatris", cm.COL_ANSWER, {"req.1": "yes", "req.2": "NEJ", "req.3": "Jaa"})
    reading, problems = read_compliance_matrix(path, found, META)
    assert reading.answers["req.1"].answer is True
    assert reading.answers["req.2"].answer is False
    assert reading.answers["req.3"].answer is None
    assert [(p.code, p.cell) for p in problems] == [("answer_invalid", "F9")]
    assert "Jaa" in problems[0].message("sv") and "Nej" in problems[0].message("sv")
