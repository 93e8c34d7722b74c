"""The README promises two set-up commands, the CI test command, and a section per command."""

from __future__ import annotations

import itertools
import re

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)\n(.+?)\n```", section, flags=re.S)


def test_exactly_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2, commands
    assert all("\n" not in c for c in commands)
    assert "cc-rfp interview" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    last = [line for line in CI.splitlines() if line.strip() and not line.startswith("#")][-1]
    assert last.strip() == setup_commands()[1].strip()


def test_a_section_per_command():
    commands = ("interview", "validate", "render", "package", "evaluate", "import", "staffing")
    for command in (*commands, "questions", "schema"):
        assert re.search(rf"^### `cc-rfp {command}", README, flags=re.M), command


def test_every_test_the_readme_cites_exists():
    cited = re.findall(r"`(tests/(?:\w+/)?test_\w+\.py)(?:::(\w+))?`", README)
    assert len(cited) >= 10
    for path, name in cited:
        source = (REPO / path).read_text(encoding="utf-8")
        if name:
            assert f"def {name}(" in source, (path, name)


def _console_blocks() -> list[list[str]]:
    return [
        block.splitlines() for block in re.findall(r"```console\n(.+?)\n```", README, flags=re.S)
    ]


def test_the_validate_examples_show_what_validate_prints():
    """The README's validate session, command by command: every line the command prints (on
    stdout or stderr, in any order) is in the README under it, and nothing else is."""
    from tests.conftest import run_cli

    block = next(b for b in _console_blocks() if b[0].startswith("$ cc-rfp validate"))
    starts = [i for i, line in enumerate(block) if line.startswith("$ ")] + [len(block)]
    assert len(starts) == 3, block
    for begin, end in itertools.pairwise(starts):
        args = block[begin].removeprefix("$ cc-rfp ").split()
        result = run_cli(*args, cwd=REPO)
        printed = (result.stdout + result.stderr).splitlines()
        assert sorted(printed) == sorted(block[begin + 1 : end]), block[begin]
