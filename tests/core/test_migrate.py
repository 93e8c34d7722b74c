"""Issue 9, item 6: answers files outlive versions.

1. Files written by cc-rfp 0.1.0 (frozen in tests/data/v0.1.0, never edited) load, validate as
   0.1.0 judged them and render in both languages with today's code; an interview on a copy
   resumes and, paused without an answer, leaves the file byte-identical.
2. The migration path (src/cc_rfp/core/migrate.py): a renamed id, injected here since no id has
   changed yet, is read under its new name with one line on stderr; validate, render and
   staffing never write the file; the interview's first save writes today's form.
3. A file from a newer cc-rfp is still refused.
4. Format 3 gives KPIs on their own scale the target kind ``index``; format 4 (issue 12) adds the
   purpose ``peaks`` last to an older file's ranking, so the file still validates.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cc_rfp_executable, run_cli

from cc_rfp.core import migrate
from cc_rfp.core.answers import Unknown, load_answers, parse_answers, save_answers
from cc_rfp.core.migrate import Migration, rename
from cc_rfp.errors import InputError

FROZEN = Path(__file__).resolve().parents[1] / "data" / "v0.1.0"
EXAMPLE = FROZEN / "answers-example.yaml"
PARTIAL = FROZEN / "partial-interview.yaml"

# What 0.1.0 said about the partial interview (README.txt in the frozen folder).
PARTIAL_PROBLEMS = [
    "bid_deadline: is required but not answered",
    "channels: is required but not answered",
]

# The injected migration: pretend 0.1.0 called the contact e-mail `contact_mail`.
OLD, NEW = "contact_mail", "contact_email"
NOTICE_TAIL = (
    f"read in today's form (renamed {OLD} to {NEW}); the file changes only when you save it"
)


def copy_of(source: Path, folder: Path, name: str | None = None) -> Path:
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target


def drop_answers(text: str, ids: tuple[str, ...]) -> str:
    """``text`` without the answers ``ids`` (each a top-level answer and its indented lines)."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if line.startswith("  ") and not line.startswith("   ") and not line.startswith("  -"):
            skipping = line.strip().split(":", 1)[0] in ids
        elif not line.startswith("  "):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def older_file(folder: Path) -> Path:
    """The frozen example as if 0.1.0 had written the e-mail under ``contact_mail``.

    The answers issue 10's step reshapes (and the basis that needs them) are left out, and the
    ranking already places issue 12's purpose, so the injected rename is the only step this
    file takes.
    """
    text = drop_answers(
        EXAMPLE.read_text(encoding="utf-8"),
        ("pricing_parameters", "evaluation_weights", "evaluation_basis"),
    )
    assert text.count("  - development\n") == 1
    text = text.replace("  - development\n", "  - development\n  - peaks\n")
    assert text.count(f"  {NEW}: ") == 1
    path = folder / "old.yaml"
    path.write_text(text.replace(f"  {NEW}: ", f"  {OLD}: "), encoding="utf-8")
    return path


ISSUE_10_STEP = migrate.MIGRATIONS[0].description
"""The step 0.1.0 files take in issue 10: pricing per channel and quality criteria."""

PEAKS_STEP = next(m.description for m in migrate.MIGRATIONS if m.to_format == 4)
"""The step every ranked file before format 4 takes in issue 12: the purpose peaks, last."""


@pytest.fixture
def renamed(monkeypatch: pytest.MonkeyPatch) -> Migration:
    """Today's list plus one step to format 2 that renames ``contact_mail``."""
    step = rename(OLD, NEW, to_format=2)
    monkeypatch.setattr(migrate, "MIGRATIONS", [*migrate.MIGRATIONS, step])
    return step


