"""An on-disk cache for work every command repeats: the parsed bank, compiled templates, the
text catalogue and the sized staffing week.

Parsing the 150 KB bank and compiling the built-in templates cost more CPU than the rest of a
``render``; both depend only on their text and on cc-rfp's code, so the result is kept between
runs, keyed by a hash of the exact content, the cc-rfp version, the Python version and the source
of the modules that produce it (an edited checkout never sees an old entry).

Where: ``CC_RFP_CACHE_DIR`` if set, else the platform's user cache folder (``%LOCALAPPDATA%`` on
Windows, ``~/Library/Caches`` on macOS, ``$XDG_CACHE_HOME`` or ``~/.cache`` elsewhere) plus
``cc-rfp``. ``CC_RFP_NO_CACHE=1`` turns it off.

Rules: a cache only costs or saves speed. Any error reading or writing (a missing, corrupt,
truncated or unwritable entry or folder) means "not cached": the caller computes the result as
if there were no cache. Entries are written to a temporary file and renamed into place, and each
carries the SHA-256 of its payload, so a half-written or damaged entry is never used.

Trust: compiled templates are Python bytecode (``marshal``), and loading bytecode from a folder
someone else can write is running their code. So on POSIX the folder is created 0700, and a
folder or entry that is not owned by the current user, or that others may write, is not used
(a link in place of an entry is not followed). The bank is kept as JSON of the already-checked
bank data, never as a pickle: a tampered entry can at worst change the questions, not run code.
The sized staffing week is a pickle of our own dataclasses, so it has the bytecode's trust rule.
The folder is kept small: past ``MAX_ENTRIES`` the entries used longest ago are removed (a hit
refreshes an entry's time), so editing answers for weeks does not fill the disk.
Only the built-in templates are cached; a ``--templates`` folder is compiled every run, so its
files never write, or match, an entry (the key holds the real path, the source and the
sandbox's code generator).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import types
from pathlib import Path
from typing import Any

MAGIC = b"cc-rfp-cache 1\n"
"""The first bytes of every entry; another layout is simply not read."""

MAX_ENTRY_BYTES = 32 * 1024 * 1024
"""Largest entry read back; a bigger file is not one this module wrote."""

MAX_ENTRIES = 400
"""Entries kept; a write beyond this removes the least recently used down to ``KEEP_ENTRIES``."""
KEEP_ENTRIES = 300

_POSIX = os.name == "posix"


def enabled() -> bool:
    """False when ``CC_RFP_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get("CC_RFP_NO_CACHE", "").strip() in ("", "0")


def default_dir() -> Path:
    """The user's cache folder for cc-rfp on this platform (not created)."""
    override = os.environ.get("CC_RFP_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "cc-rfp" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cc-rfp"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base_dir / "cc-rfp"


def _trusted(info: os.stat_result) -> bool:
    """Owned by us and not writable by group or others (always true off POSIX)."""
    if not _POSIX:
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def directory() -> Path | None:
    """The cache folder, created 0700 if missing; None when off or not safe to use."""
    if not enabled():
        return None
    try:
        folder = default_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)
        if not stat.S_ISDIR(info.st_mode) or not _trusted(info):
            return None
        return folder
    except (OSError, RuntimeError, ValueError):  # RuntimeError: no home folder
        return None


def key(kind: str, *parts: str | bytes) -> str:
    """A file name for ``parts`` of one kind: a hash that changes with any byte of them, the
    cc-rfp version or the Python version."""
    from cc_rfp import __version__

    digest = hashlib.sha256()
    for part in (kind, __version__, sys.version, *parts):
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return f"{kind}-{digest.hexdigest()}"


def source_fingerprint(*modules: str) -> str:
    """SHA-256 of the named modules' source files, so an edited checkout (same version number)
    never reads entries its old code wrote. Empty when a source cannot be read."""
    import importlib.util

    digest = hashlib.sha256()
    for module in modules:
        try:
            spec = importlib.util.find_spec(module)
            origin = spec.origin if spec else None
            if not origin:
                return ""
            with open(origin, "rb") as handle:
                digest.update(handle.read())
        except (OSError, ImportError, ValueError):
            return ""
    return digest.hexdigest()


