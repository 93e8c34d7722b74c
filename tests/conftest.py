"""Shared test helpers: the repository paths and a runner for the installed ``cc-rfp``.

Also the test markers: every test that starts a process (``run_cli``, ``subprocess``,
``pexpect``: the pty tests) is marked ``e2e`` here at collection, by following what the test
and its fixtures call, so no file has to remember to; deep property tests carry ``slow``.
The fast inner loop is ``pytest -m "not e2e and not slow" --ignore=tests/e2e``, so
``tests/e2e/`` holds only ``e2e`` tests (one there that starts no process fails). The
Hypothesis profile comes from ``HYPOTHESIS_PROFILE`` (``deep``: more examples; property tests
never run fewer than they ask).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

settings.register_profile("deep", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "answers-example.yaml"
GUIDE = REPO.parent / "shared" / "guide"


def cc_rfp_executable() -> list[str]:
    """The installed console script (next to this Python), else ``python -m cc_rfp``."""
    script = Path(sys.executable).parent / "cc-rfp"
    if script.exists():
        return [str(script)]
    found = shutil.which("cc-rfp")
    return [found] if found else [sys.executable, "-m", "cc_rfp"]


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``cc-rfp ARGS`` as a user would, with no terminal on stdin."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    return subprocess.run(
        [*cc_rfp_executable(), *args],
        cwd=cwd,
        env=full_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The run failed with ``code`` and one plain stderr line, no traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def cli():
    return run_cli


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist, let the workers share the run's tmp folder, as a serial run uses.

    xdist gives each worker ``BASETEMP/popen-gwN``; some interview tests look for a tmp
    path in an 80-column transcript, and a serial run's path is already 79 columns there,
    so the extra part made rich fold it. Numbered tmp folders are created with an atomic
    mkdir (retried on a clash), so two workers can share one base folder. Runs after the
    tmp-path factory exists; a serial run is untouched.
    """
    if "CC_RFP_CACHE_DIR" not in os.environ:
        # The run's own cache folder (shared by the workers and the processes they start):
        # tests never read entries from the developer's cache, and never fill it.
        import tempfile

        os.environ["CC_RFP_CACHE_DIR"] = tempfile.mkdtemp(prefix="cc-rfp-test-cache-")
    worker = getattr(config, "workerinput", None)
    factory = getattr(config, "_tmp_path_factory", None)
    basetemp = getattr(config.option, "basetemp", None)
    if worker and factory is not None and basetemp:
        given = Path(basetemp)
        if given.name == f"popen-{worker['workerid']}" and given.parent.is_dir():
            factory._basetemp = given.parent.resolve()


# What starts a process: a module (``subprocess.run``, ``pexpect.spawn``) or a function
# defined in one, or this file's runner (imported as ``tests.conftest`` or ``conftest``).
_PROCESS_MODULES = frozenset({"subprocess", "pexpect", "pty", "multiprocessing"})
_RUNNERS = frozenset({"run_cli", "cc_rfp_executable"})
_TESTS = str(Path(__file__).resolve().parent)


def _is_test_code(obj: Any) -> bool:
    """A function defined in a file under tests/ (a helper worth following)."""
    code = getattr(obj, "__code__", None)
    return code is not None and code.co_filename.startswith(_TESTS)


def _starts_process(obj: Any) -> bool:
    if isinstance(obj, types.ModuleType):
        return obj.__name__.split(".")[0] in _PROCESS_MODULES
    if _is_test_code(obj) and getattr(obj, "__name__", "") in _RUNNERS:
        return True
    module = getattr(obj, "__module__", None)
    return isinstance(module, str) and module.split(".")[0] in _PROCESS_MODULES


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    """A function's code and the code of the lambdas and functions nested in it."""
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def _helpers(obj: Any) -> list[Any]:
    """The test-suite functions ``obj`` stands for: itself, or a test class's methods."""
    if isinstance(obj, type):
        return [m for m in vars(obj).values() if _is_test_code(m)]
    return [obj] if _is_test_code(obj) else []


def _calls_a_process(func: Any, seen: set[int]) -> bool:
    """Whether ``func``, or a test helper it names (followed through), starts a process."""
    if hasattr(func, "hypothesis"):  # a @given test: look at the test inside
        func = func.hypothesis.inner_test
    func = getattr(func, "__wrapped__", func)
    code = getattr(func, "__code__", None)
    if code is None or id(code) in seen:
        return False
    seen.add(id(code))
    namespace = getattr(func, "__globals__", {})
    for each in _code_objects(code):
        if "importorskip" in each.co_names and _PROCESS_MODULES & set(each.co_consts):
            return True  # ``pexpect = pytest.importorskip("pexpect")``
        for name in each.co_names:
            if name in _PROCESS_MODULES:  # also a local ``import subprocess``
                return True
            if name in _RUNNERS:  # also a local ``from tests.conftest import run_cli``
                return True
            if name not in namespace:
                continue
            obj = namespace[name]
            if _starts_process(obj):
                return True
            if any(_calls_a_process(helper, seen) for helper in _helpers(obj)):
                return True
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``e2e`` every test that starts a process itself, through a helper or a fixture."""
    for item in items:
        if item.get_closest_marker("e2e") or not isinstance(item, pytest.Function):
            continue
        seen: set[int] = set()
        funcs: list[Any] = [item.function]
        for defs in item._fixtureinfo.name2fixturedefs.values():
            funcs.extend(
                d.func for d in defs if _is_test_code(d.func) and d.func is not _GUARD_FUNC
            )
        if "cli" in item.fixturenames or any(_calls_a_process(f, seen) for f in funcs):
            item.add_marker(pytest.mark.e2e)
    _e2e_folder_holds_only_e2e_tests(items)


_E2E = Path(__file__).parent / "e2e"


def _e2e_folder_holds_only_e2e_tests(items: list[pytest.Item]) -> None:
    """Flag every test under ``tests/e2e/`` that starts no process (is not marked ``e2e``).

    The fast inner loop skips the folder with ``--ignore=tests/e2e`` rather than importing
    every module in it only to deselect their tests; an in-process test there would silently
    drop out of the loop. A flagged test fails at set-up (below), in any run that selects it:
    per test rather than a stopped collection, which pytest-xdist's workers would report
    only as an internal error.
    """
    for item in items:
        if item.path.is_relative_to(_E2E) and item.get_closest_marker("e2e") is None:
            item.stash[_NOT_A_PROCESS_TEST] = True


_NOT_A_PROCESS_TEST = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def _processes_only_in_e2e_tests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test not marked ``e2e`` that starts a process fails, naming itself; so does a test in
    ``tests/e2e/`` that starts none (flagged at collection, above).

    cc-rfp itself never starts one, so this only catches a test the marking above missed,
    which would otherwise slow the inner loop down unseen. ``os.forkpty`` covers pexpect.
    """
    if request.node.stash.get(_NOT_A_PROCESS_TEST, False):
        pytest.fail(
            f"{request.node.nodeid} is in tests/e2e/, which the inner loop skips, but starts "
            "no process: move it to the folder that mirrors the code it tests",
            pytrace=False,
        )
    if request.node.get_closest_marker("e2e") is not None:
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(
            f"{request.node.nodeid} starts a process but is not marked e2e: "
            "call it through run_cli or a helper conftest.py can follow, or mark it"
        )

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp"):  # forkpty: pexpect's pty
        monkeypatch.setattr(os, name, refuse, raising=False)


# The guard above names subprocess itself; the marking must not follow it into every test.
_GUARD_FUNC = getattr(_processes_only_in_e2e_tests, "__wrapped__", _processes_only_in_e2e_tests)
