"""``cc-rfp package``: the whole tender package (Word, PDF, spreadsheets, memo) in one folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cc_rfp.commands._options import (
    BankOption,
    LangOption,
    PdfaOption,
    ReferenceDocOption,
    TemplatesOption,
)


def package(
    answers: Annotated[Path, typer.Argument(help="The answers file of the tender.")],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="The folder to write the package into (made if new)."),
    ],
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Write even if facts only the buyer can give are missing; every file is marked.",
        ),
    ] = False,
    reference_doc: ReferenceDocOption = None,
    pdfa: PdfaOption = False,
    lang: LangOption = None,
    templates: TemplatesOption = None,
    bank: BankOption = None,
) -> None:
    """Write the tender (Word, PDF), price form, compliance matrix, data annex and memo."""
    from cc_rfp.document.package import Options, make_package

    if reference_doc is not None:
        from cc_rfp.document.convert import check_reference

        check_reference(reference_doc)
    options = Options(
        answers_path=answers,
        out=out,
        draft=draft,
        templates=templates,
        bank_path=bank,
        reference_doc=reference_doc,
        pdfa=pdfa,
    )
    lines = make_package(options, lang=lang, warn=lambda line: _stderr(f"cc-rfp: {line}"))
    for line in lines:
        print(line)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)
