"""The numbered requirements read back from a rendered tender, and the matrix built from them."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from forms_support import META, unlocked, validated

from cc_rfp.forms import FormMeta, requirements_from_markdown, write_compliance_matrix
from cc_rfp.forms import compliance as cm
from cc_rfp.forms import workbook as wb

ROOT = Path(__file__).resolve().parents[2]


def example(lang: str) -> str:
    return (ROOT / "examples" / f"spec-example.{lang}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "prefix"), [("sv", "K"), ("en", "R")])
def test_every_numbered_requirement_of_the_example_is_found_once(lang: str, prefix: str) -> None:
    text = example(lang)
    found = requirements_from_markdown(text, lang)
    # what a reader of the document counts: bold labels and the KPI table's number cells
    labels = set(re.findall(rf"\*\*{prefix}(\d+) \(", text))
    cells = set(re.findall(rf"^\| {prefix}(\d+) \|", text, re.MULTILINE))
    assert [r.number for r in found] == sorted(int(n) for n in labels | cells)
    assert [r.number for r in found] == list(range(1, len(found) + 1))
    assert all(r.label == f"{prefix}{r.number}" and r.id == f"req.{r.number}" for r in found)
    assert all(r.level in ("mandatory", "desirable") for r in found)
    assert all(r.text and "**" not in r.text for r in found)
    assert all(re.fullmatch(r"\d+(\.\d+)*", r.section) for r in found)


def test_both_languages_give_the_same_ids_levels_and_sections() -> None:
    sv = requirements_from_markdown(example("sv"), "sv")
    en = requirements_from_markdown(example("en"), "en")
    assert [(r.id, r.level, r.section) for r in sv] == [(r.id, r.level, r.section) for r in en]
    assert cm.requirements_hash(sv) == cm.requirements_hash(en)


def test_paragraph_table_and_list_requirements() -> None:
    text = "\n".join(
        [
            "## 2. Krav",
            "",
            "### 2.1 Allmänt",
            "",
            "**K1 (ska-krav)** Anbudet *innehåller* följande:",
            "",
            "- en plan",
            "- en [prislista](#x)",
            "",
            "Vanlig text **K9 (ska-krav)** i mitten är inget krav.",
            "",
            "**K2 (bör-krav)** Leverantören har `ISO 27001`.",
            "",
            "### 2.2 Mål",
            "",
            "| Nr | Nyckeltal | Kanal | Mål | Kravnivå |",
            "| --- | --- | --- | --- | --- |",
            "| K3 | Servicegrad | Telefon | ≥ 80 % inom 20 s | Bör-krav |",
            "| – | ingen | rad | här | Ska-krav |",
            "",
            "**K4 (okänd nivå)** Något annat.",
        ]
    )
    found = requirements_from_markdown(text, "sv")
    assert [(r.label, r.level, r.section) for r in found] == [
        ("K1", "mandatory", "2.1"),
        ("K2", "desirable", "2.1"),
        ("K3", "desirable", "2.2"),
        ("K4", None, "2.2"),
    ]
    assert found[0].text == "Anbudet innehåller följande:\n– en plan\n– en prislista"
    assert found[1].text == "Leverantören har ISO 27001."
    assert found[2].text == "Servicegrad – Telefon – ≥ 80 % inom 20 s"
    assert found[3].level_text == "okänd nivå"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_matrix_is_protected_with_answer_lists_and_metadata(tmp_path: Path, lang: str) -> None:
    found = requirements_from_markdown(example(lang), lang)
    path = tmp_path / "matrix.xlsx"
    write_compliance_matrix(path, found, FormMeta(META.reference, lang))
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[1]]
    assert all(s.protection.sheet for s in book.worksheets)
    assert book[wb.META_SHEET].sheet_state == "hidden"
    assert sheet.column_dimensions["A"].hidden
    rows = range(cm.FIRST_ROW + 1, cm.FIRST_ROW + 1 + len(found))
    assert [sheet[f"A{n}"].value for n in rows] == [r.id for r in found]
    assert [sheet[f"B{n}"].value for n in rows] == [r.label for r in found]
    inputs = {f"{c}{n}" for n in rows for c in (cm.COL_ANSWER, cm.COL_WHERE, cm.COL_COMMENT)}
    assert unlocked(sheet) == inputs | {cm.BIDDER_CELL}
    checks = validated(sheet)
    yes, no = cm.answer_words(lang)
    for n in rows:
        rule = checks[f"{cm.COL_ANSWER}{n}"]
        assert (rule.type, rule.formula1) == ("list", f'"{yes},{no}"')
        assert f"{cm.COL_WHERE}{n}" not in checks
    meta = wb.read_metadata(book[wb.META_SHEET])
    assert meta["kind"] == "compliance_matrix"
    assert meta["hash"] == cm.requirements_hash(found)
    assert meta["language"] == lang
    levels = {sheet[f"E{n}"].value for n in rows}
    assert levels == {"Ska-krav", "Bör-krav"} if lang == "sv" else {"Mandatory", "Desirable"}
