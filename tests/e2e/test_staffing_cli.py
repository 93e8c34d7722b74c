"""``cc-rfp staffing`` as a user runs it: the installed command in a subprocess."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.conftest import EXAMPLE, assert_one_line_error, run_cli

KEYS = {
    "schema_version",
    "traffic_erlangs",
    "agents",
    "scheduled_agents",
    "service_level",
    "asa_seconds",
    "occupancy",
    "probability_of_waiting",
}
EXAMPLE_ARGS = ("--calls", "100", "--interval", "30", "--aht", "180", "--target", "80/20")


def one_json_object(stdout: str) -> dict:
    """stdout is exactly one JSON object (json.loads refuses trailing text)."""
    data = json.loads(stdout)
    assert isinstance(data, dict)
    return data


def test_direct_json_is_the_worked_example():
    result = run_cli("staffing", *EXAMPLE_ARGS, "--shrinkage", "30", "--json")
    assert result.returncode == 0, result.stderr
    data = one_json_object(result.stdout)
    assert set(data) == KEYS
    assert data["agents"] == 14
    assert data["scheduled_agents"] == 20
    assert data["service_level"] == 0.8884
    assert data["probability_of_waiting"] == 0.1741
    assert round(data["occupancy"], 3) == 0.714
    assert data["traffic_erlangs"] == 10.0


def test_direct_json_with_patience_adds_abandonment():
    result = run_cli("staffing", *EXAMPLE_ARGS, "--patience", "300", "--json")
    assert result.returncode == 0, result.stderr
    data = one_json_object(result.stdout)
    assert set(data) == KEYS | {"abandon_rate", "answer_rate"}
    assert data["abandon_rate"] + data["answer_rate"] == pytest.approx(1.0, abs=1e-4)
    assert 0 < data["abandon_rate"] < 0.05


def test_direct_interval_defaults_to_fifteen_minutes():
    result = run_cli("staffing", "--calls", "50", "--aht", "180", "--target", "80/20", "--json")
    assert one_json_object(result.stdout)["traffic_erlangs"] == 10.0


def test_direct_table_in_both_languages():
    english = run_cli("staffing", *EXAMPLE_ARGS, "--shrinkage", "30", "--lang", "en")
    assert english.returncode == 0, english.stderr
    assert "88.84%" in english.stdout and "Scheduled agents" in english.stdout
    swedish = run_cli("staffing", *EXAMPLE_ARGS, "--lang", "sv")
    assert "Servicegrad" in swedish.stdout and "88,84 %" in swedish.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--calls", "-5", "--aht", "180", "--target", "80/20"), "cannot be negative"),
        (("--calls", "50", "--aht", "180", "--target", "80/x"), "PCT/SECONDS"),
        (("--calls", "50", "--aht", "180", "--target", "80"), "PCT/SECONDS"),
        (("--calls", "50", "--aht", "180", "--target", "100/20"), "below 100"),
        (("--calls", "50", "--aht", "180", "--target", "80/20", "--shrinkage", "100"), "not 100"),
        (("--calls", "50", "--aht", "180"), "--target"),
        (("--calls", "many", "--aht", "180", "--target", "80/20"), "not a number"),
        (("--calls", "50", "--aht", "0", "--target", "80/20"), "more than 0"),
        (("--calls", "50", "--aht", "180", "--target", "80/20", "--interval", "0"), "interval"),
        (("--calls", "50", "--aht", "180", "--target", "80/20", "--max-abandon", "5"),
         "--patience"),
        (("--calls", "50", "--aht", "180", "--target", "80/20", "--max-occupancy", "120"),
         "at most 100"),
        ((), "answers file"),
        (("--calls", "1e12", "--aht", "300", "--target", "80/20"), "erlangs"),
        (("--calls", "50", "--aht", "180", "--target", "80/20", "--patience", "1e9"),
         "86400"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(args, words):
    line = assert_one_line_error(run_cli("staffing", *args))
    assert words in line


def write_answers(path, values, language="en"):
    path.write_text(
        yaml.safe_dump({"cc_rfp": {"format": 1, "language": language}, "answers": values}),
        encoding="utf-8",
    )
    return path


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
OFFICE = {d: "08:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")}
OFFICE |= {"sat": "closed", "sun": "closed"}
SMALL = {
    "channels": ["phone", "email"],
    "volume_phone": {m: 9000 for m in MONTHS},
    "volume_email": {m: 2000 for m in MONTHS},
    "aht_phone": 300,
    "aht_email": 420,
    "weekday_share": {"mon": 24, "tue": 20, "wed": 19, "thu": 19, "fri": 18, "sat": 0, "sun": 0},
    "intraday_share": {
        f"h{h:02d}": v
        for h, v in enumerate([0] * 8 + [10, 14, 14, 12, 10, 12, 12, 10, 6] + [0] * 7)
    },
    "opening_hours": {"phone": dict(OFFICE), "email": dict(OFFICE)},
    "kpi_targets": [
        {"kpi": "service_level", "channel": "phone", "percent": 80, "seconds": 20,
         "level": "mandatory"},
        {"kpi": "asa", "channel": "phone", "seconds": 60, "level": "mandatory"},
        {"kpi": "email_response", "channel": "email", "percent": 90, "hours": 24,
         "level": "mandatory"},
    ],
    "current_answer_rate": 93,
    "current_asa_seconds": 40,
}  # fmt: skip


def test_answers_file_json(tmp_path):
    path = write_answers(tmp_path / "answers.yaml", SMALL)
    result = run_cli("staffing", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = one_json_object(result.stdout)
    assert data["available"] is True and data["missing"] == []
    assert [c["channel"] for c in data["channels"]] == ["phone", "email"]
    assert data["channels"][0]["model"] == "erlang_a"
    assert data["totals"]["fte"] > 0
    assert any("60 s ASA target has no effect" in f["text"] for f in data["findings"])
    no_effect = [f for f in data["findings"] if f["code"] == "f_no_effect"]
    assert [(f["channel"], f["kpi"]) for f in no_effect] == [("phone", "asa")]
    assert data["schema_version"] == 2
    assert [r["key"] for r in data["sensitivity"]][1] == "base"


def test_answers_file_report(tmp_path):
    path = write_answers(tmp_path / "answers.yaml", SMALL)
    result = run_cli("staffing", str(path), "--interval", "30", "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Indicative staffing" in out
    assert "agents per weekday and hour" in out
    assert "Cost sensitivity" in out and "Volume +20%" in out
    assert "Each 30-minute interval" in " ".join(out.split())


def test_answers_file_flags_override_the_answers(tmp_path):
    path = write_answers(tmp_path / "answers.yaml", {**SMALL, "shrinkage_percent": 30})
    base = one_json_object(run_cli("staffing", str(path), "--json").stdout)
    more = one_json_object(run_cli("staffing", str(path), "--json", "--shrinkage", "40").stdout)
    assert base["shrinkage"] == 0.3 and more["shrinkage"] == 0.4
    assert more["totals"]["fte"] > base["totals"]["fte"]


def test_answers_file_without_figures(tmp_path):
    path = write_answers(tmp_path / "answers.yaml", {"channels": ["phone"]})
    line = assert_one_line_error(run_cli("staffing", str(path)))
    assert "volume_phone" in line and "opening_hours" in line


def test_answers_file_with_direct_flags_is_refused(tmp_path):
    path = write_answers(tmp_path / "answers.yaml", SMALL)
    line = assert_one_line_error(run_cli("staffing", str(path), "--calls", "10"))
    assert "--calls" in line
    line = assert_one_line_error(run_cli("staffing", str(path), "--interval", "7"))
    assert "--interval 7" in line
    assert "use one of 5, 10, 15, 20, 30, 60 minutes" in line  # never "use 15 or 30 (allowed: 5…)"


def test_missing_answers_file(tmp_path):
    assert_one_line_error(run_cli("staffing", str(tmp_path / "nope.yaml")))


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the example answers file is not there yet")
def test_the_example_answers_file():
    result = run_cli("staffing", str(EXAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    data = one_json_object(result.stdout)
    assert data["available"] and data["channels"]
    table = run_cli("staffing", str(EXAMPLE))
    assert table.returncode == 0 and "Traceback" not in table.stderr
