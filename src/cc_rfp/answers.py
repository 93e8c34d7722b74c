"""The answers file: YAML a consultant can read, edit by hand, mail around and re-render.

A question has one of three states: not asked yet (its id is absent), answered (a value), or
"don't know yet" (``{unknown: true}``, optionally with a ``note``). The last is first-class
because the guide asks buyers to share what they have and say plainly what they lack.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cc_rfp import __version__
from cc_rfp.atomic import atomic_write_text
from cc_rfp.errors import InputError
from cc_rfp.yamlio import LinePath, dump_yaml, load_yaml_file, parse_yaml

FORMAT = 1
HEADER_KEY = "cc_rfp"
ANSWERS_KEY = "answers"
COMMENT = (
    "# cc-rfp answers file. Edit freely, then check with `cc-rfp validate FILE`\n"
    "# and write the tender with `cc-rfp render FILE -o tender.md`.\n"
    "# A figure you do not have yet: write {unknown: true, note: why}.\n"
)


@dataclass(frozen=True)
class Unknown:
    """The "don't know yet" answer, with an optional note on why or when it will be known."""

    note: str = ""

    def to_yaml(self) -> dict[str, Any]:
        return {"unknown": True, "note": self.note} if self.note else {"unknown": True}


def is_unknown(value: Any) -> bool:
    return isinstance(value, Unknown)


def as_unknown(value: Any) -> Unknown | None:
    """The Unknown a raw YAML value stands for, or None when it is an ordinary value."""
    if (
        isinstance(value, dict)
        and value.get("unknown") is True
        and set(value) <= {"unknown", "note"}
    ):
        note = value.get("note")
        return Unknown(str(note) if note is not None else "")
    return None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class Answers:
    """An answers file in memory: header fields and the values by question id."""

    values: dict[str, Any] = field(default_factory=dict)
    language: str | None = None
    created: str = field(default_factory=_now)
    updated: str = field(default_factory=_now)
    bank_version: int | None = None
    bank_sha256: str | None = None
    lines: dict[LinePath, int] = field(default_factory=dict, repr=False)

    def known(self) -> dict[str, Any]:
        """Answers with a real value (neither unknown nor missing), for conditions."""
        return {k: v for k, v in self.values.items() if not is_unknown(v)}

    def line_of(self, question_id: str, *path: Any) -> int | None:
        """The line of an answer (or of a part of it) in the file it was read from."""
        full = (ANSWERS_KEY, question_id, *path)
        for cut in range(len(full), 1, -1):
            if full[:cut] in self.lines:
                return self.lines[full[:cut]]
        return None


def from_data(data: Any, lines: dict[LinePath, int], name: str) -> Answers:
    """Build Answers from parsed YAML, refusing a file whose overall shape is unusable."""
    if not isinstance(data, dict):
        raise InputError(
            f"{name}: must be a mapping with an 'answers:' section, not a {type(data).__name__}"
        )
    header = data.get(HEADER_KEY) or {}
    if not isinstance(header, dict):
        raise InputError(f"{name}: '{HEADER_KEY}:' must be a mapping of header fields")
    raw = data.get(ANSWERS_KEY)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError(f"{name}: 'answers:' must be a mapping of question ids to answers")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            continue  # an empty entry means "not answered yet"
        unknown = as_unknown(value)
        values[str(key)] = unknown if unknown is not None else value
    language = header.get("language")
    return Answers(
        values=values,
        language=language if language in ("sv", "en") else None,
        created=str(header.get("created") or _now()),
        updated=str(header.get("updated") or _now()),
        bank_version=header.get("bank_version"),
        bank_sha256=header.get("bank_sha256"),
        lines=lines,
    )


def load_answers(path: Path) -> Answers:
    """Read an answers file; raise InputError (exit 2) when it cannot be used at all."""
    data, lines = load_yaml_file(Path(path), what="answers file")
    return from_data(data, lines, str(path))


def parse_answers(text: str, name: str = "answers.yaml") -> Answers:
    """Parse answers from text (for tests and stdin-free callers)."""
    data, lines = parse_yaml(text, name)
    return from_data(data, lines, name)


def to_yaml(answers: Answers, order: list[str] | None = None) -> str:
    """The file text: header, then answers in bank order (unknown ids last)."""
    order = order or []
    ids = [q for q in order if q in answers.values]
    ids += [q for q in answers.values if q not in set(ids)]
    body: dict[str, Any] = {}
    for qid in ids:
        value = answers.values[qid]
        body[qid] = value.to_yaml() if isinstance(value, Unknown) else _plain(value)
    header = {
        "format": FORMAT,
        "version": __version__,
        "bank_version": answers.bank_version,
        "bank_sha256": answers.bank_sha256,
        "language": answers.language,
        "created": answers.created,
        "updated": answers.updated,
    }
    return COMMENT + dump_yaml({HEADER_KEY: header, ANSWERS_KEY: body})


def _plain(value: Any) -> Any:
    """Dates as ISO strings, tuples as lists: only types YAML round-trips faithfully."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def save_answers(path: Path, answers: Answers, order: list[str] | None = None) -> None:
    """Stamp ``updated`` and write the file atomically."""
    answers.updated = _now()
    atomic_write_text(Path(path), to_yaml(answers, order))