def run_with_rename(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``cc-rfp ARGS`` in a fresh process whose migration list has the injected rename."""
    code = (
        "import sys\n"
        "from cc_rfp.core import migrate\n"
        f"migrate.MIGRATIONS.append(migrate.rename({OLD!r}, {NEW!r}, to_format=2))\n"
        "from cc_rfp.cli import main\n"
        "sys.argv = ['cc-rfp', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


# ---------------------------------------------------------------- 1. frozen 0.1.0 files


def test_the_frozen_files_are_what_0_1_0_wrote() -> None:
    """Guard against a well-meant edit: these are the bytes 0.1.0 wrote."""
    for path in (EXAMPLE, PARTIAL):
        text = path.read_text(encoding="utf-8")
        assert "  format: 1\n  version: 0.1.0\n" in text
    assert "never edit" in (FROZEN / "README.txt").read_text(encoding="utf-8")


def test_the_frozen_files_load_in_todays_form_without_a_notice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = load_answers(EXAMPLE)
    assert example.values["buyer_name"] == "Nordlys Hem AB"
    assert example.language == "sv" and example.written_by == "0.1.0"
    partial = load_answers(PARTIAL)
    assert partial.values["procurement_regime"] == Unknown(
        "Legal review of LOU applicability ends 10 December"
    )
    assert set(partial.values) == {
        "buyer_name",
        "buyer_org_number",
        "procurement_regime",
        "contact_name",
        "contact_email",
    }
    # Issue 10's step (pricing per channel, quality criteria) and issue 12's (the purpose peaks)
    # touch the frozen example; the partial interview has neither a price list nor a ranking.
    assert example.migrations == [ISSUE_10_STEP, PEAKS_STEP] and partial.migrations == []
    assert example.values["purpose_ranking"][-1] == "peaks"
    assert capsys.readouterr().err.count("read in today's form") == 1


def test_the_frozen_example_validates(tmp_path: Path) -> None:
    path = copy_of(EXAMPLE, tmp_path)
    before = path.read_bytes()
    result = run_cli("validate", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{path}: valid (" in result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.count("read in today's form") <= 1 and ISSUE_10_STEP in result.stderr
    assert path.read_bytes() == before


def test_the_frozen_partial_interview_validates_as_0_1_0_said(tmp_path: Path) -> None:
    path = copy_of(PARTIAL, tmp_path)
    result = run_cli("validate", str(path), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"{path}: {p}" for p in PARTIAL_PROBLEMS]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("frozen", [EXAMPLE, PARTIAL], ids=["example", "partial"])
def test_the_frozen_files_render_in_both_languages(tmp_path: Path, frozen: Path, lang: str) -> None:
    path = copy_of(frozen, tmp_path)
    before = path.read_bytes()
    out = tmp_path / f"tender.{lang}.md"
    result = run_cli("render", "--draft", str(path), "--lang", lang, "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = out.read_text(encoding="utf-8")
    assert "Nordlys Hem AB" in document
    assert path.read_bytes() == before


def test_the_frozen_example_sizes_its_staff(tmp_path: Path) -> None:
    path = copy_of(EXAMPLE, tmp_path)
    result = run_cli("staffing", str(path), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip().startswith("{")


# ---------------------------------------------------------------- resuming a 0.1.0 interview


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_an_interview_resumes_a_0_1_0_file_and_a_pause_changes_nothing(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    path = copy_of(PARTIAL, tmp_path, "answers.yaml")
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "LINES": "40"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # pexpect cannot answer a cursor-position request
    command, *rest = cc_rfp_executable()
    child = pexpect.spawn(
        command,
        [*rest, "interview", "answers.yaml", "--lang", "en"],
        cwd=str(tmp_path),
        env=env,
        dimensions=(40, 80),
        encoding="utf-8",
        timeout=20,
    )
    try:
        child.expect_exact("Answers file: answers.yaml (5 answers so far)")
        child.expect_exact("This file has answers already. What now?")
        child.expect_exact("Continue at the first open question")
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130, child.before
    assert path.read_bytes() == PARTIAL.read_bytes()
    assert not (tmp_path / "answers.yaml.lock").exists()


# ---------------------------------------------------------------- 2. the migration path


def test_todays_list_is_ordered_and_well_formed() -> None:
    formats = [m.to_format for m in migrate.MIGRATIONS]
    assert formats == sorted(formats)
    assert migrate.current_format() == max([migrate.BASE_FORMAT, *formats])
    for step in migrate.MIGRATIONS:
        assert step.description.strip() and "\n" not in step.description


def test_a_migration_is_one_line_and_leads_somewhere() -> None:
    with pytest.raises(ValueError):
        Migration(2, "two\nlines", lambda answers: answers)
    with pytest.raises(ValueError):
        Migration(1, "to the base format", lambda answers: answers)


def test_rename_moves_the_answer_and_keeps_a_newer_one() -> None:
    step = rename("a", "b", to_format=2)
    assert step.apply({"x": 1, "a": 2, "z": 3}) == {"x": 1, "b": 2, "z": 3}
    assert list(step.apply({"x": 1, "a": 2, "z": 3})) == ["x", "b", "z"]
    # A hand edit already in today's form wins; the file never holds both ids.
    assert step.apply({"a": 1, "b": 2}) == {"b": 2}
    assert step.apply({"b": None, "a": 1}) == {"b": 1}
    assert step.apply({"x": 1}) == {"x": 1}


def test_migrate_applies_what_a_format_needs_in_order_and_mutates_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def percent(answers: dict) -> dict:
        out = dict(answers)
        if isinstance(out.get("rate"), float):
            out["rate"] = round(out["rate"] * 100)
        return out

    monkeypatch.setattr(
        migrate,
        "MIGRATIONS",
        [
            rename("a", "b", to_format=2),
            Migration(3, "answer rate as a percent", percent),
            rename("b", "c", to_format=4),
        ],
    )
    raw = {"a": {"k": 1}, "rate": 0.8}
    result = migrate.migrate(raw, 1)
    assert result.answers == {"c": {"k": 1}, "rate": 80}
    assert result.applied == ["renamed a to b", "answer rate as a percent", "renamed b to c"]
    assert result.renames == {"a": "c", "b": "c"}
    assert raw == {"a": {"k": 1}, "rate": 0.8}
    # A file already at format 3 only needs the last step; today's form needs none.
    assert migrate.migrate({"b": 1}, 3).applied == ["renamed b to c"]
    assert migrate.migrate({"c": 1}, 4).applied == []
    # A step that changes nothing is not reported; a file without a header is today's form.
    assert migrate.migrate({"rate": 80}, 2).applied == []
    assert migrate.migrate({"x": 1}, 1).applied == []
    assert migrate.migrate({"a": 1}, None).answers == {"a": 1}
    assert migrate.current_format() == 4


def test_loading_an_older_file_reads_todays_ids_and_keeps_the_line(
    tmp_path: Path, renamed: Migration, capsys: pytest.CaptureFixture[str]
) -> None:
    path = older_file(tmp_path)
    before = path.read_bytes()
    answers = load_answers(path)
    assert answers.values[NEW] == "upphandling@nordlyshem.se"
    assert OLD not in answers.values
    assert answers.migrations == [f"renamed {OLD} to {NEW}"]
    line = (
        path.read_text(encoding="utf-8").splitlines().index(f"  {OLD}: upphandling@nordlyshem.se")
    )
    assert answers.line_of(NEW) == line + 1
    err = capsys.readouterr().err
    assert err == f"{path}: written by cc-rfp 0.1.0; {NOTICE_TAIL}\n"
    assert path.read_bytes() == before
    # Quiet when asked, and parsing text alone never prints.
    load_answers(path, announce=False)
    parse_answers(path.read_text(encoding="utf-8"))
    assert capsys.readouterr().err == ""


def test_the_frozen_files_need_no_step_that_does_not_touch_them(
    renamed: Migration, capsys: pytest.CaptureFixture[str]
) -> None:
    assert load_answers(EXAMPLE).migrations == [ISSUE_10_STEP, PEAKS_STEP]
    assert f"renamed {OLD}" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["render", "--draft", "--lang", "sv", "-o", "tender.md"],
        ["render", "--draft", "--lang", "en"],
        ["staffing"],
    ],
    ids=["validate", "render-sv", "render-en", "staffing"],
)
def test_every_command_says_so_once_and_writes_nothing(tmp_path: Path, command: list[str]) -> None:
    path = older_file(tmp_path)
    before = path.read_bytes()
    result = run_with_rename(command[0], str(path), *command[1:], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    notices = [line for line in result.stderr.splitlines() if "read in today's form" in line]
    assert notices == [f"{path}: written by cc-rfp 0.1.0; {NOTICE_TAIL}"]
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    if command[0] == "render":
        document = (
            (tmp_path / "tender.md").read_text(encoding="utf-8")
            if "-o" in command
            else result.stdout
        )
        assert "upphandling@nordlyshem.se" in document


def test_a_pause_without_an_answer_leaves_an_older_file_alone(
    tmp_path: Path, renamed: Migration
) -> None:
    path = older_file(tmp_path)
    before = path.read_bytes()
    answers = load_answers(path)
    answers.bank_sha256 = "another bank"  # what the interview sets when it starts
    save_answers(path, answers)
    assert path.read_bytes() == before


def test_the_first_save_writes_todays_form(
    tmp_path: Path, renamed: Migration, capsys: pytest.CaptureFixture[str]
) -> None:
    path = older_file(tmp_path)
    before = path.read_text(encoding="utf-8")
    answers = load_answers(path)
    capsys.readouterr()
    answers.values["contact_phone"] = "08-520 118 41"
    save_answers(path, answers, order=list(answers.values))
    text = path.read_text(encoding="utf-8")
    assert f"  {OLD}:" not in text
    assert f"  {NEW}: upphandling@nordlyshem.se\n" in text
    today = f"  format: {migrate.current_format()}"
    assert today + "\n" in text and "  contact_phone: 08-520 118 41\n" in text
    # Only the migrated entry, the saved answer and the tool's header lines changed.
    changed = [line for line in text.splitlines() if line not in before.splitlines()]
    assert sorted(changed) == sorted(
        [
            f"  {NEW}: upphandling@nordlyshem.se",
            "  contact_phone: 08-520 118 41",
            today,
            *[
                line
                for line in text.splitlines()
                if line.startswith(("  updated:", "  version:")) and line not in before.splitlines()
            ],
        ]
    )
    # Read again, the file is in today's form: same answers, no notice.
    again = load_answers(path)
    assert again.migrations == [] and again.values == answers.values
    assert capsys.readouterr().err == ""


def test_a_hand_edit_in_the_old_form_merges_into_todays(tmp_path: Path, renamed: Migration) -> None:
    """A hand edit of the old entry made while the interview is open is kept, under today's id."""
    path = older_file(tmp_path)
    answers = load_answers(path, announce=False)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"  {OLD}: upphandling@", f"  {OLD}: anbud@"), encoding="utf-8")
    answers.values["contact_phone"] = "08-520 118 41"
    save_answers(path, answers, order=list(answers.values))
    assert answers.adopted == [NEW]
    saved = load_answers(path, announce=False)
    assert saved.values[NEW] == "anbud@nordlyshem.se" and OLD not in saved.values
    assert f"  {OLD}:" not in path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- 3. newer formats


