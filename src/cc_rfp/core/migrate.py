"""Answers files outlive versions: the steps that read an older file in today's form.

A consultant's answers file may be months old and written by an older cc-rfp. When a later
version renames a question id or reshapes a value, the file is not refused and not rewritten
behind the person's back: loading applies the migrations the file needs, in order, to the
answers mapping in memory, and the loader says so in one line. The file on disk changes only
when the interview saves an answer (then it is written in today's form, with today's format
number); ``validate``, ``render`` and ``staffing`` never write it.

Each migration is keyed by the file format it produces: a file whose ``cc_rfp: format:`` is
lower gets it. Adding one means appending to :data:`MIGRATIONS` with the next format number
(the loader's current format follows from the list), and adding a frozen file to
``tests/data/`` if the old form is not covered yet. A file without a header is taken to be in
today's form: nothing is migrated, since a reshape applied twice would corrupt a value.

Today no id or shape has changed since 0.1.0 (format 1), so the list is empty.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

BASE_FORMAT = 1
"""The format cc-rfp 0.1.0 wrote; every later format is reached through MIGRATIONS."""


@dataclass(frozen=True)
class Migration:
    """One step from an older answers form to the next.

    ``apply`` is pure: it gets a copy of the answers mapping (id to the raw YAML value, empty
    entries included) and returns the new mapping. ``description`` is what the person reads
    (one line, e.g. "renamed agents to agents_now"); it is shown only when the step changed
    the file's answers. ``renames`` maps old ids to new ones so that line numbers in
    ``validate`` messages still point at the entry in the file.
    """

    to_format: int
    description: str
    apply: Callable[[dict[str, Any]], dict[str, Any]]
    renames: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if "\n" in self.description or not self.description.strip():
            raise ValueError("a migration's description is one non-empty line")
        if self.to_format <= BASE_FORMAT:
            raise ValueError(f"a migration produces a format after {BASE_FORMAT}")


def rename(old: str, new: str, *, to_format: int) -> Migration:
    """A migration that moves the answer under ``old`` to ``new`` (an answer under ``new`` wins).

    A file that already has ``new`` (a hand edit in today's form) keeps it; the old entry is
    then dropped, so the file never holds both.
    """

    def apply(answers: dict[str, Any]) -> dict[str, Any]:
        if old not in answers:
            return answers
        out: dict[str, Any] = {}
        for key, value in answers.items():
            if key == old:
                if new not in answers or answers[new] is None:
                    out[new] = value
            elif key == new:
                if value is not None or old not in answers:
                    out[new] = value
            else:
                out[key] = value
        return out

    return Migration(to_format, f"renamed {old} to {new}", apply, {old: new})


MIGRATIONS: list[Migration] = []
"""Ordered by ``to_format``; empty while no id or shape has changed since 0.1.0."""


def current_format() -> int:
    """The format this cc-rfp writes: one past the last migration's source, or the base."""
    return max([BASE_FORMAT, *(m.to_format for m in MIGRATIONS)])


@dataclass
class Migrated:
    """The answers mapping in today's form and what it took to get there."""

    answers: dict[str, Any]
    applied: list[str] = field(default_factory=list)
    """Descriptions of the steps that changed something, in order."""
    renames: dict[str, str] = field(default_factory=dict)
    """Old id to today's id, composed over all applied steps."""


def migrate(answers: Mapping[str, Any], file_format: int | None) -> Migrated:
    """Apply, in order, every migration a file of ``file_format`` needs; never mutate the input.

    ``None`` (no header) means today's form. A step that changes nothing is not reported.
    """
    result = Migrated(answers=dict(answers))
    if file_format is None:
        return result
    for step in sorted(MIGRATIONS, key=lambda m: m.to_format):
        if step.to_format <= file_format:
            continue
        before = result.answers
        after = step.apply(copy.deepcopy(before))
        if after == before:
            continue
        result.answers = dict(after)
        result.applied.append(step.description)
        for old, new in step.renames.items():
            for first, now in list(result.renames.items()):
                if now == old:
                    result.renames[first] = new
            result.renames.setdefault(old, new)
    return result


def notice(name: str, written_by: Any, applied: list[str]) -> str:
    """The one line every command prints when a file was read in an older form."""
    who = f"cc-rfp {written_by}" if written_by else "an older cc-rfp"
    return (
        f"{name}: written by {who}; read in today's form ({'; '.join(applied)}); "
        "the file changes only when you save it"
    )
