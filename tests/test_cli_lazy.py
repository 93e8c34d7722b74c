"""The command line builds a command only when it is used, and its top-level help lists every
command as the built command would describe itself."""

from __future__ import annotations

import pytest
import typer

from cc_rfp import cli


def _group() -> typer.core.TyperGroup:
    group = typer.main.get_command(cli.app)
    assert isinstance(group, cli._LazyGroup)
    return group


def _run(group: typer.core.TyperGroup, args: list[str]) -> int:
    try:
        group.main(args, prog_name="cc-rfp")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_the_help_lists_every_command_without_building_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    group = _group()
    assert _run(group, ["--help"]) == 0
    lines = capsys.readouterr().out.split("Commands:")[1].strip().splitlines()
    assert [line.split()[0] for line in lines] == list(cli.COMMANDS)
    assert group.commands == {}  # nothing built for the list


def test_the_short_help_is_what_the_built_command_says() -> None:
    group = _group()
    for name in cli.COMMANDS:
        built = group.get_command(None, name)
        for limit in (30, 45, 70, 200):
            assert cli.short_help(cli.COMMANDS[name], limit) == built.get_short_help_str(limit)


def test_a_command_runs_and_an_unknown_one_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    group = _group()
    assert _run(group, ["render", "--help"]) == 0
    assert "Usage: cc-rfp render" in capsys.readouterr().out
    assert set(group.commands) == {"render"}
    assert _run(group, ["nosuch"]) == 2
