"""Properties of the template sandbox, checked from templates over the real example answers.

1. Walking the context: whatever attribute, item or call a template tries on whatever it can
   reach, every value it gets back is plain data or an object on the allow-list, and every
   refusal is one line. A spy on the environment's own ``getattr``/``getitem``/``call`` sees
   each step, so nothing reached in between goes unchecked.
2. Hostile templates and ``when:`` expressions built from known bombs finish in bounded time
   with one line (a ``TemplateError``/``BankError``) or a small result.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cc_rfp.core import sandbox
from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank, parse_bank
from cc_rfp.document import render
from cc_rfp.document.view import DocView
from cc_rfp.errors import BankError, TemplateError
from cc_rfp.io.yamlio import dump_yaml
from tests.conftest import EXAMPLE

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@cache
def _bank_and_answers() -> tuple[Any, Any]:
    return load_bank(), load_answers(EXAMPLE)


def _render(folder: Path, source: str) -> str | TemplateError:
    """Render ``source`` as the user's en/spec.md.j2 (compiled afresh each time)."""
    (folder / "en").mkdir(parents=True, exist_ok=True)
    (folder / "en" / "spec.md.j2").write_text(source + "\n", encoding="utf-8")
    render._environment(folder).cache.clear()
    bank, answers = _bank_and_answers()
    try:
        return render.render_document(bank, answers, lang="en", templates_dir=folder)
    except TemplateError as exc:
        return exc


# ----- 1. walking the context -------------------------------------------------------------
def _sample_objects() -> list[Any]:
    """One of everything a template can hold, to collect attribute names from."""
    from jinja2.runtime import LoopContext, Macro
    from jinja2.utils import Cycler, Joiner, Namespace
    from pydantic import BaseModel

    bank, _ = _bank_and_answers()
    return [
        DocView,
        BaseModel,
        bank,
        bank.file,
        next(iter(bank.questions.values())),
        "text",
        1,
        1.5,
        True,
        None,
        [1],
        (1,),
        {"a": 1},
        {}.items(),
        range(2),
        dt.date(2024, 1, 1),
        LoopContext,
        Macro,
        Namespace,
        Cycler,
        Joiner,
        str.upper,
        _render,
    ]


EXTRA_NAMES = [
    "__class__",
    "__mro__",
    "__subclasses__",
    "__globals__",
    "__builtins__",
    "__init__",
    "__dict__",
    "__self__",
    "__func__",
    "__code__",
    "__closure__",
    "__reduce_ex__",
    "__getattribute__",
    "gi_frame",
    "f_back",
    "f_globals",
    "mapping",
    "_DocView__doc",
    "_Namespace__attrs",
    "bank",
    "answers",
    "file",
    "questions",
    "values",
    "channels",
    "available",
    "label",
    "parse_raw",
    "parse_file",
    "model_validate",
    "model_construct",
    "update",
    "pop",
    "format",
    "format_map",
    "mro",
]


@cache
def _names() -> list[str]:
    found = set(EXTRA_NAMES)
    for obj in _sample_objects():
        found.update(dir(obj))
    return sorted(found)


BASES = [
    "doc",
    "s",
    "lang",
    "staffing",
    "staffing.channels",
    "doc.val('channels')",
    "doc.show",
    "doc.scenario",
    "doc.open_items",
    "doc.remaining('company')",
    "range",
    "range(3)",
    "dict",
    "namespace",
    "ns",
    "cycler(1, 2)",
    "joiner()",
    "m",
    "loop",
    "self",
    "s.items()",
    "'text'",
    "1",
    "[1, 2]",
]

PREAMBLE = (
    "{% macro m() %}x{% endmacro %}{% set ns = namespace(a=1) %}{% for item in [1] %}{% with %}"
)
POSTAMBLE = "{% endwith %}{% endfor %}"


def _access(name: str, form: str) -> str:
    if form == "attr":
        return f".{name}" if name.isidentifier() else f"[{name!r}]"
    if form == "item":
        return f"[{name!r}]"
    if form == "attr filter":
        return f"|attr({name!r})"
    return f".{name}()" if name.isidentifier() else f"[{name!r}]()"


