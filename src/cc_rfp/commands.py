"""The work behind the simple commands (questions, schema, validate, render).

Kept apart from cli.py so the CLI module imports nothing heavy: this module is imported only
when one of these commands runs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cc_rfp.answers import load_answers
from cc_rfp.bank import Bank, load_bank, text
from cc_rfp.errors import EXIT_OK, EXIT_PROBLEMS, OutputError
from cc_rfp.i18n import resolve_lang


def show_questions(*, lang: str | None, section: str | None, bank_path: Path | None) -> None:
    """Print the bank as a rich table."""
    from rich.console import Console
    from rich.table import Table

    bank = load_bank(bank_path)
    language = resolve_lang(lang)
    sections = [bank.section(section)] if section else bank.sections
    table = Table(title=f"cc-rfp questions ({language})", expand=False)
    table.add_column("id", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("guide", max_width=9)
    table.add_column("when", overflow="fold", max_width=12)
    table.add_column("question", ratio=1)
    for sec in sections:
        table.add_row(f"[bold]{sec.id}[/]", "", "", "", f"[bold]{text(sec.title, language)}[/]")
        for q in sec.questions:
            table.add_row(q.id, q.type, " ".join(q.guide), q.when or "", text(q.text, language))
        table.add_section()
    count = sum(len(s.questions) for s in sections)
    Console().print(table)
    Console().print(f"{count} questions in {len(sections)} section(s)")


def write_schemas(*, out_dir: Path, bank_path: Path | None) -> None:
    """Write answers.schema.json and questions.schema.json into ``out_dir``."""
    from cc_rfp.atomic import atomic_write_text, refuse_input_as_output
    from cc_rfp.schema import answers_schema, bank_schema

    bank = load_bank(bank_path)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder; give a folder with -o")
    for name, schema in (
        ("answers.schema.json", answers_schema(bank)),
        ("questions.schema.json", bank_schema()),
    ):
        path = out_dir / name
        refuse_input_as_output(path, bank=bank_path)
        atomic_write_text(path, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {path}")


def validate_file(path: Path, *, bank_path: Path | None) -> int:
    """Print every problem in an answers file; return the exit code."""
    from cc_rfp.validate import validate_answers

    bank = load_bank(bank_path)
    answers = load_answers(path)
    problems = validate_answers(bank, answers)
    for problem in problems:
        print(problem.format(str(path)))
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} found in {path}", file=sys.stderr)
        return EXIT_PROBLEMS
    _summary(bank, path, answers)
    return EXIT_OK


def _summary(bank: Bank, path: Path, answers: object) -> None:
    from cc_rfp.answers import is_unknown

    values = answers.values  # type: ignore[attr-defined]
    unknown = sum(1 for v in values.values() if is_unknown(v))
    print(f"{path}: valid ({len(values) - unknown} answered, {unknown} unknown yet)")
    if getattr(answers, "bank_sha256", None) not in (None, bank.sha256):
        print(f"{path}: note: written with another version of the question bank", file=sys.stderr)


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
    from cc_rfp.atomic import is_stdout, refuse_input_as_output, write_stdout
    from cc_rfp.render import render_document, write_document

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
