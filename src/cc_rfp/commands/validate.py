"""``cc-rfp validate``: every problem of an answers file, with its line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cc_rfp.commands._options import BankOption

if TYPE_CHECKING:
    from cc_rfp.core.bank import Bank


def validate(
    answers: Annotated[Path, typer.Argument(help="The answers file to check.")],
    bank: BankOption = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 1 on warnings too (unlikely figures, contradictions)."),
    ] = False,
) -> None:
    """Check an answers file and list every problem (exit 0 valid, 1 problems, 2 unusable).

    Warnings (unlikely figures, answers that contradict each other) are listed too; they
    make the exit code 1 only with --strict.
    """
    raise typer.Exit(validate_file(answers, bank_path=bank, strict=strict))


def validate_file(path: Path, *, bank_path: Path | None, strict: bool = False) -> int:
    """Print every problem in an answers file; return the exit code."""
    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.core.validate import validate_answers
    from cc_rfp.errors import EXIT_OK, EXIT_PROBLEMS
    from cc_rfp.i18n import t

    bank = load_bank(bank_path)
    answers = load_answers(path)
    problems = validate_answers(bank, answers, warnings=True)
    for problem in problems:
        print(problem.format(str(path)))
    warnings = len(problems) - len([p for p in problems if not p.warning])
    problems = [p for p in problems if not p.warning]  # unlikely figures do not fail the file
    if strict and warnings and not problems:
        print(t("msg.strict_warnings", "en", count=warnings, path=path), file=sys.stderr)
        return EXIT_PROBLEMS
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} found in {path}", file=sys.stderr)
        return EXIT_PROBLEMS
    _summary(bank, path, answers)
    return EXIT_OK


def _summary(bank: Bank, path: Path, answers: object) -> None:
    from cc_rfp.core.answers import is_unknown

    values = answers.values  # type: ignore[attr-defined]
    unknown = sum(1 for v in values.values() if is_unknown(v))
    print(f"{path}: valid ({len(values) - unknown} answered, {unknown} unknown yet)")
    if getattr(answers, "bank_sha256", None) not in (None, bank.sha256):
        print(f"{path}: note: written with another version of the question bank", file=sys.stderr)
