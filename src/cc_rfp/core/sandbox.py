"""A Jinja2 sandbox for files from someone else: allow-listed data, bounded work.

Templates folders and question banks are handed around ("use our house style"), so they are
untrusted input, not code. Jinja2's stock sandbox only hides names that start with an
underscore; every public method of every object it can reach stays callable, and that was
enough to run a pickle through a pydantic class method. This module turns that around:

* **Nothing is reachable unless listed.** ``SafeEnvironment.is_safe_attribute`` and
  ``is_safe_callable`` refuse every attribute and callable that is not in ``PLAIN_ATTRIBUTES``
  (a few harmless methods of ``dict``, ``str`` and ``list``), in Jinja's own loop/cycler
  objects, in a namespace or an imported template's exports, or in the ``exposed`` table the
  caller passes (the document view's methods). Refusals raise ``SecurityError``.
* **Work is bounded.** Operators that can make huge values (``*``, ``**``, ``+``, ``%``) are
  intercepted and refuse results beyond ``Limits``; every filter, test and call checks a
  deadline and the size of what it may turn into text; every ``for`` iteration and every
  piece of output checks the deadline and counts the output. A limit raises
  ``LimitExceeded`` (a ``SecurityError``), which the caller reports as one line naming the
  template file and line. Intercepted operators also stop Jinja from folding ``10**(10**10)``
  at compile time, where no check could stop it.
* **Templates stay inside their folder.** ``ContainedLoader`` refuses a template that is a
  link to a file outside the folder it was found in, and files that are not regular files.

The checks are cheap (a clock read and a few ``isinstance`` per operation): rendering the
built-in document costs about the same as before.
"""

from __future__ import annotations