def read(name: str) -> bytes | None:
    """The payload stored under ``name``, or None (absent, damaged, untrusted, cache off)."""
    folder = directory()
    if folder is None:
        return None
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(folder / name, flags)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _trusted(info):
                return None
            if info.st_size > MAX_ENTRY_BYTES:
                return None
            blob = handle.read(MAX_ENTRY_BYTES + 1)
    except (OSError, ValueError):
        return None
    head = len(MAGIC) + 32
    if len(blob) < head or not blob.startswith(MAGIC):
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(MAGIC) : head]:
        return None
    with contextlib.suppress(OSError):
        os.utime(folder / name)  # recently used: kept when the folder is pruned
    return payload


def write(name: str, payload: bytes) -> bool:
    """Store ``payload`` under ``name`` atomically; False (and nothing left behind) on error."""
    folder = directory()
    if folder is None or len(payload) > MAX_ENTRY_BYTES - 64:
        return False
    temp = None
    try:
        import tempfile

        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(temp, folder / name)
        _prune(folder)
        return True
    except (OSError, ValueError):
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return False


def _prune(folder: Path) -> None:
    """Past ``MAX_ENTRIES``, remove the entries used longest ago (best effort)."""
    try:
        with os.scandir(folder) as found:
            names = [e for e in found if e.is_file(follow_symlinks=False)]
        if len(names) <= MAX_ENTRIES:
            return
        names.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime)
        for entry in names[: len(names) - KEEP_ENTRIES]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    except OSError:
        return


# ----- the question bank ---------------------------------------------------------------------
_BANK_CODE = (
    "cc_rfp.core.bank_model",
    "cc_rfp.core.bank",
    "cc_rfp.io.cache",
    "cc_rfp.core.conditions",
    "cc_rfp.core.sandbox",
)
"""The modules whose source decides what a parsed bank is and whether it passes its checks
(the model, the loader's checks, and the expression checks those run), so an entry certifies
that this text passed with this code."""


def _bank_key(raw_text: str) -> str:
    return key("bank", source_fingerprint(*_BANK_CODE), raw_text)


def load_bank_model(raw_text: str) -> Any:
    """The ``BankFile`` stored for exactly this bank text, or None.

    Only banks that passed every check are stored, so the classes are rebuilt without
    validating again: pydantic is not even imported.
    """
    payload = read(_bank_key(raw_text))
    if payload is None:
        return None
    try:
        import json

        from cc_rfp.core.bank_model import BankFile

        return _construct(BankFile, json.loads(payload.decode("utf-8")))
    except Exception:  # a damaged or foreign entry: compute instead
        return None


def store_bank_model(raw_text: str, model: Any) -> None:
    """Keep a checked ``BankFile``; only when rebuilding it gives exactly the same tree."""
    if directory() is None:
        return
    try:
        import json

        def dumped(tree: Any) -> str:
            return json.dumps(_plain(tree), ensure_ascii=False, separators=(",", ":"))

        text = dumped(model)
        rebuilt = _construct(type(model), json.loads(text))
        if rebuilt != model or dumped(rebuilt) != text:
            return  # something JSON cannot carry: never cache what would come back different
        write(_bank_key(raw_text), text.encode("utf-8"))
    except Exception:  # the cache only ever costs speed
        return


