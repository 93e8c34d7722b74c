"""Answers that are each valid but contradict each other: validate warns, with line and ids."""

from __future__ import annotations

import yaml

from tests.conftest import EXAMPLE, run_cli

WEEK = {d: "08:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")}


def seeded(tmp_path):
    """The example with one of each contradiction seeded in."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    answers = data["answers"]
    answers["opening_hours"] = {
        channel: {**WEEK, "sat": "closed", "sun": "closed"} for channel in answers["channels"]
    }
    answers["email_response_clock"] = "calendar"
    answers["weekday_share"] = {
        "mon": 20,
        "tue": 20,
        "wed": 20,
        "thu": 20,
        "fri": 15,
        "sat": 0,
        "sun": 5,
    }
    shares = {f"h{h:02d}": 0 for h in range(24)}
    shares.update({f"h{h:02d}": 12.5 for h in range(9, 17)})  # 0 % at 08-09 while open
    shares["h09"] = 7.5
    shares["h03"] = 5  # volume at 03:00 with everything closed
    answers["intraday_share"] = shares
    rows = [r for r in answers["kpi_targets"] if r["kpi"] != "email_response"]
    rows.append(
        {
            "kpi": "email_response",
            "channel": "email",
            "percent": 90,
            "hours": 24,
            "level": "mandatory",
            "interval": "day",
            "reporting": "monthly",
        }
    )
    rows.append(dict(rows[0], percent=rows[0].get("percent", 80) - 10))  # a second target
    rows.append(
        {
            "kpi": "service_level",
            "channel": "chat",
            "percent": 100,
            "seconds": 30,
            "level": "mandatory",
            "interval": "day",
            "reporting": "monthly",
        }
    )
    answers["kpi_targets"] = rows
    answers.pop("sla_exceptions", None)
    path = tmp_path / "seeded.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_each_contradiction_is_a_warning_with_line_and_ids(tmp_path):
    path = seeded(tmp_path)
    result = run_cli("validate", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]

    def found(fragment: str, ids: str) -> str:
        hit = [w for w in warnings if ids in w and fragment in w]
        assert hit, (fragment, ids, warnings)
        number = int(hit[0].split(":")[1])
        assert 1 <= number <= len(lines)
        return lines[number - 1]

    assert "hours: 24" in found("round the clock", "email_response_clock, opening_hours.email")
    assert found("falls on Sundays", "weekday_share.sun").strip().startswith("sun:")
    assert found("every channel is closed then", "intraday_share.h03").strip().startswith("h03")
    assert found("is 0% 08:00–09:00", "intraday_share.h08").strip().startswith("h08")
    assert found("two different targets", "kpi_targets[")
    assert found("cannot be met by any number of agents", "kpi_targets[")


def test_strict_makes_warnings_fail(tmp_path):
    result = run_cli("validate", "--strict", str(seeded(tmp_path)))
    assert result.returncode == 1
    assert "--strict" in result.stderr


def test_the_example_has_its_one_real_contradiction():
    """The example's intraday curve is 0 % after 18:00 while chat is open until 20:00."""
    result = run_cli("validate", str(EXAMPLE))
    assert result.returncode == 0
    warnings = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and "intraday_share.h18–h19" in warnings[0]
