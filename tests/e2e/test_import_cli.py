"""`cc-rfp import` as a user runs it: writing, confirming, refusing, keeping the file intact,
and `cc-rfp staffing` sizing every channel of a file the import filled."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import import_generators as gen
import pytest
import yaml
from conftest import REPO, assert_one_line_error, run_cli

from cc_rfp.core.answers import load_answers, save_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.core.validate import validate_answers

TARGETS = """\
# Hand-written: the opening hours and targets; the import adds the rest.
answers:
  buyer_name: Testbolaget AB  # kept as written
  channels: [phone]
  opening_hours:
    phone: {mon: 08:00-18:00, tue: 08:00-18:00, wed: 08:00-18:00, thu: 08:00-18:00,
            fri: 08:00-18:00, sat: 10:00-14:00, sun: closed}
    chat: {mon: 08:00-18:00, tue: 08:00-18:00, wed: 08:00-18:00, thu: 08:00-18:00,
           fri: 08:00-18:00, sat: closed, sun: closed}
    email: {mon: 08:00-17:00, tue: 08:00-17:00, wed: 08:00-17:00, thu: 08:00-17:00,
            fri: 08:00-17:00, sat: closed, sun: closed}
  kpi_targets:
  - {kpi: service_level, channel: phone, percent: 80, seconds: 20, level: mandatory,
     interval: day, reporting: daily}
  - {kpi: service_level, channel: chat, percent: 80, seconds: 60, level: mandatory,
     interval: day, reporting: daily}
  - {kpi: email_response, channel: email, percent: 90, hours: 8, level: mandatory,
     interval: day, reporting: daily}
