"""``when:`` conditions and ``default_expr:`` defaults: Jinja2 expressions over earlier answers.

Jinja2's sandboxed expression language is already a dependency, is familiar to anyone who
edits the templates, and lets the bank loader list the names an expression uses, so a
condition that refers to an unknown or later question is caught when the bank is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment


@cache
def _env() -> ImmutableSandboxedEnvironment:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment()


@cache
def syntax_error(expr: str) -> str | None:
    """Return why ``expr`` is not a valid expression, or None when it is."""
    from jinja2 import TemplateSyntaxError

    try:
        _env().parse("{{ (" + expr + ") }}")
    except TemplateSyntaxError as exc:
        return exc.message or "is not a valid expression"
    return None


@cache
def names(expr: str) -> frozenset[str]:
    """The answer ids an expression reads."""
    from jinja2 import meta

    tree = _env().parse("{{ (" + expr + ") }}")
    return frozenset(meta.find_undeclared_variables(tree))


@cache
def _compiled(expr: str) -> Any:
    return _env().compile_expression(expr)


def evaluate(expr: str, answers: Mapping[str, Any]) -> Any:
    """Evaluate ``expr`` with known answers as variables; unknown or missing ones are undefined.

    A condition that cannot be evaluated (it compares a missing answer, say) is false: the
    question does not apply until the answers it depends on are known.
    """
    try:
        return _compiled(expr)(**dict(answers))
    except Exception:
        return None


def holds(expr: str | None, answers: Mapping[str, Any]) -> bool:
    """Whether a ``when`` condition is true (no condition always holds)."""
    if not expr:
        return True
    return bool(evaluate(expr, answers))
