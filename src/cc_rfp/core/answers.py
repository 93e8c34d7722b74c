"""The answers file: YAML a consultant can read, edit by hand, mail around and re-render.

A question has one of three states: not asked yet (its id is absent), answered (a value), or
"don't know yet" (``{unknown: true}``, optionally with a ``note``). The last is first-class
because the guide asks buyers to share what they have and say plainly what they lack.

The file belongs to the consultant, not to the tool. A save therefore changes only what the
tool owns (its header fields and the answers it changed since the last save) and leaves every
other byte as it was: comments, extra keys, unknown header keys, layout. A hand edit made
while an interview is open is read back and merged, never overwritten; a file from a newer
cc-rfp is refused rather than rewritten in an older format. A file from an older cc-rfp is
read in today's form (``migrate.py``), says so in one line, and is written in that form only
when the interview saves an answer.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cc_rfp import __version__
from cc_rfp.core.migrate import current_format, migrate, notice
from cc_rfp.errors import InputError
from cc_rfp.i18n.messages import shown
from cc_rfp.io.atomic import atomic_write_text
from cc_rfp.io.yamlio import LinePath, dump_yaml, parse_yaml, read_text

HEADER_KEY = "cc_rfp"
LIST_HEADER_FIELDS = frozenset({"skipped"})
"""Header fields that hold a list (replaced line by line when the file is saved)."""
ANSWERS_KEY = "answers"
COMMENT = (
    "# cc-rfp answers file. Edit freely, then check with `cc-rfp validate FILE`\n"
    "# and write the tender with `cc-rfp render FILE -o tender.md`.\n"
    "# A figure you do not have yet: write {unknown: true, note: why}.\n"
)


class ChangedOnDiskError(InputError):
    """The file was changed outside the interview and cannot be merged (it no longer parses).

    The answer that was being saved stays in memory (the session offers to try again); the
    file on disk is left exactly as the person left it.
    """


@dataclass
class DiskState:
    """The answers file as last read or written: its text, hash and the answers in it.

    ``data`` is the whole document as parsed; ``baseline`` the answers in today's form (after
    migrations), which a save compares against to know what the interview changed; ``raw``
    the answers as the file holds them, which a save compares against to know which entries
    it must write (every migrated one, so a save leaves the file in today's form).
    """

    text: str
    sha256: str
    data: dict[str, Any]
    baseline: dict[str, Any]
    raw: dict[str, Any] = field(default_factory=dict)


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
    disk: DiskState | None = field(default=None, repr=False, compare=False)
    """The file as last read or written; None for answers that never came from a file."""
    adopted: list[str] = field(default_factory=list, repr=False, compare=False)
    """Ids whose value the last save took over from a hand edit of the file."""
    migrations: list[str] = field(default_factory=list, repr=False, compare=False)
    """What reading the file in today's form changed (migrate.py); empty for a current file."""
    written_by: str | None = field(default=None, repr=False, compare=False)
    """The cc-rfp version named in the file's header, for the migration notice."""
    position: str | None = None
    """The question the interview was at when it last stopped (header ``position``)."""
    skipped: list[str] = field(default_factory=list)
    """Questions left open on purpose with Enter (header ``skipped``): a resumed interview
    does not ask them again before it reaches where the consultant was."""

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
        raise InputError(f"{name}: must be a mapping with an 'answers:' section, not {shown(data)}")
    header = data.get(HEADER_KEY) or {}
    if not isinstance(header, dict):
        raise InputError(f"{name}: '{HEADER_KEY}:' must be a mapping of header fields")
    check_format(header.get("format"), name)
    raw = data.get(ANSWERS_KEY)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError(f"{name}: 'answers:' must be a mapping of question ids to answers")
    migrated = migrate({str(k): v for k, v in raw.items()}, header.get("format"))
    language = header.get("language")
    version = header.get("version")
    return Answers(
        values=_values(migrated.answers),
        language=language if language in ("sv", "en") else None,
        created=str(header.get("created") or _now()),
        updated=str(header.get("updated") or _now()),
        bank_version=header.get("bank_version"),
        bank_sha256=header.get("bank_sha256"),
        lines=_moved_lines(lines, migrated.renames),
        migrations=migrated.applied,
        written_by=str(version) if version is not None else None,
        position=_header_id(header.get("position")),
        skipped=[i for i in map(_header_id, _listed(header.get("skipped"))) if i],
    )


def _header_id(value: Any) -> str | None:
    """A question id from the header, or None for anything a hand edit left there."""
    return value if isinstance(value, str) and value.strip() else None


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _values(raw: dict[str, Any]) -> dict[str, Any]:
    """Answers by id from a raw mapping: empty entries dropped, unknowns as Unknown."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            continue  # an empty entry means "not answered yet"
        unknown = as_unknown(value)
        values[str(key)] = unknown if unknown is not None else value
    return values


def _moved_lines(lines: dict[LinePath, int], renames: dict[str, str]) -> dict[LinePath, int]:
    """Line numbers keyed by today's ids, so messages about a renamed answer find its line."""
    if not renames:
        return lines
    moved: dict[LinePath, int] = {}
    for path, line in lines.items():
        if len(path) >= 2 and path[0] == ANSWERS_KEY and path[1] in renames:
            path = (ANSWERS_KEY, renames[str(path[1])], *path[2:])
        moved.setdefault(path, line)
    return moved


def check_format(value: Any, name: str) -> None:
    """Refuse a file from a newer cc-rfp: rewriting it in format 1 would lose what it added."""
    if value is None:
        return  # a hand-written file without a header is welcome
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(
            f"{name}: '{HEADER_KEY}: format' must be a whole number such as {current_format()}; "
            "correct it or delete the line"
        )
    if value > current_format():
        raise InputError(
            f"{name}: was written by a newer cc-rfp (file format {value}, this one reads "
            f"{current_format()}); upgrade cc-rfp to use it"
        )


def load_answers(path: Path, *, announce: bool = True) -> Answers:
    """Read an answers file; raise InputError (exit 2) when it cannot be used at all.

    A file in an older form is read in today's form; with ``announce`` one line on stderr
    says so (every command loads its answers file once, so the line is printed once). The
    file itself is not touched here.
    """
    path = Path(path)
    text = read_text(path, what="answers file")
    if not text.strip():
        raise InputError(f"{path}: is empty; expected a YAML answers file")
    data, lines = parse_yaml(text, str(path))
    answers = from_data(data, lines, str(path))
    answers.disk = _disk_state(text, data)
    if announce and answers.migrations:
        print(notice(str(path), answers.written_by, answers.migrations), file=sys.stderr)
    return answers


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
    return COMMENT + dump_yaml({HEADER_KEY: _header(answers, {}), ANSWERS_KEY: body})


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


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _disk_state(text: str, data: Any) -> DiskState:
    """The file as read: its answers both as written and in today's form (migrated)."""
    raw = data.get(ANSWERS_KEY) if isinstance(data, dict) else None
    raw = {str(k): v for k, v in raw.items()} if isinstance(raw, dict) else {}
    header = data.get(HEADER_KEY) if isinstance(data, dict) else None
    file_format = header.get("format") if isinstance(header, dict) else None
    if isinstance(file_format, bool) or not isinstance(file_format, int):
        file_format = None
    as_written = _values(raw)
    migrated = migrate(raw, file_format).answers
    today = _values(migrated)
    for key in raw:
        if key not in migrated and key not in as_written:
            as_written[key] = None  # an empty entry a migration removed: the save drops it
    return DiskState(
        text=text,
        sha256=_sha(text),
        data=data if isinstance(data, dict) else {},
        baseline=copy.deepcopy(today),
        raw=copy.deepcopy(as_written),
    )


def _canon(value: Any) -> Any:
    """The form a value takes in the file, so equal answers compare equal."""
    return value.to_yaml() if isinstance(value, Unknown) else _plain(value)


def _header(answers: Answers, old: dict[str, Any]) -> dict[str, Any]:
    """Header values the tool writes: today's format, since a save writes today's form.

    A file in an older format had every migrated entry rewritten by the same save (see
    ``save_answers``); ``old`` is the header as it is in the file (unused fields kept).
    """
    header: dict[str, Any] = {
        "format": current_format(),
        "version": __version__,
        "bank_version": answers.bank_version,
        "bank_sha256": answers.bank_sha256,
        "language": answers.language,
        "created": answers.created,
        "updated": answers.updated,
    }
    # Where the interview stopped: written once there is something to say (a file that
    # never had them stays as it was), and kept up to date once the file has them.
    if answers.position or "position" in old:
        header["position"] = answers.position
    if answers.skipped or "skipped" in old:
        header["skipped"] = list(answers.skipped)
    return header


def _read_current(path: Path, known: DiskState | None) -> DiskState | None:
    """The file as it is now (None when it is gone); refuse a changed file that cannot merge.

    The text is read and hashed at every save (a 21 kB file takes well under a millisecond);
    it is parsed again only when its hash differs from the last read or write. Modification
    times are not trusted for this: on coarse-timestamp file systems an edit within the same
    second would look unchanged.
    """
    if not path.exists() and not path.is_symlink():
        return None
    try:
        text = read_text(path, what="answers file")
        if known is not None and _sha(text) == known.sha256:
            return known
        data, _ = parse_yaml(text, str(path)) if text.strip() else ({}, {})
        if data is None:
            data = {}
        from_data(data, {}, str(path))
    except InputError as exc:
        raise ChangedOnDiskError(
            f"{exc}; the file was changed outside the interview, so it was left as it is and "
            "your answer is kept here: fix the file, then save again"
        ) from None
    return _disk_state(text, data)


def save_answers(path: Path, answers: Answers, order: list[str] | None = None) -> None:
    """Write the answers the interview changed into the file as it is now, atomically.

    The ids changed since the last read or write are merged into the current file, so a hand
    edit made meanwhile survives (the interview's value wins only for an id both changed).
    Everything the tool does not own keeps its bytes. ``answers`` then holds the merged
    values and ``answers.adopted`` names the ids taken over from the hand edit.

    A file read in an older form (migrate.py) is written in today's form: every entry whose
    value as written differs from today's value is written too, so after the save the file
    holds no old id or shape and its header names today's format.
    """
    path = Path(path)
    disk = answers.disk
    baseline = disk.baseline if disk is not None else {}
    changed = [
        qid
        for qid in {**baseline, **answers.values}
        if qid not in answers.values
        or qid not in baseline
        or _canon(answers.values[qid]) != _canon(baseline[qid])
    ]
    current = _read_current(path, disk)
    if not changed and current is not None and current is disk and not _moved(answers, disk):
        # Nothing to save (a pause right after resuming, say): the file keeps every byte,
        # an older form included; it is written in today's form with the first answer.
        answers.adopted = []
        return
    answers.updated = _now()
    answers.adopted = []
    if current is None:
        text = to_yaml(answers, order)
        data, lines = parse_yaml(text, str(path))
    else:
        if current is not disk:
            _adopt(answers, current.baseline, changed)
        migrated = [
            qid
            for qid in {**current.raw, **answers.values}
            if qid not in changed
            and (
                qid not in answers.values
                or qid not in current.raw
                or _canon(answers.values[qid]) != _canon(current.raw[qid])
            )
        ]
        text, data, lines = _merged(
            current.text, current.data, answers, changed + migrated, order or []
        )
    atomic_write_text(path, text)
    answers.disk = _disk_state(text, data)
    answers.lines = lines


def _moved(answers: Answers, disk: DiskState | None) -> bool:
    """Whether the interview's place (position, skipped questions) differs from the file's."""
    header = disk.data.get(HEADER_KEY) if disk is not None else None
    header = header if isinstance(header, dict) else {}
    return answers.position != _header_id(header.get("position")) or answers.skipped != [
        i for i in map(_header_id, _listed(header.get("skipped"))) if i
    ]


def _adopt(answers: Answers, on_disk: dict[str, Any], changed: list[str]) -> None:
    """Take the file's values for every id the interview did not change (a hand edit)."""
    merged = dict(on_disk)
    for qid in changed:
        if qid in answers.values:
            merged[qid] = answers.values[qid]
        else:
            merged.pop(qid, None)
    old = answers.values
    answers.adopted = [
        qid
        for qid in merged
        if qid not in changed and (qid not in old or _canon(old[qid]) != _canon(merged[qid]))
    ]
    answers.adopted += [qid for qid in old if qid not in merged]
    old.clear()
    old.update(merged)


# ---------------------------------------------------------------- keeping the consultant's bytes

_DELETE = object()


def merged_text(
    text: str, data: dict[str, Any], answers: Answers, changed: list[str], order: list[str]
) -> str:
    """The file ``text`` with the tool's header fields and the ``changed`` answers updated."""
    return _merged(text, data, answers, changed, order)[0]


def _merged(
    text: str, data: dict[str, Any], answers: Answers, changed: list[str], order: list[str]
) -> tuple[str, Any, dict[LinePath, int]]:
    """The merged text with its data and lines (parsed once: the check is also the result).

    The file ``text`` with the tool's header fields and the ``changed`` answers updated.

    Only the lines of those entries change, so comments, extra keys and layout survive. The
    result is parsed again and must hold exactly the intended data; when the file's layout is
    one the line edit cannot handle (flow style, say), the data is written out whole instead,
    which still keeps every key and value but not the comments.
    """
    old_header = data.get(HEADER_KEY) if isinstance(data.get(HEADER_KEY), dict) else {}
    header = _header(answers, old_header or {})
    updates = {qid: answers.values.get(qid, _DELETE) for qid in changed}
    expected = dict(data)
    expected[HEADER_KEY] = {**(old_header or {}), **header}
    raw = data.get(ANSWERS_KEY) if isinstance(data.get(ANSWERS_KEY), dict) else {}
    body = dict(raw or {})
    for qid, value in updates.items():
        if value is _DELETE:
            body.pop(qid, None)
        else:
            body[qid] = _canon(value)
    if HEADER_KEY not in data:
        expected = {HEADER_KEY: expected.pop(HEADER_KEY), **expected}
    expected[ANSWERS_KEY] = body
    if not text.endswith("\n"):
        text += "\n"
    try:
        spliced = _splice(text, header, updates, order)
    except (ValueError, IndexError, KeyError, TypeError):  # pragma: no cover - a layout surprise
        spliced = None
    if spliced is not None:
        try:
            check, lines = parse_yaml(spliced, "merged answers")
        except InputError:  # pragma: no cover - the check below would fail too
            check, lines = None, {}
        if _plain(check) == _plain(expected):
            return spliced, check, lines
    ids = [q for q in order if q in body] + [q for q in body if q not in set(order)]
    expected[ANSWERS_KEY] = {q: body[q] for q in ids}
    whole = COMMENT + dump_yaml(_plain(expected))
    check, lines = parse_yaml(whole, "merged answers")
    return whole, check, lines


def _splice(
    text: str, header: dict[str, Any], updates: dict[str, Any], order: list[str]
) -> str | None:
    """Edit whole lines of ``text``: the owned header fields and the updated answer entries."""
    import yaml
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader)
    if not isinstance(root, MappingNode) or root.flow_style:
        return None
    lines = text.split("\n")[:-1]
    lines = [line + "\n" for line in lines]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    top = {k.value: (k, v) for k, v in root.value if isinstance(k, ScalarNode)}

    def last_line(node: Any) -> int:
        """The line of a node's last character of content (comments and blanks after it not)."""
        while not isinstance(node, ScalarNode) and not node.flow_style and node.value:
            last = node.value[-1]
            if isinstance(node, MappingNode):
                key_end, value_end = last_line(last[0]), last_line(last[1])
                return max(key_end, value_end)
            node = last
        pos = starts[node.end_mark.line] + node.end_mark.column
        while pos > 0 and text[pos - 1] in " \t\n":
            pos -= 1
        return text.count("\n", 0, max(pos - 1, 0))

    def entries(node: Any) -> tuple[dict[str, tuple[Any, Any]], str] | None:
        if not isinstance(node, MappingNode) or node.flow_style or not node.value:
            return None
        first = node.value[0][0]
        indent = " " * first.start_mark.column
        found = {}
        for key, value in node.value:
            line = lines[key.start_mark.line]
            if not isinstance(key, ScalarNode) or line[: key.start_mark.column] != indent:
                return None
            found[key.value] = (key, value)
        return found, indent

    def entry_text(qid: str, value: Any, indent: str) -> str:
        dumped = dump_yaml({qid: _canon(value)})
        return "".join(indent + row if row.strip() else row for row in dumped.splitlines(True))

    # Header: the tool's fields in place, missing ones after the last header line.
    if HEADER_KEY in top:
        found = entries(top[HEADER_KEY][1])
        if found is None:
            return None
        fields, indent = found
        missing = ""
        for name, value in header.items():
            new = entry_text(name, value, indent)
            if name not in fields:
                missing += new
                continue
            key, node = fields[name]
            first = key.start_mark.line
            if name in LIST_HEADER_FIELDS and isinstance(node, SequenceNode):
                edits.append((first, last_line(node) + 1, new))  # the list's lines, whole
                continue
            if last_line(node) != first or new.count("\n") != 1:
                return None
            old = lines[first]
            if getattr(node, "style", None) in ("|", ">") or not isinstance(node, ScalarNode):
                return None
            end = node.end_mark.column if node.end_mark.line == first else len(old.rstrip("\n"))
            tail = old[end:] if old[end:].lstrip(" \t").startswith("#") else "\n"
            edits.append((first, first + 1, new.rstrip("\n") + tail))
        if missing:
            after = last_line(top[HEADER_KEY][1]) + 1
            edits.append((after, after, missing))
    else:
        block = entry_text(HEADER_KEY, header, "")
        first_key = root.value[0][0].start_mark.line
        edits.append((first_key, first_key, block))

    # Answers: changed entries in place, deleted ones out, new ones after their bank neighbour.
    changed = {q: v for q, v in updates.items()}
    if ANSWERS_KEY not in top:
        added = [q for q in order if q in changed] + [q for q in changed if q not in set(order)]
        body = {q: changed[q] for q in added if changed[q] is not _DELETE}
        if body:
            block = ANSWERS_KEY + ":\n" + "".join(entry_text(q, body[q], "  ") for q in body)
            edits.append((len(lines), len(lines), block))
    elif changed:
        found = entries(top[ANSWERS_KEY][1])
        if found is None:
            return None
        present, indent = found
        position = {q: i for i, q in enumerate(order)}
        keep = [q for q in present if changed.get(q) is not _DELETE]
        inserts: dict[int, str] = {}
        for qid in [q for q in order if q in changed] + [q for q in changed if q not in position]:
            value = changed[qid]
            if qid in present:
                key, node = present[qid]
                first, last = key.start_mark.line, last_line(node)
                new = "" if value is _DELETE else entry_text(qid, value, indent)
                old_tail = lines[last].rstrip("\n")
                if new.count("\n") == 1 and first == last and "#" in old_tail:
                    # A one-line answer keeps the comment written after it.
                    comment = _trailing_comment(old_tail)
                    if comment:
                        new = new.rstrip("\n") + comment + "\n"
                edits.append((first, last + 1, new))
                continue
            if value is _DELETE:
                continue
            before = [
                q
                for q in keep
                if qid not in position or (q in position and position[q] < position[qid])
            ]
            if before:
                at = last_line(present[before[-1]][1]) + 1
            elif keep:
                at = present[keep[0]][0].start_mark.line
            else:
                return None
            inserts[at] = inserts.get(at, "") + entry_text(qid, value, indent)
        edits += [(at, at, block) for at, block in inserts.items()]

    edits.sort(key=lambda edit: (edit[0], edit[1]))
    out: list[str] = []
    pos = 0
    for start, end, new in edits:
        if start < pos:
            return None
        out += lines[pos:start]
        out.append(new)
        pos = end
    out += lines[pos:]
    return "".join(out)


def _trailing_comment(line: str) -> str:
    """`` # note`` after a one-line plain value, or "" when the ``#`` may be in the value."""
    import re

    match = re.search(r"(\s+#[^'\"]*)$", line)
    return match.group(1) if match else ""
