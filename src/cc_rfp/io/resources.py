"""Where the built-in question bank and templates live.

In an installed wheel they are package data under ``cc_rfp/data``; in a source checkout they
are the top-level ``questions.yaml`` and ``templates/`` that people edit.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
"""The installed ``cc_rfp`` folder (what ``importlib.resources.files("cc_rfp")`` gives for
a package on disk, without importing importlib.resources: 3 ms of every command)."""


def _data_dir() -> Path:
    packaged = _PACKAGE / "data"
    if (packaged / "questions.yaml").is_file():
        return packaged
    checkout = _PACKAGE.parents[1]
    return checkout


def bank_path() -> Path:
    """The built-in ``questions.yaml``."""
    return _data_dir() / "questions.yaml"


def templates_dir() -> Path:
    """The built-in templates folder."""
    return _data_dir() / "templates"
