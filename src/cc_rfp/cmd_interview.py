"""``cc-rfp interview`` (placeholder until the interview lands)."""

from __future__ import annotations

import typer


def interview() -> None:
    """Ask the guide's questions in the terminal and save the answers."""
    raise typer.Exit(2)
