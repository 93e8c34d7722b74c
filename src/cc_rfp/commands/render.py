"""``cc-rfp render``: the tender from an answers file, as Markdown, Word or PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cc_rfp.commands._options import (
    BankOption,
    DocumentOutOption,
    FormatOption,
    LangOption,
    PdfaOption,
    ReferenceDocOption,
    TemplatesOption,
)


def render(
    answers: Annotated[Path, typer.Argument(help="The answers file to render.")],
    out: DocumentOutOption = None,
    fmt: FormatOption = None,
    reference_doc: ReferenceDocOption = None,
    pdfa: PdfaOption = False,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft", help="Render even if facts only the buyer can give are missing (marked)."
        ),
    ] = False,
    memo: Annotated[
        bool,
        typer.Option(
            "--memo",
            help="Write the internal memo for the buyer and consultant instead of the tender.",
        ),
    ] = False,
    lang: LangOption = None,
    templates: TemplatesOption = None,
    bank: BankOption = None,
) -> None:
    """Write the tender specification (Markdown, Word or PDF) from an answers file."""
    render_file(
        answers,
        out=out,
        lang=lang,
        templates=templates,
        bank_path=bank,
        fmt=fmt,
        reference_doc=reference_doc,
        pdfa=pdfa,
        draft=draft,
        memo=memo,
    )


def render_file(
    path: Path,
    *,
    out: Path | None,
    lang: str | None,
    templates: Path | None,
    bank_path: Path | None,
    fmt: str | None = None,
    reference_doc: Path | None = None,
    pdfa: bool = False,
    draft: bool = False,
    memo: bool = False,
) -> None:
    """Render an answers file to Markdown on stdout (also ``-o -``) or, safely, to ``out``.

    An output that is one of the inputs (answers, bank, a template; through links too) is
    refused before anything is read, so no render can replace what the consultant wrote.
    Word and PDF are made in memory and written in one atomic step, or not at all.
    ``memo`` writes the internal memo instead: it lists missing buyer facts itself, so it is
    never refused for them.
    """
    from cc_rfp.document.formats import format_for

    chosen = format_for(out, fmt)
    _check_options(chosen, out, reference_doc, pdfa)

    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.document.render import render_document, render_memo, write_document
    from cc_rfp.i18n import resolve_lang
    from cc_rfp.io.atomic import check_can_write, is_stdout, refuse_input_as_output, write_stdout

    to_stdout = out is None or is_stdout(out)
    refuse_input_as_output(
        "-" if to_stdout else out, answers=path, bank=bank_path, templates=templates
    )
    if reference_doc is not None and out is not None and not to_stdout:
        _refuse_same(out, reference_doc)
    if not to_stdout:
        assert out is not None
        check_can_write(out)  # before the work (a PDF takes a second) and before any notice
    bank = load_bank(bank_path)
    answers = load_answers(path)
    language = resolve_lang(lang, answers.language)
    if memo:
        document = render_memo(bank, answers, lang=language, templates_dir=templates)
    else:
        document = render_document(bank, answers, lang=language, templates_dir=templates)
        _refuse_unfinished(path, bank, answers, language, draft)  # after: errors come first
    if chosen != "md":
        assert out is not None
        _write_converted(out, chosen, document, bank, answers, language, reference_doc, pdfa)
        return
    if to_stdout:
        write_stdout(document)
        return
    assert out is not None
    write_document(out, document)
    print(f"wrote {out}", file=sys.stderr)


def _refuse_unfinished(path: Path, bank: object, answers: object, lang: str, draft: bool) -> None:
    """A tender missing facts only the buyer can give is not written unless ``--draft``.

    The list goes to stderr (one line each) and the exit code is 1, like ``validate``: the
    file is fine, the tender is not finished. With ``--draft`` one line says it is a draft.
    """
    from cc_rfp.document.render import missing_buyer_facts
    from cc_rfp.errors import EXIT_PROBLEMS
    from cc_rfp.i18n import t

    facts = missing_buyer_facts(bank, answers, lang)  # type: ignore[arg-type]
    if not facts:
        return
    if draft:
        print(
            f"cc-rfp: {t('document.render_draft_written', lang, count=len(facts))}", file=sys.stderr
        )
        return
    print(t("document.render_blocked", lang, path=path, count=len(facts)), file=sys.stderr)
    for fact in facts:
        status = t(f"document.render_status_{fact['status']}", lang)
        line = t(
            "document.render_blocked_item", lang, label=fact["label"], id=fact["id"], status=status
        )
        print(line, file=sys.stderr)
    print(t("document.render_blocked_hint", lang), file=sys.stderr)
    raise typer.Exit(EXIT_PROBLEMS)


def _check_options(chosen: str, out: Path | None, reference_doc: Path | None, pdfa: bool) -> None:
    """Options that cannot go together fail before anything is read."""
    from cc_rfp.errors import InputError
    from cc_rfp.io.atomic import is_stdout

    if chosen != "md" and (out is None or is_stdout(out)):
        raise InputError(f"a {chosen} file cannot go to standard output; give one with -o")
    if reference_doc is not None and chosen != "docx":
        raise InputError("--reference-doc styles Word output; write a .docx or drop it")
    if pdfa and chosen != "pdf":
        raise InputError("--pdfa applies to PDF output; write a .pdf or drop it")
    if reference_doc is not None:
        from cc_rfp.document.convert import check_reference

        check_reference(reference_doc)


def _refuse_same(out: Path, reference_doc: Path) -> None:
    import os

    from cc_rfp.errors import OutputError

    try:
        same = os.path.samefile(out, reference_doc)
    except OSError:
        same = False
    if same:
        raise OutputError(
            f"{out}: is the reference document given with --reference-doc; "
            "give the tender another name with -o"
        )


def _write_converted(
    out: Path,
    fmt: str,
    document: str,
    bank: object,
    answers: object,
    lang: str,
    reference_doc: Path | None,
    pdfa: bool,
) -> None:
    """Convert in memory, then write atomically; one line says what was written."""
    from cc_rfp.document.convert import convert, cover_for
    from cc_rfp.io.atomic import atomic_write_bytes

    cover = cover_for(bank, answers, lang, document)  # type: ignore[arg-type]
    data = convert(document, fmt, cover, lang=lang, reference_doc=reference_doc, pdfa=pdfa)
    atomic_write_bytes(out, data, what=f"a {fmt} file")
    print(f"wrote {out} ({max(1, round(len(data) / 1024))} kB)", file=sys.stderr)
