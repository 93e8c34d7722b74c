"""The installed ``cc-rfp`` as a user runs it: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, assert_one_line_error, run_cli

MINI = str(REPO / "tests" / "data" / "mini-bank.yaml")

SEEDED = """\
cc_rfp:
  language: en
answers:
  buyer_name: Nordlys Hem AB
  bid_dedline: 2027-01-01
  channels: [phone, chatt]
  case_types:
    - {name: Orders, share: 60, aht_seconds: 300, channel: phone}
    - {name: Returns, share: 40, aht_seconds: -5, channel: email}
  chat_concurrency: 2
  weekday_share: {mon: 30, tue: 20, wed: 20, thu: 10, fri: 10, sat: 5}
  opening_hours:
    phone: {mon: "08:00-17:00", tue: "17:00-08:00", wed: closed, thu: closed,
            fri: closed, sat: closed, sun: closed}
  kpi_targets:
    - {kpi: service_level, channel: phone, percent: 180, seconds: 20, level: mandatory}
  agents_now: "twelve"
  has_survey: {unknown: yes please}
"""


def test_version_and_help():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("cc-rfp ")
    for command in ("questions", "schema", "validate", "render", "interview", "staffing"):
        result = run_cli(command, "--help")
        assert result.returncode == 0, result.stderr
        assert "Usage" in result.stdout


def test_python_m_works():
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "cc_rfp", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "cc-rfp" in result.stdout


def test_validate_names_every_seeded_mistake(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(SEEDED, encoding="utf-8")
    result = run_cli("validate", str(path), "--questions", MINI)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    lines = SEEDED.splitlines()

    def line_of(fragment: str) -> int:
        return next(i for i, text in enumerate(lines, 1) if fragment in text)

    expected = [
        (line_of("bid_dedline"), "bid_dedline: is not a question", "did you mean 'bid_deadline'"),
        (line_of("chatt"), "channels[1]", "'chatt' is not one of the choices"),
        (line_of("aht_seconds: -5"), "case_types[1].aht_seconds", "at least 1"),
        (line_of("chat_concurrency"), "chat_concurrency", "does not apply"),
        (line_of("weekday_share"), "weekday_share", "missing 'sun'"),
        (line_of('tue: "17:00'), "opening_hours.phone.tue", "must start before it ends"),
        (line_of("percent: 180"), "kpi_targets[0].percent", "at most 100"),
        (line_of("agents_now"), "agents_now", "whole number"),
        (line_of("has_survey"), "has_survey", "unknown: true"),
    ]
    for line, where, what in expected:
        matching = [x for x in out.splitlines() if f"answers.yaml:{line}: {where}" in x]
        assert matching and what in matching[0], (where, out)
    assert len(out.splitlines()) == len(expected)
    assert f"{len(expected)} problems found" in result.stderr


def test_validate_required_missing(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("answers:\n  channels: [phone]\n", encoding="utf-8")
    result = run_cli("validate", str(path), "--questions", MINI)
    assert result.returncode == 1
    assert "buyer_name: is required but not answered" in result.stdout


def test_validate_clean_file(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("answers:\n  buyer_name: X\n  agents_now: {unknown: true}\n", "utf-8")
    result = run_cli("validate", str(path), "--questions", MINI)
    assert result.returncode == 0, result.stdout
    assert "valid" in result.stdout


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "no such"),
        ("DIR", "is a directory"),
        (b"", "is empty"),
        (b"answers: [1, 2\n", "answers.yaml:"),
        (b"- a\n- b\n", "must be a mapping"),
        (b"answers:\n  a: \xff\xfe\n", "not UTF-8"),
        ("a: 1\n".encode("utf-16"), "UTF-16"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "render"])
def test_unusable_answers_file(tmp_path, content, needle, command):
    path = tmp_path / "answers.yaml"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = run_cli(command, str(path), "--questions", MINI)
    line = assert_one_line_error(result, 2)
    assert needle in line


def test_render_to_unwritable_output_keeps_nothing_half_written(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: X\n", "utf-8")
    result = run_cli(
        "render", "--draft", str(answers), "-o", str(tmp_path / "no" / "such" / "dir" / "out.md")
    )
    assert "folder" in assert_one_line_error(result, 2)
    if os.geteuid() != 0:  # root can write anywhere; the folder check above still holds
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        result = run_cli("render", "--draft", str(answers), "-o", str(locked / "out.md"))
        assert_one_line_error(result, 2)


def test_bad_bank_is_one_line(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text("version: 1\nguide_points: {}\nsections: []\n", "utf-8")
    result = run_cli("questions", "--questions", str(bank))
    line = assert_one_line_error(result, 2)
    assert "bank.yaml" in line and "sections" in line


def test_bad_lang_and_debug(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers: {}\n", "utf-8")
    assert "--lang" in assert_one_line_error(
        run_cli("render", "--draft", str(answers), "--lang", "de")
    )
    result = run_cli("--debug", "render", str(tmp_path / "missing.yaml"))
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_questions_table_and_section_filter():
    result = run_cli("questions", "--lang", "en", "--questions", MINI, "--section", "tender")
    assert result.returncode == 0, result.stderr
    assert "buyer_name" in result.stdout and "business_idea" not in result.stdout
    result = run_cli("questions", "--questions", MINI, "--section", "nope")
    assert "no section 'nope'" in assert_one_line_error(result)


def test_schema_validates_answers(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    result = run_cli("schema", "-o", str(tmp_path), "--questions", MINI)
    assert result.returncode == 0, result.stderr
    answers_schema = json.loads((tmp_path / "answers.schema.json").read_text("utf-8"))
    bank_schema = json.loads((tmp_path / "questions.schema.json").read_text("utf-8"))
    good = {"answers": {"buyer_name": "X", "agents_now": {"unknown": True, "note": "later"}}}
    jsonschema.validate(good, answers_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"answers": {"agents_now": "many"}}, answers_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"answers": {"no_such_question": 1}}, answers_schema)
    import yaml

    jsonschema.validate(yaml.safe_load(Path(MINI).read_text("utf-8")), bank_schema)


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys, cc_rfp.cli; "
        "print(sorted(m for m in ('questionary','jinja2','pydantic','yaml','prompt_toolkit')"
        " if m in sys.modules))"
    )
    import subprocess

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_a_cached_bank_never_imports_pydantic(tmp_path: Path) -> None:
    """pydantic (about 60 ms a process) is for validating a bank text not seen before; once
    the cache holds the bank, validate and render run without it."""
    code = (
        "import sys\n"
        "from cc_rfp.cli import main\n"
        "sys.argv = ['cc-rfp', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic loaded:', 'pydantic' in sys.modules, file=sys.stderr)\n"
    )
    import subprocess

    env = dict(os.environ, CC_RFP_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("CC_RFP_NO_CACHE", None)
    example = str(REPO / "examples" / "answers-example.yaml")
    runs = [["validate", example], ["validate", example], ["render", example, "-o", "t.md"]]
    seen = []
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        seen.append(done.stderr.strip().splitlines()[-1])
    # The first run parses and validates the bank; the next ones take it from the cache.
    assert seen == ["pydantic loaded: True"] + ["pydantic loaded: False"] * 2, seen
