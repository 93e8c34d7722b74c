"""Property-based tests: whatever people feed cc-rfp, it works or says why in one line.

Each property runs in-process (fast enough for hundreds of examples); any exception other
than the tool's own one-line errors fails the test, which is what a traceback would be.
What does not change between examples (the parsed bank, the example answers, the document
they render to) is built once per module, so every example pays only for what it checks.
They are marked ``slow``: the fast inner loop (``-m "not e2e and not slow"``) leaves them out;
``HYPOTHESIS_PROFILE=deep`` runs each with more examples (``tests/conftest.py``).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io
import re
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from cc_rfp.commands.render import render_file
from cc_rfp.commands.validate import validate_file
from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import Bank, bank_from_data, load_bank, parse_bank
from cc_rfp.document.render import render_document
from cc_rfp.errors import BankError, CcRfpError
from cc_rfp.io.yamlio import LinePath, parse_yaml
from tests.conftest import EXAMPLE, REPO

pytestmark = pytest.mark.slow

# 150 examples each, or more when a deeper Hypothesis profile is loaded (never fewer).
EXAMPLES = max(150, settings.default.max_examples)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
needs_example = pytest.mark.skipif(not EXAMPLE.exists(), reason="examples/answers-example.yaml")

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.dates()
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any) -> str:
    """YAML text for ``data`` through libyaml when present (same data, a fraction of the time)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True)


def run_quietly(action) -> str:
    """Run a command function; 'ok', or 'error' for a one-line CcRfpError."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            result = action()
        except CcRfpError as exc:
            assert "\n" not in str(exc), str(exc)
            assert exc.exit_code in (1, 2)
            return "error"
    return "ok" if not result else "problems"


def check_file(text: str) -> None:
    """validate and render the file; render leaves no output unless it succeeded, whole."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"
        path.write_text(text, encoding="utf-8")
        out = Path(folder) / "tender.md"
        run_quietly(lambda: validate_file(path, bank_path=None))
        outcome = run_quietly(
            lambda: render_file(
                path, out=out, lang="en", templates=None, bank_path=None, draft=True
            )
        )
        if outcome == "error":
            assert not out.exists()
        else:
            assert out.read_text(encoding="utf-8").endswith("\n")
        assert sorted(p.name for p in Path(folder).iterdir()) in (
            ["answers.yaml"],
            ["answers.yaml", "tender.md"],
        )


@SETTINGS
@given(document=values)
def test_random_yaml_documents(document: Any) -> None:
    check_file(dump(document))


@SETTINGS
@given(answers=st.dictionaries(st.text(max_size=20), values, max_size=6))
def test_random_answers_mappings(answers: dict[str, Any]) -> None:
    check_file(dump({"answers": answers}))


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_text_files(text: str) -> None:
    check_file(text)


@cache
def _example_data() -> dict[str, Any]:
    """The example answers file, parsed once; every example mutates its own deep copy."""
    return yaml.load(EXAMPLE.read_text(encoding="utf-8"), Loader=_Loader)


@st.composite
def mutated_example(draw) -> dict[str, Any]:
    data = copy.deepcopy(_example_data())
    answers = data["answers"]
    for _ in range(draw(st.integers(1, 4))):
        keys = sorted(answers)
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["drop", "rename", "replace", "unicode", "deep"]))
        if action == "drop":
            del answers[key]
        elif action == "rename":
            answers[draw(st.text(min_size=1, max_size=12))] = answers.pop(key)
        elif action == "replace":
            answers[key] = draw(values)
        elif action == "unicode":
            answers[key] = draw(st.text(max_size=60))
        else:
            answers[key] = _mutate_inside(answers[key], draw)
    if draw(st.booleans()):
        data["cc_rfp"] = draw(values)
    return data


def _mutate_inside(value: Any, draw) -> Any:
    if isinstance(value, list) and value:
        index = draw(st.integers(0, len(value) - 1))
        value[index] = _mutate_inside(value[index], draw)
        return value
    if isinstance(value, dict) and value:
        key = draw(st.sampled_from(sorted(value, key=str)))
        value[key] = _mutate_inside(value[key], draw) if draw(st.booleans()) else draw(values)
        return value
    return draw(values)


@needs_example
@SETTINGS
@given(data=mutated_example())
def test_mutated_example(data: dict[str, Any]) -> None:
    check_file(dump(data))


BANK_TEXT = (REPO / "questions.yaml").read_text(encoding="utf-8")


@cache
def _bank_data() -> dict[str, Any]:
    """The built-in bank as plain data, parsed once (150 KB: re-parsing cost a second each)."""
    return yaml.load(BANK_TEXT, Loader=_Loader)


