"""Which document format an output gets: a module of its own so that choosing Markdown does not
import the Word and PDF machinery (``convert`` pulls in zip, temp-file and HTML modules)."""

from __future__ import annotations

from pathlib import Path

from cc_rfp.errors import InputError

FORMATS = ("md", "docx", "pdf")
"""What ``render`` writes; the output's extension picks one unless ``--format`` is given."""


def format_for(out: Path | str | None, explicit: str | None) -> str:
    """The output format: ``--format`` if given, else the extension, else Markdown."""
    if explicit:
        chosen = explicit.lower().lstrip(".")
        if chosen not in FORMATS:
            raise InputError(f"--format {explicit}: use one of {', '.join(FORMATS)}")
        return chosen
    suffix = Path(str(out)).suffix.lower().lstrip(".") if out is not None else ""
    return suffix if suffix in ("docx", "pdf") else "md"
