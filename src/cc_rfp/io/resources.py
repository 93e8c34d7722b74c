"""Where the built-in question bank and templates live.

In an installed wheel they are package data under ``cc_rfp/data``; in a source checkout they
are the top-level ``questions.yaml`` and ``templates/`` that people edit.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _data_dir() -> Path:
    packaged = Path(str(files("cc_rfp"))) / "data"
    if (packaged / "questions.yaml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3]
    return checkout


def bank_path() -> Path:
    """The built-in ``questions.yaml``."""
    return _data_dir() / "questions.yaml"


def templates_dir() -> Path:
    """The built-in templates folder."""
    return _data_dir() / "templates"