import math
import os
import posixpath
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import update_wrapper
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError
from jinja2.filters import _GroupTuple
from jinja2.loaders import FileSystemLoader, split_template_path
from jinja2.runtime import (
    BlockReference,
    LoopContext,
    Macro,
    TemplateReference,
    Undefined,
    markup_join,
    str_join,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace, pass_context

from cc_rfp.errors import TemplateError


class LimitExceeded(SecurityError):
    """A template or expression asked for more work than ``Limits`` allow."""


@dataclass(frozen=True)
class Limits:
    """How much work one render (or one expression evaluation) may do.

    The numbers are far above what a real tender needs (the built-in document is about 60,000
    characters and renders in a fraction of a second) and far below what hurts a laptop, so
    a hostile file stops within seconds with one line instead of hanging or eating memory.
    """

    seconds: float
    """Wall-clock time for the whole render or evaluation."""
    max_text: int
    """Characters in one value a template makes or turns into text."""
    max_items: int
    """Items in one list a template makes (``[x] * n``, ``append``, ``batch``)."""
    max_int_bits: int
    """Bits of an integer a template makes with ``*`` or ``**`` (about 3,000 digits)."""
    max_output: int
    """Characters all template code writes in one render, macros and captures included."""


TEMPLATE_LIMITS = Limits(
    seconds=5.0,
    max_text=10_000_000,
    max_items=1_000_000,
    max_int_bits=10_000,
    max_output=50_000_000,
)
"""For a whole document: a 5 MB answers file must still render; a bomb stops in seconds."""

EXPRESSION_LIMITS = Limits(
    seconds=1.0,
    max_text=100_000,
    max_items=100_000,
    max_int_bits=10_000,
    max_output=100_000,
)
"""For one ``when:``/``default_expr:`` evaluation: these run thousands of times an interview."""

MAX_FORMAT_WIDTH = 1_000
"""Largest field width or precision in ``%`` formatting (``"%999999999d"`` is a bomb)."""

MAX_TEMPLATE_BYTES = 2_000_000
"""Largest template file read (the built-in ones are a few kilobytes each)."""

PLAIN_ATTRIBUTES: dict[type, frozenset[str]] = {
    dict: frozenset({"items", "keys", "values", "get"}),
    str: frozenset(
        {
            "upper",
            "lower",
            "strip",
            "lstrip",
            "rstrip",
            "startswith",
            "endswith",
            "split",
            "title",
            "capitalize",
        }
    ),
    # The shared macros collect items with ``{% set _ = items.append(item) %}``.
    list: frozenset({"append"}),
    LoopContext: frozenset(
        {
            "index",
            "index0",
            "revindex",
            "revindex0",
            "first",
            "last",
            "length",
            "depth",
            "depth0",
            "previtem",
            "nextitem",
            "cycle",
            "changed",
        }
    ),
    Cycler: frozenset({"next", "reset", "current"}),
    _GroupTuple: frozenset({"grouper", "list"}),
}
"""The only attributes of plain values and Jinja's own helper objects a template may read."""

_ITEM_TYPES = (dict, list, tuple, str, range)
"""The only values whose items a template may read (plain data; Jinja's loop/group tuples)."""

_FORMAT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


# ----- the budget of the render or evaluation in progress ---------------------------------
class Budget:
    """Deadline and output counter of one render or evaluation."""

    __slots__ = ("deadline", "limits", "output")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.output = 0

    def check(self) -> None:
        """Stop when the time is up."""
        if time.monotonic() > self.deadline:
            raise LimitExceeded(
                f"stopped after {self.limits.seconds:g} seconds: the template does too much "
                "work (a loop or recursion that does not end?)"
            )

    def spend_output(self, chars: int) -> None:
        """Count text written; stop beyond ``max_output``."""
        self.output += chars
        if self.output > self.limits.max_output:
            raise LimitExceeded(
                f"writes more than {self.limits.max_output:,} characters; a loop that does not end?"
            )


_state = threading.local()


@contextmanager
def budget(limits: Limits) -> Iterator[Budget]:
    """Run a render or evaluation under a fresh budget (nested budgets restore the outer)."""
    previous = getattr(_state, "budget", None)
    current = Budget(limits)
    _state.budget = current
    try:
        yield current
    finally:
        _state.budget = previous


def _current(limits: Limits) -> Budget:
    """The active budget; outside ``budget()`` (compile-time folding) one without a deadline."""
    found: Budget | None = getattr(_state, "budget", None)
    if found is None:
        found = Budget(limits)
        found.deadline = math.inf
    return found


# ----- size estimates ---------------------------------------------------------------------
def text_weight(value: Any, limit: int) -> int:
    """About how many characters ``str(value)`` gives, counted only up to just past ``limit``.

    A list of a thousand references to one large string is cheap to build but enormous as
    text, so everything that turns a value into text first weighs it. The walk stops as soon
    as the count passes the limit, so weighing is never the expensive part.
    """
    if type(value) is str:  # most of what a document prints: no walk needed
        return len(value)
    total = 0
    stack = [value]
    steps = 0
    while stack:
        item = stack.pop()
        steps += 1
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, bool) or item is None or isinstance(item, float):
            total += 8
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 2
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2 + 2 * len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, Namespace):
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:
            total += 40
        if total > limit:
            return total
        if steps % 4096 == 0:
            _current(EXPRESSION_LIMITS).check()
    return total


def _refuse(what: str, limit: int, unit: str) -> LimitExceeded:
    return LimitExceeded(f"{what} would exceed {limit:,} {unit}")


def _check_text(value: Any, limits: Limits) -> None:
    if text_weight(value, limits.max_text) > limits.max_text:
        raise _refuse("a value this large", limits.max_text, "characters as text")


def _check_format(fmt: str) -> None:
    for match in _FORMAT_FIELD.finditer(fmt):
        for number in match.groups():
            if number == "*" or (number is not None and int(number) > MAX_FORMAT_WIDTH):
                raise LimitExceeded(
                    f"a format width or precision above {MAX_FORMAT_WIDTH} is not allowed"
                )


