"""Read and write the YAML files people edit by hand, defensively.

Answers files travel by mail and get opened on Windows, so reading accepts a UTF-8 byte-order
mark and CRLF line endings but refuses, with one clear line, anything that is not plain UTF-8
YAML: binary data, UTF-16, huge files, duplicate keys and aliases (which also rules out the
"billion laughs" expansion). Loading also returns the line of every mapping key and list item,
so later checks can point at the line a problem is on.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cc_rfp.errors import InputError

MAX_BYTES = 5 * 1024 * 1024
"""Far above any real answers file or bank; stops a stray 50 MB file early."""

LinePath = tuple[Any, ...]


def read_text(path: Path, *, what: str = "file", max_bytes: int = MAX_BYTES) -> str:
    """Return the text of ``path`` as UTF-8, or raise InputError saying what is wrong.

    Only regular files are read, and never more than ``max_bytes + 1`` bytes: a device
    (``/dev/zero``), a pipe or a FIFO has no size to check first, could be endless, and a FIFO
    with no writer would block for ever. Opening without blocking and checking the opened file
    again closes the gap between the check and the read.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}; check the path") from None
    except NotADirectoryError:
        raise InputError(
            f"{path}: no such {what} ({_file_in_the_way(path)} is a file, not a folder); "
            "check the path"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or type(exc).__name__})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory; give the path of the {what} itself")
    _refuse_non_regular(path, info.st_mode, what)
    _refuse_size(path, info.st_size, what, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            _refuse_non_regular(path, os.fstat(handle.fileno()).st_mode, what)
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or type(exc).__name__})") from None
    _refuse_size(path, len(data), what, max_bytes, read=True)
    return decode(data, str(path), what)