def test_a_newer_format_is_still_refused(tmp_path: Path, renamed: Migration) -> None:
    now = migrate.current_format()
    assert parse_answers(f"cc_rfp:\n  format: {now}\nanswers:\n  a: 1\n").values == {"a": 1}
    with pytest.raises(InputError, match=rf"file format {now + 1}, this one reads {now}"):
        parse_answers(f"cc_rfp:\n  format: {now + 1}\nanswers:\n  a: 1\n")


# ------------------------------------------------- 4. format 3: KPIs on their own scale


def test_format_3_gives_ces_and_nki_targets_their_own_scale() -> None:
    """A CES mean stored as a score, and "NKI 72" entered as a 72 % CSAT row by a buyer who
    measures NKI and not CSAT, read as index targets; rows that meant what they said stay."""
    old = {
        "satisfaction_measures": ["nps", "nki"],
        "kpi_targets": [
            {"kpi": "csat", "percent": 72, "level": "desirable", "interval": "month"},
            {"kpi": "ces", "score": 4.2, "level": "desirable"},
            {"kpi": "nps", "score": 30, "level": "desirable"},
        ],
    }
    result = migrate.migrate(old, 2)
    rows = result.answers["kpi_targets"]
    assert rows == [
        {"kpi": "nki", "index": 72, "level": "desirable", "interval": "month"},
        {"kpi": "ces", "index": 4.2, "level": "desirable"},
        {"kpi": "nps", "score": 30, "level": "desirable"},
    ]
    assert result.applied == [migrate.MIGRATIONS[1].description]
    assert old["kpi_targets"][0]["kpi"] == "csat"  # the input is not mutated
    # A buyer who measures CSAT keeps its CSAT row; today's form is not migrated at all.
    csat = {"satisfaction_measures": ["csat", "nki"], "kpi_targets": [old["kpi_targets"][0]]}
    assert migrate.migrate(csat, 2).applied == []
    assert migrate.migrate(old, None).answers == old