def _sequence_limit(value: Any, limits: Limits) -> tuple[int, str] | None:
    """The size cap of a text or list value and its unit, None for other values."""
    if isinstance(value, str):
        return limits.max_text, "characters"
    if isinstance(value, (list, tuple)):
        return limits.max_items, "items"
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_binop(operator: str, left: Any, right: Any, limits: Limits) -> None:
    """Refuse ``left <operator> right`` when its result would be beyond ``limits``."""
    if operator == "*":
        for seq, count in ((left, right), (right, left)):
            cap = _sequence_limit(seq, limits)
            if cap is not None and _is_int(count) and count > 0 and len(seq) * count > cap[0]:
                raise _refuse("repeating this", *cap)
        big = _is_int(left) and _is_int(right)
        if big and left.bit_length() + right.bit_length() > limits.max_int_bits:
            raise _refuse("this product", limits.max_int_bits, "bits")
    elif operator == "**":
        grows = _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1
        if grows and (
            right > limits.max_int_bits or right * math.log2(abs(left)) > limits.max_int_bits
        ):
            raise _refuse("this power", limits.max_int_bits, "bits")
    elif operator == "+":
        cap = _sequence_limit(left, limits)
        if cap is not None and type(left) is type(right) and len(left) + len(right) > cap[0]:
            raise _refuse("joining these", *cap)
    elif operator == "%" and isinstance(left, str):
        _check_format(left)
        _check_text(right, limits)


# ----- filters whose arguments decide the size of their result ------------------------------
def _arg(args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, name: str) -> Any:
    if name in kwargs:
        return kwargs[name]
    return args[index] if len(args) > index else None


def _check_filter_args(
    name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any], limits: Limits
) -> None:
    """Size checks before the filters whose result grows with an argument."""
    value = args[0] if args else None
    if name == "center":
        width = _arg(args, kwargs, 1, "width")
        if _is_int(width) and width > limits.max_text:
            raise _refuse("centering this wide", limits.max_text, "characters")
    elif name == "indent":
        width = _arg(args, kwargs, 1, "width")
        size = len(width) if isinstance(width, str) else width if _is_int(width) else 0
        lines = str(value).count("\n") + 1
        if size * lines + len(str(value)) > limits.max_text:
            raise _refuse("indenting this far", limits.max_text, "characters")
    elif name in {"batch", "slice"}:
        count = _arg(args, kwargs, 1, "linecount" if name == "batch" else "slices")
        if _is_int(count) and count > limits.max_items:
            raise _refuse(f"|{name} this large", limits.max_items, "items")
    elif name == "replace":
        old, new = _arg(args, kwargs, 1, "old"), _arg(args, kwargs, 2, "new")
        text = str(value)
        if isinstance(old, str) and isinstance(new, str):
            hits = text.count(old) if old else len(text) + 1
            if len(text) + hits * len(new) > limits.max_text:
                raise _refuse("replacing this", limits.max_text, "characters")
    elif name == "format":
        if isinstance(value, str):
            _check_format(value)
    elif name == "tojson":
        indent = _arg(args, kwargs, 1, "indent")
        if _is_int(indent) and indent > MAX_FORMAT_WIDTH:
            raise LimitExceeded(f"|tojson indent above {MAX_FORMAT_WIDTH} is not allowed")


def _guard(
    func: Callable[..., Any], name: str, limits: Limits, *, weigh: bool
) -> Callable[..., Any]:
    """Wrap a filter or test: deadline, size of its inputs as text, size checks, result size."""
    pass_arg = getattr(func, "jinja_pass_arg", None)

    def guarded(*args: Any, **kwargs: Any) -> Any:
        _current(limits).check()
        values = args[1:] if pass_arg is not None else args
        if weigh:
            for arg in (*values, *kwargs.values()):
                _check_text(arg, limits)
            _check_filter_args(name, values, kwargs, limits)
        result = func(*args, **kwargs)
        cap = _sequence_limit(result, limits)
        if cap is not None and len(result) > cap[0]:
            raise _refuse(f"the result of |{name}", *cap)
        return result

    return update_wrapper(guarded, func)


# ----- the syntax tree: guard loops, output and ``~`` ------------------------------------------
_OUT, _ITER = "cc_rfp_guard_output", "cc_rfp_guard_loop"
_LITERAL = "cc_rfp_guard_literal"


