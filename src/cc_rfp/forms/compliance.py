"""The compliance matrix (``kravmatris.xlsx`` / ``compliance-matrix.xlsx``).

Every numbered requirement of the tender, one row each: its number as the document shows it,
the section it stands in, its text and level, then what the bidder fills in: the answer (Ja/Nej
from a drop-down list), where in the bid the requirement is shown, and a comment. A "Nej" or
a blank on a mandatory requirement disqualifies a bid, so the evaluation reads this file by
requirement id (``read.read_compliance_matrix``), never by row position.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cc_rfp import i18n
from cc_rfp.forms import workbook as wb
from cc_rfp.forms.requirements import Requirement, requirements_from_markdown

__all__ = [
    "answer_words",
    "build_compliance_matrix",
    "requirements_from_markdown",
    "requirements_hash",
    "write_compliance_matrix",
]

# Column layout (the reader uses the same constants).
COL_ID, COL_LABEL, COL_SECTION, COL_TEXT, COL_LEVEL, COL_ANSWER, COL_WHERE, COL_COMMENT = "ABCDEFGH"
BIDDER_CELL = wb.BIDDER_CELL
FIRST_ROW = 6


def answer_words(lang: str) -> tuple[str, str]:
    """The yes and no of the answer list in ``lang`` ("Ja", "Nej")."""
    return i18n.t("forms.answer_yes", lang), i18n.t("forms.answer_no", lang)


def requirements_hash(requirements: Sequence[Requirement]) -> str:
    """Ids and levels in order: the same for the Swedish and the English matrix."""
    return wb.content_hash([(r.id, r.level or r.level_text) for r in requirements])


def write_compliance_matrix(
    path: Path | str,
    requirements: Sequence[Requirement],
    meta: wb.FormMeta,
    lang: str | None = None,
) -> int:
    """Write the compliance matrix to ``path`` atomically; return its size in bytes."""
    book, _ = build_compliance_matrix(requirements, meta, lang)
    return wb.save_workbook(book, path)


def build_compliance_matrix(
    requirements: Sequence[Requirement], meta: wb.FormMeta, lang: str | None = None
) -> tuple[object, dict[str, int]]:
    """The matrix as an openpyxl workbook, with the row of each requirement id."""

    lang = lang or meta.lang
    ids = [r.id for r in requirements]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise ValueError(f"requirement '{duplicate}' is numbered twice")
    book = wb.new_workbook()
    sheet = book.create_sheet(i18n.t("forms.sheet_matrix", lang))
    title = i18n.t("forms.matrix_title", lang, reference=meta.reference)
    yes, no = answer_words(lang)
    hint = i18n.t("forms.matrix_fill_hint", lang, yes=yes, no=no)
    wb.write_form_head(sheet, title, meta, lang, hint, bidder_to=COL_TEXT, hint_to=COL_COMMENT)
    headers = {
        COL_ID: "id",
        COL_LABEL: i18n.t("forms.col_number", lang),
        COL_SECTION: i18n.t("forms.col_section", lang),
        COL_TEXT: i18n.t("forms.col_requirement", lang),
        COL_LEVEL: i18n.t("forms.col_level", lang),
        COL_ANSWER: i18n.t("forms.col_answer", lang, yes=yes, no=no),
        COL_WHERE: i18n.t("forms.col_where", lang),
        COL_COMMENT: i18n.t("forms.col_comment", lang),
    }
    wb.write_headers(sheet, FIRST_ROW, headers)
    sheet.freeze_panes = f"{COL_LABEL}{FIRST_ROW + 1}"
    answers = wb.list_validation(sheet, (yes, no), lang)
    where: dict[str, int] = {}
    for number, requirement in enumerate(requirements, FIRST_ROW + 1):
        where[requirement.id] = number
        sheet[f"{COL_ID}{number}"] = requirement.id
        sheet[f"{COL_LABEL}{number}"] = requirement.label
        sheet[f"{COL_SECTION}{number}"] = requirement.section
        sheet[f"{COL_TEXT}{number}"] = requirement.text
        sheet[f"{COL_LEVEL}{number}"] = (
            i18n.t(f"forms.level_{requirement.level}", lang)
            if requirement.level
            else requirement.level_text
        )
        for column in (COL_LABEL, COL_SECTION, COL_TEXT, COL_LEVEL):
            wb.wrap(sheet[f"{column}{number}"])
        wb.make_input(sheet[f"{COL_ANSWER}{number}"], answers)
        wb.make_input(sheet[f"{COL_WHERE}{number}"])
        wb.make_input(sheet[f"{COL_COMMENT}{number}"])
    wb.set_widths(
        sheet,
        {COL_ID: 10, COL_LABEL: 7, COL_SECTION: 9, COL_TEXT: 70, COL_LEVEL: 13}
        | {COL_ANSWER: 10, COL_WHERE: 24, COL_COMMENT: 36},
    )
    wb.hide_id_column(sheet)
    wb.protect(sheet)
    wb.add_instructions(
        book,
        lang,
        title,
        ([i18n.t("forms.instr_draft", lang)] if meta.draft else [])
        + [
            i18n.t("forms.matrix_instr_what", lang, reference=meta.reference, sheet=sheet.title),
            i18n.t("forms.matrix_instr_answer", lang, yes=yes, no=no),
            i18n.t("forms.matrix_instr_mandatory", lang, no=no),
            i18n.t("forms.matrix_instr_where", lang),
            i18n.t("forms.matrix_instr_locked", lang),
            i18n.t("forms.instr_submit", lang),
        ],
    )
    wb.add_metadata(
        book, "compliance_matrix", meta, requirements_hash(requirements), {"matrix": sheet.title}
    )
    wb.lock_structure(book)
    book.active = 0
    return book, where
