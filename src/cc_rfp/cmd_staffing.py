"""``cc-rfp staffing`` (placeholder until the staffing issue lands)."""

from __future__ import annotations

import typer


def staffing() -> None:
    """Indicative staffing (Erlang C / A) from direct figures or an answers file."""
    raise typer.Exit(2)