def _add_guards(tree: nodes.Template) -> None:
    """Route every ``for`` iterable and every printed value through a guard (in place)."""
    for node in list(tree.find_all((nodes.For, nodes.Output))):
        if isinstance(node, nodes.For):
            node.iter = _filter(node.iter, _ITER)
            continue
        # Printed values are weighed one by one; literal text is counted once per block
        # (wrapping each literal as well made compiling the built-in templates much slower).
        literal = sum(len(c.data) for c in node.nodes if isinstance(c, nodes.TemplateData))
        node.nodes = [
            child if isinstance(child, nodes.TemplateData) else _filter(child, _OUT)
            for child in node.nodes
        ]
        if literal:
            node.nodes.insert(0, _filter(nodes.Const(literal, lineno=node.lineno), _LITERAL))


class _GuardedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with ``a ~ b`` going through ``SafeEnvironment.guarded_concat``."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.guarded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _filter(node: nodes.Expr, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


# ----- the environment ---------------------------------------------------------------------
class SafeEnvironment(ImmutableSandboxedEnvironment):
    """A sandbox whose reachable attributes and callables are an explicit allow-list."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _GuardedCodeGenerator

    def __init__(
        self,
        *,
        limits: Limits,
        exposed: Mapping[type, frozenset[str]] | None = None,
        **options: Any,
    ) -> None:
        super().__init__(**options)
        self.limits = limits
        self.exposed: dict[type, frozenset[str]] = {**PLAIN_ATTRIBUTES, **(exposed or {})}
        self.globals.pop("lipsum", None)  # makes any amount of text; no template needs it
        self._safe_globals = tuple(self.globals.values())
        self.filters[_OUT] = _output_guard
        self.filters[_ITER] = _loop_guard
        self.filters[_LITERAL] = _literal_guard

    def guard_functions(self) -> None:
        """Wrap every filter and test (call after adding the project's own)."""
        own = {_OUT, _ITER, _LITERAL}
        for name, func in list(self.filters.items()):
            if name not in own and not getattr(func, "cc_rfp_guarded", False):
                self.filters[name] = _mark(_guard(func, name, self.limits, weigh=True))
        for name, func in list(self.tests.items()):
            if not getattr(func, "cc_rfp_guarded", False):
                self.tests[name] = _mark(_guard(func, name, self.limits, weigh=False))

    # -- what may be read and called --
    def attribute_allowed(self, obj: Any, attr: str) -> bool:
        """The allow-list: listed names of listed types, public exports of template objects."""
        if not isinstance(attr, str) or attr.startswith("_"):
            return False
        if isinstance(obj, (Namespace, TemplateModule)):
            return True  # values the template itself stored or exported
        allowed = self.exposed.get(type(obj))
        return allowed is not None and attr in allowed

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return self.attribute_allowed(obj, attr)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.name``: an allowed attribute, or an item of data; never ``obj[name]`` on
        anything else (Jinja falls back to that, and ``dict.x`` then gave ``dict['x']``)."""
        if isinstance(obj, (_ITEM_TYPES, Undefined)):
            return super().getattr(obj, attribute)
        if isinstance(obj, TemplateReference):  # ``self.block()``
            return super().getitem(obj, attribute)
        if self.attribute_allowed(obj, attribute):
            return super().getattr(obj, attribute)
        if hasattr(obj, attribute):
            return self.unsafe_undefined(obj, attribute)
        return self.undefined(obj=obj, name=attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """``obj[key]``: items of data only; on anything else ``obj['name']`` is ``obj.name``."""
        if isinstance(obj, (*_ITEM_TYPES, TemplateReference, Undefined)):
            return super().getitem(obj, argument)
        if isinstance(argument, str):
            return self.getattr(obj, argument)
        return self.undefined(obj=obj, name=argument)

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, (Macro, BlockReference, LoopContext, Joiner, Undefined)):
            return True
        if any(obj is known for known in self._safe_globals):
            return True
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", None)
        return owner is not None and isinstance(name, str) and self.attribute_allowed(owner, name)

    def wrap_str_format(self, value: Any) -> None:
        """``str.format`` is not on the allow-list, so there is nothing to wrap."""
        return None

    # -- bounded work --
    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        limits = __self.limits
        _current(limits).check()
        for arg in (*args, *kwargs.values()):
            _check_text(arg, limits)
        owner = getattr(__obj, "__self__", None)
        appends = isinstance(owner, list) and getattr(__obj, "__name__", None) == "append"
        if appends and len(owner) >= limits.max_items:
            raise _refuse("this list", limits.max_items, "items")
        return super().call(__context, __obj, *args, **kwargs)

    def guarded_concat(self, parts: tuple[Any, ...]) -> str:
        """``a ~ b``: weigh the parts before turning them into text."""
        cap, total = self.limits.max_text, 0
        for part in parts:
            total += text_weight(part, cap)
            if total > cap:
                raise _refuse("joining these with ~", cap, "characters")
        if self.autoescape is True or any(hasattr(part, "__html__") for part in parts):
            return markup_join(parts)
        return str_join(parts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _current(self.limits).check()
        check_binop(operator, left, right, self.limits)
        return self.binop_table[operator](left, right)

    # -- compiling --
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        try:
            return super()._parse(source, name, filename)
        except RecursionError:
            raise TemplateSyntaxError("nested too deeply to read", 1, name, filename) from None

    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        """Insert the loop, output and ``~`` guards before Jinja turns the tree into code."""
        try:
            _add_guards(source)
            source.set_environment(self)
            return super()._generate(source, name, filename, defer_init=defer_init)
        except RecursionError:
            raise TemplateSyntaxError("nested too deeply to compile", 1, name, filename) from None


def _mark(func: Callable[..., Any]) -> Callable[..., Any]:
    func.cc_rfp_guarded = True  # type: ignore[attr-defined]
    return func


def _limits_of(context: Any) -> Limits:
    env = context.environment
    return env.limits if isinstance(env, SafeEnvironment) else TEMPLATE_LIMITS


@pass_context
def _output_guard(context: Any, value: Any) -> Any:
    """Every printed value: deadline, its size as text, and the running output total."""
    limits = _limits_of(context)
    current = _current(limits)
    current.check()
    weight = text_weight(value, limits.max_text)
    if weight > limits.max_text:
        raise _refuse("printing this value", limits.max_text, "characters")
    current.spend_output(weight)
    return value


@pass_context
def _literal_guard(context: Any, chars: int) -> str:
    """A block of literal template text: count it (it may sit in a loop); prints nothing."""
    current = _current(_limits_of(context))
    current.check()
    current.spend_output(chars)
    return ""


@pass_context
def _loop_guard(context: Any, iterable: Any) -> Iterator[Any]:
    """Every ``for`` loop: check the deadline at each step."""
    check = _current(_limits_of(context)).check
    check()
    for item in iterable:
        check()
        yield item


# ----- loading templates ---------------------------------------------------------------------
class ContainedLoader(FileSystemLoader):
    """A file-system loader that never reads outside its folder.

    A link inside a templates folder that points elsewhere (``parts/08_pricing.md.j2 ->
    /etc/passwd``) would put that file into the tender; ``..`` is already refused by Jinja.
    """

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if not os.path.lexists(filename):
                continue
            root = os.path.realpath(searchpath)
            real = os.path.realpath(filename)
            if os.path.commonpath([root, real]) != root:
                raise TemplateError(
                    f"{filename}: links to {real}, outside the templates folder {searchpath}; "
                    "copy the file into the folder instead of linking to it"
                )
            if os.path.isdir(real):
                continue
            if not os.path.isfile(real):
                raise TemplateError(f"{filename}: not a regular file; use a plain text file")
            if os.path.getsize(real) > MAX_TEMPLATE_BYTES:
                raise TemplateError(
                    f"{filename}: larger than {MAX_TEMPLATE_BYTES:,} bytes; not a template"
                )
            with open(real, encoding=self.encoding) as handle:
                contents = handle.read()
            mtime = os.path.getmtime(real)

            def uptodate(path: str = real, seen: float = mtime) -> bool:
                try:
                    return os.path.getmtime(path) == seen
                except OSError:
                    return False

            return contents, os.path.normpath(filename), uptodate
        raise TemplateNotFound(template)