def _allowed_value(value: Any, env: Any, depth: int = 0) -> bool:
    """Plain data, or an object the allow-list offers; never a model, bank or raw method."""
    from jinja2.environment import TemplateModule
    from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference, Undefined
    from jinja2.utils import Cycler, Joiner, Namespace

    if value is None or type(value) in (str, int, float, bool):
        return True
    if depth > 4:
        return True  # deep data: its leaves were checked when they were made
    if type(value) in (list, tuple):
        return all(_allowed_value(v, env, depth + 1) for v in value[:50])
    if type(value) is dict:
        return all(
            _allowed_value(k, env, depth + 1) and _allowed_value(v, env, depth + 1)
            for k, v in list(value.items())[:50]
        )
    if type(value) in (type({}.items()), type({}.keys()), type({}.values()), range):
        return True
    helpers = (DocView, Undefined, Macro, LoopContext, Namespace, Cycler, Joiner)
    if isinstance(value, (*helpers, TemplateModule, BlockReference, TemplateReference)):
        return True
    if any(value is known for known in env.globals.values()):
        return True
    owner, name = getattr(value, "__self__", None), getattr(value, "__name__", None)
    return owner is not None and isinstance(name, str) and env.attribute_allowed(owner, name)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("walk")


@PROPERTY
@given(
    base=st.sampled_from(BASES),
    name=st.sampled_from(_names()),
    second=st.sampled_from(_names()),
    forms=st.tuples(
        st.sampled_from(["attr", "item", "attr filter", "call"]),
        st.sampled_from(["attr", "item", "call"]),
    ),
    two=st.booleans(),
)
def test_every_value_a_template_reaches_is_on_the_allow_list(
    folder, base, name, second, forms, two
):
    env = render._environment(folder)
    seen: list[tuple[str, Any, Any, Any]] = []
    original = {key: getattr(env, key) for key in ("getattr", "getitem", "call")}

    def spy_getattr(obj: Any, attribute: str) -> Any:
        result = original["getattr"](obj, attribute)
        seen.append(("getattr", obj, attribute, result))
        return result

    def spy_getitem(obj: Any, argument: Any) -> Any:
        result = original["getitem"](obj, argument)
        seen.append(("getitem", obj, argument, result))
        return result

    def spy_call(context: Any, obj: Any, *args: Any, **kwargs: Any) -> Any:
        result = original["call"](context, obj, *args, **kwargs)
        seen.append(("call", obj, args, result))
        return result

    env.getattr, env.getitem, env.call = spy_getattr, spy_getitem, spy_call
    expression = base + _access(name, forms[0]) + (_access(second, forms[1]) if two else "")
    try:
        outcome = _render(folder, PREAMBLE + "{{ " + expression + " }}" + POSTAMBLE)
    finally:
        del env.getattr, env.getitem, env.call  # the class's own methods again

    from jinja2.runtime import Undefined

    for kind, obj, key, result in seen:
        assert _allowed_value(result, env), (expression, kind, key, type(result))
        if kind == "getattr" and not isinstance(result, Undefined):
            is_item = isinstance(obj, dict) and key in obj
            assert is_item or env.attribute_allowed(obj, key), (expression, type(obj), key)
        if kind == "call":
            assert env.is_safe_callable(obj), (expression, obj)
    if isinstance(outcome, TemplateError):
        assert "\n" not in str(outcome) and len(str(outcome)) < 500
    else:
        assert len(outcome) < 100_000


def test_the_walk_covers_dangerous_names():
    """The generated names include the ones real exploits used."""
    names = set(_names())
    assert {"parse_raw", "parse_file", "__globals__", "__subclasses__", "bank"} <= names


# ----- 2. hostile templates and expressions ------------------------------------------------
SIZES = ["10**9", "10**(10**10)", "1000000000", "100000", "2**64", "99999999999999999999"]
VALUES = ["'x'", "[1]", "'ab\\ncd'", "(1, 2)", "9", "9.5", "doc.show('buyer_name')"]