def _refuse_non_regular(path: Path, mode: int, what: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = (
        "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a file"
    )
    if stat.S_ISFIFO(mode) and str(path) in ("/dev/stdin", "/proc/self/fd/0", "/dev/fd/0"):
        kind = "a pipe"
    raise InputError(
        f"{path}: is not a regular file ({kind}); save the {what} to a file and give its path"
    )


def _refuse_size(path: Path, size: int, what: str, max_bytes: int, *, read: bool = False) -> None:
    """Refuse a file over the limit; ``read`` says the size is what a bounded read got."""
    if size > max_bytes:
        amount = f"more than {_amount(max_bytes)}" if read else f"{size / 1_048_576:.1f} MB"
        raise InputError(
            f"{path}: {amount} is far too large to be the {what} "
            f"(limit {_amount(max_bytes)}); check that this is the right file"
        )


def _amount(size: int) -> str:
    return f"{size / 1_048_576:g} MB" if size >= 1_048_576 else f"{size} bytes"


def _file_in_the_way(path: Path) -> Path:
    """The first ancestor of ``path`` that exists and is a file, not a folder."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return path.parent


def decode(data: bytes, name: str, what: str = "file") -> str:
    """Decode bytes as UTF-8 (a BOM is allowed); refuse UTF-16 and binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: is UTF-16 encoded; save it as UTF-8 and try again")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise InputError(f"{name}: contains binary data (NUL bytes); this is not a YAML {what}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: is not UTF-8 (bad byte at offset {exc.start}); save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it: ten times faster on a large bank."""


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that refuses duplicate keys (aliases are refused before construction)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:
                raise yaml.MarkedYAMLError(
                    problem="uses a list or mapping as a key; keys must be plain names",
                    problem_mark=key_node.start_mark,
                ) from None
            if duplicate:
                raise yaml.MarkedYAMLError(
                    problem=f"repeats the key '{key}'; keep only one",
                    problem_mark=key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _timestamp_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    """Keep dates as the ``datetime.date`` PyYAML gives, but never fail on odd timestamps."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _int_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    """An integer, or its text when it has more digits than Python converts (4,300).

    Validation then calls that text "not a usable number" instead of the load crashing.
    """
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _int_or_text)


def parse_yaml(text: str, name: str) -> tuple[Any, dict[LinePath, int]]:
    """Parse ``text``; return the data and a map from key paths to 1-based line numbers.

    libyaml composes the node tree; ``_build`` then makes the data and the line map in one
    walk, which is the whole answer for ordinary files (a third faster on the bank than
    indexing lines and then running PyYAML's constructor over the same tree again). Anything
    that walk does not handle itself (an alias, a repeated key, a merge key, an unusual tag, a
    constructor that fails) sends the same tree through the reference path, ``_index_lines``
    then ``construct_document``, so results and messages are exactly those of that path.
    """
    try:
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {}
            try:
                return _build(loader, node)
            except Exception:  # any surprise: the reference path gives the answer
                pass
            lines: dict[LinePath, int] = {}
            _index_lines(node, (), lines)
            data = loader.construct_document(node)
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


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_PLAIN_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float", "timestamp")
)
"""Scalar tags ``_build`` constructs itself (with the loader's own constructors)."""


class _Unusual(Exception):
    """Raised by ``_build`` for what only the reference path may answer."""


def _build(loader: Any, root: Node) -> tuple[Any, dict[LinePath, int]]:
    """Build the data and the line map of a composed tree in one iterative walk.

    Iterative, so depth costs no recursion. It visits containers in the order
    ``_index_lines`` does (a stack, last child first) and assigns lines the same way, so even
    colliding paths (``1:`` and ``"1":`` share the path ``("1",)``) end with the same line.
    Dicts and lists are created when their parent is visited and filled when they are
    popped, which keeps key order. It gives up (``_Unusual``, or whatever a constructor
    raises) on every node it meets twice (aliases, also among keys), a key that is not a
    scalar, a repeated key and any tag other than str/null/bool/int/float/timestamp on a
    scalar, map on a mapping and seq on a sequence; merge keys (``<<``) and ``=`` keys have
    their own tags, so they give up too. None of that touches the nodes, so the reference
    path can run on the same tree afterwards. A str-tagged scalar, most of a bank, is its
    node's text (what ``construct_yaml_str`` returns), taken without a call.
    """
    ctors = loader.yaml_constructors
    lines: dict[LinePath, int] = {(): root.start_mark.line + 1}
    seen: set[int] = {id(root)}
    mark_seen = seen.add

    def scalar(node: Node) -> Any:
        tag = node.tag
        if tag == _STR_TAG:
            return node.value
        if tag in _PLAIN_SCALAR_TAGS:
            return ctors[tag](loader, node)
        raise _Unusual

    def container(node: Node) -> Any:
        if type(node) is MappingNode and node.tag == _MAP_TAG:
            return {}
        if type(node) is SequenceNode and node.tag == _SEQ_TAG:
            return []
        raise _Unusual

    if type(root) is ScalarNode:
        return scalar(root), lines
    data = container(root)
    stack: list[tuple[Any, LinePath, Any]] = [(root, (), data)]
    push = stack.append
    while stack:
        node, here, out = stack.pop()
        if type(out) is list:
            append = out.append
            for i, item in enumerate(node.value):
                if id(item) in seen:
                    raise _Unusual
                mark_seen(id(item))
                path = (*here, i)
                lines[path] = item.start_mark.line + 1
                if type(item) is ScalarNode:
                    append(item.value if item.tag == _STR_TAG else scalar(item))
                else:
                    child = container(item)
                    append(child)
                    push((item, path, child))
        else:
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode or id(key_node) in seen:
                    raise _Unusual
                mark_seen(id(key_node))
                text = key_node.value
                key = text if key_node.tag == _STR_TAG else scalar(key_node)
                if key in out or id(value_node) in seen:
                    raise _Unusual
                mark_seen(id(value_node))
                path = (*here, text)
                lines[path] = key_node.start_mark.line + 1
                if type(value_node) is ScalarNode:
                    str_tag = value_node.tag == _STR_TAG
                    out[key] = value_node.value if str_tag else scalar(value_node)
                else:
                    child = container(value_node)
                    out[key] = child
                    push((value_node, path, child))
    return data, lines


def _index_lines(node: Node, path: LinePath, lines: dict[LinePath, int]) -> None:
    """Record lines, and refuse aliases: an alias is a node met a second time.

    The composer never expands aliases, so this walk stays small even for a
    "billion laughs" file, which is refused here before anything is built from it.
    """
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


def load_yaml_file(path: Path, *, what: str = "file") -> tuple[Any, dict[LinePath, int]]:
    """Read and parse a YAML file; an empty file is an error, not ``None``."""
    text = read_text(path, what=what)
    if not text.strip():
        raise InputError(f"{path}: is empty; expected a YAML {what}")
    return parse_yaml(text, str(path))


class _Dumper(yaml.SafeDumper):
    """Dumper that writes multi-line strings as block scalars and never sorts keys."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        text = value
        # Trailing spaces before a newline cannot survive a block scalar: fall back to quotes.
        if any(line != line.rstrip(" \t") for line in text.split("\n")):
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """Dump data as readable YAML: insertion order, block scalars, å ä ö as themselves."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
