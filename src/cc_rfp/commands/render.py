"""``cc-rfp render``: the tender from an answers file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cc_rfp.commands._options import BankOption, LangOption, TemplatesOption


def render(
    answers: Annotated[Path, typer.Argument(help="The answers file to render.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    lang: LangOption = None,
    templates: TemplatesOption = None,
    bank: BankOption = None,
) -> None:
    """Write the tender specification (Markdown) from an answers file."""
    render_file(answers, out=out, lang=lang, templates=templates, bank_path=bank)


def render_file(
    path: Path,
    *,
    out: Path | None,
    lang: str | None,
    templates: Path | None,
    bank_path: Path | None,
) -> None:
    """Render an answers file to Markdown on stdout (also ``-o -``) or, safely, to ``out``.

    An output that is one of the inputs (answers, bank, a template; through links too) is
    refused before anything is read, so no render can replace what the consultant wrote.
    """
    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.document.render import render_document, write_document
    from cc_rfp.i18n import resolve_lang
    from cc_rfp.io.atomic import is_stdout, refuse_input_as_output, write_stdout

    to_stdout = out is None or is_stdout(out)
    refuse_input_as_output(
        "-" if to_stdout else out, answers=path, bank=bank_path, templates=templates
    )
    bank = load_bank(bank_path)
    answers = load_answers(path)
    language = resolve_lang(lang, answers.language)
    document = render_document(bank, answers, lang=language, templates_dir=templates)
    if to_stdout:
        write_stdout(document)
        return
    assert out is not None
    write_document(out, document)
    print(f"wrote {out}", file=sys.stderr)
