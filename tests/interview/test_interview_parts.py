"""The interview's small parts: the lock, charts, share scaling, parsing, its own strings, and
the refusal to run without a terminal."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cc_rfp.errors import InputError
from cc_rfp.interview.charts import bar_chart, chart, column_chart
from cc_rfp.interview.lock import AnswersLock, lock_path, pid_alive, read_holder
from cc_rfp.interview.prompts.hours import normalise_span
from cc_rfp.interview.prompts.scalar import parse_date
from cc_rfp.interview.prompts.table import split_row
from cc_rfp.interview.session import backup_path
from cc_rfp.interview.shares import normalise
from cc_rfp.interview.text import STRINGS

# ----------------------------------------------------------------- lock


def test_a_second_interview_on_the_same_file_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    with AnswersLock(answers):
        assert read_holder(lock_path(answers)) is not None
        with pytest.raises(InputError) as refused:
            AnswersLock(answers).acquire()
    message = str(refused.value)
    assert message.startswith(f"{answers}: another interview is using this file (PID {os.getpid()}")
    assert "answers.yaml.lock" in message
    assert "\n" not in message
    assert not lock_path(answers).exists()  # released on exit


def test_a_lock_held_by_another_process_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from cc_rfp.interview.lock import "
            "AnswersLock; lock = AnswersLock(Path(sys.argv[1])); lock.acquire(); "
            "print('held', flush=True); time.sleep(30)",
            str(answers),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(InputError, match=f"PID {holder.pid}"):
            AnswersLock(answers).acquire()
    finally:
        holder.kill()
        holder.wait()
    # The holder died without releasing: its lock is stale and is taken over.
    with AnswersLock(answers) as lock:
        assert lock.taken_over == holder.pid
        assert read_holder(lock_path(answers)) == (os.getpid(), read_holder(lock.path)[1])


def test_a_stale_lock_file_with_a_dead_pid_is_taken_over(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    assert not pid_alive(pid)
    lock_path(answers).write_text(f"{pid}\nsomewhere\n", encoding="utf-8")
    with AnswersLock(answers) as lock:
        assert lock.taken_over == pid
    assert not lock_path(answers).exists()


def test_an_unwritable_folder_gives_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot create the lock file"):
        AnswersLock(tmp_path / "missing" / "answers.yaml").acquire()


def test_backup_names_never_overwrite(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    assert backup_path(answers).name == "answers.yaml.bak"
    (tmp_path / "answers.yaml.bak").write_text("old", encoding="utf-8")
    second = backup_path(answers)
    assert re.fullmatch(r"answers\.yaml\.\d{8}-\d{6}\.bak", second.name)
    second.write_text("older", encoding="utf-8")
    assert backup_path(answers) not in (second, tmp_path / "answers.yaml.bak")


# ----------------------------------------------------------------- charts and shares


def test_bar_chart_fits_80_columns_and_scales() -> None:
    labels = ["Jan", "Feb", "Mar"]
    lines = bar_chart(labels, [100, 50, 0], lang="sv", unit="%", width=80)
    assert len(lines) == 3 and max(len(x) for x in lines) <= 80
    assert lines[0].count("█") == 2 * lines[1].count("█")
    assert "█" not in lines[2]
    assert lines[1].endswith("50 %")


def test_bar_chart_swedish_decimals() -> None:
    assert bar_chart(["a"], [12.5], lang="sv", unit="%")[0].endswith("12,5 %")


def test_column_chart_for_24_hours() -> None:
    labels = [f"{h:02d}–{h + 1:02d}" for h in range(24)]
    values = [0.0] * 8 + [10.0] * 9 + [5.0] * 2 + [0.0] * 5
    lines = chart(labels, values, lang="en", unit="%", width=80)
    assert lines == column_chart(labels, values, lang="en", unit="%")
    assert max(len(x) for x in lines) <= 80
    assert lines[-1].split() == [f"{h:02d}" for h in range(24)]


def test_chart_with_all_zeros() -> None:
    assert all("█" not in x for x in bar_chart(["a", "b"], [0, 0], lang="en"))


@given(st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=24))
def test_normalised_shares_add_up_exactly(counts: list[int]) -> None:
    if sum(counts) == 0:
        with pytest.raises(ValueError):
            normalise([float(c) for c in counts])
        return
    shares = normalise([float(c) for c in counts])
    assert round(sum(shares), 6) == 100
    assert all(s >= 0 for s in shares)
    for count, share in zip(counts, shares, strict=True):
        assert abs(share - count * 100 / sum(counts)) <= 0.1 + 1e-9


# ----------------------------------------------------------------- parsing what people type


@pytest.mark.parametrize(
    ("typed", "count", "expected"),
    [
        ("1 2 3", 3, ["1", "2", "3"]),
        ("1 200\t1 300\t900", 3, ["1 200", "1 300", "900"]),
        ("12,5; 13; 14", 3, ["12,5", "13", "14"]),
        ("10,20,30", 3, ["10", "20", "30"]),
        ("1 200 1 300", 2, ["1 200", "1 300"]),  # spaces group thousands
        ("21 000 19 500 16 000", 3, ["21 000", "19 500", "16 000"]),
        ("1 200 1 300", 3, None),
        ("1 2", 3, None),
    ],
)
def test_split_row(typed: str, count: int, expected: list[str] | None) -> None:
    assert split_row(typed, count) == expected


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("8-17", "08:00-17:00"),
        ("08:30–17", "08:30-17:00"),
        ("9.30-16.45", "09:30-16:45"),
        ("0-24", "00:00-24:00"),
        ("Stängt", "closed"),
        ("closed", "closed"),
        ("-", "closed"),
        ("nonsense", "nonsense"),
    ],
)
def test_normalise_span(typed: str, stored: str) -> None:
    assert normalise_span(typed) == stored


def test_parse_date() -> None:
    assert parse_date("2025-9-3").isoformat() == "2025-09-03"
    assert parse_date("2025.09.30").isoformat() == "2025-09-30"
    for bad in ("2025-13-01", "30/9/2025", "soon"):
        with pytest.raises(ValueError):
            parse_date(bad)


# ----------------------------------------------------------------- the interview's own words


def test_every_string_has_both_languages_and_the_same_placeholders() -> None:
    fields = string.Formatter()
    for key, texts in STRINGS.items():
        assert set(texts) == {"sv", "en"}, key
        names = {
            lang: {f for _, f, _, _ in fields.parse(text) if f} for lang, text in texts.items()
        }
        assert names["sv"] == names["en"], key


def test_every_string_used_exists() -> None:
    source = Path(__file__).resolve().parents[2] / "src" / "cc_rfp"
    used: set[str] = set()
    for path in [*source.joinpath("interview").rglob("*.py"), source / "commands" / "interview.py"]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+)\"", text))
        used |= set(re.findall(r"ui\.t\(\s*\"([a-z_]+)\"", text))
    assert used, "no strings found"
    assert used <= set(STRINGS), used - set(STRINGS)


def test_swedish_strings_are_swedish() -> None:
    assert STRINGS["legend"]["sv"].startswith("Tangenter")
    assert "vet inte än" in STRINGS["choice_unknown"]["sv"].lower()


# ----------------------------------------------------------------- no terminal


def test_without_a_terminal_the_command_points_to_render_and_validate(cli, tmp_path) -> None:
    from conftest import assert_one_line_error

    result = cli("interview", cwd=tmp_path)
    message = assert_one_line_error(result, 2)
    assert "needs a terminal" in message
    assert "cc-rfp render" in message and "cc-rfp validate" in message
    assert list(tmp_path.iterdir()) == []  # nothing was created