expressions = st.recursive(
    st.sampled_from(VALUES + SIZES),
    lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a} * {b})", inner, inner),
        st.builds(lambda a, b: f"({a} ** {b})", inner, inner),
        st.builds(lambda a, b: f"({a} + {b})", inner, inner),
        st.builds(lambda a, b: f"({a} ~ {b})", inner, inner),
        st.builds(lambda a, b: f"('%' ~ {b} ~ 'd') % {a}", inner, inner),
        st.builds(
            lambda a, f, b: f"({a} | {f}({b}))",
            inner,
            st.sampled_from(["center", "indent", "batch", "slice", "truncate", "wordwrap"]),
            inner,
        ),
        st.builds(lambda a: f"(range({a}) | list)", inner),
        st.builds(lambda a: f"({a} | join | length)", inner),
        st.builds(lambda a: "(" * 60 + a + ")" * 60, inner),
    ),
    max_leaves=4,
)

statements = st.one_of(
    st.builds(lambda e: "{{ " + e + " }}", expressions),
    st.builds(
        lambda a, b: (
            "{% for i in range(" + a + ") %}{% for j in range(" + b + ") %}"
            "x{% endfor %}{% endfor %}"
        ),
        st.sampled_from([*SIZES, "10"]),
        st.sampled_from([*SIZES, "10"]),
    ),
    st.builds(
        lambda e: "{% macro f(n) %}{{ f(n ~ " + e + ") }}{{ f(n) }}{% endmacro %}{{ f('') }}",
        expressions,
    ),
    st.builds(
        lambda n: (
            "{% set ns = namespace(x='ab') %}{% for i in range(" + n + ") %}"
            "{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x | length }}"
        ),
        st.sampled_from(["10", "40", "100"]),
    ),
)

CEILING_SECONDS = 20.0
"""Generous: a limit stops each case within the (shortened) deadline plus one operation."""


@pytest.fixture
def short_deadline(monkeypatch):
    """Templates get 1 second here (5 in real use) so the property runs quickly."""
    quick = dataclasses.replace(sandbox.TEMPLATE_LIMITS, seconds=1.0)
    monkeypatch.setattr(sandbox, "TEMPLATE_LIMITS", quick)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(source=statements)
def test_hostile_templates_finish_with_one_line(tmp_path, short_deadline, source):
    started = time.monotonic()
    outcome = _render(tmp_path, source)
    assert time.monotonic() - started < CEILING_SECONDS, source
    if isinstance(outcome, TemplateError):
        message = str(outcome)
        assert "\n" not in message and len(message) < 500, message
        assert "spec.md.j2" in message, message
    else:
        assert len(outcome) <= sandbox.TEMPLATE_LIMITS.max_output + 1


BASE_BANK = {
    "version": 1,
    "guide_points": {"G1.1": {"sv": "x", "en": "x"}},
    "sections": [
        {
            "id": "first",
            "title": {"sv": "x", "en": "x"},
            "questions": [
                {"id": "name", "type": "text", "text": {"sv": "x", "en": "x"}},
                {"id": "count", "type": "integer", "text": {"sv": "x", "en": "x"}},
                {"id": "later", "type": "text", "text": {"sv": "x", "en": "x"}, "when": "1"},
            ],
        }
    ],
}

bank_expressions = st.one_of(
    expressions.map(lambda e: e.replace("doc.show('buyer_name')", "name")),
    st.builds(lambda n: "not " * n + "name", st.integers(0, 400)),
    st.builds(lambda n: "(" * n + "count" + ")" * n, st.integers(0, 400)),
    st.builds(lambda n: " or ".join(["name"] * n), st.integers(1, 400)),
)


@settings(max_examples=60, deadline=None)
@given(expression=bank_expressions, name=st.sampled_from(["a", "a" * 1000]), count=st.integers())
def test_hostile_when_expressions_finish_with_one_line(expression, name, count):
    from cc_rfp.core import conditions

    started = time.monotonic()
    data = copy.deepcopy(BASE_BANK)
    data["sections"][0]["questions"][2]["when"] = expression
    try:
        parse_bank(dump_yaml(data), "bank.yaml")
    except BankError as exc:
        message = str(exc)
        assert "\n" not in message and "'later'" in message, message
    else:
        conditions.holds(expression, {"name": name, "count": count})
    assert time.monotonic() - started < CEILING_SECONDS, expression
