"""The numbered requirements of a rendered tender, read back from its Markdown.

The templates number requirements in two places: a paragraph that starts with the label the
``req(level)`` macro writes ("**K3 (ska-krav)** Leverantören …" / "**R3 (mandatory)** The
supplier …"), and the rows of the KPI table, whose first cell is the number ("K4") and one of
whose cells is the level. The compliance matrix must list exactly these, with the numbers the
bidder reads in the document, so they are taken from the rendered text itself rather than
counted a second time. The label words (prefix, level names, the KPI table's headers) come from
the template text catalogue, so a changed word in ``templates/text`` changes the parser too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Level = Literal["mandatory", "desirable"]

_HEADING_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")


@dataclass(frozen=True)
class Requirement:
    """One numbered requirement.

    ``id`` is the same in every language (``req.3``): the Swedish K3 and the English R3 are
    one requirement, so a bidder answering the English matrix of a Swedish tender is read
    correctly. ``level`` is None when the document states a level the catalogue does not
    know (a custom templates folder); the matrix then shows the level as written
    (``level_text``).
    """

    id: str
    number: int
    label: str
    level: Level | None
    level_text: str
    text: str
    section: str


@dataclass(frozen=True)
class _Words:
    prefix: str
    levels: dict[str, Level]
    kpi_columns: tuple[str, ...]


def _words(lang: str, templates_dir: Path | None) -> _Words:
    from cc_rfp.document import catalog
    from cc_rfp.io import resources

    texts = catalog.load(resources.templates_dir(), templates_dir)
    levels: dict[str, Level] = {
        texts.text("common.level_mandatory", lang).casefold(): "mandatory",
        texts.text("common.level_desirable", lang).casefold(): "desirable",
    }
    columns = tuple(
        texts.text(key, lang).casefold()
        for key in ("service.kpi", "company.channel", "service.target")
    )
    return _Words(texts.text("common.req_prefix", lang), levels, columns)


def requirements_from_markdown(
    markdown: str, lang: str, templates_dir: Path | None = None
) -> list[Requirement]:
    """Every numbered requirement of a rendered tender, in document order."""
    from markdown_it import MarkdownIt

    words = _words(lang, templates_dir)
    label = re.compile(rf"^{re.escape(words.prefix)}(\d+)\s*\((?P<level>[^)]+)\)$", re.IGNORECASE)
    cell_id = re.compile(rf"^{re.escape(words.prefix)}(\d+)$")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found: list[Requirement] = []
    section = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            heading = _plain(tokens[i + 1].children or [])
            match = _HEADING_NUMBER.match(heading)
            if match:
                section = match.group(1)
            i += 3
            continue
        if token.type == "paragraph_open" and token.level == 0:
            children = tokens[i + 1].children or []
            requirement = _paragraph(children, label, words, section)
            i += 3
            if requirement is not None:
                if requirement.text.endswith(":") and i < len(tokens):
                    items, i = _list_after(tokens, i)
                    if items:
                        requirement = _with_text(
                            requirement,
                            requirement.text + "\n" + "\n".join(f"– {item}" for item in items),
                        )
                found.append(requirement)
            continue
        if token.type == "table_open":
            rows, i = _table(tokens, i)
            found.extend(_table_requirements(rows, cell_id, words, section))
            continue
        i += 1
    return found


def _with_text(requirement: Requirement, text: str) -> Requirement:
    return Requirement(
        requirement.id,
        requirement.number,
        requirement.label,
        requirement.level,
        requirement.level_text,
        text,
        requirement.section,
    )


def _paragraph(
    children: list[Any], label: re.Pattern[str], words: _Words, section: str
) -> Requirement | None:
    """A requirement when the paragraph opens with a bold ``K3 (level)`` label."""
    while children and children[0].type == "text" and not children[0].content.strip():
        children = children[1:]
    if len(children) < 3 or children[0].type != "strong_open":
        return None
    close = next((n for n, child in enumerate(children) if child.type == "strong_close"), None)
    if close is None:
        return None
    match = label.match(_plain(children[1:close]).strip())
    if match is None:
        return None
    number = int(match.group(1))
    level_text = match.group("level").strip()
    return Requirement(
        id=f"req.{number}",
        number=number,
        label=f"{words.prefix}{number}",
        level=words.levels.get(level_text.casefold()),
        level_text=level_text,
        text=_plain(children[close + 1 :]).strip(),
        section=section,
    )


def _list_after(tokens: list[Any], i: int) -> tuple[list[str], int]:
    """The items of a list that directly follows position ``i`` (the paragraph's end).

    Only the list's own items are taken (a nested list's lines are part of its item's text
    through the item's own inline token); the position returned is after the list.
    """
    opening = tokens[i]
    if opening.type not in ("bullet_list_open", "ordered_list_open"):
        return [], i
    closing = opening.type.replace("_open", "_close")
    items: list[str] = []
    i += 1
    while i < len(tokens):
        token = tokens[i]
        if token.type == closing and token.level == opening.level:
            return items, i + 1
        if token.type == "inline" and token.level == opening.level + 3:
            items.append(_plain(token.children or []).strip())
        i += 1
    return items, i


def _table(tokens: list[Any], i: int) -> tuple[list[list[str]], int]:
    """The table's rows (header first) as plain text cells; the position after it."""
    rows: list[list[str]] = []
    while i < len(tokens) and tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(_plain(token.children or []).strip())
        i += 1
    return rows, i + 1


def _table_requirements(
    rows: list[list[str]], cell_id: re.Pattern[str], words: _Words, section: str
) -> list[Requirement]:
    if len(rows) < 2:
        return []
    header = [cell.casefold() for cell in rows[0]]
    text_columns = [header.index(name) for name in words.kpi_columns if name in header]
    out = []
    for row in rows[1:]:
        match = cell_id.match(row[0]) if row else None
        if match is None:
            continue
        number = int(match.group(1))
        level_column = next(
            (n for n, cell in enumerate(row) if cell.casefold() in words.levels), None
        )
        level_text = row[level_column] if level_column is not None else ""
        columns = text_columns or [
            n for n in range(1, len(row)) if n != level_column and row[n] not in ("", "–")
        ]
        text = " – ".join(row[n] for n in columns if n < len(row) and row[n])
        out.append(
            Requirement(
                id=f"req.{number}",
                number=number,
                label=f"{words.prefix}{number}",
                level=words.levels.get(level_text.casefold()),
                level_text=level_text,
                text=text,
                section=section,
            )
        )
    return out


def _plain(children: list[Any]) -> str:
    """Inline tokens as plain text: emphasis and links dropped, breaks become spaces."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_plain(child.children or []))
    return "".join(parts)
