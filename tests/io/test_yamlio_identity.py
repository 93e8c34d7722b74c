"""``parse_yaml`` builds data and lines in one walk: same results and messages as before.

The reference below is ``parse_yaml`` as it was before the one-pass walk: libyaml composes,
``_index_lines`` records lines and refuses aliases, then PyYAML's constructor (with the
strict loader's duplicate-key check) builds the data. Every YAML file in the repository and
random YAML texts must give the same outcome through both: equal data (compared token by
token with types, so ``1``/``1.0``/``True`` and key order count), the same line map in the
same order, or the same exception type and message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, SequenceNode

from cc_rfp.errors import InputError
from cc_rfp.io import yamlio
from cc_rfp.io.yamlio import LinePath, parse_yaml

ROOT = Path(__file__).resolve().parents[2]


def reference_parse_yaml(text: str, name: str) -> tuple[Any, dict[LinePath, int]]:
    """``parse_yaml`` before the one-pass walk (line walk, then PyYAML's constructor)."""
    try:
        loader = yamlio._StrictLoader(text)
        try:
            node = loader.get_single_node()
            lines: dict[LinePath, int] = {}
            if node is not None:
                reference_index_lines(node, (), lines)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = (exc.problem or exc.context or "is not valid YAML").strip()
        raise InputError(f"{name}{where}: {problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: is not valid YAML ({str(exc).splitlines()[0]})") from None
    except RecursionError:
        raise InputError(f"{name}: is nested too deeply to be a real YAML file") from None
    return data, lines


def reference_index_lines(node: Node, path: LinePath, lines: dict[LinePath, int]) -> None:
    """``_index_lines`` as it was: record lines, refuse a node met a second time."""
    seen: set[int] = set()
    stack: list[tuple[Node, LinePath]] = [(node, path)]
    while stack:
        current, here = stack.pop()
        if id(current) in seen:
            raise yaml.MarkedYAMLError(
                problem="uses a YAML alias (*name); write the value out instead",
                problem_mark=current.start_mark,
            )
        seen.add(id(current))
        lines.setdefault(here, current.start_mark.line + 1)
        if isinstance(current, MappingNode):
            for key_node, value_node in current.value:
                key = key_node.value if hasattr(key_node, "value") else None
                if isinstance(key, str):
                    lines[(*here, key)] = key_node.start_mark.line + 1
                stack.append((value_node, (*here, key) if isinstance(key, str) else here))
        elif isinstance(current, SequenceNode):
            for i, item in enumerate(current.value):
                lines[(*here, i)] = item.start_mark.line + 1
                stack.append((item, (*here, i)))


def shape(data: Any) -> list[tuple[str, Any]]:
    """Data as a flat list of (type, value) tokens, in order; iterative, so depth is fine.

    Unlike ``==`` it tells ``1``, ``1.0`` and ``True`` apart, sees key order and equates a
    NaN with a NaN.
    """
    tokens: list[tuple[str, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if type(item) is dict:
            tokens.append(("dict", len(item)))
            for key, value in reversed(item.items()):
                stack.extend((value, key))
        elif type(item) is list:
            tokens.append(("list", len(item)))
            stack.extend(reversed(item))
        else:
            tokens.append((type(item).__name__, repr(item)))
    return tokens


def outcome(parse: Any, text: str) -> tuple[Any, ...]:
    """What a parse gives, in a form that compares types, order and messages."""
    try:
        data, lines = parse(text, "t.yaml")
    except Exception as exc:  # the reference crashes on some tags (e.g. ValueError)
        return ("raised", type(exc).__name__, str(exc))
    return ("parsed", shape(data), list(lines.items()))


def one_pass(text: str) -> tuple[Any, ...] | None:
    """The walk's own result when it does not hand over to the reference path."""
    loader = yamlio._StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            data, lines = yamlio._build(loader, node)
        except Exception:
            return None
        return ("parsed", shape(data), list(lines.items()))
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def assert_same(text: str) -> tuple[Any, ...]:
    expected = outcome(reference_parse_yaml, text)
    assert outcome(parse_yaml, text) == expected
    walked = one_pass(text)
    if walked is not None:  # the walk answered by itself: it must be right by itself
        assert walked == expected
    return expected


REPO_YAML = sorted(
    {
        ROOT / "questions.yaml",
        *ROOT.glob("templates/**/*.yaml"),
        *ROOT.glob("examples/*.yaml"),
        *ROOT.glob("tests/data/**/*.yaml"),
        *ROOT.glob("src/cc_rfp/i18n/ui/*.yaml"),
    }
)


def test_the_repository_has_its_yaml_files():
    assert ROOT / "questions.yaml" in REPO_YAML
    assert any(path.parent.name == "ui" for path in REPO_YAML)
    assert any("examples" in path.parts for path in REPO_YAML)


@pytest.mark.parametrize("path", REPO_YAML, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository_parses_as_before(path):
    text = path.read_text(encoding="utf-8")
    assert_same(text)


def test_the_bank_and_the_example_answers_take_the_one_pass_walk():
    for path in (ROOT / "questions.yaml", ROOT / "examples" / "answers-example.yaml"):
        text = path.read_text(encoding="utf-8")
        assert one_pass(text) == outcome(reference_parse_yaml, text)


EDGE_CASES = [
    "",
    "---\n",
    "# only a comment\n",
    "---\n...\n",
    "plain scalar\n",
    "42\n",
    "- 1\n- two\n",
    "a: 1\nb: 2\n---\nc: 3\n",
    "a: 1\na: 2\n",
    "a: 1\n'a': 2\n",
    "1: a\n1.0: b\n",
    "1: a\ntrue: b\n",
    "1: a\n'1': b\n",
    "1: {a: x}\n'1': {a: y}\n",
    "1: [x, y]\n'1': [z]\n",
    "yes: 1\nno: 2\nnull: 3\n~: 4\n",
    ".nan: 1\n.nan: 2\n",
    "[a]: 1\n",
    "? [a, b]\n: 1\n",
    "? {a: 1}\n: 2\n",
    "? " * 500 + "x\n",
    "[" * 999 + "]" * 999,
    "[" * 1001 + "]" * 1001,
    "a: &x [1]\nb: *x\n",
    "a: &x 1\nb: *x\n",
    "&k a: 1\nb: *k\n",
    "&k a: 1\n*k : 2\n",
    "a: &x {b: 1}\n? *x\n: 2\n",
    "a: *nothing\n",
    'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n',
    "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n",
    "other:\n  <<: {x: 1}\n  x: 2\n",
    "<<: [{a: 1}, {b: 2}]\nc: 3\n",
    "<<: 1\n",
    "=: 1\n",
    "a: =\n",
    "a: !!str 12\nb: !!int '12'\nc: !!float '1'\nd: !!null x\ne: !!bool yes\n",
    "a: !!float abc\n",
    "a: !!bool maybe\n",
    "a: !!int 12abc\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!binary '###'\n",
    "a: !!set {x, y}\n",
    "a: !!omap [{x: 1}, {y: 2}]\n",
    "a: !!pairs [{x: 1}, {x: 2}]\n",
    "a: !!map [1]\n",
    "a: !!seq {x: 1}\n",
    "a: !!str [1]\n",
    "a: !!str {x: 1}\n",
    "a: !!map {x: 1}\nb: !!seq [1]\n",
    "!!map {x: 1}\n",
    "!!set {x}\n",
    "a: !custom x\n",
    "!custom {a: 1}\n",
    "a: !!timestamp nonsense\n",
    "a: 2024-01-31\nb: 2024-02-30\nc: 2001-12-14t21:59:43.10-05:00\nd: 2024-1-1\n",
    "2024-01-31: a\n2024-02-30: b\n",
    "a: " + "9" * 5000 + "\n",
    "9" * 5000 + ": a\n",
    "a: 0x1F\nb: 0o17\nc: 0b101\nd: 1_000\ne: 1:30\nf: -0\n",
    "a: .inf\nb: -.Inf\nc: 1e3\nd: 6.8523015e+5\n",
    "a:\n  - b: 1\n    c:\n      - [x, {y: 2}]\n  - ~\n",
    "a: |\n  block\n  text\nb: >\n  folded\n",
    "a: [1, 2\nb: 3\n",
    "a: 1\n\tb: 2\n",
    "a: 'unclosed\n",
    "%YAML 1.1\n---\na: 1\n",
    "a:\n- 1\n-\n  - 2\n",
    "- &x a\n- *x\n",
    "? a\n? b\n",
    "{a, b: }\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_give_the_same_result_or_message(text):
    assert_same(text)


KEYS = [
    "a",
    "b",
    "'a'",
    '"b"',
    "1",
    "'1'",
    "1.0",
    "01",
    "0x1",
    "true",
    "yes",
    "null",
    "~",
    "''",
    "<<",
    "=",
    "2024-01-02",
    "2024-13-45",
    ".nan",
    "-1",
    "1_000",
    "!!str 1",
    "!!int '2'",
    "!foo k",
    "&k a",
    "*k",
    "[x, y]",
    "{p: q}",
    "å ä ö",
]
SCALARS = [
    "x",
    "two words",
    "1",
    "-2.5",
    "1e3",
    "0o17",
    "0b101",
    "1_000",
    "true",
    "no",
    "on",
    "null",
    "~",
    "",
    "'q'",
    '"q\\n"',
    "2024-01-01",
    "2024-02-30",
    "2001-12-14t21:59:43.10-05:00",
    ".nan",
    "-.inf",
    "=",
    "<<",
    "!!str 12",
    "!!int 12",
    "!!float abc",
    "!!bool maybe",
    "!!null x",
    "!!binary aGk=",
    "!!timestamp x",
    "!foo x",
    "&x 1",
    "&y {a: 1}",
    "*x",
    "*y",
    "*k",
    "9" * 40,
    "[1, 2]",
    "[]",
    "{}",
    "{a: 1, a: 2}",
    "{a: 1, b: [x, 1]}",
    "{1: a, '1': b}",
    "!!set {a, b}",
    "!!omap [{a: 1}, {b: 2}]",
    "!!map [1]",
    "!!seq {a: 1}",
    "!!str [1]",
    "{<<: *y, b: 2}",
    "[a, [b, [c]]]",
    "'unclosed",
]


@st.composite
def block(draw: st.DrawFn, indent: int = 0, depth: int = 3) -> list[str]:
    """Lines of a block mapping or sequence, nested to ``depth``, from the pools above."""
    pad = " " * indent
    is_mapping = draw(st.booleans())
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        lead = f"{pad}{draw(st.sampled_from(KEYS))}:" if is_mapping else f"{pad}-"
        if depth > 0 and draw(st.integers(0, 3)) == 0:
            anchor = draw(st.sampled_from(["", " &x", " &y", " !!map", " !!seq", " !!set"]))
            lines.append(lead + anchor)
            lines.extend(draw(block(indent + 2, depth - 1)))
        else:
            lines.append(f"{lead} {draw(st.sampled_from(SCALARS))}".rstrip())
    return lines


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(["", "", "---\n", "# comment\n", "%YAML 1.1\n---\n"]))
    body = "\n".join(draw(block())) + "\n"
    tail = draw(st.sampled_from(["", "", "", "...\n", "---\nz: 1\n"]))
    return head + body + tail


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_texts())
def test_random_yaml_gives_the_same_result_or_message(text):
    assert_same(text)