def _plain(value: Any) -> Any:
    """A bank tree as JSON data: each dataclass a mapping of the fields not at their default
    (the entry stays small, and a field added later takes its default)."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for spec in dataclasses.fields(value):
            item = getattr(value, spec.name)
            if spec.default is not dataclasses.MISSING and item == spec.default:
                continue
            if spec.default_factory is not dataclasses.MISSING and item == spec.default_factory():
                continue
            out[spec.name] = _plain(item)
        return out
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _construct(cls: Any, data: Any) -> Any:
    """Rebuild a bank tree from ``_plain`` data without validation (``cls(**fields)``)."""
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__}: expected a mapping")
    plan = _plan(cls)
    values = {}
    for field_name, value in data.items():
        build = plan[field_name]  # KeyError: not this class's data
        values[field_name] = value if build is None or value is None else build(value)
    return cls(**values)


_PLANS: dict[Any, dict[str, Any]] = {}


def _plan(cls: Any) -> dict[str, Any]:
    """For each field, the function rebuilding its value (None: the JSON value as it is)."""
    plan = _PLANS.get(cls)
    if plan is None:
        import sys
        import typing

        hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
        plan = {name: _builder(hints[name]) for name in cls.__dataclass_fields__}
        _PLANS[cls] = plan
    return plan


def _builder(annotation: Any) -> Any:
    """How to rebuild a value of this type from JSON data; None when nothing is to be done."""
    import dataclasses
    from types import UnionType
    from typing import Annotated, Union, get_args, get_origin

    origin = get_origin(annotation)
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return lambda value: _construct(annotation, value)
    if origin is Annotated:
        return _builder(get_args(annotation)[0])
    if origin is list and get_args(annotation):
        item = _builder(get_args(annotation)[0])
        return None if item is None else lambda value: [item(v) for v in value]
    if origin is dict and len(get_args(annotation)) == 2:
        inner = _builder(get_args(annotation)[1])
        return None if inner is None else lambda value: {k: inner(v) for k, v in value.items()}
    if origin in (Union, UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            inner = _builder(options[0])
            return None if inner is None else lambda value: None if value is None else inner(value)
    return None


# ----- compiled templates --------------------------------------------------------------------
_TEMPLATE_CODE = (
    "cc_rfp.core.sandbox",
    "cc_rfp.document.render",
    "cc_rfp.io.cache",
    "jinja2.compiler",
)
"""The modules whose source decides the code a template compiles to: the sandbox's guarded
code generator above all, so bytecode from an unguarded (or older) compile never loads."""


def template_cache(builtin_dir: Path) -> Any:
    """A Jinja bytecode cache for the templates in ``builtin_dir`` only, or None when off.

    A ``--templates`` folder's files are compiled every time: they are never written to the
    cache, so whoever wrote them cannot leave an entry behind, and the key of a built-in entry
    holds its real file path, so no other file can match it.
    """
    if directory() is None:
        return None
    from jinja2.bccache import Bucket, BytecodeCache

    root = os.path.realpath(builtin_dir)

    class TemplateCache(BytecodeCache):
        """Keys: name, real file path, source text, the environment's compile settings and
        the compiler's source; the bytecode is stored with ``marshal`` (no pickle, no Jinja
        header), in a folder only the user can write (see the module docstring)."""

        def __init__(self) -> None:
            self.salts: dict[int, str] = {}

        def get_bucket(self, environment: Any, name: str, filename: Any, source: str) -> Any:
            real = os.path.realpath(filename) if filename else ""
            builtin = bool(real) and os.path.commonpath([root, real]) == root
            entry = key("template", self._salt(environment), name, real, source)
            bucket = Bucket(environment, entry if builtin else "", "")
            if builtin:
                self.load_bytecode(bucket)
            return bucket

        def _salt(self, environment: Any) -> str:
            salt = self.salts.get(id(environment))
            if salt is None:
                salt = compiler_salt(environment, _TEMPLATE_CODE)
                self.salts[id(environment)] = salt
            return salt

        def load_bytecode(self, bucket: Any) -> None:
            if not bucket.key:
                return
            payload = read(bucket.key)
            if payload is None:
                return
            try:
                import marshal

                code = marshal.loads(payload)
            except Exception:  # damaged: compile instead
                return
            if isinstance(code, types.CodeType):
                bucket.code = code

        def dump_bytecode(self, bucket: Any) -> None:
            if not bucket.key or bucket.code is None:
                return
            import marshal

            write(bucket.key, marshal.dumps(bucket.code))

    return TemplateCache()


def compiler_salt(environment: Any, modules: tuple[str, ...]) -> str:
    """Everything that decides the code Jinja compiles for ``environment``: its version, class,
    code generator, settings, filter and test names, and the source of ``modules``."""
    import jinja2

    settings = [
        jinja2.__version__,
        f"{type(environment).__module__}.{type(environment).__qualname__}",
        type(environment).code_generator_class.__qualname__,
        repr(environment.sandboxed),
        *(_stable(getattr(environment, a, None)) for a in _ENV_SETTINGS),
        repr(sorted(environment.filters)),
        repr(sorted(environment.tests)),
        source_fingerprint(*modules),
    ]
    return "\n".join(settings)


def _stable(value: Any) -> str:
    """A setting as text that is the same in every run (no object addresses)."""
    if isinstance(value, dict):
        return repr(sorted(value))
    if isinstance(value, type) or callable(value):
        module = getattr(value, "__module__", "")
        return f"{module}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


_ENV_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "autoescape",
    "optimized",
    "extensions",
    "finalize",
    "undefined",
    "is_async",
)
"""Environment attributes that change the code a template compiles to."""


# ----- compiled expressions ------------------------------------------------------------------
_EXPRESSION_CODE = (
    "cc_rfp.core.sandbox",
    "cc_rfp.core.conditions",
    "cc_rfp.io.cache",
    "jinja2.compiler",
)
"""The modules whose source decides the code a ``when:``/``default_expr:`` compiles to."""

MAX_EXPRESSIONS = 2_000
"""Compiled expressions kept in the one entry (the built-in bank has about 60 distinct ones);
past this the ones added longest ago go, so hostile or generated banks cannot grow it."""


class ExpressionCodes:
    """The bank's compiled conditions, kept between runs in one entry for all of them.

    Compiling an expression (parse, guarded code generation, Python ``compile``) costs about
    half a millisecond, and a ``render`` or ``validate`` meets some 50 of them: a quarter of
    what those commands do beyond importing. The code depends only on the expression's text and
    on the compiler (``compiler_salt``), so the entry maps text to code and is keyed by the
    compiler; an expression from a ``--questions`` bank only ever finds the code compiled from
    its own text. New codes are written once, when the process ends, merged with what another
    process may have written meanwhile. Like template bytecode, it is ``marshal`` data read only
    from a folder the user alone can write.
    """

    def __init__(self, environment: Any) -> None:
        self.name = key("expressions", compiler_salt(environment, _EXPRESSION_CODE))
        self.codes = self._stored()
        self.added: dict[str, types.CodeType] = {}

    def _stored(self) -> dict[str, types.CodeType]:
        payload = read(self.name)
        if payload is None:
            return {}
        try:
            import marshal

            found = marshal.loads(payload)
        except Exception:  # damaged: compile instead
            return {}
        if not isinstance(found, dict):
            return {}
        return {
            k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, types.CodeType)
        }

    def get(self, expression: str) -> types.CodeType | None:
        return self.codes.get(expression)

    def add(self, expression: str, code: types.CodeType) -> None:
        """Remember a freshly compiled expression; the entry is written when the process ends."""
        if not self.added:
            import atexit

            atexit.register(self.save)
        self.codes[expression] = code
        self.added[expression] = code

    def save(self) -> None:
        if not self.added:
            return
        try:
            import marshal

            merged = {**self._stored(), **self.added}
            kept = dict(list(merged.items())[-MAX_EXPRESSIONS:])
            write(self.name, marshal.dumps(kept))
        except Exception:  # the cache only ever costs speed
            return
        self.added = {}


def expression_codes(environment: Any) -> ExpressionCodes | None:
    """The store of compiled expressions for ``environment``, or None when the cache is off."""
    if directory() is None:
        return None
    try:
        return ExpressionCodes(environment)
    except Exception:  # the cache only ever costs speed
        return None


# ----- the sized staffing week ----------------------------------------------------------------
def _staffing_code() -> tuple[str, ...]:
    """Every module of the staffing package plus the value readers it calls: the code whose
    source decides a sized week."""
    import pkgutil

    import cc_rfp.staffing as package

    names = sorted(f"cc_rfp.staffing.{m.name}" for m in pkgutil.iter_modules(package.__path__))
    return (*names, "cc_rfp.core.values", "cc_rfp.core.bank", "cc_rfp.io.cache")


def sized_key(*parts: str) -> str | None:
    """The entry name of one sized week: the digest of the figures it was sized from, the
    options, and the staffing code; None when the cache is off or a source is unreadable."""
    if not enabled():
        return None
    code = source_fingerprint(*_staffing_code())
    return key("sized", code, *parts) if code else None


def load_sized(name: str | None) -> Any:
    """The sized week stored under ``name``, or None.

    Entries are pickles of our own dataclasses, written by this user into a folder only this
    user may write (``directory`` refuses anything else), as the template bytecode is.
    """
    import pickle

    payload = read(name) if name else None
    if payload is None:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # an entry from other code: a miss, never an error
        return None


def store_sized(name: str | None, sized: Any) -> None:
    """Keep a sized week for the next process (best effort: a failure only costs speed)."""
    import pickle

    if not name:
        return
    try:
        payload = pickle.dumps(sized, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    write(name, payload)


__all__ = [
    "default_dir",
    "directory",
    "enabled",
    "key",
    "load_bank_model",
    "load_sized",
    "read",
    "sized_key",
    "source_fingerprint",
    "store_bank_model",
    "store_sized",
    "template_cache",
    "write",
]
