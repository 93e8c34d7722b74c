"""Staffing from what a client has (issue 12): no hourly curve, peak hours, flat or yearly
volumes, handling time from case types; and the bid manager's figures (day risk, shift fit,
minimum cover)."""

from __future__ import annotations

import copy
import json
import math
import random
from pathlib import Path

import jsonschema
import pytest

from cc_rfp.core.answers import Unknown, load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.staffing import profiles, risk
from cc_rfp.staffing.week import build_plan
from tests.conftest import REPO, run_cli
from tests.staffing.test_staffing_week import MONTHS, WEEKDAYS, answers, phone, render_annex

PARTIAL = REPO / "tests" / "data" / "partial-utility.yaml"
SCHEMA = json.loads((REPO / "src" / "cc_rfp" / "staffing" / "schema.json").read_text("utf-8"))


def test_partial_file_is_sized_with_its_assumptions_and_busiest_month():
    """The Done-when of issue 12: exit 0, the assumptions listed, the busiest month's FTE."""
    result = run_cli("staffing", str(PARTIAL), "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "The intraday or weekday curve is an assumption" in out
    assert "Assumption: the intraday shares are unknown (intraday_share)" in out
    assert "shaped by the stated peak hours 09–11" in out
    assert "has the same volume every month, 4,000 (volume_totals)" in out
    assert "handling time 420 s, the volume-weighted average of the case types" in out
    assert "January (busiest)" in out and "FTE per month" in out
    assert "Risk and allowances" in out and "shift fit adds" in out

    data = json.loads(run_cli("staffing", str(PARTIAL), "--json").stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["missing"] == [] and data["curves"]["intraday"] == "standard"
    assert data["curves"]["peak_hours"] == ["h09", "h10"]
    totals = data["totals"]
    assert len(totals["months"]) == 12 and totals["busiest_month"] == "jan"
    busiest = max(totals["months"], key=lambda r: r["fte"])
    assert busiest["month"] == "jan" and busiest["fte"] == pytest.approx(totals["peak_fte"], 0.01)
    email = next(c for c in data["channels"] if c["channel"] == "email")
    assert email["volume_source"] == "month" and email["aht_source"] == "case_types"
    assert {r["fte"] for r in email["months"]} == {email["fte"]}  # flat: every month alike
    codes = {a["code"] for a in data["assumptions"]}
    assert {"a_intraday_peak", "a_volume_month", "a_aht_cases"} <= codes
    checks = {c["code"] for c in data["checks"]}
    assert {"k_day_risk", "k_min_cover", "k_shift_fit"} <= checks


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_partial_file_annex_shows_the_same(lang):
    bank = load_bank()
    data = build_plan(bank, load_answers(PARTIAL), lang=lang).to_dict()
    text = render_annex(data, lang)
    busiest = next(r for r in data["totals"]["months"] if r["month"] == "jan")
    assert f"**{busiest['name']}**" in text
    intro = {"en": "**Assumption:**", "sv": "**Antagande:**"}[lang]
    assert intro in text
    for item in data["assumptions"] + data["checks"]:
        assert item["text"].split(":")[0] in text
    assert "intraday\\_share" in text


def test_peak_hours_bend_the_standard_curve():
    curve = profiles.intraday_profile([14, 15])
    assert curve[14] == curve[15] == max(curve)
    assert all(
        v <= profiles.NON_PEAK_CAP * max(curve) for h, v in enumerate(curve) if h not in (14, 15)
    )
    assert profiles.intraday_profile([]) == profiles.STANDARD_INTRADAY
    assert profiles.parse_peak_hours(["h09", "10", "x", 30]) == (9, 10)
    assert profiles.hour_ranges([9, 10, 14]) == [(9, 11), (14, 15)]


def test_peak_hours_decide_where_the_agents_go():
    base = answers(intraday_share=Unknown("no export"))
    early = phone(build_plan(None, {**base, "peak_hours": ["h09", "h10"]}, lang="en").to_dict())
    late = phone(build_plan(None, {**base, "peak_hours": ["h15", "h16"]}, lang="en").to_dict())

    def busiest_hour(channel):
        monday = channel["heatmap"]["agents"][0]
        return channel["heatmap"]["hours"][monday.index(max(monday))]

    assert busiest_hour(early) in ("09", "10") and busiest_hour(late) in ("15", "16")


def test_unknown_weekday_shares_use_the_standard_week():
    plan = build_plan(None, answers(weekday_share=Unknown("not measured")), lang="en")
    data = plan.to_dict()
    assert plan.available and data["curves"]["weekday"] == "standard"
    assert any(a["code"] == "a_weekday_standard" for a in data["assumptions"])


@pytest.mark.parametrize(
    ("per", "figure", "each"), [("month", 9000, 9000), ("year", 120000, 10000)]
)
def test_volume_totals_give_every_month(per, figure, each):
    values = answers(
        volume_phone=Unknown("rough only"),
        volume_totals=[{"channel": "phone", "volume": figure, "per": per}],
    )
    data = build_plan(None, values, lang="en").to_dict()
    channel = phone(data)
    assert channel["volume_source"] == per and channel["monthly_volume"] == pytest.approx(each)
    assert [r["volume"] for r in channel["months"]] == [each] * 12
    assert any(a["code"] == f"a_volume_{per}" for a in data["assumptions"])


def test_a_month_that_cannot_be_used_is_named_not_dropped_silently():
    volumes = {m: 9000 for m in MONTHS} | {"dec": "9000 9100"}
    plan = build_plan(None, answers(volume_phone=volumes), lang="en")
    found = [f for f in plan.to_dict()["findings"] if f["code"] == "u_months"]
    assert [f["values"]["months"] for f in found] == [["dec"]]
    assert "in volume_phone cannot be used" in found[0]["text"] and "11 months" in found[0]["text"]
    assert [u.code for u in plan.figures.unusable] == ["u_months"]


def test_a_channel_with_only_an_answer_rate_target_is_sized():
    rows = [{"kpi": "answer_rate", "channel": "phone", "percent": 90, "level": "mandatory"}]
    data = build_plan(None, answers(kpi_targets=rows), lang="en").to_dict()
    assert phone(data)["model"] == "erlang_a" and phone(data)["fte"] > 0


def test_handling_time_from_case_types_when_the_channels_own_is_unknown():
    rows = [
        {"name": "Invoices", "share": 60, "aht_seconds": 300, "channel": "phone"},
        {"name": "Moves", "share": 40, "aht_seconds": 450, "channel": "phone"},
    ]
    data = build_plan(None, answers(aht_phone=Unknown("?"), case_types=rows), lang="en").to_dict()
    assert (
        phone(data)["aht_seconds"] == pytest.approx(360)
        and phone(data)["aht_source"] == "case_types"
    )


# --------------------------------------------------------------------------- day risk


def test_poisson_tail():
    def exact(mean: float, above: int) -> float:
        log_mean = math.log(mean)
        terms = (math.exp(k * log_mean - mean - math.lgamma(k + 1)) for k in range(above + 1))
        return 1 - math.fsum(terms)

    assert risk.poisson_above(10, 10) == pytest.approx(exact(10, 10), rel=1e-9)
    # beyond a mean of 1,000 the normal approximation with continuity correction
    assert risk.poisson_above(4000, 4200) == pytest.approx(exact(4000, 4200), rel=0.1)
    assert risk.poisson_above(5, math.inf) == 0.0


def test_day_risk_grows_as_the_staffing_tightens():
    """A stricter target leaves more headroom at the same volume, so the day risk of the
    looser 80 % reading of that staffing falls; a bigger day halves the relative scatter."""
    plan = build_plan(None, answers(), lang="en")
    channel = plan.channels[0]
    week = channel.week
    risks = risk.day_risks(channel.channel, week, 0.8, 20)
    looser = risk.day_risks(channel.channel, week, 0.7, 20)
    assert all(0 <= r.poisson < 0.5 for r in risks)
    assert all(a.poisson >= b.poisson for a, b in zip(risks, looser, strict=True))
    day = [s for s in week if s.slot.day == 0]
    x = risks[0].threshold
    assert risk.day_service_level(channel.channel, day, 20, x) < 0.8
    assert risk.day_service_level(channel.channel, day, 20, x - 2 * risk.FACTOR_TOLERANCE) >= 0.8


def test_forecast_error_adds_to_the_risk():
    values = answers(forecast_accuracy_now=90)
    data = build_plan(None, values, lang="en").to_dict()
    days = phone(data)["day_risk"][0]["days"]
    assert all(d["probability_with_forecast_error"] >= d["probability"] - 1e-9 for d in days)
    assert any(c["code"] == "k_day_risk_forecast" for c in data["checks"])


# --------------------------------------------------------------------------- allowances


def _one_by_one(need: dict[int, int], interval: int) -> float:
    """The greedy shift cover laid one shift at a time (the reference for the batches)."""
    first, last = min(need), max(need) + 1
    shortest = max(1, round(risk.MIN_SHIFT_HOURS * 60 / interval))
    longest = max(shortest, round(risk.MAX_SHIFT_HOURS * 60 / interval))
    covered = dict.fromkeys(range(first, last), 0)
    total = 0
    for i in range(first, last):
        while covered[i] < need.get(i, 0):
            start, end = i, i + 1
            while end < last and end - start < longest and covered[end] < need.get(end, 0):
                end += 1
            end = max(end, min(last, start + shortest))
            start = max(first, min(start, end - shortest))
            for j in range(start, end):
                covered[j] += 1
            total += end - start
    return total * interval / 60


def test_shifts_laid_in_batches_equal_shifts_laid_one_by_one():
    rng = random.Random(12)
    for _ in range(300):
        interval = rng.choice([15, 30, 60])
        span = rng.randint(1, 24 * 60 // interval)
        start = rng.randint(0, 24 * 60 // interval - span)
        need = {start + i: rng.randint(0, 9) for i in range(span)}
        assert risk._shift_cover(need, interval) == _one_by_one(need, interval), need


def test_allowances_cover_the_need_and_state_minimum_cover():
    # Open from 07:00, where the curve has no share: the hour is staffed by the one-agent rule.
    hours = {d: ("07:00-17:00" if d not in ("sat", "sun") else "closed") for d in WEEKDAYS}
    values = answers(opening_hours={"phone": hours})
    plan = build_plan(None, values, lang="en")
    allowance = plan.channels[0].allowances
    assert allowance.minimum_cover_hours > 0 and allowance.shift_hours >= allowance.agent_hours
    data = plan.to_dict()
    assert phone(data)["allowances"]["minimum_cover_share"] > 0


def test_the_bid_figures_stay_bounded_on_huge_traffic():
    values = answers(volume_phone={m: 900_000_000 for m in MONTHS}, aht_phone=3000)
    data = build_plan(None, copy.deepcopy(values), lang="en").to_dict()
    assert phone(data)["fte"] > 0 and phone(data)["allowances"] is not None


def test_peak_hours_and_volume_totals_are_in_the_bank_with_existing_types():
    bank = load_bank()
    assert bank.questions["peak_hours"].type == "multichoice"
    assert [c.value for c in bank.choices(bank.questions["peak_hours"])] == [
        f"h{h:02d}" for h in range(24)
    ]
    assert bank.questions["volume_totals"].type == "records"
    assert Path(PARTIAL).exists()