def test_format_3_rows_validate_and_render_as_an_index(tmp_path: Path) -> None:
    """The migrated NKI row passes validation and the tender prints it without a percent."""
    from cc_rfp.core.bank import load_bank
    from cc_rfp.core.validate import validate_answers
    from cc_rfp.document.render import render_document

    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "  - csat\n  - ces\n  survey_owner", "  - nki\n  survey_owner"
    )
    assert "  - nki\n  survey_owner" in text
    path = tmp_path / "nki.yaml"
    path.write_text(text, encoding="utf-8")
    answers = load_answers(path, announce=False)
    rows = [r for r in answers.values["kpi_targets"] if r["kpi"] == "nki"]
    assert rows and "index" in rows[0] and "percent" not in rows[0]
    bank = load_bank()
    assert not [p for p in validate_answers(bank, answers) if "kpi_targets" in str(p)]
    document = render_document(bank, answers, lang="en", draft=True)
    line = next(x for x in document.splitlines() if "| Customer satisfaction index (NKI)" in x)
    assert "NKI is at least 85 (index points" in line and "%" not in line


# ------------------------------------------- 5. format 4: the purpose of seasonal and event peaks


def test_format_4_ranks_the_peaks_purpose_last_in_an_older_file() -> None:
    """Every choice must be ranked, so an older ranking gets ``peaks`` appended last: the order
    the consultant chose stays, nothing is put above it, and the step says so in one line."""
    old = ["satisfaction", "growth", "cost", "revenue", "development"]
    result = migrate.migrate({"buyer_name": "Elnät Norr AB", "purpose_ranking": old}, 3)
    assert result.answers["purpose_ranking"] == [*old, "peaks"]
    assert result.applied == [PEAKS_STEP]
    assert "peaks" in PEAKS_STEP and "last" in PEAKS_STEP
    assert old[-1] == "development"  # the input is not mutated
    # A ranking that has it already, an unknown, an empty list or none at all: nothing to do.
    assert migrate.migrate({"purpose_ranking": ["peaks", *old]}, 3).applied == []
    unknown = {"purpose_ranking": {"unknown": True, "note": "styrelsen beslutar i mars"}}
    assert migrate.migrate(unknown, 3).answers == unknown
    assert migrate.migrate({"purpose_ranking": []}, 3).applied == []
    assert migrate.migrate({"buyer_name": "x"}, 3).applied == []
    # A file of format 4 or without a header is today's form and is not touched.
    assert migrate.migrate({"purpose_ranking": old}, 4).applied == []
    assert migrate.migrate({"purpose_ranking": old}, None).answers == {"purpose_ranking": old}