@st.composite
def mutated_bank(draw) -> dict[str, Any]:
    """The bank with one question changed; only the path to that question is copied.

    The mutations below touch one question mapping and its section's question list, so
    copying those (and the lists above them) leaves the shared parse untouched.
    """
    base = _bank_data()
    data = dict(base)
    data["sections"] = list(base["sections"])
    s_index = draw(st.integers(0, len(data["sections"]) - 1))
    section = data["sections"][s_index] = dict(data["sections"][s_index])
    section["questions"] = list(section["questions"])
    q_index = draw(st.integers(0, len(section["questions"]) - 1))
    question = section["questions"][q_index] = dict(section["questions"][q_index])
    action = draw(st.sampled_from(["drop", "replace", "type", "duplicate", "when", "lang"]))
    key = draw(st.sampled_from(sorted(question)))
    if action == "drop":
        del question[key]
    elif action == "replace":
        question[key] = draw(values)
    elif action == "type":
        question["type"] = draw(st.sampled_from(["text", "records", "table", "kpis", "x"]))
    elif action == "duplicate":
        section["questions"].append(copy.deepcopy(question))
    elif action == "when":
        question["when"] = draw(st.text(max_size=30))
    else:
        question["text"] = {draw(st.sampled_from(["sv", "en", "de"])): draw(st.text(max_size=9))}
    return data


class _FastDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's dumper (the bank is large), writing shared values out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@cache
def _bank_lines() -> dict[LinePath, int]:
    """The line of every key of the unmutated bank: what a mutated bank's messages point at."""
    return parse_yaml(BANK_TEXT, "questions.yaml")[1]


def _bank_outcome(check: Callable[[], Bank]) -> tuple[str, Any]:
    """("ok", the checked model as plain data), or ("error", the one-line message without its
    line number). Plain data's repr, so a NaN a mutation put in compares equal to itself."""
    try:
        return "ok", repr(check().file)
    except BankError as exc:
        message = str(exc)
        assert "\n" not in message
        assert message.startswith("questions.yaml")
        assert "question '" in message or "section '" in message or "sections" in message, message
        return "error", re.sub(r"^questions\.yaml(:\d+)?", "questions.yaml", message)


@SETTINGS
@given(data=mutated_bank())
def test_mutated_bank(data: dict[str, Any]) -> None:
    """The data stage of the bank loader (``bank_from_data``, which ``parse_bank`` runs after
    the YAML): writing each example out as 150 KB of YAML and parsing it back cost ten times
    the check itself. The YAML stage is fuzzed by the random-text tests above, and
    ``test_mutated_bank_as_text`` shows both stages give what this one does. Messages point
    at the unmutated bank's lines."""
    _bank_outcome(lambda: bank_from_data(data, _bank_lines(), "questions.yaml"))


@settings(SETTINGS, max_examples=max(10, settings.default.max_examples // 10))
@given(data=mutated_bank())
def test_mutated_bank_as_text(data: dict[str, Any]) -> None:
    """A few mutated banks through the whole text path: YAML out (keys in their order),
    ``parse_bank`` (YAML with lines, the data stage, the on-disk cache when it passes); the
    outcome is the data stage's on the same data, the same model or message but the line."""
    text = yaml.dump(data, Dumper=_FastDumper, allow_unicode=True, sort_keys=False)
    through_text = _bank_outcome(lambda: parse_bank(text, "questions.yaml"))
    assert through_text == _bank_outcome(lambda: bank_from_data(data, {}, "questions.yaml"))


# Headings and table headers are block structure: inline parsing cannot change them.
_MARKDOWN = MarkdownIt("commonmark").enable("table").disable("inline")


def _structure(markdown: str) -> tuple[list[str], list[int]]:
    """Heading levels, and the column count of every table."""
    tokens = _MARKDOWN.parse(markdown)
    headings, columns = [], []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(token.tag)
        if token.type == "thead_open":
            row_end = next(j for j in range(i, len(tokens)) if tokens[j].type == "tr_close")
            columns.append(sum(1 for t in tokens[i:row_end] if t.type == "th_open"))
    return headings, columns


@cache
def _example_answers() -> Any:
    """The example answers, loaded once; each example changes a deep copy of its values
    (rendering only reads the rest: the file's text and parse, copied every time before)."""
    return load_answers(EXAMPLE)


@cache
def _bank() -> Bank:
    """The built-in bank, loaded once (``load_bank`` reads and fingerprints 150 KB a call)."""
    return load_bank()


def _answers_copy() -> Any:
    base = _example_answers()
    return dataclasses.replace(base, values=copy.deepcopy(base.values))


@cache
def _baseline_structure(lang: str) -> tuple[list[str], list[int]]:
    """The structure of the untouched example document, rendered once per language."""
    return _structure(render_document(_bank(), _answers_copy(), lang=lang))


@needs_example
@SETTINGS
@given(noise=st.text(min_size=1, max_size=80), lang=st.sampled_from(["sv", "en"]))
def test_unicode_in_free_text_keeps_structure(noise: str, lang: str) -> None:
    bank = _bank()
    answers = _answers_copy()
    baseline = _baseline_structure(lang)
    for qid, question in bank.questions.items():
        if question.type in {"text", "longtext"} and qid in answers.values:
            answers.values[qid] = noise if noise.strip() else "x" + noise
        if question.type == "records" and isinstance(answers.values.get(qid), list):
            for row in answers.values[qid]:
                for spec in question.fields or []:
                    if spec.type in {"text", "longtext"} and spec.id in row:
                        row[spec.id] = "y" + noise
    assert _structure(render_document(bank, answers, lang=lang)) == baseline
