"""``cc-rfp interview``: the guided terminal interview.

Only typer is imported at module level; questionary, rich and the interview package load when
the command runs, so ``cc-rfp --help`` stays fast.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from cc_rfp.commands._options import BankOption, LangOption

DEFAULT_ANSWERS = Path("answers.yaml")


def default_output(answers_path: Path) -> Path:
    """``tender.md`` beside ``answers.yaml``; otherwise the answers file's name with ``.md``."""
    if answers_path.stem == "answers" or answers_path.suffix.lower() == ".md":
        return answers_path.with_name("tender.md")
    return answers_path.with_suffix(".md")


def resume_command(
    path: Path, questions: Path | None, out: Path | None, section: str | None = None
) -> str:
    """The command that continues this interview, for the "paused" message."""
    words = ["cc-rfp", "interview", str(path)]
    if questions is not None:
        words += ["--questions", str(questions)]
    if out is not None:
        words += ["-o", str(out)]
    return shlex.join(words)


def section_id(bank: Any, typed: str, lang: str) -> str:
    """The section ``typed`` names: its id, or its name in any language (``prissättning``).

    Refused with the names in the interview's language, as the section headers show them.
    """
    from cc_rfp.errors import InputError

    wanted = typed.strip().lower()
    for section in bank.sections:
        names = {section.id, *(section.name or {}).values()}
        if wanted in {n.lower() for n in names}:
            return str(section.id)
    from cc_rfp.interview.review import shown_id

    known = ", ".join(shown_id(s, lang) for s in bank.sections)
    raise InputError(f"no section '{typed}' in the question bank; use one of: {known}")


def interview(
    answers_file: Annotated[
        Path | None,
        typer.Argument(
            help="The answers file to create or continue (default: answers.yaml here).",
            show_default=False,
            metavar="ANSWERS.yaml",
        ),
    ] = None,
    lang: LangOption = None,
    section: Annotated[
        str | None,
        typer.Option("--section", "-s", help="Revisit only this section id."),
    ] = None,
    questions: BankOption = None,
    essentials: Annotated[
        bool,
        typer.Option(
            "--essentials",
            help="Ask only what a tender cannot do without (a complete draft in about an "
            "hour); the rest is offered section by section afterwards.",
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Where to write the tender (default: tender.md beside the answers file).",
        ),
    ] = None,
) -> None:
    """Ask the guide's questions in the terminal, saving every answer as it is given."""
    from cc_rfp.errors import InputError
    from cc_rfp.io.atomic import check_can_write, refuse_input_as_output

    # Paths first, before the terminal check and any question: a tender that would land on
    # the answers file (``interview e.yaml -o e.yaml``, or ``interview tender.md`` whose default
    # output is itself) or a file that cannot be written is refused before anything is typed.
    path = answers_file if answers_file is not None else DEFAULT_ANSWERS
    if path.is_dir():
        raise InputError(
            f"{path}: is a directory; give the answers file's name, e.g. {path}/answers.yaml"
        )
    tender = out if out is not None else default_output(path)
    refuse_input_as_output(tender, answers=path, bank=questions, default=out is None)
    check_can_write(path)
    check_can_write(tender)

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError(
            "interview needs a terminal (input or output is redirected); without one, "
            "edit the answers file, check it with `cc-rfp validate FILE` and write the "
            "tender with `cc-rfp render FILE -o tender.md`"
        )

    from cc_rfp.core.answers import Answers, load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.i18n import resolve_lang
    from cc_rfp.interview.ask import Ui
    from cc_rfp.interview.lock import AnswersLock
    from cc_rfp.interview.session import Plan, Session

    bank = load_bank(questions)
    existed = path.exists()
    answers = load_answers(path) if existed else Answers()
    ui = Ui(lang=resolve_lang(lang, answers.language))
    if section is not None:
        section = section_id(bank, section, ui.lang)  # a wrong id fails now, naming them
    if essentials and section is not None:
        raise InputError("--essentials and --section do not go together; give one of them")
    plan = Plan(
        path=path,
        out=tender,
        resume_command=resume_command(path, questions, out),
        section=section,
        existed=existed,
        essentials=essentials,
    )
    with AnswersLock(path) as lock:
        if lock.taken_over:
            ui.say(ui.t("lock_taken_over", pid=lock.taken_over), style="dim")
        code = Session(ui, bank, answers, plan).run()
    raise typer.Exit(code)