def test_a_format_3_ranking_validates_after_the_step(tmp_path: Path) -> None:
    """Without the step, a five-item ranking is invalid against today's six choices."""
    from cc_rfp.core.bank import load_bank
    from cc_rfp.core.validate import validate_answers

    bank = load_bank()
    ranking = (
        "  purpose_ranking:\n  - cost\n  - satisfaction\n  - growth\n  - revenue\n  - development\n"
    )
    for fmt, expect_problem in ((3, False), (4, True)):
        path = tmp_path / f"format{fmt}.yaml"
        path.write_text(f"cc_rfp:\n  format: {fmt}\nanswers:\n{ranking}", encoding="utf-8")
        answers = load_answers(path, announce=False)
        problems = [str(p) for p in validate_answers(bank, answers) if "purpose_ranking" in str(p)]
        assert bool(problems) is expect_problem, problems
        if fmt == 3:
            assert answers.values["purpose_ranking"][-1] == "peaks"


@pytest.mark.parametrize(
    ("lang", "label", "sentence"),
    [
        ("sv", "Klara säsongs- och händelsetoppar (vinter, avbrott, kampanjer)", "Toppar är här"),
        (
            "en",
            "Handle seasonal and event peaks (winter, outages, campaigns)",
            "Peaks are a purpose",
        ),
    ],
)
def test_the_peaks_purpose_ranked_first_renders_its_text(
    tmp_path: Path, lang: str, label: str, sentence: str
) -> None:
    """The frozen example with peaks moved first: first in the ranking, and its own
    description and part 3's text on what the bid shows, in both languages."""
    from cc_rfp.core.bank import load_bank
    from cc_rfp.document.render import render_document

    path = tmp_path / "peaks.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    answers = load_answers(path, announce=False)
    rest = [p for p in answers.values["purpose_ranking"] if p != "peaks"]
    answers.values["purpose_ranking"] = ["peaks", *rest]
    answers.values["purpose_peaks"] = "Vintern: dubbelt så många medarbetare december–februari."
    document = render_document(load_bank(), answers, lang=lang, draft=True)
    assert f"1. {label}\n" in document
    meaning = document.index(f"**{label}.**")
    assert "Vintern: dubbelt så många medarbetare" in document[meaning : meaning + 400]
    text = document[meaning:].split("\n\n")
    shaped = next(x for x in text if x.startswith(sentence))
    assert "{ref:" not in shaped  # the cross-references are numbered
    # Peaks first means its text comes before every other purpose's description.
    bank = load_bank()
    others = [c for c in bank.choices(bank.questions["purpose_ranking"]) if c.value != "peaks"]
    assert meaning < min(document.index(f"**{c.label[lang]}.**") for c in others)
