"""``cc-rfp questions``: the question bank as a table."""

from __future__ import annotations

from typing import Annotated

import typer

from cc_rfp.commands._options import BankOption, LangOption


def questions(
    lang: LangOption = None,
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="Show only this section id.")
    ] = None,
    bank: BankOption = None,
) -> None:
    """Show the question bank as a table: section, id, type, guide ids, condition."""
    from rich.console import Console
    from rich.table import Table

    from cc_rfp.core.bank import load_bank, text
    from cc_rfp.i18n import resolve_lang

    bank_ = load_bank(bank)
    language = resolve_lang(lang)
    sections = [bank_.section(section)] if section else bank_.sections
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
