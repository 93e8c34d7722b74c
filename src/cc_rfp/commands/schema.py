"""``cc-rfp schema``: JSON Schemas of the answers file and the bank, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cc_rfp.commands._options import BankOption


def schema(
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the two schema files into.")
    ] = Path("."),
    bank: BankOption = None,
) -> None:
    """Write JSON Schemas for the answers file and the question bank (for editors)."""
    import json

    from cc_rfp.core.bank import load_bank
    from cc_rfp.core.schema import answers_schema, bank_schema
    from cc_rfp.errors import OutputError
    from cc_rfp.io.atomic import atomic_write_text, refuse_input_as_output

    bank_ = load_bank(bank)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder; give a folder with -o")
    for name, content in (
        ("answers.schema.json", answers_schema(bank_)),
        ("questions.schema.json", bank_schema()),
    ):
        path = out_dir / name
        refuse_input_as_output(path, bank=bank)
        atomic_write_text(path, json.dumps(content, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {path}")
