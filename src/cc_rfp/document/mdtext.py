"""Escaping answer text so it can never break the Markdown around it.

Answers are free text typed by people: a ``|`` would split a table cell, a leading ``#`` would
make a heading, ``<`` could open HTML. CommonMark lets any ASCII punctuation be escaped with a
backslash, so escaping the characters that carry meaning is always safe.
"""

from __future__ import annotations

import re
from functools import lru_cache

_INLINE = re.compile(r"([\\`*_\[\]<>|#~!{}])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^([-+=])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


@lru_cache(maxsize=8192)
def _escape_line(line: str) -> str:
    """One line escaped; cached, since a document escapes the same labels and words many
    times over (about 900 lines a render)."""
    line = _INLINE.sub(r"\\\1", line)
    line = _ENTITY.sub(r"\\&", line)
    line = line.strip()
    line = _LINE_START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def inline(text: object) -> str:
    """Escape text for use inside a paragraph or list item, on one line."""
    return " ".join(_escape_line(part) for part in _clean(str(text)).split("\n") if part.strip())


def cell(text: object) -> str:
    """Escape text for a table cell: pipes escaped, line breaks as ``<br>``."""
    lines = [_escape_line(part) for part in _clean(str(text)).split("\n") if part.strip()]
    return "<br>".join(lines) if lines else " "


def block(text: object) -> str:
    """Escape multi-line text as paragraphs: blank lines separate paragraphs, other breaks stay."""
    paragraphs = re.split(r"\n\s*\n", _clean(str(text)).strip())
    out = []
    for para in paragraphs:
        lines = [_escape_line(line) for line in para.split("\n") if line.strip()]
        if lines:
            out.append("  \n".join(lines) if len(lines) > 1 else lines[0])
    return "\n\n".join(out)


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A GFM table from already-escaped cells; ``align`` holds 'l' or 'r' per column."""
    align = align or ["l"] * len(header)
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
