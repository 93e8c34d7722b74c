"""``when:`` conditions and ``default_expr:`` defaults: Jinja2 expressions over earlier answers.

Jinja2's sandboxed expression language is already a dependency, is familiar to anyone who
edits the templates, and lets the bank loader list the names an expression uses, so a
condition that refers to an unknown or later question is caught when the bank is loaded.

A bank may come from someone else (``--questions``), so expressions run in the same
allow-listed, bounded sandbox as templates (``cc_rfp.core.sandbox``, ``EXPRESSION_LIMITS``), and
the loader refuses an expression that is too long, nested too deep, or that blows a limit on
its own (``10**(10**10)``), naming the question, before any command uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import nodes

    from cc_rfp.core.sandbox import SafeEnvironment

MAX_EXPRESSION_CHARS = 1_000
"""Longest ``when:``/``default_expr:`` accepted; real conditions are a line (the longest
built-in one is about 60 characters), and a cap keeps parsing and compiling trivially cheap."""

MAX_EXPRESSION_DEPTH = 50
"""Deepest nesting accepted (brackets, ``not``, operators, filters). Python itself recurses
once per level when Jinja parses and compiles, so 200 levels used to crash with an internal
RecursionError; 50 leaves room for a long ``a or b or c …`` chain."""


@cache
def _env() -> SafeEnvironment:
    from cc_rfp.core.sandbox import EXPRESSION_LIMITS, SafeEnvironment

    env = SafeEnvironment(limits=EXPRESSION_LIMITS)
    env.guard_functions()
    return env


def _parse(expr: str) -> nodes.Expr:
    """Parse ``expr`` exactly as ``compile_expression`` will (one expression, nothing after)."""
    from jinja2 import TemplateSyntaxError
    from jinja2.parser import Parser

    parser = Parser(_env(), expr, state="variable")
    try:
        node = parser.parse_expression()
    except RecursionError:
        raise TemplateSyntaxError("nested too deeply", 1) from None
    if not parser.stream.eos:
        raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
    return node


def _depth(node: nodes.Node) -> int:
    """How deep the syntax tree goes (worked out without recursion)."""
    deepest = 0
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in current.iter_child_nodes())
    return deepest


@cache
def syntax_error(expr: str) -> str | None:
    """Return why ``expr`` cannot be used (syntax, size, work), or None when it can."""
    from jinja2 import TemplateSyntaxError

    from cc_rfp.core.sandbox import EXPRESSION_LIMITS, LimitExceeded, budget

    if len(expr) > MAX_EXPRESSION_CHARS:
        return f"longer than {MAX_EXPRESSION_CHARS:,} characters"
    try:
        tree = _parse(expr)
    except TemplateSyntaxError as exc:
        return exc.message or "is not a valid expression"
    if _depth(tree) > MAX_EXPRESSION_DEPTH:
        return f"nested more than {MAX_EXPRESSION_DEPTH} levels deep"
    try:  # with no answers, whatever is constant in it is worked out: refuse bombs now
        with budget(EXPRESSION_LIMITS):
            _compiled(expr)()
    except LimitExceeded as exc:
        return f"too much work: {exc}"
    except RecursionError:
        return "nested too deeply"
    except Exception:  # undefined answers and the like: fine at load time
        pass
    return None


@cache
def names(expr: str) -> frozenset[str]:
    """The answer ids an expression reads."""
    from jinja2 import meta

    tree = _env().parse("{{ (" + expr + ") }}")
    return frozenset(meta.find_undeclared_variables(tree))


@cache
def _codes() -> Any:
    """Compiled expressions kept between runs (``cc_rfp.io.cache``), or None when off."""
    from cc_rfp.io import cache as disk

    return disk.expression_codes(_env())


@cache
def _compiled(expr: str) -> Any:
    """``expr`` as a callable, as ``Environment.compile_expression`` builds it, with the code
    object taken from the on-disk store when this compiler compiled this text before."""
    from jinja2 import nodes
    from jinja2.environment import TemplateExpression

    env = _env()
    codes = _codes()
    code = codes.get(expr) if codes is not None else None
    if code is None:
        node = _parse(expr)
        node.set_environment(env)
        body = [nodes.Assign(nodes.Name("result", "store"), node, lineno=1)]
        code = env.compile(nodes.Template(body, lineno=1))
        if codes is not None:
            codes.add(expr, code)
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    return TemplateExpression(template, True)


def evaluate(expr: str, answers: Mapping[str, Any]) -> Any:
    """Evaluate ``expr`` with known answers as variables; unknown or missing ones are undefined.

    A condition that cannot be evaluated (it compares a missing answer, say, or exceeds the
    sandbox's limits) is false: the question does not apply until the answers it depends on
    are known.
    """
    from cc_rfp.core.sandbox import EXPRESSION_LIMITS, budget

    if len(expr) > MAX_EXPRESSION_CHARS:
        return None
    try:
        with budget(EXPRESSION_LIMITS):
            return _compiled(expr)(answers)  # TemplateExpression copies it into its context
    except Exception:
        return None


def holds(expr: str | None, answers: Mapping[str, Any]) -> bool:
    """Whether a ``when`` condition is true (no condition always holds)."""
    if not expr:
        return True
    return bool(evaluate(expr, answers))