"""


@pytest.fixture(scope="module")
def year() -> list[gen.Contact]:
    return gen.synthetic_year(seed=11, per_day=10, channels=("phone", "chat", "email"))


def test_import_fills_a_file_that_staffing_then_sizes(year, tmp_path: Path) -> None:
    export = gen.write_genesys(tmp_path / "queues.csv", year)
    answers = tmp_path / "answers.yaml"
    answers.write_text(TARGETS, encoding="utf-8")
    done = run_cli("import", str(export), "--into", str(answers), "--yes", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "Genesys Cloud" in done.stdout
    text = answers.read_text(encoding="utf-8")
    assert "# Hand-written: the opening hours" in text and "# kept as written" in text
    loaded = load_answers(answers)
    assert loaded.values["channels"] == ["phone", "chat", "email"]
    truth = gen.truth(year)
    for channel in ("phone", "chat", "email"):
        assert loaded.values[f"volume_{channel}"] == truth[channel]["monthly"]
    problems = validate_answers(load_bank(None), loaded)
    assert all(p.message == "is required but not answered" for p in problems), problems
    sources = yaml.safe_load(text)["sources"]["contact_history"]
    assert sources["files"][0]["file"] == "queues.csv"
    assert sources["files"][0]["profile"] == "genesys"
    assert sources["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert sources["channels"]["phone"]["offered"] == truth["phone"]["offered"]
    assert "volume_phone" in sources["filled"] and sources["findings"]

    sized = run_cli("staffing", str(answers), "--json", "--lang", "en")
    assert sized.returncode == 0, sized.stderr
    plan = json.loads(sized.stdout)
    names = json.dumps(plan)
    for channel in ("phone", "chat", "email"):
        assert f'"{channel}"' in names, channel
    assert not plan.get("missing"), plan.get("missing")


def test_a_second_import_replaces_its_record_and_an_interview_save_keeps_it(
    year, tmp_path: Path
) -> None:
    export = gen.write_pbx(tmp_path / "vaxel.csv", [c for c in year if c.channel == "phone"])
    answers = tmp_path / "answers.yaml"
    answers.write_text(TARGETS, encoding="utf-8")
    for _ in range(2):
        done = run_cli("import", str(export), "--into", str(answers), "--yes")
        assert done.returncode == 0, done.stderr
    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    assert list(data["sources"]) == ["contact_history"]
    loaded = load_answers(answers)
    loaded.values["buyer_name"] = "Annat AB"
    save_answers(answers, loaded, load_bank(None).order)
    again = yaml.safe_load(answers.read_text(encoding="utf-8"))
    assert again["sources"] == data["sources"]
    assert again["answers"]["buyer_name"] == "Annat AB"


def test_a_0_1_0_file_takes_an_import_and_still_loads(year, tmp_path: Path) -> None:
    answers = tmp_path / "old.yaml"
    shutil.copy(REPO / "tests" / "data" / "v0.1.0" / "answers-example.yaml", answers)
    bank = load_bank(None)
    before = validate_answers(bank, load_answers(answers, announce=False))
    export = gen.write_zendesk(tmp_path / "calls.csv", [c for c in year if c.channel == "phone"])
    done = run_cli("import", str(export), "--into", str(answers), "--yes")
    assert done.returncode == 0, done.stderr
    loaded = load_answers(answers, announce=False)
    assert loaded.values["volume_phone"] == gen.truth(year)["phone"]["monthly"]
    assert loaded.values["chat_concurrency"] is not None  # the rest kept
    after = validate_answers(bank, loaded)
    assert [p.message for p in after] == [p.message for p in before]


def test_without_a_terminal_and_without_yes_nothing_is_written(year, tmp_path: Path) -> None:
    export = gen.write_pbx(tmp_path / "vaxel.csv", [c for c in year if c.channel == "phone"])
    answers = tmp_path / "answers.yaml"
    answers.write_text(TARGETS, encoding="utf-8")
    before = answers.read_bytes()
    line = assert_one_line_error(run_cli("import", str(export), "--into", str(answers)))
    assert "--yes" in line
    assert answers.read_bytes() == before
    dry = run_cli("import", str(export), "--into", str(answers), "--dry-run")
    assert dry.returncode == 0 and answers.read_bytes() == before


def test_a_file_without_the_needed_columns_names_them_and_the_closest_profile(
    tmp_path: Path,
) -> None:
    export = tmp_path / "odd.csv"
    export.write_text("Kö;Besvarade;Samtalstid\nTel;3;120\n", encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(TARGETS, encoding="utf-8")
    before = answers.read_bytes()
    line = assert_one_line_error(run_cli("import", str(export), "--into", str(answers), "--yes"))
    assert "no column for" in line and "closest profile" in line and "--map" in line
    assert answers.read_bytes() == before


def test_unreadable_rows_are_named_all_at_once_with_their_lines(year, tmp_path: Path) -> None:
    export = gen.write_pbx(tmp_path / "vaxel.csv", [c for c in year if c.channel == "phone"][:50])
    lines = export.read_text(encoding="cp1252").splitlines()
    lines[3] = lines[3].replace(":", "x", 1)  # a broken time on line 4
    for n in range(10, 40):
        parts = lines[n].split(";")
        parts[5] = "lång"
        lines[n] = ";".join(parts)
    export.write_text("\n".join(lines) + "\n", encoding="cp1252")
    answers = tmp_path / "answers.yaml"
    line = assert_one_line_error(run_cli("import", str(export), "--into", str(answers), "--yes"))
    assert "31 rows cannot be read" in line
    assert "line 4: '" in line and "line 11: 'lång' is not a duration" in line
    assert "and 11 more" in line
    assert not answers.exists()


def test_an_unknown_queue_asks_for_its_channel(year, tmp_path: Path) -> None:
    export = gen.write_calabrio(tmp_path / "c.csv", [c for c in year if c.channel == "phone"])
    text = export.read_text(encoding="utf-8").replace("Support Tel", "Team Blå")
    export.write_text(text, encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    line = assert_one_line_error(run_cli("import", str(export), "--into", str(answers), "--yes"))
    assert '"Team Blå"' in line and "--channel" in line
    done = run_cli(
        "import", str(export), "--into", str(answers), "--yes", "--channel", "Team Blå=phone"
    )
    assert done.returncode == 0, done.stderr
