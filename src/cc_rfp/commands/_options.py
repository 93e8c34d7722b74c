"""The options several commands share, declared once so their flags and help cannot drift.

Only typer is imported here: these annotations are read at start-up to build ``--help``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

LangOption = Annotated[
    str | None,
    typer.Option("--lang", "-l", help="Language: sv or en (default: the file's, else locale)."),
]
"""``--lang``: the language of what the command writes."""

BankOption = Annotated[
    Path | None,
    typer.Option("--questions", help="A custom question bank (YAML)."),
]
"""``--questions``: a bank other than the built-in one."""

TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="Folder whose template files override the built-in."),
]
"""``--templates``: a folder of part templates or text catalogues that override the built-in."""

DocumentOutOption = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", help="Write here instead of stdout; .docx or .pdf picks the format."
    ),
]
"""``-o``: a document written as Markdown, Word or PDF by its extension."""

FormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", help="md, docx or pdf (default: from the -o extension)."),
]
"""``--format``: the document format when the extension does not say it."""

ReferenceDocOption = Annotated[
    Path | None,
    typer.Option("--reference-doc", help="Word styles from this .docx (the client's template)."),
]
"""``--reference-doc``: the client's own Word template for styles, header and footer."""

PdfaOption = Annotated[bool, typer.Option("--pdfa", help="Write the PDF as PDF/A-2b (archival).")]
"""``--pdfa``: archival PDF."""
